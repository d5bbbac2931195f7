"""Recording and verifying the hash-chained audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from ..domain.audit import AuditEvent, ChainBreak, verify_chain
from ..store import Store, UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def verify_in(uow: UnitOfWork) -> ChainBreak | None:
    """The first broken link of the stored chain, or None (inside a given unit of work).

    A row the store cannot read back exactly as it was hashed counts as broken there;
    so does any gap, reordering or edit that the hash chain itself exposes.
    """
    defect: ChainBreak | None = None

    def events() -> Iterator[AuditEvent]:
        nonlocal defect
        for stored in uow.audit.stored():
            if stored.event is None:
                # Rows before this one formed an intact chain 1..position-1 (else
                # verify_chain would have stopped already), so position is its seq.
                defect = ChainBreak(stored.position, stored.defect)
                return
            yield stored.event

    return verify_chain(events()) or defect


class AuditService:
    def __init__(self, store: Store, now: Clock = utc_now) -> None:
        self._store = store
        self._now = now

    def record(
        self, actor: str, action: str, subject: str, details: dict[str, Any] | None = None
    ) -> AuditEvent:
        """Append one event (its own unit of work; other services append in theirs)."""
        with self._store.unit_of_work() as uow:
            return uow.audit.append(actor, action, subject, details, at=self._now())

    def verify(self) -> ChainBreak | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return verify_in(uow)

    def count(self) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.audit.count()

    def history(self, subject: str) -> list[AuditEvent]:
        """Every event about one record, oldest first."""
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.audit.for_subject(subject)
