"""Pulled complaint history entries merged with the ones this workstation has not sent.

Two workstations of one board may both add an entry to a complaint while offline, at the
same position. The server keeps the first it receives and refuses the other
(``history_conflict``). The server's history is authoritative, so when pulled entries
take positions held here by entries the server has not stored (their outbox item is not
acknowledged), those local entries move, in their order, right after the server's last
position, and go again with their new position (``domain.complaints.rebase_unsent``).

A moved entry keeps its id. The server records an id only when it stores the record (a
refusal leaves nothing behind, see ``registry_server/service.py``), so it takes the
entry at its new position as new; had it stored the entry, the entry would come back in
the pull under that id and be the server's, not moved. Giving the entry a new id instead
would need a "superseded" outbox state and a second row for one piece of work; keeping
it means the outbox, the audit trail and the history all still name the same entry.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from ..domain import wire
from ..domain.complaints import ComplaintEvent, rebase_unsent
from ..domain.outbox import OutboxStatus
from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
ACTOR = "sync"
_UNSENT = frozenset({OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.REJECTED})


def merge_pulled_events(
    uow: UnitOfWork, events: Sequence[ComplaintEvent], *, at: datetime | None = None
) -> list[tuple[ComplaintEvent, int]]:
    """Store pulled entries (the server's positions win) and move the unsent local entries
    they displace; returns each moved entry with its former position."""
    if not events:
        return []
    by_complaint: dict[str, list[ComplaintEvent]] = defaultdict(list)
    for e in events:
        by_complaint[e.complaint_id].append(e)
    local = uow.complaint_events.histories(list(by_complaint))
    statuses = uow.outbox.statuses(e.id for h in local.values() for e in h)
    # Not stored by the server. (A CONFLICT is: that id is there with other content.)
    unsent = {i for i, s in statuses.items() if s in _UNSENT}
    moved: list[tuple[ComplaintEvent, int]] = []
    rows: list[ComplaintEvent] = []
    for complaint_id, pulled in by_complaint.items():
        pulled_ids = {e.id: e for e in pulled}
        history = local.get(complaint_id, [])
        # An entry of ours that the pull brings is stored on the server: its form wins.
        mine = [e for e in history if e.id in unsent and e.id not in pulled_ids]
        confirmed = [e for e in history if e.id not in unsent and e.id not in pulled_ids]
        taken = {e.position for e in pulled} | {e.position for e in confirmed}
        held = {e.position: e.id for e in confirmed}
        for e in pulled:
            if held.get(e.position, e.id) != e.id:
                log.warning(
                    "entry %s of complaint %s: position %d holds %s here; kept as it is",
                    e.id,
                    complaint_id,
                    e.position,
                    held[e.position],
                )
        stale = [e.id for e in history if e.id in pulled_ids and e != pulled_ids[e.id]]
        rebased = rebase_unsent(taken, mine)
        before = {e.id: e.position for e in history}
        uow.complaint_events.remove([*stale, *(e.id for e in rebased)])
        moved += [(e, before[e.id]) for e in rebased]
        rows += [*pulled, *rebased]
    uow.complaint_events.add_pulled(rows)
    now = at or datetime.now(UTC)
    for event, former in moved:
        uow.outbox.requeue(event.id, wire.encode_complaint_event(event))
        uow.audit.append(
            ACTOR,
            "complaint.entry_moved",
            event.complaint_id,
            {"event_id": event.id, "from": former, "to": event.position},
            at=now,
        )
        log.info(
            "entry %s of complaint %s moved from %d to %d after the server's history",
            event.id,
            event.complaint_id,
            former,
            event.position,
        )
    return moved


__all__ = ["merge_pulled_events"]
