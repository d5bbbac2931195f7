"""Backups: consistent checked copies, rotation, and restores that bring every record back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from supervisor_app.paths import DataPaths
from supervisor_app.services.backup import (
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    BackupError,
    BackupInfo,
    BackupPolicy,
    BackupService,
    integrity_problem,
    keep_set,
)
from supervisor_app.store import Store, head_revision, open_store
from supervisor_app.store.database import _alembic_config

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 5, 1, 10, 15, tzinfo=UTC)


def _report(n: int) -> ObserverReport:
    return ObserverReport(
        id=f"rep-{n}",
        branch_code="BR1",
        observed_at=AT + timedelta(minutes=n),
        category=OffenceCategory.VOTE_BUYING,
        severity=Severity.HIGH,
        description=f"گزارش شمارهٔ {n}: توزیع پول در صف رأی‌گیری",
        observer_id="O2",
    )


def _ruling(n: int) -> Ruling:
    return Ruling(
        id=f"rul-{n}",
        board_id="B2301",
        serial=n,
        issued_on=date(2026, 2, 1) + timedelta(days=n),
        subject=RulingSubject.QUALIFICATION,
        subject_ref=f"R-{n:06d}",
        legal_basis=(LegalBasis("37", "ز"),),
        reasoning=f"استدلال رأی {n}",
        decision="رد صلاحیت" if n % 2 else "تایید صلاحیت",
        present_member_ids=("M1", "M2", "M3", "M4"),
        votes=(MemberVote("M1", Vote.APPROVE), MemberVote("M2", Vote.APPROVE),
               MemberVote("M3", Vote.APPROVE), MemberVote("M4", Vote.REJECT, "مخالفم")),
        status=RulingStatus.SEALED if n % 3 == 0 else RulingStatus.DRAFT,
    )


def _add_records(store: Store, numbers: range) -> None:
    with store.unit_of_work() as uow:
        for n in numbers:
            uow.rulings.add(_ruling(n))
            uow.reports.add(_report(n))


def _records(store: Store) -> tuple[dict[str, Ruling], dict[str, ObserverReport]]:
    with store.unit_of_work(read_only=True) as uow:
        rulings = {r.id: r for r in uow.rulings.for_board("B2301")}
        reports = {r.id: r for r in uow.reports.recent(limit=10_000)}
    return rulings, reports


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    # The seeded_store fixture lives at tmp_path/store.sqlite3: this data directory's store.
    return DataPaths(tmp_path).ensure()


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_backup_is_a_checked_standalone_copy_made_while_the_store_is_open(
    seeded_store: Store, paths: DataPaths
):
    """A backup of the open WAL store is complete, passes integrity_check and needs no -wal."""
    _add_records(seeded_store, range(1, 6))
    info = BackupService(paths).create()
    assert info.kind == MANUAL and info.path.parent == paths.backups
    assert info.path.name.startswith("backup-") and info.path.suffix == ".sqlite3"
    assert integrity_problem(info.path) is None
    assert not info.path.with_name(info.path.name + "-wal").exists()
    conn = sqlite3.connect(info.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    summary = BackupService(paths).summary(info.path)
    assert summary.counts == {"rulings": 5, "reports": 5, "dossiers": 0}
    assert summary.schema == head_revision()
    assert not list(paths.backups.glob("*.partial"))


def test_backup_reads_one_snapshot_and_does_not_wait_for_a_writer(
    seeded_store: Store, paths: DataPaths
):
    """An uncommitted write in progress neither blocks the backup nor leaks into it."""
    _add_records(seeded_store, range(1, 3))
    writer_inside = threading.Event()
    release = threading.Event()

    def writer() -> None:
        with seeded_store.unit_of_work() as uow:
            uow.reports.add(_report(99))
            uow.session.flush()
            writer_inside.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writer_inside.wait(10)
        info = BackupService(paths).create()
    finally:
        release.set()
        thread.join()
    assert BackupService(paths).summary(info.path).counts["reports"] == 2
    assert _records(seeded_store)[1].keys() >= {"rep-99"}


def test_two_backups_in_one_second_get_distinct_names(seeded_store: Store, paths: DataPaths):
    """A second backup within the same second is kept beside the first, not over it."""
    clock = Clock(AT)
    service = BackupService(paths, now=clock)
    first, second = service.create(), service.create()
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert [b.path for b in service.list()] == [second.path, first.path]


def test_no_store_means_no_backup(paths: DataPaths):
    """Backing up a data directory without a store says so instead of writing a file."""
    with pytest.raises(BackupError) as caught:
        BackupService(paths).create()
    assert "پشتیبان" in caught.value.message_fa
    assert not BackupService(paths).due()


def test_daily_backup_runs_once_per_interval_then_rotates(seeded_store: Store, paths: DataPaths):
    """daily_if_due writes a backup when none is younger than the interval, else nothing."""
    clock = Clock(AT)
    service = BackupService(paths, now=clock)
    assert service.daily_if_due() is not None
    clock.now += timedelta(hours=23)
    assert service.daily_if_due() is None
    clock.now += timedelta(hours=1)
    made = service.daily_if_due()
    assert made is not None and made.kind == DAILY
    assert len(service.list()) == 2


def _fake_backups(folder: Path, moments: list[datetime], kind: str = DAILY) -> list[BackupInfo]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for moment in moments:
        path = folder / f"backup-{moment.strftime('%Y%m%dT%H%M%SZ')}-{kind}.sqlite3"
        path.write_bytes(b"")
        made.append(BackupInfo(path, kind, moment, 0))
    return made


def test_rotation_keeps_seven_daily_and_four_weekly(paths: DataPaths):
    """Rotation keeps the newest per day (7 days) and per ISO week (4); foreign files stay."""
    start = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)  # 09:30 in Tehran
    moments = [start + timedelta(days=d, hours=h) for d in range(60) for h in (0, 8)]
    _fake_backups(paths.backups, moments)
    foreign = paths.backups / "store-0001-20260101T000000Z.sqlite3"  # a pre-migration copy
    foreign.write_bytes(b"x")
    service = BackupService(paths)
    removed = service.rotate()
    kept = {b.created_at for b in service.list()}
    last_day = start + timedelta(days=59, hours=8)
    daily = {last_day - timedelta(days=d) for d in range(7)}
    assert daily <= kept
    # Weekly: the newest backup of the 4 newest ISO weeks (Tehran days); three of those
    # are already among the daily ones, so weeks add what the dailies do not cover.
    weeks: dict[tuple[int, int], datetime] = {}
    for m in sorted(moments, reverse=True):
        weeks.setdefault(_tehran_week(m), m)
    weekly = {weeks[k] for k in sorted(weeks, reverse=True)[:4]}
    assert kept == daily | weekly
    assert len(removed) == len(moments) - len(kept)
    assert foreign.exists()


def _tehran_week(moment: datetime) -> tuple[int, int]:
    from supervisor_app.domain.jalali import in_iran

    return tuple(in_iran(moment).isocalendar()[:2])  # type: ignore[return-value]


def test_rotation_never_removes_pre_restore_copies_and_keeps_the_newest(paths: DataPaths):
    """Pre-restore copies survive any rotation; a policy of one day still keeps the newest."""
    old = datetime(2025, 1, 1, tzinfo=UTC)
    safety = _fake_backups(paths.backups, [old], BEFORE_RESTORE)
    regular = _fake_backups(paths.backups, [old + timedelta(days=d) for d in range(10)])
    service = BackupService(paths, policy=BackupPolicy(keep_daily=1, keep_weekly=0))
    service.rotate()
    assert safety[0].path.exists()
    assert [b.path for b in service.list() if b.kind == DAILY] == [regular[-1].path]
    assert keep_set([], BackupPolicy()) == set()


def test_policy_comes_from_settings_and_ignores_nonsense():
    """backup_keep_daily/weekly/interval_hours tune the policy; wrong values keep defaults."""
    policy = BackupPolicy.from_settings(
        {"backup_keep_daily": 14, "backup_keep_weekly": 8, "backup_interval_hours": 12}
    )
    assert policy == BackupPolicy(14, 8, timedelta(hours=12))
    assert BackupPolicy.from_settings(
        {"backup_keep_daily": "many", "backup_keep_weekly": -1, "backup_interval_hours": True}
    ) == BackupPolicy()


def test_restore_into_a_fresh_data_directory_finds_every_ruling_and_report(
    seeded_store: Store, paths: DataPaths, tmp_path: Path
):
    """Acceptance: a restore into an empty data dir brings back every ruling and report."""
    _add_records(seeded_store, range(1, 41))
    rulings, reports = _records(seeded_store)
    assert len(rulings) == 40 and len(reports) == 40
    backup = BackupService(paths).create().path

    fresh = DataPaths(tmp_path / "another-workstation")
    service = BackupService(fresh)
    plan = service.plan_restore(backup)
    assert plan.current is None
    assert plan.backup.counts == {"rulings": 40, "reports": 40, "dossiers": 0}
    result = service.restore(backup)
    assert result.safety_copy is None and not result.migrated

    restored = open_store(fresh.database)
    try:
        again_rulings, again_reports = _records(restored)
    finally:
        restored.close()
    assert again_rulings == rulings
    assert again_reports == reports
    conn = sqlite3.connect(fresh.database)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_restore_backs_up_the_current_store_first_and_names_what_it_replaces(
    seeded_store: Store, paths: DataPaths
):
    """Restore counts both sides, keeps the old store as a copy, and the open Store sees it."""
    clock = Clock(AT)
    service = BackupService(paths, now=clock)
    _add_records(seeded_store, range(1, 4))
    backup = service.create().path
    _add_records(seeded_store, range(4, 10))

    plan = service.plan_restore(backup)
    assert plan.backup.counts["rulings"] == 3 and plan.current is not None
    assert plan.current.counts == {"rulings": 9, "reports": 9, "dossiers": 0}
    assert plan.current.last_change is not None

    clock.now += timedelta(minutes=5)
    result = service.restore(backup)
    assert result.safety_copy is not None and result.safety_copy.kind == BEFORE_RESTORE
    assert service.summary(result.safety_copy.path).counts["rulings"] == 9
    assert result.counts["rulings"] == 3
    rulings, reports = _records(seeded_store)  # the same open Store, no reopening
    assert sorted(rulings) == ["rul-1", "rul-2", "rul-3"] and len(reports) == 3
    _add_records(seeded_store, range(20, 21))  # and it keeps working afterwards
    assert len(_records(seeded_store)[0]) == 4


def test_a_damaged_backup_is_refused_and_the_store_is_left_alone(
    seeded_store: Store, paths: DataPaths
):
    """A file that fails the integrity check (or is not SQLite) is never restored."""
    _add_records(seeded_store, range(1, 3))
    bogus = paths.backups / "not-a-backup.sqlite3"
    bogus.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    with pytest.raises(BackupError):
        BackupService(paths).restore(bogus)
    assert len(_records(seeded_store)[0]) == 2
    assert not [b for b in BackupService(paths).list() if b.kind == BEFORE_RESTORE]


def test_a_backup_from_an_older_schema_is_migrated_on_the_way_in(tmp_path: Path):
    """A backup made by an older app version is upgraded (on a copy) and then restored."""
    old = tmp_path / "old-backup.sqlite3"
    engine = sa.create_engine(f"sqlite:///{old}")
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0001")
    finally:
        engine.dispose()
    before = old.read_bytes()
    fresh = DataPaths(tmp_path / "data")
    result = BackupService(fresh).restore(old)
    assert result.migrated
    assert old.read_bytes() == before  # the backup itself is never changed
    assert BackupService(fresh).summary(fresh.database).schema == head_revision()
    open_store(fresh.database).close()


def test_a_backup_from_a_newer_app_is_refused(tmp_path: Path, seeded_store: Store):
    """A backup whose schema this app does not know is refused before anything changes."""
    paths = DataPaths(tmp_path)
    backup = BackupService(paths).create().path
    conn = sqlite3.connect(backup)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    finally:
        conn.close()
    fresh = DataPaths(tmp_path / "fresh")
    with pytest.raises(BackupError):
        BackupService(fresh).restore(backup)
    assert not fresh.database.exists() or fresh.database.stat().st_size == 0


def _cli(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SUPERVISOR_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, input=stdin,
        check=False,
    )


def test_cli_backup_create_list_and_restore(seeded_store: Store, paths: DataPaths,
                                            tmp_path: Path):
    """`backup create`, `backup list` and `backup restore FILE --yes` over a real store."""
    _add_records(seeded_store, range(1, 4))
    seeded_store.checkpoint()
    made = _cli("backup", "create", data_dir=paths.root)
    assert made.returncode == 0, made.stderr
    (backup,) = [b.path for b in BackupService(paths).list()]
    assert backup.name in made.stdout
    listed = _cli("backup", "list", "--json", data_dir=paths.root)
    assert listed.returncode == 0 and backup.name in listed.stdout

    fresh = tmp_path / "fresh"
    refused = _cli("backup", "restore", str(backup), data_dir=fresh, stdin="")
    assert refused.returncode == 2  # no terminal to confirm and no --yes
    done = _cli("backup", "restore", str(backup), "--yes", data_dir=fresh)
    assert done.returncode == 0, done.stderr
    store = open_store(DataPaths(fresh).database)
    try:
        assert len(_records(store)[0]) == 3
    finally:
        store.close()


def test_reports_keep_their_content_through_a_restore(seeded_store: Store, paths: DataPaths,
                                                      tmp_path: Path):
    """Persian text, times and optional fields of a report survive backup and restore."""
    report = replace(_report(7), witnesses=("شاهد یکم",), recorded_at=AT + timedelta(hours=1))
    with seeded_store.unit_of_work() as uow:
        uow.reports.add(report)
    backup = BackupService(paths).create().path
    fresh = DataPaths(tmp_path / "fresh")
    BackupService(fresh).restore(backup)
    store = open_store(fresh.database)
    try:
        with store.unit_of_work(read_only=True) as uow:
            assert uow.reports.get("rep-7") == report
    finally:
        store.close()
