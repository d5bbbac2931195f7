"""What the first-run wizard does, without Qt: prepare a workstation in a staging folder
and move it into the data directory only when the secretary presses Finish.

Everything the wizard makes before Finish lives in ``<data>/.first-run-<pid>/``: the store
(demo data or the server's data after the first sync), the server session (device id,
cursors) and, without an OS keyring, the encrypted keystore file. ``finish()`` creates the
member's signing key, moves store and keystore into place and writes ``settings.json``
last, since its presence is what marks the workstation as set up. ``cancel()`` deletes the
staging folder (and signs out if a server session was opened), so a cancelled wizard
leaves nothing half-configured and runs again at the next start.

No Qt here, and no store access: what the wizard lists (cycles, boards, members) comes
from the services of the staging context (``services/first_run.py``, ``sessions``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from supervisor_app.paths import DataPaths
from supervisor_app.settings import Settings

if TYPE_CHECKING:
    from supervisor_app.app import AppContext
    from supervisor_app.services.demo_store import DemoStoreReport
    from supervisor_app.services.first_run import FirstRunService, Member
    from supervisor_app.services.session_auth import SignedIn
    from supervisor_app.services.sync import ProgressCallback, SyncReport

log = logging.getLogger(__name__)

DEFAULT_DEMO_SERVER = "http://127.0.0.1:8700"  # registry-server's default address
DEMO_USER = "demo-county"  # the demo county board's account (registry_server/API.md)
DEMO_PASSWORD = "nezarat-1405"  # documented demo password; never a real account's
DEMO_BOARD = "B-C0801"  # that account's board in every demo dataset
DEMO_CANDIDATES = 5000
DEMO_SEED = 1404
STAGING_PREFIX = ".first-run-"
REQUESTS_DIR = "certificate-requests"  # CSRs waiting to go to the central board
MEMBER_ID_KEY = "member_id"  # settings.extra: the member who works at this workstation


class Mode(StrEnum):
    SERVER = "server"
    DEMO = "demo"


def first_run_needed(paths: DataPaths) -> bool:
    """A data directory that holds neither a store nor settings: nothing was set up."""
    return not paths.database.exists() and not paths.settings_file.exists()


def os_keyring_available() -> bool:
    """Whether a secure OS keyring exists (else secrets need the encrypted keystore file)."""
    import keyring
    import keyring.errors

    from supervisor_app.adapters.keystore import is_secure_backend

    try:
        return is_secure_backend(keyring.get_keyring())
    except keyring.errors.KeyringError:
        return False


def server_answers(url: str) -> bool:
    """Whether a registry server answers ``/health`` at ``url`` (network: not on the GUI
    thread). A malformed address simply does not answer."""
    from supervisor_app.adapters.registry_client import RegistryClient, api_base

    try:
        with RegistryClient(api_base(url)) as client:
            return client.health()
    except ValueError:
        return False


def normalised_server(url: str) -> str:
    """The API base of ``url``; ValueError (with a clear message) when it is not http(s)."""
    from supervisor_app.adapters.registry_client import api_base

    return api_base(url)


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # 0 (unusable) … 4 (strong)
    acceptable: bool  # long enough for a signing key
    hint: str  # an English key for the UI's translated hint


_COMMON = re.compile(r"^(?:(.)\1+|0?123456789?0?|12345678|password\d*|qwerty\w*|nezarat\w*)$",
                     re.IGNORECASE)


def passphrase_strength(text: str) -> Strength:
    """A rough strength estimate for a key passphrase (length first, then variety)."""
    from supervisor_app.signing.keys import MIN_PASSPHRASE_LENGTH

    if len(text) < MIN_PASSPHRASE_LENGTH:
        return Strength(0, False, "too_short")
    if _COMMON.match(text) or len(set(text)) <= 3:
        return Strength(1, True, "guessable")
    classes = sum(
        bool(re.search(pattern, text))
        for pattern in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]|_", r"[\u0600-\u06ff]", r"\s")
    )
    score = 1 + (len(text) >= 12) + (len(text) >= 16 or classes >= 3) + (classes >= 2)
    score = min(score, 4)
    return Strength(score, True, "strong" if score >= 4 else "fair" if score >= 3 else "weak")


class SetupError(Exception):
    """A step of the setup failed; ``message_fa`` says it to the secretary."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


@dataclass(frozen=True, slots=True)
class Finished:
    paths: DataPaths
    settings: Settings
    key_created: bool
    request_file: Path | None  # the member's certificate request for the central board


class FirstRunSetup:
    """One run of the wizard over one data directory. Methods marked *background* may
    take seconds (network, building a store): call them off the GUI thread."""

    def __init__(
        self,
        target: DataPaths,
        *,
        keyring_available: Callable[[], bool] = os_keyring_available,
        answers: Callable[[str], bool] = server_answers,
    ) -> None:
        self.target = target
        self.staging = DataPaths(target.root / f"{STAGING_PREFIX}{os.getpid()}")
        self.mode = Mode.DEMO
        self.server_url = ""
        self.master_passphrase: str | None = None
        self.signed_in: SignedIn | None = None
        self.context: AppContext | None = None
        self.keyring = keyring_available()
        self._answers = answers
        self._created_root = not target.root.exists()
        self._lock = threading.Lock()

    # --- step 1: where the data comes from --------------------------------------------------

    def choose(self, mode: Mode, server_url: str) -> None:
        """Demo (with an optional demo server) or a real server; checks the address."""
        url = server_url.strip()
        if mode is Mode.SERVER or url:
            try:
                url = normalised_server(url)
            except ValueError as exc:
                raise SetupError(
                    str(exc), "نشانی سرور درست نیست؛ نمونهٔ درست: http://192.168.1.10:8700"
                ) from None
        if (mode, url) != (self.mode, self.server_url):
            self.discard()  # a different choice starts from a clean staging folder
        self.mode, self.server_url = mode, url

    def needs_master_passphrase(self) -> bool:
        """No OS keyring and none given in the environment: ask for one."""
        from supervisor_app.services.members import KEYSTORE_PASSPHRASE_ENV

        return not self.keyring and not os.environ.get(KEYSTORE_PASSPHRASE_ENV)

    # --- step 2: the store (background) ------------------------------------------------------

    def prepare(self, candidates: int = DEMO_CANDIDATES, seed: int = DEMO_SEED) -> dict[str, int]:
        """*Background.* Build the demo store, or an empty store for the server's data, in
        the staging folder; the counts of what it holds."""
        with self._lock:
            if self.context is not None:
                return self._counts()
            self._remove_staging()
            report: DemoStoreReport | None = None
            if self.mode is Mode.DEMO:
                from supervisor_app.services.demo_store import build_demo_store

                report = build_demo_store(self.staging, candidates, seed)
            self.context = self._open()
            return report.counts if report else self._counts()

    def _open(self) -> AppContext:
        from supervisor_app.app import build_context

        self.staging.ensure()
        return build_context(self.staging, keystore_passphrase=self._master)

    def _master(self) -> str:
        if not self.master_passphrase:
            raise SetupError("no keystore master passphrase was chosen",
                             "گذرواژهٔ اصلی کلیدستان انتخاب نشده است.")
        return self.master_passphrase

    def _counts(self) -> dict[str, int]:
        return dict(self._ctx().services.overview.summary().counts)

    def _ctx(self) -> AppContext:
        if self.context is None:
            raise SetupError("the store is not prepared yet", "پایگاه داده هنوز آماده نشده است.")
        return self.context

    # --- step 3: sign in (background) --------------------------------------------------------

    def demo_server_answers(self) -> bool:
        """*Background.* Whether the demo server address (if any) answers right now."""
        return bool(self.server_url) and self._answers(self.server_url)

    def sign_in(self, username: str, password: str) -> SignedIn:
        """*Background.* Sign in to the chosen server (password and token go to the keystore
        in the staging folder or the OS keyring; settings are written only at Finish)."""
        if not self.server_url:
            raise SetupError("no server address was given", "نشانی سرور وارد نشده است.")
        self.signed_in = self._ctx().services.session.login(self.server_url, username, password)
        return self.signed_in

    def first_sync(
        self, progress: ProgressCallback | None = None, cancel: threading.Event | None = None
    ) -> SyncReport:
        """*Background.* Fetch the board's data from the server (server mode)."""
        return self._ctx().services.sync.sync(progress=progress, cancel=cancel)

    # --- step 4: cycle, board and member -----------------------------------------------------

    def _first_run(self) -> FirstRunService:
        service = self._ctx().services.first_run
        assert service is not None  # build_context always wires it
        return service

    def cycles(self) -> list[tuple[str, str]]:
        """(code, title) of the election cycles in the store, newest first."""
        return [(c.code, c.title) for c in self._first_run().cycles()]

    def default_cycle(self) -> str:
        if self.signed_in is not None and self.signed_in.cycle_code:
            return self.signed_in.cycle_code
        settings = Settings.load(self.staging.settings_file)
        if settings.cycle_code:
            return settings.cycle_code
        cycles = self.cycles()
        return cycles[0][0] if cycles else ""

    def boards(self) -> list[tuple[str, str]]:
        """(id, name) of every board this store knows, central first."""
        return self._ctx().services.sessions.boards()

    def default_board(self) -> str:
        if self.signed_in is not None and self.signed_in.board_id:
            return self.signed_in.board_id
        known = {board_id for board_id, _name in self.boards()}
        if self.mode is Mode.DEMO and DEMO_BOARD in known:
            return DEMO_BOARD
        return next(iter(sorted(known)), "")

    def members(self, board_id: str) -> list[Member]:
        """The board's active members, as the store lists them."""
        return self._first_run().members(board_id)

    # --- step 6: finish or cancel ------------------------------------------------------------

    def finish(
        self,
        *,
        cycle_code: str,
        board_id: str,
        member_id: str | None,
        key_passphrase: str | None,
    ) -> Finished:
        """Create the member's key (if asked), move the staging folder's store and keystore
        into the data directory and write the settings. Raises SetupError and leaves the
        data directory untouched when the key cannot be made."""
        ctx = self._ctx()
        request: Path | None = None
        key_created = False
        if member_id and key_passphrase:
            request = self._enrol(ctx, member_id, key_passphrase)
            key_created = True
        settings = Settings.load(self.staging.settings_file)  # demo / server / account
        settings.language = "fa"
        settings.cycle_code = cycle_code
        settings.board_id = board_id
        settings.demo = self.mode is Mode.DEMO
        if member_id:
            settings.extra[MEMBER_ID_KEY] = member_id
        if self.mode is Mode.DEMO and not self.signed_in and self.server_url:
            # The demo server was not running: keep the address so `login` can use it.
            settings.extra["demo_server_url"] = self.server_url
        self._first_run().fold_wal()
        ctx.close()
        self.context = None
        self.target.ensure()
        self._move_into_place(request)
        settings.save(self.target.settings_file)  # last: its presence means "set up"
        shutil.rmtree(self.staging.root, ignore_errors=True)
        moved_request = self.target.root / REQUESTS_DIR / request.name if request else None
        log.info("first-run setup finished: %s mode, board %s", self.mode.value, board_id)
        return Finished(self.target, settings, key_created, moved_request)

    def _enrol(self, ctx: AppContext, member_id: str, passphrase: str) -> Path:
        from supervisor_app.adapters.keystore import KeystoreError
        from supervisor_app.signing.errors import SigningError

        members = ctx.services.members
        if members.uses_token(member_id):
            # Replacing it would throw away the member's certified hardware key for a
            # software one: the wizard never does that (``keys create`` can, explicitly).
            raise SetupError(
                f"member {member_id} signs with a hardware token; the wizard keeps that key",
                "کلید امضای این عضو روی توکن سخت‌افزاری است و جایگزین نمی‌شود؛ گزینهٔ "
                "«کلید امضای من همین حالا ساخته شود» را بردارید.",
            )
        try:
            members.create_key(member_id, passphrase, replace=members.has_key(member_id))
            csr = members.csr(member_id, passphrase)
        except KeystoreError as exc:
            raise SetupError(str(exc), getattr(exc, "message_fa", "کلیدستان در دسترس نیست.")) \
                from exc
        except SigningError as exc:
            raise SetupError(str(exc), getattr(exc, "message_fa", "ساخت کلید امضا ممکن نشد.")) \
                from exc
        folder = self.staging.root / REQUESTS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        request = folder / f"{member_id}-request.pem"
        request.write_bytes(csr)
        return request

    def _move_into_place(self, request: Path | None) -> None:
        staging, target = self.staging, self.target
        for suffix in ("", "-wal", "-shm"):
            src = staging.database.with_name(staging.database.name + suffix)
            if src.exists():
                os.replace(src, target.database.with_name(target.database.name + suffix))
        for name in ("keystore.json",):
            if (staging.root / name).exists():
                os.replace(staging.root / name, target.root / name)
        for folder in ("attachments", REQUESTS_DIR):
            source = staging.root / folder
            if source.is_dir():
                for item in source.iterdir():
                    (target.root / folder).mkdir(parents=True, exist_ok=True)
                    os.replace(item, target.root / folder / item.name)

    def discard(self) -> None:
        """Forget everything prepared so far (a different choice on the first page)."""
        with self._lock:
            self._sign_out()
            if self.context is not None:
                self.context.close()
                self.context = None
            self._remove_staging()

    def cancel(self) -> None:
        """Leave the data directory as it was before the wizard started."""
        self.discard()
        root = self.target.root
        if self._created_root and root.is_dir():
            # Only the empty folders this run made (logs/, backups/...): never user files.
            for folder in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
            if not any(root.iterdir()):
                root.rmdir()

    def _sign_out(self) -> None:
        if self.signed_in is None or self.context is None:
            return
        try:  # the token may sit in the OS keyring: do not leave it behind
            self.context.services.session.logout()
        except Exception as exc:  # best effort: the staging folder goes anyway
            log.info("first-run: sign-out on cancel failed: %s", exc)
        self.signed_in = None

    def _remove_staging(self) -> None:
        shutil.rmtree(self.staging.root, ignore_errors=True)
        for stale in self.target.root.glob(f"{STAGING_PREFIX}*"):
            pid = stale.name.removeprefix(STAGING_PREFIX)
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)  # left by a wizard that was killed


def _alive(pid: int) -> bool:
    from supervisor_app.services.demo_store import _process_alive

    return _process_alive(pid)
