"""The pure hash chain: any change to any event is detected at that event."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from supervisor_app.domain.audit import GENESIS_HASH, next_event, verify_chain

T0 = datetime(2026, 1, 11, 8, 0, tzinfo=UTC)


def _chain(n: int):
    events = []
    prev = None
    for i in range(n):
        prev = next_event(prev, T0 + timedelta(minutes=i), f"user{i % 3}", "dossier.viewed",
                          f"R-{i}", {"i": i, "note": "یادداشت"})
        events.append(prev)
    return events


def test_intact_chain_verifies():
    """A chain built by next_event verifies and starts from the genesis hash."""
    events = _chain(10)
    assert events[0].prev_hash == GENESIS_HASH
    assert verify_chain(events) is None


@given(st.integers(min_value=0, max_value=9),
       st.sampled_from(["actor", "action", "subject", "details", "at", "hash", "prev_hash"]))
def test_any_field_change_is_detected_at_that_event(index, field):
    """Changing any field of any event breaks the chain exactly there."""
    events = _chain(10)
    ev = events[index]
    changed = {
        "actor": ev.actor + "x",
        "action": ev.action + "x",
        "subject": ev.subject + "x",
        "details": {**ev.details, "i": -1},
        "at": ev.at + timedelta(seconds=1),
        "hash": "f" * 64,
        "prev_hash": "e" * 64,
    }[field]
    events[index] = replace(ev, **{field: changed})
    broken = verify_chain(events)
    assert broken is not None and broken.seq == ev.seq


def test_dropped_event_is_detected():
    """Removing an event from the middle is reported at the gap."""
    events = _chain(5)
    del events[2]
    broken = verify_chain(events)
    assert broken is not None and broken.seq == 3
