"""Sync page: the link to the registration system, a sync with progress and Cancel, and
the records the server did not accept, each with what to do next (in Persian)."""

from __future__ import annotations

import logging

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.sync import AttentionItem, Phase, Progress, SyncReport
from supervisor_app.services.trust_sync import TrustState, grouped
from supervisor_app.signing.trust import normalise_fingerprint

from ..fonts import TITLE_POINT_SIZE, emphasised
from ..sync_status import LinkStatus, SyncController
from ..text import Formatter, ltr
from .home import value_label

log = logging.getLogger(__name__)


class SyncPage(QWidget):
    """Connection and queue at the top, the running sync in the middle, problems below."""

    COLUMNS = 5  # kind, id, status, the server's reason, what to do

    def __init__(
        self, controller: SyncController, fmt: Formatter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._service = controller.service
        self._fmt = fmt
        self._attention: list[AttentionItem] = []

        title = QLabel(self.tr("Sync with the registration system"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))

        self.server_value = value_label()
        self.account_value = value_label()
        self.link_value = value_label()
        self.pending_value = value_label()
        self.last_sync_value = value_label()
        # The central CA's fingerprint, so an IT officer can compare it with the one the
        # central board announced, and the revocation list sealing depends on.
        self.ca_value = value_label()
        self.ca_value.setObjectName("syncTrustedCa")
        self.ca_value.setWordWrap(True)
        self.ca_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.crl_value = value_label()
        self.crl_value.setObjectName("syncCrl")
        self.crl_value.setWordWrap(True)
        form = QFormLayout()
        form.setHorizontalSpacing(24)
        form.addRow(self.tr("Server:"), self.server_value)
        form.addRow(self.tr("Signed in as:"), self.account_value)
        form.addRow(self.tr("Connection:"), self.link_value)
        form.addRow(self.tr("Waiting to be sent:"), self.pending_value)
        form.addRow(self.tr("Last sync:"), self.last_sync_value)
        form.addRow(self.tr("Central CA:"), self.ca_value)
        form.addRow(self.tr("Revocation list:"), self.crl_value)

        # Sign-in, shown while no account is signed in on this workstation.
        self.login_box = QWidget()
        self.login_server = QLineEdit()
        self.login_server.setPlaceholderText("http://127.0.0.1:8700")
        self.login_server.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.login_user = QLineEdit()
        self.login_user.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.login_password = QLineEdit()
        self.login_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_pin = QLineEdit()  # optional: then sync trusts only this central CA
        self.login_pin.setObjectName("loginCaFingerprint")
        self.login_pin.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.login_button = QPushButton(self.tr("Sign in"))
        self.login_button.clicked.connect(self.sign_in)
        login_form = QFormLayout(self.login_box)
        login_form.addRow(self.tr("Server address:"), self.login_server)
        login_form.addRow(self.tr("User name:"), self.login_user)
        login_form.addRow(self.tr("Password:"), self.login_password)
        login_form.addRow(self.tr("Central CA fingerprint (optional):"), self.login_pin)
        login_form.addRow("", self.login_button)

        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)

        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase_label = QLabel()
        self.result_label = QLabel()
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)

        attention_title = QLabel(self.tr("Not accepted by the server"))
        attention_title.setFont(emphasised(attention_title.font()))
        self.attention_table = QTableWidget(0, self.COLUMNS)
        self.attention_table.setObjectName("syncAttention")
        self.attention_table.setHorizontalHeaderLabels([
            self.tr("Record"), self.tr("Id"), self.tr("State"), self.tr("Server's reason"),
            self.tr("What to do"),
        ])
        self.attention_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attention_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attention_table.setWordWrap(True)
        header = self.attention_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty_attention = QLabel(self.tr("Nothing: the server accepted everything sent."))
        self.send_again_button = QPushButton(self.tr("Send again"))
        self.send_again_button.clicked.connect(self.send_again)

        # The page scrolls on a small screen (1366×768) instead of making the whole
        # window taller than the screen.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.login_box)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.result_label)
        layout.addSpacing(12)
        layout.addWidget(attention_title)
        layout.addWidget(self.empty_attention)
        layout.addWidget(self.attention_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.send_again_button)
        row.addStretch(1)
        layout.addLayout(row)

        controller.started.connect(self._on_started)
        controller.progressed.connect(self.show_progress)
        controller.finished.connect(self._on_finished)
        controller.status_changed.connect(self.show_status)
        self._show_account()
        self.refresh()

    # --- actions ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the problems list and ask the controller for a fresh link status."""
        self._show_account()
        try:
            self._attention = self._service.attention()
        except Exception:  # a slot must not raise: PyQt6 would abort the process
            log.exception("reading the outbox failed")
            self._attention = []
        self._fill_attention()
        self._controller.refresh()

    def sync_now(self) -> None:
        if self._controller.start_sync():
            self.result_label.clear()

    def cancel(self) -> None:
        self._controller.cancel()
        self.cancel_button.setEnabled(False)
        self.phase_label.setText(self.tr("Cancelling after the current step…"))

    def send_again(self) -> None:
        rows = sorted({index.row() for index in self.attention_table.selectedIndexes()})
        for row in rows:
            if 0 <= row < len(self._attention):
                try:
                    self._service.send_again(self._attention[row].id)
                except Exception:
                    log.exception("could not queue %s again", self._attention[row].id)
        self.refresh()

    def sign_in(self) -> None:
        server, user = self.login_server.text().strip(), self.login_user.text().strip()
        password = self.login_password.text()
        if not (server and user and password):
            self.result_label.setText(self.tr("Enter the server address, user name and password."))
            return
        pin = self.login_pin.text().strip()
        if pin:
            try:
                normalise_fingerprint(pin)
            except ValueError:
                self.result_label.setText(
                    self.tr("The fingerprint must have 64 hexadecimal digits."))
                return
        self.login_button.setEnabled(False)
        self.result_label.setText(self.tr("Signing in…"))
        session, service = self._service.auth, self._service

        def work() -> object:
            if pin:  # before the first sync, which takes the central CA from the server
                service.pin_ca(pin)
            return session.login(server, user, password)

        self._controller.run_in_background(work, self._signed_in, self._not_signed_in)

    # --- controller signals -----------------------------------------------------------------

    def _on_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.phase_label.setText(self.tr("Connecting to the server…"))

    def show_progress(self, progress: Progress) -> None:
        fmt = self._fmt
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        elif progress.phase is not Phase.DONE:
            self.progress.setRange(0, 0)
        names = {
            Phase.CONNECT: self.tr("Connecting to the server…"),
            Phase.PUSH: self.tr("Sending the queue"),
            Phase.REFERENCE: self.tr("Receiving reference data"),
            Phase.DOSSIERS: self.tr("Receiving dossiers"),
            Phase.RECORDS: self.tr("Receiving decisions, objections, reports and complaints"),
            Phase.DONE: self.tr("Finished"),
        }
        text = names[progress.phase]
        if progress.phase not in (Phase.CONNECT, Phase.DONE):
            if progress.total:
                text = self.tr("{phase}: {done} of {total}").format(
                    phase=text, done=fmt.number(progress.done), total=fmt.number(progress.total)
                )
            else:
                text = self.tr("{phase}: {done}").format(phase=text, done=fmt.number(progress.done))
        self.phase_label.setText(text)

    def _on_finished(self, result: object) -> None:
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        if isinstance(result, SyncReport):
            self.progress.setValue(1 if result.caught_up else 0)
            self.result_label.setText(self.describe(result))
        else:
            self.progress.setValue(0)
            reason = getattr(result, "message_fa", "") if self._fmt.persian else ""
            self.result_label.setText(
                reason or self.tr("The sync stopped because of an error; see the log.")
            )
        self.phase_label.clear()
        self.refresh()

    def show_status(self, status: LinkStatus) -> None:
        fmt = self._fmt
        state = status.state
        if status.online is None:
            self.link_value.setText(self.tr("Not signed in"))
        elif status.online:
            self.link_value.setText(self.tr("Online"))
        else:
            self.link_value.setText(self.tr("Offline: the queue is kept and sent later"))
        self.pending_value.setText(
            self.tr("{count} items").format(count=fmt.number(state.pending))
            if state.pending else self.tr("Nothing; everything has been sent")
        )
        if state.last_sync_at is None:
            self.last_sync_value.setText(self.tr("Never"))
        else:
            moment = fmt.local(state.last_sync_at)
            self.last_sync_value.setText(
                self.tr("{date} at {time}").format(date=fmt.date(moment), time=fmt.clock(moment))
            )
        self.show_trust(state.trust)
        if state.last_error and not self._controller.running:
            self.result_label.setText(self.tr("Last attempt: {error}").format(
                error=state.last_error))

    def show_trust(self, trust: TrustState | None) -> None:
        fmt = self._fmt
        if trust is None or trust.ca_fingerprint is None:
            pin = trust.pin if trust is not None else ""
            self.ca_value.setText(
                self.tr("None yet; only the CA with fingerprint {pin} will be accepted").format(
                    pin=ltr(grouped(pin))) if pin
                else self.tr("None yet; it arrives with the first sync"))
        else:
            shown = ltr(grouped(trust.ca_fingerprint))
            if trust.confirmed:
                text = self.tr("{fingerprint}\nConfirmed: it matches the fingerprint set on this "
                               "workstation.")
            elif trust.pin_mismatch:
                text = self.tr("{fingerprint}\nDoes not match the fingerprint set on this "
                               "workstation ({pin}); do not seal rulings and call the IT "
                               "officer.")
            else:
                text = self.tr("{fingerprint}\nAccepted on first use and not yet confirmed: "
                               "compare it with the fingerprint the central board announced.")
            self.ca_value.setText(text.format(fingerprint=shown, pin=ltr(grouped(trust.pin))))
        if trust is None or trust.crl_number is None:
            self.crl_value.setText(self.tr("None yet: rulings cannot be sealed"))
            return
        due = fmt.date(fmt.local(trust.crl_next_update).date()) if trust.crl_next_update else "-"
        number = fmt.number(trust.crl_number)
        self.crl_value.setText(
            self.tr("No. {number}, valid until {date}").format(number=number, date=due)
            if trust.crl_current else
            self.tr("No. {number} expired on {date}: rulings cannot be sealed until a newer "
                    "list arrives by sync").format(number=number, date=due))

    # --- text -------------------------------------------------------------------------------

    def describe(self, report: SyncReport) -> str:
        fmt = self._fmt
        sent = sum(report.pushed.get(k, 0) for k in ("created", "duplicate"))
        received = sum(report.pulled.values())
        if report.cancelled:
            return self.tr("Cancelled. What was received so far is kept; the next sync "
                           "continues from there.")
        if report.error:
            return self.tr("The sync did not finish: {reason} Nothing is lost; it will be "
                           "tried again.").format(reason=report.error_fa or report.error)
        text = self.tr("Done: {sent} items sent, {received} records received.").format(
            sent=fmt.number(sent), received=fmt.number(received))
        if report.needs_attention:
            text += " " + self.tr("{count} items were not accepted; see the list below.").format(
                count=fmt.number(report.needs_attention))
        return text

    def kind_name(self, kind: str) -> str:
        names = {
            "decision": self.tr("Qualification decision"),
            "objection": self.tr("Objection"),
            "observer_report": self.tr("Observer report"),
            "complaint": self.tr("Complaint"),
            "complaint_event": self.tr("Complaint history entry"),
            "ruling_import": self.tr("Ruling of another board"),
            "ruling_record": self.tr("Stored ruling record"),
            "trust_import": self.tr("Central CA certificate"),
            "certificate_import": self.tr("Member certificate"),
            "ruling": self.tr("Signed ruling"),
            "audit_head": self.tr("Audit log head"),
            "ledger_head": self.tr("Signed ledger head"),
            "branch": self.tr("Branch (imported)"),
            "observer": self.tr("Observer (imported)"),
        }
        return names.get(kind, kind)

    # --- internals --------------------------------------------------------------------------

    def _show_account(self) -> None:
        settings = self._service.auth.settings
        signed_in = bool(settings.server_url and settings.username)
        self.server_value.setText(ltr(settings.server_url) if settings.server_url
                                  else self.tr("Not set"))
        self.account_value.setText(
            self.tr("{user} (board {board})").format(user=ltr(settings.username),
                                                    board=ltr(settings.board_id or "-"))
            if signed_in else self.tr("Not signed in")
        )
        self.login_box.setVisible(not signed_in)
        self.sync_button.setEnabled(signed_in and not self._controller.running)
        if not settings.server_url or self.login_server.text():
            return
        self.login_server.setText(settings.server_url)

    def _fill_attention(self) -> None:
        fmt = self._fmt
        table = self.attention_table
        table.setRowCount(len(self._attention))
        states = {"conflict": self.tr("Conflict"), "rejected": self.tr("Rejected"),
                  "not_imported": self.tr("Not imported")}
        for row, item in enumerate(self._attention):
            reason = item.message_fa if fmt.persian and item.message_fa else item.message
            advice = item.advice_fa if fmt.persian else item.advice
            cells = [self.kind_name(item.kind), ltr(item.id), states.get(item.status, item.status),
                     reason, advice]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(row, column, cell)
        table.resizeRowsToContents()
        has_items = bool(self._attention)
        table.setVisible(has_items)
        self.send_again_button.setVisible(has_items)
        self.empty_attention.setVisible(not has_items)

    def _signed_in(self, signed: object) -> None:
        self.login_button.setEnabled(True)
        self.login_password.clear()
        self.result_label.setText(self.tr("Signed in. Syncing…"))
        self._show_account()
        self._controller.start_sync()

    def _not_signed_in(self, exc: Exception) -> None:
        self.login_button.setEnabled(True)
        reason = getattr(exc, "message_fa", "") if self._fmt.persian else ""
        self.result_label.setText(
            self.tr("Could not sign in: {reason}").format(reason=reason or str(exc))
        )
