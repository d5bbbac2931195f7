"""The review list's table model: pages lazily from the store, off the GUI thread.

``rowCount`` is the filtered list's size (a count query); rows are fetched a page at a
time by row offset (``ReviewService.page``) when the view first asks for them, and kept
in a small LRU cache. Until a page arrives its cells are empty; when it arrives the
model emits ``dataChanged`` for just those rows. Changing the filter (typing in the
search box) starts one query at a time: if the user types on while a query runs, only
the newest text is queried next, and answers to older texts are dropped.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, deque
from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from functools import lru_cache
from typing import Any, Protocol

from PyQt6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    pyqtSignal,
)
from PyQt6.QtGui import QColor

from supervisor_app.domain.review import DossierFilter
from supervisor_app.services.review import ReviewRow

from .labels import status_labels
from .tasks import TaskRunner
from .text import Formatter

log = logging.getLogger(__name__)

_AnyIndex = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row's ReviewRow itself
SUMMARY_ROLE = ROW_ROLE  # the name earlier versions used

ALARM = QColor("#b00020")


class Column(IntEnum):
    REGISTRATION_ID = 0
    NAME = 1
    NATIONAL_ID = 2
    BIRTH_DATE = 3
    CONSTITUENCY = 4
    COUNTY = 5
    STATUS = 6
    CHECKS = 7
    DEADLINE = 8


class ListSource(Protocol):
    """What the model needs from the review service."""

    def count(self, f: DossierFilter) -> int: ...

    def page(
        self, f: DossierFilter, limit: int, offset: int = 0, total: int | None = None
    ) -> Sequence[ReviewRow]: ...

    def today(self) -> date: ...


class DossierListModel(QAbstractTableModel):
    """Read-only, lazily paged rows: ids as LTR islands, Jalali dates, Persian digits."""

    PAGE_SIZE = 100
    MAX_PAGES = 60  # cached pages (6,000 rows); older ones are dropped
    MAX_WAITING_PAGES = 4  # page requests beyond this are forgotten (fast scrolling)

    loaded = pyqtSignal(int)  # a filter's first page and count are in (generation)
    first_page = pyqtSignal(int)  # a filter's first rows are shown (generation)
    failed = pyqtSignal(str)

    def __init__(
        self,
        source: ListSource,
        runner: TaskRunner,
        fmt: Formatter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._fmt = fmt
        self._filter = DossierFilter()
        self._generation = 0
        self._shown_generation = -1  # generation whose rows the model holds
        self._loading = False
        self._early_count: tuple[int, int] | None = None
        self._total = 0
        self._counted = False
        self._pages: OrderedDict[int, Sequence[ReviewRow]] = OrderedDict()
        self._page_queue: deque[int] = deque()
        self._page_running = False
        self._check_titles: dict[str, str] = {}
        self._today_cache: tuple[float, date] | None = None
        # Jalali conversion is slow and the same dates are painted again and again.
        self._date_text = lru_cache(maxsize=8192)(fmt.date)
        self._status_labels = status_labels()  # translated once, not per painted cell
        self._headers = {
            Column.REGISTRATION_ID: self.tr("Registration id"),
            Column.NAME: self.tr("Name"),
            Column.NATIONAL_ID: self.tr("National id"),
            Column.BIRTH_DATE: self.tr("Birth date"),
            Column.CONSTITUENCY: self.tr("Constituency"),
            Column.COUNTY: self.tr("County"),
            Column.STATUS: self.tr("Status"),
            Column.CHECKS: self.tr("Checks"),
            Column.DEADLINE: self.tr("Deadline"),
        }

    # --- state ---------------------------------------------------------------------------

    @property
    def filter(self) -> DossierFilter:
        return self._filter

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def is_current(self) -> bool:
        """True when the rows and count shown belong to the latest filter."""
        return self._shown_generation == self._generation and self._counted

    @property
    def total(self) -> int:
        return self._total

    def set_check_titles(self, titles: dict[str, str]) -> None:
        """Names of the checks, for the tooltip of the checks column."""
        self._check_titles = dict(titles)

    def row_at(self, row: int) -> ReviewRow | None:
        """The row if its page is loaded (None while it is being fetched)."""
        rows = self._pages.get(row // self.PAGE_SIZE)
        local = row % self.PAGE_SIZE
        if rows is None or local >= len(rows):
            return None
        return rows[local]

    # --- loading -------------------------------------------------------------------------

    def set_filter(self, f: DossierFilter, *, force: bool = False) -> None:
        """Show the list for ``f`` (queried in the background)."""
        if f == self._filter and not force and self._shown_generation == self._generation:
            return
        self._filter = f
        self._generation += 1
        if not self._loading:
            self._start_load()

    def reload(self) -> None:
        self.set_filter(self._filter, force=True)

    def _start_load(self) -> None:
        """Query the first page (and the count, when the page query cannot give it) in
        the pool: the list appears when the page is in, and is final with the count."""
        generation, f, source = self._generation, self._filter, self._source
        size = self.PAGE_SIZE
        self._loading = True
        self._early_count = None
        first_page = getattr(source, "first_page", None)
        if first_page is not None and f == DossierFilter(text=f.text):
            # A plain search counts its hits anyway to plan the page: one query, not two.
            self._runner.submit(
                lambda: first_page(f, size),
                lambda result: self._first_page_and_count_in(generation, result),
                lambda exc: self._load_failed(generation, exc),
            )
            return
        self._runner.submit(
            lambda: source.page(f, size, 0),
            lambda rows: self._first_page_in(generation, rows),
            lambda exc: self._load_failed(generation, exc),
        )
        # Meanwhile the count, on another pool thread (SQLite lets go of the GIL).
        self._start_count(generation)

    def _start_count(self, generation: int) -> None:
        f, source = self._filter, self._source
        self._runner.submit(
            lambda: source.count(f),
            lambda n: self._count_in(generation, n),
            lambda exc: self._count_failed(generation, exc),
        )

    def _first_page_and_count_in(
        self, generation: int, result: tuple[Sequence[ReviewRow], int | None]
    ) -> None:
        rows, total = result
        if total is not None:
            self._early_count = (generation, total)
        self._first_page_in(generation, rows)
        if generation == self._generation == self._shown_generation and not self._counted:
            self._start_count(generation)

    def _first_page_in(self, generation: int, rows: Sequence[ReviewRow]) -> None:
        self._loading = False
        if generation != self._generation:  # the user typed on: query the newest text
            self._start_load()
            return
        total: int | None = None
        if len(rows) < self.PAGE_SIZE:
            total = len(rows)  # a short first page is the whole list
        elif self._early_count is not None and self._early_count[0] == generation:
            total = self._early_count[1]
        self.beginResetModel()
        self._pages.clear()
        self._page_queue.clear()
        self._pages[0] = rows
        self._shown_generation = generation
        self._counted = total is not None
        self._total = total if total is not None else len(rows)
        self.endResetModel()
        self.first_page.emit(generation)
        if total is not None:
            self.loaded.emit(generation)

    def _count_in(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        if self._shown_generation != generation:
            self._early_count = (generation, total)  # the page is still on its way
            return
        if self._counted:
            return
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self._counted = True
        self.loaded.emit(generation)

    def _count_failed(self, generation: int, exc: BaseException) -> None:
        log.error("counting the dossier list failed", exc_info=exc)
        if generation == self._generation == self._shown_generation and not self._counted:
            self._counted = True  # show what there is rather than wait forever
            self.loaded.emit(generation)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        self._loading = False
        log.error("dossier list query failed", exc_info=exc)
        if generation != self._generation:
            self._start_load()
            return
        self.beginResetModel()
        self._pages.clear()
        self._total = 0
        self._counted = True
        self._shown_generation = generation
        self.endResetModel()
        self.failed.emit(str(exc))

    def _want_page(self, page: int) -> None:
        if page in self._page_queue:
            return
        self._page_queue.append(page)
        while len(self._page_queue) > self.MAX_WAITING_PAGES:
            self._page_queue.popleft()  # scrolled past: nobody looks there any more
        if not self._page_running:
            self._fetch_next_page()

    def _fetch_next_page(self) -> None:
        if not self._page_queue:
            return
        page = self._page_queue.pop()  # the latest request is what is on screen now
        generation, f, source = self._shown_generation, self._filter, self._source
        size, total = self.PAGE_SIZE, self._total if self._counted else None
        self._page_running = True
        self._runner.submit(
            lambda: source.page(f, size, page * size, total),
            lambda rows: self._page_in(generation, page, rows),
            lambda exc: self._page_failed(exc),
        )

    def _page_in(self, generation: int, page: int, rows: Sequence[ReviewRow]) -> None:
        self._page_running = False
        if generation == self._shown_generation == self._generation:
            self._pages[page] = rows
            self._pages.move_to_end(page)
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
            first = page * self.PAGE_SIZE
            last = min(self._total, first + len(rows)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
        self._fetch_next_page()

    def _page_failed(self, exc: BaseException) -> None:
        self._page_running = False
        log.error("loading a page of the dossier list failed", exc_info=exc)
        self._fetch_next_page()

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._total:
            return None
        page = index.row() // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want_page(page)
            return None
        local = index.row() - page * self.PAGE_SIZE
        if local >= len(rows):
            return None
        row = rows[local]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    # --- cells ---------------------------------------------------------------------------

    def _review_day(self) -> date:
        # Asked per painted cell: read the review's calendar at most once a second.
        now = time.monotonic()
        if self._today_cache is None or now - self._today_cache[0] > 1.0:
            self._today_cache = (now, self._source.today())
        return self._today_cache[1]

    def days_left(self, row: ReviewRow) -> int | None:
        return None if row.due_on is None else (row.due_on - self._review_day()).days

    def _display(self, row: ReviewRow, column: Column) -> str:
        fmt = self._fmt
        match column:
            case Column.REGISTRATION_ID:
                return fmt.code(row.registration_id)
            case Column.NAME:
                return row.full_name
            case Column.NATIONAL_ID:
                return fmt.identifier(row.national_id)
            case Column.BIRTH_DATE:
                return self._date_text(row.birth_date)
            case Column.CONSTITUENCY:
                return row.constituency_name
            case Column.COUNTY:
                return row.county_name
            case Column.STATUS:
                return self._status_labels.get(row.status, row.status)
            case Column.CHECKS:
                return self.checks_text(row.failed_count)
            case Column.DEADLINE:
                return self.deadline_text(self.days_left(row))

    def checks_text(self, failed: int | None) -> str:
        if failed is None:
            return self.tr("Not checked yet")
        if failed == 0:
            return self.tr("All passed")
        return self.tr("{count} failed").format(count=self._fmt.number(failed))

    def deadline_text(self, days: int | None) -> str:
        if days is None:
            return ""
        if days == 0:
            return self.tr("Due today")
        if days > 0:
            return self.tr("{days} days left").format(days=self._fmt.number(days))
        return self.tr("{days} days late").format(days=self._fmt.number(-days))

    def _tooltip(self, row: ReviewRow, column: Column) -> str | None:
        if column is Column.NAME:
            return self.tr("Father's name: {name}").format(name=row.father_name)
        if column is Column.CHECKS and row.failed_codes:
            return "\n".join(self._check_titles.get(c, c) for c in row.failed_codes)
        if column is Column.DEADLINE and row.due_on is not None:
            return self._fmt.date(row.due_on)
        return None

    def _colour(self, row: ReviewRow, column: Column) -> QColor | None:
        if column is Column.CHECKS and row.failed_count:
            return ALARM
        if column is Column.DEADLINE:
            days = self.days_left(row)
            if days is not None and days <= 0:
                return ALARM
        return None


def wait_until_current(model: DossierListModel, runner: TaskRunner, timeout_s: float = 10) -> bool:
    """Process events until the model shows the latest filter (tests, benchmarks)."""
    deadline = time.monotonic() + timeout_s
    while not model.is_current and time.monotonic() < deadline:
        runner.wait_idle(0.05)
        QCoreApplication.processEvents()
    return model.is_current
