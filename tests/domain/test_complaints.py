"""A complaint's history: moving unsent entries after the server's, and reopening after the
central board refuses an annulment."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from supervisor_app.domain.complaints import (
    ComplaintEvent,
    ComplaintEventKind,
    rebase_unsent,
    replay,
)
from supervisor_app.domain.election_day import ComplainantKind, Complaint, ComplaintStatus

AT = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)
K = ComplaintEventKind


def entry(
    position: int, kind: ComplaintEventKind = K.NOTE, target: str | None = None
) -> ComplaintEvent:
    text = "" if kind is K.REGISTERED else f"یادداشت {position}"
    return ComplaintEvent(
        f"e{position}",
        "c1",
        position,
        AT + timedelta(minutes=position),
        kind,
        "دبیر",
        text,
        "registered" if kind is K.REGISTERED else target,
    )


def complaint() -> Complaint:
    return Complaint(
        "c1",
        "مریم رضایی",
        "0012345679",
        ComplainantKind.CANDIDATE,
        AT,
        "شکستن پلمب",
        "K1",
        board_id="B2301",
    )


def test_unsent_entries_move_in_order_after_the_servers_last_position():
    """Server holds 0…4; ours at 3 and 4 (refused or not yet sent) become 5 and 6, in order;
    ids and content stay."""
    ours = [entry(4), entry(3)]
    moved = rebase_unsent({0, 1, 2, 3, 4}, ours)
    assert [(e.id, e.position) for e in moved] == [("e3", 5), ("e4", 6)]
    assert moved[0] == dataclasses.replace(ours[1], position=5)


def test_entries_already_after_the_server_do_not_move():
    """Nothing clashes (ours continue the server's line): nothing moves; a gap closes."""
    assert rebase_unsent({0, 1, 2}, [entry(3), entry(4)]) == []
    assert [e.position for e in rebase_unsent({0, 1}, [entry(3)])] == [2]
    assert rebase_unsent(set(), [entry(3)]) == []


def test_the_registration_never_moves():
    """Position 0 is the complaint's own first entry: it is not rebased."""
    assert rebase_unsent({0}, [entry(0, K.REGISTERED)]) == []


def test_reopened_sends_a_decided_complaint_back_to_its_board():
    """After a central refusal the assigned complaint is under investigation again; one
    decided while escalated and unassigned is the higher board's again; a reopen entry on
    an open complaint changes nothing."""
    history = [
        entry(0, K.REGISTERED),
        entry(1, K.ASSIGNED, "M1"),
        entry(2, K.DECIDED, "ruling-1"),
        entry(3, K.REOPENED, "ruling-2"),
    ]
    state = replay(complaint(), history)
    assert state.status is ComplaintStatus.INVESTIGATING and state.assigned_to == "M1"
    escalated = [
        entry(0, K.REGISTERED),
        entry(1, K.ESCALATED, "B23"),
        entry(2, K.DECIDED, "ruling-1"),
        entry(3, K.REOPENED, "ruling-2"),
    ]
    state = replay(complaint(), escalated)
    assert state.status is ComplaintStatus.ESCALATED and state.escalated_to_board_id == "B23"
    assert replay(complaint(), [history[0], history[1], history[3]]).status is (
        ComplaintStatus.ASSIGNED
    )
