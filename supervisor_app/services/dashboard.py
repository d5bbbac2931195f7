"""The election-day dashboard: counts of observer reports, and their export.

``DashboardService.snapshot`` aggregates in SQL (``store/repositories/dashboard.py``) and
buckets by Tehran hour: reports stored in UTC are counted with one index range per
Tehran hour, the rest are grouped by (offset, minute) and moved into Tehran time here
with ``zoneinfo`` (right for any offset Tehran has had; +03:30 since 2022). Exports are
Persian (labels from ``printing.labels``, Jalali dates in Persian digits, counts as
numbers), written atomically: a temporary file beside the target, renamed over it only
when complete.
"""

from __future__ import annotations

import csv
import errno
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from ..domain.election_day import OffenceCategory, Severity
from ..domain.jalali import IRAN_TZ, format_jalali, in_iran
from ..domain.persian import persian_sort_key, to_persian_digits
from ..printing import labels as L
from ..store import Store
from ..store.repositories.dashboard import (
    DashboardRepository,
    MinuteCount,
    ReportLine,
    ReportWindow,
)
from ..store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

DEFAULT_TOP_BRANCHES = 10
# Up to two days of hours are shown hour by hour, empty hours included; a longer span
# (a store holding several days) lists only the hours that have reports.
MAX_FILLED_HOURS = 48
# Values stored in UTC are counted with one index range per hour up to this span;
# beyond it (a store holding weeks of reports) they are grouped by minute like the rest.
MAX_RANGE_HOURS = 24 * 14

Token = tuple[int, ...]


class ExportError(Exception):
    """An export could not be written; English message and Persian ``message_fa``."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


# --- what the dashboard shows -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DashboardFilters:
    """Which reports count: one constituency, Tehran calendar days (both ends included)."""

    constituency_code: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def on(cls, day: date, constituency_code: str | None = None) -> DashboardFilters:
        return cls(constituency_code, day, day)

    def window(self) -> ReportWindow:
        def start_of(day: date) -> tuple[datetime, datetime]:
            wall = datetime.combine(day, time())
            utc = wall.replace(tzinfo=IRAN_TZ).astimezone(UTC).replace(tzinfo=None)
            return utc, wall

        utc_start = wall_start = utc_end = wall_end = None
        if self.date_from is not None:
            utc_start, wall_start = start_of(self.date_from)
        if self.date_to is not None:
            utc_end, wall_end = start_of(self.date_to + timedelta(days=1))
        return ReportWindow(self.constituency_code, utc_start, utc_end, wall_start, wall_end)

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str  # an OffenceCategory value (unknown values are kept as they are)
    count: int


@dataclass(frozen=True, slots=True)
class SeverityCount:
    severity: str  # a Severity value
    count: int


@dataclass(frozen=True, slots=True)
class BranchCount:
    branch_code: str
    constituency_code: str
    constituency_name: str
    count: int


@dataclass(frozen=True, slots=True)
class ConstituencyCount:
    code: str
    name: str
    branches_with_reports: int
    count: int


@dataclass(frozen=True, slots=True)
class HourCount:
    hour: datetime  # start of the hour, aware, in Tehran time
    count: int


@dataclass(frozen=True, slots=True)
class DashboardSnapshot:
    """The counts at one moment; ``token`` tells whether the store has changed since."""

    filters: DashboardFilters
    token: Token
    taken_at: datetime
    total_reports: int
    open_complaints: int
    latest_report_at: datetime | None  # aware
    branches_with_reports: int
    by_category: tuple[CategoryCount, ...]  # every category, most reports first
    by_severity: tuple[SeverityCount, ...]  # every severity, low to critical
    top_branches: tuple[BranchCount, ...]
    other_branches: int  # branches with reports beyond the top ones …
    other_branches_reports: int  # … and their reports
    by_constituency: tuple[ConstituencyCount, ...]  # most reports first
    by_hour: tuple[HourCount, ...]  # in time order
    days: tuple[date, ...] = field(default=())  # Tehran days with reports (date filter aside)

    def category_count(self, category: str) -> int:
        return next((c.count for c in self.by_category if c.category == category), 0)


# --- the service ---------------------------------------------------------------------------


class DashboardService:
    def __init__(
        self,
        store: Store,
        *,
        top_branches: int = DEFAULT_TOP_BRANCHES,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._store = store
        self._top = top_branches
        self._now = now or (lambda: datetime.now(UTC))

    def token(self) -> Token:
        """A cheap fingerprint of the reports and open complaints (see ``refresh``)."""
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.dashboard.change_token()

    def refresh(
        self, filters: DashboardFilters | None = None, since: Token | None = None
    ) -> DashboardSnapshot | None:
        """A new snapshot, or None when nothing changed since the snapshot with ``since``.

        The fingerprint is read first, in the same read transaction, so a report saved
        while the counts run is never missed: it shows up in the next token.
        """
        with self._store.unit_of_work(read_only=True) as uow:
            token = uow.dashboard.change_token()
            if since is not None and token == tuple(since):
                return None
            return self._snapshot(uow, filters or DashboardFilters(), token)

    def snapshot(self, filters: DashboardFilters | None = None) -> DashboardSnapshot:
        with self._store.unit_of_work(read_only=True) as uow:
            token = uow.dashboard.change_token()
            return self._snapshot(uow, filters or DashboardFilters(), token)

    def constituencies(self) -> list[tuple[str, str]]:
        """(code, name) of the constituencies with polling branches, in Persian order."""
        with self._store.unit_of_work(read_only=True) as uow:
            rows = uow.dashboard.constituencies_with_branches()
        return sorted(rows, key=lambda r: (persian_sort_key(r[1]), r[0]))

    def _snapshot(
        self, uow: UnitOfWork, filters: DashboardFilters, token: Token
    ) -> DashboardSnapshot:
        repo = uow.dashboard
        window = filters.window()
        # A day holding most reports (election day) reads faster as one table scan.
        wide = (
            window.timed
            and window.constituency_code is None
            and repo.coarse_count(window) * 4 > token[1]
        )
        table_window = replace(window, scan=True) if wide else window
        categories: dict[str, int] = dict.fromkeys((c.value for c in OffenceCategory), 0)
        severities: dict[str, int] = dict.fromkeys((s.value for s in Severity), 0)
        if wide:
            for category, severity, n in repo.by_category_and_severity(table_window):
                categories[category] = categories.get(category, 0) + n
                severities[severity] = severities.get(severity, 0) + n
        else:  # categories over their index, severities over the table
            for category, n in repo.by_category(window):
                categories[category] = categories.get(category, 0) + n
            for severity, n in repo.by_severity(window):
                severities[severity] = severities.get(severity, 0) + n
        total = sum(categories.values())
        order = {c: i for i, c in enumerate(categories)}
        by_category = tuple(
            CategoryCount(c, n)
            for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], order[kv[0]]))
        )

        # SQL has reduced the reports to one row per branch; ranking them and rolling
        # them up per constituency here costs microseconds (a few thousand rows).
        branches = sorted(repo.by_branch(table_window), key=lambda b: (-b.count, b.branch_code))
        top = branches[: self._top]
        places: dict[str, list[Any]] = {}
        for b in branches:
            place = places.setdefault(b.constituency_code, [b.constituency_name, 0, 0])
            place[1] += 1
            place[2] += b.count
        by_constituency = tuple(
            ConstituencyCount(code, name, with_reports, n)
            for code, (name, with_reports, n) in sorted(
                places.items(), key=lambda kv: (-kv[1][2], kv[0])
            )
        )

        by_hour, latest = _hour_counts(repo, window)
        if filters.dated:
            undated = DashboardFilters(filters.constituency_code).window()
            day_source, _ = _hour_counts(repo, undated, fill=False)
        else:
            day_source = by_hour
        days = tuple(sorted({h.hour.date() for h in day_source if h.count}))
        return DashboardSnapshot(
            filters=filters,
            token=tuple(token),
            taken_at=self._now(),
            total_reports=total,
            open_complaints=repo.open_complaints(filters.constituency_code),
            latest_report_at=latest,
            branches_with_reports=len(branches),
            by_category=by_category,
            by_severity=tuple(SeverityCount(s, n) for s, n in severities.items()),
            top_branches=tuple(
                BranchCount(b.branch_code, b.constituency_code, b.constituency_name, b.count)
                for b in top
            ),
            other_branches=len(branches) - len(top),
            other_branches_reports=total - sum(b.count for b in top),
            by_constituency=by_constituency,
            by_hour=tuple(by_hour),
            days=days,
        )

    # --- exports: the counts ------------------------------------------------------------

    def _resolve(self, source: DashboardSnapshot | DashboardFilters | None) -> DashboardSnapshot:
        return source if isinstance(source, DashboardSnapshot) else self.snapshot(source)

    def export_csv(
        self, source: DashboardSnapshot | DashboardFilters | None, path: Path | str
    ) -> Path:
        """The counts as one CSV table (section, code, title, count); UTF-8 with a BOM so
        Excel reads the Persian right."""
        snapshot = self._resolve(source)
        target = Path(path)
        with _atomic_target(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(SUMMARY_CSV_HEADER)
            for section, rows in summary_sections(snapshot):
                for code, title, count in rows:
                    writer.writerow([section, code, title, "" if count is None else count])
        return target

    def export_xlsx(
        self, source: DashboardSnapshot | DashboardFilters | None, path: Path | str
    ) -> Path:
        """The counts as a workbook, one right-to-left sheet per breakdown."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        snapshot = self._resolve(source)
        target = Path(path)
        workbook = Workbook()
        workbook.remove(workbook.active)
        bold = Font(bold=True)
        for title, header, rows in summary_sheets(snapshot):
            sheet = workbook.create_sheet(title)
            sheet.sheet_view.rightToLeft = True
            sheet.append(list(header))
            for cell in sheet[1]:
                cell.font = bold
            for row in rows:
                sheet.append(list(row))
            for column, width in zip("ABCDEFG", _widths(header, rows), strict=False):
                sheet.column_dimensions[column].width = width
        with _atomic_target(target) as tmp:
            workbook.save(tmp)
        return target

    # --- exports: the reports themselves -------------------------------------------------

    def export_reports_csv(self, filters: DashboardFilters | None, path: Path | str) -> int:
        """Every report matching ``filters``, oldest first; returns how many."""
        target = Path(path)
        written = 0
        with (
            self._store.unit_of_work(read_only=True) as uow,
            _atomic_target(target) as tmp,
            tmp.open("w", encoding="utf-8-sig", newline="") as fh,
        ):
            writer = csv.writer(fh)
            writer.writerow(REPORT_HEADER)
            for line in uow.dashboard.lines((filters or DashboardFilters()).window()):
                writer.writerow(report_row(line))
                written += 1
        return written

    def export_reports_xlsx(self, filters: DashboardFilters | None, path: Path | str) -> int:
        """Like ``export_reports_csv``, as one right-to-left sheet (streamed)."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        target = Path(path)
        written = 0
        # The target first: a bad path fails before any row is read.
        with _atomic_target(target) as tmp:
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(REPORTS_SHEET)
            sheet.sheet_view.rightToLeft = True
            for column, width in zip("ABCDEFG", REPORT_WIDTHS, strict=True):
                sheet.column_dimensions[column].width = width
            header = []
            for text in REPORT_HEADER:
                cell = WriteOnlyCell(sheet, value=text)
                cell.font = Font(bold=True)
                header.append(cell)
            sheet.append(header)
            with self._store.unit_of_work(read_only=True) as uow:
                for line in uow.dashboard.lines((filters or DashboardFilters()).window()):
                    sheet.append(report_row(line))
                    written += 1
            workbook.save(tmp)
        return written


# --- hours ---------------------------------------------------------------------------------


def _zone(offset: str) -> tzinfo:
    """The fixed zone of an isoformat() offset ("+03:30"); Tehran for naive values."""
    if not offset:
        return IRAN_TZ
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _tehran_hour(moment: datetime) -> datetime:
    """The Tehran hour (naive wall clock) an aware moment falls in."""
    return moment.astimezone(IRAN_TZ).replace(tzinfo=None, minute=0, second=0, microsecond=0)


def _utc_ranges(
    repo: DashboardRepository, window: ReportWindow
) -> tuple[dict[datetime, int], datetime | None] | None:
    """Reports stored in UTC, per Tehran hour, by index range counts (no sort).

    The ranges step through UTC hours starting on a Tehran hour boundary; Tehran's
    offset has only ever changed by whole hours, so every range lies in one Tehran hour.
    None when the span is too long for one range per hour (the caller groups instead).
    """
    span = repo.utc_span(window.utc_start, window.utc_end)
    if span is None:
        return {}, None
    first, last = span
    local = first.astimezone(IRAN_TZ)  # back to the start of its Tehran hour
    start = first.astimezone(UTC) - timedelta(
        minutes=local.minute, seconds=local.second, microseconds=local.microsecond
    )
    hours = int((last - start) / timedelta(hours=1)) + 1
    if hours > MAX_RANGE_HOURS:
        return None
    bounds = []
    for i in range(hours):
        begin = start + timedelta(hours=i)
        bounds.append(
            (begin.replace(tzinfo=None), (begin + timedelta(hours=1)).replace(tzinfo=None))
        )
    counts: dict[datetime, int] = {}
    for (begin, _end), n in zip(bounds, repo.utc_counts(bounds), strict=True):
        if n:
            hour = _tehran_hour(begin.replace(tzinfo=UTC))
            counts[hour] = counts.get(hour, 0) + n
    return counts, last


def _hour_counts(
    repo: DashboardRepository, window: ReportWindow, *, fill: bool = True
) -> tuple[list[HourCount], datetime | None]:
    """Reports per Tehran hour and the latest moment, for the window.

    Without a constituency filter, values stored in UTC (nearly all) are counted by
    index ranges and only the others are grouped by minute; with one, the
    constituency's reports are few and all are grouped by minute.
    """
    if window.constituency_code is None:
        ranged = _utc_ranges(repo, window)
        if ranged is not None:
            counts, latest = ranged
            return _hours(repo.by_minute(window, skip_utc=True), counts, latest, fill=fill)
    return _hours(repo.by_minute(window), {}, None, fill=fill)


def _hours(
    minutes: Sequence[MinuteCount],
    counts: dict[datetime, int],
    latest: datetime | None,
    *,
    fill: bool = True,
) -> tuple[list[HourCount], datetime | None]:
    """Tehran hours (empty ones filled in up to MAX_FILLED_HOURS) and the latest moment.

    Each minute moves into Tehran time with its own offset through ``zoneinfo``, so the
    hours stay right for any offset, and for any offset Tehran has had. ``counts`` and
    ``latest`` already hold what was counted another way (Tehran hour → reports).
    """
    counts = dict(counts)
    zones: dict[str, tzinfo] = {}
    for m in minutes:
        zone = zones.get(m.offset) or zones.setdefault(m.offset, _zone(m.offset))
        local = datetime.strptime(m.minute, "%Y-%m-%dT%H:%M").replace(tzinfo=zone)
        hour = local.astimezone(IRAN_TZ).replace(tzinfo=None, minute=0)
        counts[hour] = counts.get(hour, 0) + m.count
        moment = m.latest if m.latest.tzinfo is not None else m.latest.replace(tzinfo=IRAN_TZ)
        latest = moment if latest is None or moment > latest else latest
    if fill and counts:
        first, last = min(counts), max(counts)
        if last - first <= timedelta(hours=MAX_FILLED_HOURS):
            hour = first
            while hour < last:
                hour += timedelta(hours=1)
                counts.setdefault(hour, 0)
    hours = [HourCount(h.replace(tzinfo=IRAN_TZ), n) for h, n in sorted(counts.items())]
    return hours, latest


# --- what the exports hold -----------------------------------------------------------------

SUMMARY_CSV_HEADER = ("بخش", "کد", "عنوان", "تعداد")
REPORT_HEADER = (
    "شعبه",
    "حوزهٔ انتخابیه",
    "تاریخ و ساعت",
    "نوع تخلف",
    "شدت",
    "شرح",
    "شناسهٔ گزارش",
)
REPORT_WIDTHS = (16, 28, 18, 34, 10, 60, 38)
REPORTS_SHEET = "گزارش‌های ناظران"

SECTION_SUMMARY = "خلاصه"
SECTION_CATEGORY = "نوع تخلف"
SECTION_SEVERITY = "شدت"
SECTION_BRANCH = "شعبه"
SECTION_CONSTITUENCY = "حوزهٔ انتخابیه"
SECTION_HOUR = "ساعت"
OTHER_BRANCHES_CODE = "*"


def hour_text(hour: datetime) -> str:
    """ "۱۴۰۵/۰۲/۱۱ ۰۸:۰۰" — a Tehran hour as the exports print it."""
    return format_jalali(hour, with_time=True)


def _filters_text(filters: DashboardFilters, snapshot: DashboardSnapshot) -> str:
    parts = []
    if filters.constituency_code is not None:
        name = next(
            (c.name for c in snapshot.by_constituency if c.code == filters.constituency_code),
            filters.constituency_code,
        )
        parts.append(f"حوزهٔ انتخابیه: {name}")
    if filters.date_from is not None:
        parts.append(f"از {format_jalali(filters.date_from)}")
    if filters.date_to is not None:
        parts.append(f"تا {format_jalali(filters.date_to)}")
    return "، ".join(parts) or "همهٔ گزارش‌ها"


Row = tuple[str, str, int | None]


def summary_sections(snapshot: DashboardSnapshot) -> list[tuple[str, list[Row]]]:
    """(section, [(code, title, count)]) in the order the CSV lists them."""
    latest = snapshot.latest_report_at
    summary: list[Row] = [
        ("filters", _filters_text(snapshot.filters, snapshot), None),
        ("taken_at", f"زمان تهیه: {format_jalali(snapshot.taken_at, with_time=True)}", None),
        ("total_reports", "کل گزارش‌ها", snapshot.total_reports),
        ("open_complaints", "شکایت‌های باز", snapshot.open_complaints),
        ("branches_with_reports", "شعبه‌های دارای گزارش", snapshot.branches_with_reports),
        (
            "latest_report_at",
            f"آخرین گزارش: {format_jalali(latest, with_time=True) if latest else '—'}",
            None,
        ),
    ]
    branches: list[Row] = [
        (b.branch_code, f"{b.branch_code} — {b.constituency_name}", b.count)
        for b in snapshot.top_branches
    ]
    if snapshot.other_branches:
        others = f"سایر شعبه‌ها ({to_persian_digits(snapshot.other_branches)} شعبه)"
        branches.append((OTHER_BRANCHES_CODE, others, snapshot.other_branches_reports))
    return [
        (SECTION_SUMMARY, summary),
        (
            SECTION_CATEGORY,
            [(c.category, L.label(L.OFFENCES, c.category), c.count) for c in snapshot.by_category],
        ),
        (
            SECTION_SEVERITY,
            [
                (s.severity, L.label(L.SEVERITIES, s.severity), s.count)
                for s in snapshot.by_severity
            ],
        ),
        (SECTION_BRANCH, branches),
        (
            SECTION_CONSTITUENCY,
            [(c.code, c.name or c.code, c.count) for c in snapshot.by_constituency],
        ),
        (
            SECTION_HOUR,
            [(h.hour.isoformat(), hour_text(h.hour), h.count) for h in snapshot.by_hour],
        ),
    ]


SheetRows = list[tuple[Any, ...]]


def summary_sheets(snapshot: DashboardSnapshot) -> list[tuple[str, tuple[str, ...], SheetRows]]:
    """(sheet title, header, rows) of the workbook."""
    latest = snapshot.latest_report_at
    summary: SheetRows = [
        ("گزارش‌های لحاظ‌شده", _filters_text(snapshot.filters, snapshot)),
        ("زمان تهیه", format_jalali(snapshot.taken_at, with_time=True)),
        ("کل گزارش‌ها", snapshot.total_reports),
        ("شکایت‌های باز", snapshot.open_complaints),
        ("شعبه‌های دارای گزارش", snapshot.branches_with_reports),
        ("آخرین گزارش", format_jalali(latest, with_time=True) if latest else "—"),
    ]
    branches: SheetRows = [
        (b.branch_code, b.constituency_name, b.count) for b in snapshot.top_branches
    ]
    if snapshot.other_branches:
        others = f"سایر شعبه‌ها ({to_persian_digits(snapshot.other_branches)} شعبه)"
        branches.append((others, "", snapshot.other_branches_reports))
    return [
        ("خلاصه", ("شرح", "مقدار"), summary),
        (
            "نوع تخلف",
            ("نوع تخلف", "کد", "تعداد"),
            [(L.label(L.OFFENCES, c.category), c.category, c.count) for c in snapshot.by_category],
        ),
        (
            "شدت",
            ("شدت", "کد", "تعداد"),
            [
                (L.label(L.SEVERITIES, s.severity), s.severity, s.count)
                for s in snapshot.by_severity
            ],
        ),
        ("شعبه‌ها", ("شعبه", "حوزهٔ انتخابیه", "تعداد"), branches),
        (
            "حوزه‌های انتخابیه",
            ("حوزهٔ انتخابیه", "کد", "شعبه‌های دارای گزارش", "تعداد"),
            [
                (c.name or c.code, c.code, c.branches_with_reports, c.count)
                for c in snapshot.by_constituency
            ],
        ),
        ("ساعت", ("ساعت", "تعداد"), [(hour_text(h.hour), h.count) for h in snapshot.by_hour]),
    ]


def report_row(line: ReportLine) -> list[str]:
    at = line.observed_at
    local = in_iran(at) if at.tzinfo is not None else at
    return [
        line.branch_code,
        line.constituency_name or line.constituency_code,
        format_jalali(local, with_time=True),
        L.label(L.OFFENCES, line.category),
        L.label(L.SEVERITIES, line.severity),
        line.description,
        line.id,
    ]


def _widths(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[float]:
    widths = [len(h) for h in header]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], len(str(value)))
    return [min(w + 4, 60) for w in widths]


# --- atomic writing ------------------------------------------------------------------------


@contextmanager
def _atomic_target(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path``; renamed over it when the block completes.

    Nothing is left behind on failure: neither a partial file nor the temporary one.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        raise _export_error(path, exc) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is an ordinary file
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise _export_error(path, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _export_error(path: Path, exc: OSError) -> ExportError:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        fa = (
            "فضای خالی دیسک برای ذخیرهٔ فایل کافی نیست؛ "
            "فضایی آزاد کنید یا فایل را در دیسک دیگری ذخیره کنید."
        )
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        fa = "اجازهٔ نوشتن در این پوشه وجود ندارد؛ پوشهٔ دیگری (مثلاً «اسناد») برگزینید."
    elif code in (errno.ENOENT, errno.ENOTDIR):
        fa = "پوشهٔ مقصد وجود ندارد؛ پوشهٔ موجودی برگزینید."
    elif code == errno.EISDIR:
        fa = "پوشه‌ای با همین نام وجود دارد؛ نام دیگری برای فایل برگزینید."
    else:
        fa = "ذخیرهٔ فایل ممکن نشد؛ مقصد دیگری برگزینید یا دوباره تلاش کنید."
    log.warning("export to %s failed: %s", path, exc)
    return ExportError(f"could not write {path}: {exc.strerror or exc}", fa)
