"""Pulled complaint history entries against the ones this workstation has not sent: the
server's positions win, ours move after them and go again, nothing is lost."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.complaints import ComplaintEvent, ComplaintEventKind
from supervisor_app.domain.digest import record_hash
from supervisor_app.domain.election_day import ComplainantKind, ComplaintStatus
from supervisor_app.domain.errors import DomainError
from supervisor_app.domain.outbox import OutboxStatus
from supervisor_app.services.complaints import ComplaintService
from supervisor_app.store import Store
from supervisor_app.store.mirror import RegistryMirror

T0 = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)
KEY = "sync.cursor.records"


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    seq: int
    revision: int
    content_sha256: str
    data: dict[str, Any]
    record: Any


def pulled(events: list[ComplaintEvent], first_seq: int) -> list[Item]:
    out = []
    for n, e in enumerate(events):
        data = wire.encode_complaint_event(e)
        out.append(
            Item(
                "complaint_event",
                e.id,
                first_seq + n,
                0,
                record_hash("complaint_event", data),
                data,
                e,
            )
        )
    return out


def elsewhere(complaint_id: str, position: int, text: str) -> ComplaintEvent:
    """An entry another workstation of the board recorded and the server stored first."""
    return ComplaintEvent(
        str(uuid.uuid4()),
        complaint_id,
        position,
        T0 + timedelta(minutes=5 + position),
        ComplaintEventKind.NOTE,
        "دبیر دوم",
        text,
    )


def mark(store: Store, item_id: str, *statuses: OutboxStatus, error: str = "") -> None:
    with store.unit_of_work() as uow:
        for status in statuses:
            uow.outbox.mark(item_id, status, error)


def sent(store: Store, item_id: str) -> None:
    mark(store, item_id, OutboxStatus.SENDING, OutboxStatus.ACKNOWLEDGED)


@pytest.fixture
def service(seeded_store: Store) -> ComplaintService:
    clock = iter(T0 + timedelta(seconds=n) for n in range(1000))
    return ComplaintService(
        seeded_store, board_id="B2301", now=lambda: next(clock), actor="دبیر اول"
    )


def filed(service: ComplaintService, store: Store) -> str:
    """A complaint registered and assigned here; the server has both entries."""
    c = service.register(
        complainant_name="مریم رضایی",
        complainant_national_id="0012345679",
        complainant_kind=ComplainantKind.CANDIDATE,
        subject="شکستن پلمب صندوق",
        constituency_code="K1",
    )
    service.assign(c.id, "M1")
    sent(store, c.id)
    for e in service.history(c.id):
        sent(store, e.id)
    return c.id


def test_a_refused_entry_moves_after_the_servers_and_is_queued_again(seeded_store, service):
    """Ours at 2 was refused (history_conflict); the pull brings the server's 2 and 3: ours
    becomes 4 with the same id and text, its outbox item pending with position 4, the
    move audited; history and state are the server's line plus ours."""
    complaint_id = filed(service, seeded_store)
    service.add_note(complaint_id, "صورتجلسه شعبه بررسی شد.")
    ours = service.history(complaint_id)[2]
    mark(
        seeded_store,
        ours.id,
        OutboxStatus.SENDING,
        OutboxStatus.REJECTED,
        error='{"code": "history_conflict"}',
    )
    theirs = [
        elsewhere(complaint_id, 2, "از ناظر توضیح خواسته شد."),
        elsewhere(complaint_id, 3, "گزارش ناظر پیوست شد."),
    ]

    applied = RegistryMirror(seeded_store).apply_page(
        pulled(theirs, 50), cursor_key=KEY, after=0, next_cursor=51
    )

    assert applied.written == 2
    history = service.history(complaint_id)
    assert [(e.id, e.position) for e in history[2:]] == [
        (theirs[0].id, 2),
        (theirs[1].id, 3),
        (ours.id, 4),
    ]
    assert history[4].text == ours.text and history[4].at == ours.at
    with seeded_store.unit_of_work(read_only=True) as uow:
        item = uow.outbox.get(ours.id)
        moves = [
            e for e in uow.audit.for_subject(complaint_id) if e.action == "complaint.entry_moved"
        ]
        state = uow.complaints.get(complaint_id)
    assert item.status is OutboxStatus.PENDING and item.last_error == ""
    assert item.payload == wire.encode_complaint_event(history[4])
    assert [m.details for m in moves] == [{"event_id": ours.id, "from": 2, "to": 4}]
    assert state.status is ComplaintStatus.INVESTIGATING


def test_entries_not_yet_sent_move_in_order_and_our_own_come_back_unmoved(seeded_store, service):
    """Two unsent notes at 2 and 3, the server's entry at 2: ours become 3 and 4 in order.
    When the pull later brings them back (the server stored them), nothing moves again."""
    complaint_id = filed(service, seeded_store)
    service.add_note(complaint_id, "یادداشت نخست")
    service.add_note(complaint_id, "یادداشت دوم")
    first, second = service.history(complaint_id)[2:]
    mirror = RegistryMirror(seeded_store)
    theirs = elsewhere(complaint_id, 2, "یادداشت هیات در رایانهٔ دیگر")
    mirror.apply_page(pulled([theirs], 10), cursor_key=KEY, after=0, next_cursor=10)
    history = service.history(complaint_id)
    assert [(e.id, e.position) for e in history[2:]] == [
        (theirs.id, 2),
        (first.id, 3),
        (second.id, 4),
    ]

    for e in history[3:]:
        sent(seeded_store, e.id)
    mirror.apply_page(pulled(history[3:], 11), cursor_key=KEY, after=10, next_cursor=12)
    assert service.history(complaint_id) == history
    with seeded_store.unit_of_work(read_only=True) as uow:
        moves = [
            e for e in uow.audit.for_subject(complaint_id) if e.action == "complaint.entry_moved"
        ]
    assert len(moves) == 2


def test_an_acknowledged_item_is_never_requeued(seeded_store, service):
    """The server holds an acknowledged item: another payload under its id is refused."""
    complaint_id = filed(service, seeded_store)
    entry = service.history(complaint_id)[1]
    with seeded_store.unit_of_work() as uow, pytest.raises(DomainError, match="acknowledged"):
        uow.outbox.requeue(entry.id, {"position": 9})
