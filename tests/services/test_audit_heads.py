"""Which audit and ledger heads a workstation queues for the server, and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from registry_server.errors import MESSAGES_FA
from supervisor_app.domain import wire
from supervisor_app.domain.outbox import OutboxKind, OutboxStatus
from supervisor_app.services.audit_heads import (
    HEAD_ADVICE,
    device_id_in,
    enqueue_audit_head,
    is_bookkeeping,
    queue_signed_head,
)
from supervisor_app.services.session_auth import DEVICE_ID_KEY
from supervisor_app.services.sync import ADVICE
from supervisor_app.settings import Settings
from supervisor_app.signing.ledger import AuditPosition, SignedHead
from supervisor_app.store import Store

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
SERVER = "https://registry.example/api/v1"


def _signed_in(store: Store, role: str, username: str = "county-1") -> Settings:
    """Settings and the sign-in audit event a login leaves behind."""
    settings = Settings(server_url=SERVER, username=username, board_id="B-C0801")
    with store.unit_of_work() as uow:
        uow.audit.append(username, "registry.login", SERVER, {"role": role}, at=T0)
    return settings


def _event(store: Store, minutes: int) -> None:
    with store.unit_of_work() as uow:
        uow.audit.append(
            "clerk", "report.recorded", f"r-{minutes}", {}, at=T0 + timedelta(minutes=minutes)
        )


def _pending(store: Store) -> list:
    with store.unit_of_work(read_only=True) as uow:
        return uow.outbox.by_status(OutboxStatus.PENDING)


def test_board_workstation_queues_its_audit_head_once_per_advance(tmp_store):
    """The chain's head is queued with this device's id; not again until it grows."""
    settings = _signed_in(tmp_store, "county")
    _event(tmp_store, 1)
    item = enqueue_audit_head(tmp_store, settings, now=T0)
    assert item is not None and item.kind is OutboxKind.AUDIT_HEAD and is_bookkeeping(item)
    head = wire.decode_audit_head(item.payload)
    with tmp_store.unit_of_work(read_only=True) as uow:
        last = uow.audit.last()
        device = uow.sync_state.get(DEVICE_ID_KEY)
    assert (head.seq, head.hash, head.at, head.device_id) == (last.seq, last.hash, last.at, device)
    assert head.board_id == "B-C0801" and head.id == item.id
    assert enqueue_audit_head(tmp_store, settings, now=T0) is None
    _event(tmp_store, 2)
    later = enqueue_audit_head(tmp_store, settings, now=T0)
    assert later is not None and later.payload["seq"] == head.seq + 1
    assert {i.id for i in _pending(tmp_store)} == {item.id, later.id}


def test_accounts_that_may_not_push_heads_queue_none(tmp_store):
    """Observers and clerks (the server refuses their heads) and unknown roles queue none."""
    for role in ("observer", "clerk"):
        settings = _signed_in(tmp_store, role, username=f"{role}-1")
        assert enqueue_audit_head(tmp_store, settings, now=T0) is None
    stranger = Settings(server_url=SERVER, username="never-signed-in", board_id="B-C0801")
    assert enqueue_audit_head(tmp_store, stranger, now=T0) is None
    assert enqueue_audit_head(tmp_store, Settings(), now=T0) is None
    assert _pending(tmp_store) == []


def test_a_signed_head_covers_the_audit_chain_up_to_its_position(tmp_store):
    """A signed head queued behind its ruling covers the chain up to its audit position:
    no plain head until the chain moves past it."""
    settings = _signed_in(tmp_store, "district")
    _event(tmp_store, 1)
    with tmp_store.unit_of_work() as uow:
        last = uow.audit.last()
        device = device_id_in(uow)
        assert device_id_in(uow) == device  # created once
        head = SignedHead(
            "B-C0801",
            1,
            "a" * 64,
            T0,
            "m1",
            "PEM",
            b"sig",
            AuditPosition(device, last.seq, last.hash),
        )
        item = queue_signed_head(uow, head, after=T0)
    assert item.kind is OutboxKind.LEDGER_HEAD and item.created_at > T0
    assert item.payload == {"id": item.id, **head.as_dict()}
    assert enqueue_audit_head(tmp_store, settings, now=T0) is None
    _event(tmp_store, 2)
    assert enqueue_audit_head(tmp_store, settings, now=T0) is not None


def test_refused_heads_get_advice_for_the_servers_codes():
    """Every refusal code the advice names is one the server answers with (Persian text
    included), and the sync's attention list uses that advice."""
    for key, (english, persian) in HEAD_ADVICE.items():
        code = key.split(":")[-1]
        assert MESSAGES_FA.get(code), code
        assert english and "مسئول فناوری" in persian
        assert ADVICE[key] == (english, persian)
