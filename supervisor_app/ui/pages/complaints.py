"""Complaints page: the list, the registration form, one complaint's history and actions.

Keyboard first: Ctrl+N opens the registration form with the cursor in the complainant's
name, Tab walks the fields in reading order, Enter registers. An anonymous complaint is
refused on the spot with the reason. The detail pane shows the complaint's append-only
history and the actions of the board now handling it: assign, add a note, link a report
or branch, escalate to the higher board, and draft the ruling (which then opens on the
Rulings page for the members' signatures).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PyQt6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PyQt6.QtGui import QKeySequence, QShortcut
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.complaints import ComplaintEvent, ComplaintEventKind
from supervisor_app.domain.election_day import ComplainantKind, ComplaintStatus
from supervisor_app.domain.jalali import JalaliDateError, format_jalali, parse_jalali_datetime
from supervisor_app.domain.rulings import ComplaintOutcome, RulingStatus
from supervisor_app.services.complaints import ComplaintDetail, ComplaintEntry
from supervisor_app.store import NotFound

from ..fonts import TITLE_POINT_SIZE, emphasised
from ..text import Formatter, ltr
from .rulings import ruling_status_labels

if TYPE_CHECKING:
    from supervisor_app.services.complaints import ComplaintService
    from supervisor_app.services.rulings import RulingService

    from ..tasks import TaskRunner

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 6


def complaint_status_labels() -> dict[ComplaintStatus, str]:
    S = ComplaintStatus
    # Written out in full: pylupdate6 only extracts literal translate() calls.
    return {
        S.REGISTERED: QCoreApplication.translate("ComplaintStatus", "Registered"),
        S.ASSIGNED: QCoreApplication.translate("ComplaintStatus", "Assigned"),
        S.INVESTIGATING: QCoreApplication.translate("ComplaintStatus", "Under investigation"),
        S.ESCALATED: QCoreApplication.translate("ComplaintStatus", "Escalated"),
        S.DECIDED: QCoreApplication.translate("ComplaintStatus", "Decided"),
        S.REJECTED: QCoreApplication.translate("ComplaintStatus", "Rejected (not admissible)"),
    }


def complainant_kind_labels() -> dict[ComplainantKind, str]:
    K = ComplainantKind
    return {
        K.CANDIDATE: QCoreApplication.translate("ComplainantKind", "Candidate"),
        K.OBSERVER: QCoreApplication.translate("ComplainantKind", "Observer"),
        K.CITIZEN: QCoreApplication.translate("ComplainantKind", "Citizen"),
    }


def outcome_labels() -> dict[ComplaintOutcome, str]:
    O = ComplaintOutcome  # noqa: E741 - the enum, as in the other label tables
    return {
        O.DISMISSED: QCoreApplication.translate("ComplaintOutcome", "Dismiss the complaint"),
        O.UPHELD: QCoreApplication.translate("ComplaintOutcome", "Uphold the complaint"),
        O.RECOUNT: QCoreApplication.translate("ComplaintOutcome", "Recount"),
        O.ANNULMENT: QCoreApplication.translate(
            "ComplaintOutcome", "Annul branches or ballot boxes (needs the central board)"
        ),
        O.JUDICIAL_REFERRAL: QCoreApplication.translate(
            "ComplaintOutcome", "Refer to the judiciary"
        ),
    }


def event_labels() -> dict[ComplaintEventKind, str]:
    E = ComplaintEventKind
    return {
        E.REGISTERED: QCoreApplication.translate("ComplaintEventKind", "Registered"),
        E.ASSIGNED: QCoreApplication.translate("ComplaintEventKind", "Assigned to"),
        E.NOTE: QCoreApplication.translate("ComplaintEventKind", "Investigation note"),
        E.REPORT_LINKED: QCoreApplication.translate("ComplaintEventKind", "Report linked"),
        E.BRANCH_LINKED: QCoreApplication.translate("ComplaintEventKind", "Branch linked"),
        E.ESCALATED: QCoreApplication.translate("ComplaintEventKind", "Escalated to"),
        E.DECIDED: QCoreApplication.translate("ComplaintEventKind", "Decided by ruling"),
        E.REOPENED: QCoreApplication.translate("ComplaintEventKind", "Reopened for a new ruling"),
    }


def ruling_state_text(status: RulingStatus | None) -> str:
    """How a complaint's ruling stands; an annulment waits for the central board."""
    if status is None:
        return "—"
    if status is RulingStatus.AWAITING_APPROVAL:
        return QCoreApplication.translate("ComplaintsPage", "Awaiting the central board's approval")
    return ruling_status_labels()[status]


class ComplaintsPage(QWidget):
    """The complaints list beside either the registration form or one complaint's detail."""

    def __init__(
        self,
        complaints: ComplaintService,
        fmt: Formatter,
        *,
        rulings: RulingService | None = None,
        tasks: TaskRunner | None = None,
        open_ruling: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = complaints
        self._rulings = rulings
        self._tasks = tasks
        self._open_ruling = open_ruling
        self._fmt = fmt
        self._entries: list[ComplaintEntry] = []
        self._detail: ComplaintDetail | None = None
        self._status_labels = complaint_status_labels()
        self._event_labels = event_labels()

        title = QLabel(self.tr("Complaints"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))
        self.new_button = QPushButton(self.tr("New complaint"))
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.show_form)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show complaints"))
        self.status_filter.addItem(self.tr("All complaints"), None)
        for status, label in self._status_labels.items():
            self.status_filter.addItem(label, status.value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.message_label = QLabel()
        self.message_label.setObjectName("complaintsMessage")
        self.message_label.setWordWrap(True)

        top = QHBoxLayout()
        for w in (self.new_button, self.refresh_button, self.status_filter):
            top.addWidget(w)
        top.addStretch(1)

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("complaintsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Complainant"),
                self.tr("Constituency"),
                self.tr("Filed"),
                self.tr("Status"),
                self.tr("Decision due"),
                self.tr("Ruling"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)

        self.side = QStackedWidget()
        self.form = self._build_form()
        self.detail = self._build_detail()
        self.side.addWidget(self.form)
        # The history and the actions may be taller than the window: they scroll.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setWidget(self.detail)
        self.side.addWidget(self.detail_scroll)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(splitter, 1)

        new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_shortcut.activated.connect(self.show_form)
        self._shortcuts = [new_shortcut]
        self.side.setCurrentWidget(self.form)
        self._reset_received()

    # --- the registration form ------------------------------------------------------------

    def _build_form(self) -> QWidget:
        box = QGroupBox(self.tr("Register a complaint"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("complainantName")
        self.national_id_edit = QLineEdit()
        self.national_id_edit.setObjectName("complainantNationalId")
        self.national_id_edit.setMaxLength(20)
        self.kind_combo = QComboBox()
        for kind, label in complainant_kind_labels().items():
            self.kind_combo.addItem(label, kind.value)
        self.constituency_combo = QComboBox()
        self.constituency_combo.currentIndexChanged.connect(self._show_deadline)
        self.branches_edit = QLineEdit()
        self.branches_edit.setPlaceholderText(self.tr("Branch codes, separated by commas"))
        self.subject_edit = QPlainTextEdit()
        self.subject_edit.setObjectName("complaintSubject")
        self.subject_edit.setTabChangesFocus(True)  # Tab moves on, as in the other fields
        self.subject_edit.setMaximumHeight(120)
        # When the board received it (a paper complaint may be keyed in the next morning):
        # the deadline is checked against it. Untouched, it is "now" at registration.
        self.received_edit = QLineEdit()
        self.received_edit.setObjectName("complaintReceivedAt")
        self.received_edit.setAccessibleName(self.tr("Received on (Jalali date and time)"))
        self.received_edit.setToolTip(self.tr("Jalali date and time, e.g. 1405/02/11 09:30"))
        self.received_edit.textEdited.connect(self._received_typed)
        self._received_touched = False
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.form_error = QLabel()
        self.form_error.setObjectName("complaintFormError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b00020;")
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.setDefault(True)
        self.register_button.setAutoDefault(True)
        self.register_button.clicked.connect(self.register)
        for edit in (
            self.name_edit,
            self.national_id_edit,
            self.branches_edit,
            self.received_edit,
        ):
            edit.returnPressed.connect(self.register)

        form = QFormLayout(box)
        form.addRow(self.tr("Complainant's name"), self.name_edit)
        form.addRow(self.tr("National id"), self.national_id_edit)
        form.addRow(self.tr("Complainant is a"), self.kind_combo)
        form.addRow(self.tr("Constituency"), self.constituency_combo)
        form.addRow(self.tr("Branches"), self.branches_edit)
        form.addRow(self.tr("Subject"), self.subject_edit)
        form.addRow(self.tr("Received on"), self.received_edit)
        form.addRow(self.deadline_label)
        form.addRow(self.form_error)
        form.addRow(self.register_button)
        for first, second in (
            (self.name_edit, self.national_id_edit),
            (self.national_id_edit, self.kind_combo),
            (self.kind_combo, self.constituency_combo),
            (self.constituency_combo, self.branches_edit),
            (self.branches_edit, self.subject_edit),
            (self.subject_edit, self.received_edit),
            (self.received_edit, self.register_button),
        ):
            QWidget.setTabOrder(first, second)
        return box

    def show_form(self) -> None:
        """Ctrl+N: an empty form with the cursor in the complainant's name."""
        if self.constituency_combo.count() == 0:
            self._fill_constituencies()
        for edit in (self.name_edit, self.national_id_edit, self.branches_edit):
            edit.clear()
        self.subject_edit.clear()
        self._reset_received()
        self.form_error.clear()
        self.side.setCurrentWidget(self.form)
        self.name_edit.setFocus()

    def _reset_received(self) -> None:
        self._received_touched = False
        self.received_edit.setText(
            format_jalali(self._service.now(), with_time=True, persian_digits=self._fmt.persian)
        )

    def _received_typed(self, _text: str) -> None:
        self._received_touched = True

    def _received_at(self) -> datetime | None:
        """The typed time (Tehran wall clock), or None for "now" when left as it was;
        raises ValueError with the Persian or English message when it is not a time."""
        if not self._received_touched:
            return None
        try:
            return parse_jalali_datetime(self.received_edit.text())
        except JalaliDateError:
            raise ValueError(
                self.tr(
                    "The date received is not a valid Jalali date and time; write it like "
                    "1405/02/11 09:30."
                )
            ) from None

    def _fill_constituencies(self) -> None:
        try:
            choices = self._service.constituency_choices()
        except Exception:
            log.exception("reading the constituencies failed")
            return
        self.constituency_combo.blockSignals(True)
        self.constituency_combo.clear()
        for code, name in choices:
            self.constituency_combo.addItem(f"{name} ({ltr(code)})", code)
        self.constituency_combo.blockSignals(False)
        self._show_deadline()

    def _show_deadline(self) -> None:
        code = self.constituency_combo.currentData()
        due = self._service.filing_deadline(code) if code else None
        if due is None:
            self.deadline_label.setText("")
            return
        self.deadline_label.setText(
            self.tr("Complaints for this constituency are accepted until {date}.").format(
                date=self._fmt.date(due)
            )
        )

    def register(self) -> None:
        branches = [b.strip() for b in self.branches_edit.text().replace("،", ",").split(",")]
        try:
            received_at = self._received_at()
        except ValueError as exc:
            self.form_error.setText(str(exc))
            self.received_edit.setFocus()
            return
        try:
            complaint = self._service.register(
                complainant_name=self.name_edit.text(),
                complainant_national_id=self.national_id_edit.text(),
                complainant_kind=ComplainantKind(self.kind_combo.currentData()),
                subject=self.subject_edit.toPlainText(),
                constituency_code=self.constituency_combo.currentData() or "",
                branch_codes=[b for b in branches if b],
                filed_at=received_at,
            )
        except Exception as exc:  # a slot must not raise: PyQt6 would abort the process
            self.form_error.setText(self._error_text(exc))
            return
        self.form_error.clear()
        if complaint.status is ComplaintStatus.REJECTED and complaint.filed_on_deadline:
            self.message_label.setText(
                self.tr(
                    "Recorded as not admissible: the deadline for complaints was {date}."
                ).format(date=self._fmt.date(complaint.filed_on_deadline))
            )
        else:
            self.message_label.setText(self.tr("Complaint registered."))
        self.refresh(select=complaint.id)

    # --- the detail pane ------------------------------------------------------------------

    def _build_detail(self) -> QWidget:
        pane = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("complaintSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_list = QListWidget()
        self.history_list.setObjectName("complaintHistory")
        self.history_list.setWordWrap(True)
        self.history_list.setMinimumHeight(180)

        self.member_combo = QComboBox()
        self.assign_button = QPushButton(self.tr("Assign"))
        self.assign_button.clicked.connect(self.assign)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Investigation note"))
        self.note_edit.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.clicked.connect(self.add_note)
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText(self.tr("Report id or branch code"))
        self.link_report_button = QPushButton(self.tr("Link report"))
        self.link_report_button.clicked.connect(self.link_report)
        self.link_branch_button = QPushButton(self.tr("Link branch"))
        self.link_branch_button.clicked.connect(self.link_branch)
        self.escalate_edit = QLineEdit()
        self.escalate_edit.setPlaceholderText(self.tr("Why it goes to the higher board"))
        self.escalate_button = QPushButton(self.tr("Escalate"))
        self.escalate_button.clicked.connect(self.escalate)

        self.outcome_combo = QComboBox()
        for outcome, label in outcome_labels().items():
            self.outcome_combo.addItem(label, outcome.value)
        self.reasoning_edit = QPlainTextEdit()
        self.reasoning_edit.setTabChangesFocus(True)
        self.reasoning_edit.setMaximumHeight(90)
        self.article_edit = QLineEdit()
        self.article_edit.setPlaceholderText(self.tr("Article"))
        self.clause_edit = QLineEdit()
        self.clause_edit.setPlaceholderText(self.tr("Clause"))
        self.annul_edit = QLineEdit()
        self.annul_edit.setPlaceholderText(self.tr("Branches or boxes to annul (commas)"))
        self.draft_button = QPushButton(self.tr("Draft ruling…"))
        self.draft_button.clicked.connect(self.draft_ruling)
        self.draft_button.setEnabled(self._rulings is not None)

        def row(*widgets: QWidget) -> QHBoxLayout:
            line = QHBoxLayout()
            for w in widgets:
                line.addWidget(w)
            return line

        actions = QFormLayout()
        actions.addRow(self.tr("Member"), row(self.member_combo, self.assign_button))
        actions.addRow(self.tr("Note"), row(self.note_edit, self.note_button))
        actions.addRow(
            self.tr("Link"), row(self.link_edit, self.link_report_button, self.link_branch_button)
        )
        actions.addRow(self.tr("Escalate"), row(self.escalate_edit, self.escalate_button))
        ruling_box = QGroupBox(self.tr("Ruling"))
        ruling_form = QFormLayout(ruling_box)
        ruling_form.addRow(self.tr("Outcome"), self.outcome_combo)
        ruling_form.addRow(self.tr("Reasoning"), self.reasoning_edit)
        ruling_form.addRow(self.tr("Legal basis"), row(self.article_edit, self.clause_edit))
        ruling_form.addRow(self.tr("Annul"), self.annul_edit)
        ruling_form.addRow(self.draft_button)

        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history_list, 1)
        layout.addLayout(actions)
        layout.addWidget(ruling_box)
        return pane

    def show_detail(self, complaint_id: str) -> None:
        try:
            detail = self._service.detail(complaint_id)
            members = self._service.assignable_members(complaint_id)
        except Exception as exc:
            self.message_label.setText(self._error_text(exc))
            return
        self._detail = detail
        fmt = self._fmt
        entry = detail.entry
        c = entry.complaint
        lines = [
            f"<b>{c.complainant_name}</b> ({fmt.identifier(c.complainant_national_id)}) — "
            f"{complainant_kind_labels()[c.complainant_kind]}",
            c.subject,
            self.tr("Status: {status}; handled by {board}").format(
                status=self._status_labels[c.status], board=entry.handling_board_name
            ),
            self.tr("Received on {date}").format(
                date=f"{fmt.date(fmt.local(c.filed_at).date())} {fmt.clock(fmt.local(c.filed_at))}"
            ),
        ]
        if detail.filing_deadline:
            lines.append(
                self.tr("Deadline for complaints: {date}").format(
                    date=fmt.date(detail.filing_deadline)
                )
            )
        if entry.ruling_status is not None:
            lines.append(
                self.tr("Ruling: {state}").format(state=ruling_state_text(entry.ruling_status))
            )
        self.summary_label.setText("<br>".join(lines))
        self.history_list.clear()
        for event in detail.history:
            self.history_list.addItem(self._history_text(event))
        self.member_combo.clear()
        for m in members:
            self.member_combo.addItem(m.full_name, m.id)
        open_ = c.status not in (ComplaintStatus.DECIDED, ComplaintStatus.REJECTED)
        mine = self._service.board_id is None or entry.handling_board_id == self._service.board_id
        for w in (
            self.assign_button,
            self.note_button,
            self.link_report_button,
            self.link_branch_button,
            self.escalate_button,
        ):
            w.setEnabled(open_ and mine)
        self.draft_button.setEnabled(self._rulings is not None and open_ and mine)
        self.side.setCurrentWidget(self.detail_scroll)

    def _history_text(self, e: ComplaintEvent) -> str:
        fmt = self._fmt
        local = fmt.local(e.at)
        when = f"{fmt.date(local.date())} {fmt.clock(local)}"
        label = self._event_labels[e.kind]
        if e.kind is ComplaintEventKind.REGISTERED and e.target == ComplaintStatus.REJECTED:
            label = self._status_labels[ComplaintStatus.REJECTED]
        detail = e.text
        if e.kind in (
            ComplaintEventKind.REPORT_LINKED,
            ComplaintEventKind.BRANCH_LINKED,
            ComplaintEventKind.ESCALATED,
        ):
            detail = " ".join(x for x in (ltr(e.target or ""), e.text) if x)
        elif e.kind is ComplaintEventKind.DECIDED:
            detail = ""
        return " — ".join(x for x in (when, label, detail, e.actor) if x)

    # --- actions --------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return str(cell.data(ID_ROLE)) if cell is not None else None

    def _act(self, fn: Callable[[str], Any], done: str) -> bool:
        """Run one action on the selected complaint; False (with the reason shown) if it
        failed, so the caller keeps what the user typed."""
        complaint_id = self.selected_id()
        if complaint_id is None:
            return False
        try:
            fn(complaint_id)
        except Exception as exc:
            self.message_label.setText(self._error_text(exc))
            return False
        self.message_label.setText(done)
        self.refresh(select=complaint_id)
        return True

    def assign(self) -> None:
        member = self.member_combo.currentData()
        if member:
            self._act(lambda cid: self._service.assign(cid, member), self.tr("Assigned."))

    def add_note(self) -> None:
        text = self.note_edit.text()
        if self._act(lambda cid: self._service.add_note(cid, text), self.tr("Note added.")):
            self.note_edit.clear()

    def link_report(self) -> None:
        value = self.link_edit.text().strip()
        if value:
            self._act(lambda cid: self._service.link_report(cid, value), self.tr("Report linked."))

    def link_branch(self) -> None:
        value = self.link_edit.text().strip()
        if value:
            self._act(lambda cid: self._service.link_branch(cid, value), self.tr("Branch linked."))

    def escalate(self) -> None:
        reason = self.escalate_edit.text()
        self._act(
            lambda cid: self._service.escalate(cid, reason), self.tr("Sent to the higher board.")
        )

    def draft_ruling(self) -> None:
        """Draft the ruling with every present voting member; it opens on the Rulings page."""
        complaint_id = self.selected_id()
        board = self._service.board_id
        if complaint_id is None or self._rulings is None or board is None:
            return
        try:
            present = [m.id for m in self._service.assignable_members(complaint_id) if m.votes]
            article, clause = self.article_edit.text().strip(), self.clause_edit.text().strip()
            annul = [b.strip() for b in self.annul_edit.text().replace("،", ",").split(",")]
            ruling = self._rulings.draft_complaint_ruling(
                complaint_id,
                ComplaintOutcome(self.outcome_combo.currentData()),
                board_id=board,
                reasoning=self.reasoning_edit.toPlainText(),
                legal_basis=[LegalBasis(article, clause)] if article else [],
                present_member_ids=present,
                annulled_branches=[b for b in annul if b],
            )
        except Exception as exc:
            self.message_label.setText(self._error_text(exc))
            return
        self.message_label.setText(
            self.tr("Ruling drafted; the members sign it on the Rulings page.")
        )
        self.refresh(select=complaint_id)
        if self._open_ruling is not None:
            self._open_ruling(ruling.id)

    # --- the list -------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        select = select or self.selected_id()
        value = self.status_filter.currentData()
        status = ComplaintStatus(value) if value else None
        if self._tasks is None:
            try:
                entries = self._service.list_complaints(status)
            except Exception as exc:
                self._failed(exc)
                return
            self._fill(entries, select)
            return
        self._tasks.submit(
            lambda: self._service.list_complaints(status),
            lambda entries: self._fill(entries, select),
            self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        log.error("listing complaints failed: %s", exc)
        self.message_label.setText(self.tr("The complaints could not be read; see the log."))

    def _fill(self, entries: list[ComplaintEntry], select: str | None) -> None:
        self._entries = entries
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        selected_row = None
        for row, entry in enumerate(entries):
            for column, text in enumerate(self._cells(entry)):
                cell = QTableWidgetItem(text)
                if column == 0:
                    cell.setData(ID_ROLE, entry.complaint.id)
                self.table.setItem(row, column, cell)
            if entry.complaint.id == select:
                selected_row = row
        self.table.blockSignals(False)
        if selected_row is not None:
            self._select_row(selected_row)
            self.show_detail(entries[selected_row].complaint.id)
        if not entries and not self.message_label.text():
            self.message_label.setText(
                self.tr("No complaints yet. Press Ctrl+N to register a written complaint.")
            )

    def _cells(self, entry: ComplaintEntry) -> list[str]:
        fmt = self._fmt
        c = entry.complaint
        return [
            c.complainant_name,
            entry.constituency_name,
            fmt.date(fmt.local(c.filed_at).date()),
            self._status_labels[c.status],
            self.countdown(entry),
            ruling_state_text(entry.ruling_status),
        ]

    def countdown(self, entry: ComplaintEntry) -> str:
        fmt = self._fmt
        if entry.decision_due is None or entry.days_left is None:
            return "—"
        due = fmt.date(entry.decision_due)
        if entry.days_left > 0:
            return self.tr("{due} ({days} days left)").format(
                due=due, days=fmt.number(entry.days_left)
            )
        if entry.days_left == 0:
            return self.tr("{due} (due today)").format(due=due)
        return self.tr("{due} ({days} days overdue)").format(
            due=due, days=fmt.number(-entry.days_left)
        )

    def row_texts(self, row: int) -> list[str]:
        return [self.table.item(row, c).text() for c in range(COLUMNS)]  # type: ignore[union-attr]

    def _select_row(self, row: int) -> None:
        model = self.table.selectionModel()
        assert model is not None
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
            | QItemSelectionModel.SelectionFlag.Current
        )
        model.setCurrentIndex(self.table.model().index(row, 0), flags)  # type: ignore[union-attr]

    def _on_selection(self) -> None:
        complaint_id = self.selected_id()
        if complaint_id is not None:
            self.show_detail(complaint_id)

    def _error_text(self, exc: BaseException) -> str:
        """What to tell the user: the error's Persian message in the Persian UI; never
        an English reason inside a Persian sentence (the details go to the log)."""
        persian = getattr(exc, "message_fa", "")
        if not self._fmt.persian:
            return str(exc)
        if persian:
            return persian
        log.warning("complaint action failed: %s", exc, exc_info=exc)
        if isinstance(exc, NotFound):
            return self.tr(
                "What this refers to is not on this workstation (yet). Sync, then try again."
            )
        return self.tr(
            "The operation failed. Try again; if it fails again, call the IT officer (the "
            "details are in the log)."
        )
