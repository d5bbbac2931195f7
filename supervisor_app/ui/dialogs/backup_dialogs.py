"""Backups in the window: the daily timer, "Back up now", and restore with a confirmation
that names what will be replaced.

All file work runs in the task runner's pool (a 300k-dossier store takes seconds to copy
and check); dialogs and messages are on the GUI thread. A restore ends by starting the
app again: every page then reads the restored store from scratch, instead of each one
having to notice that everything under it changed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PyQt6.QtCore import QCoreApplication, QObject, QProcess, Qt, QTimer, pyqtSignal
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.backup import (
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    BackupError,
    BackupInfo,
    BackupService,
    RestorePlan,
    RestoreResult,
    StoreSummary,
)

from ..tasks import TaskRunner
from ..text import Formatter, ltr
from .about import moment_text

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 90_000  # after start-up, when the window has settled
CHECK_EVERY_MS = 3_600_000  # the backup is daily; an hourly look catches a missed one


def relaunch_command() -> list[str]:
    """The command that started this process (the bundle, the script or ``-m``)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    if sys.argv and sys.argv[0].endswith("__main__.py"):
        return [sys.executable, "-m", "supervisor_app", *sys.argv[1:]]
    return [sys.executable, *sys.argv]


def relaunch_app() -> bool:
    program, *arguments = relaunch_command()
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


def kind_label(kind: str) -> str:
    labels = {
        DAILY: QCoreApplication.translate("RestoreDialog", "Daily (automatic)"),
        MANUAL: QCoreApplication.translate("RestoreDialog", "Made by hand"),
        BEFORE_RESTORE: QCoreApplication.translate("RestoreDialog", "Before a restore"),
    }
    return labels.get(kind, kind)


def _count(fmt: Formatter, value: int | None) -> str:
    return "—" if value is None else fmt.number(value)


def describe_store(fmt: Formatter, summary: StoreSummary) -> str:
    """Last change and the counts the confirmation names, in the UI's language."""
    counts = summary.counts
    return QCoreApplication.translate(
        "RestoreConfirmation",
        "last change: {changed}\nrulings: {rulings}, observer reports: {reports}, "
        "dossiers: {dossiers}",
    ).format(
        changed=moment_text(
            fmt, summary.last_change, QCoreApplication.translate("RestoreConfirmation", "unknown")
        ),
        rulings=_count(fmt, counts.get("rulings")),
        reports=_count(fmt, counts.get("reports")),
        dossiers=_count(fmt, counts.get("dossiers")),
    )


def confirmation_text(fmt: Formatter, plan: RestorePlan) -> str:
    """What a restore replaces, with what, and that the current data is kept first."""
    backup = describe_store(fmt, plan.backup)
    if plan.current is None:
        return QCoreApplication.translate(
            "RestoreConfirmation",
            "This computer has no data yet; nothing will be replaced.\n\n"
            "The backup holds:\n{backup}",
        ).format(backup=backup)
    return QCoreApplication.translate(
        "RestoreConfirmation",
        "Restoring replaces all the data on this computer.\n\n"
        "Will be replaced (the current data):\n{current}\n\n"
        "By the backup:\n{backup}\n\n"
        "The current data is first saved as a backup of its own, so this can be undone. "
        "Nezarat starts again afterwards.",
    ).format(current=describe_store(fmt, plan.current), backup=backup)


class RestoreDialog(QDialog):
    """Pick one of this workstation's backups, or another backup file."""

    def __init__(
        self, backups: list[BackupInfo], fmt: Formatter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.chosen: Path | None = None
        self._backups = backups
        intro = QLabel(self.tr(
            "Choose the backup to restore. Before anything is replaced you will see what "
            "the backup holds and what it replaces."
        ))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made on"), self.tr("Kind"), self.tr("Size")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(backups):
            cells = (
                moment_text(fmt, backup.created_at, ""),
                kind_label(backup.kind),
                self.tr("{size} MB").format(size=fmt.digits(f"{backup.size / 2**20:.1f}")),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty_label = QLabel(self.tr("There are no backups on this computer yet."))
        self.empty_label.setVisible(not backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.continue_button = QPushButton(self.tr("Continue…"))
        self.continue_button.setEnabled(bool(backups))
        self.file_button = QPushButton(self.tr("Another file…"))
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.continue_button.clicked.connect(self._take_selected)
        self.file_button.clicked.connect(self._take_file)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(self._take_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(640, 420)
        if backups:
            # Selects the whole newest row (SelectRows). Not selectRow(0): under the app's
            # right-to-left set-up it leaves no current row.
            self.table.setCurrentCell(0, 0)

    def _take_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._backups):
            self.chosen = self._backups[row].path
            self.accept()

    def _take_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Backup file"), "", self.tr("Backups (*.sqlite3);;All files (*)")
        )
        if chosen:
            self.chosen = Path(chosen)
            self.accept()


class BackupController(QObject):
    """The daily backup timer and the Back up / Restore actions of one window."""

    backup_made = pyqtSignal(object)  # BackupInfo, after it was written and checked
    restored = pyqtSignal(object)  # RestoreResult

    def __init__(
        self,
        backups: BackupService,
        fmt: Formatter,
        tasks: TaskRunner,
        window: QWidget,
        *,
        relaunch: Callable[[], bool] = relaunch_app,
        show_status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._backups = backups
        self._fmt = fmt
        self._tasks = tasks
        self._window = window
        self._relaunch = relaunch
        self._show_status = show_status or (lambda _text: None)
        self._running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_daily)

    # --- the daily backup -------------------------------------------------------------------

    def start_daily(
        self, first_check_ms: int = FIRST_CHECK_MS, every_ms: int = CHECK_EVERY_MS
    ) -> None:
        """Check soon after start-up, then every hour; a backup runs when one is due."""
        QTimer.singleShot(first_check_ms, self.check_daily)
        self.timer.start(every_ms)

    def check_daily(self) -> None:
        if self._running:
            return
        self._running = True
        self._tasks.submit(self._backups.daily_if_due, self._daily_done, self._daily_failed)

    def _daily_done(self, info: BackupInfo | None) -> None:
        self._running = False
        if info is not None:
            self._show_status(self.tr("Daily backup made: {name}").format(name=ltr(info.name)))
            self.backup_made.emit(info)

    def _daily_failed(self, exc: BaseException) -> None:
        self._running = False
        # The next hourly check tries again; the log keeps the reason.
        log.error("daily backup failed", exc_info=exc)
        self._show_status(self.tr("The daily backup failed; see the log."))

    # --- back up now ------------------------------------------------------------------------

    def backup_now(self) -> None:
        if self._running:
            self._show_status(self.tr("A backup is already being made."))
            return
        self._running = True
        self._show_status(self.tr("Making a backup…"))

        def work() -> BackupInfo:
            info = self._backups.create(MANUAL)
            self._backups.rotate()
            return info

        self._tasks.submit(work, self._manual_done, self._manual_failed)

    def _manual_done(self, info: BackupInfo) -> None:
        self._running = False
        self.backup_made.emit(info)
        self._show_status(self.tr("Backup made: {name}").format(name=ltr(info.name)))
        self._tell(
            self.tr("Backup made"),
            self.tr("The data was backed up and checked:\n{path}").format(
                path=ltr(str(info.path))
            ),
        )

    def _manual_failed(self, exc: BaseException) -> None:
        self._running = False
        self._warn(self.tr("Backup failed"), self._reason(exc))

    # --- restore ----------------------------------------------------------------------------

    def restore(self) -> None:
        """Pick a backup, show what it replaces, and restore it after a yes."""
        chosen = self._pick(self._backups.list())
        if chosen is None:
            return
        self._tasks.submit(
            lambda: self._backups.plan_restore(chosen),
            lambda plan: self._confirm_and_restore(chosen, plan),
            lambda exc: self._warn(self.tr("Cannot restore this file"), self._reason(exc)),
        )

    def _confirm_and_restore(self, chosen: Path, plan: RestorePlan) -> None:
        if not self._ask(self.tr("Restore this backup?"), confirmation_text(self._fmt, plan)):
            return
        self._show_status(self.tr("Restoring…"))
        self._tasks.submit(
            lambda: self._backups.restore(chosen),
            self._restore_done,
            lambda exc: self._warn(self.tr("Restore failed"), self._reason(exc)),
        )

    def _restore_done(self, result: RestoreResult) -> None:
        self.restored.emit(result)
        kept = (
            self.tr("The data it replaced was kept as the backup {name}.").format(
                name=ltr(result.safety_copy.name)
            )
            if result.safety_copy is not None
            else ""
        )
        self._tell(
            self.tr("Backup restored"),
            self.tr("The backup was restored. {kept}\n\nNezarat now starts again.").format(
                kept=kept
            ),
        )
        if not self._relaunch():
            self._tell(self.tr("Backup restored"), self.tr("Please start Nezarat again."))
        self._window.close()

    # --- small seams (tests replace them) ----------------------------------------------------

    def _pick(self, backups: list[BackupInfo]) -> Path | None:
        dialog = RestoreDialog(backups, self._fmt, self._window)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self._window)
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter must never replace the data
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
        return box.clickedButton() is restore

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.information(self._window, title, text)

    def _warn(self, title: str, text: str) -> None:
        self._show_status(title)
        QMessageBox.warning(self._window, title, text)

    def _reason(self, exc: BaseException) -> str:
        if isinstance(exc, BackupError):
            return exc.message_fa if self._fmt.persian else str(exc)
        log.error("backup action failed", exc_info=exc)
        return self.tr("Unexpected error: {reason}").format(reason=str(exc))
