"""Outbox items: what a workstation owes the server, kept until acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from .canonical import canonical_bytes, sha256_hex
from .errors import DomainError
from .statemachine import StateMachine


class OutboxKind(StrEnum):
    RULING = "ruling"
    DECISION = "decision"
    OBJECTION = "objection"
    OBSERVER_REPORT = "observer_report"
    COMPLAINT = "complaint"  # the registration as filed (immutable)
    COMPLAINT_EVENT = "complaint_event"  # one entry of its history
    AUDIT_HEAD = "audit_head"
    LEDGER_HEAD = "ledger_head"  # a board member's signed head of the ledger and audit chain
    # A new or corrected branch / observer of the board's own roster (domain/roster_push.py).
    BRANCH = "branch"
    OBSERVER = "observer"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # a batch is in flight; back to pending if it fails
    ACKNOWLEDGED = "acknowledged"
    CONFLICT = "conflict"  # same id, different content on the server: a person decides
    REJECTED = "rejected"  # the server refused it, with a reason


_X = OutboxStatus
OUTBOX_MACHINE: StateMachine[OutboxStatus] = StateMachine(
    "outbox",
    {
        _X.PENDING: {_X.SENDING},
        _X.SENDING: {_X.PENDING, _X.ACKNOWLEDGED, _X.CONFLICT, _X.REJECTED},
        _X.CONFLICT: {_X.PENDING},
        _X.REJECTED: {_X.PENDING},
    },
)


@dataclass(slots=True)
class OutboxItem:
    id: str  # the record's client-generated UUID: the server's idempotency key
    kind: OutboxKind
    payload: dict[str, Any]
    created_at: datetime
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    last_error: str = ""

    @property
    def content_hash(self) -> str:
        return sha256_hex(canonical_bytes(f"outbox-{self.kind.value}", self.payload))

    def move_to(self, target: OutboxStatus) -> None:
        self.status = OUTBOX_MACHINE.check(self.status, target)

    @property
    def deletable(self) -> bool:
        """Only acknowledged items may ever be pruned: unsent work is never deleted."""
        return self.status is OutboxStatus.ACKNOWLEDGED

    def ensure_deletable(self) -> None:
        if not self.deletable:
            raise DomainError(f"outbox item {self.id} is {self.status.value}; it cannot be deleted")
