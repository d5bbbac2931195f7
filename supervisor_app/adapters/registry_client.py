"""HTTP client of the registry server's board-facing API (``registry_server/API.md``, v1).

Everything the server answers is checked before anyone may write it: feed pages are
parsed into :class:`FeedPage` with every record decoded by :mod:`supervisor_app.domain.wire`
and its ``content_sha256`` verified, so a truncated, malformed or tampered answer raises
:class:`MalformedResponse` and the caller writes nothing. Errors are typed by what the
caller should do about them:

* :class:`RegistryUnreachable` (network down, refused, reset, timed out, cut off mid-body)
  and :class:`ServerFailure` (5xx, 429) are ``retryable``;
* :class:`MalformedResponse` is retryable too (a proxy may have mangled one answer), but
  a policy bounds the attempts so a consistently broken server surfaces as an error;
* :class:`Refused` (any other 4xx, with the server's ``code`` and Persian message) is
  not: retrying it unchanged cannot help. :class:`NotAuthenticated` (401) tells the caller
  to sign in again.

No Qt and no store here: this module only speaks HTTP and the wire format.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import urllib3.exceptions

from supervisor_app.adapters import feed_fastpath
from supervisor_app.domain import wire
from supervisor_app.domain.canonical import FORMAT_VERSION
from supervisor_app.domain.digest import KindDigest, record_hash

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = (5.0, 60.0)  # (connect, read) seconds
HEALTH_TIMEOUT = (2.0, 3.0)
PUSH_RESULT_STATUSES = frozenset({"created", "duplicate", "conflict", "rejected"})
MAX_ATTACHMENT_BYTES = wire.MAX_ATTACHMENT_BYTES
MAX_RULING_BUNDLE_BYTES = 2 * 1024 * 1024  # the server takes bundles of up to 512 KiB
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 64 * 1024


# --- errors -------------------------------------------------------------------------------


class RegistryError(Exception):
    """Something went wrong talking to the registry; ``message_fa`` says it in Persian."""

    retryable = False
    message_fa = "ارتباط با سامانه ثبت‌نام با خطا روبه‌رو شد."


class RegistryUnreachable(RegistryError):
    """No answer: refused, reset, timed out, DNS failure or the answer was cut off."""

    retryable = True
    message_fa = "سامانه ثبت‌نام در دسترس نیست (شبکه قطع است یا سرور پاسخ نمی‌دهد)."


class ServerFailure(RegistryError):
    """The server answered 5xx or 429; ``retry_after`` seconds if it said so."""

    retryable = True
    message_fa = "سرور سامانه ثبت‌نام موقتاً خطا داد؛ دوباره تلاش می‌شود."

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class MalformedResponse(RegistryError):
    """The answer is not what the contract promises (bad JSON, shape, record or hash)."""

    retryable = True
    message_fa = "پاسخ سرور ناقص یا نامعتبر بود؛ هیچ چیز از آن ذخیره نشد."


class Refused(RegistryError):
    """A 4xx answer with the server's structured error (``code``, Persian message, details)."""

    def __init__(
        self,
        message: str,
        status: int,
        code: str,
        message_fa: str = "",
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details: dict[str, Any] = dict(details or {})
        if message_fa:
            self.message_fa = message_fa


class NotAuthenticated(Refused):
    """401: no token, or it expired or was revoked (or the login itself failed)."""


# --- answers ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Account:
    username: str
    role: str
    board_id: str | None
    observer_id: str | None
    device_id: str
    scope: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ServerInfo:
    api_version: str
    schema_version: int
    cycle_code: str | None
    min_app_version: str


@dataclass(frozen=True, slots=True)
class LoginResult:
    token: str
    expires_at: str
    account: Account
    server: ServerInfo


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One record of a feed page, validated: ``record`` is the decoded domain object."""

    kind: str
    id: str
    seq: int
    revision: int
    content_sha256: str
    data: Any  # the wire form (JSON values), a fast-accepted dossier's typed value, or
    #            None for a dossier whose row the pull worker built already
    record: Any


@dataclass(frozen=True, slots=True)
class FeedPage:
    items: list[FeedItem]
    next_cursor: int
    has_more: bool
    skipped_kinds: frozenset[str] = frozenset()  # kinds this client does not know (ignored)


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """The server's verdict on one pushed item."""

    id: str
    kind: str
    status: str  # created | duplicate | conflict | rejected
    seq: int | None
    error: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class ServerStatus:
    cursor: int
    cycle_code: str | None
    kinds: dict[str, KindDigest]


# --- parsing ------------------------------------------------------------------------------


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json(body: bytes, what: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedResponse(f"{what}: the answer is not valid JSON ({exc})") from None


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Scanner:
    """A JSON walk over a feed page that also returns the exact text of each ``data``.

    The server splices each record's canonical JSON into the page as it stored it, so the
    record hash can be checked on that text without re-encoding (a third of the CPU of
    a 300,000-dossier pull). Values are decoded by the standard library's scanner, so the
    result equals ``json.loads``; anything unexpected raises ``ValueError``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def ws(self) -> None:
        self.i = _WS.match(self.text, self.i).end()  # type: ignore[union-attr]

    def expect(self, char: str) -> None:
        self.ws()
        if self.text[self.i : self.i + 1] != char:
            raise ValueError(f"expected {char!r} at offset {self.i}")
        self.i += 1

    def peek(self) -> str:
        self.ws()
        return self.text[self.i : self.i + 1]

    def value(self) -> Any:
        self.ws()
        value, self.i = _DECODER.raw_decode(self.text, self.i)
        return value

    def raw_value(self) -> tuple[Any, str]:
        self.ws()
        start = self.i
        value, self.i = _DECODER.raw_decode(self.text, self.i)
        return value, self.text[start : self.i]

    def members(self) -> Any:
        """Yield the keys of an object; the caller reads each value before the next key."""
        self.expect("{")
        if self.peek() == "}":
            self.i += 1
            return
        seen: set[str] = set()
        while True:
            key = self.value()
            if not isinstance(key, str) or key in seen:
                raise ValueError(f"bad or repeated key at offset {self.i}")
            seen.add(key)
            self.expect(":")
            yield key
            self.ws()
            char = self.text[self.i : self.i + 1]
            self.i += 1
            if char == "}":
                return
            if char != ",":
                raise ValueError(f"expected ',' or '}}' at offset {self.i - 1}")

    def elements(self) -> Any:
        self.expect("[")
        if self.peek() == "]":
            self.i += 1
            return
        while True:
            yield
            self.ws()
            char = self.text[self.i : self.i + 1]
            self.i += 1
            if char == "]":
                return
            if char != ",":
                raise ValueError(f"expected ',' or ']' at offset {self.i - 1}")

    def end(self) -> None:
        self.ws()
        if self.i != len(self.text):
            raise ValueError(f"extra data at offset {self.i}")


def _scan_page(text: str) -> tuple[dict[str, Any], list[tuple[dict[str, Any], str | None]]]:
    """(envelope without items, [(item, raw text of its data)]) of a feed page."""
    scanner = _Scanner(text)
    envelope: dict[str, Any] = {}
    items: list[tuple[dict[str, Any], str | None]] | None = None
    for key in scanner.members():
        if key != "items":
            envelope[key] = scanner.value()
            continue
        if scanner.peek() != "[":
            raise ValueError("items is not a list")
        items = []
        for _ in scanner.elements():
            if scanner.peek() != "{":
                items.append((scanner.value(), None))  # not an object: reported later
                continue
            item: dict[str, Any] = {}
            raw: str | None = None
            for item_key in scanner.members():
                if item_key == "data":
                    item["data"], raw = scanner.raw_value()
                else:
                    item[item_key] = scanner.value()
            items.append((item, raw))
    scanner.end()
    if items is None:
        raise ValueError("items is missing")
    return envelope, items


def _hash_of_text(kind: str, raw: str | bytes) -> str:
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    return hashlib.sha256(f"{FORMAT_VERSION}//{kind}//".encode() + data).hexdigest()


_RawItems = list[tuple[Any, "str | bytes | None"]]


def _no_repeats(pairs: list[tuple[str, Any]]) -> None:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("repeated key")


def _keys_unique(body: bytes, data: list[Any]) -> bool:
    """No repeated key in the page's envelope or items (``data`` values excluded).

    The compiled decoder keeps the last of repeated keys, as ``json`` does; a page that
    says two things under one name is refused instead. Each ``data`` value is cut out of
    the page (they are 99% of it) and the remaining skeleton is checked.
    """
    parts: list[bytes] = []
    pos = 0
    for value in data:
        raw = bytes(value)
        at = body.find(raw, pos)
        if at < 0:
            return False
        parts += (body[pos:at], b"0")
        pos = at + len(raw)
    parts.append(body[pos:])
    try:
        json.loads(b"".join(parts), object_pairs_hook=_no_repeats)
    except ValueError:
        return False
    return True


def _decode_raw(raw: bytes) -> Any:
    try:
        return feed_fastpath.decode_any(raw)
    except (feed_fastpath.msgspec.DecodeError, UnicodeDecodeError):
        pass
    try:
        return json.loads(raw)  # e.g. NaN or huge integers: read as json reads them
    except ValueError as exc:  # UnicodeDecodeError is one
        raise MalformedResponse(f"feed page: the answer is not valid JSON ({exc})") from None


def _read_page(body: bytes) -> tuple[dict[str, Any], _RawItems]:
    """(envelope, [(item, exact bytes or text of its data)]): compiled path first.

    The compiled decoder (``feed_fastpath``) handles every well-formed page; anything it
    cannot read goes through the reference scanner, whose error says what is wrong.
    """
    try:
        page = feed_fastpath.decode_page(body)
    except feed_fastpath.PageShapeError:
        try:
            text = body.decode("utf-8")
            return _scan_page(text)
        except (UnicodeDecodeError, ValueError) as exc:
            raise MalformedResponse(
                f"feed page: the answer is not valid JSON ({exc})"
            ) from None
    unset = feed_fastpath.msgspec.UNSET
    if not _keys_unique(body, [it.data for it in page.items if it.data is not unset]):
        return _scan_page(body.decode("utf-8"))  # it says which key is repeated
    envelope = {
        k: v for k, v in (("next_cursor", page.next_cursor), ("has_more", page.has_more))
        if v is not unset
    }
    raw_items: _RawItems = []
    for it in page.items:
        item = {
            k: v for k, v in (
                ("kind", it.kind), ("id", it.id), ("seq", it.seq), ("revision", it.revision),
                ("content_sha256", it.content_sha256),
            ) if v is not unset
        }
        raw: bytes | None = None
        if it.data is not unset:
            raw = bytes(it.data)  # decoded in parse_feed_page (dossiers: once, typed)
        raw_items.append((item, raw))
    return envelope, raw_items


_TAIL = re.compile(rb'"next_cursor":([0-9]{1,16}),"has_more":(true|false)\}\s*\Z')


def next_cursor_hint(body: bytes) -> int | None:
    """The next page's cursor as this page's last bytes spell it, when they say there is
    more (the reference server's spelling), else None.

    Not validated: a hint to start downloading the next page while this one is checked.
    The page is used only once validated, and only a download for the validated cursor.
    """
    m = _TAIL.search(body, max(0, len(body) - 96))
    if m is None or m.group(2) != b"true":
        return None
    return int(m.group(1))


_DOSSIER_HASH = hashlib.sha256(f"{FORMAT_VERSION}//dossier//".encode())


def _typed_dossier_page(page: Any, after: int) -> FeedPage | None:
    """The FeedPage of a page ``feed_fastpath.dossier_page`` accepted, after the checks
    it leaves to its caller (the same as below); None when one fails, so the full path
    runs and says what is wrong."""
    next_cursor = page.next_cursor
    if not after <= next_cursor <= wire.MAX_SAFE_INT:
        return None
    out: list[FeedItem] = []
    previous = after
    encode = feed_fastpath.encode
    for it in page.items:
        d = it.data
        seq = it.seq
        if not previous < seq <= next_cursor or it.id != d.registration_id:
            return None
        if it.revision != d.revision:
            return None
        h = _DOSSIER_HASH.copy()
        h.update(encode(d))  # the page is canonical: these are the bytes received
        if h.hexdigest() != it.content_sha256:
            return None
        previous = seq
        out.append(FeedItem("dossier", it.id, seq, it.revision, it.content_sha256, d, None))
    return FeedPage(out, next_cursor, page.has_more)


def parse_feed_page(body: bytes, *, after: int) -> FeedPage:
    """Validate a feed page completely; raises :class:`MalformedResponse` on any defect.

    Checks the envelope, that ``seq`` strictly increases above ``after`` and never
    passes ``next_cursor``, each item's shape, each record against its wire codec (the
    record's own id must be the item's id) and each ``content_sha256``. Items of kinds
    this client does not know are skipped, as the contract asks.

    Dossiers accepted by the compiled validator carry ``record=None`` and, as ``data``,
    the validator's typed value (the wire form's fields as attributes); the mirror writes
    their rows from it.
    """
    page = feed_fastpath.dossier_page(body)
    if page is not None:
        fast = _typed_dossier_page(page, after)
        if fast is not None:
            return fast
    try:
        envelope, raw_items = _read_page(body)
    except ValueError as exc:
        raise MalformedResponse(f"feed page: the answer is not valid JSON ({exc})") from None
    next_cursor = envelope.get("next_cursor")
    has_more = envelope.get("has_more")
    if not _int(next_cursor) or not 0 <= next_cursor <= wire.MAX_SAFE_INT:
        raise MalformedResponse("feed page: next_cursor is not a non-negative integer")
    if not isinstance(has_more, bool):
        raise MalformedResponse("feed page: has_more is not true or false")
    if next_cursor < after:
        raise MalformedResponse(f"feed page: next_cursor {next_cursor} is behind {after}")
    items: list[FeedItem] = []
    skipped: set[str] = set()
    previous = after
    for i, (item, raw) in enumerate(raw_items):
        where = f"items[{i}]"
        if not isinstance(item, dict):
            raise MalformedResponse(f"feed page: {where} is not an object")
        kind, item_id = item.get("kind"), item.get("id")
        seq, revision = item.get("seq"), item.get("revision")
        digest = item.get("content_sha256")
        typed: Any = None  # a dossier the compiled validator accepted
        if isinstance(raw, bytes):  # the compiled path: data not decoded yet
            typed = feed_fastpath.dossier_struct(raw) if kind == "dossier" else None
            data = typed if typed is not None else _decode_raw(raw)
        else:
            data = item.get("data")
        fast = typed is not None
        if not isinstance(kind, str) or not isinstance(item_id, str):
            raise MalformedResponse(f"feed page: {where} has no kind or id")
        if not _int(seq) or not _int(revision) or revision < 0:
            raise MalformedResponse(f"feed page: {where} has no integer seq or revision")
        if seq <= previous or seq > next_cursor:
            raise MalformedResponse(
                f"feed page: {where}.seq {seq} is out of order (after {previous}, "
                f"next_cursor {next_cursor})"
            )
        previous = seq
        if kind not in wire.CODECS:
            skipped.add(kind)
            continue
        if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
            raise MalformedResponse(f"feed page: {where}.content_sha256 is not a SHA-256")
        record: Any = None
        if not fast:
            try:
                record = wire.decode(kind, data, f"{where}.data")
            except wire.WireError as exc:
                raise MalformedResponse(f"feed page: {exc}") from None
        own_id = typed.registration_id if fast else wire.record_id(kind, data)
        if own_id != item_id:
            raise MalformedResponse(f"feed page: {where}.id differs from its record's id")
        if kind == "dossier" and (typed.revision if fast else data["revision"]) != revision:
            raise MalformedResponse(f"feed page: {where}.revision differs from the dossier's")
        # The exact bytes hash directly; any other valid spelling is re-encoded.
        # (A typed dossier's bytes are canonical: re-encoding them could not help.)
        if (raw is None or _hash_of_text(kind, raw) != digest) and (
            fast or record_hash(kind, data) != digest
        ):
            raise MalformedResponse(f"feed page: {where} does not match its content_sha256")
        items.append(FeedItem(kind, item_id, seq, revision, digest, data, record))
    return FeedPage(items, next_cursor, has_more, frozenset(skipped))


def parse_push_results(body: bytes, sent: list[tuple[str, str]]) -> list[PushOutcome]:
    """The per-item results of a push, checked against what was sent ((id, kind) in order)."""
    data = _json(body, "push")
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or len(results) != len(sent):
        raise MalformedResponse("push: the answer does not have one result per item")
    out: list[PushOutcome] = []
    for i, (result, (item_id, kind)) in enumerate(zip(results, sent, strict=True)):
        if not isinstance(result, dict) or result.get("id") != item_id:
            raise MalformedResponse(f"push: results[{i}] is not the answer for item {item_id}")
        status = result.get("status")
        if status not in PUSH_RESULT_STATUSES:
            raise MalformedResponse(f"push: results[{i}].status {status!r} is unknown")
        seq = result.get("seq")
        error = result.get("error")
        if status in ("conflict", "rejected") and not isinstance(error, dict):
            raise MalformedResponse(f"push: results[{i}] is {status} without an error")
        out.append(
            PushOutcome(
                id=item_id,
                kind=str(result.get("kind", kind)),
                status=status,
                seq=seq if _int(seq) else None,
                error=error if isinstance(error, dict) else None,
            )
        )
    return out


def parse_status(body: bytes) -> ServerStatus:
    data = _json(body, "status")
    if not isinstance(data, dict) or not _int(data.get("cursor")):
        raise MalformedResponse("status: no cursor in the answer")
    kinds = data.get("kinds")
    if not isinstance(kinds, dict):
        raise MalformedResponse("status: no kinds in the answer")
    try:
        parsed = {str(k): KindDigest.from_dict(v) for k, v in kinds.items() if isinstance(v, dict)}
    except ValueError as exc:
        raise MalformedResponse(f"status: {exc}") from None
    cycle = data.get("cycle_code")
    return ServerStatus(data["cursor"], cycle if isinstance(cycle, str) else None, parsed)


def parse_counts(body: bytes) -> dict[str, int]:
    """Records per kind (``/counts``): non-negative integers only, or MalformedResponse."""
    data = _json(body, "counts")
    if not isinstance(data, dict) or not _int(data.get("cursor")):
        raise MalformedResponse("counts: no cursor in the answer")
    counts = data.get("counts")
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and _int(v) and 0 <= v <= wire.MAX_SAFE_INT
        for k, v in counts.items()
    ):
        raise MalformedResponse("counts: the answer is not a count per kind")
    return {str(k): int(v) for k, v in counts.items()}


def _login_result(data: Any) -> LoginResult:
    try:
        account, server = data["account"], data["server"]
        result = LoginResult(
            token=str(data["token"]),
            expires_at=str(data["expires_at"]),
            account=Account(
                username=str(account["username"]),
                role=str(account["role"]),
                board_id=account.get("board_id"),
                observer_id=account.get("observer_id"),
                device_id=str(account["device_id"]),
                scope=dict(account.get("scope") or {}),
            ),
            server=ServerInfo(
                api_version=str(server["api_version"]),
                schema_version=int(server["schema_version"]),
                cycle_code=server.get("cycle_code"),
                min_app_version=str(server.get("min_app_version", "")),
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MalformedResponse(f"login: unexpected answer ({exc!r})") from None
    if not result.token:
        raise MalformedResponse("login: the answer has no token")
    return result


# --- the client ---------------------------------------------------------------------------


def api_base(server_url: str) -> str:
    """``http://host:port`` (or with ``/api/v1``) → the API base URL, without a trailing /."""
    url = server_url.strip().rstrip("/")
    if not re.match(r"^https?://[^/\s]+", url):
        raise ValueError(f"not an http(s) server address: {server_url!r}")
    return url if url.endswith(API_PREFIX) else url + API_PREFIX


@dataclass
class RegistryClient:
    """One server, one (optional) bearer token; thread-confined like its requests.Session."""

    server_url: str
    token: str | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    user_agent: str = "nezarat"
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.base = api_base(self.server_url)
        # requests asks for gzip by default; the server compresses feeds ~8x.
        self.session.headers.update({"User-Agent": self.user_agent, "Accept-Encoding": "gzip"})

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        timeout: tuple[float, float] | None = None,
        ok: tuple[int, ...] = (200,),
        **kwargs: Any,
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if auth:
            if not self.token:
                raise NotAuthenticated("not signed in", 401, "unauthenticated",
                                       "ابتدا وارد شوید.", {"reason": "missing"})
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(
                method, self.base + path, headers=headers, timeout=timeout or self.timeout,
                **kwargs,
            )
            if not kwargs.get("stream"):
                _ = response.content  # read it all here, where a cut-off body is caught
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            # Refused, reset, timed out, or cut off mid-body (a short Content-Length or a
            # broken gzip stream): all mean "no usable answer", so all are retryable.
            raise RegistryUnreachable(f"{method} {path}: {exc}") from None
        if response.status_code in ok:
            return response
        raise self._error(method, path, response)

    @staticmethod
    def _error(method: str, path: str, response: requests.Response) -> RegistryError:
        status = response.status_code
        error: dict[str, Any] = {}
        try:
            body = json.loads(response.content or b"{}")
            if isinstance(body, dict) and isinstance(body.get("error"), dict):
                error = body["error"]
        except (ValueError, requests.RequestException):
            pass
        message = f"{method} {path}: HTTP {status} {error.get('message', response.reason or '')}"
        if status >= 500 or status == 429:
            retry_after: float | None = None
            header = response.headers.get("Retry-After", "")
            if header.strip().isdigit():
                retry_after = float(header)
            return ServerFailure(message.strip(), status, retry_after)
        code = str(error.get("code") or f"http_{status}")
        details = error.get("details") if isinstance(error.get("details"), dict) else {}
        kind = NotAuthenticated if status == 401 else Refused
        return kind(message.strip(), status, code, str(error.get("message_fa") or ""), details)

    def _json_of(self, response: requests.Response, what: str) -> Any:
        return _json(response.content, what)

    # --- endpoints ------------------------------------------------------------------------

    def health(self) -> bool:
        """Whether the server answers ``/health`` right now (connectivity detection)."""
        try:
            response = self._request("GET", "/health", auth=False, timeout=HEALTH_TIMEOUT)
            data = self._json_of(response, "health")
        except RegistryError:
            return False
        return isinstance(data, dict) and data.get("status") == "ok"

    def login(
        self, username: str, password: str, device_id: str, device_name: str = ""
    ) -> LoginResult:
        response = self._request(
            "POST", "/auth/login", auth=False,
            json={"username": username, "password": password, "device_id": device_id,
                  "device_name": device_name[:128]},
        )
        result = _login_result(self._json_of(response, "login"))
        self.token = result.token
        return result

    def logout(self) -> None:
        self._request("POST", "/auth/logout", ok=(204,))
        self.token = None

    def me(self) -> dict[str, Any]:
        data = self._json_of(self._request("GET", "/auth/me"), "me")
        if not isinstance(data, dict):
            raise MalformedResponse("me: the answer is not an object")
        return data

    def feed(self, name: str, after: int, limit: int) -> FeedPage:
        """One validated page of ``reference``, ``dossiers`` or ``records``."""
        return parse_feed_page(self.feed_body(name, after, limit), after=after)

    def feed_body(self, name: str, after: int, limit: int) -> bytes:
        """One page of a feed as the server sent it (not validated: see parse_feed_page)."""
        return self._request("GET", f"/{name}", params={"after": after, "limit": limit}).content

    def push(self, stamp: Mapping[str, Any], items: list[dict[str, Any]]) -> list[PushOutcome]:
        """POST one batch; ``items`` are ``{"id", "kind", "content_hash", "payload"}``."""
        body = {**stamp, "items": items}
        response = self._request("POST", "/push", json=body)
        return parse_push_results(response.content, [(i["id"], i["kind"]) for i in items])

    def status(self) -> ServerStatus:
        return parse_status(self._request("GET", "/status").content)

    def counts(self) -> dict[str, int]:
        """Records per kind in this account's scope, without digests (cheap for a server)."""
        return parse_counts(self._request("GET", "/counts").content)

    def ruling_bundle(self, ruling_id: str, *, max_bytes: int = MAX_RULING_BUNDLE_BYTES
                      ) -> bytes:
        """The exact bytes of a sealed ruling's bundle (the caller checks its hash and
        verifies it against the trust store before using it)."""
        if not re.fullmatch(r"[0-9A-Za-z._:-]{1,64}", ruling_id):
            raise ValueError(f"not a ruling id: {ruling_id!r}")
        content = self._request("GET", f"/rulings/{ruling_id}/bundle").content
        if len(content) > max_bytes:
            raise MalformedResponse(f"ruling bundle {ruling_id} is over {max_bytes} bytes")
        return content

    # --- trust material: the central CA's CRL and member certificates ---------------------

    def publish_crl(self, pem: str) -> dict[str, Any]:
        """PUT the central CA's newest CRL (central board); the server checks it is signed
        by its CA and newer than its current one (a Refused says why not)."""
        data = self._json_of(self._request("PUT", "/pki/crl", json={"crl": pem}), "pki/crl")
        if not isinstance(data, dict) or not isinstance(data.get("stored"), bool):
            raise MalformedResponse("pki/crl: the answer is not a publish result")
        return data

    def publish_certificates(self, pems: list[str]) -> dict[str, Any]:
        """POST member certificates the central CA issued (at most 500 per call)."""
        response = self._request("POST", "/pki/certificates", json={"certificates": pems})
        data = self._json_of(response, "pki/certificates")
        if not isinstance(data, dict) or not _int(data.get("stored")):
            raise MalformedResponse("pki/certificates: the answer is not a publish result")
        return data

    def member_certificates(self, after: int, limit: int = 500
                            ) -> tuple[list[dict[str, Any]], int, bool]:
        """One page of the member certificates in this account's area: (items, next
        cursor, has more). Each item carries ``certificate`` (PEM) and ``cursor``."""
        response = self._request("GET", "/pki/certificates",
                                 params={"after": after, "limit": limit})
        data = self._json_of(response, "pki/certificates")
        if not (isinstance(data, dict) and isinstance(data.get("items"), list)
                and _int(data.get("next_cursor")) and isinstance(data.get("has_more"), bool)
                and all(isinstance(i, dict) and isinstance(i.get("certificate"), str)
                        for i in data["items"])):
            raise MalformedResponse("pki/certificates: the answer is not a page")
        if data["next_cursor"] < after:
            raise MalformedResponse("pki/certificates: the cursor went backwards")
        return data["items"], int(data["next_cursor"]), bool(data["has_more"])

    def upload_attachment(self, sha256: str, content: bytes) -> bool:
        """PUT a file before the record citing it; True if the server did not have it."""
        response = self._request(
            "PUT", f"/attachments/{sha256}", ok=(200, 201), data=content,
            headers={"Content-Type": "application/octet-stream"},
        )
        return response.status_code == 201

    def download_attachment(
        self,
        sha256: str,
        part: Path,
        *,
        should_stop: Callable[[], bool] = lambda: False,
        max_bytes: int = MAX_ATTACHMENT_BYTES,
    ) -> Path:
        """Fetch a content-addressed file into ``part``, resuming what it already holds.

        Sends ``Range: bytes=<have>-`` (with ``If-Range`` on the file's ETag) when ``part``
        is not empty; a 200 answer restarts the file, a 206 appends, a 416 means the part
        already has every byte. The caller verifies the hash and moves the file into
        place. Raises :class:`MalformedResponse` for a body longer than ``max_bytes``.
        """
        if not _HEX64.fullmatch(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        have = part.stat().st_size if part.exists() else 0
        headers = {"Accept-Encoding": "identity"}
        if have:
            headers.update({"Range": f"bytes={have}-", "If-Range": f'"{sha256}"'})
        response = self._request(
            "GET", f"/attachments/{sha256}", ok=(200, 206, 416), headers=headers, stream=True
        )
        try:
            if response.status_code == 416:
                return part
            mode = "ab" if response.status_code == 206 else "wb"
            if mode == "ab":
                start = response.headers.get("Content-Range", "").removeprefix("bytes ")
                if not start.startswith(f"{have}-"):
                    raise MalformedResponse(f"attachment: range answer {start!r} for {have}-")
            written = have if mode == "ab" else 0
            part.parent.mkdir(parents=True, exist_ok=True)
            with part.open(mode) as fh:
                try:
                    for chunk in response.iter_content(_CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise MalformedResponse(
                                f"attachment {sha256} is over {max_bytes} bytes"
                            )
                        fh.write(chunk)
                        if should_stop():
                            break
                except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
                    raise RegistryUnreachable(f"attachment {sha256}: {exc}") from None
                fh.flush()
                os.fsync(fh.fileno())
        finally:
            response.close()
        return part
