"""Signed rulings in the store: trust store, signing payloads, signatures, bundles, ledgers.

Rows come back as the small frozen records below (the signing core's own types live in
``supervisor_app.signing``, which the store does not import). Sealed bundles, ledger
entries and signed heads are insert-only here, and triggers refuse UPDATE/DELETE on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, func, insert, select

from ...domain.rulings import RulingStatus
from ..errors import StoreError
from ..tables import (
    LedgerEntryRow,
    LedgerHeadRow,
    RulingRow,
    RulingSignatureRow,
    RulingSigningRow,
    SealedRulingRow,
    TrustCertificateRow,
    TrustCrlRow,
)
from .base import Repository, count_rows, table_of

CERTS = table_of(TrustCertificateRow)
CRLS = table_of(TrustCrlRow)
SIGNING = table_of(RulingSigningRow)
SIGNATURES = table_of(RulingSignatureRow)
SEALED = table_of(SealedRulingRow)
ENTRIES = table_of(LedgerEntryRow)
HEADS = table_of(LedgerHeadRow)
RULINGS = table_of(RulingRow)


@dataclass(frozen=True, slots=True)
class StoredCertificate:
    fingerprint: str
    kind: str  # "ca" | "member"
    serial: str  # hex
    member_id: str | None
    board_id: str | None
    role: str | None
    not_before: datetime
    not_after: datetime
    pem: str
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class StoredCrl:
    fingerprint: str
    crl_number: int
    last_update: datetime
    next_update: datetime | None
    pem: str
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class SigningPayload:
    """The frozen payload of a ruling in signing: the exact canonical JSON text."""

    ruling_id: str
    payload: str
    payload_sha256: str
    started_at: datetime


@dataclass(frozen=True, slots=True)
class StoredSignature:
    ruling_id: str
    member_id: str
    payload_sha256: str
    certificate: str
    signature: str  # base64 DER
    signed_at: datetime


@dataclass(frozen=True, slots=True)
class SealedRecord:
    ruling_id: str
    board_id: str
    ledger_seq: int
    payload_sha256: str
    bundle: bytes
    sealed_at: datetime


@dataclass(frozen=True, slots=True)
class StoredLedgerEntry:
    board_id: str
    seq: int
    ruling_id: str
    ruling_hash: str
    prev: str
    hash: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class StoredHead:
    board_id: str
    seq: int
    member_id: str
    hash: str
    signed_at: datetime
    certificate: str
    signature: str  # base64


def _fields(row: Row[Any], cls: type[Any]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in cls.__dataclass_fields__}


class SigningRepository(Repository):
    # --- trust store --------------------------------------------------------------------

    def add_certificate(self, cert: StoredCertificate) -> bool:
        """Insert a certificate unless its fingerprint is known; True when it was new."""
        if self.certificate(cert.fingerprint) is not None:
            return False
        self._session.execute(insert(CERTS).values(**_as_values(cert)))
        return True

    def certificate(self, fingerprint: str) -> StoredCertificate | None:
        row = self._session.execute(select(CERTS).where(CERTS.c.fingerprint == fingerprint)).first()
        return StoredCertificate(**_fields(row, StoredCertificate)) if row else None

    def certificates(
        self, *, kind: str | None = None, member_id: str | None = None, board_id: str | None = None
    ) -> list[StoredCertificate]:
        """Matching certificates, newest (latest not_before) first."""
        stmt = select(CERTS).order_by(CERTS.c.not_before.desc(), CERTS.c.fingerprint)
        if kind is not None:
            stmt = stmt.where(CERTS.c.kind == kind)
        if member_id is not None:
            stmt = stmt.where(CERTS.c.member_id == member_id)
        if board_id is not None:
            stmt = stmt.where(CERTS.c.board_id == board_id)
        rows = self._session.execute(stmt)
        return [StoredCertificate(**_fields(r, StoredCertificate)) for r in rows]

    def add_crl(self, crl: StoredCrl) -> bool:
        if self._session.execute(
            select(CRLS.c.fingerprint).where(CRLS.c.fingerprint == crl.fingerprint)
        ).first():
            return False
        self._session.execute(insert(CRLS).values(**_as_values(crl)))
        return True

    def crls(self) -> list[StoredCrl]:
        """Every stored revocation list, the newest (highest CRL number) first."""
        stmt = select(CRLS).order_by(CRLS.c.crl_number.desc(), CRLS.c.last_update.desc())
        return [StoredCrl(**_fields(r, StoredCrl)) for r in self._session.execute(stmt)]

    def latest_crl(self) -> StoredCrl | None:
        found = self.crls()
        return found[0] if found else None

    # --- signing ------------------------------------------------------------------------

    def freeze(self, frozen: SigningPayload) -> None:
        """Store a ruling's signing payload; a ruling has at most one at a time."""
        if self.signing_payload(frozen.ruling_id) is not None:
            raise StoreError(f"ruling {frozen.ruling_id} already has a frozen payload")
        self._session.execute(insert(SIGNING).values(**_as_values(frozen)))

    def signing_payload(self, ruling_id: str) -> SigningPayload | None:
        row = self._session.execute(select(SIGNING).where(SIGNING.c.ruling_id == ruling_id)).first()
        return SigningPayload(**_fields(row, SigningPayload)) if row else None

    def unfreeze(self, ruling_id: str) -> None:
        """Drop a ruling's frozen payload and every signature over it (back to draft)."""
        if self.sealed(ruling_id) is not None:
            raise StoreError(f"ruling {ruling_id} is sealed; its signatures stay")
        self._session.execute(delete(SIGNATURES).where(SIGNATURES.c.ruling_id == ruling_id))
        self._session.execute(delete(SIGNING).where(SIGNING.c.ruling_id == ruling_id))

    def add_signature(self, signature: StoredSignature) -> None:
        frozen = self.signing_payload(signature.ruling_id)
        if frozen is None or frozen.payload_sha256 != signature.payload_sha256:
            raise StoreError(
                f"the signature is not over ruling {signature.ruling_id}'s frozen payload"
            )
        if any(s.member_id == signature.member_id for s in self.signatures(signature.ruling_id)):
            raise StoreError(
                f"member {signature.member_id} already signed ruling {signature.ruling_id}"
            )
        self._session.execute(insert(SIGNATURES).values(**_as_values(signature)))

    def signatures(self, ruling_id: str) -> list[StoredSignature]:
        stmt = (
            select(SIGNATURES)
            .where(SIGNATURES.c.ruling_id == ruling_id)
            .order_by(SIGNATURES.c.member_id)
        )
        return [StoredSignature(**_fields(r, StoredSignature)) for r in self._session.execute(stmt)]

    def signature_counts(self, ruling_ids: list[str]) -> dict[str, int]:
        if not ruling_ids:
            return {}
        stmt = (
            select(SIGNATURES.c.ruling_id, func.count())
            .where(SIGNATURES.c.ruling_id.in_(ruling_ids))
            .group_by(SIGNATURES.c.ruling_id)
        )
        return {rid: int(n) for rid, n in self._session.execute(stmt)}

    def rulings_in_signing(self, board_id: str) -> list[str]:
        """Ids of the board's rulings whose status is SIGNING."""
        stmt = select(RULINGS.c.id).where(
            RULINGS.c.board_id == board_id, RULINGS.c.status == RulingStatus.SIGNING.value
        )
        return list(self._session.execute(stmt).scalars())

    # --- sealed bundles -----------------------------------------------------------------

    def add_sealed(self, record: SealedRecord) -> None:
        if self.sealed(record.ruling_id) is not None:
            raise StoreError(f"ruling {record.ruling_id} is already sealed")
        self._session.execute(insert(SEALED).values(**_as_values(record)))

    def sealed(self, ruling_id: str) -> SealedRecord | None:
        row = self._session.execute(select(SEALED).where(SEALED.c.ruling_id == ruling_id)).first()
        return SealedRecord(**_fields(row, SealedRecord)) if row else None

    def count_sealed(self) -> int:
        return count_rows(self._session, SEALED)

    # --- ledgers ------------------------------------------------------------------------

    def append_entry(self, entry: StoredLedgerEntry) -> None:
        """Insert the board's next entry; the unique keys refuse forks and replays."""
        expected = self.ledger_length(entry.board_id) + 1
        if entry.seq != expected:
            raise StoreError(
                f"ledger of {entry.board_id}: entry {entry.seq} given, {expected} expected"
            )
        self._session.execute(insert(ENTRIES).values(**_as_values(entry)))

    def ledger(self, board_id: str) -> list[StoredLedgerEntry]:
        stmt = select(ENTRIES).where(ENTRIES.c.board_id == board_id).order_by(ENTRIES.c.seq)
        return [
            StoredLedgerEntry(**_fields(r, StoredLedgerEntry)) for r in self._session.execute(stmt)
        ]

    def ledger_length(self, board_id: str) -> int:
        return count_rows(self._session, ENTRIES, ENTRIES.c.board_id == board_id)

    def ledger_boards(self) -> list[str]:
        stmt = select(ENTRIES.c.board_id).distinct().order_by(ENTRIES.c.board_id)
        return list(self._session.execute(stmt).scalars())

    def add_head(self, head: StoredHead) -> None:
        self._session.execute(insert(HEADS).values(**_as_values(head)))

    def latest_head(self, board_id: str) -> StoredHead | None:
        row = self._session.execute(
            select(HEADS)
            .where(HEADS.c.board_id == board_id)
            .order_by(HEADS.c.seq.desc(), HEADS.c.signed_at.desc())
            .limit(1)
        ).first()
        return StoredHead(**_fields(row, StoredHead)) if row else None


def _as_values(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}
