"""What this workstation still owes the server."""

from __future__ import annotations

from ..domain.outbox import OutboxItem, OutboxStatus
from ..store import Store


class OutboxService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def pending_count(self) -> int:
        """Items not yet acknowledged by the server (pending, sending, conflict, rejected)."""
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.outbox.count_unsent()

    def counts(self) -> dict[str, int]:
        with self._store.unit_of_work(read_only=True) as uow:
            return {status.value: uow.outbox.count(status) for status in OutboxStatus}

    def needing_attention(self, limit: int = 100) -> list[OutboxItem]:
        """Conflicts and rejections: a person has to decide what happens to these."""
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.outbox.by_status(OutboxStatus.CONFLICT, limit) + uow.outbox.by_status(
                OutboxStatus.REJECTED, limit
            )
