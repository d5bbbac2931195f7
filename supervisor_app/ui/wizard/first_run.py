"""The first-run wizard (Persian, right to left): from an empty data directory to a
workstation that is signed in, knows its board and member, and has a signing key.

Pages: where the data comes from (a server, or demo data) → preparing the store (in the
background, with progress) → sign in → election cycle, board and member → signing key →
where data and backups live. Slow steps run in the task runner's pool; pages only show
their progress. Nothing reaches the data directory before Finish (see ``setup.py``).
"""

from __future__ import annotations

import logging
import threading
from enum import IntEnum
from typing import Any

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from supervisor_app.paths import DataPaths

from ..tasks import TaskRunner
from ..text import Formatter, ltr
from .setup import (
    DEFAULT_DEMO_SERVER,
    DEMO_CANDIDATES,
    DEMO_PASSWORD,
    DEMO_USER,
    Finished,
    FirstRunSetup,
    Mode,
    SetupError,
    passphrase_strength,
)

log = logging.getLogger(__name__)


class PageId(IntEnum):
    SOURCE = 0
    PREPARE = 1
    SIGN_IN = 2
    BOARD = 3
    KEY = 4
    DONE = 5


def _wrap(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _error_text(exc: BaseException) -> str:
    message = getattr(exc, "message_fa", "")
    return message or str(exc) or type(exc).__name__


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FirstRunWizard(QWizard):
    """Set up a workstation; ``finished_setup`` holds the result after Finish."""

    def __init__(
        self,
        paths: DataPaths,
        *,
        setup: FirstRunSetup | None = None,
        demo_candidates: int = DEMO_CANDIDATES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FirstRunWizard")
        self.setWindowTitle(self.tr("Nezarat — first-time setup"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setup = setup or FirstRunSetup(paths)
        self.paths = paths
        self.demo_candidates = demo_candidates
        self.fmt = Formatter(persian=True)
        self.tasks = TaskRunner(self)
        self.finished_setup: Finished | None = None
        self.source_page = SourcePage(self)
        self.prepare_page = PreparePage(self)
        self.sign_in_page = SignInPage(self)
        self.board_page = BoardPage(self)
        self.key_page = KeyPage(self)
        self.done_page = DonePage(self)
        for page_id, page in (
            (PageId.SOURCE, self.source_page),
            (PageId.PREPARE, self.prepare_page),
            (PageId.SIGN_IN, self.sign_in_page),
            (PageId.BOARD, self.board_page),
            (PageId.KEY, self.key_page),
            (PageId.DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.SOURCE)
        self.resize(760, 560)

    def accept(self) -> None:
        """Finish: make the key, move everything into the data directory, write settings."""
        board = self.board_page
        try:
            self.finished_setup = self.setup.finish(
                cycle_code=board.cycle_code(),
                board_id=board.board_id(),
                member_id=board.member_id(),
                key_passphrase=self.key_page.passphrase(),
            )
        except SetupError as exc:
            log.warning("first-run finish failed: %s", exc)
            QMessageBox.warning(self, self.tr("Setup not finished"), _error_text(exc))
            return
        self.tasks.shutdown()
        super().accept()

    def reject(self) -> None:
        """Cancel: nothing the wizard prepared stays behind."""
        self.sign_in_page.stop()  # a first sync in progress stops at its next step
        self.tasks.shutdown()
        self.setup.cancel()
        super().reject()


class SourcePage(QWizardPage):
    """A real registration server, or demo data to practise on."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Welcome to Nezarat"))
        self.setSubTitle(self.tr(
            "A few steps set up this computer for your board. Choose where the data comes "
            "from."
        ))
        self.server_radio = QRadioButton(self.tr("Connect to the registration server"))
        self.server_field = QLineEdit()
        self.server_field.setPlaceholderText("http://192.168.1.10:8700")
        self.server_field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.demo_radio = QRadioButton(self.tr("Demo workstation with practice data"))
        self.demo_server_field = QLineEdit(DEFAULT_DEMO_SERVER)
        self.demo_server_field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        group = QButtonGroup(self)
        group.addButton(self.server_radio)
        group.addButton(self.demo_radio)
        self.server_radio.setChecked(True)
        self.error_label = _wrap("")
        self.error_label.setObjectName("wizardError")

        server_form = QFormLayout()
        server_form.addRow(self.tr("Server address"), self.server_field)
        demo_form = QFormLayout()
        demo_form.addRow(self.tr("Demo server (optional)"), self.demo_server_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server_radio)
        layout.addLayout(server_form)
        layout.addWidget(_wrap(self.tr(
            "The address is on the letter from the provincial board's IT office. The "
            "election cycle and your board come from the server after you sign in."
        )))
        layout.addSpacing(12)
        layout.addWidget(self.demo_radio)
        layout.addLayout(demo_form)
        layout.addWidget(_wrap(self.tr(
            "Demo data is made up: practise with it, never enter real cases. If a demo "
            "server runs at the address above, the wizard signs in to it as the demo county "
            "board."
        )))
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        for widget in (self.server_radio, self.demo_radio):
            widget.toggled.connect(self._update)
        self.server_field.textChanged.connect(self.completeChanged)
        self._update()

    def _update(self) -> None:
        self.server_field.setEnabled(self.server_radio.isChecked())
        self.demo_server_field.setEnabled(self.demo_radio.isChecked())
        self.error_label.clear()
        self.completeChanged.emit()

    def mode(self) -> Mode:
        return Mode.DEMO if self.demo_radio.isChecked() else Mode.SERVER

    def isComplete(self) -> bool:
        return self.mode() is Mode.DEMO or bool(self.server_field.text().strip())

    def validatePage(self) -> bool:
        url = (self.demo_server_field if self.mode() is Mode.DEMO else self.server_field).text()
        try:
            self._wizard.setup.choose(self.mode(), url)
        except SetupError as exc:
            self.error_label.setText(_error_text(exc))
            return False
        return True


class PreparePage(QWizardPage):
    """Builds the demo store (or the empty store for the server's data) in the background."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Preparing the data"))
        self.status_label = _wrap("")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the demo builder reports no steps
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self._start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self.done = False
        self.counts: dict[str, int] = {}

    def initializePage(self) -> None:
        self._start()

    def _start(self) -> None:
        self.done = False
        self.retry_button.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        demo = self._wizard.setup.mode is Mode.DEMO
        self.status_label.setText(
            self.tr("Building the demo data ({count} dossiers). This takes a few seconds…")
            .format(count=self._wizard.fmt.number(self._wizard.demo_candidates))
            if demo else self.tr("Preparing the local database…")
        )
        self.completeChanged.emit()
        candidates = self._wizard.demo_candidates
        self._wizard.tasks.submit(
            lambda: self._wizard.setup.prepare(candidates), self._finished, self._failed
        )

    def _finished(self, counts: dict[str, int]) -> None:
        self.done = True
        self.counts = counts
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        fmt = self._wizard.fmt
        if self._wizard.setup.mode is Mode.DEMO:
            self.status_label.setText(self.tr(
                "The demo data is ready: {dossiers} dossiers, {boards} boards and {members} "
                "board members."
            ).format(dossiers=fmt.number(counts.get("dossiers", 0)),
                     boards=fmt.number(counts.get("boards", 0)),
                     members=fmt.number(counts.get("members", 0))))
        else:
            self.status_label.setText(self.tr(
                "The local database is ready. Your board's data is fetched after you sign in."
            ))
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        log.error("first-run: preparing the store failed", exc_info=exc)
        self.progress.hide()
        self.retry_button.show()
        self.status_label.setText(
            self.tr("The data could not be prepared: {reason}").format(reason=_error_text(exc))
        )

    def isComplete(self) -> bool:
        return self.done


class SignInPage(QWizardPage):
    """Sign in to the server (and, in server mode, fetch the board's data)."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Sign in"))
        self.intro_label = _wrap("")
        self.user_field = QLineEdit()
        self.user_field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password_field = _password_field()
        self.master_label = _wrap(self.tr(
            "This computer has no system keyring. Choose a master passphrase for Nezarat's "
            "encrypted keystore file: the server sign-in and the signing keys are kept in it, "
            "and cannot be used without this passphrase. Keep it safe."
        ))
        self.master_field = _password_field()
        self.master_again_field = _password_field()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.status_label = _wrap("")
        self.status_label.setObjectName("signInStatus")
        self.progress = QProgressBar()
        self.progress.hide()

        self.form = QFormLayout()
        self.form.addRow(self.tr("User name"), self.user_field)
        self.form.addRow(self.tr("Password"), self.password_field)
        self.master_form = QFormLayout()
        self.master_form.addRow(self.tr("Master passphrase"), self.master_field)
        self.master_form.addRow(self.tr("Repeat it"), self.master_again_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.master_label)
        layout.addLayout(self.master_form)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self.sign_in_button.clicked.connect(self.sign_in)
        for field in (self.user_field, self.password_field, self.master_field,
                      self.master_again_field):
            field.textChanged.connect(self._changed)
        self.signed_in = False
        self.offline_demo = False
        self._busy = False
        self._cancel = threading.Event()

    def initializePage(self) -> None:
        setup = self._wizard.setup
        self.signed_in = setup.signed_in is not None
        self.offline_demo = False
        self._busy = False
        need_master = setup.needs_master_passphrase()
        self.master_label.setVisible(need_master)
        for row in range(self.master_form.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
                item = self.master_form.itemAt(row, role)
                if item is not None and item.widget() is not None:
                    item.widget().setVisible(need_master)
        if setup.mode is Mode.DEMO:
            self.user_field.setText(DEMO_USER)
            self.password_field.setText(DEMO_PASSWORD)
            if not setup.server_url:
                self._offline(self.tr("No demo server address was given."))
                return
            self.intro_label.setText(
                self.tr("Checking whether the demo server answers at {url}…")
                .format(url=ltr(setup.server_url))
            )
            self._set_fields_enabled(False)
            self._wizard.tasks.submit(setup.demo_server_answers, self._demo_checked,
                                      lambda _exc: self._demo_checked(False))
        else:
            self.intro_label.setText(
                self.tr("Sign in with the account the provincial board gave you, at {url}.")
                .format(url=ltr(setup.server_url))
            )
            self._set_fields_enabled(True)
        self.status_label.setText(
            self.tr("Signed in.") if self.signed_in else ""
        )
        self.completeChanged.emit()

    def _demo_checked(self, answers: bool) -> None:
        setup = self._wizard.setup
        if not answers:
            self._offline(self.tr(
                "No demo server answers at {url}. The demo workstation is set up without it; "
                "the server link can be set later (supervisor-app login)."
            ).format(url=ltr(setup.server_url)))
            return
        self.intro_label.setText(self.tr(
            "A demo server answers at {url}. Sign in as the demo county board's account."
        ).format(url=ltr(setup.server_url)))
        self._set_fields_enabled(True)
        self.completeChanged.emit()

    def _offline(self, text: str) -> None:
        self.offline_demo = True
        self.intro_label.setText(text)
        self._set_fields_enabled(False)
        self.completeChanged.emit()

    def _set_fields_enabled(self, enabled: bool) -> None:
        for widget in (self.user_field, self.password_field, self.sign_in_button):
            widget.setEnabled(enabled and not self._busy)

    def _changed(self) -> None:
        self.status_label.setText("")
        self.completeChanged.emit()

    def _master_problem(self) -> str | None:
        if not self._wizard.setup.needs_master_passphrase():
            return None
        first, second = self.master_field.text(), self.master_again_field.text()
        if not passphrase_strength(first).acceptable:
            return self.tr("The master passphrase needs at least 8 characters.")
        if first != second:
            return self.tr("The two master passphrases differ.")
        return None

    def sign_in(self) -> None:
        problem = self._master_problem()
        if problem:
            self.status_label.setText(problem)
            return
        user, password = self.user_field.text().strip(), self.password_field.text()
        if not user or not password:
            self.status_label.setText(self.tr("Enter the user name and the password."))
            return
        setup = self._wizard.setup
        if setup.needs_master_passphrase():
            setup.master_passphrase = self.master_field.text()
        self._busy = True
        self._set_fields_enabled(False)
        self.status_label.setText(self.tr("Signing in…"))
        self._wizard.tasks.submit(lambda: setup.sign_in(user, password), self._signed_in,
                                  self._sign_in_failed)

    def _signed_in(self, signed: Any) -> None:
        self.password_field.clear()
        self.status_label.setText(
            self.tr("Signed in as {user}.").format(user=ltr(signed.username))
        )
        if self._wizard.setup.mode is Mode.SERVER:
            self._sync()
            return
        self._busy = False
        self.signed_in = True
        self.completeChanged.emit()

    def _sign_in_failed(self, exc: BaseException) -> None:
        log.warning("first-run sign-in failed: %s", exc)
        self._busy = False
        self._set_fields_enabled(True)
        self.status_label.setText(
            self.tr("Sign-in failed: {reason}").format(reason=_error_text(exc))
        )

    def _sync(self) -> None:
        """Server mode: fetch the board's data now, so its members can be listed."""
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status_label.setText(self.tr("Fetching your board's data from the server…"))
        self._cancel.clear()
        self._wizard.tasks.submit_with_progress(
            lambda report: self._wizard.setup.first_sync(
                progress=lambda p: report(p.done, p.total or 0), cancel=self._cancel
            ),
            self._synced,
            self._sync_progress,
            self._sync_failed,
        )

    def _sync_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _synced(self, report: Any) -> None:
        self._busy = False
        self.progress.hide()
        if report.error or not report.caught_up:
            reason = report.error_fa or report.error or self.tr("not all data arrived")
            self.status_label.setText(
                self.tr("Fetching the data did not finish: {reason}").format(reason=reason)
            )
            self.sign_in_button.setText(self.tr("Try again"))
            self._set_fields_enabled(True)
            return
        self.signed_in = True
        self.status_label.setText(self.tr("Signed in; your board's data is here."))
        self.completeChanged.emit()

    def _sync_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.progress.hide()
        self._set_fields_enabled(True)
        self.status_label.setText(
            self.tr("Fetching the data failed: {reason}").format(reason=_error_text(exc))
        )

    def isComplete(self) -> bool:
        if self._busy:
            return False
        if self.offline_demo:
            return self._master_problem() is None
        return self.signed_in

    def validatePage(self) -> bool:
        problem = self._master_problem()
        if problem:
            self.status_label.setText(problem)
            return False
        setup = self._wizard.setup
        if setup.needs_master_passphrase() and not setup.master_passphrase:
            setup.master_passphrase = self.master_field.text()
        return True

    def cleanupPage(self) -> None:
        self.stop()

    def stop(self) -> None:
        self._cancel.set()


class BoardPage(QWizardPage):
    """The election cycle, this workstation's board and the member who works at it."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Your board"))
        self.setSubTitle(self.tr("Choose the election cycle, your board and your name."))
        self.cycle_combo = QComboBox()
        self.board_combo = QComboBox()
        self.board_combo.setEditable(True)  # type to find one of hundreds of boards
        self.board_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.board_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.member_combo = QComboBox()
        self.note_label = _wrap("")
        form = QFormLayout(self)
        form.addRow(self.tr("Election cycle"), self.cycle_combo)
        form.addRow(self.tr("Board"), self.board_combo)
        form.addRow(self.tr("Member at this computer"), self.member_combo)
        form.addRow(self.note_label)
        self.board_combo.currentIndexChanged.connect(self._board_changed)
        self.member_combo.currentIndexChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        setup = self._wizard.setup
        self.cycle_combo.clear()
        for code, title in setup.cycles():
            self.cycle_combo.addItem(title or code, code)
        wanted_cycle = self.cycle_combo.findData(setup.default_cycle())
        self.cycle_combo.setCurrentIndex(max(wanted_cycle, 0))
        self.board_combo.blockSignals(True)
        self.board_combo.clear()
        for board_id, name in setup.boards():
            self.board_combo.addItem(name or board_id, board_id)
        self.board_combo.blockSignals(False)
        signed = setup.signed_in
        self.board_combo.setEnabled(signed is None or not signed.board_id)
        wanted = self.board_combo.findData(setup.default_board())
        self.board_combo.setCurrentIndex(max(wanted, 0))
        self._board_changed()
        self.note_label.setText(
            self.tr("Your account belongs to this board.") if signed and signed.board_id
            else ""
        )

    def _board_changed(self) -> None:
        self.member_combo.clear()
        board_id = self.board_id()
        if board_id:
            for member in self._wizard.setup.members(board_id):
                role = self.role_label(member.role)
                self.member_combo.addItem(f"{member.name} ({role})", member.id)
        self.member_combo.addItem(self.tr("None of them (no signing key now)"), "")
        self.completeChanged.emit()

    def role_label(self, role: str) -> str:
        labels = {
            "chair": self.tr("Chair"),
            "deputy": self.tr("Deputy chair"),
            "secretary": self.tr("Secretary"),
            "executive_secretary": self.tr("Executive secretary"),
            "member": self.tr("Member"),
            "alternate": self.tr("Alternate member"),
        }
        return labels.get(role, role)

    def cycle_code(self) -> str:
        return str(self.cycle_combo.currentData() or "")

    def board_id(self) -> str:
        return str(self.board_combo.currentData() or "")

    def member_id(self) -> str | None:
        return str(self.member_combo.currentData() or "") or None

    def isComplete(self) -> bool:
        return bool(self.cycle_code() and self.board_id())


class KeyPage(QWizardPage):
    """Enrol this member's signing key: a passphrase typed twice, with a strength hint."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Your signing key"))
        self.setSubTitle(self.tr(
            "Rulings are signed with a key made on this computer. Only its passphrase opens "
            "it: nobody, not even support, can recover a forgotten passphrase."
        ))
        self.enrol_box = QCheckBox(self.tr("Make my signing key now"))
        self.enrol_box.setChecked(True)
        self.passphrase_field = _password_field()
        self.again_field = _password_field()
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.hint_label = _wrap("")
        self.hint_label.setObjectName("strengthHint")
        self.match_label = _wrap("")
        self.member_label = _wrap("")
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase_field)
        form.addRow(self.tr("Repeat the passphrase"), self.again_field)
        form.addRow(self.tr("Strength"), self.strength_bar)
        layout = QVBoxLayout(self)
        layout.addWidget(self.member_label)
        layout.addWidget(self.enrol_box)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.match_label)
        layout.addWidget(_wrap(self.tr(
            "After Finish, the certificate request for the central board is saved in the "
            "data folder; import the certificate it returns with "
            "supervisor-app keys import-cert."
        )))
        layout.addStretch(1)
        for field in (self.passphrase_field, self.again_field):
            field.textChanged.connect(self._update)
        self.enrol_box.toggled.connect(self._update)

    def initializePage(self) -> None:
        member = self._wizard.board_page.member_id()
        self.enrol_box.setEnabled(member is not None)
        if member is None:
            self.enrol_box.setChecked(False)
            self.member_label.setText(self.tr("No member was chosen, so no key is made now."))
        else:
            self.member_label.setText(self.tr("The key is made for: {name}").format(
                name=self._wizard.board_page.member_combo.currentText()))
        self._update()

    def _update(self) -> None:
        enrol = self.enrol_box.isChecked()
        for widget in (self.passphrase_field, self.again_field, self.strength_bar):
            widget.setEnabled(enrol)
        text = self.passphrase_field.text()
        strength = passphrase_strength(text)
        self.strength_bar.setValue(strength.score)
        self.hint_label.setText(self.hint(strength.hint) if enrol and text else "")
        again = self.again_field.text()
        self.match_label.setText(
            self.tr("The two passphrases differ.") if enrol and again and again != text else ""
        )
        self.completeChanged.emit()

    def hint(self, key: str) -> str:
        hints = {
            "too_short": self.tr("Too short: at least 8 characters."),
            "guessable": self.tr("Easy to guess: avoid repeated characters and common words."),
            "weak": self.tr("Weak: make it longer, or mix letters, digits and signs."),
            "fair": self.tr("Fair: a few more characters make it strong."),
            "strong": self.tr("Strong."),
        }
        return hints[key]

    def passphrase(self) -> str | None:
        return self.passphrase_field.text() if self.enrol_box.isChecked() else None

    def isComplete(self) -> bool:
        if not self.enrol_box.isChecked():
            return True
        text = self.passphrase_field.text()
        return passphrase_strength(text).acceptable and text == self.again_field.text()


class DonePage(QWizardPage):
    """What was set up, and where data, backups and logs live."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Press Finish to save the setup and open Nezarat."))
        self.summary_label = _wrap("")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        wizard = self._wizard
        setup, paths, board = wizard.setup, wizard.paths, wizard.board_page
        lines = [
            self.tr("Data folder: {path}").format(path=ltr(str(paths.root))),
            self.tr("Backups: {path} (one every day, kept for weeks)")
            .format(path=ltr(str(paths.backups))),
            self.tr("Logs: {path}").format(path=ltr(str(paths.logs))),
            "",
            self.tr("Board: {board}").format(board=board.board_combo.currentText()),
            self.tr("Election cycle: {cycle}").format(cycle=board.cycle_combo.currentText()),
        ]
        if setup.signed_in is not None:
            lines.append(self.tr("Signed in to {url} as {user}.").format(
                url=ltr(setup.signed_in.server_url), user=ltr(setup.signed_in.username)))
        elif setup.mode is Mode.DEMO:
            lines.append(self.tr("Demo data; not connected to a server yet."))
        if wizard.key_page.passphrase():
            lines.append(self.tr("A signing key is made for {name} when you press Finish.")
                         .format(name=board.member_combo.currentText()))
        if setup.needs_master_passphrase():
            lines.append(self.tr("Keys and the server sign-in are kept in {path}, under the "
                                 "master passphrase.")
                         .format(path=ltr(str(paths.root / "keystore.json"))))
        self.summary_label.setText("\n".join(lines))
