"""A complaint's append-only history and the state it implies; the filing deadline.

A complaint travels as two kinds of record: its registration (``Complaint`` as filed,
immutable once sent: the server refuses the same id with other content) and the events
of its history (``ComplaintEvent``: assignment, notes, linked reports and branches,
escalation, decision), each at the next ``position``. The current state (status,
assignee, the board handling it, linked items) is the registration with every event
applied in order (:func:`replay`). Because the boards' workstations receive the same
registration and events, they all arrive at the same state, whatever the order in which
the pages brought them.

Pure Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from .cycle import COMPLAINT_DECISION, COMPLAINT_FILING, ElectionCycle, Stage, Track
from .election_day import Complaint, ComplaintStatus
from .errors import DomainError


class ComplaintEventKind(StrEnum):
    REGISTERED = "registered"  # position 0; target: the status it was filed with
    ASSIGNED = "assigned"  # target: member id; text: the member's name
    NOTE = "note"  # an investigation note (the first one starts the investigation)
    REPORT_LINKED = "report_linked"  # target: observer report id
    BRANCH_LINKED = "branch_linked"  # target: branch code
    ESCALATED = "escalated"  # target: the higher board's id; text: why
    DECIDED = "decided"  # target: the ruling's id; text: the outcome
    # The central board refused the annulment that decided it: the complaint is open again
    # at the board that decided it. target: the refusing ruling's id; text: why.
    REOPENED = "reopened"


_UNTARGETED = frozenset({ComplaintEventKind.REGISTERED, ComplaintEventKind.NOTE})


@dataclass(frozen=True, slots=True)
class ComplaintEvent:
    """One entry of a complaint's history; never changed or removed once recorded."""

    id: str  # client-generated UUID
    complaint_id: str
    position: int  # 0, 1, 2 … per complaint, without gaps
    at: datetime
    kind: ComplaintEventKind
    actor: str
    text: str = ""
    target: str | None = None

    def __post_init__(self) -> None:
        if self.position < 0:
            raise DomainError("a complaint event position is not negative")
        if (self.position == 0) != (self.kind is ComplaintEventKind.REGISTERED):
            raise DomainError("a complaint's history starts with its registration, once")
        if self.kind not in _UNTARGETED and not self.target:
            raise DomainError(f"a {self.kind.value} event names its target")
        if self.kind is ComplaintEventKind.NOTE and not self.text.strip():
            raise DomainError("a note needs text")


_K = ComplaintEventKind
_S = ComplaintStatus


def apply_event(c: Complaint, e: ComplaintEvent) -> None:
    """Apply one event to ``c`` in place, as recorded (the recording side checked it)."""
    if e.kind is _K.REGISTERED:
        if e.target:
            c.status = ComplaintStatus(e.target)
    elif e.kind is _K.ASSIGNED:
        c.assigned_to = e.target
        if c.status in (_S.REGISTERED, _S.ESCALATED):
            c.status = _S.ASSIGNED
    elif e.kind is _K.NOTE:
        if c.status is _S.ASSIGNED:
            c.status = _S.INVESTIGATING
    elif e.kind is _K.REPORT_LINKED:
        if e.target and e.target not in c.report_ids:
            c.report_ids = [*c.report_ids, e.target]
    elif e.kind is _K.BRANCH_LINKED:
        if e.target and e.target not in c.branch_codes:
            c.branch_codes = [*c.branch_codes, e.target]
    elif e.kind is _K.ESCALATED:
        c.status = _S.ESCALATED
        c.escalated_to_board_id = e.target
        c.assigned_to = None  # the higher board assigns one of its own members
    elif e.kind is _K.DECIDED:
        c.status = _S.DECIDED
    elif e.kind is _K.REOPENED and c.status is _S.DECIDED:
        # Back to where a ruling could be drafted: its assignee investigates again, or
        # (decided while escalated, unassigned) the higher board has it again.
        c.status = _S.INVESTIGATING if c.assigned_to else _S.ESCALATED


def replay(registration: Complaint, events: Iterable[ComplaintEvent]) -> Complaint:
    """The complaint's current state: its registration with ``events`` applied in order."""
    current = dataclasses.replace(
        registration,
        branch_codes=list(registration.branch_codes),
        report_ids=list(registration.report_ids),
    )
    for e in sorted(events, key=lambda e: e.position):
        apply_event(current, e)
    return current


def registration_of(current: Complaint, events: Iterable[ComplaintEvent]) -> Complaint:
    """The complaint as it was filed, from a state that applied some or all of ``events``.

    Exact because events only add linked items that were not there yet, and the
    registration had no assignee and no escalation.
    """
    events = list(events)
    if not events:
        return current
    linked_reports = {e.target for e in events if e.kind is _K.REPORT_LINKED}
    linked_branches = {e.target for e in events if e.kind is _K.BRANCH_LINKED}
    first = next((e for e in events if e.kind is _K.REGISTERED), None)
    return dataclasses.replace(
        current,
        branch_codes=[b for b in current.branch_codes if b not in linked_branches],
        report_ids=[r for r in current.report_ids if r not in linked_reports],
        status=ComplaintStatus(first.target) if first and first.target else _S.REGISTERED,
        assigned_to=None,
        escalated_to_board_id=None,
    )


def rebase_unsent(taken: Iterable[int], unsent: Iterable[ComplaintEvent]) -> list[ComplaintEvent]:
    """This workstation's entries the server has not stored (``unsent``), moved in their
    order right after the positions the server's history holds (``taken``); returns the
    entries whose position changes.

    The server's history is authoritative: when another workstation's entry took a
    position first, it stays there and the local entries follow it, so every workstation
    ends up with the server's line and nothing recorded here is lost. The registration
    (position 0) is never moved: no other workstation can write a complaint's first entry.
    """
    taken = set(taken)
    movable = sorted(
        (e for e in unsent if e.kind is not ComplaintEventKind.REGISTERED),
        key=lambda e: e.position,
    )
    if not taken or not movable:
        return []
    start = max(taken) + 1
    return [
        dataclasses.replace(e, position=start + i)
        for i, e in enumerate(movable)
        if e.position != start + i
    ]


def handling_board(c: Complaint) -> str | None:
    """The board whose turn it is: the last one it was escalated to, else the filing board."""
    return c.escalated_to_board_id or c.board_id


# --- deadlines -----------------------------------------------------------------------------


def results_day(cycle: ElectionCycle, track: Track) -> date:
    """When results count as announced: the first day of the complaints stage for the track
    (assumption: the day after voting when the calendar has no complaints window)."""
    try:
        return cycle.window(Stage.COMPLAINTS, track).start
    except DomainError:
        return cycle.election_day + timedelta(days=1)


def filing_deadline(
    cycle: ElectionCycle, track: Track, results_announced: date | None = None
) -> date:
    """The last day a complaint may be filed (the cycle's ``COMPLAINT_FILING`` rule)."""
    anchor = results_announced or results_day(cycle, track)
    return cycle.deadline(COMPLAINT_FILING).due(anchor)


def decision_deadline(cycle: ElectionCycle, filed_on: date) -> date | None:
    """The day the board must have decided by, when the cycle has the rule."""
    try:
        return cycle.deadline(COMPLAINT_DECISION).due(filed_on)
    except DomainError:
        return None


__all__ = [
    "ComplaintEvent",
    "ComplaintEventKind",
    "apply_event",
    "decision_deadline",
    "filing_deadline",
    "handling_board",
    "rebase_unsent",
    "registration_of",
    "replay",
    "results_day",
]
