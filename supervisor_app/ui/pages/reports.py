"""Observer reports page: a keyboard-fast entry form, the recent reports and a branch view.

Keyboard: type the branch code (matches and the branch's constituency and address show
as you type; ↑/↓ pick among them; Enter accepts and moves to the category). Category,
severity and observer are picked by typing part of the name or its number, Enter moves
on. Ctrl+Enter (or Ctrl+S) records; the form clears and the cursor is back in the
branch code. Ctrl+B returns to the branch code from anywhere on the page.

Every change is saved as a draft (within 300 ms, even while typing goes on, and at once
when the cursor leaves a field), each save one committed transaction, so a crash or a
killed app loses at most the last 300 ms of typing; the page reopens the draft when it
starts. Recording deletes the draft
in the transaction that stores the report.

Branch look-ups are single indexed reads and run on the GUI thread (they must answer
before the next keystroke is interpreted; in WAL mode a read never waits for a writer).
Draft saves are writes, which wait while a sync holds the write lock, so they go through
a ``DraftWriter`` in the task runner (one at a time, only the latest content, retried
until it lands); recording (which may copy and hash attachments) and the lists'
refreshes run there too. Whatever fails, the form keeps what was typed and says why in
Persian.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, Protocol

from PyQt6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, pyqtSignal
from PyQt6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.election_day import Observer, ObserverReport, Severity
from supervisor_app.domain.jalali import JalaliDateError, format_jalali, parse_jalali_datetime
from supervisor_app.domain.persian import search_key, to_ascii_digits
from supervisor_app.domain.report_comparison import (
    DEFAULT_WINDOW,
    ComparedField,
    ReportComparison,
    corrected_report_id,
)
from supervisor_app.services.reports import (
    DEFAULT_DRAFT_SLOT,
    BranchInfo,
    ReportListItem,
    parse_witnesses,
)

from ..dossier_view import ALARM, PASS, cell, fit_columns, read_only_table, shortcut_text
from ..draft_writer import DraftWriter
from ..fonts import TITLE_POINT_SIZE, emphasised
from ..labels import offence_labels, severity_labels
from ..tasks import TaskRunner
from ..text import Formatter, ltr
from .dossiers import error_text

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 300
BRANCH_MATCHES = 8
RECENT_LIMIT = 200
CLOCK_REFRESH_MS = 30_000
RECORD_KEYS = ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S")
ID_ROLE = Qt.ItemDataRole.UserRole


def outbox_labels() -> dict[str | None, str]:
    t = QCoreApplication.translate
    return {
        "pending": t("ReportsPage", "Waiting to be sent"),
        "sending": t("ReportsPage", "Being sent"),
        "acknowledged": t("ReportsPage", "Sent"),
        "conflict": t("ReportsPage", "Conflict on the server"),
        "rejected": t("ReportsPage", "Refused by the server"),
        None: t("ReportsPage", "From the server"),
    }


class ReportSource(Protocol):
    """What the page needs of ``ReportService``."""

    def branches_with_prefix(self, prefix: str, limit: int = 10) -> list[BranchInfo]: ...
    def find_branch(self, code: str) -> BranchInfo | None: ...
    def observers_of(self, branch_code: str) -> list[Observer]: ...
    def record(self, branch_code: str, **kwargs: Any) -> ObserverReport: ...
    def recent(self, limit: int = 200) -> list[ReportListItem]: ...
    def branch_reports(self, branch_code: str) -> list[ReportListItem]: ...
    def compare_branch(self, branch_code: str, window: timedelta = ...) -> ReportComparison: ...
    def save_draft(self, slot: str, fields: dict[str, Any]) -> bool | None: ...
    def load_draft(self, slot: str) -> dict[str, Any] | None: ...
    def discard_draft(self, slot: str) -> bool: ...


class ChoiceField(QComboBox):
    """A combo picked by typing: part of a name (Persian letters folded) or its number.

    What is typed is matched as it is typed (``hint`` shows the match); Enter or leaving
    the field selects it (Enter also emits ``accepted`` so the form can move on). ↑/↓
    step through the choices; Alt+↓ opens the list.
    """

    accepted = pyqtSignal()
    hint = pyqtSignal(str)

    def __init__(
        self,
        accessible: str,
        digits: Callable[[int], str] = str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._digits = digits
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)  # our own matching: contains, numbers, Persian folding
        # Long offence names must not widen the form: the list shows them whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setAccessibleName(accessible)
        self._keys: list[tuple[str, str]] = []  # (label key, value key) per item
        self._match: int | None = None
        line = self.lineEdit()
        assert line is not None
        line.textEdited.connect(self._typed)
        line.editingFinished.connect(self._finished)

    def set_choices(self, choices: Sequence[tuple[str, Any]], numbered: bool = True) -> None:
        """(label, value) pairs; a None value is the "nothing chosen" entry."""
        self.blockSignals(True)
        self.clear()
        self._keys = []
        n = 0
        for label, value in choices:
            shown = label
            if value is not None and numbered:
                n += 1
                shown = f"{self._digits(n)}. {label}"
            self.addItem(shown, value)
            self._keys.append((search_key(label), search_key(str(value or ""))))
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index if index >= 0 else 0)
        self._match = None

    def match(self, text: str) -> int | None:
        """The index ``text`` picks: an item number, else the first name containing it."""
        key = search_key(text)
        if not key:
            return None
        digits = to_ascii_digits(key)
        if digits.isdigit():
            numbered = [i for i in range(self.count()) if self.itemData(i) is not None]
            n = int(digits)
            return numbered[n - 1] if 1 <= n <= len(numbered) else None
        for i, (label_key, value_key) in enumerate(self._keys):
            if self.itemData(i) is not None and (key in label_key or key in value_key):
                return i
        return None

    @property
    def typing(self) -> bool:
        """Something typed has not been taken yet."""
        return self._match is not None

    def commit(self) -> None:
        """Select what was typed (or put the current choice's name back)."""
        if self._match is not None:
            self.setCurrentIndex(self._match)
        self.setEditText(self.itemText(self.currentIndex()))
        self._match = None

    def focusInEvent(self, event: QFocusEvent | None) -> None:
        super().focusInEvent(event)
        line = self.lineEdit()
        if line is not None:  # typing replaces the shown choice, however focus arrived
            line.selectAll()

    def _typed(self, text: str) -> None:
        self._match = self.match(text)
        self.hint.emit(self.itemText(self._match) if self._match is not None else "")

    def _finished(self) -> None:
        pressed_enter = self.hasFocus()
        self.commit()
        self.hint.emit("")
        if pressed_enter:
            self.accepted.emit()


class ReportsPage(QWidget):
    """Entry form (start side), recent reports and the selected branch's reports."""

    recorded = pyqtSignal(str)  # report id
    refreshed = pyqtSignal()
    branch_shown = pyqtSignal(str)

    def __init__(
        self,
        reports: ReportSource,
        fmt: Formatter,
        runner: TaskRunner,
        *,
        slot: str = DEFAULT_DRAFT_SLOT,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self._fmt = fmt
        self._runner = runner
        self._slot = slot
        self._now = now or (lambda: datetime.now(UTC))
        self._loading = False
        self._dirty = False
        self._recording = False
        self._time_touched = False
        self._report_id = str(uuid.uuid4())
        self._matches: list[BranchInfo] = []
        self._branch: BranchInfo | None = None
        self._shown_branch: str | None = None
        self._recent: list[ReportListItem] = []
        self._categories = offence_labels()
        self._severities = severity_labels()
        self._outbox = outbox_labels()
        self.setAcceptDrops(True)  # files dropped anywhere on the page are attached

        title = QLabel(self.tr("Observer reports"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))

        self.form = self._build_form()
        self.recent_table = self._build_recent()
        self.branch_view = BranchComparisonView(self._fmt, self._categories, self._severities)
        self.branch_view.window_changed.connect(lambda _m: self._show_branch(self._shown_branch))

        recent_box = QGroupBox(self.tr("Recent reports"))
        QVBoxLayout(recent_box).addWidget(self.recent_table)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(recent_box)
        side.addWidget(self.branch_view)
        side.setStretchFactor(0, 1)
        side.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal)  # first widget on the start (right) side
        split.addWidget(self.form)
        split.addWidget(side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([680, 660])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addWidget(split, 1)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.drafts = DraftWriter(runner, self)
        self.drafts.failed.connect(self._draft_failed)
        self.drafts.saved.connect(self._draft_saved)
        self._draft_warning = False
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._refresh_clock)
        self._clock_timer.start(CLOCK_REFRESH_MS)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        self._shortcuts: list[QShortcut] = []
        for keys in RECORD_KEYS:
            self._add_shortcut(keys, self.record)
        self._add_shortcut("Ctrl+B", self.focus_branch)

        self._clear_form()
        self._restore_draft()
        # The recent-reports list is read when the page is first shown, so it does not
        # queue ahead of the dossier list at start (which the user sees first).
        self._listed = False

    # --- building -------------------------------------------------------------------------

    def _add_shortcut(self, keys: str, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    def _build_form(self) -> QWidget:
        box = QGroupBox(self.tr("New report"))
        self.branch_edit = QLineEdit()
        self.branch_edit.setObjectName("reportBranch")
        self.branch_edit.setAccessibleName(self.tr("Branch code"))
        self.branch_edit.setPlaceholderText(self.tr("Type the branch code"))
        self.branch_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # codes are Latin
        self.branch_edit.textEdited.connect(self._branch_typed)
        self.branch_edit.editingFinished.connect(self._branch_finished)
        self.branch_edit.installEventFilter(self)
        self.branch_info = QLabel()
        self.branch_info.setObjectName("reportBranchInfo")
        self.branch_info.setWordWrap(True)
        self.branch_matches = QListWidget()
        self.branch_matches.setObjectName("reportBranchMatches")
        self.branch_matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ↑/↓ from the code field
        self.branch_matches.setMaximumHeight(120)
        self.branch_matches.hide()  # shown while there are matches to pick from
        self.branch_matches.itemClicked.connect(lambda _i: self._accept_branch(move_on=True))

        self.time_edit = QLineEdit()
        self.time_edit.setObjectName("reportTime")
        self.time_edit.setAccessibleName(self.tr("Observed at (Jalali date and time)"))
        self.time_edit.setToolTip(self.tr("Jalali date and time, e.g. 1405/02/11 09:30"))
        self.time_edit.textEdited.connect(self._time_typed)
        self.time_edit.editingFinished.connect(self._time_finished)

        self.category_combo = ChoiceField(self.tr("Category"), self._fmt.digits)
        self.category_combo.setObjectName("reportCategory")
        self.category_combo.set_choices(
            [(self.tr("Choose the category…"), None)]
            + [(label, c.value) for c, label in self._categories.items()]
        )
        self.severity_combo = ChoiceField(self.tr("Severity"), self._fmt.digits)
        self.severity_combo.setObjectName("reportSeverity")
        self.severity_combo.set_choices([(label, s.value) for s, label in self._severities.items()])
        self.choice_hint = QLabel()
        self.choice_hint.setObjectName("reportChoiceHint")
        for combo in (self.category_combo, self.severity_combo):
            combo.hint.connect(self._show_hint)
            combo.currentIndexChanged.connect(lambda _i: self._changed())

        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("reportDescription")
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setPlaceholderText(self.tr("What was observed"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(140)
        self.description_edit.textChanged.connect(self._changed)

        self.witnesses_edit = QLineEdit()
        self.witnesses_edit.setObjectName("reportWitnesses")
        self.witnesses_edit.setAccessibleName(self.tr("Witnesses"))
        self.witnesses_edit.setPlaceholderText(self.tr("Names, separated by commas"))
        self.witnesses_edit.textEdited.connect(lambda _t: self._changed())

        self.observer_combo = ChoiceField(self.tr("Observer"), self._fmt.digits)
        self.observer_combo.setObjectName("reportObserver")
        self.observer_combo.set_choices([(self.tr("Not named"), None)], numbered=False)
        self.observer_combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.observer_combo.hint.connect(self._show_hint)

        self.attachment_list = QListWidget()
        self.attachment_list.setObjectName("reportAttachments")
        self.attachment_list.setAccessibleName(self.tr("Attachments"))
        self.attachment_list.setMaximumHeight(80)
        self.attachment_list.installEventFilter(self)  # Delete removes the selected file
        self.attach_button = QPushButton(self.tr("Attach photos or PDF…"))
        self.attach_button.clicked.connect(self.choose_attachments)

        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setObjectName("reportRecord")
        self.record_button.setToolTip(shortcut_text("Ctrl+Return"))
        self.record_button.clicked.connect(self.record)
        self.discard_button = QPushButton(self.tr("Clear the form"))
        self.discard_button.clicked.connect(self.discard)
        self.message_label = QLabel()
        self.message_label.setObjectName("reportMessage")
        self.message_label.setWordWrap(True)

        # Enter moves on to the next field that always needs an answer.
        self.category_combo.accepted.connect(self.severity_combo.setFocus)
        self.severity_combo.accepted.connect(self.description_edit.setFocus)
        self.observer_combo.accepted.connect(self.attach_button.setFocus)

        choices = QHBoxLayout()  # in a right-to-left layout the first lands on the right
        choices.addWidget(self.category_combo, 3)
        choices.addWidget(self.severity_combo, 1)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attachment_list, 1)
        attach_row.addWidget(self.attach_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Branch code"), self.branch_edit)
        form.addRow("", self.branch_info)
        form.addRow("", self.branch_matches)
        form.addRow(self.tr("Observed at"), self.time_edit)
        form.addRow(self.tr("Category and severity"), choices)
        form.addRow("", self.choice_hint)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Witnesses"), self.witnesses_edit)
        form.addRow(self.tr("Observer"), self.observer_combo)
        form.addRow(self.tr("Attachments"), attach_row)
        outer = QVBoxLayout(box)
        outer.addLayout(form, 1)
        outer.addLayout(buttons)
        outer.addWidget(self.message_label)

        # Tab follows reading order: down the form, right to left within a row.
        chain = [
            self.branch_edit,
            self.time_edit,
            self.category_combo,
            self.severity_combo,
            self.description_edit,
            self.witnesses_edit,
            self.observer_combo,
            self.attachment_list,
            self.attach_button,
            self.record_button,
            self.discard_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget in chain:
            widget.installEventFilter(self)  # leaving a field saves the draft at once
        return box

    def _build_recent(self) -> QTableWidget:
        table = read_only_table(
            [
                self.tr("Observed at"),
                self.tr("Branch"),
                self.tr("Constituency"),
                self.tr("Category"),
                self.tr("Severity"),
                self.tr("Sending"),
                self.tr("Description"),
            ]
        )
        table.setObjectName("recentReports")
        table.itemSelectionChanged.connect(self._recent_selected)
        return table

    # --- the branch code ------------------------------------------------------------------

    def _branch_typed(self, text: str) -> None:
        if len(text.strip()) <= 1:
            self._start_report_if_new()
        try:
            self._matches = self._reports.branches_with_prefix(text, BRANCH_MATCHES) if text else []
        except Exception:  # a slot must not raise: PyQt6 would abort the process
            log.exception("branch look-up failed")
            self._matches = []
        self.branch_matches.clear()
        for info in self._matches:
            item = QListWidgetItem(self._branch_line(info))
            item.setData(ID_ROLE, info.code)
            self.branch_matches.addItem(item)
        if self._matches:
            self.branch_matches.setCurrentRow(0)
        self.branch_matches.setVisible(bool(self._matches))
        self._branch = None
        self._show_branch_info()
        self._changed()

    def _branch_line(self, info: BranchInfo) -> str:
        return f"{ltr(info.code)} — {info.constituency_name}، {info.address}"

    def _selected_match(self) -> BranchInfo | None:
        row = self.branch_matches.currentRow()
        if 0 <= row < len(self._matches):
            return self._matches[row]
        return None

    def _show_branch_info(self) -> None:
        info = self._branch or self._selected_match()
        if info is None:
            text = self.branch_edit.text().strip()
            self.branch_info.setText(self.tr("No branch has this code.") if text else "")
            self.branch_info.setProperty("state", "alarm" if text else "")
            return
        self.branch_info.setProperty("state", "")
        self.branch_info.setText(
            "{place} — {address}".format(  # noqa: UP032 - names only: nothing to translate
                place=info.constituency_name, address=info.address
            )
        )

    def _branch_finished(self) -> None:
        self._accept_branch(move_on=self.branch_edit.hasFocus())

    def _accept_branch(self, *, move_on: bool) -> bool:
        """Take the highlighted match (or the exact code); Enter then goes to the category."""
        text = self.branch_edit.text().strip()
        if not text:
            return False
        info = self._selected_match()
        exact = next((m for m in self._matches if m.code == text), None)
        if exact is not None:
            info = exact
        if info is None:
            try:
                info = self._reports.find_branch(text)
            except Exception:
                log.exception("branch look-up failed")
                info = None
        if info is None:
            self._branch = None
            self._show_branch_info()
            return False
        self._set_branch(info)
        if move_on:
            self.category_combo.setFocus()
        return True

    def _set_branch(self, info: BranchInfo) -> None:
        self._branch = info
        if self.branch_edit.text() != info.code:
            self.branch_edit.setText(info.code)
        self.branch_matches.clear()
        self.branch_matches.hide()
        self._matches = []
        self._show_branch_info()
        self._load_observers(info.code)
        self._show_branch(info.code)
        self._changed()

    def _load_observers(self, code: str, selected: str | None = None) -> None:
        current = selected if selected is not None else self.observer_combo.value()
        try:
            observers = self._reports.observers_of(code)
        except Exception:
            log.exception("reading the branch's observers failed")
            observers = []
        loading, self._loading = self._loading, True
        try:
            self.observer_combo.set_choices(
                [(self.tr("Not named"), None)] + [(o.full_name, o.id) for o in observers]
            )
            self.observer_combo.set_value(current)
        finally:
            self._loading = loading

    def focus_branch(self) -> None:
        self.branch_edit.setFocus()
        self.branch_edit.selectAll()

    # --- time and choices -----------------------------------------------------------------

    def _now_text(self) -> str:
        return format_jalali(self._now(), with_time=True, persian_digits=self._fmt.persian)

    def _refresh_clock(self) -> None:
        """An untouched time follows the clock while the form is empty."""
        if not self._time_touched and self._pristine():
            loading, self._loading = self._loading, True
            self.time_edit.setText(self._now_text())
            self._loading = loading

    def _time_typed(self, _text: str) -> None:
        self._time_touched = True
        self._changed()

    def _time_finished(self) -> None:
        moment = self._parse_time()
        if moment is not None:
            text = format_jalali(moment, with_time=True, persian_digits=self._fmt.persian)
            if text != self.time_edit.text():
                self.time_edit.setText(text)

    def _parse_time(self) -> datetime | None:
        """The form's time as Tehran wall-clock time, or None (with a message) if invalid."""
        try:
            moment = parse_jalali_datetime(self.time_edit.text())
        except JalaliDateError:
            self._say(
                self.tr(
                    "The time is not a valid Jalali date and time; write it like 1405/02/11 09:30."
                ),
                alarm=True,
            )
            return None
        return moment

    def _show_hint(self, text: str) -> None:
        self.choice_hint.setText(
            self.tr("Enter chooses: {choice}").format(choice=text) if text else ""
        )

    # --- attachments ----------------------------------------------------------------------

    def choose_attachments(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos or PDF scans"),
            "",
            self.tr("Photos and PDF (*.jpg *.jpeg *.png *.heic *.webp *.pdf);;All files (*)"),
        )
        self.add_attachments(files)

    def add_attachments(self, files: Sequence[str | Path]) -> None:
        present = set(self.attachments())
        for name in files:
            path = str(Path(name))
            if path and path not in present:
                item = QListWidgetItem(Path(path).name)
                item.setData(ID_ROLE, path)
                item.setToolTip(path)
                self.attachment_list.addItem(item)
                present.add(path)
        self._changed()

    def attachments(self) -> list[str]:
        return [
            str(self.attachment_list.item(i).data(ID_ROLE))  # type: ignore[union-attr]
            for i in range(self.attachment_list.count())
        ]

    def dragEnterEvent(self, event: QDragEnterEvent | None) -> None:
        if event is not None and event.mimeData() and event.mimeData().hasUrls():  # type: ignore[union-attr]
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent | None) -> None:
        if event is None or event.mimeData() is None:
            return
        urls = event.mimeData().urls()  # type: ignore[union-attr]
        self.add_attachments([u.toLocalFile() for u in urls if u.isLocalFile()])
        event.acceptProposedAction()

    # --- keys and focus -------------------------------------------------------------------

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:
        if event is None:
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (
                watched is self.branch_edit
                and self._matches
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            ):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(len(self._matches) - 1, self.branch_matches.currentRow() + step))
                self.branch_matches.setCurrentRow(row)
                self._show_branch_info()
                return True
            if watched is self.attachment_list and event.key() == Qt.Key.Key_Delete:
                for item in self.attachment_list.selectedItems():
                    self.attachment_list.takeItem(self.attachment_list.row(item))
                self._changed()
                return True
        return False

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        # Leaving a field: save now rather than 300 ms later.
        if self._dirty and old is not None and self.form.isAncestorOf(old):
            self.save_draft()

    # --- drafts ---------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading or self._recording:
            return
        self._dirty = True
        # Not restarted by each keystroke: steady typing is saved every 300 ms as well.
        if not self._draft_timer.isActive():
            self._draft_timer.start()

    def _start_report_if_new(self) -> None:
        """The first keystroke of a new report: an untouched time becomes now."""
        if not self._time_touched and self._pristine(ignore_branch=True):
            loading, self._loading = self._loading, True
            self.time_edit.setText(self._now_text())
            self._loading = loading

    def _pristine(self, *, ignore_branch: bool = False) -> bool:
        return not (
            (self.branch_edit.text().strip() and not ignore_branch)
            or self.description_edit.toPlainText().strip()
            or self.witnesses_edit.text().strip()
            or self.attachment_list.count()
            or self.category_combo.value() is not None
        )

    def draft_fields(self) -> dict[str, Any]:
        return {
            "report_id": self._report_id,
            "branch": self.branch_edit.text(),
            "observed_at": self.time_edit.text(),
            "time_touched": self._time_touched,
            "category": self.category_combo.value(),
            "severity": self.severity_combo.value(),
            "description": self.description_edit.toPlainText(),
            "witnesses": self.witnesses_edit.text(),
            "observer": self.observer_combo.value(),
            "attachments": self.attachments(),
        }

    def save_draft(self) -> None:
        """Save the form now, in the background (an empty form discards the draft)."""
        self._draft_timer.stop()
        if not self._dirty:
            return
        self._dirty = False
        reports, slot = self._reports, self._slot
        if self._pristine() and not self._time_touched:
            self.drafts.write(lambda: reports.discard_draft(slot))
        else:
            fields = self.draft_fields()  # a snapshot taken here, on the GUI thread
            self.drafts.write(lambda: reports.save_draft(slot, fields))

    def _draft_failed(self, exc: BaseException) -> None:
        # The writer tries again by itself; the form still holds every keystroke.
        self._draft_warning = True
        self._say(
            self._failure_text(
                exc,
                self.tr(
                    "The draft is not saved yet; it is saved again automatically. "
                    "What you typed stays in the form."
                ),
            ),
            alarm=True,
        )

    def _draft_saved(self) -> None:
        if self._draft_warning:
            self._draft_warning = False
            self._say("")

    def _failure_text(self, exc: BaseException, fallback: str) -> str:
        """A refusal's own Persian sentence; never a driver's English text in Persian."""
        if self._fmt.persian and not getattr(exc, "message_fa", ""):
            return fallback
        return error_text(exc, self._fmt.persian)

    def _restore_draft(self) -> None:
        try:
            draft = self._reports.load_draft(self._slot)
        except Exception:
            log.exception("reading the report draft failed")
            draft = None
        if not draft:
            return
        self._loading = True
        try:
            self._report_id = str(draft.get("report_id") or self._report_id)
            code = str(draft.get("branch") or "")
            self.branch_edit.setText(code)
            info = self._reports.find_branch(code) if code.strip() else None
            if info is not None:
                self._branch = info
                self._load_observers(info.code, selected=draft.get("observer"))
                self._shown_branch = info.code
            self._show_branch_info()
            if draft.get("observed_at"):
                self.time_edit.setText(str(draft["observed_at"]))
            self._time_touched = bool(draft.get("time_touched"))
            self.category_combo.set_value(draft.get("category"))
            self.severity_combo.set_value(draft.get("severity") or Severity.MEDIUM.value)
            self.description_edit.setPlainText(str(draft.get("description") or ""))
            self.witnesses_edit.setText(str(draft.get("witnesses") or ""))
            self.attachment_list.clear()
            self.add_attachments([str(p) for p in draft.get("attachments") or []])
        finally:
            self._loading = False
        self._dirty = False
        self._say(self.tr("The unfinished report was reopened."))

    def discard(self) -> None:
        """Clear the form and forget its draft."""
        reports, slot = self._reports, self._slot
        self.drafts.write(lambda: reports.discard_draft(slot))
        self._clear_form()
        self._say("")
        self.focus_branch()

    def _clear_form(self) -> None:
        self._loading = True
        try:
            self._draft_timer.stop()
            self._report_id = str(uuid.uuid4())
            self._time_touched = False
            self._branch = None
            self._matches = []
            self.branch_edit.clear()
            self.branch_matches.clear()
            self.branch_matches.hide()
            self.branch_info.clear()
            self.time_edit.setText(self._now_text())
            self.category_combo.set_value(None)
            self.severity_combo.set_value(Severity.MEDIUM.value)
            self.description_edit.clear()
            self.witnesses_edit.clear()
            self.observer_combo.set_choices([(self.tr("Not named"), None)], numbered=False)
            self.attachment_list.clear()
            self.choice_hint.clear()
        finally:
            self._loading = False
        self._dirty = False

    # --- recording ------------------------------------------------------------------------

    def record(self) -> None:
        """Ctrl+Enter: check the form, record in the background, then clear it."""
        if self._recording:
            return
        for combo in (self.category_combo, self.severity_combo, self.observer_combo):
            if combo.hasFocus() or combo.typing:
                combo.commit()
        if self._branch is None and not self._accept_branch(move_on=False):
            self._say(
                self.tr(
                    "Type the code of a branch of this workstation, then press Enter to accept it."
                ),
                alarm=True,
            )
            self.focus_branch()
            return
        moment = self._parse_time()
        if moment is None:
            self.time_edit.setFocus()
            return
        category = self.category_combo.value()
        if category is None:
            self._say(
                self.tr("Choose the category: type part of its name or its number."), alarm=True
            )
            self.category_combo.setFocus()
            return
        if not self.description_edit.toPlainText().strip():
            self._say(self.tr("Write what was observed."), alarm=True)
            self.description_edit.setFocus()
            return
        assert self._branch is not None
        self.save_draft()
        branch = self._branch.code
        values: dict[str, Any] = dict(
            category=category,
            severity=self.severity_combo.value() or Severity.MEDIUM.value,
            description=self.description_edit.toPlainText(),
            observed_at=moment,
            observer_id=self.observer_combo.value(),
            witnesses=parse_witnesses(self.witnesses_edit.text()),
            attachments=[Path(p) for p in self.attachments()],
            report_id=self._report_id,
            draft_slot=self._slot,
        )
        self._recording = True
        self.form.setEnabled(False)
        self._say(self.tr("Recording…"))
        self._runner.submit(
            lambda: self._reports.record(branch, **values),
            self._recorded,
            self._record_failed,
        )

    def _recorded(self, report: ObserverReport) -> None:
        self._recording = False
        self.form.setEnabled(True)
        self._clear_form()
        self._say(
            self.tr("Report recorded for branch {code}; it is sent at the next sync.").format(
                code=ltr(report.branch_code)
            )
        )
        self.focus_branch()
        self._shown_branch = report.branch_code
        self.refresh()
        self.recorded.emit(report.id)

    def _record_failed(self, exc: BaseException) -> None:
        self._recording = False
        self.form.setEnabled(True)
        if getattr(exc, "message_fa", ""):
            log.warning("recording a report failed: %s", exc)
        else:  # not a refusal: a bug or an unforeseen failure, with its traceback
            log.error("recording a report failed", exc_info=exc)
        fallback = self.tr(
            "The report was not recorded because of an unexpected error; what you typed is "
            "kept. Press Record again; if it fails again, call the IT officer."
        )
        self._say(self._failure_text(exc, fallback), alarm=True)
        self.description_edit.setFocus()

    def _say(self, text: str, *, alarm: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("state", "alarm" if alarm else "")

    # --- the lists ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent | None) -> None:
        super().showEvent(event)
        if not self._listed:
            self._listed = True
            self.refresh()

    def refresh(self) -> None:
        """Re-read the recent reports and the shown branch (in the background)."""
        self._runner.submit(
            lambda: self._reports.recent(RECENT_LIMIT),
            self._fill_recent,
            lambda exc: log.error("listing reports failed: %s", exc),
        )
        self._show_branch(self._shown_branch)

    def _fill_recent(self, items: list[ReportListItem]) -> None:
        self._recent = items
        table = self.recent_table
        table.blockSignals(True)
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            r = item.report
            texts = [
                format_jalali(r.observed_at, with_time=True, persian_digits=self._fmt.persian),
                ltr(r.branch_code),
                item.constituency_name,
                self._categories.get(r.category, r.category.value),
                self._severities.get(r.severity, r.severity.value),
                self._outbox.get(item.outbox_status, item.outbox_status or ""),
                r.description.splitlines()[0] if r.description else "",
            ]
            for column, text in enumerate(texts):
                c = cell(text)
                if column == 0:
                    c.setData(ID_ROLE, r.branch_code)
                table.setItem(row, column, c)
        table.blockSignals(False)
        fit_columns(table, stretch=6)
        self.refreshed.emit()

    def _recent_selected(self) -> None:
        rows = self.recent_table.selectionModel().selectedRows()  # type: ignore[union-attr]
        if rows:
            first = self.recent_table.item(rows[0].row(), 0)
            if first is not None:
                self._show_branch(str(first.data(ID_ROLE)))

    def show_branch(self, code: str) -> None:
        self._show_branch(code)

    def _show_branch(self, code: str | None) -> None:
        self._shown_branch = code
        if not code:
            self.branch_view.show_nothing()
            return
        window = timedelta(minutes=self.branch_view.window_minutes())

        def load() -> tuple[BranchInfo | None, list[ReportListItem], ReportComparison]:
            return (
                self._reports.find_branch(code),
                self._reports.branch_reports(code),
                self._reports.compare_branch(code, window),
            )

        def done(result: tuple[BranchInfo | None, list[ReportListItem], ReportComparison]) -> None:
            if code != self._shown_branch:
                return  # another branch was asked for meanwhile
            self.branch_view.show_reports(*result)
            self.branch_shown.emit(code)

        self._runner.submit(load, done, lambda exc: log.error("branch view failed: %s", exc))


class BranchComparisonView(QGroupBox):
    """A branch's current reports side by side; agreeing fields green, dissent red."""

    window_changed = pyqtSignal(int)

    ROWS: ClassVar[tuple[str, ...]] = (
        "observed_at",
        "category",
        "severity",
        "witnesses",
        "observer",
        "description",
        "attachments",
    )
    COMPARED: ClassVar[dict[str, ComparedField]] = {
        "observed_at": ComparedField.OBSERVED_AT,
        "category": ComparedField.CATEGORY,
        "severity": ComparedField.SEVERITY,
        "witnesses": ComparedField.WITNESSES,
    }

    def __init__(
        self,
        fmt: Formatter,
        categories: dict[str, str],
        severities: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Reports of the branch"))
        self._fmt = fmt
        self._categories = categories
        self._severities = severities
        self.comparison: ReportComparison | None = None
        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("branchSummary")
        self.summary_label.setWordWrap(True)
        self.window_spin = QSpinBox()
        self.window_spin.setRange(0, 24 * 60)
        self.window_spin.setValue(int(DEFAULT_WINDOW.total_seconds() // 60))
        self.window_spin.setSuffix(self.tr(" min"))
        self.window_spin.setAccessibleName(self.tr("Times agree within"))
        self.window_spin.valueChanged.connect(self.window_changed.emit)
        self.table = QTableWidget(len(self.ROWS), 0)
        self.table.setObjectName("branchComparison")
        self.table.setVerticalHeaderLabels(
            [
                self.tr("Observed at"),
                self.tr("Category"),
                self.tr("Severity"),
                self.tr("Witnesses"),
                self.tr("Observer"),
                self.tr("Description"),
                self.tr("Attachments"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        window_row = QHBoxLayout()
        window_row.addWidget(QLabel(self.tr("Times agree within")))
        window_row.addWidget(self.window_spin)
        window_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addLayout(window_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        self.show_nothing()

    def window_minutes(self) -> int:
        return self.window_spin.value()

    def show_nothing(self) -> None:
        self.comparison = None
        self.header_label.setText(
            self.tr(
                "Accept a branch code or pick a report to see the branch's reports side by side."
            )
        )
        self.summary_label.clear()
        self.table.setColumnCount(0)

    def show_reports(
        self, info: BranchInfo | None, items: list[ReportListItem], comparison: ReportComparison
    ) -> None:
        self.comparison = comparison
        if info is not None:
            self.header_label.setText(
                self.tr("Branch {code} — {place} — {address}").format(
                    code=ltr(info.code), place=info.constituency_name, address=info.address
                )
            )
        observers = {i.report.id: i.report.observer_id for i in items}
        corrections = sum(1 for i in items if corrected_report_id(i.report))
        reports = comparison.reports
        self.table.setColumnCount(len(reports))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Report {n}").format(n=self._fmt.digits(n + 1)) for n in range(len(reports))]
        )
        fields = {f.field: f for f in comparison.fields}
        for column, r in enumerate(reports):
            texts = {
                "observed_at": format_jalali(
                    r.observed_at, with_time=True, persian_digits=self._fmt.persian
                ),
                "category": self._categories.get(r.category, r.category.value),
                "severity": self._severities.get(r.severity, r.severity.value),
                "witnesses": "، ".join(r.witnesses) or "—",
                "observer": ltr(observers.get(r.id) or "") or "—",
                "description": r.description,
                "attachments": self._fmt.number(len(r.attachments)),
            }
            for row, name in enumerate(self.ROWS):
                colour = None
                compared = self.COMPARED.get(name)
                if compared is not None and comparison.comparable:
                    f = fields[compared]
                    colour = ALARM if f.apart[column] else (PASS if f.agree else None)
                item = cell(texts[name], colour)
                item.setData(
                    ID_ROLE, "apart" if colour is ALARM else "agree" if colour is PASS else ""
                )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.summary_label.setText(self._summary(comparison, corrections))

    def _summary(self, comparison: ReportComparison, corrections: int) -> str:
        if not comparison.reports:
            return self.tr("No reports for this branch yet.")
        if not comparison.comparable:
            return self.tr("One report: nothing to compare yet.")
        names = {
            ComparedField.CATEGORY: self.tr("category"),
            ComparedField.SEVERITY: self.tr("severity"),
            ComparedField.OBSERVED_AT: self.tr("time"),
            ComparedField.WITNESSES: self.tr("witnesses"),
        }
        agree = "، ".join(names[f] for f in comparison.agreements) or "—"
        differ = "، ".join(names[f] for f in comparison.disagreements) or "—"
        text = self.tr("{n} reports. Agree on: {agree}. Disagree on: {differ}.").format(
            n=self._fmt.number(len(comparison.reports)), agree=agree, differ=differ
        )
        if corrections:
            text += " " + self.tr("Corrected reports are replaced by their corrections.")
        return text
