"""The audit service: recording, and detecting any tampering with the stored chain."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.services.audit import AuditService
from supervisor_app.store import Store

COLUMNS = ["seq", "at", "actor", "action", "subject", "details", "prev_hash", "hash"]
EVENTS = 4


class FakeClock:
    """Deterministic UTC time that moves one minute (and a few microseconds) per call."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 11, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1, microseconds=17)
        return self.now


def _record_chain(store: Store) -> AuditService:
    service = AuditService(store, now=FakeClock())
    service.record("admin", "store.opened", "workstation-1")
    service.record(
        "دبیر هیات",
        "dossier.decided",
        "R-000001",
        {
            "outcome": "rejected",
            "basis": [{"article": "37", "clause": "ز"}],
            "votes": {"for": 3, "against": 1},
            "note": "رأی\u200cگیری",
            "ratio": 0.75,
        },
    )
    service.record("M2", "ruling.signed", "rul-1", {"serial": 12, "final": True, "x": None})
    service.record("M3", "ruling.sealed", "rul-1", {})
    return service


@pytest.fixture
def audited(tmp_store: Store) -> AuditService:
    service = _record_chain(tmp_store)
    assert service.verify() is None
    return service


@pytest.fixture
def raw(store_path: Path, audited: AuditService) -> Iterator[sqlite3.Connection]:
    """A second, plain connection to the file: what someone editing the database would use."""
    connection = sqlite3.connect(store_path, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def _stored(raw: sqlite3.Connection, column: str, seq: int) -> tuple[object, bytes]:
    (value,) = raw.execute(f"SELECT {column} FROM audit_events WHERE seq = ?", (seq,)).fetchone()
    data = str(value).encode() if isinstance(value, int) else value.encode("utf-8")
    return value, data


def _write(raw: sqlite3.Connection, column: str, seq: int, data: bytes) -> bool:
    """Store ``data`` as the column's new bytes; False if SQLite refuses (e.g. duplicate seq)."""
    try:
        if column == "seq":
            raw.execute("UPDATE audit_events SET seq = ? WHERE seq = ?", (int(data), seq))
        else:
            # CAST keeps the exact bytes, even when they are not valid UTF-8.
            raw.execute(
                f"UPDATE audit_events SET {column} = CAST(? AS TEXT) WHERE seq = ?", (data, seq)
            )
    except (sqlite3.IntegrityError, ValueError):
        return False
    return True


def _restore(raw: sqlite3.Connection, column: str, seq: int, current_key: int, value: object):
    raw.execute(f"UPDATE audit_events SET {column} = ? WHERE seq = ?", (value, current_key))


def _check_edit(audited: AuditService, column: str, seq: int) -> None:
    broken = audited.verify()
    assert broken is not None, f"edit of {column} in event {seq} went unnoticed"
    if column == "seq":
        # A renumbered event breaks the sequence at the first position that is now wrong,
        # which is at or before its old place (it moved there, or away from there).
        assert 1 <= broken.seq <= seq
    else:
        assert broken.seq == seq, f"{column} of event {seq} edited, break reported at {broken}"


@pytest.mark.parametrize("column", COLUMNS)
def test_editing_any_byte_of_any_event_is_detected(
    audited: AuditService, raw: sqlite3.Connection, column: str
):
    """Changing any byte of this column in any row is named by verify() at that event."""
    # Text bytes get their lowest bit flipped (sometimes leaving invalid UTF-8); the
    # sequence number gets every other digit.
    edits = 0
    for seq in range(1, EVENTS + 1):
        value, data = _stored(raw, column, seq)
        for mutated in (
            data[:i] + bytes([new]) + data[i + 1 :]
            for i in range(len(data))
            for new in (b"0123456789" if column == "seq" else [data[i] ^ 0x01])
            if new != data[i]
        ):
            if not _write(raw, column, seq, mutated):
                continue  # SQLite refused the edit (a duplicate seq): nothing to detect
            edits += 1
            new_seq = int(mutated) if column == "seq" else None
            _check_edit(audited, column, seq)
            _restore(raw, column, seq, new_seq if new_seq is not None else seq, value)
        assert audited.verify() is None  # restored: the chain holds again
    assert edits >= EVENTS


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_replacing_any_byte_with_any_other_is_detected(
    audited: AuditService, raw: sqlite3.Connection, data: st.DataObject
):
    """Any replacement byte at any position of any column and row is detected."""
    seq = data.draw(st.integers(1, EVENTS), label="event")
    column = data.draw(st.sampled_from(COLUMNS), label="column")
    value, stored = _stored(raw, column, seq)
    i = data.draw(st.integers(0, len(stored) - 1), label="position")
    alphabet = b"0123456789" if column == "seq" else bytes(range(1, 256))
    byte = data.draw(st.sampled_from([b for b in alphabet if b != stored[i]]), label="byte")
    mutated = stored[:i] + bytes([byte]) + stored[i + 1 :]
    if not _write(raw, column, seq, mutated):
        return
    new_seq = int(mutated) if column == "seq" else None
    try:
        _check_edit(audited, column, seq)
    finally:
        _restore(raw, column, seq, new_seq if new_seq is not None else seq, value)
    assert audited.verify() is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("details", '{"final": true, "serial": 12, "x": null}'),  # other spacing
        ("details", '{"x":null,"serial":12,"final":true}'),  # other key order
        ("details", '{"final":true,"serial":12.0,"x":null}'),  # 12.0 parses equal to 12
        ("details", '{"final":true,"serial":12,"x":null,"final":true}'),  # duplicate key
        ("actor", "M2 "),
    ],
)
def test_equivalent_but_different_encodings_are_detected(
    audited: AuditService, raw: sqlite3.Connection, column: str, value: str
):
    """Edits that decode to an equal value (JSON spacing, key order, number form) count."""
    raw.execute(f"UPDATE audit_events SET {column} = ? WHERE seq = 3", (value,))
    broken = audited.verify()
    assert broken is not None and broken.seq == 3


@pytest.mark.parametrize("spelling", ["utc_z", "tehran_offset"])
def test_same_instant_spelled_differently_is_detected(
    audited: AuditService, raw: sqlite3.Connection, spelling: str
):
    """The time rewritten as the same instant ('Z', or +03:30) is still an edit."""
    (stored,) = raw.execute("SELECT at FROM audit_events WHERE seq = 3").fetchone()
    instant = datetime.fromisoformat(stored)
    if spelling == "utc_z":
        value = stored.replace("+00:00", "Z")
    else:
        value = instant.astimezone(timezone(timedelta(hours=3, minutes=30))).isoformat()
    assert value != stored and datetime.fromisoformat(value) == instant
    raw.execute("UPDATE audit_events SET at = ? WHERE seq = 3", (value,))
    broken = audited.verify()
    assert broken is not None and broken.seq == 3


def test_deleting_a_middle_event_is_detected(audited: AuditService, raw: sqlite3.Connection):
    """Removing event 2 of 4 breaks the chain exactly there."""
    raw.execute("DELETE FROM audit_events WHERE seq = 2")
    broken = audited.verify()
    assert broken is not None and broken.seq == 2
    assert "expected event 2" in broken.reason


def test_swapping_two_events_is_detected(audited: AuditService, raw: sqlite3.Connection):
    """Reordering events (swapping their numbers) is detected at the first swapped one."""
    raw.execute("UPDATE audit_events SET seq = 100 WHERE seq = 2")
    raw.execute("UPDATE audit_events SET seq = 2 WHERE seq = 3")
    raw.execute("UPDATE audit_events SET seq = 3 WHERE seq = 100")
    broken = audited.verify()
    assert broken is not None and broken.seq == 2


def test_recording_chains_events_with_the_injected_clock(tmp_store: Store):
    """record() appends seq 1, 2, … with times from the clock, each pointing at the previous."""
    clock = FakeClock()
    service = AuditService(tmp_store, now=clock)
    first = service.record("a", "x.done", "s1", {"k": "v"})
    second = service.record("b", "y.done", "s1")
    assert (first.seq, second.seq) == (1, 2)
    assert second.prev_hash == first.hash
    assert second.at == clock.now and second.at.tzinfo is UTC
    assert service.count() == 2
    assert service.history("s1") == [first, second]
    assert service.verify() is None


def test_empty_log_verifies(tmp_store: Store):
    """No events at all is an intact (empty) chain."""
    assert AuditService(tmp_store).verify() is None
    assert AuditService(tmp_store).count() == 0


def test_naive_times_are_refused(tmp_store: Store):
    """A clock without a time zone is a bug: recording raises instead of storing local time."""
    service = AuditService(tmp_store, now=lambda: datetime(2026, 1, 1, 8, 0))
    with pytest.raises(ValueError, match="timezone"):
        service.record("a", "b", "c")
    assert service.count() == 0


def test_default_clock_is_utc(tmp_store: Store):
    """Without an injected clock, events carry the current UTC time."""
    before = datetime.now(UTC)
    event = AuditService(tmp_store).record("a", "b", "c")
    assert before <= event.at <= datetime.now(UTC)
    assert event.at.utcoffset() == timedelta(0)


def test_home_page_check_continues_from_the_last_full_verification(tmp_store):
    """After a full verify, the quick check re-hashes only newer events but still
    notices an edit of the checkpoint event or of any newer event."""
    import sqlite3 as _sqlite3

    from supervisor_app.services.audit import verify_in

    service = AuditService(tmp_store)
    for i in range(5):
        service.record("u", "x.done", f"s{i}", {"i": i})
    assert service.verify() is None
    service.record("u", "x.done", "s5", {"i": 5})
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert verify_in(uow, from_checkpoint=True) is None
    db = _sqlite3.connect(tmp_store.path)
    db.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 6")
    db.commit()
    with tmp_store.unit_of_work(read_only=True) as uow:
        broken = verify_in(uow, from_checkpoint=True)
    assert broken is not None and broken.seq == 6
    db.execute("UPDATE audit_events SET actor = 'u' WHERE seq = 6")
    db.execute("UPDATE audit_events SET hash = ? WHERE seq = 5", ("a" * 64,))
    db.commit()
    db.close()
    with tmp_store.unit_of_work(read_only=True) as uow:
        broken = verify_in(uow, from_checkpoint=True)
    assert broken is not None and broken.seq == 5
