"""The registry's use cases: login, feeds, push, status, attachments, dossier maintenance.

HTTP lives in :mod:`registry_server.app`; this module speaks in principals, domain
objects and :class:`~registry_server.errors.ApiError`. Every read is filtered by the
caller's :class:`~registry_server.scope.Scope`; every write takes the sequence counter's
lock first, so it serialises with other writers and stamps monotonic ``seq`` values.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from supervisor_app.domain import wire
from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.boards import BoardLevel
from supervisor_app.domain.candidates import (
    CANDIDATE_MACHINE,
    CandidateStatus,
    DecisionStage,
)
from supervisor_app.domain.canonical import canonical_bytes, sha256_hex
from supervisor_app.domain.complaints import ComplaintEventKind
from supervisor_app.domain.digest import kind_digest
from supervisor_app.domain.roster_push import (
    ROSTER_KINDS,
    RosterChange,
    decode_change,
    encode_change,
)
from supervisor_app.domain.rulings import APPROVAL_KEY, APPROVES_KEY, annulment_needs_approval
from supervisor_app.signing.bundle import (
    CLOCK_SKEW,
    MalformedBundle,
    ParsedBundle,
    ledger_entry_for,
    parse_bundle,
    verify_bundle,
)
from supervisor_app.signing.ledger import Ledger, LedgerEntry, SignedHead, head_checks, parse_head
from supervisor_app.signing.pki import as_utc
from supervisor_app.signing.report import Check

from . import db
from .db import (
    FEED_DOSSIER,
    FEED_RECORDS,
    FEED_REFERENCE,
    accounts,
    attachment_refs,
    audit_heads,
    blobs,
    bundles,
    demo_keys,
    devices,
    items,
    ledger_entries,
    ledger_heads,
    read_tx,
    receipts,
    take_seq,
    tokens,
    write_tx,
)
from .errors import MESSAGES_FA, ApiError
from .records import Area, body_of, item_row
from .schemas import LoginRequest, PushItem, PushRequest
from .scope import Principal, Scope, board_scope
from .security import LoginLimiter, new_token, token_hash, verify_password

log = logging.getLogger("registry_server")

API_VERSION = "v1"
SCHEMA_VERSION = 1
SUPPORTED_SCHEMA_VERSIONS = frozenset({1})
MAX_RULING_BUNDLE_CHARS = 512 * 1024
MAX_PAYLOAD_BYTES = 512 * 1024
PRINCIPAL_CACHE_SECONDS = 10.0
# A sealed ruling is accepted up to this long after its session (see API.md, rulings).
RULING_SESSION_WINDOW = timedelta(days=14)

FEEDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "reference": (FEED_REFERENCE, wire.REFERENCE_KINDS),
    "dossiers": (FEED_DOSSIER, wire.DOSSIER_KINDS),
    "records": (FEED_RECORDS, wire.RECORD_KINDS),
}
# Candidate statuses from which the registry's withdraw endpoint may move to "withdrawn".
_WITHDRAWN = CandidateStatus.WITHDRAWN


@dataclass
class Settings:
    token_ttl: timedelta = timedelta(hours=12)
    min_app_version: str = "0.1.0"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # How long after its session a sealed ruling is still accepted (workstations seal
    # offline and push later); older sessions are refused, see _check_session_time.
    ruling_session_window: timedelta = RULING_SESSION_WINDOW


def _version_tuple(version: str) -> tuple[int, ...]:
    numbers = version.split("-")[0].split("+")[0].split(".")
    out = []
    for part in numbers:
        if not part.isdigit():
            break
        out.append(int(part))
    return tuple(out)


class Rejected(Exception):
    """One push item refused; becomes a ``rejected`` result (nothing of it is stored)."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = {"retryable": False, **details}


class Conflict(Rejected):
    """A roster change made from another version than the server's: a ``conflict`` result
    (nothing of it is stored; a person compares the two)."""


def _json_key(key: str) -> bytes:
    # Keys are wire ids ([0-9A-Za-z._:/-]); anything else goes through the JSON encoder.
    if key.isascii() and '"' not in key and "\\" not in key and key.isprintable():
        return b'"%s"' % key.encode()
    return json.dumps(key, ensure_ascii=False).encode()


def _error(code: str, message: str, details: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "message": message, "message_fa": MESSAGES_FA.get(code, ""),
            "details": details}


@dataclass
class _Prepared:
    item: PushItem
    server_hash: str
    record: Any = None  # the decoded domain object (or ParsedBundle for rulings)
    wire: dict[str, Any] | None = None
    bundle_bytes: bytes = b""
    result: dict[str, Any] | None = None


class Registry:
    """The server's behaviour over one database engine."""

    def __init__(self, engine: Engine, settings: Settings | None = None) -> None:
        self.engine = engine
        self.settings = settings or Settings()
        self.limiter = LoginLimiter()
        self._principals: dict[str, tuple[Principal, float]] = {}
        self._digests: dict[tuple[Scope, int], dict[str, Any]] = {}
        self._lock = threading.Lock()

    # --- small helpers ---------------------------------------------------------------------

    def now(self) -> datetime:
        return self.settings.clock()

    def cycle_code(self) -> str | None:
        with read_tx(self.engine) as conn:
            return db.get_state(conn, "cycle_code")

    def server_info(self) -> dict[str, Any]:
        return {
            "api_version": API_VERSION,
            "schema_version": SCHEMA_VERSION,
            "cycle_code": self.cycle_code(),
            "min_app_version": self.settings.min_app_version,
        }

    def is_demo(self) -> bool:
        with read_tx(self.engine) as conn:
            return db.get_state(conn, "demo") == "1"

    @staticmethod
    def _item(conn: Connection, kind: str, key: str) -> dict[str, Any] | None:
        row = conn.execute(
            select(items).where(items.c.kind == kind, items.c.key == key)
        ).first()
        return None if row is None else dict(row._mapping)

    # --- authentication --------------------------------------------------------------------

    def login(self, req: LoginRequest) -> dict[str, Any]:
        wait = self.limiter.retry_after(req.username)
        if wait:
            raise ApiError(429, "rate_limited", "too many failed logins; try again later",
                           {"retry_after": wait}, headers={"Retry-After": str(wait)})
        with read_tx(self.engine) as conn:
            row = conn.execute(
                select(accounts).where(accounts.c.username == req.username)
            ).first()
        stored = row.password_hash if row is not None and row.active else None
        if not verify_password(req.password, stored):  # scrypt outside any transaction
            self.limiter.failed(req.username)
            raise ApiError(401, "invalid_credentials", "wrong username or password")
        self.limiter.succeeded(req.username)
        now = self.now()
        token = new_token()
        expires = now + self.settings.token_ttl
        with write_tx(self.engine) as conn:
            device = conn.execute(
                select(devices).where(
                    devices.c.username == req.username, devices.c.device_id == req.device_id
                )
            ).first()
            if device is not None and device.revoked:
                raise ApiError(403, "device_revoked", "this device was revoked")
            if device is None:
                conn.execute(devices.insert().values(
                    username=req.username, device_id=req.device_id, name=req.device_name,
                    enrolled_at=now.isoformat(), last_seen=now.isoformat(), revoked=False,
                ))
            else:
                conn.execute(
                    update(devices)
                    .where(devices.c.username == req.username,
                           devices.c.device_id == req.device_id)
                    .values(name=req.device_name or device.name, last_seen=now.isoformat())
                )
            conn.execute(tokens.insert().values(
                token_hash=token_hash(token), username=req.username, device_id=req.device_id,
                issued_at=now.isoformat(), expires_at=expires.isoformat(), revoked=False,
            ))
        principal = self.authenticate(token)
        return {
            "token": token,
            "token_type": "bearer",
            "expires_at": expires.isoformat(),
            "account": {**principal.account(), "expires_at": expires.isoformat()},
            "server": self.server_info(),
        }

    def logout(self, principal: Principal) -> None:
        with write_tx(self.engine) as conn:
            conn.execute(
                update(tokens).where(tokens.c.token_hash == principal.token_hash)
                .values(revoked=True)
            )
        with self._lock:
            self._principals.pop(principal.token_hash, None)

    def authenticate(self, token: str | None) -> Principal:
        if not token:
            raise ApiError(401, "unauthenticated", "a bearer token is required",
                           {"reason": "missing"}, headers={"WWW-Authenticate": "Bearer"})
        digest = token_hash(token)
        now = self.now()
        with self._lock:
            cached = self._principals.get(digest)
        if cached is not None and time.monotonic() - cached[1] < PRINCIPAL_CACHE_SECONDS:
            principal = cached[0]
            if datetime.fromisoformat(principal.expires_at) > now:
                return principal
        principal = self._load_principal(digest, now)
        with self._lock:
            if len(self._principals) > 10_000:  # bounded: drop everything, reload lazily
                self._principals.clear()
            self._principals[digest] = (principal, time.monotonic())
        return principal

    def _load_principal(self, digest: str, now: datetime) -> Principal:
        unauthenticated = ApiError(401, "unauthenticated", "the token is unknown or revoked",
                                   {"reason": "invalid"}, headers={"WWW-Authenticate": "Bearer"})
        with read_tx(self.engine) as conn:
            tok = conn.execute(select(tokens).where(tokens.c.token_hash == digest)).first()
            if tok is None or tok.revoked:
                raise unauthenticated
            if datetime.fromisoformat(tok.expires_at) <= now:
                raise ApiError(401, "unauthenticated", "the token has expired",
                               {"reason": "expired"}, headers={"WWW-Authenticate": "Bearer"})
            acc = conn.execute(
                select(accounts).where(accounts.c.username == tok.username)
            ).first()
            if acc is None or not acc.active:
                raise unauthenticated
            dev = conn.execute(
                select(devices).where(devices.c.username == tok.username,
                                      devices.c.device_id == tok.device_id)
            ).first()
            if dev is None or dev.revoked:
                raise ApiError(403, "device_revoked", "this device was revoked")
            scope = self._scope_of(conn, acc.role, acc.board_id, acc.observer_id)
        return Principal(acc.username, acc.role, acc.board_id, acc.observer_id,
                         tok.device_id, scope, digest, tok.expires_at)

    def _scope_of(
        self, conn: Connection, role: str, board_id: str | None, observer_id: str | None
    ) -> Scope:
        if role == "observer":
            if not observer_id:
                return Scope("branches")
            branches: set[str] = set()
            own = self._item(conn, "observer", observer_id)
            if own is not None and own["branch_code"]:
                branches.add(own["branch_code"])
            # A head observer watches the branches of the observers it heads.
            rows = conn.execute(
                select(items.c.branch_code).where(items.c.kind == "observer",
                                                  items.c.parent_key == observer_id)
            ).all()
            branches.update(r.branch_code for r in rows if r.branch_code)
            return Scope("branches", branch_codes=tuple(sorted(branches)))
        board = self._item(conn, "board", board_id) if board_id else None
        return board_scope(role, board)

    # --- feeds -----------------------------------------------------------------------------

    def feed(self, principal: Principal, name: str, after: int, limit: int) -> bytes:
        feed, _kinds = FEEDS[name]
        if feed == FEED_DOSSIER and not principal.reads_dossiers:
            raise ApiError(403, "forbidden", f"role {principal.role} may not read dossiers")
        scope_clause = (principal.scope.sql_or_public(items) if feed == FEED_REFERENCE
                        else principal.scope.sql(items))
        query = (
            select(items.c.kind, items.c.key, items.c.seq, items.c.revision,
                   items.c.content_sha256, items.c.body)
            .where(items.c.feed == feed, items.c.seq > after, scope_clause)
            .order_by(items.c.seq)
            .limit(limit + 1)
        )
        with read_tx(self.engine) as conn:
            head = db.head_seq(conn)
            if after > head:
                raise ApiError(409, "cursor_invalid",
                               "the cursor is ahead of the server: resynchronise from 0",
                               {"head": head, "after": after})
            rows = conn.execute(query).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1].seq if rows else after
        next_cursor = last if has_more else max(head, last)
        # Bodies are stored as canonical JSON bytes: splice them in, never re-encode.
        head = b'{"kind":"%s","id":%s,"seq":%d,"revision":%d,"content_sha256":"%s","data":'
        parts = [
            head % (r.kind.encode(), _json_key(r.key), r.seq, r.revision,
                    r.content_sha256.encode()) + bytes(r.body) + b"}"
            for r in rows
        ]
        return b'{"items":[%s],"next_cursor":%d,"has_more":%s}' % (
            b",".join(parts), next_cursor, b"true" if has_more else b"false")

    # --- status ----------------------------------------------------------------------------

    @staticmethod
    def _status_scope(principal: Principal) -> Any:
        scope = principal.scope
        return or_(
            and_(items.c.feed == FEED_REFERENCE, scope.sql_or_public(items)),
            and_(items.c.feed.in_((FEED_DOSSIER, FEED_RECORDS)), scope.sql(items)),
        )

    def counts(self, principal: Principal) -> dict[str, Any]:
        """How many records of each kind the caller may read, without the digests: what a
        first pull needs for its progress bar (the digests of 300,000 dossiers cost the
        server ~2 s, which the workstation would wait for before pulling anything)."""
        with read_tx(self.engine, snapshot=True) as conn:
            head = db.head_seq(conn)
            rows = conn.execute(
                select(items.c.kind, func.count())
                .where(self._status_scope(principal))
                .group_by(items.c.kind)
            ).all()
        found = {kind: int(n) for kind, n in rows}
        return {"cursor": head, "counts": {k: found.get(k, 0) for k in wire.FEED_KINDS}}

    def status(self, principal: Principal) -> dict[str, Any]:
        scope = principal.scope
        where = self._status_scope(principal)
        pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        with read_tx(self.engine, snapshot=True) as conn:
            head = db.head_seq(conn)
            cycle = db.get_state(conn, "cycle_code")
            # Digests only change with the head (every write moves it): reuse them.
            cache_key = (scope, head)
            with self._lock:
                kinds = self._digests.get(cache_key)
            if kinds is None:
                result = conn.execute(
                    select(items.c.kind, items.c.key, items.c.content_sha256).where(where)
                )
                for kind, key, digest in result:
                    pairs[kind].append((key, digest))
                kinds = {k: kind_digest(pairs.get(k, ())).as_dict() for k in wire.FEED_KINDS}
                with self._lock:
                    if len(self._digests) > 256:
                        self._digests.clear()
                    self._digests[cache_key] = kinds
        return {
            "cursor": head,
            "schema_version": SCHEMA_VERSION,
            "cycle_code": cycle,
            "server_time": self.now().isoformat(),
            "kinds": kinds,
        }

    # --- push ------------------------------------------------------------------------------

    def push(self, principal: Principal, req: PushRequest) -> dict[str, Any]:
        if not principal.pushes_anything:
            raise ApiError(403, "forbidden", f"role {principal.role} may not push records")
        self._check_stamp(principal, req)
        prepared = [self._prepare(principal, item) for item in req.items]
        for attempt in range(3):
            try:
                return self._store_batch(principal, req, prepared)
            except IntegrityError:  # a concurrent writer won a race on a unique key
                if attempt == 2:
                    raise
                for p in prepared:
                    if p.result is not None and p.result["status"] != "rejected":
                        p.result = None
        raise AssertionError("unreachable")

    def _check_stamp(self, principal: Principal, req: PushRequest) -> None:
        def mismatch(fieldname: str, expected: Any, received: Any) -> ApiError:
            return ApiError(
                409, "stamp_mismatch",
                f"batch {fieldname} is {received!r}, the server expects {expected!r}; "
                "nothing was stored",
                {"field": fieldname, "expected": expected, "received": received},
            )

        if req.schema_version not in SUPPORTED_SCHEMA_VERSIONS:
            raise mismatch("schema_version", sorted(SUPPORTED_SCHEMA_VERSIONS),
                           req.schema_version)
        if _version_tuple(req.app_version) < _version_tuple(self.settings.min_app_version):
            raise mismatch("app_version", f">= {self.settings.min_app_version}",
                           req.app_version)
        cycle = self.cycle_code()
        if req.cycle_code != cycle:
            raise mismatch("cycle_code", cycle, req.cycle_code)
        if req.board_id != principal.board_id:
            raise mismatch("board_id", principal.board_id, req.board_id)
        if req.device_id != principal.device_id:
            raise mismatch("device_id", principal.device_id, req.device_id)

    def _prepare(self, principal: Principal, item: PushItem) -> _Prepared:
        """Checks that need no database: hash, permission, payload shape, id."""
        try:
            data = canonical_bytes(f"outbox-{item.kind}", item.payload)
            server_hash = sha256_hex(data)
        except Exception as exc:  # rfc8785 refuses e.g. integers beyond 2^53
            p = _Prepared(item, "")
            p.result = self._rejected(item, "", Rejected(
                "invalid_payload", f"payload cannot be canonicalised: {exc}", field="payload"))
            return p
        p = _Prepared(item, server_hash)
        try:
            if len(data) > MAX_PAYLOAD_BYTES:
                raise Rejected("invalid_payload", "payload larger than 512 KiB", field="payload")
            if item.content_hash != server_hash:
                raise Rejected("content_hash_mismatch",
                               "content_hash does not match the payload",
                               server_content_hash=server_hash)
            if not principal.may_push(item.kind):
                raise Rejected("kind_not_allowed",
                               f"role {principal.role} may not push {item.kind} records")
            if item.kind == "ruling":
                self._prepare_ruling(p)
            elif item.kind == "ledger_head":
                self._prepare_ledger_head(p)
            else:
                try:
                    if item.kind in ROSTER_KINDS:  # a change of a branch / observer record
                        p.record = decode_change(item.kind, item.payload, "payload")
                        p.wire = encode_change(p.record)
                    else:
                        p.record = wire.decode(item.kind, item.payload, "payload")
                        p.wire = wire.encode(item.kind, p.record)
                except wire.WireError as exc:
                    raise Rejected("invalid_payload", str(exc), field=exc.field) from None
                if p.record.id != item.id:
                    raise Rejected("id_mismatch", "payload.id differs from the item id",
                                   field="payload.id")
        except Rejected as exc:
            p.result = self._rejected(item, server_hash, exc)
        return p

    @staticmethod
    def _prepare_ruling(p: _Prepared) -> None:
        payload = p.item.payload
        if set(payload) != {"bundle"} or not isinstance(payload["bundle"], str):
            raise Rejected("invalid_payload", 'a ruling payload is {"bundle": "<json>"}',
                           field="payload.bundle")
        text = payload["bundle"]
        if len(text) > MAX_RULING_BUNDLE_CHARS:
            raise Rejected("invalid_payload", "bundle larger than 512 KiB",
                           field="payload.bundle")
        try:
            p.bundle_bytes = text.encode("utf-8")
            p.record = parse_bundle(p.bundle_bytes)
        except (MalformedBundle, UnicodeEncodeError) as exc:
            raise Rejected("invalid_payload", f"not a ruling bundle: {exc}",
                           field="payload.bundle") from None
        if p.record.payload["ruling_id"] != p.item.id:
            raise Rejected("id_mismatch", "the bundle's ruling_id differs from the item id",
                           field="payload.bundle")

    @staticmethod
    def _prepare_ledger_head(p: _Prepared) -> None:
        """``{"id": <item id>, "payload", "certificate", "signature"}``: a version-2 head."""
        signed = {k: v for k, v in p.item.payload.items() if k != "id"}
        try:
            p.record = parse_head(signed)
        except (ValueError, TypeError) as exc:
            raise Rejected("invalid_payload", f"not a signed ledger head: {exc}",
                           field="payload") from None
        if p.record.audit is None:
            raise Rejected("invalid_payload", "a pushed head must be version 2 (with the "
                           "device's audit position)", field="payload.payload")
        if p.item.payload.get("id") != p.item.id:
            raise Rejected("id_mismatch", "payload.id differs from the item id",
                           field="payload.id")

    @staticmethod
    def _rejected(item: PushItem, server_hash: str, exc: Rejected) -> dict[str, Any]:
        return {"id": item.id, "kind": item.kind, "status": "rejected",
                "content_hash": server_hash, "seq": None,
                "error": _error(exc.code, exc.message, exc.details)}

    def _store_batch(
        self, principal: Principal, req: PushRequest, prepared: list[_Prepared]
    ) -> dict[str, Any]:
        with write_tx(self.engine) as conn:
            take_seq(conn, 0)  # the counter's lock first: later reads see committed pushes
            for p in prepared:
                if p.result is not None:
                    continue
                p.result = self._store_item(conn, principal, req, p)
            cursor = db.head_seq(conn)
        return {"results": [p.result for p in prepared], "cursor": cursor}

    def _store_item(
        self, conn: Connection, principal: Principal, req: PushRequest, p: _Prepared
    ) -> dict[str, Any]:
        item = p.item
        base = {"id": item.id, "kind": item.kind, "content_hash": p.server_hash}
        seen = conn.execute(select(receipts).where(receipts.c.id == item.id)).first()
        if seen is not None:
            if seen.content_hash == p.server_hash and seen.kind == item.kind:
                return {**base, "status": "duplicate", "seq": seen.seq, "error": None}
            # Another bundle of a recorded ruling (re-signed, moved in the ledger) is no
            # edit to decide on: the ruling handler refuses it as what it is (a replay).
            if item.kind != "ruling" or seen.kind != "ruling":
                details: dict[str, Any] = {"retryable": False}
                if seen.board_id == req.board_id:
                    details["server_content_hash"] = seen.content_hash
                return {**base, "status": "conflict", "seq": None, "error": _error(
                    "conflict", "a record with this id and different content is already "
                    "stored", details)}
        handler = {
            "decision": self._store_decision,
            "objection": self._store_objection,
            "observer_report": self._store_report,
            "complaint": self._store_complaint,
            "complaint_event": self._store_complaint_event,
            "ruling": self._store_ruling,
            "audit_head": self._store_audit_head,
            "ledger_head": self._store_ledger_head,
            "branch": self._store_roster,
            "observer": self._store_roster,
        }[item.kind]
        savepoint = conn.begin_nested()
        try:
            seq = handler(conn, principal, req, p)
        except Conflict as exc:
            savepoint.rollback()
            return {**base, "status": "conflict", "seq": None,
                    "error": _error("conflict", exc.message, exc.details)}
        except Rejected as exc:
            savepoint.rollback()
            return self._rejected(item, p.server_hash, exc)
        savepoint.commit()
        conn.execute(receipts.insert().values(
            id=item.id, kind=item.kind, content_hash=p.server_hash, board_id=req.board_id,
            username=principal.username, device_id=principal.device_id, seq=seq,
            received_at=self.now().isoformat(),
        ))
        return {**base, "status": "created", "seq": seq, "error": None}

    # --- per-kind storage ------------------------------------------------------------------

    def _in_scope(self, principal: Principal, row: dict[str, Any] | None, kind: str,
                  fieldname: str, key: str) -> dict[str, Any]:
        if row is None:
            raise Rejected("unknown_reference", f"no {kind} {key!r} on the server",
                           field=fieldname)
        if not principal.scope.contains(row):
            raise Rejected("out_of_scope", f"{kind} {key!r} is outside this account's scope",
                           field=fieldname)
        return row

    @staticmethod
    def _arrived(row: dict[str, Any] | None, kind: str, fieldname: str,
                 key: str) -> dict[str, Any]:
        """A branch or observer that may still be in a board's outbox (imported on a
        workstation, pushed after this record or from another one): retry later."""
        if row is None:
            raise Rejected("missing_predecessor", f"{kind} {key!r} has not arrived yet",
                           field=fieldname, retryable=True)
        return row

    def _insert_record(self, conn: Connection, kind: str, key: str, wire_form: dict[str, Any],
                       area: Area, board_id: str | None, *, parent_key: str | None = None,
                       status: str | None = None) -> tuple[int, int]:
        seq = take_seq(conn)
        result = conn.execute(items.insert().values(
            **item_row(kind, key, wire_form, area, seq=seq, board_id=board_id,
                       parent_key=parent_key, status=status)))
        return seq, int(result.inserted_primary_key[0])

    def _store_decision(self, conn: Connection, principal: Principal, req: PushRequest,
                        p: _Prepared) -> int:
        d = p.record
        if d.stage is DecisionStage.EXECUTIVE:
            raise Rejected("invalid_payload", "executive decisions are not accepted here",
                           field="payload.stage")
        if d.board_id != req.board_id:
            raise Rejected("board_mismatch", "the decision names another board",
                           field="payload.board_id")
        dossier = self._in_scope(principal, self._item(conn, "dossier", d.registration_id),
                                 "dossier", "payload.registration_id", d.registration_id)
        assert p.wire is not None
        seq, _pk = self._insert_record(conn, "decision", d.id, p.wire, Area.of_row(dossier),
                                       req.board_id)
        current = CandidateStatus(dossier["status"])
        target = d.resulting_status()
        if CANDIDATE_MACHINE.can(current, target):
            self._rewrite_dossier(conn, dossier, {"status": target.value})
        return seq

    def _store_objection(self, conn: Connection, principal: Principal, req: PushRequest,
                         p: _Prepared) -> int:
        o = p.record
        dossier = self._in_scope(principal, self._item(conn, "dossier", o.registration_id),
                                 "dossier", "payload.registration_id", o.registration_id)
        if self._item(conn, "decision", o.against_decision_id) is None:
            raise Rejected("missing_predecessor",
                           f"decision {o.against_decision_id!r} has not arrived yet",
                           field="payload.against_decision_id", retryable=True)
        if self._item(conn, "board", o.routed_to_board_id) is None:
            raise Rejected("unknown_reference", f"no board {o.routed_to_board_id!r}",
                           field="payload.routed_to_board_id")
        assert p.wire is not None
        return self._insert_record(conn, "objection", o.id, p.wire, Area.of_row(dossier),
                                   req.board_id)[0]

    def _store_report(self, conn: Connection, principal: Principal, req: PushRequest,
                      p: _Prepared) -> int:
        r = p.record
        branch = self._arrived(self._item(conn, "branch", r.branch_code), "branch",
                               "payload.branch_code", r.branch_code)
        branch = self._in_scope(principal, branch, "branch", "payload.branch_code",
                                r.branch_code)
        if r.observer_id is not None:
            if principal.role == "observer" and r.observer_id != principal.observer_id:
                raise Rejected("out_of_scope", "an observer reports under its own id only",
                               field="payload.observer_id")
            self._arrived(self._item(conn, "observer", r.observer_id), "observer",
                          "payload.observer_id", r.observer_id)
        assert p.wire is not None
        seq, pk = self._insert_record(conn, "observer_report", r.id, p.wire,
                                      Area.of_row(branch), req.board_id)
        for sha in sorted({a.sha256 for a in r.attachments}):
            conn.execute(attachment_refs.insert().values(sha256=sha, item_pk=pk))
        return seq

    def _store_complaint(self, conn: Connection, principal: Principal, req: PushRequest,
                         p: _Prepared) -> int:
        c = p.record
        if c.board_id is not None and c.board_id != req.board_id:
            raise Rejected("board_mismatch", "the complaint names another board",
                           field="payload.board_id")
        place = self._in_scope(principal, self._item(conn, "constituency", c.constituency_code),
                               "constituency", "payload.constituency_code", c.constituency_code)
        for i, code in enumerate(c.branch_codes):
            where = f"payload.branch_codes[{i}]"
            row = self._arrived(self._item(conn, "branch", code), "branch", where, code)
            self._in_scope(principal, row, "branch", where, code)
        assert p.wire is not None
        return self._insert_record(conn, "complaint", c.id, p.wire, Area.of_row(place),
                                   req.board_id)[0]

    def _store_complaint_event(self, conn: Connection, principal: Principal,
                               req: PushRequest, p: _Prepared) -> int:
        """One entry of a complaint's history: after the complaint and the entry before
        it, at a position no other entry holds (the history is one gap-free line)."""
        e = p.record
        complaint = self._item(conn, "complaint", e.complaint_id)
        if complaint is None:
            raise Rejected("missing_predecessor",
                           f"complaint {e.complaint_id!r} has not arrived yet",
                           field="payload.complaint_id", retryable=True)
        self._in_scope(principal, complaint, "complaint", "payload.complaint_id",
                       e.complaint_id)
        taken = {
            json.loads(r.body)["position"]: r.key
            for r in conn.execute(
                select(items.c.key, items.c.body).where(
                    items.c.kind == "complaint_event", items.c.parent_key == e.complaint_id))
        }
        if e.position in taken:
            raise Rejected("history_conflict",
                           f"entry {e.position} of complaint {e.complaint_id!r} is already "
                           f"{taken[e.position]!r}", field="payload.position")
        if e.position > 0 and e.position - 1 not in taken:
            raise Rejected("missing_predecessor",
                           f"entry {e.position - 1} of complaint {e.complaint_id!r} has not "
                           "arrived yet", field="payload.position", retryable=True)
        if e.kind is ComplaintEventKind.ESCALATED and self._item(conn, "board", e.target) is None:
            raise Rejected("unknown_reference", f"no board {e.target!r}", field="payload.target")
        assert p.wire is not None
        return self._insert_record(conn, "complaint_event", e.id, p.wire,
                                   Area.of_row(complaint), req.board_id,
                                   parent_key=e.complaint_id)[0]

    def _store_roster(self, conn: Connection, principal: Principal, req: PushRequest,
                      p: _Prepared) -> int:
        """A board's new or corrected branch or observer, upserted into the reference feed.

        The change names the version it was made from (``base_sha256``): it replaces the
        stored record only when that is still the server's version (or there is none);
        a record another workstation changed in between is a conflict. The same content
        again changes nothing and is acknowledged.
        """
        change: RosterChange = p.record
        kind, key = change.kind, change.key
        key_field = "payload.record.code" if kind == "branch" else "payload.record.id"
        existing = self._item(conn, kind, key)
        if existing is not None and not principal.scope.contains(existing):
            raise Rejected("out_of_scope",
                           f"{kind} {key!r} belongs to another jurisdiction", field=key_field)
        if kind == "branch":
            area, parent = self._branch_area(conn, principal, change), None
        else:
            area, parent = self._observer_area(conn, principal, req, change, existing)
        new_hash = change.record_sha256
        if existing is None:
            return self._insert_record(conn, kind, key, change.record_wire, area, None,
                                       parent_key=parent)[0]
        if existing["content_sha256"] == new_hash:
            return int(existing["seq"])  # already so (e.g. the same file imported twice)
        if change.base_sha256 != existing["content_sha256"]:
            raise Conflict("conflict", f"{kind} {key!r} was changed on the server since the "
                           "version this change was made from",
                           server_record_sha256=existing["content_sha256"],
                           server_revision=int(existing["revision"]),
                           base_sha256=change.base_sha256)
        revision = int(existing["revision"]) + 1
        seq = take_seq(conn)
        fresh = item_row(kind, key, change.record_wire, area, seq=seq, revision=revision,
                         parent_key=parent)
        conn.execute(update(items).where(items.c.pk == existing["pk"]).values(
            seq=seq, revision=revision, body=fresh["body"],
            content_sha256=fresh["content_sha256"], parent_key=parent, **area.columns()))
        return seq

    def _branch_area(self, conn: Connection, principal: Principal,
                     change: RosterChange) -> Area:
        branch = change.record
        place = self._in_scope(principal, self._item(conn, "constituency",
                                                     branch.constituency_code),
                               "constituency", "payload.record.constituency_code",
                               branch.constituency_code)
        return Area.of_row(place).with_branch(branch.code)

    def _observer_area(self, conn: Connection, principal: Principal, req: PushRequest,
                       change: RosterChange,
                       existing: dict[str, Any] | None) -> tuple[Area, str | None]:
        """An observer takes its branch's area; one without a branch (a head observer)
        keeps the area it has, or takes the pushing board's."""
        o = change.record
        head = o.head_observer_id
        if head is not None:
            if head == o.id:
                raise Rejected("invalid_payload", "an observer cannot head itself",
                               field="payload.record.head_observer_id")
            self._arrived(self._item(conn, "observer", head), "observer",
                          "payload.record.head_observer_id", head)
        if o.branch_code is not None:
            branch = self._arrived(self._item(conn, "branch", o.branch_code), "branch",
                                   "payload.record.branch_code", o.branch_code)
            area = Area.of_row(self._in_scope(principal, branch, "branch",
                                              "payload.record.branch_code", o.branch_code))
        elif existing is not None:
            area = Area.of_row(existing).with_branch(None)
        else:
            board = self._item(conn, "board", req.board_id)
            area = Area.of_row(board).with_branch(None) if board is not None else Area()
            if not principal.scope.contains(area.columns()):
                raise Rejected("out_of_scope", "the observer has no branch in this board's "
                               "jurisdiction", field="payload.record.branch_code")
        return area, head

    def _store_audit_head(self, conn: Connection, principal: Principal, req: PushRequest,
                          p: _Prepared) -> int:
        h = p.record
        if h.board_id != req.board_id:
            raise Rejected("board_mismatch", "the audit head names another board",
                           field="payload.board_id")
        if h.device_id != principal.device_id:
            raise Rejected("invalid_payload", "the audit head names another device",
                           field="payload.device_id")
        known = conn.execute(
            select(audit_heads.c.hash).where(audit_heads.c.device_id == h.device_id,
                                             audit_heads.c.seq == h.seq)
        ).scalar_one_or_none()
        if known is not None and known != h.hash:
            raise Rejected("audit_fork", f"entry {h.seq} of this device's audit chain was "
                           "reported with another hash", field="payload.hash")
        if known is None:
            # Heads leave a workstation in chain order: one behind what the device already
            # reported (plainly or in a signed head) means its log was restored from an
            # older copy, and the events after that copy are gone.
            reported = max(
                conn.execute(select(func.max(audit_heads.c.seq)).where(
                    audit_heads.c.device_id == h.device_id)).scalar_one_or_none() or 0,
                conn.execute(select(func.max(ledger_heads.c.audit_seq)).where(
                    ledger_heads.c.device_id == h.device_id)).scalar_one_or_none() or 0,
            )
            if h.seq < reported:
                raise Rejected("audit_rollback", f"the head names entry {h.seq} of this "
                               f"device's audit chain, which already reported entry "
                               f"{reported}", field="payload.seq")
            conn.execute(audit_heads.insert().values(
                device_id=h.device_id, seq=h.seq, hash=h.hash, board_id=h.board_id,
                at=h.at.isoformat()))
        return db.head_seq(conn)

    def _store_ledger_head(self, conn: Connection, principal: Principal, req: PushRequest,
                           p: _Prepared) -> int:
        """A board member's signed head of the board's ledger and this device's audit chain.

        Checked as a ruling signature is (trusted CA, not revoked, the head's board and
        member, on the board's roster), then against the server's ledger of the board
        (the entry it names: missing → ``ledger_gap``, retried; another hash →
        ``ledger_fork``) and the device's audit chain (another hash at that position →
        ``audit_fork``); neither position behind the device's last signed head
        (``audit_rollback``, ``ledger_rollback``).
        """
        head: SignedHead = p.record
        audit = head.audit
        assert audit is not None  # _prepare_ledger_head
        if head.board_id != req.board_id:
            raise Rejected("board_mismatch", "the head is of another board's ledger",
                           field="payload.payload.board_id")
        if audit.device_id != principal.device_id:
            raise Rejected("invalid_payload", "the head names another device",
                           field="payload.payload.device_id")
        digest = head.sha256()
        if conn.execute(select(ledger_heads.c.pk).where(ledger_heads.c.sha256 == digest)
                        ).first() is not None:
            return db.head_seq(conn)  # the same signed head again (under another item id)
        self._check_head_signature(conn, head)
        self._check_head_ledger(conn, head)
        known = conn.execute(
            select(audit_heads.c.hash).where(audit_heads.c.device_id == audit.device_id,
                                             audit_heads.c.seq == audit.seq)
        ).scalar_one_or_none()
        if known is not None and known != audit.hash:
            raise Rejected("audit_fork", f"entry {audit.seq} of this device's audit chain was "
                           "reported with another hash", field="payload.payload.audit_hash")
        last = conn.execute(select(func.max(ledger_heads.c.audit_seq)).where(
            ledger_heads.c.device_id == audit.device_id)).scalar_one_or_none()
        if last is not None and audit.seq < last:
            raise Rejected("audit_rollback", f"the head names entry {audit.seq} of this "
                           f"device's audit chain; its last signed head named entry {last}",
                           field="payload.payload.audit_seq")
        last = conn.execute(select(func.max(ledger_heads.c.seq)).where(
            ledger_heads.c.device_id == audit.device_id,
            ledger_heads.c.board_id == head.board_id)).scalar_one_or_none()
        if last is not None and head.seq < last:
            raise Rejected("ledger_rollback", f"the head names entry {head.seq} of the board's "
                           f"ledger; this device's last signed head named entry {last}",
                           field="payload.payload.seq")
        now = self.now().isoformat()
        conn.execute(ledger_heads.insert().values(
            sha256=digest, board_id=head.board_id, seq=head.seq, hash=head.hash,
            member_id=head.member_id, device_id=audit.device_id, audit_seq=audit.seq,
            audit_hash=audit.hash, signed_at=head.signed_at.isoformat(),
            body=json.dumps(head.as_dict(), ensure_ascii=False), received_at=now))
        if known is None:  # later plain heads of the device must agree with it
            conn.execute(audit_heads.insert().values(
                device_id=audit.device_id, seq=audit.seq, hash=audit.hash,
                board_id=head.board_id, at=head.signed_at.isoformat()))
        return db.head_seq(conn)

    def _check_head_signature(self, conn: Connection, head: SignedHead) -> None:
        ca_pem = db.get_state(conn, "ca_certificate")
        if ca_pem is None:
            raise Rejected("head_invalid", "the server has no trusted CA configured",
                           field="payload", checks=["no_trust_anchor"])
        crl_pem = db.get_state(conn, "crl")
        roster = [
            wire.decode_member(json.loads(r.body))
            for r in conn.execute(select(items.c.body).where(
                items.c.kind == "member", items.c.board_id == head.board_id))
        ]
        now = self.now()
        problems = head_checks(
            head, x509.load_pem_x509_certificate(ca_pem.encode("ascii")), at=now,
            crls=[x509.load_pem_x509_crl(crl_pem.encode("ascii"))] if crl_pem else [],
            roster=roster,
        )
        # As for a ruling's session: a signer-chosen time is bounded from below.
        earliest = now - self.settings.ruling_session_window
        if head.signed_at < earliest:
            problems.append(Check.fail("head_too_old", detail=(
                f"signed {head.signed_at.isoformat()}, earliest accepted "
                f"{earliest.isoformat()}")))
        if problems:
            raise Rejected("head_invalid", "; ".join(c.message_en for c in problems),
                           field="payload", checks=sorted({c.code for c in problems}),
                           checks_fa=[c.message_fa for c in problems])

    @staticmethod
    def _check_head_ledger(conn: Connection, head: SignedHead) -> None:
        if head.seq == 0:
            stored: str | None = GENESIS_HASH  # the head of an empty ledger
        else:
            stored = conn.execute(select(ledger_entries.c.hash).where(
                ledger_entries.c.board_id == head.board_id,
                ledger_entries.c.seq == head.seq)).scalar_one_or_none()
        if stored is None:
            length = conn.execute(select(func.count()).select_from(ledger_entries).where(
                ledger_entries.c.board_id == head.board_id)).scalar_one()
            raise Rejected("ledger_gap", f"the board's ledger has {length} entries; this head "
                           f"names entry {head.seq}", field="payload.payload.seq",
                           retryable=True)
        if stored != head.hash:
            raise Rejected("ledger_fork", f"entry {head.seq} of the board's ledger has another "
                           "hash than this head names", field="payload.payload.hash")

    def _store_ruling(self, conn: Connection, principal: Principal, req: PushRequest,
                      p: _Prepared) -> int:
        parsed: ParsedBundle = p.record
        board_id = parsed.payload["board"]["id"]
        if board_id != req.board_id:
            raise Rejected("board_mismatch", "the ruling is another board's",
                           field="payload.bundle")
        board_row = self._item(conn, "board", board_id)
        if board_row is None:
            raise Rejected("unknown_reference", f"no board {board_id!r}", field="payload.bundle")
        board = wire.decode_board(json.loads(board_row["body"]))
        roster = [
            wire.decode_member(json.loads(r.body))
            for r in conn.execute(
                select(items.c.body).where(items.c.kind == "member",
                                           items.c.board_id == board_id))
        ]
        ledger = Ledger(board_id, [
            LedgerEntry(r.board_id, r.seq, r.ruling_id, r.ruling_hash, r.prev, r.hash)
            for r in conn.execute(
                select(ledger_entries).where(ledger_entries.c.board_id == board_id)
                .order_by(ledger_entries.c.seq))
        ])
        ca_pem = db.get_state(conn, "ca_certificate")
        crl_pem = db.get_state(conn, "crl")
        if ca_pem is None:
            raise Rejected("ruling_invalid", "the server has no trusted CA configured",
                           field="payload.bundle", checks=["no_trust_anchor"])
        report = verify_bundle(
            p.bundle_bytes, ca_pem, at=self.now(), ledger=ledger, quorum=board.quorum,
            roster=roster, extra_crls=[crl_pem] if crl_pem else (),
        )
        codes = report.codes()
        ledger_codes = {"ledger_gap", "ledger_fork", "ledger_replay"}
        if report.ledger_position == "included":
            codes = codes | {"ledger_replay"}
        if codes - ledger_codes:
            raise Rejected(
                "ruling_invalid", "; ".join(c.message_en for c in report.failures),
                field="payload.bundle", checks=sorted(codes),
                checks_fa=[c.message_fa for c in report.failures],
            )
        if "ledger_replay" in codes:
            raise Rejected("ledger_replay", "this ruling is already in the board's ledger",
                           field="payload.bundle", checks=sorted(codes))
        if "ledger_fork" in codes:
            raise Rejected("ledger_fork", "another ruling holds this ledger position, or the "
                           "ruling follows another predecessor than the ledger's head",
                           field="payload.bundle", checks=sorted(codes))
        # Before the gap: a gap is retried, a session out of the window never heals.
        self._check_session_time(conn, parsed.payload, ledger)
        if "ledger_gap" in codes:
            raise Rejected("missing_predecessor",
                           f"the board's ledger has {len(ledger)} entries; this ruling claims "
                           f"entry {parsed.payload['ledger']['seq']}",
                           field="payload.bundle", retryable=True, checks=sorted(codes))
        entry = ledger_entry_for(parsed.payload)
        conn.execute(ledger_entries.insert().values(**entry.as_dict()))
        bundle_sha = hashlib.sha256(p.bundle_bytes).hexdigest()
        conn.execute(bundles.insert().values(ruling_id=entry.ruling_id, board_id=board_id,
                                             sha256=bundle_sha, body=p.bundle_bytes))
        payload = parsed.payload
        extra = payload["extra"]
        area = Area.of_row(board_row)
        status = "sealed"
        if annulment_needs_approval(payload["subject"]["kind"], extra, board.level):
            status = "awaiting_approval"
        target = self._item(conn, "ruling_ref", extra.get(APPROVES_KEY, "")) if (
            board.level is BoardLevel.CENTRAL and extra.get(APPROVES_KEY)) else None
        if target is not None:
            # The central board's approval concerns the annulment's jurisdiction: the
            # boards that see the annulment see the approval too.
            area = Area.of_row(target)
            refused = extra.get(APPROVAL_KEY, "approved") == "refused"
            if target["status"] == "awaiting_approval":
                self._rewrite_ruling_ref(conn, target, "refused" if refused else "sealed")
        ref = wire.RulingRef(
            ruling_id=payload["ruling_id"], board_id=board_id, serial=payload["serial"],
            issued_on=datetime.fromisoformat(payload["issued_on"]).date(),
            subject_kind=payload["subject"]["kind"], subject_ref=payload["subject"]["ref"],
            supersedes=payload["supersedes"], ledger_seq=entry.seq,
            ruling_hash=entry.ruling_hash, bundle_sha256=bundle_sha, status=status,
        )
        return self._insert_record(conn, "ruling_ref", ref.ruling_id, wire.encode_ruling_ref(ref),
                                   area, board_id, status=status)[0]

    def _check_session_time(self, conn: Connection, payload: dict[str, Any],
                            ledger: Ledger) -> None:
        """Bound the signer-chosen session time from below.

        Certificate expiry and revocations for leaving the board are judged at the
        session time, so a client that backdates it could use a certificate expired or
        withdrawn since. The server accepts a session no older than the window before its
        own clock, and not earlier than the session of the board's previous ledger entry
        (less the clock skew allowed between workstations).
        """
        session_at = as_utc(datetime.fromisoformat(payload["session_at"]))
        earliest = self.now() - self.settings.ruling_session_window
        problem: Check | None = None
        if session_at < earliest:
            problem = Check.fail("session_too_old", detail=(
                f"session {session_at.isoformat()}, earliest accepted {earliest.isoformat()}"))
        previous = ledger.entry_at(payload["ledger"]["seq"] - 1)
        if problem is None and previous is not None:
            body = conn.execute(select(bundles.c.body).where(
                bundles.c.ruling_id == previous.ruling_id)).scalar_one()
            before = as_utc(datetime.fromisoformat(json.loads(bytes(body))["payload"][
                "session_at"]))
            if session_at < before - CLOCK_SKEW:
                problem = Check.fail("session_before_predecessor", detail=(
                    f"session {session_at.isoformat()}, entry {previous.seq} "
                    f"{before.isoformat()}"))
        if problem is not None:
            raise Rejected("session_out_of_window", problem.message_en, field="payload.bundle",
                           checks=[problem.code], checks_fa=[problem.message_fa],
                           session_at=session_at.isoformat())

    def _rewrite_ruling_ref(self, conn: Connection, row: dict[str, Any], status: str) -> None:
        """The annulment's ref with its new status: a new revision at a new seq, so every
        board that holds it pulls the change."""
        data = json.loads(row["body"])
        data["status"] = status
        revision = int(row["revision"]) + 1
        seq = take_seq(conn)
        fresh = item_row("ruling_ref", row["key"], data, Area.of_row(row), seq=seq,
                         revision=revision, board_id=row["board_id"], status=status)
        conn.execute(update(items).where(items.c.pk == row["pk"]).values(
            seq=seq, revision=revision, status=status, body=fresh["body"],
            content_sha256=fresh["content_sha256"]))

    # --- dossiers (registry role) ----------------------------------------------------------

    def _rewrite_dossier(self, conn: Connection, row: dict[str, Any],
                         changes: dict[str, Any]) -> tuple[int, int]:
        """Apply ``changes`` to a stored dossier: new revision, new seq, same key."""
        data = json.loads(row["body"])
        data.update(changes)
        revision = int(row["revision"]) + 1
        data["revision"] = revision
        seq = take_seq(conn)
        fresh = item_row("dossier", row["key"], data, Area.of_row(row), seq=seq,
                         revision=revision, status=data["status"])
        conn.execute(update(items).where(items.c.pk == row["pk"]).values(
            seq=seq, revision=revision, status=data["status"], body=fresh["body"],
            content_sha256=fresh["content_sha256"], **Area.of_row(row).columns()))
        return seq, revision

    def put_dossier(self, principal: Principal, registration_id: str,
                    data: dict[str, Any]) -> dict[str, Any]:
        if principal.role != "registry":
            raise ApiError(403, "forbidden", "only the registry maintains dossiers")
        try:
            dossier = wire.decode_dossier(data)
        except wire.WireError as exc:
            raise ApiError(422, "validation_error", str(exc),
                           {"errors": [{"field": exc.field, "message": exc.reason}]}) from None
        if dossier.registration_id != registration_id:
            raise ApiError(422, "validation_error", "registration_id differs from the path",
                           {"errors": [{"field": "registration_id",
                                        "message": "differs from the path"}]})
        with write_tx(self.engine) as conn:
            take_seq(conn, 0)
            place = self._item(conn, "constituency", dossier.constituency_code)
            if place is None:
                raise ApiError(422, "validation_error", "unknown constituency",
                               {"errors": [{"field": "constituency_code",
                                            "message": "unknown constituency"}]})
            area = Area.of_row(place).with_branch(None)
            existing = self._item(conn, "dossier", registration_id)
            if existing is None:
                dossier.revision = 0
                wire_form = wire.encode_dossier(dossier)
                seq = take_seq(conn)
                pk = conn.execute(items.insert().values(**item_row(
                    "dossier", registration_id, wire_form, area, seq=seq,
                    status=dossier.status.value))).inserted_primary_key[0]
                self._refs(conn, int(pk), dossier)
                return {"id": registration_id, "seq": seq, "revision": 0, "status": "created"}
            dossier.revision = int(existing["revision"])
            wire_form = wire.encode_dossier(dossier)
            if body_of(wire_form) == existing["body"] and Area.of_row(existing) == area:
                return {"id": registration_id, "seq": existing["seq"],
                        "revision": dossier.revision, "status": "unchanged"}
            dossier.revision += 1
            wire_form = wire.encode_dossier(dossier)
            seq = take_seq(conn)
            fresh = item_row("dossier", registration_id, wire_form, area, seq=seq,
                             revision=dossier.revision, status=dossier.status.value)
            conn.execute(update(items).where(items.c.pk == existing["pk"]).values(
                seq=seq, revision=dossier.revision, status=dossier.status.value,
                body=fresh["body"], content_sha256=fresh["content_sha256"], **area.columns()))
            conn.execute(attachment_refs.delete().where(
                attachment_refs.c.item_pk == existing["pk"]))
            self._refs(conn, int(existing["pk"]), dossier)
            return {"id": registration_id, "seq": seq, "revision": dossier.revision,
                    "status": "updated"}

    @staticmethod
    def _refs(conn: Connection, pk: int, dossier: Any) -> None:
        for sha in sorted({doc.sha256 for doc in dossier.documents}):
            conn.execute(attachment_refs.insert().values(sha256=sha, item_pk=pk))

    def withdraw_dossier(self, principal: Principal, registration_id: str) -> dict[str, Any]:
        if principal.role != "registry":
            raise ApiError(403, "forbidden", "only the registry maintains dossiers")
        with write_tx(self.engine) as conn:
            take_seq(conn, 0)
            row = self._item(conn, "dossier", registration_id)
            if row is None:
                raise ApiError(404, "not_found", f"no dossier {registration_id!r}")
            current = CandidateStatus(row["status"])
            if current is _WITHDRAWN:
                return {"id": registration_id, "seq": row["seq"], "revision": row["revision"],
                        "status": "unchanged"}
            if not CANDIDATE_MACHINE.can(current, _WITHDRAWN):
                raise ApiError(422, "validation_error",
                               f"a {current.value} candidate cannot withdraw",
                               {"errors": [{"field": "status",
                                            "message": f"{current.value} → withdrawn"}]})
            seq, revision = self._rewrite_dossier(conn, row, {"status": _WITHDRAWN.value})
        return {"id": registration_id, "seq": seq, "revision": revision, "status": "updated"}

    # --- attachments and bundles -----------------------------------------------------------

    def attachment(self, principal: Principal, sha256: str) -> bytes:
        not_found = ApiError(404, "not_found", "no such attachment in this account's scope")
        with read_tx(self.engine) as conn:
            cited = conn.execute(
                select(items.c.kind, items.c.key, items.c.body)
                .select_from(attachment_refs.join(items, items.c.pk == attachment_refs.c.item_pk))
                .where(attachment_refs.c.sha256 == sha256, principal.scope.sql(items))
                .limit(1)
            ).first()
            blob = conn.execute(
                select(blobs.c.content, blobs.c.uploaded_by).where(blobs.c.sha256 == sha256)
            ).first()
            demo = db.get_state(conn, "demo") == "1"
        if blob is not None and (cited is not None or blob.uploaded_by == principal.username):
            return bytes(blob.content)
        if cited is not None and cited.kind == "dossier" and demo:
            for doc in json.loads(cited.body)["documents"]:
                content = f"nezarat-demo/{cited.key}/{doc['kind']}".encode()
                if doc["sha256"] == sha256 and hashlib.sha256(content).hexdigest() == sha256:
                    return content
        raise not_found

    def put_attachment(self, principal: Principal, sha256: str, content: bytes) -> bool:
        """Store an upload; True if it is new."""
        if not principal.pushes_anything:
            raise ApiError(403, "forbidden", f"role {principal.role} may not upload files")
        if hashlib.sha256(content).hexdigest() != sha256:
            raise ApiError(422, "validation_error", "the content does not hash to the path",
                           {"errors": [{"field": "sha256", "message": "hash mismatch"}]})
        if not content:
            raise ApiError(422, "validation_error", "empty file",
                           {"errors": [{"field": "body", "message": "empty"}]})
        with write_tx(self.engine) as conn:
            if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)).first():
                return False
            conn.execute(blobs.insert().values(sha256=sha256, size=len(content),
                                               content=content,
                                               uploaded_by=principal.username))
        return True

    def ruling_bundle(self, principal: Principal, ruling_id: str) -> bytes:
        with read_tx(self.engine) as conn:
            ref = self._item(conn, "ruling_ref", ruling_id)
            if ref is None or not principal.scope.contains(ref):
                raise ApiError(404, "not_found", "no such ruling in this account's scope")
            body = conn.execute(
                select(bundles.c.body).where(bundles.c.ruling_id == ruling_id)
            ).scalar_one()
        return bytes(body)

    def demo_member_keys(self, principal: Principal) -> dict[str, Any]:
        with read_tx(self.engine) as conn:
            if db.get_state(conn, "demo") != "1" or not principal.board_id or \
                    principal.role not in ("central", "provincial", "county", "district"):
                raise ApiError(404, "not_found", "no demo keys here")
            rows = conn.execute(
                select(demo_keys).where(demo_keys.c.board_id == principal.board_id)
                .order_by(demo_keys.c.member_id)
            ).all()
            ca = db.get_state(conn, "ca_certificate") or ""
            crl = db.get_state(conn, "crl") or ""
        return {
            "ca_certificate": ca,
            "crl": crl,
            "members": [
                {"member_id": r.member_id, "role": r.role, "private_key_pem": r.private_key_pem,
                 "certificate_pem": r.certificate_pem}
                for r in rows
            ],
        }
