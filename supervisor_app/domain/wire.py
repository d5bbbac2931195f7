"""JSON wire forms of every record that crosses the client–server link, with strict codecs.

``encode_<kind>(obj) -> dict`` and ``decode_<kind>(data) -> obj``; ``encode(kind, obj)`` and
``decode(kind, data)`` dispatch on the kind name used in feeds, pushes and digests (see
``registry_server/API.md`` §5). Decoding is strict so that a malformed server answer or a
malformed push is refused before anything is written:

* every field is required (nullable ones as ``null``) and unknown fields are errors;
* types are exact (``True`` is not an int, ints are not floats, no floats at all);
* strings have length limits, no NUL and no lone surrogates (PostgreSQL and UTF-8 refuse
  them), codes and ids match a pattern;
* dates and datetimes must be spelled exactly as ``isoformat()`` spells them, so that
  ``encode(decode(x)) == x`` and both ends hash identical canonical bytes.

Any problem raises :class:`WireError` naming the field path (``documents[2].sha256``).
Pure Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from .boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from .candidates import (
    Art41Post,
    CandidateStatus,
    DecisionOutcome,
    DecisionStage,
    Document,
    DocumentKind,
    Dossier,
    Gender,
    Inquiry,
    InquiryAuthority,
    InquiryResult,
    LegalBasis,
    MilitaryStatus,
    Objection,
    ObjectionStatus,
    QualificationDecision,
    VeteranStatus,
)
from .complaints import ComplaintEvent, ComplaintEventKind
from .cycle import ElectionCycle, RelativeDeadline, Stage, StageWindow, Track
from .election_day import (
    Attachment,
    Branch,
    ComplainantKind,
    Complaint,
    ComplaintStatus,
    Observer,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from .errors import DomainError
from .geography import Constituency, ConstituencyKind, County, District, EducationLevel, Province

WIRE_SCHEMA_VERSION = 1

MAX_SAFE_INT = 2**53 - 1  # JSON numbers beyond this lose precision in other languages
MAX_PEM_CHARS = 256 * 1024
MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024

_CODE = re.compile(r"[0-9A-Za-z._/-]{1,32}")
_ID = re.compile(r"[0-9A-Za-z._:/-]{1,64}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_NATIONAL_ID = re.compile(r"[0-9]{10}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


class WireError(ValueError):
    """A wire document does not have the expected shape; ``field`` names where."""

    message_fa = "داده‌های دریافتی یا ارسالی معتبر نیست."

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.reason = message


# --- records that have no domain class elsewhere ------------------------------------------


@dataclass(frozen=True, slots=True)
class RulingRef:
    """What the server publishes about a sealed ruling it accepted (bundle by hash)."""

    ruling_id: str
    board_id: str
    serial: int
    issued_on: date
    subject_kind: str
    subject_ref: str
    supersedes: str | None
    ledger_seq: int
    ruling_hash: str
    bundle_sha256: str
    # sealed | awaiting_approval (an annulment below the central board, until the central
    # board's approving ruling arrives) | refused (the central board refused it)
    status: str = "sealed"


RULING_REF_STATUSES = ("sealed", "awaiting_approval", "refused")


@dataclass(frozen=True, slots=True)
class PkiRecord:
    """The central CA's certificate and current revocation list, distributed by sync."""

    id: str
    ca_certificate: str
    crl: str


@dataclass(frozen=True, slots=True)
class AuditHead:
    """A workstation's audit-chain head, pushed so the server can notice forks."""

    id: str
    board_id: str
    device_id: str
    seq: int
    hash: str
    at: datetime


# --- reading helpers ----------------------------------------------------------------------


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _obj(data: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise WireError(path, "must be an object")
    if len(data) != len(keys) or any(k not in data for k in keys):
        missing = [k for k in keys if k not in data]
        if missing:
            raise WireError(_join(path, missing[0]), "is required")
        extra = sorted(str(k) for k in data if k not in keys)
        raise WireError(_join(path, extra[0]), "is not a known field")
    return data


def _text(
    data: dict[str, Any],
    key: str,
    path: str,
    *,
    max_len: int,
    min_len: int = 0,
    pattern: re.Pattern[str] | None = None,
) -> str:
    value = data[key]
    where = _join(path, key)
    if not isinstance(value, str):
        raise WireError(where, "must be a string")
    return _check_text(value, where, max_len=max_len, min_len=min_len, pattern=pattern)


def _check_text(
    value: str,
    where: str,
    *,
    max_len: int,
    min_len: int = 0,
    pattern: re.Pattern[str] | None = None,
) -> str:
    if len(value) > max_len:
        raise WireError(where, f"longer than {max_len} characters")
    if len(value) < min_len:
        raise WireError(where, "must not be empty" if min_len == 1 else f"shorter than {min_len}")
    if pattern is not None:
        if not pattern.fullmatch(value):
            raise WireError(where, "has characters or a form that is not allowed")
        return value
    if "\x00" in value:
        raise WireError(where, "must not contain NUL characters")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise WireError(where, "is not valid Unicode (lone surrogate)") from None
    return value


def _opt_text(
    data: dict[str, Any],
    key: str,
    path: str,
    *,
    max_len: int,
    min_len: int = 0,
    pattern: re.Pattern[str] | None = None,
) -> str | None:
    if data[key] is None:
        return None
    return _text(data, key, path, max_len=max_len, min_len=min_len, pattern=pattern)


def _code(data: dict[str, Any], key: str, path: str) -> str:
    return _text(data, key, path, max_len=32, pattern=_CODE)


def _opt_code(data: dict[str, Any], key: str, path: str) -> str | None:
    return _opt_text(data, key, path, max_len=32, pattern=_CODE)


def _ident(data: dict[str, Any], key: str, path: str) -> str:
    return _text(data, key, path, max_len=64, pattern=_ID)


def _opt_ident(data: dict[str, Any], key: str, path: str) -> str | None:
    return _opt_text(data, key, path, max_len=64, pattern=_ID)


def _int(
    data: dict[str, Any], key: str, path: str, *, lo: int = 0, hi: int = MAX_SAFE_INT
) -> int:
    value = data[key]
    where = _join(path, key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise WireError(where, "must be an integer")
    if not lo <= value <= hi:
        raise WireError(where, f"must be between {lo} and {hi}")
    return value


def _opt_int(
    data: dict[str, Any], key: str, path: str, *, lo: int = 0, hi: int = MAX_SAFE_INT
) -> int | None:
    return None if data[key] is None else _int(data, key, path, lo=lo, hi=hi)


def _bool(data: dict[str, Any], key: str, path: str) -> bool:
    value = data[key]
    if not isinstance(value, bool):
        raise WireError(_join(path, key), "must be true or false")
    return value


def _enum(data: dict[str, Any], key: str, path: str, enum: type[E]) -> E:
    value = data[key]
    try:
        return enum(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(m.value) for m in enum)  # type: ignore[var-annotated]
        raise WireError(_join(path, key), f"must be one of: {allowed}") from None


def _choice(data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]) -> str:
    value = data[key]
    if not isinstance(value, str) or value not in allowed:
        raise WireError(_join(path, key), f"must be one of: {', '.join(allowed)}")
    return value


def _date(data: dict[str, Any], key: str, path: str) -> date:
    value = data[key]
    where = _join(path, key)
    if not isinstance(value, str) or len(value) != 10:
        raise WireError(where, "must be a date YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise WireError(where, "must be a date YYYY-MM-DD") from None
    if parsed.isoformat() != value:
        raise WireError(where, "must be a date YYYY-MM-DD")
    return parsed


def _opt_date(data: dict[str, Any], key: str, path: str) -> date | None:
    return None if data[key] is None else _date(data, key, path)


def _datetime(data: dict[str, Any], key: str, path: str) -> datetime:
    value = data[key]
    where = _join(path, key)
    if not isinstance(value, str) or not 19 <= len(value) <= 40:
        raise WireError(where, "must be an ISO 8601 datetime")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise WireError(where, "must be an ISO 8601 datetime") from None
    if parsed.isoformat() != value:  # one spelling only: both ends must hash the same bytes
        raise WireError(where, "must be spelled as isoformat() spells it")
    return parsed


def _opt_datetime(data: dict[str, Any], key: str, path: str) -> datetime | None:
    return None if data[key] is None else _datetime(data, key, path)


def _list(
    data: dict[str, Any],
    key: str,
    path: str,
    max_items: int,
    item: Callable[[Any, str], T],
) -> list[T]:
    value = data[key]
    where = _join(path, key)
    if not isinstance(value, list):
        raise WireError(where, "must be a list")
    if len(value) > max_items:
        raise WireError(where, f"more than {max_items} items")
    return [item(v, f"{where}[{i}]") for i, v in enumerate(value)]


def _str_item(max_len: int, pattern: re.Pattern[str] | None = None) -> Callable[[Any, str], str]:
    def read(value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise WireError(where, "must be a string")
        return _check_text(value, where, max_len=max_len, min_len=1, pattern=pattern)

    return read


def _domain(where: str, build: Callable[[], T]) -> T:
    """Run a domain constructor; its rule violations become wire errors at ``where``."""
    try:
        return build()
    except DomainError as exc:
        raise WireError(where, str(exc)) from None


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# --- geography and cycle ------------------------------------------------------------------


def encode_province(p: Province) -> dict[str, Any]:
    return {"code": p.code, "name": p.name}


def decode_province(data: Any, path: str = "") -> Province:
    d = _obj(data, path, ("code", "name"))
    return Province(_code(d, "code", path), _text(d, "name", path, max_len=100, min_len=1))


def encode_county(c: County) -> dict[str, Any]:
    return {"code": c.code, "province_code": c.province_code, "name": c.name}


def decode_county(data: Any, path: str = "") -> County:
    d = _obj(data, path, ("code", "province_code", "name"))
    return County(
        _code(d, "code", path),
        _code(d, "province_code", path),
        _text(d, "name", path, max_len=100, min_len=1),
    )


def encode_district(x: District) -> dict[str, Any]:
    return {"code": x.code, "county_code": x.county_code, "name": x.name}


def decode_district(data: Any, path: str = "") -> District:
    d = _obj(data, path, ("code", "county_code", "name"))
    return District(
        _code(d, "code", path),
        _code(d, "county_code", path),
        _text(d, "name", path, max_len=100, min_len=1),
    )


_CONSTITUENCY_KEYS = (
    "code", "county_code", "district_code", "name", "kind", "seats", "population",
    "households", "proportional",
)


def encode_constituency(c: Constituency) -> dict[str, Any]:
    return {
        "code": c.code,
        "county_code": c.county_code,
        "district_code": c.district_code,
        "name": c.name,
        "kind": c.kind.value,
        "seats": c.seats,
        "population": c.population,
        "households": c.households,
        "proportional": c.proportional,
    }


def decode_constituency(data: Any, path: str = "") -> Constituency:
    d = _obj(data, path, _CONSTITUENCY_KEYS)
    return _domain(
        path,
        lambda: Constituency(
            code=_code(d, "code", path),
            county_code=_code(d, "county_code", path),
            district_code=_opt_code(d, "district_code", path),
            name=_text(d, "name", path, max_len=100, min_len=1),
            kind=_enum(d, "kind", path, ConstituencyKind),
            seats=_int(d, "seats", path, lo=1, hi=100),
            population=_opt_int(d, "population", path, hi=100_000_000),
            households=_opt_int(d, "households", path, hi=10_000_000),
            proportional=_bool(d, "proportional", path),
        ),
    )


def encode_cycle(c: ElectionCycle) -> dict[str, Any]:
    return {
        "code": c.code,
        "title": c.title,
        "election_day": c.election_day.isoformat(),
        "minimum_age": c.minimum_age,
        "big_city_population": c.big_city_population,
        "windows": [
            {
                "stage": w.stage.value,
                "track": w.track.value,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
            }
            for w in c.windows
        ],
        "deadlines": [
            {"name": x.name, "anchor": x.anchor, "days": x.days, "inclusive": x.inclusive}
            for x in c.deadlines
        ],
    }


def _window(value: Any, where: str) -> StageWindow:
    d = _obj(value, where, ("stage", "track", "start", "end"))
    return _domain(
        where,
        lambda: StageWindow(
            _enum(d, "stage", where, Stage),
            _enum(d, "track", where, Track),
            _date(d, "start", where),
            _date(d, "end", where),
        ),
    )


def _deadline(value: Any, where: str) -> RelativeDeadline:
    d = _obj(value, where, ("name", "anchor", "days", "inclusive"))
    return RelativeDeadline(
        _text(d, "name", where, max_len=64, pattern=_ID),
        _text(d, "anchor", where, max_len=64, pattern=_ID),
        _int(d, "days", where, lo=-3650, hi=3650),
        _bool(d, "inclusive", where),
    )


def decode_cycle(data: Any, path: str = "") -> ElectionCycle:
    d = _obj(
        data,
        path,
        ("code", "title", "election_day", "minimum_age", "big_city_population", "windows",
         "deadlines"),
    )
    return ElectionCycle(
        code=_code(d, "code", path),
        title=_text(d, "title", path, max_len=200, min_len=1),
        election_day=_date(d, "election_day", path),
        minimum_age=_int(d, "minimum_age", path, lo=18, hi=100),
        big_city_population=_int(d, "big_city_population", path, hi=100_000_000),
        windows=tuple(_list(d, "windows", path, 64, _window)),
        deadlines=tuple(_list(d, "deadlines", path, 64, _deadline)),
    )


# --- boards -------------------------------------------------------------------------------


def encode_board(b: Board) -> dict[str, Any]:
    return {
        "id": b.id,
        "level": b.level.value,
        "name": b.name,
        "jurisdiction": b.jurisdiction,
        "parent_id": b.parent_id,
        "quorum": {
            "full_membership": b.quorum.full_membership,
            "quorum": b.quorum.quorum,
            "majority": b.quorum.majority,
        },
    }


def decode_board(data: Any, path: str = "") -> Board:
    d = _obj(data, path, ("id", "level", "name", "jurisdiction", "parent_id", "quorum"))
    qpath = _join(path, "quorum")
    q = _obj(d["quorum"], qpath, ("full_membership", "quorum", "majority"))
    rule = _domain(
        qpath,
        lambda: QuorumRule(
            _int(q, "full_membership", qpath, lo=1, hi=100),
            _opt_int(q, "quorum", qpath, lo=1, hi=100),
            _opt_int(q, "majority", qpath, lo=1, hi=100),
        ),
    )
    return _domain(
        path,
        lambda: Board(
            id=_ident(d, "id", path),
            level=_enum(d, "level", path, BoardLevel),
            name=_text(d, "name", path, max_len=200, min_len=1),
            jurisdiction=_opt_code(d, "jurisdiction", path),
            parent_id=_opt_ident(d, "parent_id", path),
            quorum=rule,
        ),
    )


def encode_member(m: BoardMember) -> dict[str, Any]:
    return {
        "id": m.id,
        "board_id": m.board_id,
        "full_name": m.full_name,
        "national_id": m.national_id,
        "role": m.role.value,
        "active": m.active,
    }


def decode_member(data: Any, path: str = "") -> BoardMember:
    d = _obj(data, path, ("id", "board_id", "full_name", "national_id", "role", "active"))
    return BoardMember(
        id=_ident(d, "id", path),
        board_id=_ident(d, "board_id", path),
        full_name=_text(d, "full_name", path, max_len=128, min_len=1),
        national_id=_text(d, "national_id", path, max_len=10, pattern=_NATIONAL_ID),
        role=_enum(d, "role", path, MemberRole),
        active=_bool(d, "active", path),
    )


# --- election day -------------------------------------------------------------------------


def encode_branch(b: Branch) -> dict[str, Any]:
    return {
        "code": b.code,
        "constituency_code": b.constituency_code,
        "address": b.address,
        "device_ids": list(b.device_ids),
    }


def decode_branch(data: Any, path: str = "") -> Branch:
    d = _obj(data, path, ("code", "constituency_code", "address", "device_ids"))
    return Branch(
        code=_code(d, "code", path),
        constituency_code=_code(d, "constituency_code", path),
        address=_text(d, "address", path, max_len=512),
        device_ids=tuple(_list(d, "device_ids", path, 16, _str_item(64, _ID))),
    )


def encode_observer(o: Observer) -> dict[str, Any]:
    return {
        "id": o.id,
        "full_name": o.full_name,
        "national_id": o.national_id,
        "appointment_letter": o.appointment_letter,
        "branch_code": o.branch_code,
        "head_observer_id": o.head_observer_id,
    }


def decode_observer(data: Any, path: str = "") -> Observer:
    d = _obj(
        data,
        path,
        ("id", "full_name", "national_id", "appointment_letter", "branch_code",
         "head_observer_id"),
    )
    return Observer(
        id=_ident(d, "id", path),
        full_name=_text(d, "full_name", path, max_len=128, min_len=1),
        national_id=_text(d, "national_id", path, max_len=10, pattern=_NATIONAL_ID),
        appointment_letter=_text(d, "appointment_letter", path, max_len=64),
        branch_code=_opt_code(d, "branch_code", path),
        head_observer_id=_opt_ident(d, "head_observer_id", path),
    )


def encode_observer_report(r: ObserverReport) -> dict[str, Any]:
    return {
        "id": r.id,
        "branch_code": r.branch_code,
        "observed_at": r.observed_at.isoformat(),
        "category": r.category.value,
        "severity": r.severity.value,
        "description": r.description,
        "observer_id": r.observer_id,
        "witnesses": list(r.witnesses),
        "attachments": [
            {"filename": a.filename, "sha256": a.sha256, "size": a.size,
             "media_type": a.media_type}
            for a in r.attachments
        ],
        "recorded_at": _iso(r.recorded_at),
    }


def _attachment(value: Any, where: str) -> Attachment:
    d = _obj(value, where, ("filename", "sha256", "size", "media_type"))
    return Attachment(
        filename=_text(d, "filename", where, max_len=255, min_len=1),
        sha256=_text(d, "sha256", where, max_len=64, pattern=_HEX64),
        size=_int(d, "size", where, lo=1, hi=MAX_ATTACHMENT_BYTES),
        media_type=_text(d, "media_type", where, max_len=100, min_len=1),
    )


def decode_observer_report(data: Any, path: str = "") -> ObserverReport:
    d = _obj(
        data,
        path,
        ("id", "branch_code", "observed_at", "category", "severity", "description",
         "observer_id", "witnesses", "attachments", "recorded_at"),
    )
    return _domain(
        _join(path, "description"),
        lambda: ObserverReport(
            id=_ident(d, "id", path),
            branch_code=_code(d, "branch_code", path),
            observed_at=_datetime(d, "observed_at", path),
            category=_enum(d, "category", path, OffenceCategory),
            severity=_enum(d, "severity", path, Severity),
            description=_text(d, "description", path, max_len=8000, min_len=1),
            observer_id=_opt_ident(d, "observer_id", path),
            witnesses=tuple(_list(d, "witnesses", path, 32, _str_item(128))),
            attachments=tuple(_list(d, "attachments", path, 32, _attachment)),
            recorded_at=_opt_datetime(d, "recorded_at", path),
        ),
    )


_COMPLAINT_KEYS = (
    "id", "complainant_name", "complainant_national_id", "complainant_kind", "filed_at",
    "subject", "constituency_code", "branch_codes", "report_ids", "status", "assigned_to",
    "board_id", "filed_on_deadline",
)


def encode_complaint(c: Complaint) -> dict[str, Any]:
    return {
        "id": c.id,
        "complainant_name": c.complainant_name,
        "complainant_national_id": c.complainant_national_id,
        "complainant_kind": c.complainant_kind.value,
        "filed_at": c.filed_at.isoformat(),
        "subject": c.subject,
        "constituency_code": c.constituency_code,
        "branch_codes": list(c.branch_codes),
        "report_ids": list(c.report_ids),
        "status": c.status.value,
        "assigned_to": c.assigned_to,
        "board_id": c.board_id,
        "filed_on_deadline": _iso(c.filed_on_deadline),
    }


def decode_complaint(data: Any, path: str = "") -> Complaint:
    d = _obj(data, path, _COMPLAINT_KEYS)
    return _domain(
        path,
        lambda: Complaint(
            id=_ident(d, "id", path),
            complainant_name=_text(d, "complainant_name", path, max_len=128, min_len=1),
            complainant_national_id=_text(
                d, "complainant_national_id", path, max_len=10, pattern=_NATIONAL_ID
            ),
            complainant_kind=_enum(d, "complainant_kind", path, ComplainantKind),
            filed_at=_datetime(d, "filed_at", path),
            subject=_text(d, "subject", path, max_len=8000, min_len=1),
            constituency_code=_code(d, "constituency_code", path),
            branch_codes=_list(d, "branch_codes", path, 256, _str_item(32, _CODE)),
            report_ids=_list(d, "report_ids", path, 256, _str_item(64, _ID)),
            status=_enum(d, "status", path, ComplaintStatus),
            assigned_to=_opt_text(d, "assigned_to", path, max_len=128, min_len=1),
            board_id=_opt_ident(d, "board_id", path),
            filed_on_deadline=_opt_date(d, "filed_on_deadline", path),
        ),
    )


_COMPLAINT_EVENT_KEYS = ("id", "complaint_id", "position", "at", "kind", "actor", "text", "target")
MAX_COMPLAINT_EVENTS = 10_000  # positions per complaint


def encode_complaint_event(e: ComplaintEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "complaint_id": e.complaint_id,
        "position": e.position,
        "at": e.at.isoformat(),
        "kind": e.kind.value,
        "actor": e.actor,
        "text": e.text,
        "target": e.target,
    }


def decode_complaint_event(data: Any, path: str = "") -> ComplaintEvent:
    d = _obj(data, path, _COMPLAINT_EVENT_KEYS)
    return _domain(
        path,
        lambda: ComplaintEvent(
            id=_ident(d, "id", path),
            complaint_id=_ident(d, "complaint_id", path),
            position=_int(d, "position", path, lo=0, hi=MAX_COMPLAINT_EVENTS),
            at=_datetime(d, "at", path),
            kind=_enum(d, "kind", path, ComplaintEventKind),
            actor=_text(d, "actor", path, max_len=128, min_len=1),
            text=_text(d, "text", path, max_len=8000),
            target=_opt_text(d, "target", path, max_len=128, min_len=1),
        ),
    )


# --- dossiers, decisions, objections ------------------------------------------------------

_DOSSIER_KEYS = (
    "registration_id", "national_id", "first_name", "last_name", "father_name", "birth_date",
    "birthplace", "gender", "mobile", "education", "education_field",
    "degree_verification_code", "occupation", "address", "residence_constituency_code",
    "constituency_code", "registered_at", "military_status", "veteran_status",
    "previous_council_member_of", "art41_post", "executive_opinion", "status", "documents",
    "inquiries", "revision",
)


def encode_document(doc: Document) -> dict[str, Any]:
    return {
        "kind": doc.kind.value,
        "filename": doc.filename,
        "sha256": doc.sha256,
        "size": doc.size,
        "uploaded_at": doc.uploaded_at.isoformat(),
        "issued_on": _iso(doc.issued_on),
    }


def encode_inquiry(q: Inquiry) -> dict[str, Any]:
    return {
        "authority": q.authority.value,
        "sent_on": q.sent_on.isoformat(),
        "received_on": _iso(q.received_on),
        "result": q.result.value,
        "note": q.note,
    }


def encode_dossier(x: Dossier) -> dict[str, Any]:
    return {
        "registration_id": x.registration_id,
        "national_id": x.national_id,
        "first_name": x.first_name,
        "last_name": x.last_name,
        "father_name": x.father_name,
        "birth_date": x.birth_date.isoformat(),
        "birthplace": x.birthplace,
        "gender": x.gender.value,
        "mobile": x.mobile,
        "education": int(x.education),
        "education_field": x.education_field,
        "degree_verification_code": x.degree_verification_code,
        "occupation": x.occupation,
        "address": x.address,
        "residence_constituency_code": x.residence_constituency_code,
        "constituency_code": x.constituency_code,
        "registered_at": x.registered_at.isoformat(),
        "military_status": x.military_status.value,
        "veteran_status": x.veteran_status.value,
        "previous_council_member_of": x.previous_council_member_of,
        "art41_post": (
            None
            if x.art41_post is None
            else {"title": x.art41_post.title, "resigned_on": _iso(x.art41_post.resigned_on)}
        ),
        "executive_opinion": x.executive_opinion,
        "status": x.status.value,
        "documents": [encode_document(doc) for doc in x.documents],
        "inquiries": [encode_inquiry(q) for q in x.inquiries],
        "revision": x.revision,
    }


def _document(value: Any, where: str) -> Document:
    d = _obj(value, where, ("kind", "filename", "sha256", "size", "uploaded_at", "issued_on"))
    return _domain(
        where,
        lambda: Document(
            kind=_enum(d, "kind", where, DocumentKind),
            filename=_text(d, "filename", where, max_len=255, min_len=1),
            sha256=_text(d, "sha256", where, max_len=64, pattern=_HEX64),
            size=_int(d, "size", where, lo=1, hi=MAX_ATTACHMENT_BYTES),
            uploaded_at=_datetime(d, "uploaded_at", where),
            issued_on=_opt_date(d, "issued_on", where),
        ),
    )


def _inquiry(value: Any, where: str) -> Inquiry:
    d = _obj(value, where, ("authority", "sent_on", "received_on", "result", "note"))
    return Inquiry(
        authority=_enum(d, "authority", where, InquiryAuthority),
        sent_on=_date(d, "sent_on", where),
        received_on=_opt_date(d, "received_on", where),
        result=_enum(d, "result", where, InquiryResult),
        note=_text(d, "note", where, max_len=1000),
    )


def _art41(d: dict[str, Any], path: str) -> Art41Post | None:
    if d["art41_post"] is None:
        return None
    where = _join(path, "art41_post")
    p = _obj(d["art41_post"], where, ("title", "resigned_on"))
    return Art41Post(_text(p, "title", where, max_len=128, min_len=1),
                     _opt_date(p, "resigned_on", where))


def _education(d: dict[str, Any], path: str) -> EducationLevel:
    return EducationLevel(_int(d, "education", path, lo=0, hi=max(EducationLevel)))


def decode_dossier(data: Any, path: str = "") -> Dossier:
    d = _obj(data, path, _DOSSIER_KEYS)
    return Dossier(
        registration_id=_ident(d, "registration_id", path),
        national_id=_text(d, "national_id", path, max_len=10, pattern=_NATIONAL_ID),
        first_name=_text(d, "first_name", path, max_len=64, min_len=1),
        last_name=_text(d, "last_name", path, max_len=64, min_len=1),
        father_name=_text(d, "father_name", path, max_len=64, min_len=1),
        birth_date=_date(d, "birth_date", path),
        birthplace=_text(d, "birthplace", path, max_len=64),
        gender=_enum(d, "gender", path, Gender),
        mobile=_text(d, "mobile", path, max_len=20),
        education=_education(d, path),
        education_field=_text(d, "education_field", path, max_len=128),
        degree_verification_code=_opt_text(d, "degree_verification_code", path, max_len=64),
        occupation=_text(d, "occupation", path, max_len=128),
        address=_text(d, "address", path, max_len=512),
        residence_constituency_code=_code(d, "residence_constituency_code", path),
        constituency_code=_code(d, "constituency_code", path),
        registered_at=_datetime(d, "registered_at", path),
        military_status=_enum(d, "military_status", path, MilitaryStatus),
        veteran_status=_enum(d, "veteran_status", path, VeteranStatus),
        previous_council_member_of=_opt_code(d, "previous_council_member_of", path),
        art41_post=_art41(d, path),
        executive_opinion=_text(d, "executive_opinion", path, max_len=4000),
        status=_enum(d, "status", path, CandidateStatus),
        documents=_list(d, "documents", path, 16, _document),
        inquiries=_list(d, "inquiries", path, 16, _inquiry),
        revision=_int(d, "revision", path),
    )


_DECISION_KEYS = (
    "id", "registration_id", "stage", "board_id", "outcome", "legal_basis", "reason",
    "decided_on", "ruling_id",
)


def encode_decision(x: QualificationDecision) -> dict[str, Any]:
    return {
        "id": x.id,
        "registration_id": x.registration_id,
        "stage": x.stage.value,
        "board_id": x.board_id,
        "outcome": x.outcome.value,
        "legal_basis": [{"article": b.article, "clause": b.clause} for b in x.legal_basis],
        "reason": x.reason,
        "decided_on": x.decided_on.isoformat(),
        "ruling_id": x.ruling_id,
    }


def _legal_basis(value: Any, where: str) -> LegalBasis:
    d = _obj(value, where, ("article", "clause"))
    return LegalBasis(
        _text(d, "article", where, max_len=32, min_len=1), _text(d, "clause", where, max_len=32)
    )


def decode_decision(data: Any, path: str = "") -> QualificationDecision:
    d = _obj(data, path, _DECISION_KEYS)
    return _domain(
        path,
        lambda: QualificationDecision(
            id=_ident(d, "id", path),
            registration_id=_ident(d, "registration_id", path),
            stage=_enum(d, "stage", path, DecisionStage),
            board_id=_opt_ident(d, "board_id", path),
            outcome=_enum(d, "outcome", path, DecisionOutcome),
            legal_basis=tuple(_list(d, "legal_basis", path, 16, _legal_basis)),
            reason=_text(d, "reason", path, max_len=4000),
            decided_on=_date(d, "decided_on", path),
            ruling_id=_opt_ident(d, "ruling_id", path),
        ),
    )


_OBJECTION_KEYS = (
    "id", "registration_id", "against_decision_id", "filed_on", "text", "routed_to_board_id",
    "status",
)


def encode_objection(x: Objection) -> dict[str, Any]:
    return {
        "id": x.id,
        "registration_id": x.registration_id,
        "against_decision_id": x.against_decision_id,
        "filed_on": x.filed_on.isoformat(),
        "text": x.text,
        "routed_to_board_id": x.routed_to_board_id,
        "status": x.status.value,
    }


def decode_objection(data: Any, path: str = "") -> Objection:
    d = _obj(data, path, _OBJECTION_KEYS)
    return _domain(
        _join(path, "text"),
        lambda: Objection(
            id=_ident(d, "id", path),
            registration_id=_ident(d, "registration_id", path),
            against_decision_id=_ident(d, "against_decision_id", path),
            filed_on=_date(d, "filed_on", path),
            text=_text(d, "text", path, max_len=8000, min_len=1),
            routed_to_board_id=_ident(d, "routed_to_board_id", path),
            status=_enum(d, "status", path, ObjectionStatus),
        ),
    )


# --- rulings, PKI, audit heads ------------------------------------------------------------

_RULING_REF_KEYS = (
    "ruling_id", "board_id", "serial", "issued_on", "subject_kind", "subject_ref",
    "supersedes", "ledger_seq", "ruling_hash", "bundle_sha256", "status",
)


def encode_ruling_ref(x: RulingRef) -> dict[str, Any]:
    return {
        "ruling_id": x.ruling_id,
        "board_id": x.board_id,
        "serial": x.serial,
        "issued_on": x.issued_on.isoformat(),
        "subject_kind": x.subject_kind,
        "subject_ref": x.subject_ref,
        "supersedes": x.supersedes,
        "ledger_seq": x.ledger_seq,
        "ruling_hash": x.ruling_hash,
        "bundle_sha256": x.bundle_sha256,
        "status": x.status,
    }


def decode_ruling_ref(data: Any, path: str = "") -> RulingRef:
    if isinstance(data, dict) and "status" not in data:
        # Published before refs had a status (and kept verbatim in workstations' stores
        # since): every one of them was a sealed ruling as far as the server knew.
        data = {**data, "status": "sealed"}
    d = _obj(data, path, _RULING_REF_KEYS)
    return RulingRef(
        ruling_id=_ident(d, "ruling_id", path),
        board_id=_ident(d, "board_id", path),
        serial=_int(d, "serial", path, lo=1),
        issued_on=_date(d, "issued_on", path),
        subject_kind=_text(d, "subject_kind", path, max_len=32, pattern=_ID),
        subject_ref=_text(d, "subject_ref", path, max_len=128, min_len=1),
        supersedes=_opt_ident(d, "supersedes", path),
        ledger_seq=_int(d, "ledger_seq", path, lo=1),
        ruling_hash=_text(d, "ruling_hash", path, max_len=64, pattern=_HEX64),
        bundle_sha256=_text(d, "bundle_sha256", path, max_len=64, pattern=_HEX64),
        status=_choice(d, "status", path, RULING_REF_STATUSES),
    )


def encode_pki(x: PkiRecord) -> dict[str, Any]:
    return {"id": x.id, "ca_certificate": x.ca_certificate, "crl": x.crl}


def decode_pki(data: Any, path: str = "") -> PkiRecord:
    d = _obj(data, path, ("id", "ca_certificate", "crl"))
    return PkiRecord(
        id=_ident(d, "id", path),
        ca_certificate=_text(d, "ca_certificate", path, max_len=MAX_PEM_CHARS, min_len=1),
        crl=_text(d, "crl", path, max_len=MAX_PEM_CHARS, min_len=1),
    )


def encode_audit_head(x: AuditHead) -> dict[str, Any]:
    return {
        "id": x.id,
        "board_id": x.board_id,
        "device_id": x.device_id,
        "seq": x.seq,
        "hash": x.hash,
        "at": x.at.isoformat(),
    }


def decode_audit_head(data: Any, path: str = "") -> AuditHead:
    d = _obj(data, path, ("id", "board_id", "device_id", "seq", "hash", "at"))
    return AuditHead(
        id=_ident(d, "id", path),
        board_id=_ident(d, "board_id", path),
        device_id=_ident(d, "device_id", path),
        seq=_int(d, "seq", path),
        hash=_text(d, "hash", path, max_len=64, pattern=_HEX64),
        at=_datetime(d, "at", path),
    )


# --- dispatch -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KindCodec:
    kind: str
    id_field: str
    encode: Callable[[Any], dict[str, Any]]
    decode: Callable[[Any, str], Any]


CODECS: dict[str, KindCodec] = {
    c.kind: c
    for c in (
        KindCodec("cycle", "code", encode_cycle, decode_cycle),
        KindCodec("province", "code", encode_province, decode_province),
        KindCodec("county", "code", encode_county, decode_county),
        KindCodec("district", "code", encode_district, decode_district),
        KindCodec("constituency", "code", encode_constituency, decode_constituency),
        KindCodec("board", "id", encode_board, decode_board),
        KindCodec("member", "id", encode_member, decode_member),
        KindCodec("branch", "code", encode_branch, decode_branch),
        KindCodec("observer", "id", encode_observer, decode_observer),
        KindCodec("pki", "id", encode_pki, decode_pki),
        KindCodec("dossier", "registration_id", encode_dossier, decode_dossier),
        KindCodec("decision", "id", encode_decision, decode_decision),
        KindCodec("objection", "id", encode_objection, decode_objection),
        KindCodec("observer_report", "id", encode_observer_report, decode_observer_report),
        KindCodec("complaint", "id", encode_complaint, decode_complaint),
        KindCodec("complaint_event", "id", encode_complaint_event, decode_complaint_event),
        KindCodec("ruling_ref", "ruling_id", encode_ruling_ref, decode_ruling_ref),
        KindCodec("audit_head", "id", encode_audit_head, decode_audit_head),
    )
}

REFERENCE_KINDS: tuple[str, ...] = (
    "cycle", "province", "county", "district", "constituency", "board", "member", "branch",
    "observer", "pki",
)
DOSSIER_KINDS: tuple[str, ...] = ("dossier",)
RECORD_KINDS: tuple[str, ...] = (
    "decision", "objection", "observer_report", "complaint", "ruling_ref", "complaint_event",
)
# Kinds that travel in feeds and take part in the consistency digest, in a fixed order.
FEED_KINDS: tuple[str, ...] = REFERENCE_KINDS + DOSSIER_KINDS + RECORD_KINDS


def codec(kind: str) -> KindCodec:
    try:
        return CODECS[kind]
    except KeyError:
        raise WireError("kind", f"unknown record kind {kind!r}") from None


def encode(kind: str, obj: Any) -> dict[str, Any]:
    return codec(kind).encode(obj)


def decode(kind: str, data: Any, path: str = "") -> Any:
    return codec(kind).decode(data, path)


def record_id(kind: str, data: dict[str, Any]) -> str:
    """The identifying field of a wire record (``code``, ``id``, ``registration_id`` …)."""
    return str(data[codec(kind).id_field])


def normalise(kind: str, data: Any, path: str = "") -> dict[str, Any]:
    """Validate a wire record and return its re-encoded form (equal to ``data`` if valid)."""
    return encode(kind, decode(kind, data, path))


def is_uuid(value: Any) -> bool:
    """A canonical lowercase UUID string (what outbox items are named with)."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def decode_many(kind: str, items: Iterable[Any], path: str = "items") -> list[Any]:
    return [decode(kind, item, f"{path}[{i}]") for i, item in enumerate(items)]
