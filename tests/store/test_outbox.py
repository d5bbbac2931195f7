"""The outbox repository: unsent work is never deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from supervisor_app.domain.errors import DomainError, IllegalTransition
from supervisor_app.domain.outbox import OutboxItem, OutboxKind, OutboxStatus
from supervisor_app.store import NotFound, Store

T0 = datetime(2026, 1, 11, 8, 0, tzinfo=UTC)


def _item(n: int, kind: OutboxKind = OutboxKind.DECISION) -> OutboxItem:
    return OutboxItem(
        f"item-{n}", kind, {"n": n, "متن": "تایید", "list": [1, 2]}, T0 + timedelta(seconds=n)
    )


def test_item_round_trips_with_its_content_hash(tmp_store: Store):
    """An outbox item comes back equal, so its idempotency hash is unchanged."""
    item = _item(1)
    with tmp_store.unit_of_work() as uow:
        uow.outbox.add(item)
    with tmp_store.unit_of_work(read_only=True) as uow:
        loaded = uow.outbox.get("item-1")
    assert loaded == item and loaded is not None
    assert loaded.content_hash == item.content_hash


def test_pending_lists_oldest_first_up_to_limit(tmp_store: Store):
    """pending() gives waiting items in recording order, at most ``limit``."""
    with tmp_store.unit_of_work() as uow:
        for n in (3, 1, 2, 4):
            uow.outbox.add(_item(n))
        uow.outbox.mark("item-4", OutboxStatus.SENDING)
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert [i.id for i in uow.outbox.pending(limit=2)] == ["item-1", "item-2"]
        assert [i.id for i in uow.outbox.pending()] == ["item-1", "item-2", "item-3"]


def test_mark_follows_the_state_machine_and_counts_attempts(tmp_store: Store):
    """Sending counts an attempt, failures keep their error; illegal moves raise."""
    with tmp_store.unit_of_work() as uow:
        uow.outbox.add(_item(1))
        uow.outbox.mark("item-1", OutboxStatus.SENDING)
        uow.outbox.mark("item-1", OutboxStatus.PENDING, error="timeout")
        uow.outbox.mark("item-1", OutboxStatus.SENDING)
        item = uow.outbox.mark("item-1", OutboxStatus.ACKNOWLEDGED)
        assert (item.attempts, item.status) == (2, OutboxStatus.ACKNOWLEDGED)
        assert uow.outbox.get("item-1") == item
        with pytest.raises(IllegalTransition):
            uow.outbox.mark("item-1", OutboxStatus.PENDING)
        with pytest.raises(NotFound):
            uow.outbox.mark("nope", OutboxStatus.SENDING)


@pytest.mark.parametrize(
    "path",
    [
        [],
        [OutboxStatus.SENDING],
        [OutboxStatus.SENDING, OutboxStatus.CONFLICT],
        [OutboxStatus.SENDING, OutboxStatus.REJECTED],
    ],
)
def test_deleting_an_unacknowledged_item_is_refused(tmp_store: Store, path: list[OutboxStatus]):
    """Pending, sending, conflicting or rejected items cannot be deleted; the row stays."""
    with tmp_store.unit_of_work() as uow:
        uow.outbox.add(_item(1))
        for status in path:
            uow.outbox.mark("item-1", status)
    with pytest.raises(DomainError, match="cannot be deleted"), tmp_store.unit_of_work() as uow:
        uow.outbox.delete("item-1")
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.get("item-1") is not None
        assert uow.outbox.count_unsent() == 1


def test_acknowledged_items_can_be_deleted_and_pruned(tmp_store: Store):
    """Only acknowledged items go: one by one or all at once."""
    with tmp_store.unit_of_work() as uow:
        for n in range(1, 5):
            uow.outbox.add(_item(n))
        for n in (1, 2, 3):
            uow.outbox.mark(f"item-{n}", OutboxStatus.SENDING)
            uow.outbox.mark(f"item-{n}", OutboxStatus.ACKNOWLEDGED)
        uow.outbox.delete("item-1")
        assert uow.outbox.count(OutboxStatus.ACKNOWLEDGED) == 2
        assert uow.outbox.prune_acknowledged() == 2
        assert [i.id for i in uow.outbox.pending()] == ["item-4"]
        assert uow.outbox.count() == 1 and uow.outbox.count_unsent() == 1
        with pytest.raises(NotFound):
            uow.outbox.delete("item-1")


def test_add_many_stores_each_item_and_the_tail_is_the_latest(tmp_store: Store):
    """add_many equals add per item; last_created_at is the queue's tail (None when empty)."""
    with tmp_store.unit_of_work() as uow:
        assert uow.outbox.last_created_at() is None
        uow.outbox.add(_item(5))
        uow.outbox.add_many([_item(2, OutboxKind.BRANCH), _item(9, OutboxKind.OBSERVER)])
        uow.outbox.add_many([])
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.get("item-9") == _item(9, OutboxKind.OBSERVER)
        assert [i.id for i in uow.outbox.pending()] == ["item-2", "item-5", "item-9"]
        assert uow.outbox.last_created_at() == T0 + timedelta(seconds=9)
