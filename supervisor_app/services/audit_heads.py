"""The board's two hash chains, reported to the registry: signed ledger heads, audit heads.

Sealing a ruling signs the board's ledger head (``signing.ledger``, version 2): the head
commits to the ledger's last entry and to this device's audit chain at the seal's own
``ruling.sealed`` event (whose details name the device). The seal's unit of work queues
it (kind ``ledger_head``) just after the ruling, and the server checks it on push: the
sealing member's signature, certificate, revocation and board; the entry it names in the
board's ledger (no gap, no fork); this device's audit chain neither forks nor goes back.

Between seals the audit chain keeps growing (sign-ins, reports, decisions). At the start
of each push, :func:`enqueue_audit_head` queues the plain head of the chain (kind
``audit_head``, unsigned) when the chain moved past every head already queued, so the
server notices a device whose audit log was rewritten or restored from an old copy.

A separate kind rather than a signed ``audit_head``: a ledger head is a board member's
statement about the board's ledger (checked against the board's ruling chain and the
member's certificate), an audit head a device's unsigned checkpoint; one kind for both
would make the strict ``audit_head`` wire codec and its server checks two-headed.

Both are bookkeeping, not the board's records (:data:`HEAD_KINDS`): the sync does not
count them among the records it sent and drops them from the outbox once acknowledged
(the ledger heads stay in the signing tables, the audit events in the audit log).
Neither is in any feed, so the per-kind digests of both ends are unchanged.
"""

from __future__ import annotations

import base64
import logging
import uuid
from datetime import datetime, timedelta

from ..domain import wire
from ..domain.outbox import OutboxItem, OutboxKind
from ..settings import Settings
from ..signing.ledger import AuditPosition, SignedHead
from ..store import Store, UnitOfWork
from ..store.repositories.signing import StoredHead
from .session_auth import DEVICE_ID_KEY

log = logging.getLogger(__name__)

# The highest audit seq already queued for the server (by a signed or a plain head).
REPORTED_KEY = "sync.audit_reported_seq"
HEAD_KINDS = frozenset({OutboxKind.AUDIT_HEAD, OutboxKind.LEDGER_HEAD})
SEALED_ACTION = "ruling.sealed"
LOGIN_ACTION = "registry.login"
# Roles whose accounts may push heads (registry_server/scope.py, the boards' kinds).
BOARD_ROLES = frozenset({"central", "provincial", "county", "district"})


_CHAIN_BROKEN = (
    "The server found that this workstation's audit log or board ledger does not continue "
    "what it reported before (an old copy restored, or an altered log). Do not seal or "
    "record anything more on it; call the IT officer.",
    "سرور دریافت که دفتر رویدادها یا دفتر آرای این رایانه دنبالهٔ آنچه پیش‌تر گزارش کرده "
    "نیست (بازگردانی نسخهٔ قدیمی یا دستکاری). روی این رایانه رأی یا رکورد تازه‌ای ثبت نکنید "
    "و با مسئول فناوری تماس بگیرید.",
)
# What the user does next when the server refuses a head (sync's attention list).
HEAD_ADVICE: dict[str, tuple[str, str]] = {
    "audit_fork": _CHAIN_BROKEN,
    "audit_rollback": _CHAIN_BROKEN,
    "ledger_rollback": _CHAIN_BROKEN,
    "ledger_head:ledger_fork": _CHAIN_BROKEN,
    "head_invalid": (
        "The server did not accept the signed head of the board's ledger (signature, "
        "certificate, or the signer's membership of the board). Check the member's "
        "certificate and call the IT officer.",
        "سرور سرِ امضاشدهٔ دفتر هیات را نپذیرفت (امضا، گواهی یا عضویت امضاکننده در هیات). "
        "گواهی عضو را بررسی کنید و با مسئول فناوری تماس بگیرید.",
    ),
}


def device_id_in(uow: UnitOfWork) -> str:
    """This installation's device id (as ``SessionAuth.device_id``), created if missing."""
    value = uow.sync_state.get(DEVICE_ID_KEY)
    if not value:
        value = f"ws-{uuid.uuid4()}"
        uow.sync_state.set(DEVICE_ID_KEY, value)
    return value


def _reported(uow: UnitOfWork) -> int:
    raw = uow.sync_state.get(REPORTED_KEY)
    return int(raw) if raw and raw.isdigit() else 0


def _note_reported(uow: UnitOfWork, seq: int) -> None:
    if seq > _reported(uow):
        uow.sync_state.set(REPORTED_KEY, str(seq))


def queue_signed_head(uow: UnitOfWork, head: SignedHead, *, after: datetime) -> OutboxItem:
    """Queue a signed version-2 head, in the seal's unit of work, behind the ruling
    queued at ``after`` (the server checks the head against the ledger entry it adds)."""
    if head.audit is None:
        raise ValueError("only version-2 heads (with the audit position) are pushed")
    item_id = str(uuid.uuid4())
    item = OutboxItem(
        id=item_id,
        kind=OutboxKind.LEDGER_HEAD,
        payload={"id": item_id, **head.as_dict()},
        created_at=after + timedelta(microseconds=1),
    )
    uow.outbox.add(item)
    _note_reported(uow, head.audit.seq)
    return item


def sealed_position(uow: UnitOfWork, ruling_id: str, ledger_seq: int) -> AuditPosition | None:
    """The audit position a version-2 head of ``ledger_seq`` commits to: the ruling's
    ``ruling.sealed`` event naming a device; None for a head sealed before version 2."""
    for event in reversed(uow.audit.for_subject(ruling_id)):
        details = event.details
        if (
            event.action == SEALED_ACTION
            and details.get("ledger_seq") == ledger_seq
            and isinstance(details.get("device_id"), str)
        ):
            return AuditPosition(details["device_id"], event.seq, event.hash)
    return None


def signed_head_of(uow: UnitOfWork, stored: StoredHead, ruling_id: str) -> SignedHead:
    """The signed head a stored row stands for (version 2 when the seal event says so)."""
    return SignedHead(
        stored.board_id,
        stored.seq,
        stored.hash,
        stored.signed_at,
        stored.member_id,
        stored.certificate,
        base64.b64decode(stored.signature),
        sealed_position(uow, ruling_id, stored.seq),
    )


def _signed_in_role(uow: UnitOfWork, settings: Settings) -> str | None:
    """The role the current account signed in with (recorded by every sign-in)."""
    for event in reversed(uow.audit.for_subject(settings.server_url)):
        if event.action == LOGIN_ACTION and event.actor == settings.username:
            role = event.details.get("role")
            return role if isinstance(role, str) else None
    return None


def enqueue_audit_head(store: Store, settings: Settings, *, now: datetime) -> OutboxItem | None:
    """Queue this device's audit head if the chain moved past every head queued so far.

    Only for board accounts (others may not push heads); None when nothing is due.
    """
    if not settings.board_id or not settings.server_url:
        return None
    with store.unit_of_work() as uow:
        try:
            last = uow.audit.last()
        except ValueError as exc:  # a damaged last row: the audit check reports it
            log.warning("audit head not reported: the last audit event is unreadable (%s)", exc)
            return None
        if last is None or last.seq <= _reported(uow):
            return None
        if _signed_in_role(uow, settings) not in BOARD_ROLES:
            return None
        item_id = str(uuid.uuid4())
        head = wire.AuditHead(
            item_id, settings.board_id, device_id_in(uow), last.seq, last.hash, last.at
        )
        item = OutboxItem(item_id, OutboxKind.AUDIT_HEAD, wire.encode_audit_head(head), now)
        uow.outbox.add(item)
        _note_reported(uow, last.seq)
    return item


def is_bookkeeping(item: OutboxItem) -> bool:
    """A head, not one of the board's records (see the module docstring)."""
    return item.kind in HEAD_KINDS
