"""The sync engine: drain the outbox, pull the registry's feeds, prove convergence.

One ``sync()`` call runs on a worker thread (the window's task runner or the CLI) and:

1. takes the data directory's sync lock (one sync at a time, across processes);
2. checks that the server answers (connectivity), and puts back to PENDING any outbox
   item a crashed sync left SENDING;
3. **pushes** the outbox in batches stamped with app and schema version, election cycle,
   board and device. Per item: created/duplicate → acknowledged; conflict → CONFLICT
   with the server's reason (a person decides); a retryable refusal (a predecessor that
   has not arrived) → pending again, resent after the rest; any other refusal →
   REJECTED with the reason. Nothing is deleted. A batch whose answer is lost is resent
   as it was; the server's idempotency answers "duplicate". Files that observer reports
   cite go up first; one the server refuses, or that is missing here, rejects only its
   report (``sync_attachments``);
4. **pulls** the reference, dossier and record feeds page by page from the stored
   cursors; each page is validated completely first (``adapters.registry_client``) and
   then written together with its cursor in one transaction (``store.mirror``), so a
   crash at any point resumes exactly after the last committed page.

Network calls retry with exponential backoff and jitter; a ``threading.Event`` cancels
between pages, batches and retries. ``progress`` is called with the phase and
done/total counts. No Qt and no SQL here.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .. import __version__
from ..adapters.keystore import KeystoreError
from ..adapters.registry_client import (
    FeedPage,
    MalformedResponse,
    NotAuthenticated,
    PushOutcome,
    Refused,
    RegistryClient,
    RegistryError,
    RegistryUnreachable,
    ServerFailure,
)
from ..domain import wire
from ..domain.digest import KindDigest, differences
from ..domain.outbox import OutboxItem, OutboxStatus
from ..store import Store
from ..store.mirror import CursorMoved, PreparedRows, RegistryMirror
from .audit_heads import HEAD_ADVICE, enqueue_audit_head, is_bookkeeping
from .pull_worker import ProcessPageReader
from .session_auth import NotSignedIn, SessionAuth
from .sync_attachments import ATTACHMENT_ADVICE, NOT_SENT, AttachmentUploader
from .sync_lock import SyncBusy, SyncLock
from .sync_retry import Cancelled, RetryPolicy, call_with_retry

if TYPE_CHECKING:
    from .certificates import CertificateService
    from .rulings import RulingService
    from .trust_sync import TrustState

log = logging.getLogger(__name__)
T = TypeVar("T")

CURSOR_ORIGIN_KEY = "sync.cursor_origin"
ORIGIN_KEY = "sync.origin"
LAST_SYNC_ERROR_KEY = "sync.last_error"
UNREADABLE_KEY = "sync.unreadable_feeds"  # feeds this account may not read (JSON list)
# Pulled pages are written in transactions of at least this many items (with their cursor):
# every commit rewrites the hot pages of each index into the WAL, so a first pull of
# 300,000 dossiers costs a third less in 5,000-item units than in 1,000-item ones.
WRITE_BATCH_ITEMS = 8000
WRITE_BATCH_PAGES = 4  # ...and of at most this many pages (small pages: small units)
IMPORT_PROBLEMS_KEY = "sync.import_problems"  # rulings/trust the last sync could not import
PUSH_BATCH_ITEMS = 100  # the server takes up to 200
PUSH_BATCH_BYTES = 6 * 1024 * 1024  # the server takes up to 8 MiB
MAX_PUSH_PASSES = 5  # walks over the outbox per sync (retryable refusals wait for the next)
WAIT_SLICE = 0.1  # seconds between looks at the cancel flag while a request runs
# Pages fetched and validated ahead of the writer: with one, the reader idled while the
# writer wrote a batch of four and the two took turns (35 s for a first pull of 300,000
# dossiers); a batch's worth keeps both busy. Each page held costs ~10 MB.
PREFETCH_PAGES = 4
# A first pull of at least this many dossiers reads them in a second process
# (services/pull_worker.py); below it, starting the process costs more than it saves.
PROCESS_PULL_MIN = 20_000
KEYSTORE_FA = "کلیدستان برای خواندن نشست ورود باز نشد."


@dataclass(frozen=True, slots=True)
class Feed:
    name: str  # the endpoint: reference | dossiers | records
    cursor_key: str
    page_size: int
    kinds: tuple[str, ...]


FEEDS: tuple[Feed, ...] = (
    Feed("reference", "sync.cursor.reference", 5000, wire.REFERENCE_KINDS),
    Feed("dossiers", "sync.cursor.dossiers", 2000, wire.DOSSIER_KINDS),
    Feed("records", "sync.cursor.records", 2000, wire.RECORD_KINDS),
)
CURSOR_KEYS = tuple(f.cursor_key for f in FEEDS)


class Phase(StrEnum):
    CONNECT = "connect"
    PUSH = "push"
    REFERENCE = "reference"
    DOSSIERS = "dossiers"
    RECORDS = "records"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Progress:
    """What a running sync is doing: ``done`` of ``total`` (None when not known yet)."""

    phase: Phase
    done: int = 0
    total: int | None = None
    detail: str = ""


ProgressCallback = Callable[[Progress], None]


@dataclass(slots=True)
class SyncReport:
    started_at: datetime
    finished_at: datetime | None = None
    online: bool = False
    pushed: dict[str, int] = field(default_factory=dict)  # outcome → items
    pulled: dict[str, int] = field(default_factory=dict)  # feed → records written
    skipped_feeds: list[str] = field(default_factory=list)  # feeds this account may not read
    cursors: dict[str, int] = field(default_factory=dict)
    caught_up: bool = False
    pending: int = 0  # still PENDING/SENDING after the sync
    needs_attention: int = 0  # CONFLICT or REJECTED: a person decides
    cancelled: bool = False
    error: str = ""
    error_fa: str = ""
    # After the pull: signed rulings of other boards imported, the central CA / CRL taken
    # into the trust store; what could not be imported waits in ``attention()``.
    imported: dict[str, int] = field(default_factory=dict)
    import_problems: int = 0

    @property
    def converged(self) -> bool:
        """Everything sent and acknowledged, every feed read to its end, no error."""
        return (
            self.caught_up
            and self.pending == 0
            and self.needs_attention == 0
            and not self.cancelled
            and not self.error
        )

    @property
    def seconds(self) -> float:
        end = self.finished_at or datetime.now(UTC)
        return (end - self.started_at).total_seconds()

    def as_dict(self) -> dict[str, Any]:
        return {
            "converged": self.converged,
            "online": self.online,
            "caught_up": self.caught_up,
            "pushed": dict(self.pushed),
            "pulled": dict(self.pulled),
            "skipped_feeds": list(self.skipped_feeds),
            "cursors": dict(self.cursors),
            "pending": self.pending,
            "needs_attention": self.needs_attention,
            "cancelled": self.cancelled,
            "error": self.error,
            "error_fa": self.error_fa,
            "imported": dict(self.imported),
            "import_problems": self.import_problems,
            "started_at": self.started_at.isoformat(),
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class SyncState:
    """For the status bar: signed in where, what waits, when it last worked."""

    server_url: str
    username: str
    pending: int
    needs_attention: int
    last_sync_at: datetime | None
    last_error: str
    trust: TrustState | None = None  # the central CA and CRL this workstation trusts


@dataclass(frozen=True, slots=True)
class LocalStatus:
    kinds: dict[str, KindDigest]
    outbox: dict[str, int]
    pending: int
    cursors: dict[str, int]

    @property
    def cursor(self) -> int:
        """How far every feed has been read (the smallest feed cursor)."""
        return min(self.cursors.values()) if self.cursors else 0


@dataclass(frozen=True, slots=True)
class VerifyReport:
    local: LocalStatus
    server_kinds: dict[str, KindDigest]
    server_cursor: int
    differences: dict[str, tuple[KindDigest | None, KindDigest | None]]

    @property
    def matches(self) -> bool:
        return not self.differences


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """An outbox item the server did not accept, with what to do about it."""

    id: str
    kind: str
    status: str  # conflict | rejected
    code: str
    message: str
    message_fa: str
    advice: str
    advice_fa: str
    created_at: datetime
    attempts: int


class SyncFailed(Exception):
    """The sync stopped; ``message_fa`` says why in Persian."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


# What the user does next, per refusal code (the server's own text says what happened).
ADVICE: dict[str, tuple[str, str]] = {
    "conflict": (
        "A record with this id but different content is already on the server. Compare the "
        "two with the board's secretary; if this workstation's version is right, record it "
        "again as a new entry.",
        "رکوردی با همین شناسه ولی محتوای دیگر پیش‌تر در سرور ثبت شده است. دو نسخه را با "
        "دبیر هیات مقایسه کنید؛ اگر نسخه این رایانه درست است، آن را به‌صورت رکوردی تازه "
        "دوباره ثبت کنید.",
    ),
    "out_of_scope": (
        "The record is outside this board's jurisdiction; refer it to the competent board.",
        "این رکورد خارج از حوزه نظارت این هیات است؛ آن را به هیات صالح ارجاع دهید.",
    ),
    "board_mismatch": (
        "The record names another board; it must be recorded by that board.",
        "این رکورد به نام هیات دیگری است و باید همان هیات آن را ثبت کند.",
    ),
    "kind_not_allowed": (
        "This account may not send this kind of record; sign in with a board member's account.",
        "این حساب اجازه ارسال این نوع رکورد را ندارد؛ با حساب یکی از اعضای هیات وارد شوید.",
    ),
    "unknown_reference": (
        "It cites a dossier, branch or board the server does not know; sync again, then "
        "send it again. If it persists, call the IT officer.",
        "به پرونده، شعبه یا هیاتی اشاره می‌کند که سرور نمی‌شناسد؛ دوباره همگام‌سازی و "
        "ارسال کنید و اگر باز هم رد شد با مسئول فناوری تماس بگیرید.",
    ),
    "ruling_invalid": (
        "The signed ruling did not verify on the server (signatures, certificates or "
        "quorum); check it on the Rulings page and issue a correcting ruling if needed.",
        "رأی امضاشده در سرور تأیید نشد (امضا، گواهی یا حد نصاب)؛ آن را در صفحه آرا بررسی "
        "کنید و در صورت لزوم رأی اصلاحی صادر کنید.",
    ),
    "history_conflict": (
        "Another entry of this complaint's history was recorded elsewhere at the same time. "
        "Nothing is lost: the next sync places this entry after it and sends it again.",
        "هم‌زمان در جای دیگری رویداد دیگری در سابقهٔ این شکایت ثبت شده است. چیزی از دست "
        "نمی‌رود: همگام‌سازی بعدی این رویداد را پس از آن قرار می‌دهد و دوباره می‌فرستد.",
    ),
    "ruling_record": (
        "A ruling record received from the server earlier cannot be read here, so the "
        "ruling it names is not taken in; the other rulings are. Call the IT officer.",
        "رکورد رأیی که پیش‌تر از سرور دریافت شده روی این رایانه خوانا نیست و آن رأی دریافت "
        "نمی‌شود؛ سایر آرا دریافت می‌شوند. با مسئول فناوری تماس بگیرید.",
    ),
    "ruling_import": (
        "A signed ruling of another board could not be taken in (see the reason); the next "
        "sync tries again. If it persists, call the IT officer.",
        "رأی امضاشدهٔ هیات دیگری دریافت نشد (علت را ببینید)؛ همگام‌سازی بعدی دوباره تلاش "
        "می‌کند. اگر ادامه یافت با مسئول فناوری تماس بگیرید.",
    ),
    "trust_import": (
        "The central CA sent by the server is not the one this workstation trusts (or was "
        "told to trust); nothing of it was taken in. Do not accept it: the IT officer "
        "compares the fingerprints with the central board.",
        "مرجع گواهی ارسالی سرور همان مرجع مورد اعتماد این رایانه (یا اثر انگشت تعیین‌شده) "
        "نیست و چیزی از آن پذیرفته نشد. آن را نپذیرید؛ مسئول فناوری اثر انگشت‌ها را با "
        "هیات مرکزی مقایسه کند.",
    ),
    "certificate_import": (
        "A member certificate sent by the server is not one of the trusted central CA; it "
        "was not taken in. If it persists, call the IT officer.",
        "گواهی عضوی که سرور فرستاد از مرجع مورد اعتماد هیات مرکزی نیست و پذیرفته نشد؛ اگر "
        "تکرار شد با مسئول فناوری تماس بگیرید.",
    ),
    "ledger_fork": (
        "Another ruling holds this position in the board's ledger; call the IT officer.",
        "رأی دیگری در همین جایگاه دفتر هیات ثبت شده است؛ با مسئول فناوری تماس بگیرید.",
    ),
    "session_out_of_window": (
        "The ruling's session is outside what the server accepts (too long before it was "
        "sent, or earlier than the board's previous ruling), so it is not registered. Call "
        "the IT officer: the central board decides whether the server may take it.",
        "زمان جلسهٔ این رأی بیرون از بازه‌ای است که سرور می‌پذیرد (خیلی پیش از ارسال، یا پیش "
        "از رأی قبلی هیات)، پس ثبت نمی‌شود. با مسئول فناوری تماس بگیرید تا هیات مرکزی دربارهٔ "
        "پذیرش آن تصمیم بگیرد.",
    ),
}
# A branch or observer of the board's roster: "kind:code" advice comes before "code".
_ROSTER_CONFLICT = (
    "Another workstation changed this record on the server since this workstation last "
    "had it. Sync, compare the server's version on this workstation with the board's file, "
    "and import the file again if it is the right one.",
    "رایانهٔ دیگری این رکورد را پس از آخرین دریافت این رایانه در سرور تغییر داده است. "
    "همگام‌سازی کنید، نسخهٔ سرور را با فایل هیات مقایسه کنید و اگر فایل درست است آن را "
    "دوباره وارد کنید.",
)
_ROSTER_OUT_OF_SCOPE = (
    "The branch or observer is outside this board's jurisdiction (or its code is already "
    "another jurisdiction's); correct the file, or have the competent board import it.",
    "این شعبه یا ناظر خارج از حوزهٔ این هیات است (یا کد آن از آنِ حوزهٔ دیگری است)؛ فایل "
    "را اصلاح کنید یا هیات صالح آن را وارد کند.",
)
ADVICE.update(
    {
        "branch:conflict": _ROSTER_CONFLICT,
        "observer:conflict": _ROSTER_CONFLICT,
        "branch:out_of_scope": _ROSTER_OUT_OF_SCOPE,
        "observer:out_of_scope": _ROSTER_OUT_OF_SCOPE,
    }
)
ADVICE.update(ATTACHMENT_ADVICE)  # a report's file refused, missing or damaged
ADVICE.update(HEAD_ADVICE)  # a signed ledger head or audit head refused
DEFAULT_ADVICE = (
    "The server refused this record. Check it, correct it if needed, then press "
    "'Send again'; call the IT officer if it is refused again.",
    "سرور این رکورد را نپذیرفت. آن را بررسی و در صورت لزوم اصلاح کنید، سپس «ارسال دوباره» "
    "را بزنید؛ اگر باز هم رد شد با مسئول فناوری تماس بگیرید.",
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _error_text(error: dict[str, Any] | None) -> str:
    """What is kept in an outbox item's ``last_error``: the server's error as JSON."""
    return json.dumps(error or {}, ensure_ascii=False, sort_keys=True)


def parse_error(text: str) -> dict[str, Any]:
    """An outbox item's ``last_error`` back as a dict (plain text becomes the message)."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {"message": text}
    return data if isinstance(data, dict) else {"message": text}


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, RegistryError) and exc.retryable


def _retry_after(exc: BaseException) -> float | None:
    return exc.retry_after if isinstance(exc, ServerFailure) else None


class SyncService:
    def __init__(
        self,
        store: Store,
        auth: SessionAuth,
        *,
        data_root: Path,
        policy: RetryPolicy | None = None,
        app_version: str = __version__,
        now: Callable[[], datetime] = _utc_now,
        prefetch_pages: int = PREFETCH_PAGES,
        process_pull_min: int = PROCESS_PULL_MIN,
        page_sizes: Mapping[str, int] | None = None,
        rulings: RulingService | None = None,
        certificates: CertificateService | None = None,
    ) -> None:
        self._store = store
        self._auth = auth
        # For the post-pull import of rulings and trust (built from the store if not given).
        self._rulings = rulings
        self._certificates = certificates
        self._mirror = RegistryMirror(store)
        self._root = data_root
        self.policy = policy or RetryPolicy()
        self._app_version = app_version
        self._now = now
        self._prefetch_pages = prefetch_pages
        self._process_pull_min = process_pull_min
        # Page sizes per feed (the server's maximum by default; tests ask for small pages).
        self._page_sizes = {f.name: f.page_size for f in FEEDS} | dict(page_sizes or {})

    # --- state for the window -----------------------------------------------------------

    @property
    def auth(self) -> SessionAuth:
        return self._auth

    def state(self) -> SyncState:
        with self._store.unit_of_work(read_only=True) as uow:
            pending = uow.outbox.count(OutboxStatus.PENDING) + uow.outbox.count(
                OutboxStatus.SENDING
            )
            attention = uow.outbox.count(OutboxStatus.CONFLICT) + uow.outbox.count(
                OutboxStatus.REJECTED
            )
            attention += len(_problems(uow.sync_state.get(IMPORT_PROBLEMS_KEY)))
            last = uow.sync_state.last_sync_at()
            error = uow.sync_state.get(LAST_SYNC_ERROR_KEY) or ""
        settings = self._auth.settings
        return SyncState(settings.server_url, settings.username, pending, attention, last, error,
                         self.trust_state())

    # --- trust in the central CA (policy: see trust_sync) ------------------------------------

    def trust_state(self, *, count_members: bool = False) -> TrustState:
        """The trusted central CA (confirmed by the configured fingerprint or not) and CRL."""
        from .trust_sync import trust_state

        return trust_state(self._store, self._auth.settings.ca_fingerprint, now=self._now(),
                           count_members=count_members)

    def pin_ca(self, text: str) -> TrustState:
        """Configure the central CA's fingerprint (as the central board announced it). With
        no CA trusted yet, the next sync takes only that CA; with one trusted (on first
        use), it must be that CA, which is then confirmed. Raises TrustError otherwise."""
        from ..signing.errors import TrustError
        from ..signing.trust import normalise_fingerprint
        from .trust_sync import short

        try:
            pin = normalise_fingerprint(text)
        except ValueError as exc:
            raise TrustError(str(exc), "اثر انگشت SHA-256 باید ۶۴ رقم مبنای شانزده باشد.") from None
        trusted = self.trust_state().ca_fingerprint
        if trusted is not None and trusted != pin:
            raise TrustError(
                f"this workstation already trusts the central CA {trusted}, not {pin}: do not "
                "seal rulings here and call the central board's IT officer",
                f"این رایانه پیش‌تر مرجع گواهی دیگری ({short(trusted)}) را پذیرفته است که با "
                f"اثر انگشت واردشده ({short(pin)}) یکی نیست؛ رأیی مهر نکنید و با مسئول فناوری "
                "هیات مرکزی تماس بگیرید.",
            )
        self._auth.settings.ca_fingerprint = pin
        self._auth.save_settings()
        with self._store.unit_of_work() as uow:
            uow.audit.append(self._auth.settings.username or "workstation", "trust.pinned", pin,
                             {"confirmed": trusted is not None}, at=self._now())
        return self.trust_state()

    def with_client(self, fn: Callable[[RegistryClient], T],
                    cancel: threading.Event | None = None) -> T:
        """``fn(client)`` on the signed-in server, with the sync's retries and re-sign-in
        (for idempotent calls such as publishing the central CA's CRL)."""
        with self._auth.client() as client:
            return self._call(client, lambda: fn(client), cancel or threading.Event())

    def probe(self) -> bool:
        """Whether the signed-in server answers right now (network; call off the GUI thread).

        Needs no token, so it never opens the keystore (no passphrase prompt for a probe).
        """
        try:
            with self._auth.anonymous_client() as client:
                return client.health()
        except NotSignedIn:
            return False

    def attention(self, limit: int = 500) -> list[AttentionItem]:
        """Conflicts and rejections, oldest first, with the server's reason and advice."""
        with self._store.unit_of_work(read_only=True) as uow:
            items = uow.outbox.by_status(OutboxStatus.CONFLICT, limit) + uow.outbox.by_status(
                OutboxStatus.REJECTED, limit
            )
        out = []
        for item in sorted(items, key=lambda i: (i.created_at, i.id)):
            error = parse_error(item.last_error)
            code = str(error.get("code") or item.status.value)
            advice, advice_fa = ADVICE.get(
                f"{item.kind.value}:{code}", ADVICE.get(code, DEFAULT_ADVICE)
            )
            out.append(
                AttentionItem(
                    id=item.id,
                    kind=item.kind.value,
                    status=item.status.value,
                    code=code,
                    message=str(error.get("message") or ""),
                    message_fa=str(error.get("message_fa") or ""),
                    advice=advice,
                    advice_fa=advice_fa,
                    created_at=item.created_at,
                    attempts=item.attempts,
                )
            )
        out.extend(self._import_attention())
        return out

    def send_again(self, item_id: str) -> None:
        """Put a conflicted or rejected item back in the queue (it is never deleted)."""
        if any(p["id"] == item_id for p in self._import_problems()):
            return  # an import the next sync tries again by itself
        with self._store.unit_of_work() as uow:
            uow.outbox.mark(item_id, OutboxStatus.PENDING)

    # --- consistency ----------------------------------------------------------------------

    def local_status(self, *, digests: bool = True) -> LocalStatus:
        kinds = self._mirror.digests(wire.FEED_KINDS) if digests else {}
        with self._store.unit_of_work(read_only=True) as uow:
            outbox = {s.value: uow.outbox.count(s) for s in OutboxStatus}
        pending = outbox[OutboxStatus.PENDING.value] + outbox[OutboxStatus.SENDING.value]
        return LocalStatus(kinds, outbox, pending, self._readable_cursors())

    def verify(self, *, cancel: threading.Event | None = None) -> VerifyReport:
        """Compare this workstation's digests with the server's, per kind.

        The server's digests describe its state at its ``cursor``. When a feed here is
        behind that, the feeds are read up to it first; when the server moved on in the
        meantime, its status is asked again, so both sides describe the same moment.
        """
        stop = cancel or threading.Event()
        with SyncLock(self._root / "sync.lock"), self._auth.client() as client:
            for _ in range(3):
                server = self._call(client, client.status, stop)
                if min(self._readable_cursors().values(), default=0) >= server.cursor:
                    break
                self._pull(client, SyncReport(self._now()), None, stop)
            local = self.local_status()
        return VerifyReport(
            local, server.kinds, server.cursor, differences(local.kinds, server.kinds)
        )

    # --- attachments ----------------------------------------------------------------------

    def attachment_path(self, sha256: str) -> Path:
        """Where a content-addressed file lives (whether or not it is here yet)."""
        return self._root / "attachments" / sha256

    def fetch_attachment(self, sha256: str, *, cancel: threading.Event | None = None) -> Path:
        """The file with this SHA-256, downloaded on first use (resumable, verified).

        Bytes go to ``<sha>.part`` (resumed with an HTTP Range request after an
        interruption) and are moved into place only when they hash to ``sha256``; a part
        that does not verify is discarded and fetched again from the start.
        """
        final = self.attachment_path(sha256)
        if final.exists():
            if _file_sha256(final) == sha256:  # content-addressed: the name is the proof
                return final
            log.warning("attachment %s was altered on disk; fetching it again", sha256)
            final.unlink()
        part = final.with_name(final.name + ".part")
        stop = cancel or threading.Event()
        with self._auth.client() as client:
            for _ in range(2):  # a corrupt part is thrown away once and fetched afresh
                self._call(
                    client,
                    lambda: client.download_attachment(sha256, part, should_stop=stop.is_set),
                    stop,
                )
                if stop.is_set():
                    raise Cancelled("cancelled")
                if _file_sha256(part) == sha256:
                    os.replace(part, final)
                    return final
                part.unlink(missing_ok=True)
        raise MalformedResponse(f"attachment {sha256}: the downloaded bytes do not verify")

    # --- the sync -------------------------------------------------------------------------

    def sync(
        self,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        """Push, then pull, once; never raises for network or server trouble.

        The report says what happened (``error`` / ``error_fa`` when it stopped early).
        Raises :class:`SyncBusy` when another sync holds this data directory.
        """
        cancel = cancel or threading.Event()
        report = SyncReport(started_at=self._now())
        emit = progress or (lambda _p: None)
        with SyncLock(self._root / "sync.lock"), _old_objects_frozen():
            try:
                emit(Progress(Phase.CONNECT))
                with self._auth.client() as client:
                    self._connect(client, cancel)
                    report.online = True
                    self._push(client, report, emit, cancel)
                    waiting = self._pending_count()
                    self._pull(client, report, emit, cancel)
                    if self._pending_count() > waiting:
                        # The pull moved complaint history entries after the ones recorded
                        # elsewhere first (store/complaint_history.py): they go now.
                        self._push(client, report, emit, cancel)
                    self._after_pull(client, report, cancel)
            except Cancelled:
                report.cancelled = True
            except NotSignedIn as exc:
                report.error, report.error_fa = str(exc), exc.message_fa
            except SyncFailed as exc:
                report.error, report.error_fa = str(exc), exc.message_fa
            except RegistryError as exc:
                report.error, report.error_fa = str(exc), exc.message_fa
            except KeystoreError as exc:  # no secure place to read the token from
                report.error = str(exc)
                report.error_fa = getattr(exc, "message_fa", "") or KEYSTORE_FA
            finally:
                self._finish(report)
        emit(Progress(Phase.DONE, 1, 1))
        return report

    def _finish(self, report: SyncReport) -> None:
        report.finished_at = self._now()
        report.cursors = self._mirror.cursors(CURSOR_KEYS)
        with self._store.unit_of_work() as uow:
            report.pending = uow.outbox.count(OutboxStatus.PENDING) + uow.outbox.count(
                OutboxStatus.SENDING
            )
            report.needs_attention = uow.outbox.count(OutboxStatus.CONFLICT) + uow.outbox.count(
                OutboxStatus.REJECTED
            )
            if report.error:
                uow.sync_state.set(LAST_SYNC_ERROR_KEY, report.error_fa or report.error)
            elif report.caught_up and not report.cancelled:
                uow.sync_state.delete(LAST_SYNC_ERROR_KEY)
                uow.sync_state.set_last_sync_at(report.finished_at)
        log.info("sync finished: %s", json.dumps(report.as_dict(), ensure_ascii=False))

    def _connect(self, client: RegistryClient, cancel: threading.Event) -> None:
        def check() -> None:
            if not client.health():
                raise RegistryUnreachable(f"{client.base} does not answer")

        self._call(client, check, cancel)
        with self._store.unit_of_work() as uow:
            # A sync that died mid-batch left these in flight: they go again.
            resent = uow.outbox.reset_sending()
        if resent:
            log.info("%d outbox items of an interrupted batch are pending again", resent)

    def _call(
        self, client: RegistryClient, fn: Callable[[], T], cancel: threading.Event | None
    ) -> T:
        """``fn()`` with retries; a 401 signs in again (stored credentials) once."""

        def attempt() -> T:
            try:
                return fn()
            except NotAuthenticated:
                self._auth.refresh(client)
                return fn()

        def on_retry(n: int, delay: float, exc: BaseException) -> None:
            log.warning("retry %d in %.1f s after: %s", n, delay, exc)

        return call_with_retry(
            attempt,
            self.policy,
            cancel=cancel,
            retryable=_retryable,
            on_retry=on_retry,
            retry_after=_retry_after,
        )

    # --- push -----------------------------------------------------------------------------

    def _stamp(self) -> dict[str, Any]:
        settings = self._auth.settings
        return {
            "app_version": self._app_version,
            "schema_version": wire.WIRE_SCHEMA_VERSION,
            "cycle_code": settings.cycle_code,
            "board_id": settings.board_id,
            "device_id": self._auth.device_id(),
        }

    def _push(
        self,
        client: RegistryClient,
        report: SyncReport,
        emit: ProgressCallback,
        cancel: threading.Event,
    ) -> None:
        enqueue_audit_head(self._store, self._auth.settings, now=self._now())
        with self._store.unit_of_work(read_only=True) as uow:
            total = uow.outbox.count(OutboxStatus.PENDING)
        if not total:
            return
        stamp = self._stamp()
        done = 0
        emit(Progress(Phase.PUSH, 0, total))
        for _ in range(MAX_PUSH_PASSES):
            accepted = later = 0
            after: tuple[datetime, str] | None = None
            while True:
                if cancel.is_set():
                    raise Cancelled("cancelled")
                batch = self._next_batch(after)
                if not batch:
                    break
                after = (batch[-1].created_at, batch[-1].id)
                outcomes = self._send(client, stamp, batch, cancel)
                counts = self._record_outcomes(batch, outcomes)
                for status, n in counts.items():
                    report.pushed[status] = report.pushed.get(status, 0) + n
                accepted += counts.get("created", 0) + counts.get("duplicate", 0)
                later += counts.get("retry_later", 0)
                done += len(batch) - counts.get("retry_later", 0)
                emit(Progress(Phase.PUSH, min(done, total), total))
            # Retryable refusals (a predecessor still missing) go again once the rest of
            # the queue has been delivered, as long as that delivered something.
            if not later or not accepted:
                break

    def _pending_count(self) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.outbox.count(OutboxStatus.PENDING)

    def _next_batch(self, after: tuple[datetime, str] | None) -> list[OutboxItem]:
        with self._store.unit_of_work(read_only=True) as uow:
            items = uow.outbox.pending_after(after, PUSH_BATCH_ITEMS)
        batch: list[OutboxItem] = []
        size = 0
        for item in items:
            size += len(json.dumps(item.payload, ensure_ascii=False).encode()) + 256
            if batch and size > PUSH_BATCH_BYTES:
                break
            batch.append(item)
        return batch

    def _send(
        self,
        client: RegistryClient,
        stamp: dict[str, Any],
        batch: list[OutboxItem],
        cancel: threading.Event,
    ) -> list[PushOutcome]:
        with self._store.unit_of_work() as uow:
            for item in batch:
                uow.outbox.mark(item.id, OutboxStatus.SENDING)
        wire_items = [
            {"id": i.id, "kind": i.kind.value, "content_hash": i.content_hash, "payload": i.payload}
            for i in batch
        ]
        try:
            held = self._upload_attachments(client, batch, cancel)
            sent = [w for w in wire_items if w["id"] not in held]
            pushed = iter(
                self._call(client, lambda: client.push(stamp, sent), cancel) if sent else []
            )
            # Reports held back for their files get their own outcome, in batch order.
            return [held[i.id] if i.id in held else next(pushed) for i in batch]
        except BaseException as exc:
            # Nothing is known about this batch: it stays in the queue as it was.
            error = {
                "code": getattr(exc, "code", "not_sent"),
                "message": str(exc),
                "message_fa": getattr(exc, "message_fa", ""),
            }
            with self._store.unit_of_work() as uow:
                for item in batch:
                    uow.outbox.mark(item.id, OutboxStatus.PENDING, _error_text(error))
            if isinstance(exc, Refused) and exc.code == "stamp_mismatch":
                d = exc.details
                raise SyncFailed(
                    f"the server refused the batch stamp: {d.get('field')} is "
                    f"{d.get('received')!r}, the server expects {d.get('expected')!r}; "
                    "nothing was stored (sign in again if the cycle or board changed)",
                    exc.message_fa,
                ) from exc
            raise

    def _upload_attachments(
        self, client: RegistryClient, batch: list[OutboxItem], cancel: threading.Event
    ) -> dict[str, PushOutcome]:
        """Files observer reports cite go up before the reports; the outcome of each report
        held back (its file refused, missing, damaged, or not sent this time), by id."""
        uploader = AttachmentUploader(
            client, lambda fn: self._call(client, fn, cancel), self.attachment_path
        )
        return uploader.upload(batch)

    def _record_outcomes(
        self, batch: list[OutboxItem], outcomes: list[PushOutcome]
    ) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._store.unit_of_work() as uow:
            for item, outcome in zip(batch, outcomes, strict=True):
                if outcome.status in ("created", "duplicate"):
                    uow.outbox.mark(item.id, OutboxStatus.ACKNOWLEDGED)
                    key = outcome.status
                elif outcome.status == "conflict":
                    uow.outbox.mark(item.id, OutboxStatus.CONFLICT, _error_text(outcome.error))
                    key = "conflict"
                elif outcome.status == NOT_SENT:  # its file did not go up this time
                    uow.outbox.mark(item.id, OutboxStatus.PENDING, _error_text(outcome.error))
                    key = NOT_SENT
                else:
                    details = (outcome.error or {}).get("details") or {}
                    if isinstance(details, dict) and details.get("retryable"):
                        uow.outbox.mark(item.id, OutboxStatus.PENDING, _error_text(outcome.error))
                        key = "retry_later"
                    else:
                        uow.outbox.mark(item.id, OutboxStatus.REJECTED, _error_text(outcome.error))
                        key = "rejected"
                if is_bookkeeping(item):  # a head: not one of the records sent, kept elsewhere
                    if key in ("created", "duplicate"):
                        uow.outbox.delete(item.id)
                    continue
                counts[key] = counts.get(key, 0) + 1
        return counts

    # --- pull -----------------------------------------------------------------------------

    def _pull(
        self,
        client: RegistryClient,
        report: SyncReport,
        emit: ProgressCallback | None,
        cancel: threading.Event,
    ) -> None:
        self._check_origin()
        cursors = self._mirror.cursors(CURSOR_KEYS)
        totals: dict[str, int | None] = {f.name: None for f in FEEDS}
        if any(cursors[f.cursor_key] == 0 for f in FEEDS):
            # A first pull: the server's counts give the progress bar its length, and
            # say whether the dossiers are worth a reading process (the digests of
            # /status would make the server hash everything first).
            try:
                counts = self._call(client, client.counts, cancel)
                for f in FEEDS:
                    totals[f.name] = sum(counts.get(k, 0) for k in f.kinds)
            except RegistryError as exc:  # e.g. an older server without /counts: a pull
                log.info("no record counts for the first pull: %s", exc)  # without length
        caught_up = True
        for f in FEEDS:
            caught_up &= self._pull_feed(
                client, f, totals[f.name], report, emit or (lambda _p: None), cancel
            )
        report.caught_up = caught_up

    def _check_origin(self) -> None:
        """Cursors belong to one server and account: another one starts every feed over."""
        with self._store.unit_of_work(read_only=True) as uow:
            origin = uow.sync_state.get(ORIGIN_KEY) or ""
            cursor_origin = uow.sync_state.get(CURSOR_ORIGIN_KEY)
        if cursor_origin != origin:
            if cursor_origin is not None:
                log.warning(
                    "signed in to %s (was %s): every feed starts over", origin, cursor_origin
                )
            self._mirror.reset_cursors(CURSOR_KEYS, CURSOR_ORIGIN_KEY, origin)

    def _pull_feed(
        self,
        client: RegistryClient,
        feed: Feed,
        total: int | None,
        report: SyncReport,
        emit: ProgressCallback,
        cancel: threading.Event,
    ) -> bool:
        if feed.name != "dossiers":
            return self._pull_pages(client, feed, total, report, emit, cancel)
        # A first pull writes into an empty table: its secondary indexes are built once,
        # at the end, whatever way the pull ends (a crash leaves them to the next sync).
        first = self._mirror.cursors([feed.cursor_key])[feed.cursor_key] == 0
        if first:
            self._mirror.defer_indexes()
        in_worker = first and total is not None and total >= self._process_pull_min
        try:
            return self._pull_pages(client, feed, total, report, emit, cancel, in_worker)
        finally:
            try:
                self._mirror.restore_indexes()
            except Exception:  # e.g. a full disk: the next sync builds them
                log.exception("the dossier indexes were not rebuilt; the next sync will")

    def _pull_pages(
        self,
        client: RegistryClient,
        feed: Feed,
        total: int | None,
        report: SyncReport,
        emit: ProgressCallback,
        cancel: threading.Event,
        in_worker: bool = False,
    ) -> bool:
        phase = Phase(feed.name)
        cursor = self._mirror.cursors([feed.cursor_key])[feed.cursor_key]
        was_unreadable = feed.name in self._unreadable()
        done = 0
        emit(Progress(phase, 0, total))

        def get(after: int) -> tuple[FeedPage, PreparedRows]:
            size = self._page_sizes[feed.name]
            page = self._call(client, lambda: client.feed(feed.name, after, size), cancel)
            # The rows are built here, on the fetching thread, so the writer only writes.
            return page, self._mirror.prepare(page.items)

        reader: _PageReader | ProcessPageReader
        depth = self._prefetch_pages
        try:
            if not in_worker:
                raise _InProcess
            # A first pull of many dossiers: read in a second process.
            reader = ProcessPageReader(
                client, feed.name, cursor, self._page_sizes[feed.name], depth,
                lambda after: _PageReader(get, after, depth), WAIT_SLICE,
            )
        except _InProcess:
            reader = _PageReader(get, cursor, depth)
        except Exception:  # e.g. no process could be started: read here, as always
            log.exception("the pull worker did not start; reading in process")
            reader = _PageReader(get, cursor, depth)
        batch: list[FeedPage] = []  # fetched, not yet written (one transaction)
        prepared: PreparedRows = {}

        def flush() -> None:
            nonlocal batch, cursor, done, prepared
            if not batch:
                return
            items = [item for p in batch for item in p.items]
            try:
                applied = self._mirror.apply_page(
                    items,
                    cursor_key=feed.cursor_key,
                    after=cursor,
                    next_cursor=batch[-1].next_cursor,
                    prepared=prepared,
                )
            except CursorMoved as exc:
                raise SyncFailed(
                    str(exc), "همگام‌سازی دیگری هم‌زمان در جریان بود؛ دوباره امتحان کنید."
                ) from exc
            cursor = batch[-1].next_cursor
            batch = []
            prepared = {}
            done += len(items)
            report.pulled[feed.name] = report.pulled.get(feed.name, 0) + applied.written
            emit(Progress(phase, done, max(total, done) if total is not None else None))

        try:
            while True:
                try:
                    page, rows = reader.next(cancel)
                except Refused as exc:
                    if exc.status == 403:  # this role may not read it (an observer's dossiers)
                        report.skipped_feeds.append(feed.name)
                        self._set_unreadable(feed.name, True)
                        return True
                    if exc.status == 409 and exc.code == "cursor_invalid":
                        # The server is behind our cursor (it was restored or rebuilt): read
                        # it again from the start; upserts make that safe.
                        log.warning("%s: %s; reading the feed again from 0", feed.name, exc)
                        self._mirror.reset_cursors(
                            [feed.cursor_key], CURSOR_ORIGIN_KEY, self._origin()
                        )
                        cursor = 0
                        batch = []
                        prepared = {}
                        reader.close()
                        reader = _PageReader(get, cursor, self._prefetch_pages)
                        continue
                    flush()
                    raise
                except Cancelled:
                    raise  # a cancel stops now; the pages not yet written are fetched again
                except Exception:
                    flush()  # what arrived whole is kept; the next sync resumes after it
                    raise
                if was_unreadable:  # the account may read it now
                    self._set_unreadable(feed.name, False)
                    was_unreadable = False
                batch.append(page)
                prepared.update(rows)
                if (
                    page.has_more
                    and len(batch) < WRITE_BATCH_PAGES
                    and sum(len(p.items) for p in batch) < WRITE_BATCH_ITEMS
                ):
                    continue  # one transaction per few pages: each commit rewrites hot pages
                flush()
                if not page.has_more:
                    return True
                if cancel.is_set():
                    raise Cancelled("cancelled")
        finally:
            reader.close()

    def _unreadable(self) -> set[str]:
        with self._store.unit_of_work(read_only=True) as uow:
            raw = uow.sync_state.get(UNREADABLE_KEY) or "[]"
        try:
            return {str(x) for x in json.loads(raw)}
        except (json.JSONDecodeError, TypeError):
            return set()

    def _set_unreadable(self, name: str, unreadable: bool) -> None:
        names = self._unreadable()
        names = names | {name} if unreadable else names - {name}
        with self._store.unit_of_work() as uow:
            uow.sync_state.set(UNREADABLE_KEY, json.dumps(sorted(names)))

    def _readable_cursors(self) -> dict[str, int]:
        """The cursors of the feeds this account can read (what "caught up" is about)."""
        unreadable = self._unreadable()
        return self._mirror.cursors(f.cursor_key for f in FEEDS if f.name not in unreadable)

    def _origin(self) -> str:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.sync_state.get(ORIGIN_KEY) or ""

    # --- after the pull: the central CA, and rulings of other boards ----------------------

    def _importers(self) -> tuple[CertificateService, RulingService]:
        from .certificates import CertificateService
        from .members import MemberKeyService
        from .rulings import RulingService

        if self._certificates is None:
            self._certificates = CertificateService(self._store, self._now)
        if self._rulings is None:
            # Importing verifies against the trust store only: no member key is opened.
            keys = MemberKeyService(self._store, _no_keystore, self._certificates, self._now)
            self._rulings = RulingService(self._store, keys, now=self._now)
        return self._certificates, self._rulings

    def _after_pull(
        self, client: RegistryClient, report: SyncReport, cancel: threading.Event
    ) -> None:
        """Take the pulled central CA and CRL into the trust store, then download and import
        the sealed rulings of boards in scope that this workstation does not hold (an
        imported central-board approval makes the annulment it approves final). Never
        fails the sync: what could not be imported waits in ``attention()``."""
        problems: list[dict[str, str]] = []
        certificates, rulings = self._importers()
        trusted = True
        try:
            report.imported["trust"] = self._import_trust(certificates)
        except Exception as exc:  # a sync must finish whatever the trust store says
            log.warning("the pulled central CA was not imported: %s", exc)
            problems.append(_problem("pki", "trust_import", exc))
            trusted = False  # the server's certificates would all be another CA's
        try:
            if trusted:
                report.imported["certificates"] = self._import_certificates(
                    client, certificates, problems, cancel
                )
        except (Cancelled, NotSignedIn):
            raise
        except Exception as exc:  # e.g. the server down mid-way: the next sync goes on
            log.warning("member certificates were not pulled: %s", exc)
            problems.append(_problem("pki-certificates", "certificate_import", exc))
        try:
            report.imported["rulings"] = self._import_rulings(client, rulings, problems, cancel)
        except (Cancelled, NotSignedIn):
            raise
        except Exception as exc:  # whatever the stored records hold, the sync finishes
            log.warning("rulings were not imported: %s", exc, exc_info=exc)
            problems.append(_problem("rulings", "ruling_import", exc))
        report.import_problems = len(problems)
        with self._store.unit_of_work() as uow:
            if problems:
                uow.sync_state.set(IMPORT_PROBLEMS_KEY, json.dumps(problems, ensure_ascii=False))
            else:
                uow.sync_state.delete(IMPORT_PROBLEMS_KEY)

    def _import_trust(self, certificates: CertificateService) -> int:
        """The ``pki`` record under the trust policy of :mod:`.trust_sync`: the pinned CA
        (or, with no pin, the first CA on first use); never another one later; a CRL only
        when newer than the newest held."""
        from .trust_sync import import_pki

        changed = 0
        for _id, data in self._mirror.pulled("pki"):
            done = import_pki(certificates, wire.decode_pki(data),
                              self._auth.settings.ca_fingerprint)
            changed += int(done.anchor_set or done.crl_new)
        return changed

    def _import_certificates(
        self,
        client: RegistryClient,
        certificates: CertificateService,
        problems: list[dict[str, str]],
        cancel: threading.Event,
    ) -> int:
        """Member certificates the central CA published, for the boards in this account's
        area (each checked against the trusted CA). A server without the endpoint, or an
        account that may not read it, is not a problem."""
        from .trust_sync import (
            certificates_cursor,
            import_member_certificates,
            save_certificates_cursor,
        )

        if certificates.anchor() is None:
            return 0
        origin = self._origin()
        after = certificates_cursor(self._store, origin)
        added = 0
        while True:
            if cancel.is_set():
                raise Cancelled("cancelled")
            try:
                page, cursor, more = self._call(
                    client, lambda a=after: client.member_certificates(a), cancel
                )
            except Refused as exc:
                if exc.status in (403, 404):
                    return added
                raise
            new, refused = import_member_certificates(certificates, page)
            added += new
            for name, exc in refused:
                problems.append(_problem(name, "certificate_import", exc))
            if refused:
                log.warning("%d pulled member certificates were refused", len(refused))
            save_certificates_cursor(self._store, origin, cursor)
            after = cursor
            if not more:
                return added

    def _import_rulings(
        self,
        client: RegistryClient,
        rulings: RulingService,
        problems: list[dict[str, str]],
        cancel: threading.Event,
    ) -> int:
        """Per board in ledger order: a ruling that continues the board's ledger here is
        imported into it; one beyond a gap no ruling in view fills (a central approval
        seen by a county) is imported detached. Central boards go last, so an approval
        finds the annulment it approves."""
        refs: list[wire.RulingRef] = []
        for ref_id, data in self._mirror.pulled("ruling_ref"):
            try:
                refs.append(wire.decode_ruling_ref(data))
            except wire.WireError as exc:  # one damaged stored record stops nothing else
                log.warning("stored ruling record %s cannot be read: %s", ref_id, exc)
                problems.append(_problem(ref_id, "ruling_record", _UnreadableRecord(exc)))
        if not refs:
            return 0
        with self._store.unit_of_work(read_only=True) as uow:
            boards = {b.id: b for b in uow.boards.all()}
            held = {r.ruling_id for r in refs if uow.signing.sealed(r.ruling_id) is not None}
            lengths = {b: uow.signing.ledger_length(b) for b in {r.board_id for r in refs}}
        by_board: dict[str, list[wire.RulingRef]] = {}
        for ref in refs:
            if ref.board_id in boards:  # a board outside the reference data is not ours
                by_board.setdefault(ref.board_id, []).append(ref)
        order = sorted(by_board, key=lambda b: (boards[b].level.value == "central", b))
        imported = 0
        for board_id in order:
            group = sorted(by_board[board_id], key=lambda r: r.ledger_seq)
            seqs = {r.ledger_seq for r in group}
            length = lengths.get(board_id, 0)
            for ref in group:
                if ref.ruling_id in held:
                    continue
                if cancel.is_set():
                    raise Cancelled("cancelled")
                attach = ref.ledger_seq == length + 1
                if not attach and length + 1 in seqs:
                    break  # its predecessor in this ledger did not import (a problem says why)
                try:
                    data = self._call(
                        client, lambda r=ref: client.ruling_bundle(r.ruling_id), cancel
                    )
                    if hashlib.sha256(data).hexdigest() != ref.bundle_sha256:
                        raise MalformedResponse(
                            f"the bundle of ruling {ref.ruling_id} does not match its hash"
                        )
                    rulings.import_bundle(data, detached=not attach)
                except Cancelled:
                    raise
                except Exception as exc:  # recorded for attention(); the sync goes on
                    log.warning("ruling %s was not imported: %s", ref.ruling_id, exc)
                    problems.append(_problem(ref.ruling_id, "ruling_import", exc))
                    if attach:
                        break  # the rest of this ledger would not continue it
                    continue
                imported += 1
                if attach:
                    length += 1
        return imported

    def _import_problems(self) -> list[dict[str, str]]:
        with self._store.unit_of_work(read_only=True) as uow:
            return _problems(uow.sync_state.get(IMPORT_PROBLEMS_KEY))

    def _import_attention(self) -> list[AttentionItem]:
        out = []
        for p in self._import_problems():
            advice, advice_fa = ADVICE.get(p["code"], DEFAULT_ADVICE)
            out.append(
                AttentionItem(
                    id=p["id"],
                    kind=p["code"],
                    status="not_imported",
                    code=p["code"],
                    message=p["message"],
                    message_fa=p["message_fa"],
                    advice=advice,
                    advice_fa=advice_fa,
                    created_at=datetime.fromisoformat(p["at"]),
                    attempts=1,
                )
            )
        return out


class _UnreadableRecord(Exception):
    """A record kept from an earlier pull that its decoder refuses (``ruling_record``)."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(f"the stored ruling record cannot be read: {exc}")
        self.message_fa = "رکورد رأیی که پیش‌تر از سرور دریافت شده بود خوانا نیست."


def _no_keystore() -> Any:
    raise KeystoreError("importing rulings never opens a member key")


def _problem(item_id: str, code: str, exc: BaseException) -> dict[str, str]:
    return {
        "id": item_id,
        "code": code,
        "message": str(exc),
        "message_fa": str(getattr(exc, "message_fa", "") or ""),
        "at": datetime.now(UTC).isoformat(),
    }


def _problems(raw: str | None) -> list[dict[str, str]]:
    """The stored import problems (an unreadable value counts as none)."""
    try:
        value = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return []
    if not isinstance(value, list):
        return []
    keys = ("id", "code", "message", "message_fa", "at")
    return [
        {k: str(p[k]) for k in keys}
        for p in value
        if isinstance(p, dict) and all(k in p for k in keys)
    ]


class _InProcess(Exception):
    """This pull reads its pages in process."""


class _PageReader:
    """A feed's pages fetched in order on their own daemon thread, ``depth`` waiting (one
    more may be on its way).

    Each page is validated and its rows built there, so the writer only writes. A Cancel
    never waits for a slow answer (:meth:`next` looks at the flag every WAIT_SLICE), and
    a request hanging at exit does not keep the process alive. An error ends the reading
    after the pages before it, which :meth:`next` hands out first (so what arrived whole
    is still written).
    """

    def __init__(
        self, get: Callable[[int], tuple[FeedPage, PreparedRows]], after: int, depth: int
    ) -> None:
        self._get = get
        self._queue: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(
            maxsize=max(1, depth)
        )
        self._stop = threading.Event()
        threading.Thread(
            target=self._run, args=(after,), name="registry-fetch", daemon=True
        ).start()

    def _run(self, after: int) -> None:
        while not self._stop.is_set():
            try:
                result = self._get(after)
            except BaseException as exc:  # handed to the writing thread
                self._put((None, exc))
                return
            if not self._put((result, None)) or not result[0].has_more:
                return
            after = result[0].next_cursor

    def _put(self, entry: tuple[Any, BaseException | None]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=WAIT_SLICE)
                return True
            except queue.Full:
                continue
        return False

    def next(self, cancel: threading.Event) -> tuple[FeedPage, PreparedRows]:
        """The next page and its rows, in order; raises what fetching it raised."""
        while True:
            if cancel.is_set():
                self.close()
                raise Cancelled("cancelled")
            try:
                result, exc = self._queue.get(timeout=WAIT_SLICE)
            except queue.Empty:
                continue
            if exc is not None:
                raise exc
            page, rows = result
            return page, rows

    def close(self) -> None:
        """Fetch nothing more (a request under way is left to finish on its own)."""
        self._stop.set()


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """Keep the collector off the objects that existed before the sync, until it ends.

    A pull allocates millions of short-lived objects, which triggers full (generation 2)
    collections; each one walks the whole heap holding the GIL, and in the window's
    process that stalls the GUI thread for 0.1-0.4 s (measured) every second or so.
    Frozen, the old objects are not walked; unfrozen afterwards, nothing is leaked.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


__all__ = [
    "CURSOR_KEYS",
    "FEEDS",
    "AttentionItem",
    "LocalStatus",
    "Phase",
    "Progress",
    "SyncBusy",
    "SyncFailed",
    "SyncReport",
    "SyncService",
    "SyncState",
    "VerifyReport",
]
