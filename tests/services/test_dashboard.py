"""The election-day dashboard: SQL counts by category, branch, constituency and Tehran
hour, change detection, and the Persian CSV/XLSX exports (atomic, with clear errors)."""

from __future__ import annotations

import csv
import errno
import itertools
import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from supervisor_app.domain.election_day import (
    Branch,
    ComplainantKind,
    Complaint,
    ComplaintStatus,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from supervisor_app.domain.jalali import IRAN_TZ, format_jalali, in_iran
from supervisor_app.printing import labels as L
from supervisor_app.services import dashboard as dashboard_module
from supervisor_app.services.dashboard import (
    DashboardFilters,
    DashboardService,
    ExportError,
)
from supervisor_app.store import Store

C = OffenceCategory
S = Severity
TEHRAN_MIDNIGHT = datetime(2026, 4, 30, 20, 30, tzinfo=UTC)  # 1 May 2026 00:00 in Tehran
EXTRA_BRANCHES = [Branch("BR3", "K1", "دبستان فردوسی"), Branch("BR4", "K1", "حسینیه")]


def report(
    n: int,
    at: datetime,
    branch: str = "BR1",
    category: OffenceCategory = C.VOTE_BUYING,
    severity: Severity = S.LOW,
) -> ObserverReport:
    return ObserverReport(f"R{n:05d}", branch, at, category, severity, f"شرح گزارش {n}")


# Reports around the Tehran midnight and hour boundaries, in UTC, Tehran offset, another
# offset and naive Tehran wall-clock time.
KNOWN = [
    report(1, TEHRAN_MIDNIGHT - timedelta(seconds=1), "BR1", C.VOTE_BUYING, S.HIGH),
    report(2, TEHRAN_MIDNIGHT, "BR1", C.VOTE_BUYING, S.LOW),
    report(3, datetime(2026, 5, 1, 4, 29, 59, 999999, tzinfo=UTC), "BR2", C.DISRUPTION),
    report(4, datetime(2026, 5, 1, 4, 30, tzinfo=UTC), "BR2", C.DISRUPTION, S.CRITICAL),
    report(
        5,
        datetime(2026, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=3, minutes=30))),
        "BR3",
        C.DEVICE_FAILURE,
        S.MEDIUM,
    ),
    report(6, datetime(2026, 5, 1, 8, 45), "BR3", C.LATE_OPENING),  # naive: Tehran wall clock
    report(
        7,
        datetime(2026, 5, 1, 0, 15, tzinfo=timezone(timedelta(hours=-5))),
        "BR4",
        C.VOTE_BUYING,
        S.HIGH,
    ),  # 05:15 UTC = 08:45 Tehran
    report(8, datetime(2026, 5, 1, 12, 59, tzinfo=UTC), "BR1", C.OTHER),  # 16:29 Tehran
]


def fill(store: Store, reports: list[ObserverReport], branches: list[Branch] = EXTRA_BRANCHES):
    with store.unit_of_work() as uow:
        uow.branches.add_all(branches)
        for r in reports:
            uow.reports.add(r)


def tehran_hour(at: datetime) -> datetime:
    local = in_iran(at).replace(tzinfo=None)
    return local.replace(minute=0, second=0, microsecond=0)


def complaint(n: int, status: ComplaintStatus, constituency: str = "K1") -> Complaint:
    return Complaint(
        id=f"CMP-{n}",
        complainant_name="رضا کریمی",
        complainant_national_id="0012345678",
        complainant_kind=ComplainantKind.CANDIDATE,
        filed_at=datetime(2026, 5, 2, 9, tzinfo=UTC),
        subject="تخلف در شمارش",
        constituency_code=constituency,
        status=status,
    )


@pytest.fixture
def store(seeded_store: Store) -> Store:
    fill(seeded_store, KNOWN)
    return seeded_store


@pytest.fixture
def service(store: Store) -> DashboardService:
    return DashboardService(store, now=lambda: datetime(2026, 5, 1, 14, 0, tzinfo=UTC))


# --- counts ----------------------------------------------------------------------------------


def test_counts_by_category_severity_branch_and_constituency(service):
    """Each breakdown counts the known reports; every category and severity is listed."""
    snap = service.snapshot()
    assert snap.total_reports == 8
    assert snap.category_count(C.VOTE_BUYING) == 3
    assert snap.category_count(C.DISRUPTION) == 2
    assert snap.category_count(C.SEAL_BREAKING) == 0
    assert [c.category for c in snap.by_category][:2] == [C.VOTE_BUYING, C.DISRUPTION]
    assert len(snap.by_category) == len(OffenceCategory)
    assert {s.severity: s.count for s in snap.by_severity} == {
        "low": 4,
        "medium": 1,
        "high": 2,
        "critical": 1,
    }
    assert [s.severity for s in snap.by_severity] == ["low", "medium", "high", "critical"]
    branches = {b.branch_code: b.count for b in snap.top_branches}
    assert branches == {"BR1": 3, "BR2": 2, "BR3": 2, "BR4": 1}
    assert snap.top_branches[0].constituency_name == "شهر تجریش"
    assert [(c.code, c.name, c.branches_with_reports, c.count) for c in snap.by_constituency] == [
        ("K1", "شهر تجریش", 3, 6),
        ("K2", "روستای کند", 1, 2),
    ]
    assert snap.branches_with_reports == 4


def test_hours_are_tehran_hours_across_midnight_and_offsets(service):
    """UTC, +03:30, -05:00 and naive times land in the right Tehran hour, midnight included."""
    snap = service.snapshot()
    counts = {h.hour.replace(tzinfo=None): h.count for h in snap.by_hour if h.count}
    assert counts == {
        datetime(2026, 4, 30, 23): 1,  # 20:29:59 UTC
        datetime(2026, 5, 1, 0): 1,  # 20:30:00 UTC: the first second of 1 May in Tehran
        datetime(2026, 5, 1, 7): 1,  # 04:29:59.999999 UTC
        datetime(2026, 5, 1, 8): 4,  # 04:30 UTC, 08:00+03:30, naive 08:45, 00:15-05:00
        datetime(2026, 5, 1, 16): 1,
    }
    assert counts == Counter(tehran_hour(r.observed_at) for r in KNOWN)
    assert all(
        h.hour.tzinfo is IRAN_TZ and h.hour.utcoffset() == timedelta(hours=3, minutes=30)
        for h in snap.by_hour
    )


def test_hours_are_contiguous_with_empty_hours_filled(service):
    """The hour series runs from the first to the last hour with reports, one per hour."""
    hours = [h.hour for h in service.snapshot().by_hour]
    assert hours[0].replace(tzinfo=None) == datetime(2026, 4, 30, 23)
    assert hours[-1].replace(tzinfo=None) == datetime(2026, 5, 1, 16)
    assert all(b - a == timedelta(hours=1) for a, b in itertools.pairwise(hours))


def test_latest_report_and_days(service):
    """The latest report is the latest instant, whatever its offset; days are Tehran days."""
    snap = service.snapshot()
    assert snap.latest_report_at == max(
        r.observed_at if r.observed_at.tzinfo else r.observed_at.replace(tzinfo=IRAN_TZ)
        for r in KNOWN
    )
    assert snap.days == (date(2026, 4, 30), date(2026, 5, 1))


def test_day_filter_follows_tehran_midnight(service):
    """A day is the Tehran calendar day: one second before its midnight is the day before."""
    day = service.snapshot(DashboardFilters.on(date(2026, 5, 1)))
    assert day.total_reports == 7
    eve = service.snapshot(DashboardFilters.on(date(2026, 4, 30)))
    assert eve.total_reports == 1
    assert eve.category_count(C.VOTE_BUYING) == 1
    assert {h.hour.date() for h in day.by_hour if h.count} == {date(2026, 5, 1)}
    assert day.days == (date(2026, 4, 30), date(2026, 5, 1))  # for the day chooser
    span = service.snapshot(DashboardFilters(None, date(2026, 4, 30), date(2026, 5, 1)))
    assert span.total_reports == 8


def test_constituency_filter(service, store):
    """Only the constituency's branches count, and only its open complaints."""
    with store.unit_of_work() as uow:
        uow.complaints.add(complaint(1, ComplaintStatus.REGISTERED, "K1"))
        uow.complaints.add(complaint(2, ComplaintStatus.INVESTIGATING, "K1"))
        uow.complaints.add(complaint(3, ComplaintStatus.DECIDED, "K1"))
        uow.complaints.add(complaint(4, ComplaintStatus.REGISTERED, "K2"))
        uow.complaints.add(complaint(5, ComplaintStatus.REJECTED, "K2"))
    k2 = service.snapshot(DashboardFilters("K2"))
    assert k2.total_reports == 2
    assert {b.branch_code for b in k2.top_branches} == {"BR2"}
    assert k2.open_complaints == 1
    assert service.snapshot().open_complaints == 3
    both = service.snapshot(DashboardFilters("K1", date(2026, 5, 1), date(2026, 5, 1)))
    assert both.total_reports == 5


def test_top_branches_and_the_rest(store):
    """Beyond the top N, the other branches are summed: how many and their reports."""
    snap = DashboardService(store, top_branches=2).snapshot()
    assert [(b.branch_code, b.count) for b in snap.top_branches] == [("BR1", 3), ("BR2", 2)]
    assert snap.other_branches == 2
    assert snap.other_branches_reports == 3  # BR3: 2, BR4: 1


def test_empty_store(seeded_store):
    """No reports: zero counts for every category and no hours, no latest time."""
    snap = DashboardService(seeded_store).snapshot()
    assert snap.total_reports == 0
    assert all(c.count == 0 for c in snap.by_category)
    assert snap.by_hour == () and snap.latest_report_at is None and snap.top_branches == ()


def test_random_reports_match_a_count_in_python(seeded_store):
    """Hundreds of random reports (random offsets, some naive): every breakdown agrees."""
    rng = random.Random(7)
    branches = [Branch(f"BX{i}", rng.choice(["K1", "K2"]), "نشانی") for i in range(12)]
    start = datetime(2026, 4, 30, 12, tzinfo=UTC)
    reports = []
    for n in range(600):
        at = start + timedelta(seconds=rng.randrange(0, 3 * 86400))
        kind = rng.random()
        if kind < 0.2:
            at = in_iran(at).replace(tzinfo=None)  # naive Tehran wall clock
        elif kind < 0.4:
            at = at.astimezone(timezone(timedelta(hours=rng.choice([-7, 2, 4, 9]))))
        reports.append(
            report(n, at, rng.choice(branches).code, rng.choice(list(C)), rng.choice(list(S)))
        )
    fill(seeded_store, reports, branches)
    service = DashboardService(seeded_store, top_branches=100)
    snap = service.snapshot()
    assert {c.category: c.count for c in snap.by_category if c.count} == Counter(
        r.category.value for r in reports
    )
    assert {s.severity: s.count for s in snap.by_severity if s.count} == Counter(
        r.severity.value for r in reports
    )
    assert {b.branch_code: b.count for b in snap.top_branches} == Counter(
        r.branch_code for r in reports
    )
    place = {b.code: b.constituency_code for b in branches}
    assert {c.code: c.count for c in snap.by_constituency} == Counter(
        place[r.branch_code] for r in reports
    )
    assert {h.hour.replace(tzinfo=None): h.count for h in snap.by_hour if h.count} == Counter(
        tehran_hour(r.observed_at) for r in reports
    )
    day = date(2026, 5, 1)
    expected_day = [r for r in reports if in_iran(r.observed_at).date() == day]
    on_day = service.snapshot(DashboardFilters.on(day))
    assert on_day.total_reports == len(expected_day)
    assert {h.hour.replace(tzinfo=None): h.count for h in on_day.by_hour if h.count} == Counter(
        tehran_hour(r.observed_at) for r in expected_day
    )
    # The day holds most reports, so it was read by a table scan; the index plan agrees.
    window = DashboardFilters.on(day).window()
    scanned = replace(window, scan=True)
    with seeded_store.unit_of_work(read_only=True) as uow:
        repo = uow.dashboard
        assert set(repo.by_branch(window)) == set(repo.by_branch(scanned))
        by_category: Counter[str] = Counter()
        for category, _severity, n in repo.by_category_and_severity(scanned):
            by_category[category] += n
        assert dict(repo.by_category(window)) == by_category
        assert repo.count(window) == repo.count(scanned) == len(expected_day)
    # With a constituency the hours are grouped by minute instead of UTC index ranges.
    k1 = service.snapshot(DashboardFilters("K1"))
    assert {h.hour.replace(tzinfo=None): h.count for h in k1.by_hour if h.count} == Counter(
        tehran_hour(r.observed_at) for r in reports if place[r.branch_code] == "K1"
    )
    latest = max(
        r.observed_at if r.observed_at.tzinfo else r.observed_at.replace(tzinfo=IRAN_TZ)
        for r in reports
    )
    assert snap.latest_report_at == latest


def test_long_spans_are_grouped_the_same_way(store, monkeypatch):
    """Past the span counted by UTC index ranges, grouping by minute gives the same hours."""
    service = DashboardService(store)
    ranged = service.snapshot()
    monkeypatch.setattr(dashboard_module, "MAX_RANGE_HOURS", 2)
    grouped = service.snapshot()
    assert grouped.by_hour == ranged.by_hour
    assert grouped.latest_report_at == ranged.latest_report_at


# --- change detection ----------------------------------------------------------------------


def test_refresh_returns_none_until_something_changes(service, store):
    """Same token: no new snapshot; a new report or a closed complaint changes it."""
    first = service.refresh()
    assert first is not None
    assert service.refresh(since=first.token) is None
    fill(store, [report(99, datetime(2026, 5, 1, 10, tzinfo=UTC), "BR2")], [])
    second = service.refresh(since=first.token)
    assert second is not None and second.total_reports == first.total_reports + 1
    with store.unit_of_work() as uow:
        uow.complaints.add(complaint(1, ComplaintStatus.INVESTIGATING))
    third = service.refresh(since=second.token)
    assert third is not None and third.open_complaints == 1
    with store.unit_of_work() as uow:
        uow.complaints.add(complaint(1, ComplaintStatus.DECIDED))
    fourth = service.refresh(since=third.token)
    assert fourth is not None and fourth.open_complaints == 0


# --- exports -------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_export_reads_back(service, tmp_path):
    """The counts CSV starts with a BOM, has Persian headers and the snapshot's numbers."""
    snap = service.snapshot()
    target = service.export_csv(snap, tmp_path / "dashboard.csv")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(target)
    assert rows[0] == ["بخش", "کد", "عنوان", "تعداد"]
    by_section: dict[str, dict[str, tuple[str, str]]] = {}
    for section, code, title, count in rows[1:]:
        by_section.setdefault(section, {})[code] = (title, count)
    assert by_section["خلاصه"]["total_reports"][1] == "8"
    categories = by_section["نوع تخلف"]
    assert {code: int(count) for code, (_, count) in categories.items()} == {
        c.category: c.count for c in snap.by_category
    }
    assert categories["vote_buying"][0] == L.OFFENCES[C.VOTE_BUYING]
    assert by_section["شدت"]["critical"] == (L.SEVERITIES[S.CRITICAL], "1")
    assert {code: int(n) for code, (_, n) in by_section["شعبه"].items()} == {
        "BR1": 3,
        "BR2": 2,
        "BR3": 2,
        "BR4": 1,
    }
    assert {code: int(n) for code, (_, n) in by_section["حوزهٔ انتخابیه"].items()} == {
        "K1": 6,
        "K2": 2,
    }
    hours = by_section["ساعت"]
    assert hours["2026-05-01T08:00:00+03:30"] == ("۱۴۰۵/۰۲/۱۱ ۰۸:۰۰", "4")
    assert sum(int(n) for _, n in hours.values()) == 8


def test_csv_export_from_filters_and_other_branches(store, tmp_path):
    """Exporting from filters takes a fresh snapshot; the rest of the branches is one row."""
    service = DashboardService(store, top_branches=1)
    rows = read_csv(service.export_csv(DashboardFilters("K1"), tmp_path / "k1.csv"))
    branches = [r for r in rows if r[0] == "شعبه"]
    assert [(r[1], r[3]) for r in branches] == [("BR1", "3"), ("*", "3")]
    assert "۲" in branches[1][2]  # "سایر شعبه‌ها (۲ شعبه)"
    assert next(r for r in rows if r[1] == "total_reports")[3] == "6"


def test_xlsx_export_one_rtl_sheet_per_breakdown(service, tmp_path):
    """The workbook has a right-to-left sheet per breakdown with Persian headers and counts."""
    snap = service.snapshot()
    workbook = load_workbook(service.export_xlsx(snap, tmp_path / "dashboard.xlsx"))
    assert workbook.sheetnames == [
        "خلاصه",
        "نوع تخلف",
        "شدت",
        "شعبه‌ها",
        "حوزه‌های انتخابیه",
        "ساعت",
    ]
    assert all(ws.sheet_view.rightToLeft for ws in workbook.worksheets)
    rows = list(workbook["نوع تخلف"].iter_rows(values_only=True))
    assert rows[0] == ("نوع تخلف", "کد", "تعداد")
    assert {code: n for _, code, n in rows[1:]} == {c.category: c.count for c in snap.by_category}
    assert rows[1] == (L.OFFENCES[C.VOTE_BUYING], "vote_buying", 3)
    summary = dict(workbook["خلاصه"].iter_rows(values_only=True))
    assert summary["کل گزارش‌ها"] == 8
    assert summary["آخرین گزارش"] == format_jalali(snap.latest_report_at, with_time=True)
    places = list(workbook["حوزه‌های انتخابیه"].iter_rows(values_only=True))
    assert places[1:] == [("شهر تجریش", "K1", 3, 6), ("روستای کند", "K2", 1, 2)]
    hours = list(workbook["ساعت"].iter_rows(values_only=True))[1:]
    assert sum(n for _, n in hours) == 8 and hours[0] == ("۱۴۰۵/۰۲/۱۰ ۲۳:۰۰", 1)


def test_report_exports_list_every_report_in_time_order(service, tmp_path):
    """The per-report CSV and XLSX hold one row per report, oldest first, in Persian."""
    filters = DashboardFilters.on(date(2026, 5, 1))
    count = service.export_reports_csv(filters, tmp_path / "reports.csv")
    rows = read_csv(tmp_path / "reports.csv")
    assert count == 7 and len(rows) == 8
    assert rows[0] == [
        "شعبه",
        "حوزهٔ انتخابیه",
        "تاریخ و ساعت",
        "نوع تخلف",
        "شدت",
        "شرح",
        "شناسهٔ گزارش",
    ]
    assert rows[1] == [
        "BR1",
        "شهر تجریش",
        "۱۴۰۵/۰۲/۱۱ ۰۰:۰۰",
        L.OFFENCES[C.VOTE_BUYING],
        L.SEVERITIES[S.LOW],
        "شرح گزارش 2",
        "R00002",
    ]
    expected = sorted(
        (r for r in KNOWN if in_iran(r.observed_at).date() == date(2026, 5, 1)),
        key=lambda r: in_iran(r.observed_at).replace(tzinfo=None),
    )
    assert [row[6] for row in rows[1:]] == [r.id for r in expected]
    assert service.export_reports_xlsx(filters, tmp_path / "reports.xlsx") == 7
    sheet = load_workbook(tmp_path / "reports.xlsx").worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == rows


# --- export failures -----------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for exports (the store lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_path_under_a_file_is_a_clear_error(service, out):
    """Saving "into" a file: ExportError with a Persian message, nothing written."""
    blocker = out / "not-a-folder"
    blocker.write_text("x")
    for export in (service.export_csv, service.export_xlsx):
        with pytest.raises(ExportError) as caught:
            export(None, blocker / "dashboard.csv")
        assert "پوشهٔ مقصد وجود ندارد" in caught.value.message_fa
    with pytest.raises(ExportError):
        service.export_reports_xlsx(None, out / "missing" / "r.xlsx")
    assert leftovers(out) == ["not-a-folder"]


def test_read_only_folder_is_a_clear_error(service, out, monkeypatch):
    """A folder without write permission: ExportError saying so, no file.

    The permission is refused by the OS call itself (patched), so the test means the same
    as root, who may write anywhere, as for a clerk's account.
    """
    import tempfile

    folder = out / "locked"
    folder.mkdir()

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as caught:
        service.export_reports_csv(None, folder / "r.csv")
    assert "اجازهٔ نوشتن" in caught.value.message_fa
    assert leftovers(folder) == []


def test_disk_full_keeps_the_old_file_and_leaves_no_partial(service, out, monkeypatch):
    """A write that fails for lack of space: the old export stays whole, no temp file."""
    target = out / "dashboard.xlsx"
    target.write_bytes(b"old export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dashboard_module.os, "fsync", full)
    for export in (service.export_xlsx, service.export_csv):
        with pytest.raises(ExportError) as caught:
            export(None, target)
        assert "فضای خالی دیسک" in caught.value.message_fa
        assert "No space left" in str(caught.value)
    with pytest.raises(ExportError):
        service.export_reports_csv(None, target)
    assert target.read_bytes() == b"old export"
    assert leftovers(out) == ["dashboard.xlsx"]


def test_export_replaces_an_existing_file(service, out):
    """An existing export is replaced whole by the new one."""
    target = out / "dashboard.csv"
    target.write_text("old")
    service.export_csv(None, target)
    assert read_csv(target)[0][0] == "بخش"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
