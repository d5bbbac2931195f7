"""Sealed ruling bundles: the signed payload of a ruling plus everything needed to verify it.

Signing. The payload (see :func:`ruling_payload`) is turned into
``canonical_bytes("ruling", payload)`` = ``b"nezarat-1//ruling//" + RFC 8785 JSON``; every
present member signs those bytes with ECDSA P-256 / SHA-256 (so ``openssl dgst -sha256
-verify`` checks them as they are). Votes, dissent notes, the quorum rule and the
board ledger position ``(seq, prev)`` are inside the payload, so each signer attests to
all of them and a ruling cannot be replayed or moved elsewhere in the ledger.

Bundle file (RFC 8785 canonical JSON, UTF-8; any other byte form is rejected, so that
every byte of a sealed bundle is significant)::

    {"format": "nezarat-ruling-bundle", "version": 1,
     "payload": {...},                      # the signed ruling, see ruling_payload()
     "payload_sha256": "<hex of SHA-256(canonical_bytes('ruling', payload))>",
     "signatures": [{"member_id": ..., "certificate": "<member PEM>",
                     "signature": "<base64 DER ECDSA-SHA256>"}, ...],   # by member_id
     "ca_certificate": "<central CA PEM>",
     "crl": "<CRL PEM at sealing time>",
     "ledger_entry": {"board_id", "seq", "ruling_id", "ruling_hash", "prev", "hash"}}

Time. ``payload.session_at`` (the meeting time) is the signing time: each certificate
must be valid and unrevoked then. Revocations for key compromise (or with no reason,
or on hold) invalidate signatures at any time; revocations for leaving the board,
supersession or cessation only invalidate signatures made after them. Sealing
(:func:`seal_ruling`) verifies in strict mode at "now": the certificates must be valid
now too, no certificate may be revoked by now, and the CRL must be current. Since the
signers choose ``session_at``, the registry server also bounds it from below (a window
before its clock, and the board's previous ruling; see registry_server/API.md).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.canonical import canonical_bytes, canonical_json, sha256_hex
from supervisor_app.domain.errors import DomainError
from supervisor_app.domain.jalali import format_jalali
from supervisor_app.domain.rulings import Ruling, RulingSubject, Vote

from .errors import LedgerError, NotSealed, ReplayedRuling, SigningError
from .keys import Signer
from .ledger import ENTRY_KEYS, Ledger, LedgerEntry
from .pki import (
    as_utc,
    binding_of,
    cert_pem,
    chain_problem,
    crl_pem,
    load_cert_exact,
    load_crl_exact,
    touch_crl,
    usage_problem,
)
from .report import VerificationReport

BUNDLE_FORMAT = "nezarat-ruling-bundle"
BUNDLE_VERSION = 1
PAYLOAD_VERSION = 1
RULING_KIND = "ruling"
# Workstation clocks drift; a session a few minutes "in the future" is not an attack.
CLOCK_SKEW = timedelta(minutes=5)
# Revocations that make a key untrustworthy for every signature, whenever made.
_HARD_REASONS = frozenset(
    {
        x509.ReasonFlags.unspecified,
        x509.ReasonFlags.key_compromise,
        x509.ReasonFlags.ca_compromise,
        x509.ReasonFlags.aa_compromise,
        x509.ReasonFlags.certificate_hold,
    }
)
_BUNDLE_KEYS = (
    "format", "version", "payload", "payload_sha256", "signatures",
    "ca_certificate", "crl", "ledger_entry",
)


# --- building and signing -----------------------------------------------------------------


def _member_row(member: BoardMember) -> dict[str, Any]:
    return {"member_id": member.id, "full_name": member.full_name, "role": member.role.value}


def ruling_payload(
    ruling: Ruling,
    board: Board,
    members: Iterable[BoardMember],
    *,
    session_at: datetime,
    ledger_seq: int,
    prev_ledger_hash: str,
    objection_deadline: date | None = None,
    objection_venue: str = "",
    notify: Sequence[str] = (),
) -> dict[str, Any]:
    """The JSON object the members sign, built from the domain objects.

    ``members`` is the board roster (at least everyone present or absent);
    ``ledger_seq``/``prev_ledger_hash`` come from the board's :class:`Ledger`
    (``ledger.next_seq`` / ``ledger.head_hash``) when signing starts.
    """
    roster = {m.id: m for m in members}
    if ruling.board_id != board.id:
        raise SigningError(f"ruling {ruling.id} is for board {ruling.board_id}, not {board.id}")
    if ruling.serial is None:
        raise SigningError("allocate the ruling's serial number before signing")
    for member_id in (*ruling.present_member_ids, *ruling.absent_member_ids):
        member = roster.get(member_id)
        if member is None or member.board_id != board.id:
            raise SigningError(f"{member_id} is not a member of board {board.id}")
    rule = board.quorum
    payload: dict[str, Any] = {
        "payload_version": PAYLOAD_VERSION,
        "ruling_id": ruling.id,
        "board": {
            "id": board.id,
            "level": board.level.value,
            "name": board.name,
            "jurisdiction": board.jurisdiction,
            "parent_id": board.parent_id,
        },
        "serial": ruling.serial,
        "issued_on": ruling.issued_on.isoformat(),
        "issued_on_jalali": format_jalali(ruling.issued_on, persian_digits=False),
        "session_at": as_utc(session_at).isoformat(),
        "meeting_type": ruling.meeting_type,
        "subject": {"kind": ruling.subject.value, "ref": ruling.subject_ref},
        "legal_basis": [{"article": b.article, "clause": b.clause} for b in ruling.legal_basis],
        "reasoning": ruling.reasoning,
        "decision": ruling.decision,
        "present": [_member_row(roster[m]) for m in ruling.present_member_ids],
        "absent": [_member_row(roster[m]) for m in ruling.absent_member_ids],
        "quorum": {
            "full_membership": rule.full_membership,
            "required_present": rule.required_present,
            "required_votes": rule.required_votes,
            "met": rule.has_quorum(len(ruling.present_member_ids)),
        },
        "votes": [
            {"member_id": v.member_id, "vote": v.vote.value, "dissent_note": v.dissent_note}
            for v in ruling.votes
        ],
        "supersedes": ruling.supersedes_id,
        "objection": {
            "deadline": objection_deadline.isoformat() if objection_deadline else None,
            "venue": objection_venue,
        },
        "notify": list(notify),
        "extra": dict(ruling.extra),
        "ledger": {"seq": ledger_seq, "prev": prev_ledger_hash},
    }
    problems = _payload_problems(payload)
    if problems:
        raise SigningError("ruling cannot be signed: " + "; ".join(problems))
    return payload


def payload_bytes(payload: dict[str, Any]) -> bytes:
    """Exactly the bytes every member signs (and ``payload.bin`` of the openssl export)."""
    return canonical_bytes(RULING_KIND, payload)


def ruling_hash(payload: dict[str, Any]) -> str:
    return sha256_hex(payload_bytes(payload))


def ledger_entry_for(payload: dict[str, Any], digest: str | None = None) -> LedgerEntry:
    """The ledger entry a payload commits to (its board, seq and prev are signed)."""
    return LedgerEntry.make(
        payload["board"]["id"],
        payload["ledger"]["seq"],
        payload["ruling_id"],
        digest or ruling_hash(payload),
        payload["ledger"]["prev"],
    )


@dataclass(frozen=True, slots=True)
class MemberSignature:
    member_id: str
    certificate_pem: str
    signature: bytes  # DER ECDSA-SHA256 over payload_bytes(payload)

    def as_dict(self) -> dict[str, str]:
        return {
            "member_id": self.member_id,
            "certificate": self.certificate_pem,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }


def sign_payload(payload: dict[str, Any], member_id: str, signer: Signer) -> MemberSignature:
    """One member's signature over the ruling (their vote and dissent are inside it)."""
    binding = binding_of(signer.certificate)
    if binding.member_id != member_id:
        raise SigningError(f"the certificate is {binding.member_id}'s, not {member_id}'s")
    data = payload_bytes(payload)
    signature = signer.sign(data)
    key = signer.certificate.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    try:  # a token holding a different key than its certificate must fail here, not later
        key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise SigningError(
            "the signer produced a signature its certificate does not verify"
        ) from None
    return MemberSignature(member_id, cert_pem(signer.certificate), signature)


def _as_pem(value: x509.Certificate | x509.CertificateRevocationList | str | bytes) -> str:
    if isinstance(value, x509.Certificate):
        return cert_pem(value)
    if isinstance(value, x509.CertificateRevocationList):
        return crl_pem(value)
    return value.decode("ascii") if isinstance(value, bytes) else value


def assemble_bundle(
    payload: dict[str, Any],
    signatures: Iterable[MemberSignature],
    *,
    ca_certificate: x509.Certificate | str | bytes,
    crl: x509.CertificateRevocationList | str | bytes,
) -> bytes:
    """The canonical bundle bytes (no checks; see :func:`seal_ruling`)."""
    digest = ruling_hash(payload)
    document = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "payload": payload,
        "payload_sha256": digest,
        "signatures": [s.as_dict() for s in sorted(signatures, key=lambda s: s.member_id)],
        "ca_certificate": _as_pem(ca_certificate),
        "crl": _as_pem(crl),
        "ledger_entry": ledger_entry_for(payload, digest).as_dict(),
    }
    return canonical_json(document)


def seal_ruling(
    payload: dict[str, Any],
    signatures: Iterable[MemberSignature],
    *,
    ca_certificate: x509.Certificate | str | bytes,
    crl: x509.CertificateRevocationList | str | bytes,
    now: datetime,
    quorum: QuorumRule | None = None,
    roster: Iterable[BoardMember] | None = None,
    ledger: Ledger | None = None,
) -> bytes:
    """Assemble and verify strictly at ``now``; :class:`NotSealed` (with the report) if short.

    Pass the board's authoritative ``quorum`` and ``roster`` when you have them: then a
    payload that understates the quorum or a signer no longer on the board is refused.
    """
    bundle = assemble_bundle(payload, signatures, ca_certificate=ca_certificate, crl=crl)
    report = verify_bundle(
        bundle, _as_pem(ca_certificate), at=now, quorum=quorum, roster=roster,
        ledger=ledger, strict=True,
    )
    if not report.ok:
        raise NotSealed(report)
    if report.ledger_position == "included":
        raise ReplayedRuling(f"ruling {report.ruling_id} is already in the ledger")
    return bundle


def record_in_ledger(
    ledger: Ledger, bundle: bytes, trusted_ca_pem: str | bytes, *, at: datetime
) -> LedgerEntry:
    """Verify a sealed bundle against the ledger and append its entry.

    A second submission of a recorded ruling raises :class:`ReplayedRuling`; a ruling
    that does not continue the head (reordered, gap, fork, other board) raises
    :class:`LedgerError`.
    """
    report = verify_bundle(bundle, trusted_ca_pem, at=at, ledger=ledger)
    if report.ledger_position == "included" or "ledger_replay" in report.codes():
        raise ReplayedRuling(f"ruling {report.ruling_id} is already in the ledger (replay)")
    if not report.ok:
        raise LedgerError("; ".join(c.message_en for c in report.failures))
    entry = ledger_entry_for(parse_bundle(bundle).payload)
    ledger.append(entry)
    return entry


# --- parsing --------------------------------------------------------------------------------


class MalformedBundle(ValueError):
    """The bytes are not a structurally valid ruling bundle."""


class NonCanonicalBundle(MalformedBundle):
    """Valid JSON, but not the canonical encoding: the file was altered."""


@dataclass(frozen=True, slots=True)
class SignatureEntry:
    member_id: str
    certificate_pem: str
    signature: bytes


@dataclass(frozen=True, slots=True)
class ParsedBundle:
    payload: dict[str, Any]
    payload_sha256: str
    signatures: tuple[SignatureEntry, ...]
    ca_certificate_pem: str
    crl_pem: str
    ledger_entry: dict[str, Any]


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise MalformedBundle("duplicate key in JSON object")
    return dict(pairs)


def _keys(obj: Any, expected: Sequence[str], where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise MalformedBundle(f"{where} must be an object")
    if set(obj) != set(expected):
        raise MalformedBundle(f"{where} must have exactly the keys {', '.join(sorted(expected))}")
    return obj


def _str(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise MalformedBundle(f"{where} must be a string")
    return value


def _int(value: Any, where: str, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise MalformedBundle(f"{where} must be an integer ≥ {minimum}")
    return value


def _b64(value: Any, where: str) -> bytes:
    text = _str(value, where)
    assert text is not None
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise MalformedBundle(f"{where} is not base64") from exc
    if base64.b64encode(raw).decode("ascii") != text:  # padding bits are slack otherwise
        raise MalformedBundle(f"{where} is not canonical base64")
    return raw


def _check_payload_structure(p: Any) -> None:
    _keys(
        p,
        (
            "payload_version", "ruling_id", "board", "serial", "issued_on", "issued_on_jalali",
            "session_at", "meeting_type", "subject", "legal_basis", "reasoning", "decision",
            "present", "absent", "quorum", "votes", "supersedes", "objection", "notify",
            "extra", "ledger",
        ),
        "payload",
    )
    if p["payload_version"] != PAYLOAD_VERSION or isinstance(p["payload_version"], bool):
        raise MalformedBundle(f"payload_version {p['payload_version']!r} is not supported")
    rid = _str(p["ruling_id"], "ruling_id")
    try:
        if str(uuid.UUID(rid)) != rid:
            raise ValueError
    except ValueError:
        raise MalformedBundle("ruling_id must be a lowercase UUID") from None
    board = _keys(p["board"], ("id", "level", "name", "jurisdiction", "parent_id"), "board")
    _str(board["id"], "board.id")
    _str(board["name"], "board.name")
    _str(board["jurisdiction"], "board.jurisdiction", optional=True)
    _str(board["parent_id"], "board.parent_id", optional=True)
    if board["level"] not in {lv.value for lv in BoardLevel}:
        raise MalformedBundle("board.level is unknown")
    _int(p["serial"], "serial", 1)
    try:
        issued = date.fromisoformat(_str(p["issued_on"], "issued_on") or "")
        session = datetime.fromisoformat(_str(p["session_at"], "session_at") or "")
    except ValueError:
        raise MalformedBundle("issued_on/session_at are not ISO dates") from None
    if issued.isoformat() != p["issued_on"] or session.tzinfo is None:
        raise MalformedBundle("issued_on/session_at are not in canonical ISO form")
    if as_utc(session).isoformat() != p["session_at"]:
        raise MalformedBundle("session_at must be written in UTC")
    if p["issued_on_jalali"] != format_jalali(issued, persian_digits=False):
        raise MalformedBundle("issued_on_jalali does not match issued_on")
    _str(p["meeting_type"], "meeting_type")
    subject = _keys(p["subject"], ("kind", "ref"), "subject")
    if subject["kind"] not in {s.value for s in RulingSubject}:
        raise MalformedBundle("subject.kind is unknown")
    _str(subject["ref"], "subject.ref")
    if not isinstance(p["legal_basis"], list):
        raise MalformedBundle("legal_basis must be a list")
    for lb in p["legal_basis"]:
        lb = _keys(lb, ("article", "clause"), "legal_basis item")
        _str(lb["article"], "legal_basis.article")
        _str(lb["clause"], "legal_basis.clause")
    _str(p["reasoning"], "reasoning")
    _str(p["decision"], "decision")
    roles = {r.value for r in MemberRole}
    for group in ("present", "absent"):
        if not isinstance(p[group], list):
            raise MalformedBundle(f"{group} must be a list")
        for row in p[group]:
            row = _keys(row, ("member_id", "full_name", "role"), f"{group} item")
            _str(row["member_id"], f"{group}.member_id")
            _str(row["full_name"], f"{group}.full_name")
            if row["role"] not in roles:
                raise MalformedBundle(f"{group}.role is unknown")
    q = _keys(
        p["quorum"], ("full_membership", "required_present", "required_votes", "met"), "quorum"
    )
    for key in ("full_membership", "required_present", "required_votes"):
        _int(q[key], f"quorum.{key}", 1)
    if not isinstance(q["met"], bool):
        raise MalformedBundle("quorum.met must be true or false")
    if not isinstance(p["votes"], list):
        raise MalformedBundle("votes must be a list")
    for v in p["votes"]:
        v = _keys(v, ("member_id", "vote", "dissent_note"), "vote")
        _str(v["member_id"], "vote.member_id")
        _str(v["dissent_note"], "vote.dissent_note")
        if v["vote"] not in {x.value for x in Vote}:
            raise MalformedBundle("vote.vote is unknown")
    _str(p["supersedes"], "supersedes", optional=True)
    objection = _keys(p["objection"], ("deadline", "venue"), "objection")
    if objection["deadline"] is not None:
        try:
            if date.fromisoformat(objection["deadline"]).isoformat() != objection["deadline"]:
                raise ValueError
        except (TypeError, ValueError):
            raise MalformedBundle("objection.deadline is not an ISO date") from None
    _str(objection["venue"], "objection.venue")
    if not isinstance(p["notify"], list) or not all(isinstance(n, str) for n in p["notify"]):
        raise MalformedBundle("notify must be a list of strings")
    if not isinstance(p["extra"], dict) or not all(isinstance(v, str) for v in p["extra"].values()):
        raise MalformedBundle("extra must map strings to strings")
    ledger = _keys(p["ledger"], ("seq", "prev"), "ledger")
    _int(ledger["seq"], "ledger.seq", 1)
    prev = _str(ledger["prev"], "ledger.prev") or ""
    if len(prev) != 64 or any(c not in "0123456789abcdef" for c in prev):
        raise MalformedBundle("ledger.prev must be 64 lowercase hex digits")


def _payload_problems(p: dict[str, Any]) -> list[str]:
    """Semantic inconsistencies of a structurally valid payload (English details)."""
    try:
        _check_payload_structure(p)
    except MalformedBundle as exc:
        return [str(exc)]
    problems = []
    present = [r["member_id"] for r in p["present"]]
    absent = [r["member_id"] for r in p["absent"]]
    if len(set(present)) != len(present) or len(set(absent)) != len(absent):
        problems.append("a member is listed twice")
    if set(present) & set(absent):
        problems.append("a member is listed as both present and absent")
    voters = [v["member_id"] for v in p["votes"]]
    if len(set(voters)) != len(voters):
        problems.append("a member voted twice")
    if not set(voters) <= set(present):
        problems.append("a member who was not present voted")
    q = p["quorum"]
    try:
        rule = QuorumRule(q["full_membership"], q["required_present"], q["required_votes"])
    except DomainError as exc:
        problems.append(f"invalid quorum rule: {exc}")
    else:
        if q["met"] != rule.has_quorum(len(present)):
            problems.append("quorum.met does not match the number present")
    seq, prev = p["ledger"]["seq"], p["ledger"]["prev"]
    if (seq == 1) != (prev == GENESIS_HASH):
        problems.append("only the first ledger entry may point to the genesis hash")
    if p["supersedes"] == p["ruling_id"]:
        problems.append("a ruling cannot supersede itself")
    return problems


def parse_bundle(data: bytes) -> ParsedBundle:
    """Decode and structurally check a bundle; :class:`MalformedBundle` on any deviation."""
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MalformedBundle(f"not JSON: {exc}") from None
    try:
        canonical = canonical_json(document)
    except Exception as exc:  # rfc8785 refuses e.g. floats it cannot represent exactly
        raise MalformedBundle(f"not canonicalisable: {exc}") from None
    if canonical != data:
        raise NonCanonicalBundle("bytes are not the canonical encoding")
    _keys(document, _BUNDLE_KEYS, "bundle")
    if document["format"] != BUNDLE_FORMAT or document["version"] != BUNDLE_VERSION:
        raise MalformedBundle("not a ruling bundle of a supported version")
    if isinstance(document["version"], bool):
        raise MalformedBundle("version must be an integer")
    _check_payload_structure(document["payload"])
    if not isinstance(document["signatures"], list):
        raise MalformedBundle("signatures must be a list")
    entries = []
    for i, raw in enumerate(document["signatures"]):
        raw = _keys(raw, ("member_id", "certificate", "signature"), f"signature {i + 1}")
        entries.append(
            SignatureEntry(
                _str(raw["member_id"], "signature.member_id") or "",
                _str(raw["certificate"], "signature.certificate") or "",
                _b64(raw["signature"], "signature.signature"),
            )
        )
    return ParsedBundle(
        payload=document["payload"],
        payload_sha256=_str(document["payload_sha256"], "payload_sha256") or "",
        signatures=tuple(entries),
        ca_certificate_pem=_str(document["ca_certificate"], "ca_certificate") or "",
        crl_pem=_str(document["crl"], "crl") or "",
        ledger_entry=_keys(document["ledger_entry"], ENTRY_KEYS, "ledger_entry"),
    )


# --- verification ---------------------------------------------------------------------------


def _revocation_problem(
    cert: x509.Certificate,
    crls: Sequence[x509.CertificateRevocationList],
    signed_at: datetime,
    at: datetime,
    strict: bool,
) -> str | None:
    for crl in crls:
        revoked = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if revoked is None:
            continue
        try:
            reason = revoked.extensions.get_extension_for_class(x509.CRLReason).value.reason
        except x509.ExtensionNotFound:
            reason = x509.ReasonFlags.unspecified
        if reason is x509.ReasonFlags.remove_from_crl:
            continue
        when = revoked.revocation_date_utc
        detail = f"{reason.value} since {when.isoformat()}"
        if (strict and when <= at) or reason in _HARD_REASONS or when <= signed_at:
            return detail
    return None


def _load_trusted(trusted_ca_pem: str | bytes) -> x509.Certificate:
    raw = trusted_ca_pem.encode("ascii") if isinstance(trusted_ca_pem, str) else trusted_ca_pem
    return x509.load_pem_x509_certificate(raw)


def verify_bundle(
    bundle_bytes: bytes,
    trusted_ca_pem: str | bytes,
    *,
    at: datetime,
    ledger: Ledger | None = None,
    quorum: QuorumRule | None = None,
    roster: Iterable[BoardMember] | None = None,
    extra_crls: Sequence[str | bytes] = (),
    strict: bool = False,
) -> VerificationReport:
    """Check a sealed bundle against the trusted central CA; ``ok`` only if every check holds.

    ``at`` is the verification time. ``ledger`` adds inclusion/continuity checks;
    ``quorum`` and ``roster`` (the board's authoritative rule and members) override what
    the payload claims; ``extra_crls`` are newer CRLs from the CA; ``strict`` is sealing
    mode (see the module docstring).
    """
    at = as_utc(at)
    trusted = _load_trusted(trusted_ca_pem)
    try:
        return _verify(
            bundle_bytes, trusted, at=at, ledger=ledger, quorum=quorum, roster=roster,
            extra_crls=extra_crls, strict=strict,
        )
    except Exception as exc:  # damaged input must yield a failed report, never a crash
        report = VerificationReport()
        report.fail("malformed", detail=f"{type(exc).__name__}: {exc}")
        return report


def _verify(
    bundle_bytes: bytes,
    trusted: x509.Certificate,
    *,
    at: datetime,
    ledger: Ledger | None,
    quorum: QuorumRule | None,
    roster: Iterable[BoardMember] | None,
    extra_crls: Sequence[str | bytes],
    strict: bool,
) -> VerificationReport:
    report = VerificationReport()
    try:
        bundle = parse_bundle(bundle_bytes)
    except NonCanonicalBundle:
        report.fail("not_canonical")
        return report
    except MalformedBundle as exc:
        report.fail("malformed", detail=str(exc))
        return report

    payload = bundle.payload
    board_id = payload["board"]["id"]
    report.ruling_id = payload["ruling_id"]
    report.board_id = board_id
    data = payload_bytes(payload)
    report.ruling_hash = digest = sha256_hex(data)
    if bundle.payload_sha256 != digest:
        report.fail("payload_hash", detail=f"recorded {bundle.payload_sha256[:16]}…")
    for problem in _payload_problems(payload):
        report.fail("payload_inconsistent", detail=problem)

    if bundle.ca_certificate_pem != cert_pem(trusted):
        report.fail("ca_mismatch")

    crls = _trusted_crls(report, bundle.crl_pem, extra_crls, trusted)
    if strict and not any(c.last_update_utc <= at <= (c.next_update_utc or at) for c in crls):
        report.fail("crl_stale", detail=f"no revocation list covers {at.isoformat()}")

    session_at = as_utc(datetime.fromisoformat(payload["session_at"]))
    if session_at > at + CLOCK_SKEW:
        report.fail("signed_in_future", detail=f"{session_at.isoformat()} > {at.isoformat()}")

    valid = _check_signatures(
        report, bundle, data, trusted, crls, session_at, at, strict,
        {m.id: m for m in roster} if roster is not None else None,
    )
    report.valid_signers = tuple(valid)
    _check_quorum(report, payload, quorum, valid)

    expected = ledger_entry_for(payload, digest)
    if bundle.ledger_entry != expected.as_dict():
        differing = sorted(
            k for k, v in expected.as_dict().items() if bundle.ledger_entry.get(k) != v
        )
        report.fail("ledger_entry", detail="differs in " + ", ".join(differing))
    if ledger is not None:
        _check_ledger(report, payload, expected, ledger)
    return report


def _trusted_crls(
    report: VerificationReport,
    bundle_crl: str,
    extra: Sequence[str | bytes],
    trusted: x509.Certificate,
) -> list[x509.CertificateRevocationList]:
    crls = []
    candidates: list[tuple[str, bool]] = [(bundle_crl, True)]
    candidates += [(c.decode("ascii") if isinstance(c, bytes) else c, False) for c in extra]
    for pem, exact in candidates:
        try:
            crl = (
                load_crl_exact(pem) if exact
                else touch_crl(x509.load_pem_x509_crl(pem.encode("ascii")))
            )
        except ValueError as exc:
            report.fail("crl_invalid", detail=f"unreadable: {exc}")
            continue
        if crl.issuer != trusted.subject or not crl.is_signature_valid(trusted.public_key()):
            report.fail("crl_invalid", detail="bad signature or issuer")
            continue
        crls.append(crl)
    return crls


def _check_signatures(
    report: VerificationReport,
    bundle: ParsedBundle,
    data: bytes,
    trusted: x509.Certificate,
    crls: Sequence[x509.CertificateRevocationList],
    session_at: datetime,
    at: datetime,
    strict: bool,
    roster: dict[str, BoardMember] | None,
) -> list[str]:
    payload = bundle.payload
    board_id = payload["board"]["id"]
    present = {row["member_id"]: row for row in payload["present"]}
    ids = [s.member_id for s in bundle.signatures]
    if ids != sorted(ids):
        report.fail("signature_order", detail=", ".join(ids))
    seen_members: set[str] = set()
    seen_keys: set[bytes] = set()
    valid: list[str] = []
    for entry in bundle.signatures:
        member = entry.member_id
        if member in seen_members:
            report.fail("duplicate_signer", member=member, detail="same member id")
            continue
        seen_members.add(member)
        try:
            cert = load_cert_exact(entry.certificate_pem)
        except ValueError as exc:
            report.fail("certificate_malformed", member=member, detail=str(exc))
            continue
        spki = cert.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if spki in seen_keys:
            report.fail("duplicate_signer", member=member, detail="key already used")
            continue
        seen_keys.add(spki)
        before = len(report.failures)

        in_window = cert.not_valid_before_utc <= session_at <= cert.not_valid_after_utc
        if not in_window:
            report.fail("certificate_expired", member=member, detail=session_at.isoformat())
        if strict and not cert.not_valid_before_utc <= at <= cert.not_valid_after_utc:
            report.fail("certificate_expired", member=member, detail=at.isoformat())
        # Trust is judged inside the validity window so a forged certificate reads
        # "untrusted" even when it is also expired.
        chain = chain_problem(cert, trusted, session_at if in_window else cert.not_valid_before_utc)
        if chain:
            report.fail("certificate_untrusted", member=member, detail=chain)
        usage = usage_problem(cert)
        if usage:
            report.fail("key_usage", member=member, detail=usage)
        binding = binding_of(cert)
        if binding.board_id != board_id:
            report.fail(
                "wrong_board", member=member,
                detail=f"certificate for board {binding.board_id!r}, ruling of {board_id!r}",
            )
        if binding.member_id != member:
            report.fail(
                "member_mismatch", member=member, detail=f"certificate of {binding.member_id!r}"
            )
        if member not in present:
            report.fail("not_present", member=member)
        elif binding.role != present[member]["role"]:
            report.fail(
                "role_mismatch", member=member,
                detail=f"{binding.role!r} in the certificate, "
                f"{present[member]['role']!r} in the ruling",
            )
        if roster is not None:
            listed = roster.get(member)
            if listed is None or listed.board_id != board_id or not listed.active:
                report.fail("not_on_roster", member=member, detail=f"board {board_id}")
        revoked = _revocation_problem(cert, crls, session_at, at, strict)
        if revoked:
            report.fail("certificate_revoked", member=member, detail=revoked)
        key = cert.public_key()
        try:
            if not isinstance(key, ec.EllipticCurvePublicKey):
                raise InvalidSignature
            key.verify(entry.signature, data, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            report.fail("signature_invalid", member=member)
        if len(report.failures) == before:
            valid.append(member)
    return valid


def _check_quorum(
    report: VerificationReport,
    payload: dict[str, Any],
    authoritative: QuorumRule | None,
    valid: Sequence[str],
) -> None:
    q = payload["quorum"]
    try:
        claimed = QuorumRule(q["full_membership"], q["required_present"], q["required_votes"])
    except DomainError:
        claimed = None  # already reported as payload_inconsistent
    rule = authoritative or claimed
    if authoritative is not None and claimed is not None and (
        (claimed.full_membership, claimed.required_present, claimed.required_votes)
        != (authoritative.full_membership, authoritative.required_present,
            authoritative.required_votes)
    ):
        report.fail(
            "quorum_rule_mismatch",
            detail=f"ruling says {claimed.required_present}/{claimed.full_membership}, "
            f"board rule is {authoritative.required_present}/{authoritative.full_membership}",
        )
    if rule is None:
        return
    if len(valid) < rule.required_present:
        report.fail(
            "quorum_not_met",
            detail=f"{len(valid)} valid signatures of board members, "
            f"{rule.required_present} required",
        )
    approving = sum(
        1 for v in payload["votes"] if v["vote"] == Vote.APPROVE.value and v["member_id"] in valid
    )
    if approving < rule.required_votes:
        report.fail(
            "majority_not_met",
            detail=f"{approving} signed approving votes, {rule.required_votes} required",
        )


def _check_ledger(
    report: VerificationReport, payload: dict[str, Any], expected: LedgerEntry, ledger: Ledger
) -> None:
    if ledger.board_id != expected.board_id:
        report.fail(
            "ledger_board", detail=f"ledger of {ledger.board_id}, ruling of {expected.board_id}"
        )
        return
    at_seq = ledger.entry_at(expected.seq)
    same_ruling = ledger.find_ruling(expected.ruling_id)
    if at_seq == expected:
        report.ledger_position = "included"
    elif same_ruling is not None:
        report.fail("ledger_replay", detail=f"ruling already recorded as entry {same_ruling.seq}")
    elif at_seq is not None:
        report.fail("ledger_fork", detail=f"entry {expected.seq} already holds another ruling")
    elif expected.seq == ledger.next_seq and expected.prev == ledger.head_hash:
        report.ledger_position = "next"
    elif expected.seq == ledger.next_seq:
        # The right position on another history: no later arrival can mend it, so it is a
        # fork (a gap, which waits for the missing entries, would wait forever).
        report.fail(
            "ledger_fork",
            detail=f"entry {expected.seq} follows {expected.prev[:16]}…, "
            f"not the ledger's head {ledger.head_hash[:16]}…",
        )
    else:
        report.fail(
            "ledger_gap",
            detail=f"ruling claims entry {expected.seq}; "
            f"the ledger's next entry is {ledger.next_seq}",
        )
    supersedes = payload["supersedes"]
    if supersedes is not None:
        earlier = ledger.find_ruling(supersedes)
        if earlier is None or earlier.seq >= expected.seq:
            report.fail("supersedes_unknown", detail=supersedes)
