"""The hash-chained audit log, stored exactly as it was hashed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary, Row, cast, insert, select

from ...domain.audit import AuditEvent, next_event
from ...domain.canonical import canonical_json
from ..tables import AuditEventRow
from .base import Repository, count_rows, table_of

EVENTS = table_of(AuditEventRow)
_TEXT_COLUMNS = ("at", "actor", "action", "subject", "details", "prev_hash", "hash")


@dataclass(frozen=True, slots=True)
class StoredAuditEvent:
    """One stored row in chain order: its event, or why it is not what the app wrote."""

    position: int  # 1-based place in seq order
    event: AuditEvent | None
    defect: str = ""


def _encode_details(details: dict[str, Any]) -> str:
    return canonical_json(details).decode("utf-8")


def _decode_lenient(row: Row[Any]) -> AuditEvent:
    return AuditEvent(
        seq=row.seq,
        at=datetime.fromisoformat(row.at),
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        details=json.loads(row.details),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def _decode_strict(seq: Any, raw: dict[str, bytes | None]) -> AuditEvent | str:
    """The event a row holds, or a defect when the row is not byte-for-byte canonical.

    Reading the raw bytes (not driver-decoded text) lets a verifier notice edits that
    decode to an equal value: JSON whitespace, key order, another spelling of the time.
    """
    if not isinstance(seq, int):
        return "sequence number is not an integer"
    values: dict[str, str] = {}
    for name, data in raw.items():
        if data is None:
            return f"{name} is missing"
        try:
            values[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            return f"{name} is not valid text"
    try:
        at = datetime.fromisoformat(values["at"])
    except ValueError:
        return "time is not an ISO timestamp"
    if at.tzinfo is None or at.isoformat() != values["at"]:
        return "time is not stored in the form it was hashed in"
    try:
        details = json.loads(values["details"])
    except ValueError:
        return "details are not JSON"
    try:
        canonical = isinstance(details, dict) and _encode_details(details) == values["details"]
    except (TypeError, ValueError):  # rfc8785 refuses what it cannot canonicalise
        canonical = False
    if not canonical:
        return "details are not stored in the form they were hashed in"
    return AuditEvent(
        seq,
        at,
        values["actor"],
        values["action"],
        values["subject"],
        details,
        values["prev_hash"],
        values["hash"],
    )


class AuditRepository(Repository):
    def append(
        self,
        actor: str,
        action: str,
        subject: str,
        details: dict[str, Any] | None = None,
        *,
        at: datetime,
    ) -> AuditEvent:
        """Chain a new event after the last one.

        Call inside a write unit of work: its BEGIN IMMEDIATE means no other writer can
        append between reading the last event and inserting this one.
        """
        if at.tzinfo is None:
            raise ValueError("audit times must be timezone-aware (UTC)")
        event = next_event(self._last_link(), at, actor, action, subject, details)
        self._session.execute(
            insert(EVENTS).values(
                seq=event.seq,
                at=event.at.isoformat(),
                actor=event.actor,
                action=event.action,
                subject=event.subject,
                details=_encode_details(event.details),
                prev_hash=event.prev_hash,
                hash=event.hash,
            )
        )
        return event

    def _last_link(self) -> AuditEvent | None:
        # Only seq and hash matter for chaining; a damaged last row still has both.
        row = self._session.execute(
            select(EVENTS.c.seq, EVENTS.c.hash).order_by(EVENTS.c.seq.desc()).limit(1)
        ).first()
        if row is None:
            return None
        return AuditEvent(row.seq, datetime.min, "", "", "", {}, "", str(row.hash))

    def last(self) -> AuditEvent | None:
        row = self._session.execute(select(EVENTS).order_by(EVENTS.c.seq.desc()).limit(1)).first()
        return _decode_lenient(row) if row else None

    def all(self) -> list[AuditEvent]:
        rows = self._session.execute(select(EVENTS).order_by(EVENTS.c.seq))
        return [_decode_lenient(r) for r in rows]

    def for_subject(self, subject: str) -> list[AuditEvent]:
        stmt = select(EVENTS).where(EVENTS.c.subject == subject).order_by(EVENTS.c.seq)
        return [_decode_lenient(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, EVENTS)

    def hash_at(self, seq: int) -> str | None:
        row = self._session.execute(select(EVENTS.c.hash).where(EVENTS.c.seq == seq)).first()
        return None if row is None else str(row.hash)

    def stored(self, after_seq: int = 0) -> Iterator[StoredAuditEvent]:
        """Rows after ``after_seq`` in seq order, checked strictly (streamed; consume inside
        the unit)."""
        columns = [cast(EVENTS.c[name], LargeBinary).label(name) for name in _TEXT_COLUMNS]
        stmt = select(EVENTS.c.seq, *columns).order_by(EVENTS.c.seq)
        if after_seq:
            # Only when continuing from a checkpoint: a full check must also see rows
            # whose seq was edited to zero or below.
            stmt = stmt.where(EVENTS.c.seq > after_seq)
        for position, row in enumerate(self._session.execute(stmt), start=after_seq + 1):
            raw = {name: getattr(row, name) for name in _TEXT_COLUMNS}
            decoded = _decode_strict(row.seq, raw)
            if isinstance(decoded, str):
                yield StoredAuditEvent(position, None, decoded)
            else:
                yield StoredAuditEvent(position, decoded)
