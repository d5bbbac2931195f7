"""A complaint's append-only history (``complaint_events``) and the state it implies.

Events are only ever inserted: the same id again with the same content is a no-op,
with other content a ``StoreError``, and a position already taken by another event is
refused, so the history of a complaint is one gap-free line. The one exception is the
pull's merge (``store/complaint_history.py``): an entry the server has not stored moves
after the entries the server put first. ``refresh_state`` rewrites
a complaint's status, assignee, handling board and linked items from its registration
and its whole history (``domain.complaints``), which is what the mirror calls after a
pulled page brought events in whatever order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...domain.complaints import ComplaintEvent, ComplaintEventKind, registration_of, replay
from ...domain.election_day import Complaint
from ..errors import StoreError
from ..tables import ComplaintEventRow
from .base import IN_CHUNK, Repository, chunked, table_of
from .election_day import COMPLAINTS, _complaint, complaint_values

EVENTS = table_of(ComplaintEventRow)


def event_values(e: ComplaintEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "complaint_id": e.complaint_id,
        "position": e.position,
        "at": e.at,
        "kind": e.kind.value,
        "actor": e.actor,
        "text": e.text,
        "target": e.target,
    }


def _event(row: Row[Any]) -> ComplaintEvent:
    return ComplaintEvent(
        id=row.id,
        complaint_id=row.complaint_id,
        position=row.position,
        at=row.at,
        kind=ComplaintEventKind(row.kind),
        actor=row.actor,
        text=row.text,
        target=row.target,
    )


class ComplaintEventRepository(Repository):
    def add(self, event: ComplaintEvent) -> bool:
        """Append one event; False if the identical event is already recorded."""
        existing = self.get(event.id)
        if existing is not None:
            if existing != event:
                raise StoreError(f"complaint event {event.id} exists with different content")
            return False
        taken = self._session.execute(
            select(EVENTS.c.id).where(
                EVENTS.c.complaint_id == event.complaint_id, EVENTS.c.position == event.position
            )
        ).scalar()
        if taken is not None:
            raise StoreError(
                f"position {event.position} of complaint {event.complaint_id} is taken"
            )
        self._session.execute(EVENTS.insert().values(**event_values(event)))
        return True

    def add_pulled(self, events: Sequence[ComplaintEvent]) -> int:
        """Insert events the registry sent; ones already here are left as they are (the
        pull goes through ``store/complaint_history.merge_pulled_events``, which first moves
        unsent local entries out of the server's positions)."""
        if not events:
            return 0
        stmt = sqlite_insert(EVENTS).on_conflict_do_nothing()
        self._session.execute(stmt, [event_values(e) for e in events])
        return len(events)

    def remove(self, event_ids: Sequence[str]) -> None:
        """Delete entries, for the pull's merge only (``store/complaint_history.py``): an
        entry the server never stored, before it is written again at its new position, or
        one whose stored form the server's replaces."""
        for part in chunked(sorted(set(event_ids)), IN_CHUNK):
            self._session.execute(delete(EVENTS).where(EVENTS.c.id.in_(part)))

    def get(self, event_id: str) -> ComplaintEvent | None:
        row = self._session.execute(select(EVENTS).where(EVENTS.c.id == event_id)).first()
        return _event(row) if row else None

    def history(self, complaint_id: str) -> list[ComplaintEvent]:
        """The complaint's events in order."""
        stmt = (
            select(EVENTS).where(EVENTS.c.complaint_id == complaint_id).order_by(EVENTS.c.position)
        )
        return [_event(r) for r in self._session.execute(stmt)]

    def histories(
        self, complaint_ids: Iterable[str] | None = None
    ) -> dict[str, list[ComplaintEvent]]:
        """Events per complaint (of ``complaint_ids``, or of every complaint), in order."""
        out: dict[str, list[ComplaintEvent]] = defaultdict(list)
        order = (EVENTS.c.complaint_id, EVENTS.c.position)
        if complaint_ids is None:
            for r in self._session.execute(select(EVENTS).order_by(*order)):
                out[r.complaint_id].append(_event(r))
            return out
        for part in chunked(sorted(set(complaint_ids)), IN_CHUNK):
            stmt = select(EVENTS).where(EVENTS.c.complaint_id.in_(part)).order_by(*order)
            for r in self._session.execute(stmt):
                out[r.complaint_id].append(_event(r))
        return out

    def next_position(self, complaint_id: str) -> int:
        top = self._session.execute(
            select(func.max(EVENTS.c.position)).where(EVENTS.c.complaint_id == complaint_id)
        ).scalar()
        return 0 if top is None else int(top) + 1

    def count(self) -> int:
        return int(self._session.execute(select(func.count()).select_from(EVENTS)).scalar_one())

    # --- complaints as filed, and their current state ---------------------------------

    def add_registrations(self, complaints: Sequence[Complaint]) -> int:
        """Insert pulled registrations; a complaint already here keeps its current state."""
        if not complaints:
            return 0
        stmt = sqlite_insert(COMPLAINTS).on_conflict_do_nothing(index_elements=["id"])
        self._session.execute(stmt, [complaint_values(c) for c in complaints])
        return len(complaints)

    def refresh_state(self, complaint_ids: Iterable[str]) -> int:
        """Recompute the state of these complaints from registration + full history."""
        ids = sorted(set(complaint_ids))
        histories = self.histories(ids)
        changed = 0
        for part in chunked(ids, IN_CHUNK):
            rows = self._session.execute(select(COMPLAINTS).where(COMPLAINTS.c.id.in_(part)))
            for row in rows.all():
                events = histories.get(row.id)
                if not events:
                    continue
                current = _complaint(row)
                state = replay(registration_of(current, events), events)
                if state != current:
                    values = complaint_values(state)
                    self._session.execute(
                        update(COMPLAINTS)
                        .where(COMPLAINTS.c.id == row.id)
                        .values(
                            status=values["status"],
                            assigned_to=values["assigned_to"],
                            branch_codes=values["branch_codes"],
                            report_ids=values["report_ids"],
                            escalated_to_board_id=values["escalated_to_board_id"],
                        )
                    )
                    changed += 1
        return changed

    def registrations(self) -> list[Complaint]:
        """Every complaint as it was filed (what the registry holds; for the digest)."""
        histories = self.histories()
        rows = self._session.execute(select(COMPLAINTS).order_by(COMPLAINTS.c.id))
        return [registration_of(_complaint(r), histories.get(r.id, ())) for r in rows]
