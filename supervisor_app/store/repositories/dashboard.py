"""Read-only aggregates of observer reports for the election-day dashboard.

Every count is a GROUP BY in SQLite, so a refresh reads at most one row per category,
severity, branch or minute however many reports there are. The query shapes follow
the indexes: categories group over ``ix_observer_reports_category``, branches over the
branch index and minutes over ``ix_observer_reports_observed_at``, each without
touching the table; only severities need a table scan.

``observed_at`` is ISO text as ``isoformat()`` spells it: an aware value ends in its UTC
offset ("…+00:00" when stored in UTC, the usual case), a naive value is Tehran
wall-clock time (``domain.jalali.in_iran``). Minutes are grouped on the text itself
together with its offset, and the service turns each (offset, local minute) into a
Tehran hour, so no date function runs per row. Time windows compare UTC text directly
for "+00:00" values and fall back to SQLite's ``datetime()`` only for other offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Table,
    and_,
    case,
    column,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    type_coerce,
    values,
)

from ..tables import BranchRow, ComplaintRow, ConstituencyRow, ObserverReportRow
from .base import Repository, table_of

REPORTS = table_of(ObserverReportRow)
BRANCHES = table_of(BranchRow)
CONSTITUENCIES = table_of(ConstituencyRow)
COMPLAINTS = table_of(ComplaintRow)

# Complaints in these states are settled; every other state counts as open.
CLOSED_COMPLAINT_STATUSES: tuple[str, ...] = ("decided", "rejected")
UTC_SUFFIX = "+00:00"

_observed = REPORTS.c.observed_at
_OFFSET_TEXT = func.substr(_observed, -6)
# "…+03:30" / "…-05:00": isoformat() of an aware datetime ends in a signed offset.
_AWARE = func.substr(_observed, -6, 1).in_(("+", "-"))
_OFFSET = case((_AWARE, _OFFSET_TEXT), else_=literal(""))
_MINUTE = func.substr(_observed, 1, 16)  # "2026-05-01T08:05", in the value's own clock
# Any offset moves the local text less than a day from the UTC instant.
_MARGIN = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ReportWindow:
    """Which reports count: [start, end) as UTC instants for aware ``observed_at`` values
    and as naive Tehran wall-clock times for naive ones; optionally one constituency."""

    constituency_code: str | None = None
    utc_start: datetime | None = None  # naive, in UTC
    utc_end: datetime | None = None
    wall_start: datetime | None = None  # naive, Tehran wall clock
    wall_end: datetime | None = None
    scan: bool = False  # read the table straight through (the window holds most reports)

    @property
    def timed(self) -> bool:
        return any(
            m is not None for m in (self.utc_start, self.utc_end, self.wall_start, self.wall_end)
        )


@dataclass(frozen=True, slots=True)
class MinuteCount:
    """Reports in one minute of their own clock: ``offset`` "+00:00", "+03:30", … for
    aware values, "" for naive (Tehran wall-clock) ones."""

    offset: str
    minute: str  # "2026-05-01T08:05"
    count: int
    latest: datetime  # the latest observed_at in the minute, as stored


@dataclass(frozen=True, slots=True)
class BranchTally:
    branch_code: str
    constituency_code: str
    constituency_name: str
    count: int


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One report as the export lists it (labels are added by the service)."""

    id: str
    branch_code: str
    constituency_code: str
    constituency_name: str
    observed_at: datetime  # as stored: aware, or naive Tehran wall clock
    category: str
    severity: str
    description: str


def _text(moment: datetime) -> str:
    return moment.isoformat(sep=" ")


def _same(moment: datetime) -> datetime:
    return moment


def _coarse(
    window: ReportWindow, at: ColumnElement[Any], bound: Callable[[datetime], Any]
) -> list[ColumnElement[bool]]:
    """The window widened by a day each side, on the plain text: any offset moves the
    local text less than a day from the instant, so nothing in the window is lost."""
    starts = [m for m in (window.utc_start, window.wall_start) if m is not None]
    ends = [m for m in (window.utc_end, window.wall_end) if m is not None]
    conditions: list[ColumnElement[bool]] = []
    if starts:
        conditions.append(at >= bound(min(starts) - _MARGIN))
    if ends:
        conditions.append(at < bound(max(ends) + _MARGIN))
    return conditions


def _rowid(table: Table) -> ColumnElement[int]:
    """SQLite's implicit rowid (reports and complaints have text keys): it only grows."""
    return literal_column(f"{table.name}.rowid")


class DashboardRepository(Repository):
    """GROUP BY queries over ``observer_reports`` (joined with branches when needed)."""

    # --- change detection ---------------------------------------------------------------

    def change_token(self) -> tuple[int, int, int, int]:
        """(max rowid, count) of reports, then (count, max rowid) of open complaints.

        Reports are append-only, so a new report always moves the first two numbers; a
        complaint that is filed or closed moves the last two. Cheap: index-only scans.
        """
        reports = self._session.execute(
            select(func.coalesce(func.max(_rowid(REPORTS)), 0), func.count()).select_from(REPORTS)
        ).one()
        complaints = self._session.execute(
            select(func.count(), func.coalesce(func.max(_rowid(COMPLAINTS)), 0))
            .select_from(COMPLAINTS)
            .where(COMPLAINTS.c.status.not_in(CLOSED_COMPLAINT_STATUSES))
        ).one()
        return int(reports[0]), int(reports[1]), int(complaints[0]), int(complaints[1])

    # --- breakdowns --------------------------------------------------------------------

    def _where(self, window: ReportWindow) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if window.constituency_code is not None:
            conditions.append(
                REPORTS.c.branch_code.in_(
                    select(BRANCHES.c.code).where(
                        BRANCHES.c.constituency_code == window.constituency_code
                    )
                )
            )
        if not window.timed:
            return conditions
        at: ColumnElement[Any]
        bound: Callable[[datetime], Any]
        if window.scan:
            # "+column" keeps SQLite off the index: for a window holding most reports a
            # table scan beats one index step plus one row lookup per report.
            at = literal_column(f"+{REPORTS.name}.observed_at", String)
            bound = datetime.isoformat
        else:
            at = REPORTS.c.observed_at  # binds datetimes through its ISO type
            bound = _same
        conditions.extend(_coarse(window, at, bound))
        utc_text: list[ColumnElement[bool]] = [_OFFSET_TEXT == UTC_SUFFIX]
        other: list[ColumnElement[bool]] = [_AWARE, _OFFSET_TEXT != UTC_SUFFIX]
        naive: list[ColumnElement[bool]] = [not_(_AWARE)]
        utc = func.datetime(_observed)  # "YYYY-MM-DD HH:MM:SS" in UTC, for other offsets
        if window.utc_start is not None:
            # "2026-04-30T20:30:00+00:00" sorts after "2026-04-30T20:30:00": same instant.
            utc_text.append(at >= bound(window.utc_start))
            other.append(utc >= _text(window.utc_start))
        if window.utc_end is not None:
            utc_text.append(at < bound(window.utc_end))
            other.append(utc < _text(window.utc_end))
        if window.wall_start is not None:
            naive.append(at >= bound(window.wall_start))
        if window.wall_end is not None:
            naive.append(at < bound(window.wall_end))
        conditions.append(or_(and_(*utc_text), and_(*naive), and_(*other)))
        return conditions

    def coarse_count(self, window: ReportWindow) -> int:
        """Reports within a day of the window: an index-only count that tells whether
        the window holds most reports (then a table scan is the faster plan)."""
        stmt = (
            select(func.count())
            .select_from(REPORTS)
            .where(*_coarse(window, REPORTS.c.observed_at, _same))
        )
        return int(self._session.execute(stmt).scalar_one())

    def count(self, window: ReportWindow) -> int:
        stmt = select(func.count()).select_from(REPORTS).where(*self._where(window))
        return int(self._session.execute(stmt).scalar_one())

    def by_category_and_severity(self, window: ReportWindow) -> list[tuple[str, str, int]]:
        """(category, severity, count): both breakdowns in one pass over the table, for
        windows where the category index does not help."""
        stmt = (
            select(REPORTS.c.category, REPORTS.c.severity, func.count())
            .where(*self._where(window))
            .group_by(REPORTS.c.category, REPORTS.c.severity)
        )
        return [(r[0], r[1], int(r[2])) for r in self._session.execute(stmt)]

    def by_category(self, window: ReportWindow) -> list[tuple[str, int]]:
        stmt = (
            select(REPORTS.c.category, func.count())
            .where(*self._where(window))
            .group_by(REPORTS.c.category)
        )
        return [(r[0], int(r[1])) for r in self._session.execute(stmt)]

    def by_severity(self, window: ReportWindow) -> list[tuple[str, int]]:
        stmt = (
            select(REPORTS.c.severity, func.count())
            .where(*self._where(window))
            .group_by(REPORTS.c.severity)
        )
        return [(r[0], int(r[1])) for r in self._session.execute(stmt)]

    def by_branch(self, window: ReportWindow) -> list[BranchTally]:
        """Every branch with reports, with its constituency: at most one row per branch
        (the caller ranks them and rolls them up per constituency)."""
        per_branch = (
            select(REPORTS.c.branch_code.label("branch_code"), func.count().label("n"))
            .where(*self._where(window))
            .group_by(REPORTS.c.branch_code)
            .subquery()
        )
        stmt = (
            select(
                per_branch.c.branch_code,
                func.coalesce(BRANCHES.c.constituency_code, ""),
                func.coalesce(CONSTITUENCIES.c.name, ""),
                per_branch.c.n,
            )
            .select_from(per_branch)
            .outerjoin(BRANCHES, BRANCHES.c.code == per_branch.c.branch_code)
            .outerjoin(CONSTITUENCIES, CONSTITUENCIES.c.code == BRANCHES.c.constituency_code)
        )
        return [BranchTally(r[0], r[1], r[2], int(r[3])) for r in self._session.execute(stmt)]

    def by_minute(self, window: ReportWindow, *, skip_utc: bool = False) -> list[MinuteCount]:
        """Counts per (offset, local minute), with the latest value in each; ``skip_utc``
        leaves out the values stored in UTC (counted by ``utc_counts`` instead)."""
        conditions = self._where(window)
        if skip_utc:
            conditions.append(_OFFSET_TEXT != UTC_SUFFIX)
        stmt = (
            select(_OFFSET, _MINUTE, func.count(), func.max(_observed))
            .where(*conditions)
            .group_by(_OFFSET, _MINUTE)
        )
        return [MinuteCount(r[0], r[1], int(r[2]), r[3]) for r in self._session.execute(stmt)]

    def utc_span(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> tuple[datetime, datetime] | None:
        """First and last ``observed_at`` stored in UTC ("+00:00") within [start, end)
        (naive UTC bounds): two steps along the index from either end."""
        conditions: list[ColumnElement[bool]] = [_OFFSET_TEXT == UTC_SUFFIX]
        if start is not None:
            conditions.append(_observed >= start)
        if end is not None:
            conditions.append(_observed < end)
        base = select(_observed).where(*conditions).limit(1)
        first = self._session.execute(base.order_by(_observed)).scalar()
        last = self._session.execute(base.order_by(_observed.desc())).scalar()
        return (first, last) if first is not None and last is not None else None

    def utc_counts(self, bounds: Sequence[tuple[datetime, datetime]]) -> list[int]:
        """Reports stored in UTC within each [start, end) (naive UTC bounds), in order.

        One statement of index range counts: no sort, unlike a GROUP BY on the text.
        """
        if not bounds:
            return []
        # A CTE: SQLite takes no column list on a VALUES alias, but does on a CTE.
        ranges = (
            values(
                column("position", Integer),
                column("start", String),
                column("stop", String),
                name="ranges",
            )
            .data([(i, a.isoformat(), b.isoformat()) for i, (a, b) in enumerate(bounds)])
            .cte("ranges")
        )
        counted = (
            select(func.count())
            .select_from(REPORTS)
            .where(
                # Plain text against plain text: the bounds are naive ISO strings.
                type_coerce(_observed, String) >= ranges.c.start,
                type_coerce(_observed, String) < ranges.c.stop,
                _OFFSET_TEXT == UTC_SUFFIX,
            )
            .scalar_subquery()
        )
        stmt = select(ranges.c.position, counted).order_by(ranges.c.position)
        return [int(r[1]) for r in self._session.execute(stmt)]

    def open_complaints(self, constituency_code: str | None = None) -> int:
        conditions: list[ColumnElement[bool]] = [
            COMPLAINTS.c.status.not_in(CLOSED_COMPLAINT_STATUSES)
        ]
        if constituency_code is not None:
            conditions.append(COMPLAINTS.c.constituency_code == constituency_code)
        stmt = select(func.count()).select_from(COMPLAINTS).where(*conditions)
        return int(self._session.execute(stmt).scalar_one())

    def constituencies_with_branches(self) -> list[tuple[str, str]]:
        """(code, name) of every constituency that has a polling branch."""
        stmt = (
            select(CONSTITUENCIES.c.code, CONSTITUENCIES.c.name)
            .where(CONSTITUENCIES.c.code.in_(select(BRANCHES.c.constituency_code).distinct()))
            .order_by(CONSTITUENCIES.c.code)
        )
        return [(r[0], r[1]) for r in self._session.execute(stmt)]

    # --- the reports themselves --------------------------------------------------------

    def lines(self, window: ReportWindow, batch: int = 2000) -> Iterator[ReportLine]:
        """The reports in the window, oldest first, fetched ``batch`` rows at a time."""
        # Aware values order by their UTC instant; naive ones by Tehran wall clock less
        # the offset Tehran has kept since 2022 (+03:30, no daylight saving).
        instant = case(
            (_AWARE, func.julianday(_observed)),
            else_=func.julianday(_observed, "-210 minutes"),
        )
        stmt = (
            select(
                REPORTS.c.id,
                REPORTS.c.branch_code,
                func.coalesce(BRANCHES.c.constituency_code, ""),
                func.coalesce(CONSTITUENCIES.c.name, ""),
                _observed,
                REPORTS.c.category,
                REPORTS.c.severity,
                REPORTS.c.description,
            )
            .select_from(REPORTS)
            .outerjoin(BRANCHES, BRANCHES.c.code == REPORTS.c.branch_code)
            .outerjoin(CONSTITUENCIES, CONSTITUENCIES.c.code == BRANCHES.c.constituency_code)
            .where(*self._where(window))
            .order_by(instant, REPORTS.c.id)
        )
        result = self._session.execute(stmt.execution_options(yield_per=batch))
        for r in result:
            yield ReportLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
