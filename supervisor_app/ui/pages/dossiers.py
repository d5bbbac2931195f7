"""Dossiers page: the review list (search as you type, filters, saved filters) over the
whole register, and the dossier view it opens.

The list is a lazily paged model (``dossier_model``): opening it costs one page and one
count, whatever the register's size; every query runs in the task runner. Keyboard:
Ctrl+F search, Tab through the filters into the table, Enter opens the selected
dossier, Ctrl+G puts it on the deciding board's session agenda; in the dossier view
Esc goes back and Ctrl+PgDown / Ctrl+PgUp step through the list.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from PyQt6.QtCore import QEvent, QModelIndex, QObject, Qt, pyqtSignal
from PyQt6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.candidates import CandidateStatus, Objection
from supervisor_app.domain.review import ANY_FAILED_CHECK, DossierFilter
from supervisor_app.services.review import DossierDetail, FilterOptions, ReviewRow

from ..dossier_model import Column, DossierListModel
from ..dossier_view import DossierView
from ..fonts import TITLE_POINT_SIZE, emphasised
from ..labels import status_labels
from ..review_labels import (
    deadline_labels,
    education_labels,
    gender_labels,
    stage_labels,
)
from ..tasks import TaskRunner
from ..text import Formatter

log = logging.getLogger(__name__)


class ReviewSource(Protocol):
    """What the page needs from ``ReviewService``."""

    def count(self, f: DossierFilter) -> int: ...

    def page(
        self, f: DossierFilter, limit: int, offset: int = 0, total: int | None = None
    ) -> Sequence[ReviewRow]: ...

    def today(self) -> date: ...

    def filter_options(self) -> FilterOptions: ...

    def saved_filters(self) -> dict[str, DossierFilter]: ...

    def save_filter(self, name: str, f: DossierFilter) -> str: ...

    def delete_filter(self, name: str) -> bool: ...

    def detail(self, registration_id: str) -> DossierDetail: ...

    def record_manual(self, registration_id: str, code: str, met: bool, note: str) -> None: ...

    def refresh_checks(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int: ...


class AgendaSource(Protocol):
    def add_to_agenda(self, registration_id: str) -> str: ...


class ObjectionSource(Protocol):
    def file(self, registration_id: str, text: str) -> Objection: ...


def error_text(exc: BaseException, persian: bool = True) -> str:
    """A service's refusal as the user sees it: a refusal's own Persian sentence in the
    Persian UI, else the (English) message."""
    persian_text = getattr(exc, "message_fa", None)
    if persian and isinstance(persian_text, str) and persian_text:
        return persian_text
    return str(exc) or exc.__class__.__name__


class FilterCombo(QComboBox):
    """A combo whose first entry means "any"; ``value()`` is None for it."""

    def __init__(self, any_text: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._any_text = any_text
        self.setAccessibleName(accessible)
        self.setToolTip(accessible)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.set_choices([])

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._any_text, None)
        for text, value in choices:
            self.addItem(text, value)
        self.set_value(current)
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData() if self.currentIndex() > 0 else None

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(0, index))


class SearchableCombo(FilterCombo):
    """A filter combo over hundreds of names: type part of a name to pick it."""

    def __init__(self, any_text: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(any_text, accessible, parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(any_text)


class ObjectionDialog(QDialog):
    """The candidate's written objection, typed in by the board's secretariat."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Register an objection"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(self.tr("Objection text"))
        self.text_edit.setPlaceholderText(self.tr("The objection as the candidate wrote it"))
        self.text_edit.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Objection of {name} against the ruling that rejected them. "
                "It goes to the higher board."
            ).format(name=name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)


class DossiersPage(QWidget):
    """The review list and, on Enter, the dossier view in its place."""

    agenda_changed = pyqtSignal(str)  # session id
    checks_refreshed = pyqtSignal(int)

    def __init__(
        self,
        review: ReviewSource,
        fmt: Formatter,
        runner: TaskRunner,
        *,
        sessions: AgendaSource | None = None,
        objections: ObjectionSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._review = review
        self._fmt = fmt
        self._runner = runner
        self._sessions = sessions
        self._objections = objections
        self._loaded = False
        self._options: FilterOptions | None = None
        self._current_row = -1
        self._widths: dict[Column, int] = {}
        self._shown_filter: DossierFilter | None = None
        self._refreshing = False
        self._applying_saved = False

        title = QLabel(self.tr("Dossiers"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))
        self.checks_label = QLabel()
        self.checks_label.setObjectName("resultCount")

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            self.tr("Search by name, national id or registration id (Ctrl+F)")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search dossiers"))
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")

        self.county_combo = SearchableCombo(self.tr("All counties"), self.tr("County"))
        self.constituency_combo = SearchableCombo(
            self.tr("All constituencies"), self.tr("Constituency")
        )
        self.status_combo = FilterCombo(self.tr("Any status"), self.tr("Status"))
        self.status_combo.set_choices([(t, CandidateStatus(s)) for s, t in status_labels().items()])
        self.stage_combo = FilterCombo(self.tr("Any stage"), self.tr("Stage"))
        self.stage_combo.set_choices([(t, s) for s, t in stage_labels().items()])
        self.gender_combo = FilterCombo(self.tr("Men and women"), self.tr("Gender"))
        self.gender_combo.set_choices([(t, str(g)) for g, t in gender_labels().items()])
        self.education_combo = FilterCombo(self.tr("Any education"), self.tr("Education"))
        self.education_combo.set_choices([(t, int(e)) for e, t in education_labels().items()])
        self.checks_combo = FilterCombo(self.tr("Any check result"), self.tr("Checks"))
        self.deadline_combo = FilterCombo(self.tr("Any deadline"), self.tr("Deadline"))
        self.deadline_combo.set_choices([(t, d) for d, t in deadline_labels().items()])
        self.clear_button = QPushButton(self.tr("C&lear filters"))
        self.saved_combo = FilterCombo(self.tr("Saved filters"), self.tr("Saved filters"))
        self.saved_name = QLineEdit()
        self.saved_name.setPlaceholderText(self.tr("Name for this filter"))
        self.saved_name.setAccessibleName(self.tr("Name for this filter"))
        self.save_button = QPushButton(self.tr("&Save filter"))
        self.delete_button = QPushButton(self.tr("&Delete saved filter"))

        self.model = DossierListModel(review, runner, fmt, self)
        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        selection = self.table.selectionModel()
        assert selection is not None
        selection.currentRowChanged.connect(self._on_current_row)
        self._size_columns()

        self.message_label = QLabel()
        self.message_label.setObjectName("pageMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.view = DossierView(fmt)
        self.view.back_requested.connect(self.show_list)
        self.view.next_requested.connect(lambda: self.step(1))
        self.view.previous_requested.connect(lambda: self.step(-1))
        self.view.agenda_requested.connect(self.add_to_agenda)
        self.view.objection_requested.connect(self.ask_objection)
        self.view.manual_recorded.connect(self.record_manual)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.checks_label)
        search = QHBoxLayout()
        search.addWidget(self.search_box, 1)
        search.addSpacing(16)
        search.addWidget(self.count_label)
        filters1 = QHBoxLayout()
        for combo in (
            self.county_combo,
            self.constituency_combo,
            self.status_combo,
            self.stage_combo,
            self.gender_combo,
        ):
            filters1.addWidget(combo, 1)
        filters2 = QHBoxLayout()
        for widget in (self.education_combo, self.checks_combo, self.deadline_combo):
            filters2.addWidget(widget, 1)
        filters2.addWidget(self.clear_button)
        filters2.addSpacing(24)
        filters2.addWidget(self.saved_combo, 1)
        filters2.addWidget(self.saved_name, 1)
        filters2.addWidget(self.save_button)
        filters2.addWidget(self.delete_button)

        list_page = QWidget()
        box = QVBoxLayout(list_page)
        box.setContentsMargins(24, 16, 24, 12)
        box.addLayout(top)
        box.addLayout(search)
        box.addLayout(filters1)
        box.addLayout(filters2)
        box.addWidget(self.table, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.stack, 1)
        message = QHBoxLayout()
        message.setContentsMargins(24, 0, 24, 0)
        message.addWidget(self.message_label)
        layout.addLayout(message)

        order = [
            self.search_box,
            self.county_combo,
            self.constituency_combo,
            self.status_combo,
            self.stage_combo,
            self.gender_combo,
            self.education_combo,
            self.checks_combo,
            self.deadline_combo,
            self.clear_button,
            self.saved_combo,
            self.saved_name,
            self.save_button,
            self.delete_button,
            self.table,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        self.search_box.textChanged.connect(self.apply_filter)
        self.search_box.returnPressed.connect(self.focus_table)
        for combo in (
            self.status_combo,
            self.stage_combo,
            self.gender_combo,
            self.education_combo,
            self.checks_combo,
            self.deadline_combo,
        ):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.county_combo.currentIndexChanged.connect(self._on_county_changed)
        self.constituency_combo.currentIndexChanged.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.saved_combo.currentIndexChanged.connect(self._on_saved_selected)
        self.save_button.clicked.connect(self.save_current_filter)
        self.saved_name.returnPressed.connect(self.save_current_filter)
        self.delete_button.clicked.connect(self.delete_saved_filter)
        # A model reset gives every section the default width again.
        self.model.modelReset.connect(self._size_columns)
        self.model.first_page.connect(self._on_first_page)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._on_failed)

        agenda = QShortcut(QKeySequence("Ctrl+G"), list_page)
        agenda.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        agenda.activated.connect(self._agenda_for_selection)
        self._shortcuts = [agenda]

    # --- loading ----------------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        """First showing: the first page, the filter options, then the stored checks."""
        if self._loaded:
            return
        self._loaded = True
        self.apply_filter()
        self._runner.submit(self._review.filter_options, self._set_options, self._no_options)
        self._runner.submit(self._review.saved_filters, self._set_saved)
        self.refresh_checks()

    def refresh_checks(self) -> None:
        """Bring the stored check results up to date in the background."""
        if self._refreshing:
            return
        self._refreshing = True
        self.checks_label.setText(self.tr("Checking dossiers…"))

        runner = self._runner

        def work(report: Callable[[int, int], None]) -> int:
            # Stops between batches when the window closes (the results so far are kept).
            return self._review.refresh_checks(progress=report, cancelled=lambda: runner.closing)

        self._runner.submit_with_progress(
            work, self._checks_done, self._checks_progress, self._checks_failed
        )

    def _checks_progress(self, done: int, total: int) -> None:
        percent = self._fmt.number(round(100 * done / total)) if total else self._fmt.number(100)
        self.checks_label.setText(self.tr("Checking dossiers: {percent}%").format(percent=percent))

    def _checks_done(self, count: int) -> None:
        self._refreshing = False
        self.checks_label.setText(self.tr("Eligibility checks are up to date"))
        if count:
            self.model.reload()
        self.checks_refreshed.emit(count)

    def _checks_failed(self, exc: BaseException) -> None:
        self._refreshing = False
        log.warning("refreshing the stored checks failed: %s", exc)
        self.checks_label.setText(self.tr("Eligibility checks could not be brought up to date"))
        # The reason matters: a malformed rules file names the file, the rule and the field.
        self._show_error(exc)

    def _set_options(self, options: FilterOptions) -> None:
        self._options = options
        lang_fa = self._fmt.persian
        self.county_combo.set_choices([(c.name, c.code) for c in options.counties])
        self._fill_constituencies()
        checks = [(self.tr("Failed any automatic check"), ANY_FAILED_CHECK)]
        checks += [
            (self.tr("Failed: {check}").format(check=fa if lang_fa else en), code)
            for code, fa, en in options.checks
        ]
        self.checks_combo.set_choices(checks)
        self.model.set_check_titles(
            {code: fa if lang_fa else en for code, fa, en in options.checks}
        )

    def _no_options(self, exc: BaseException) -> None:
        log.info("no filter options yet: %s", exc)
        self.checks_combo.set_choices([(self.tr("Failed any automatic check"), ANY_FAILED_CHECK)])

    def _fill_constituencies(self) -> None:
        if self._options is None:
            return
        county = self.county_combo.value()
        self.constituency_combo.set_choices(
            [
                (c.name, c.code)
                for c in self._options.constituencies
                if county is None or c.parent == county
            ]
        )

    def _on_county_changed(self) -> None:
        self._fill_constituencies()
        self.apply_filter()

    # --- the filter -------------------------------------------------------------------------

    def current_filter(self) -> DossierFilter:
        return DossierFilter(
            text=self.search_box.text().strip(),
            constituency_code=self.constituency_combo.value(),
            county_code=self.county_combo.value(),
            status=self.status_combo.value(),
            stage=self.stage_combo.value(),
            gender=self.gender_combo.value(),
            education=self.education_combo.value(),
            failed_check=self.checks_combo.value(),
            deadline=self.deadline_combo.value(),
        )

    def apply_filter(self, *_: object) -> None:
        """Query the list for the search text and filters now (in the background)."""
        if self._applying_saved:
            return
        self._say("")
        f = self.current_filter()
        chosen = self.saved_combo.value()
        if chosen is not None and getattr(self, "_saved", {}).get(chosen) != f:
            # The criteria were changed by hand: the list no longer shows the saved filter.
            self.saved_combo.blockSignals(True)
            self.saved_combo.set_value(None)
            self.saved_combo.blockSignals(False)
        self.model.set_filter(f)

    def set_filter(self, f: DossierFilter) -> None:
        """Show ``f`` in the controls and the list (a saved filter, a test)."""
        self._applying_saved = True
        try:
            self.search_box.setText(f.text)
            self.county_combo.set_value(f.county_code)
            self._fill_constituencies()
            self.constituency_combo.set_value(f.constituency_code)
            self.status_combo.set_value(f.status)
            self.stage_combo.set_value(f.stage)
            self.gender_combo.set_value(f.gender)
            self.education_combo.set_value(f.education)
            self.checks_combo.set_value(f.failed_check)
            self.deadline_combo.set_value(f.deadline)
        finally:
            self._applying_saved = False
        self.apply_filter()

    def clear_filters(self) -> None:
        self.set_filter(DossierFilter(text=self.search_box.text().strip()))

    def _select_row(self, row: int) -> None:
        """Make ``row`` current and selected. (QTableView.selectRow picks the column under
        x = viewport width in right-to-left, which is past the last one: no current row.)"""
        index = self.model.index(row, 0)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self.showing_dossier:
            self._current_row = current.row()

    def _on_first_page(self, _generation: int) -> None:
        self._loaded = True
        same_list = self.model.filter == self._shown_filter
        self._shown_filter = self.model.filter
        if self.model.rowCount() > 0:
            # A reload of the same list keeps the reader's place; a new list starts on top.
            row = self._current_row if same_list and self._current_row >= 0 else 0
            row = min(row, self.model.rowCount() - 1)
            self._current_row = row
            self._select_row(row)
        self._show_count()

    def _on_loaded(self, _generation: int) -> None:
        self._show_count()

    def _on_failed(self, _message: str) -> None:
        self.count_label.setText(self.tr("The search failed; see the log."))

    def _show_count(self) -> None:
        total = self.model.total
        searching = not self.model.filter.is_empty
        if total == 0:
            if searching:
                text = self.tr("No dossier matches this search")
            else:
                text = self.tr("No dossiers yet; they arrive with the next sync")
        elif not self.model.is_current:
            text = self.tr("Dossiers: {total} or more").format(total=self._fmt.number(total))
        else:
            text = self.tr("Dossiers: {total}").format(total=self._fmt.number(total))
        self.count_label.setText(text)

    # --- saved filters ----------------------------------------------------------------------

    def _set_saved(self, saved: dict[str, DossierFilter]) -> None:
        self._saved = saved
        self.saved_combo.set_choices([(name, name) for name in saved])

    def _on_saved_selected(self) -> None:
        name = self.saved_combo.value()
        saved = getattr(self, "_saved", {})
        if name is not None and name in saved:
            self.saved_name.setText(name)
            self.set_filter(saved[name])

    def save_current_filter(self) -> None:
        name = self.saved_name.text().strip()
        if not name:
            self._say(self.tr("Type a name for the filter first."))
            self.saved_name.setFocus()
            return
        f = self.current_filter()

        def work() -> tuple[str, dict[str, DossierFilter]]:
            saved_as = self._review.save_filter(name, f)
            return saved_as, self._review.saved_filters()

        def done(result: tuple[str, dict[str, DossierFilter]]) -> None:
            saved_as, saved = result
            self._set_saved(saved)
            self.saved_combo.blockSignals(True)
            self.saved_combo.set_value(saved_as)
            self.saved_combo.blockSignals(False)
            self._say(self.tr("Filter “{name}” saved.").format(name=saved_as))

        self._runner.submit(work, done, self._show_error)

    def delete_saved_filter(self) -> None:
        name = self.saved_combo.value()
        if name is None:
            self._say(self.tr("Choose a saved filter to delete."))
            return

        def work() -> dict[str, DossierFilter]:
            self._review.delete_filter(name)
            return self._review.saved_filters()

        def done(saved: dict[str, DossierFilter]) -> None:
            self._set_saved(saved)
            self.saved_combo.blockSignals(True)
            self.saved_combo.set_value(None)
            self.saved_combo.blockSignals(False)
            self._say(self.tr("Filter “{name}” deleted.").format(name=name))

        self._runner.submit(work, done, self._show_error)

    # --- keyboard ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.show_list()
        self.search_box.setFocus()
        self.search_box.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.table.currentIndex().row() < 0 and self.model.rowCount() > 0:
            self._select_row(0)

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:
        if (
            watched is self.table
            and event is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_row(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    # --- the dossier view -------------------------------------------------------------------

    @property
    def showing_dossier(self) -> bool:
        return self.stack.currentWidget() is self.view

    def show_list(self) -> None:
        if self.showing_dossier:
            self.stack.setCurrentIndex(0)
            if self._current_row >= 0 and self._current_row < self.model.rowCount():
                self._select_row(self._current_row)
            self.table.setFocus()

    def open_row(self, row: int) -> None:
        """Open the dossier on ``row`` of the list (fetching its page first if needed)."""
        if row < 0 or row >= self.model.rowCount():
            return
        self._current_row = row
        self._select_row(row)
        found = self.model.row_at(row)
        if found is not None:
            self.open_dossier(found.registration_id)
            return
        f, total = self.model.filter, self.model.total
        self._runner.submit(
            lambda: self._review.page(f, 1, row, total),
            lambda rows: self.open_dossier(rows[0].registration_id) if rows else None,
            self._show_error,
        )

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) dossier of the list."""
        row = (self._current_row if self._current_row >= 0 else 0) + delta
        if 0 <= row < self.model.rowCount():
            self.open_row(row)

    def open_dossier(self, registration_id: str) -> None:
        self._runner.submit(
            lambda: self._review.detail(registration_id), self._show_detail, self._show_error
        )

    def _show_detail(self, detail: DossierDetail) -> None:
        focused = self.view.tabs.currentIndex()
        self.view.show_detail(detail)
        self.view.tabs.setCurrentIndex(max(0, focused))
        if not self.showing_dossier:
            self.stack.setCurrentWidget(self.view)
            self.view.tabs.setFocus()

    def selected_registration_id(self) -> str | None:
        if self.showing_dossier and self.view.detail is not None:
            return self.view.detail.dossier.registration_id
        row = self.table.currentIndex().row()
        found = self.model.row_at(row) if row >= 0 else None
        return found.registration_id if found else None

    def _agenda_for_selection(self) -> None:
        rid = self.selected_registration_id()
        if rid is not None:
            self.add_to_agenda(rid)

    def add_to_agenda(self, registration_id: str) -> None:
        """Ctrl+G: put the dossier before the board that must decide it."""
        if self._sessions is None:
            return
        sessions = self._sessions

        def done(session_id: str) -> None:
            self._say(self.tr("Put on the agenda of today's session."))
            self.agenda_changed.emit(session_id)

        self._runner.submit(lambda: sessions.add_to_agenda(registration_id), done, self._show_error)

    def ask_objection(self, registration_id: str) -> ObjectionDialog | None:
        if self._objections is None or self.view.detail is None:
            return None
        dialog = ObjectionDialog(self.view.detail.dossier.full_name, self)
        objections = self._objections

        def accepted() -> None:
            text = dialog.text_edit.toPlainText()
            self._runner.submit(
                lambda: objections.file(registration_id, text),
                lambda _o: self._after_change(
                    registration_id, self.tr("Objection registered and sent to the higher board.")
                ),
                self._show_error,
            )

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def record_manual(self, registration_id: str, code: str, met: bool, note: str) -> None:
        self._runner.submit(
            lambda: self._review.record_manual(registration_id, code, met, note),
            lambda _r: self._after_change(registration_id, self.tr("Judgement recorded.")),
            lambda exc: self.view.show_manual_error(error_text(exc, self._fmt.persian)),
        )

    def _after_change(self, registration_id: str, message: str) -> None:
        self._say(message)
        self.open_dossier(registration_id)
        self.model.reload()

    def _say(self, text: str) -> None:
        """A line under the list (and the dossier view): results and refusals."""
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    @property
    def message(self) -> str:
        return self.message_label.text()

    def _show_error(self, exc: BaseException) -> None:
        log.warning("dossier action failed: %s", exc)
        self._say(self.tr("Not done: {reason}").format(reason=error_text(exc, self._fmt.persian)))

    # --- columns ----------------------------------------------------------------------------

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        # Qt derives a minimum from the style that is wider than short columns need.
        header.setMinimumSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Constituency names are the longest free text: that column takes what is left.
        header.setSectionResizeMode(Column.CONSTITUENCY, QHeaderView.ResizeMode.Stretch)
        for column, width in self._column_widths().items():
            self.table.setColumnWidth(column, width)

    def _column_widths(self) -> dict[Column, int]:
        """Widths that fit each column's widest typical text (measured once: every model
        reset, i.e. every keystroke in the search box, applies them again)."""
        if self._widths:
            return self._widths
        metrics = self.table.fontMetrics()
        padding = 20
        samples = {
            Column.REGISTRATION_ID: ["R-0000-0000000"],
            Column.NAME: ["سیده فاطمه موسوی‌نژاد"],
            Column.NATIONAL_ID: [self._fmt.digits("0000000000")],
            Column.BIRTH_DATE: [self._fmt.digits("0000/00/00")],
            Column.COUNTY: ["شهرستان نمونه"],
            Column.STATUS: list(status_labels().values()),
            Column.CHECKS: [
                self.model.checks_text(None),
                self.model.checks_text(0),
                self.model.checks_text(8),
            ],
            Column.DEADLINE: [
                self.model.deadline_text(0),
                self.model.deadline_text(88),
                self.model.deadline_text(-88),
            ],
        }
        for column, texts in samples.items():
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            header_text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(widest, metrics.horizontalAdvance(header_text))
            self._widths[column] = widest + padding
        return self._widths


class TextSearchSource:
    """A ReviewSource over a plain dossier search (``search``/``count`` by text), for a
    context without the review service: filters other than the text are ignored."""

    def __init__(self, dossiers: Any) -> None:
        self._dossiers = dossiers
        self._saved: dict[str, DossierFilter] = {}

    def count(self, f: DossierFilter) -> int:
        return int(self._dossiers.count(f.text))

    def page(
        self, f: DossierFilter, limit: int, offset: int = 0, total: int | None = None
    ) -> list[ReviewRow]:
        return [
            ReviewRow(
                registration_id=s.registration_id,
                national_id=s.national_id,
                first_name=s.first_name,
                last_name=s.last_name,
                father_name=s.father_name,
                birth_date=s.birth_date,
                gender=s.gender,
                education=0,
                constituency_code=s.constituency_code,
                constituency_name=s.constituency_name,
                county_name=s.county_name,
                status=s.status,
                failed_count=None,
                failed_codes=(),
                due_on=None,
            )
            for s in self._dossiers.search(f.text, limit=limit, offset=offset)
        ]

    def today(self) -> date:
        return date.today()

    def filter_options(self) -> FilterOptions:
        return FilterOptions((), (), ())

    def saved_filters(self) -> dict[str, DossierFilter]:
        return dict(self._saved)

    def save_filter(self, name: str, f: DossierFilter) -> str:
        self._saved[name] = f
        return name

    def delete_filter(self, name: str) -> bool:
        return self._saved.pop(name, None) is not None

    def detail(self, registration_id: str) -> DossierDetail:
        raise LookupError("dossier details need the review service")

    def record_manual(self, registration_id: str, code: str, met: bool, note: str) -> None:
        raise LookupError("manual criteria need the review service")

    def refresh_checks(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        return 0
