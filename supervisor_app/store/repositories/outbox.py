"""The outbox: what this workstation owes the server, kept until acknowledged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, delete, insert, or_, select, update

from ...domain.errors import DomainError
from ...domain.outbox import OutboxItem, OutboxKind, OutboxStatus
from ..errors import NotFound
from ..tables import OutboxItemRow
from .base import IN_CHUNK, Repository, chunked, count_rows, table_of

ITEMS = table_of(OutboxItemRow)


def _item(row: Row[Any]) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        kind=OutboxKind(row.kind),
        payload=row.payload,
        created_at=row.created_at,
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
    )


class OutboxRepository(Repository):
    def add(self, item: OutboxItem) -> None:
        self._session.execute(
            insert(ITEMS).values(
                id=item.id,
                kind=item.kind.value,
                payload=item.payload,
                created_at=item.created_at,
                status=item.status.value,
                attempts=item.attempts,
                last_error=item.last_error,
            )
        )

    def add_many(self, items: Iterable[OutboxItem]) -> None:
        """``add`` for many items in one executemany (an imported roster: thousands)."""
        rows = [
            {
                "id": item.id,
                "kind": item.kind.value,
                "payload": item.payload,
                "created_at": item.created_at,
                "status": item.status.value,
                "attempts": item.attempts,
                "last_error": item.last_error,
            }
            for item in items
        ]
        if rows:
            self._session.execute(insert(ITEMS), rows)

    def get(self, item_id: str) -> OutboxItem | None:
        row = self._session.execute(select(ITEMS).where(ITEMS.c.id == item_id)).first()
        return _item(row) if row else None

    def pending(self, limit: int = 100) -> list[OutboxItem]:
        """Items waiting to be sent, oldest first (the order they were recorded)."""
        stmt = (
            select(ITEMS)
            .where(ITEMS.c.status == OutboxStatus.PENDING.value)
            .order_by(ITEMS.c.created_at, ITEMS.c.id)
            .limit(limit)
        )
        return [_item(r) for r in self._session.execute(stmt)]

    def pending_after(
        self, after: tuple[datetime, str] | None = None, limit: int = 100
    ) -> list[OutboxItem]:
        """Pending items after ``(created_at, id)`` in recording order (keyset paging).

        A sync walks the queue once with it, so an item put back to pending during the
        walk (a retryable refusal) waits for the next walk instead of looping.
        """
        stmt = select(ITEMS).where(ITEMS.c.status == OutboxStatus.PENDING.value)
        if after is not None:
            created_at, item_id = after
            stmt = stmt.where(
                or_(
                    ITEMS.c.created_at > created_at,
                    and_(ITEMS.c.created_at == created_at, ITEMS.c.id > item_id),
                )
            )
        stmt = stmt.order_by(ITEMS.c.created_at, ITEMS.c.id).limit(limit)
        return [_item(r) for r in self._session.execute(stmt)]

    def last_created_at(self) -> datetime | None:
        """The latest ``created_at`` in the outbox (the queue's tail), None when empty."""
        stmt = select(ITEMS.c.created_at).order_by(ITEMS.c.created_at.desc()).limit(1)
        return self._session.execute(stmt).scalar_one_or_none()

    def reset_sending(self) -> int:
        """Put items left SENDING by an interrupted batch back to PENDING (they are resent;
        the server's idempotency makes a second delivery harmless). Returns how many."""
        result = self._session.execute(
            update(ITEMS)
            .where(ITEMS.c.status == OutboxStatus.SENDING.value)
            .values(status=OutboxStatus.PENDING.value)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def by_status(self, status: OutboxStatus, limit: int = 100) -> list[OutboxItem]:
        stmt = (
            select(ITEMS)
            .where(ITEMS.c.status == status.value)
            .order_by(ITEMS.c.created_at, ITEMS.c.id)
            .limit(limit)
        )
        return [_item(r) for r in self._session.execute(stmt)]

    def save(self, item: OutboxItem) -> None:
        """Store an item's delivery state (its payload never changes)."""
        result = self._session.execute(
            update(ITEMS)
            .where(ITEMS.c.id == item.id)
            .values(status=item.status.value, attempts=item.attempts, last_error=item.last_error)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound(f"outbox item {item.id} does not exist")

    def requeue(self, item_id: str, payload: dict[str, Any]) -> OutboxItem:
        """Queue an item again with a new payload, under the same id.

        Only for an item the server has not stored (a refusal stores nothing, so the
        server takes the id as new): a complaint history entry moved after the entries
        recorded elsewhere (``store/complaint_history.py``). An acknowledged item raises
        DomainError: the server holds it, and another payload there would be a conflict.
        """
        item = self.get(item_id)
        if item is None:
            raise NotFound(f"outbox item {item_id} does not exist")
        if item.status is OutboxStatus.ACKNOWLEDGED:
            raise DomainError(f"outbox item {item_id} is acknowledged; its payload is final")
        item.payload, item.status, item.last_error = payload, OutboxStatus.PENDING, ""
        self._session.execute(
            update(ITEMS)
            .where(ITEMS.c.id == item_id)
            .values(payload=payload, status=item.status.value, last_error="")
        )
        return item

    def mark(self, item_id: str, status: OutboxStatus, error: str = "") -> OutboxItem:
        """Move an item along the outbox state machine; entering SENDING counts an attempt."""
        item = self.get(item_id)
        if item is None:
            raise NotFound(f"outbox item {item_id} does not exist")
        item.move_to(status)
        if status is OutboxStatus.SENDING:
            item.attempts += 1
        item.last_error = error
        self.save(item)
        return item

    def delete(self, item_id: str) -> None:
        """Remove an acknowledged item; anything unsent raises DomainError."""
        item = self.get(item_id)
        if item is None:
            raise NotFound(f"outbox item {item_id} does not exist")
        item.ensure_deletable()
        self._session.execute(delete(ITEMS).where(ITEMS.c.id == item_id))

    def prune_acknowledged(self) -> int:
        result = self._session.execute(
            delete(ITEMS).where(ITEMS.c.status == OutboxStatus.ACKNOWLEDGED.value)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def count(self, status: OutboxStatus | None = None) -> int:
        if status is None:
            return count_rows(self._session, ITEMS)
        return count_rows(self._session, ITEMS, ITEMS.c.status == status.value)

    def count_unsent(self) -> int:
        """Items the server has not acknowledged yet (pending, sending, conflict, rejected)."""
        return count_rows(self._session, ITEMS, ITEMS.c.status != OutboxStatus.ACKNOWLEDGED.value)

    def statuses(self, item_ids: Iterable[str]) -> dict[str, OutboxStatus]:
        """The status of each of ``item_ids`` that is in the outbox (one query per chunk)."""
        found: dict[str, OutboxStatus] = {}
        for chunk in chunked(sorted(set(item_ids)), IN_CHUNK):
            stmt = select(ITEMS.c.id, ITEMS.c.status).where(ITEMS.c.id.in_(chunk))
            found.update((row.id, OutboxStatus(row.status)) for row in self._session.execute(stmt))
        return found
