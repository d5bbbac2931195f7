"""Election-day dashboard: observer reports by offence, hour, constituency, branch and
severity, as charts and tables, refreshed while the page is open.

Every few seconds (only while the page is visible) the service is asked, on a background
thread, for a new snapshot *if the store changed*: it compares a cheap fingerprint of
the reports first, so an idle dashboard costs two index lookups per tick.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from PyQt6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
)
from PyQt6.QtCore import QAbstractTableModel, QMargins, QModelIndex, QObject, Qt, QTimer
from PyQt6.QtGui import QCursor, QHideEvent, QPainter, QShowEvent
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.jalali import to_jalali
from supervisor_app.domain.persian import format_number
from supervisor_app.services.dashboard import (
    DashboardFilters,
    DashboardSnapshot,
    ExportError,
    HourCount,
    Token,
)

from ..fonts import TITLE_POINT_SIZE, emphasised
from ..labels import offence_labels, severity_labels
from ..tasks import TaskRunner
from ..text import Formatter
from .home import value_label

log = logging.getLogger(__name__)

# The charts show the busiest ones (more bars would not leave room for their names);
# the tables list them all.
CHART_CATEGORIES = 10
CHART_CONSTITUENCIES = 10
AXIS_FONT_SCALE = 0.85
CHART_MIN_HEIGHT = 240


class DashboardSource(Protocol):
    """What the page needs of ``DashboardService``."""

    def refresh(
        self, filters: DashboardFilters | None = None, since: Token | None = None
    ) -> DashboardSnapshot | None: ...

    def constituencies(self) -> list[tuple[str, str]]: ...

    def export_csv(
        self, source: DashboardSnapshot | DashboardFilters | None, path: Path
    ) -> Path: ...

    def export_xlsx(
        self, source: DashboardSnapshot | DashboardFilters | None, path: Path
    ) -> Path: ...

    def export_reports_csv(self, filters: DashboardFilters | None, path: Path) -> int: ...

    def export_reports_xlsx(self, filters: DashboardFilters | None, path: Path) -> int: ...


# --- tables ----------------------------------------------------------------------------------


class CountTableModel(QAbstractTableModel):
    """Rows of (label, number, …); the last number also shown as a share of the total."""

    def __init__(self, headers: Sequence[str], fmt: Formatter, parent: QObject | None = None):
        super().__init__(parent)
        self._headers = [*headers]
        self._fmt = fmt
        self._rows: list[tuple[Any, ...]] = []
        self._total = 0

    def set_rows(self, rows: Sequence[tuple[Any, ...]], total: int) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total
        self.endResetModel()

    def row_values(self, row: int) -> tuple[Any, ...]:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def _share(self, count: int) -> str:
        if not self._total:
            return "—"
        share = 100 * count / self._total
        text = format_number(share, decimals=1) if self._fmt.persian else f"{share:.1f}"
        return f"{text}٪" if self._fmt.persian else f"{text}%"

    def data(self, index: QModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        share_column = len(self._headers) - 1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == share_column:
                return self._share(row[-1])
            value = row[column]
            if isinstance(value, int):
                return self._fmt.number(value)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{value}: {self._fmt.number(row[-1])}"
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:  # the raw value, for sorting and tests
            return row[-1] if column == share_column else row[column]
        return None


def _table(model: CountTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


# --- charts ----------------------------------------------------------------------------------


def nice_ticks(top: int, most: int = 6) -> list[int]:
    """0, step, 2·step … covering ``top`` with at most ``most`` steps (1-2-5 steps)."""
    top = max(top, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = step * factor
            if math.ceil(top / candidate) <= most:
                return list(range(0, candidate * math.ceil(top / candidate) + 1, candidate))
        step *= 10


class CountChart(QChartView):
    """One bar series of counts over labelled categories, kept and updated in place.

    Qt Charts formats value axes with printf (Latin digits), so the count axis is a
    category axis with one label per tick, in the formatter's digits. Right to left:
    the category labels sit on the start (right) side and bars grow towards the left,
    and the hours run from right to left.
    """

    def __init__(
        self,
        fmt: Formatter,
        *,
        horizontal: bool,
        rtl: bool,
        name: str,
        tooltip: Callable[[int], str],
    ) -> None:
        self._chart = QChart()
        super().__init__(self._chart)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(CHART_MIN_HEIGHT)
        self._fmt = fmt
        self._tooltip = tooltip
        self._chart.legend().hide()
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._chart.setBackgroundRoundness(0)
        self._chart.setMargins(QMargins(12, 4, 12, 4))

        self.bar_set = QBarSet("")
        self.bar_set.hovered.connect(self._on_hovered)
        self.series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.series.append(self.bar_set)
        self._chart.addSeries(self.series)
        self.category_axis = QBarCategoryAxis()
        self.count_axis = QCategoryAxis()
        self.count_axis.setLabelsPosition(
            QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue
        )
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * AXIS_FONT_SCALE)
        for axis in (self.category_axis, self.count_axis):
            axis.setLabelsFont(font)
            # Qt elides a label that does not fit its slot to "...", which says nothing.
            axis.setTruncateLabels(False)
        start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        if horizontal:  # categories down the start side, counts along the bottom
            self._chart.addAxis(self.category_axis, start)
            self._chart.addAxis(self.count_axis, Qt.AlignmentFlag.AlignBottom)
            self.count_axis.setReverse(rtl)
        else:  # hours along the bottom, counts up the start side
            self._chart.addAxis(self.category_axis, Qt.AlignmentFlag.AlignBottom)
            self._chart.addAxis(self.count_axis, start)
        self.series.attachAxis(self.category_axis)
        self.series.attachAxis(self.count_axis)
        self._labels: list[str] = []
        # QBarCategoryAxis ignores setReverse, so the bars are fed in display order:
        # horizontal bars list the first category at the top (Qt puts it at the bottom);
        # in right to left the hours run from right to left.
        self._flip = horizontal or rtl

    def show_counts(self, labels: Sequence[str], values: Sequence[int]) -> None:
        """Replace the bars; the category axis is rebuilt only if the labels changed."""
        labels, values = list(labels), [int(v) for v in values]
        if labels != self._labels:
            self.category_axis.clear()
            if labels:
                self.category_axis.append(labels[::-1] if self._flip else labels)
            self._labels = labels
        if self.bar_set.count():
            self.bar_set.remove(0, self.bar_set.count())
        if values:
            self.bar_set.append([float(v) for v in (values[::-1] if self._flip else values)])
        for label in list(self.count_axis.categoriesLabels()):
            self.count_axis.remove(label)
        ticks = nice_ticks(max(values, default=0))
        self.count_axis.setStartValue(0)
        for tick in ticks:
            self.count_axis.append(self._fmt.number(tick), tick)
        self.count_axis.setRange(0, ticks[-1])

    def values(self) -> list[int]:
        """The counts in the order given (the series itself may hold them reversed)."""
        bars = [int(self.bar_set.at(i)) for i in range(self.bar_set.count())]
        return bars[::-1] if self._flip else bars

    def labels(self) -> list[str]:
        return list(self._labels)

    def _on_hovered(self, status: bool, index: int) -> None:
        if status and 0 <= index < self.bar_set.count():
            logical = self.bar_set.count() - 1 - index if self._flip else index
            QToolTip.showText(QCursor.pos(), self._tooltip(logical), self)
        else:
            QToolTip.hideText()


# --- the page --------------------------------------------------------------------------------


class DashboardPage(QWidget):
    """Counts of observer reports for the board, refreshed every few seconds."""

    REFRESH_MS = 5_000

    def __init__(
        self,
        service: DashboardSource,
        fmt: Formatter,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardPage")
        self._service = service
        self._fmt = fmt
        self._tasks = tasks
        self._filters = DashboardFilters()
        self.snapshot: DashboardSnapshot | None = None
        self._pending: int | None = None  # task id of the running refresh
        self._again = False  # a forced refresh was asked for while one ran
        self._constituencies_loaded = False
        self._days: tuple[date, ...] = ()
        self._export_task: int | None = None
        self.error_box: QMessageBox | None = None

        title = QLabel(self.tr("Election-day dashboard"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))

        # Filters and exports.
        self.constituency_combo = QComboBox()
        self.constituency_combo.setObjectName("dashboardConstituency")
        self.constituency_combo.setEditable(True)  # type to find among thousands
        self.constituency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.constituency_combo.setMinimumContentsLength(24)
        completer = self.constituency_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.constituency_combo.addItem(self.tr("All constituencies"), None)
        self.constituency_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.day_combo = QComboBox()
        self.day_combo.setObjectName("dashboardDay")
        self.day_combo.addItem(self.tr("All days"), None)
        self.day_combo.currentIndexChanged.connect(self._on_filters_changed)

        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        for button, kind in ((self.csv_button, "csv"), (self.xlsx_button, "xlsx")):
            menu = QMenu(button)
            summary = menu.addAction(self.tr("Counts (this dashboard)"))
            summary.triggered.connect(lambda _=False, k=kind: self.ask_export(k, "summary"))
            reports = menu.addAction(self.tr("All reports, one row each"))
            reports.triggered.connect(lambda _=False, k=kind: self.ask_export(k, "reports"))
            button.setMenu(menu)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Constituency:")))
        filters.addWidget(self.constituency_combo)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Day:")))
        filters.addWidget(self.day_combo)
        filters.addStretch(1)
        filters.addWidget(self.csv_button)
        filters.addWidget(self.xlsx_button)

        # Headline numbers.
        self.total_value = value_label()
        self.complaints_value = value_label()
        self.branches_value = value_label()
        self.latest_value = value_label()
        self.updated_value = value_label()
        cards = QHBoxLayout()
        for caption, value in (
            (self.tr("Reports"), self.total_value),
            (self.tr("Open complaints"), self.complaints_value),
            (self.tr("Branches with reports"), self.branches_value),
            (self.tr("Latest report"), self.latest_value),
            (self.tr("Updated"), self.updated_value),
        ):
            cards.addWidget(self._card(caption, value))
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()  # shown with a message

        # Charts.
        rtl = self.isRightToLeft()
        self.category_chart = CountChart(
            fmt, horizontal=True, rtl=rtl, name="categoryChart", tooltip=self._category_tip
        )
        self.hour_chart = CountChart(
            fmt, horizontal=False, rtl=rtl, name="hourChart", tooltip=self._hour_tip
        )
        self.constituency_chart = CountChart(
            fmt, horizontal=True, rtl=rtl, name="constituencyChart", tooltip=self._place_tip
        )
        for chart, caption in (
            (self.category_chart, self.tr("Reports by offence")),
            (self.hour_chart, self.tr("Reports by hour (Tehran time)")),
            (self.constituency_chart, self.tr("Constituencies with the most reports")),
        ):
            chart.chart().setTitle(caption)
            chart.chart().setTitleFont(emphasised(self.font()))

        # Tables with the same numbers.
        share = self.tr("Share")
        count = self.tr("Reports")
        self.category_model = CountTableModel([self.tr("Offence"), count, share], fmt, self)
        self.severity_model = CountTableModel([self.tr("Severity"), count, share], fmt, self)
        self.hour_model = CountTableModel([self.tr("Hour (Tehran time)"), count, share], fmt, self)
        self.constituency_model = CountTableModel(
            [self.tr("Constituency"), self.tr("Branches with reports"), count, share], fmt, self
        )
        self.branch_model = CountTableModel(
            [self.tr("Branch"), self.tr("Constituency"), count, share], fmt, self
        )
        self.category_table = _table(self.category_model, "categoryTable")
        self.severity_table = _table(self.severity_model, "severityTable")
        self.hour_table = _table(self.hour_model, "hourTable")
        self.constituency_table = _table(self.constituency_model, "constituencyTable")
        self.branch_table = _table(self.branch_model, "branchTable")

        # One tab per breakdown: the chart gets the tab's full height, the table beside it.
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        for chart, table, caption in (
            (self.category_chart, self.category_table, self.tr("By offence")),
            (self.hour_chart, self.hour_table, self.tr("By hour")),
            (self.constituency_chart, self.constituency_table, self.tr("By constituency")),
        ):
            self.tabs.addTab(self._side_by_side(chart, table), caption)
        self.tabs.addTab(
            self._side_by_side(
                self._titled(self.tr("Branches with the most reports"), self.branch_table),
                self._titled(self.tr("Reports by severity"), self.severity_table),
            ),
            self.tr("By branch and severity"),
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(cards)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(self.REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._show_empty()

    # --- layout helpers ---------------------------------------------------------------------

    @staticmethod
    def _card(caption: str, value: QLabel) -> QFrame:
        frame = QFrame()
        frame.setObjectName("countCard")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.addWidget(QLabel(caption))
        value.setFont(emphasised(value.font(), TITLE_POINT_SIZE))
        box.addWidget(value)
        return frame

    @staticmethod
    def _side_by_side(first: QWidget, second: QWidget) -> QWidget:
        """Two widgets in a row, the first on the start side, sharing the width."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 8, 0, 0)
        row.addWidget(first, 1)
        row.addWidget(second, 1)
        return holder

    @staticmethod
    def _titled(caption: str, widget: QWidget) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        label = QLabel(caption)
        label.setFont(emphasised(label.font()))
        box.addWidget(label)
        box.addWidget(widget, 1)
        return holder

    # --- refreshing -------------------------------------------------------------------------

    @property
    def refresh_interval_ms(self) -> int:
        return self._timer.interval()

    @refresh_interval_ms.setter
    def refresh_interval_ms(self, value: int) -> None:
        self._timer.setInterval(value)

    @property
    def auto_refreshing(self) -> bool:
        return self._timer.isActive()

    def showEvent(self, event: QShowEvent | None) -> None:
        super().showEvent(event)
        if not self._constituencies_loaded:
            self._constituencies_loaded = True
            self._tasks.submit(
                self._service.constituencies,
                self._fill_constituencies,
                self._on_constituencies_failed,
            )
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent | None) -> None:
        self._timer.stop()  # nobody is looking: no queries
        super().hideEvent(event)

    def refresh(self, *, force: bool = False) -> None:
        """Ask for a snapshot in the background; shown only if the data changed."""
        if self._tasks.closing:
            return
        if self._pending is not None:
            self._again = self._again or force
            return
        filters = self._filters
        since = None if force or self.snapshot is None else self.snapshot.token
        service = self._service
        self._pending = self._tasks.submit(
            lambda: service.refresh(filters, since), self._on_refreshed, self._on_failed
        )

    def _on_refreshed(self, snapshot: DashboardSnapshot | None) -> None:
        self._pending = None
        if snapshot is not None:
            if snapshot.filters == self._filters:
                self.show_snapshot(snapshot)
            else:  # the filters changed while it ran
                self._again = True
        if self._again:
            self._again = False
            self.refresh(force=True)

    def _on_failed(self, error: BaseException) -> None:
        self._pending = None
        log.error("dashboard refresh failed", exc_info=error)
        self._set_status(
            self.tr("The counts could not be read from the store; they are retried shortly.")
        )

    def _on_filters_changed(self, _index: int = 0) -> None:
        constituency = self.constituency_combo.currentData()
        data = self.day_combo.currentData()  # ISO text: QComboBox cannot find a date
        day = date.fromisoformat(data) if data else None
        self._filters = DashboardFilters(constituency, day, day)
        self.refresh(force=True)

    def set_filters(self, filters: DashboardFilters) -> None:
        """Select a constituency and a day (tests, and links from other pages)."""
        self._filters = filters
        day = filters.date_from.isoformat() if filters.date_from else None
        for combo, data in (
            (self.constituency_combo, filters.constituency_code),
            (self.day_combo, day),
        ):
            combo.blockSignals(True)
            try:
                if combo.findData(data) < 0 and data is not None:
                    text = self._fmt.long_date(filters.date_from) if data == day else data
                    combo.addItem(text, data)
                combo.setCurrentIndex(max(combo.findData(data), 0))
            finally:
                combo.blockSignals(False)
        self.refresh(force=True)

    @property
    def filters(self) -> DashboardFilters:
        return self._filters

    def _fill_constituencies(self, rows: list[tuple[str, str]]) -> None:
        combo = self.constituency_combo
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for code, name in rows:
                combo.addItem(name, code)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    def _on_constituencies_failed(self, error: BaseException) -> None:
        self._constituencies_loaded = False  # try again the next time the page is shown
        log.error("reading the constituencies failed", exc_info=error)

    def _fill_days(self, days: tuple[date, ...]) -> None:
        if days == self._days:
            return
        self._days = days
        combo = self.day_combo
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for day in days:
                combo.addItem(self._fmt.long_date(day), day.isoformat())
            if current is not None and combo.findData(current) < 0:  # keep the choice
                combo.addItem(self._fmt.long_date(date.fromisoformat(current)), current)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        finally:
            combo.blockSignals(False)

    # --- showing a snapshot -----------------------------------------------------------------

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))  # no empty gap above the charts

    def _show_empty(self) -> None:
        for label in (self.total_value, self.complaints_value, self.branches_value):
            label.setText("—")
        self.latest_value.setText("—")
        self.updated_value.setText("—")

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        self.snapshot = snapshot
        fmt = self._fmt
        total = snapshot.total_reports
        self.total_value.setText(fmt.number(total))
        self.complaints_value.setText(fmt.number(snapshot.open_complaints))
        self.branches_value.setText(fmt.number(snapshot.branches_with_reports))
        latest = snapshot.latest_report_at
        self.latest_value.setText(self._moment(latest) if latest else "—")
        self.updated_value.setText(fmt.clock(fmt.local(snapshot.taken_at)))
        self._set_status(
            self.tr("No observer reports match these filters yet.") if not total else ""
        )
        self._fill_days(snapshot.days)

        offences = offence_labels()
        categories = [(offences.get(c.category, c.category), c.count) for c in snapshot.by_category]
        self.category_model.set_rows(categories, total)
        shown = ([c for c in categories if c[1]] or categories)[:CHART_CATEGORIES]
        self.category_chart.show_counts([c[0] for c in shown], [c[1] for c in shown])

        severities = severity_labels()
        self.severity_model.set_rows(
            [(severities.get(s.severity, s.severity), s.count) for s in snapshot.by_severity],
            total,
        )

        self.hour_model.set_rows([(self._hour_range(h), h.count) for h in snapshot.by_hour], total)
        # Hours alone while they do not repeat (election day running past midnight);
        # beyond a day each tick also names the date and stands on its side.
        ticks = [self._fmt.digits(f"{h.hour.hour:02d}") for h in snapshot.by_hour]
        long_span = len(set(ticks)) < len(ticks)
        if long_span:
            ticks = [self._hour_tick(h) for h in snapshot.by_hour]
        self.hour_chart.category_axis.setLabelsAngle(-90 if long_span else 0)
        self.hour_chart.show_counts(ticks, [h.count for h in snapshot.by_hour])

        places = snapshot.by_constituency
        self.constituency_model.set_rows(
            [(p.name or p.code, p.branches_with_reports, p.count) for p in places], total
        )
        top = places[:CHART_CONSTITUENCIES]
        self.constituency_chart.show_counts([p.name or p.code for p in top], [p.count for p in top])

        branches: list[tuple[Any, ...]] = [
            (fmt.code(b.branch_code), b.constituency_name or b.constituency_code, b.count)
            for b in snapshot.top_branches
        ]
        if snapshot.other_branches:
            branches.append(
                (
                    self.tr("Other branches ({n})").format(n=fmt.number(snapshot.other_branches)),
                    "",
                    snapshot.other_branches_reports,
                )
            )
        self.branch_model.set_rows(branches, total)

    def _moment(self, moment: Any) -> str:
        local = self._fmt.local(moment)
        return self.tr("{date} at {time}").format(
            date=self._fmt.date(local), time=self._fmt.clock(local)
        )

    def _hour_range(self, h: HourCount) -> str:
        start = h.hour
        end_hour = (start.hour + 1) % 24
        # Words between the numbers keep their order right in a right-to-left line.
        return self.tr("{date}, {start} to {end}").format(
            date=self._fmt.date(start),
            start=self._fmt.digits(f"{start.hour:02d}:00"),
            end=self._fmt.digits(f"{end_hour:02d}:00"),
        )

    def _hour_tick(self, h: HourCount) -> str:
        j = to_jalali(h.hour)
        return self._fmt.digits(f"{j.month:02d}/{j.day:02d} {h.hour.hour:02d}")

    # --- tooltips ---------------------------------------------------------------------------

    def _tip(self, label: str, count: int) -> str:
        return self.tr("{label}: {count} reports").format(
            label=label, count=self._fmt.number(count)
        )

    def _category_tip(self, index: int) -> str:
        labels, values = self.category_chart.labels(), self.category_chart.values()
        return self._tip(labels[index], values[index])

    def _place_tip(self, index: int) -> str:
        labels, values = self.constituency_chart.labels(), self.constituency_chart.values()
        return self._tip(labels[index], values[index])

    def _hour_tip(self, index: int) -> str:
        if self.snapshot is None or index >= len(self.snapshot.by_hour):
            return ""
        hour = self.snapshot.by_hour[index]
        return self._tip(self._hour_range(hour), hour.count)

    # --- exports ----------------------------------------------------------------------------

    def ask_export(self, kind: str, what: str) -> None:
        """Ask where to save, then export in the background."""
        if kind == "csv":
            pattern = self.tr("CSV files (*.csv)")
        else:
            pattern = self.tr("Excel workbooks (*.xlsx)")
        stem = "dashboard" if what == "summary" else "observer-reports"
        suggested = str(Path.home() / f"{stem}.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), suggested, pattern)
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        self.export(kind, what, Path(path))

    def export(self, kind: str, what: str, path: Path) -> int:
        """Write the counts (``summary``) or every report (``reports``) to ``path``."""
        service = self._service
        filters = self._filters
        snapshot = self.snapshot if self.snapshot is not None and what == "summary" else None
        source: DashboardSnapshot | DashboardFilters = snapshot or filters
        jobs: dict[tuple[str, str], Callable[[], object]] = {
            ("csv", "summary"): lambda: service.export_csv(source, path),
            ("xlsx", "summary"): lambda: service.export_xlsx(source, path),
            ("csv", "reports"): lambda: service.export_reports_csv(filters, path),
            ("xlsx", "reports"): lambda: service.export_reports_xlsx(filters, path),
        }
        self._set_status(self.tr("Saving {path}…").format(path=self._fmt.code(str(path))))
        for button in (self.csv_button, self.xlsx_button):
            button.setEnabled(False)
        task = self._tasks.submit(
            jobs[(kind, what)],
            lambda _result: self._exported(path),
            self._export_failed,
        )
        self._export_task = task
        return task

    def _exported(self, path: Path) -> None:
        self._export_done()
        self._set_status(self.tr("Saved: {path}").format(path=self._fmt.code(str(path))))

    def _export_failed(self, error: BaseException) -> None:
        self._export_done()
        if isinstance(error, ExportError):
            reason = error.message_fa if self._fmt.persian else str(error)
        else:
            log.error("export failed", exc_info=error)
            reason = self.tr("Unexpected error: {reason}").format(reason=str(error))
        self._set_status(reason)
        if self.isVisible():  # window-modal, not exec(): the timer and tasks keep running
            self.error_box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("The file was not saved"),
                reason,
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.error_box.open()

    def _export_done(self) -> None:
        self._export_task = None
        for button in (self.csv_button, self.xlsx_button):
            button.setEnabled(True)
