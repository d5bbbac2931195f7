"""A board's ledger: the hash chain of its sealed rulings, with a member-signed head.

Entry ``n`` commits to entry ``n-1`` through ``prev``; each ruling's payload already
names its own ``(seq, prev)`` and is signed by the members, so a sealed ruling fits in
exactly one place of exactly one board's ledger. A replayed ruling (same ruling twice),
a reordered one (wrong prev), a gap (missing seq) and a fork (two entries for one seq
or one prev) are all detected by :meth:`Ledger.append` and :func:`verify_ledger`.

The signed head commits to both chains of the board's workstation: version 2 names the
ledger position ``(seq, hash)`` and the position ``(audit_seq, audit_hash)`` of the
signing device's audit chain (``device_id``), so neither chain can later be rewritten,
truncated or forked behind the signed head. Version-1 heads (ledger only) still verify.

Export format for auditors (JSON, UTF-8)::

    {"format": "nezarat-ledger", "version": 2, "board_id": ...,
     "entries": [{"board_id", "seq", "ruling_id", "ruling_hash", "prev", "hash"}, ...],
     "head": null | {"payload": <head payload>, "certificate": <member PEM>,
                     "signature": <b64 DER ECDSA-SHA256 over the head's signed bytes>}}

    head payload, version 2: {"version": 2, "board_id", "seq", "hash", "signed_at",
        "member_id", "device_id", "audit_seq", "audit_hash"},
        signed bytes canonical_bytes("ledger-head-v2", payload)
    head payload, version 1 (no "version" key): {"board_id", "seq", "hash", "signed_at",
        "member_id"}, signed bytes canonical_bytes("ledger-head", payload)

Export version 1 files (which can only hold version-1 heads) are still read.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.boards import BoardMember
from supervisor_app.domain.canonical import canonical_bytes, sha256_hex

from .errors import LedgerError, ReplayedRuling, SigningError
from .keys import Signer
from .pki import as_utc, binding_of, cert_pem, chain_problem, load_cert_exact, usage_problem
from .report import Check, LedgerReport

LEDGER_FORMAT = "nezarat-ledger"
LEDGER_VERSION = 2
READABLE_VERSIONS = frozenset({1, 2})
ENTRY_KIND = "ledger-entry"
HEAD_KIND = "ledger-head"  # version-1 heads: the ruling chain only
HEAD_KIND_V2 = "ledger-head-v2"  # version-2 heads: the ruling chain and the audit chain
HEAD_VERSION = 2
ENTRY_KEYS = ("board_id", "seq", "ruling_id", "ruling_hash", "prev", "hash")
_HEAD_V1_KEYS = ("board_id", "seq", "hash", "signed_at", "member_id")
_HEAD_V2_KEYS = ("version", *_HEAD_V1_KEYS, "device_id", "audit_seq", "audit_hash")
_MAX_ID = 64


def _is_hex64(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 64
        and all(c in "0123456789abcdef" for c in value)
    )


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    board_id: str
    seq: int
    ruling_id: str
    ruling_hash: str
    prev: str
    hash: str

    @staticmethod
    def compute_hash(board_id: str, seq: int, ruling_id: str, ruling_hash: str, prev: str) -> str:
        body = {
            "board_id": board_id,
            "seq": seq,
            "ruling_id": ruling_id,
            "ruling_hash": ruling_hash,
            "prev": prev,
        }
        return sha256_hex(canonical_bytes(ENTRY_KIND, body))

    @classmethod
    def make(
        cls, board_id: str, seq: int, ruling_id: str, ruling_hash: str, prev: str
    ) -> LedgerEntry:
        return cls(
            board_id, seq, ruling_id, ruling_hash, prev,
            cls.compute_hash(board_id, seq, ruling_id, ruling_hash, prev),
        )

    def hash_ok(self) -> bool:
        return self.hash == self.compute_hash(
            self.board_id, self.seq, self.ruling_id, self.ruling_hash, self.prev
        )

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ENTRY_KEYS}

    @classmethod
    def from_dict(cls, data: Any) -> LedgerEntry:
        if not isinstance(data, dict) or sorted(data) != sorted(ENTRY_KEYS):
            raise ValueError("a ledger entry needs exactly " + ", ".join(ENTRY_KEYS))
        seq = data["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise ValueError("ledger seq must be a positive integer")
        for key in ("board_id", "ruling_id"):
            if not isinstance(data[key], str) or not data[key]:
                raise ValueError(f"ledger {key} must be a non-empty string")
        for key in ("ruling_hash", "prev", "hash"):
            if not _is_hex64(data[key]):
                raise ValueError(f"ledger {key} must be 64 lowercase hex digits")
        return cls(**data)


@dataclass(frozen=True, slots=True)
class AuditPosition:
    """Where one device's audit chain stood: the seq and hash of its last event."""

    device_id: str
    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class SignedHead:
    """A board member's signature over the ledger head (length and last hash) at a time,
    and (version 2) over the signing device's audit-chain position then."""

    board_id: str
    seq: int
    hash: str
    signed_at: datetime
    member_id: str
    certificate_pem: str
    signature: bytes
    audit: AuditPosition | None = None  # None: a version-1 head

    @property
    def version(self) -> int:
        return 1 if self.audit is None else HEAD_VERSION

    def payload(self) -> dict[str, Any]:
        base: dict[str, Any] = {
            "board_id": self.board_id,
            "seq": self.seq,
            "hash": self.hash,
            "signed_at": self.signed_at.isoformat(),
            "member_id": self.member_id,
        }
        if self.audit is None:
            return base
        return {
            "version": HEAD_VERSION,
            **base,
            "device_id": self.audit.device_id,
            "audit_seq": self.audit.seq,
            "audit_hash": self.audit.hash,
        }

    def signed_bytes(self) -> bytes:
        """What the member signs: a version-specific domain prefix, so no head of one
        version (nor any other signed message) passes for another."""
        kind = HEAD_KIND if self.audit is None else HEAD_KIND_V2
        return canonical_bytes(kind, self.payload())

    def as_dict(self) -> dict[str, Any]:
        return {
            "payload": self.payload(),
            "certificate": self.certificate_pem,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }

    def sha256(self) -> str:
        """Hash of the whole signed head (payload, certificate, signature): its identity."""
        return sha256_hex(canonical_bytes("ledger-head-record", self.as_dict()))


class Ledger:
    """An always-valid chain of one board's entries; ``append`` refuses anything else."""

    def __init__(self, board_id: str, entries: Iterable[LedgerEntry] = ()) -> None:
        self.board_id = board_id
        self._entries: list[LedgerEntry] = []
        self._by_ruling: dict[str, LedgerEntry] = {}
        for entry in entries:
            self.append(entry)

    @property
    def entries(self) -> tuple[LedgerEntry, ...]:
        return tuple(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def head_hash(self) -> str:
        return self._entries[-1].hash if self._entries else GENESIS_HASH

    @property
    def next_seq(self) -> int:
        return len(self._entries) + 1

    def entry_at(self, seq: int) -> LedgerEntry | None:
        return self._entries[seq - 1] if 1 <= seq <= len(self._entries) else None

    def find_ruling(self, ruling_id: str) -> LedgerEntry | None:
        return self._by_ruling.get(ruling_id)

    def append(self, entry: LedgerEntry) -> None:
        """Add the next entry; :class:`ReplayedRuling` / :class:`LedgerError` otherwise."""
        if entry.board_id != self.board_id:
            raise LedgerError(f"entry of board {entry.board_id} in the ledger of {self.board_id}")
        if not entry.hash_ok():
            raise LedgerError(f"entry {entry.seq} does not match its hash")
        if entry.ruling_id in self._by_ruling:
            raise ReplayedRuling(
                f"ruling {entry.ruling_id} is already entry "
                f"{self._by_ruling[entry.ruling_id].seq} of this ledger"
            )
        if entry.seq <= len(self._entries):
            raise LedgerError(f"the ledger already has an entry {entry.seq}: a fork")
        if entry.seq == self.next_seq and entry.prev != self.head_hash:
            raise LedgerError(f"entry {entry.seq} follows another predecessor: a fork")
        if entry.seq != self.next_seq:
            raise LedgerError(
                f"entry {entry.seq} does not follow the head (next is {self.next_seq}): "
                "missing or reordered rulings"
            )
        self._entries.append(entry)
        self._by_ruling[entry.ruling_id] = entry

    def sign_head(
        self, signer: Signer, member_id: str, *, at: datetime, audit: AuditPosition | None = None
    ) -> SignedHead:
        """A board member signs the current head (the CA-issued binding names the board);
        with ``audit``, a version-2 head that also commits to that audit-chain position."""
        binding = binding_of(signer.certificate)
        if binding.board_id != self.board_id or binding.member_id != member_id:
            raise SigningError(f"{member_id} cannot sign the head of board {self.board_id}")
        head = SignedHead(
            self.board_id, len(self._entries), self.head_hash, as_utc(at), member_id,
            cert_pem(signer.certificate), b"", audit,
        )
        return replace(head, signature=signer.sign(head.signed_bytes()))

    def to_json(self, head: SignedHead | None = None) -> bytes:
        document = {
            "format": LEDGER_FORMAT,
            "version": LEDGER_VERSION,
            "board_id": self.board_id,
            "entries": [e.as_dict() for e in self._entries],
            "head": head.as_dict() if head else None,
        }
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _parse_document(data: bytes) -> dict[str, Any]:
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != LEDGER_FORMAT:
        raise ValueError("not a Nezarat ledger file")
    if document.get("version") not in READABLE_VERSIONS:
        raise ValueError(f"unsupported ledger version {document.get('version')!r}")
    if not isinstance(document.get("board_id"), str) or not isinstance(
        document.get("entries"), list
    ):
        raise ValueError("a ledger needs board_id and entries")
    return document


def _head_text(payload: dict[str, Any], key: str) -> str:
    value = payload[key]
    if not isinstance(value, str) or not 0 < len(value) <= _MAX_ID:
        raise ValueError(f"ledger head {key} must be a non-empty string")
    return value


def _head_int(payload: dict[str, Any], key: str) -> int:
    value = payload[key]
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
        raise ValueError(f"ledger head {key} must be a non-negative integer")
    return value


def _head_hex(payload: dict[str, Any], key: str) -> str:
    if not _is_hex64(payload[key]):
        raise ValueError(f"ledger head {key} must be 64 lowercase hex digits")
    return str(payload[key])


def parse_head(data: Any) -> SignedHead:
    """A signed head from its JSON form (version 1 or 2), read strictly: exact keys and
    types, and the payload spelled exactly as :meth:`SignedHead.payload` spells it.

    The signature is not checked here; see :func:`head_checks`. ``ValueError`` otherwise.
    """
    if not isinstance(data, dict) or sorted(data) != ["certificate", "payload", "signature"]:
        raise ValueError("malformed ledger head")
    payload = data["payload"]
    if not isinstance(payload, dict):
        raise ValueError("malformed ledger head payload")
    keys = _HEAD_V2_KEYS if "version" in payload else _HEAD_V1_KEYS
    if sorted(payload) != sorted(keys):
        raise ValueError("malformed ledger head payload")
    if "version" in payload and payload["version"] != HEAD_VERSION:
        raise ValueError(f"unsupported ledger head version {payload['version']!r}")
    if not isinstance(data["certificate"], str) or not isinstance(data["signature"], str):
        raise ValueError("the head's certificate and signature must be strings")
    if not isinstance(payload["signed_at"], str):
        raise ValueError("ledger head signed_at must be an ISO datetime")
    try:
        signed_at = as_utc(datetime.fromisoformat(payload["signed_at"]))
    except OverflowError:  # e.g. year 1 with a positive offset
        raise ValueError("ledger head signed_at is out of range") from None
    audit = None
    if "version" in payload:
        audit = AuditPosition(
            _head_text(payload, "device_id"),
            _head_int(payload, "audit_seq"),
            _head_hex(payload, "audit_hash"),
        )
    head = SignedHead(
        _head_text(payload, "board_id"), _head_int(payload, "seq"), _head_hex(payload, "hash"),
        signed_at, _head_text(payload, "member_id"), data["certificate"],
        base64.b64decode(data["signature"], validate=True), audit,
    )
    if head.payload() != payload:  # e.g. signed_at with another offset or spelling
        raise ValueError("the ledger head payload is not in canonical form")
    return head


def load_ledger(data: bytes) -> tuple[Ledger, SignedHead | None]:
    """Rebuild a ledger from its export; :class:`LedgerError` if the chain is broken.

    The head signature is not checked here; use :func:`verify_ledger` for that.
    """
    try:
        document = _parse_document(data)
        entries = [LedgerEntry.from_dict(e) for e in document["entries"]]
        head = parse_head(document["head"]) if document.get("head") is not None else None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as exc:
        raise LedgerError(f"malformed ledger file: {exc}") from exc
    return Ledger(document["board_id"], entries), head


def verify_ledger(
    data: bytes,
    trusted_ca_pem: str | bytes,
    *,
    at: datetime,
    crls: Sequence[x509.CertificateRevocationList] = (),
    require_head: bool = True,
) -> LedgerReport:
    """Check an exported ledger: every link, no gaps, forks, reorders or replays, signed head."""
    report = LedgerReport()
    at = as_utc(at)
    trusted = x509.load_pem_x509_certificate(
        trusted_ca_pem.encode("ascii") if isinstance(trusted_ca_pem, str) else trusted_ca_pem
    )
    try:
        document = _parse_document(data)
        raw_entries = document["entries"]
        entries = [LedgerEntry.from_dict(e) for e in raw_entries]
    except (ValueError, UnicodeDecodeError) as exc:
        report.fail("malformed", detail=str(exc))
        return report
    board_id = document["board_id"]
    report.board_id = board_id
    report.length = len(entries)

    expected_seq, expected_prev = 1, GENESIS_HASH
    seen_seq: set[int] = set()
    seen_prev: set[str] = set()
    seen_ruling: dict[str, int] = {}
    for entry in entries:
        where = f"entry {entry.seq}, ruling {entry.ruling_id}"
        if entry.board_id != board_id:
            report.fail("ledger_board", detail=f"{where} belongs to board {entry.board_id}")
        if not entry.hash_ok():
            report.fail("ledger_hash", detail=where)
        if entry.seq in seen_seq or entry.prev in seen_prev:
            report.fail("ledger_fork", detail=f"{where} repeats an earlier position")
        if entry.ruling_id in seen_ruling:
            report.fail(
                "ledger_replay",
                detail=f"{where} was already entry {seen_ruling[entry.ruling_id]}",
            )
        if entry.seq != expected_seq or entry.prev != expected_prev:
            report.fail(
                "ledger_gap",
                detail=f"{where} found where entry {expected_seq} was expected",
            )
        seen_seq.add(entry.seq)
        seen_prev.add(entry.prev)
        seen_ruling.setdefault(entry.ruling_id, entry.seq)
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    report.head_hash = expected_prev

    head_data = document.get("head")
    if head_data is None:
        if require_head:
            report.fail("head_invalid", detail="the ledger head is not signed")
        return report
    try:
        head = parse_head(head_data)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        report.fail("head_invalid", detail=f"unreadable: {exc}")
        return report
    if head.board_id != board_id or head.seq != len(entries) or head.hash != expected_prev:
        report.fail("head_invalid", member=head.member_id, detail=(
            f"the head names entry {head.seq} of {head.board_id}, not the ledger's last entry"))
        return report
    problems = head_checks(head, trusted, at=at, crls=crls)
    if problems:
        report.fail("head_invalid", member=head.member_id,
                    detail="; ".join(c.message_en for c in problems))
    return report


def head_checks(
    head: SignedHead,
    trusted: x509.Certificate,
    *,
    at: datetime,
    crls: Sequence[x509.CertificateRevocationList] = (),
    roster: Iterable[BoardMember] | None = None,
) -> list[Check]:
    """Why the head's signature does not hold, as checks ([] when it does).

    The same rules as a ruling signature (see ``bundle``), judged at the head's
    ``signed_at``: a certificate of the trusted CA valid then, for signing, binding the
    signer to the head's board and member id, not revoked (compromise at any time, other
    reasons before the signing), on ``roster`` when given, and a signature over the
    head's version-specific signed bytes. ``crls`` must be signed by ``trusted``.
    """
    from .bundle import CLOCK_SKEW, _revocation_problem  # bundle imports this module

    at = as_utc(at)
    member = head.member_id
    failures: list[Check] = []
    if head.signed_at > at + CLOCK_SKEW:
        failures.append(Check.fail("signed_in_future", detail=(
            f"head signed {head.signed_at.isoformat()}, now {at.isoformat()}")))
    try:
        cert = load_cert_exact(head.certificate_pem)
    except ValueError as exc:
        return [*failures, Check.fail("certificate_malformed", member=member, detail=str(exc))]
    valid_crls = []
    for crl in crls:
        if crl.issuer != trusted.subject or not crl.is_signature_valid(trusted.public_key()):
            failures.append(Check.fail("crl_invalid", detail="bad signature or issuer"))
        else:
            valid_crls.append(crl)
    signed_at = head.signed_at
    in_window = cert.not_valid_before_utc <= signed_at <= cert.not_valid_after_utc
    if not in_window:
        failures.append(Check.fail("certificate_expired", member=member,
                                   detail=signed_at.isoformat()))
    # As for rulings: trust is judged inside the validity window, so a forged certificate
    # reads "untrusted" even when it is also expired.
    chain = chain_problem(cert, trusted, signed_at if in_window else cert.not_valid_before_utc)
    if chain:
        failures.append(Check.fail("certificate_untrusted", member=member, detail=chain))
    usage = usage_problem(cert)
    if usage:
        failures.append(Check.fail("key_usage", member=member, detail=usage))
    binding = binding_of(cert)
    if binding.board_id != head.board_id:
        failures.append(Check.fail("wrong_board", member=member, detail=(
            f"certificate for board {binding.board_id!r}, head of {head.board_id!r}")))
    if binding.member_id != member:
        failures.append(Check.fail("member_mismatch", member=member,
                                   detail=f"certificate of {binding.member_id!r}"))
    if roster is not None:
        listed = {m.id: m for m in roster}.get(member)
        if listed is None or listed.board_id != head.board_id or not listed.active:
            failures.append(Check.fail("not_on_roster", member=member,
                                       detail=f"board {head.board_id}"))
    revoked = _revocation_problem(cert, valid_crls, signed_at, at, False)
    if revoked:
        failures.append(Check.fail("certificate_revoked", member=member, detail=revoked))
    key = cert.public_key()
    try:
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise InvalidSignature
        key.verify(head.signature, head.signed_bytes(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        failures.append(Check.fail("head_signature_invalid", member=member))
    return failures


__all__ = [
    "LEDGER_FORMAT",
    "AuditPosition",
    "Ledger",
    "LedgerEntry",
    "SignedHead",
    "head_checks",
    "load_ledger",
    "parse_head",
    "verify_ledger",
]
