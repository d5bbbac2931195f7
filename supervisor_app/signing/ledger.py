"""A board's ledger: the hash chain of its sealed rulings, with a member-signed head.

Entry ``n`` commits to entry ``n-1`` through ``prev``; each ruling's payload already
names its own ``(seq, prev)`` and is signed by the members, so a sealed ruling fits in
exactly one place of exactly one board's ledger. A replayed ruling (same ruling twice),
a reordered one (wrong prev), a gap (missing seq) and a fork (two entries for one seq
or one prev) are all detected by :meth:`Ledger.append` and :func:`verify_ledger`.

Export format for auditors (JSON, UTF-8)::

    {"format": "nezarat-ledger", "version": 1, "board_id": ...,
     "entries": [{"board_id", "seq", "ruling_id", "ruling_hash", "prev", "hash"}, ...],
     "head": null | {"payload": {"board_id", "seq", "hash", "signed_at", "member_id"},
                     "certificate": <member PEM>, "signature": <b64 DER ECDSA-SHA256 over
                     canonical_bytes("ledger-head", payload)>}}
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
from supervisor_app.domain.canonical import canonical_bytes, sha256_hex

from .errors import LedgerError, ReplayedRuling, SigningError
from .keys import Signer
from .pki import as_utc, binding_of, cert_pem, chain_problem
from .report import LedgerReport

LEDGER_FORMAT = "nezarat-ledger"
LEDGER_VERSION = 1
ENTRY_KIND = "ledger-entry"
HEAD_KIND = "ledger-head"
ENTRY_KEYS = ("board_id", "seq", "ruling_id", "ruling_hash", "prev", "hash")


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
class SignedHead:
    """A board member's signature over the ledger head (length and last hash) at a time."""

    board_id: str
    seq: int
    hash: str
    signed_at: datetime
    member_id: str
    certificate_pem: str
    signature: bytes

    def payload(self) -> dict[str, Any]:
        return {
            "board_id": self.board_id,
            "seq": self.seq,
            "hash": self.hash,
            "signed_at": self.signed_at.isoformat(),
            "member_id": self.member_id,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "payload": self.payload(),
            "certificate": self.certificate_pem,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }


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

    def sign_head(self, signer: Signer, member_id: str, *, at: datetime) -> SignedHead:
        """A board member signs the current head (the CA-issued binding names the board)."""
        binding = binding_of(signer.certificate)
        if binding.board_id != self.board_id or binding.member_id != member_id:
            raise SigningError(f"{member_id} cannot sign the head of board {self.board_id}")
        head = SignedHead(
            self.board_id, len(self._entries), self.head_hash, as_utc(at), member_id,
            cert_pem(signer.certificate), b"",
        )
        signature = signer.sign(canonical_bytes(HEAD_KIND, head.payload()))
        return replace(head, signature=signature)

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
    if document.get("version") != LEDGER_VERSION:
        raise ValueError(f"unsupported ledger version {document.get('version')!r}")
    if not isinstance(document.get("board_id"), str) or not isinstance(
        document.get("entries"), list
    ):
        raise ValueError("a ledger needs board_id and entries")
    return document


def _parse_head(data: Any) -> SignedHead:
    if not isinstance(data, dict) or sorted(data) != ["certificate", "payload", "signature"]:
        raise ValueError("malformed ledger head")
    payload = data["payload"]
    if not isinstance(payload, dict) or sorted(payload) != sorted(
        ["board_id", "seq", "hash", "signed_at", "member_id"]
    ):
        raise ValueError("malformed ledger head payload")
    signature = base64.b64decode(data["signature"], validate=True)
    signed_at = datetime.fromisoformat(payload["signed_at"])
    return SignedHead(
        payload["board_id"], payload["seq"], payload["hash"], as_utc(signed_at),
        payload["member_id"], data["certificate"], signature,
    )


def load_ledger(data: bytes) -> tuple[Ledger, SignedHead | None]:
    """Rebuild a ledger from its export; :class:`LedgerError` if the chain is broken.

    The head signature is not checked here; use :func:`verify_ledger` for that.
    """
    try:
        document = _parse_document(data)
        entries = [LedgerEntry.from_dict(e) for e in document["entries"]]
        head = _parse_head(document["head"]) if document.get("head") is not None else None
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
        head = _parse_head(head_data)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        report.fail("head_invalid", detail=f"unreadable: {exc}")
        return report
    problem = _head_problem(head, board_id, len(entries), expected_prev, trusted, at, crls)
    if problem:
        report.fail("head_invalid", member=head.member_id, detail=problem)
    return report


def _head_problem(
    head: SignedHead,
    board_id: str,
    length: int,
    last_hash: str,
    trusted: x509.Certificate,
    at: datetime,
    crls: Sequence[x509.CertificateRevocationList],
) -> str | None:
    if head.board_id != board_id or head.seq != length or head.hash != last_hash:
        return f"the head names entry {head.seq} of {head.board_id}, not the ledger's last entry"
    if head.signed_at > at:
        return "signed after the verification time"
    try:
        cert = x509.load_pem_x509_certificate(head.certificate_pem.encode("ascii"))
    except ValueError as exc:
        return f"unreadable certificate: {exc}"
    chain = chain_problem(cert, trusted, head.signed_at)
    if chain:
        return f"certificate not trusted at signing time: {chain}"
    binding = binding_of(cert)
    if binding.board_id != board_id or binding.member_id != head.member_id:
        return f"certificate of {binding.member_id} on board {binding.board_id}"
    for crl in crls:
        if not crl.is_signature_valid(trusted.public_key()):
            return "a revocation list given is not signed by the trusted CA"
        revoked = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if revoked is not None and revoked.revocation_date_utc <= head.signed_at:
            return "certificate revoked before the head was signed"
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return "not an ECDSA certificate"
    try:
        key.verify(
            head.signature, canonical_bytes(HEAD_KIND, head.payload()), ec.ECDSA(hashes.SHA256())
        )
    except InvalidSignature:
        return "the signature does not match the head"
    return None


__all__ = [
    "LEDGER_FORMAT",
    "Ledger",
    "LedgerEntry",
    "SignedHead",
    "load_ledger",
    "verify_ledger",
]
