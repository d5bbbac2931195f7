"""Append-only audit events chained by hash: each event commits to the one before it.

Editing, dropping or reordering any stored event breaks the chain from that point on,
and ``verify_chain`` names the first broken link.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .canonical import canonical_bytes, sha256_hex

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int  # 1, 2, 3, ... with no gaps
    at: datetime  # UTC
    actor: str
    action: str  # e.g. "dossier.decided", "ruling.sealed"
    subject: str  # id of what the event is about
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def payload(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "details": self.details,
            "prev": self.prev_hash,
        }


def event_hash(
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    payload = {
        "seq": seq,
        "at": at.isoformat(),
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
        "prev": prev_hash,
    }
    return sha256_hex(canonical_bytes("audit-event", payload))


def next_event(
    previous: AuditEvent | None,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Build the event that follows ``previous`` (or the first one).

    Times are normalised to UTC so the same instant always hashes the same way.
    """
    if at.tzinfo is None:
        raise ValueError("audit event times must be timezone-aware")
    at = at.astimezone(UTC)
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS_HASH
    details = copy.deepcopy(details or {})  # later edits by the caller never leak in
    return AuditEvent(
        seq, at, actor, action, subject, details, prev_hash,
        event_hash(seq, at, actor, action, subject, details, prev_hash),
    )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit chain broken at event {self.seq}: {self.reason}"


def verify_chain(
    events: Iterable[AuditEvent], *, after_seq: int = 0, after_hash: str = GENESIS_HASH
) -> ChainBreak | None:
    """Return the first broken link, or None when the whole chain holds.

    ``after_seq``/``after_hash`` continue from a point already verified (a checkpoint),
    so a long log need not be re-hashed from the start every time.
    """
    expected_seq = after_seq + 1
    prev_hash = after_hash
    for ev in events:
        if ev.seq != expected_seq:
            return ChainBreak(expected_seq, f"expected event {expected_seq}, found {ev.seq}")
        if ev.prev_hash != prev_hash:
            return ChainBreak(ev.seq, "does not point to the previous event's hash")
        recomputed = event_hash(
            ev.seq, ev.at, ev.actor, ev.action, ev.subject, ev.details, ev.prev_hash
        )
        if recomputed != ev.hash:
            return ChainBreak(ev.seq, "content does not match its hash")
        prev_hash = ev.hash
        expected_seq += 1
    return None
