"""ReportService under a busy or failing store, the observation-time lower bound, and drafts
of reports already recorded."""

from __future__ import annotations

import errno
import re
import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy.exc

from supervisor_app.domain.cycle import ElectionCycle, Stage, StageWindow, Track
from supervisor_app.domain.jalali import IRAN_TZ
from supervisor_app.services import reports as reports_module
from supervisor_app.services.reports import (
    ReportError,
    ReportService,
    ReportStoreBusy,
    earliest_observation,
)

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
PERSIAN = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")


@pytest.fixture
def service(seeded_store, tmp_path):
    return ReportService(seeded_store, attachments=tmp_path / "attachments", now=lambda: NOW)


def record(service, **kw):
    values = dict(
        category="late_opening",
        severity="medium",
        description="شعبه دیر باز شد",
        observed_at=NOW - timedelta(hours=1),
    )
    values.update(kw)
    return service.record("BR1", **values)


def failing_writes(store, monkeypatch, error: BaseException, times: int) -> list[int]:
    real = store.unit_of_work
    left = [times]

    def unit_of_work(*, read_only: bool = False):
        if not read_only and left[0] > 0:
            left[0] -= 1
            raise error
        return real(read_only=read_only)

    monkeypatch.setattr(store, "unit_of_work", unit_of_work)
    return left


def wrapped(message: str) -> sqlalchemy.exc.OperationalError:
    """A driver error as SQLAlchemy raises it (``orig`` and ``__cause__``)."""
    try:
        try:
            raise sqlite3.OperationalError(message)
        except sqlite3.OperationalError as orig:
            raise sqlalchemy.exc.OperationalError("BEGIN IMMEDIATE", {}, orig) from orig
    except sqlalchemy.exc.OperationalError as exc:
        return exc


def test_record_is_tried_again_while_the_database_is_locked(service, seeded_store, monkeypatch):
    """Two 'database is locked' answers, then the write goes through: one report, stored."""
    monkeypatch.setattr(reports_module, "BUSY_PAUSE", 0.0)
    left = failing_writes(seeded_store, monkeypatch, wrapped("database is locked"), times=2)
    r = record(service)
    assert left == [0]
    monkeypatch.undo()
    assert service.get(r.id) == r and service.count() == 1


def test_record_gives_up_on_a_locked_database_in_persian(service, seeded_store, monkeypatch):
    """Still locked after every try: ReportStoreBusy with a Persian sentence, nothing stored."""
    monkeypatch.setattr(reports_module, "BUSY_PAUSE", 0.0)
    left = failing_writes(seeded_store, monkeypatch, wrapped("database is locked"), times=100)
    with pytest.raises(ReportStoreBusy) as caught:
        record(service)
    assert 100 - left[0] == reports_module.BUSY_ATTEMPTS
    assert PERSIAN.search(caught.value.message_fa) and not LATIN.search(caught.value.message_fa)
    monkeypatch.undo()
    assert service.count() == 0


def test_record_waits_for_a_real_write_lock_to_be_released(service, store_path):
    """Another connection's BEGIN IMMEDIATE delays the report; it is stored once released."""
    locker = sqlite3.connect(store_path, isolation_level=None, timeout=0)
    locker.execute("BEGIN IMMEDIATE")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(record(service)))
    worker.start()
    try:
        worker.join(0.3)
        assert worker.is_alive() and service.count() == 0  # waiting, not failed
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    worker.join(30)
    assert len(result) == 1 and service.count() == 1


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (wrapped("database or disk is full"), "دیسک این رایانه پر است"),
        (OSError(errno.ENOSPC, "No space left on device"), "دیسک این رایانه پر است"),
        (wrapped("disk I/O error"), "پایگاه داده یا دیسک این رایانه خطا داد"),
    ],
)
def test_store_failures_become_persian_refusals(service, seeded_store, monkeypatch, error, words):
    """A full disk or a failing database is a ReportError saying what to do, in Persian."""
    failing_writes(seeded_store, monkeypatch, error, times=100)
    with pytest.raises(ReportError) as caught:
        record(service)
    assert words in caught.value.message_fa and "گزارش ثبت نشد" in caught.value.message_fa


def test_a_full_disk_while_copying_an_attachment_is_a_persian_refusal(
    service, monkeypatch, tmp_path
):
    """ENOSPC while the photo is copied: refused in Persian, no half-written file left."""
    photo = tmp_path / "box.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\x02" * 2048)

    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reports_module.os, "fsync", fsync)
    with pytest.raises(ReportError) as caught:
        record(service, attachments=[photo])
    assert "دیسک این رایانه پر است" in caught.value.message_fa
    assert list((tmp_path / "attachments").iterdir()) == []
    assert service.count() == 0


def test_observations_before_election_day_are_refused(service):
    """The seeded cycle votes on 2026-05-01: 23:59 Tehran the day before is refused in both
    languages; 00:00 Tehran on the day is accepted."""
    day_start = datetime(2026, 5, 1, 0, 0, tzinfo=IRAN_TZ)
    with pytest.raises(ReportError) as caught:
        record(service, observed_at=day_start - timedelta(minutes=1))
    assert "before election day 2026-05-01" in str(caught.value)
    assert "پیش از روز رأی‌گیری" in caught.value.message_fa
    assert "۱۴۰۵/۰۲/۱۱" in caught.value.message_fa  # the election day, Jalali
    assert record(service, observed_at=day_start).observed_at == day_start.astimezone(UTC)


def test_a_gregorian_reading_of_a_jalali_year_is_refused(service):
    """1405-02-11 read as a Gregorian date (the year 1405) is far before election day."""
    with pytest.raises(ReportError):
        record(service, observed_at=datetime(1405, 2, 11, 9, 30))


def test_earliest_observation_follows_the_calendar_or_two_days_back():
    """The election-day window's first day at 00:00 Tehran; without a calendar, now - 2 days."""
    now = datetime(2026, 5, 3, 12, 0, tzinfo=UTC)
    window = StageWindow(Stage.ELECTION_DAY, Track.VILLAGE, date(2026, 4, 30), date(2026, 5, 1))
    cycle = ElectionCycle("7", "هفتم", date(2026, 5, 1), windows=(window,))
    assert earliest_observation(cycle, now) == datetime(2026, 4, 30, tzinfo=IRAN_TZ)
    plain = ElectionCycle("7", "هفتم", date(2026, 5, 1))
    assert earliest_observation(plain, now) == datetime(2026, 5, 1, tzinfo=IRAN_TZ)
    assert earliest_observation(None, now) == now - timedelta(days=2)


def test_a_draft_of_a_recorded_report_is_not_saved_again(service):
    """A save that was under way when its report was recorded does not bring the draft back."""
    r = record(service, draft_slot="entry")
    assert service.save_draft("entry", {"report_id": r.id, "description": "late"}) is False
    assert service.load_draft("entry") is None
    assert service.save_draft("entry", {"report_id": "another", "description": "x"}) is True
    assert service.load_draft("entry") == {"report_id": "another", "description": "x"}


def test_a_locked_draft_save_is_a_persian_refusal(service, seeded_store, monkeypatch):
    """A draft the database refuses is a ReportStoreBusy in Persian (the form retries)."""
    failing_writes(seeded_store, monkeypatch, wrapped("database is locked"), times=1)
    with pytest.raises(ReportStoreBusy) as caught:
        service.save_draft("entry", {"description": "x"})
    assert "پیش‌نویس گزارش ذخیره نشد" in caught.value.message_fa
