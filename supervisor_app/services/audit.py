"""Recording and verifying the hash-chained audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from ..domain.audit import GENESIS_HASH, AuditEvent, ChainBreak, verify_chain
from ..store import Store, UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


CHECKPOINT_KEY = "audit.verified_through"  # "seq:hash" of the last fully verified event


def verify_in(uow: UnitOfWork, *, from_checkpoint: bool = False) -> ChainBreak | None:
    """The first broken link of the stored chain, or None (inside a given unit of work).

    A row the store cannot read back exactly as it was hashed counts as broken there;
    so does any gap, reordering or edit that the hash chain itself exposes. With
    ``from_checkpoint`` only events after the last full verification are re-hashed
    (the checkpoint event's own hash is still compared), which keeps the home page
    fast on a long log; ``AuditService.verify`` always checks everything.
    """
    after_seq, after_hash = 0, GENESIS_HASH
    if from_checkpoint:
        after_seq, after_hash = _checkpoint(uow)
        if after_seq and uow.audit.hash_at(after_seq) != after_hash:
            return ChainBreak(after_seq, "differs from the last verified state")
    defect: ChainBreak | None = None

    def events() -> Iterator[AuditEvent]:
        nonlocal defect
        for stored in uow.audit.stored(after_seq):
            if stored.event is None:
                # Rows before this one formed an intact chain 1..position-1 (else
                # verify_chain would have stopped already), so position is its seq.
                defect = ChainBreak(stored.position, stored.defect)
                return
            yield stored.event

    return verify_chain(events(), after_seq=after_seq, after_hash=after_hash) or defect


def _checkpoint(uow: UnitOfWork) -> tuple[int, str]:
    raw = uow.sync_state.get(CHECKPOINT_KEY) or ""
    seq, _, digest = raw.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        return 0, GENESIS_HASH
    return int(seq), digest


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
        """Check the whole chain; when intact, remember how far it was verified."""
        with self._store.unit_of_work() as uow:
            broken = verify_in(uow)
            if broken is None:
                last = uow.audit.last()  # decodable: every row just verified
                if last is not None:
                    uow.sync_state.set(CHECKPOINT_KEY, f"{last.seq}:{last.hash}")
            return broken

    def count(self) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.audit.count()

    def history(self, subject: str) -> list[AuditEvent]:
        """Every event about one record, oldest first."""
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.audit.for_subject(subject)
