"""Signing a workstation in to the registry, and keeping it signed in.

The password and the current token live in the keystore (the OS keyring, else the
encrypted keystore file under its master passphrase; never plaintext), one entry per
server and account, so a 401 can be answered by signing in again without asking anyone.
``settings.json`` keeps only what is not secret: the server address, the account name,
its board and the election cycle the server runs. The device id (the server enrols one
device per installation) lives in the store's sync state.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..adapters.keystore import Keystore, KeystoreError
from ..adapters.registry_client import (
    LoginResult,
    NotAuthenticated,
    RegistryClient,
    RegistryError,
    api_base,
)
from ..settings import Settings
from ..store import Store

log = logging.getLogger(__name__)

KEY_SERVICE = "nezarat/registry"
DEVICE_ID_KEY = "sync.device_id"
ORIGIN_KEY = "sync.origin"  # which server and account the store's cursors belong to
ClientFactory = Callable[[str], RegistryClient]


class NotSignedIn(Exception):
    """No account is signed in on this workstation (or its credentials are gone)."""

    message_fa = "این رایانه به سامانه ثبت‌نام وارد نشده است؛ ابتدا وارد شوید."


@dataclass(frozen=True, slots=True)
class SignedIn:
    server_url: str
    username: str
    role: str
    board_id: str
    device_id: str
    cycle_code: str
    expires_at: str
    origin_changed: bool = False  # a different server or account than the store's data


def _entry(server_url: str, username: str) -> str:
    return f"{api_base(server_url)}|{username}"


class SessionAuth:
    """Login, logout and the signed-in client; safe to share between threads."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        settings_path: Path,
        keystore: Keystore | Callable[[], Keystore],
        *,
        client_factory: ClientFactory = RegistryClient,
        device_name: str | None = None,
    ) -> None:
        self._store = store
        self.settings = settings
        self._settings_path = settings_path
        self._keystore_source = keystore
        self._keystore: Keystore | None = keystore if isinstance(keystore, Keystore) else None
        self._client_factory = client_factory
        self._device_name = device_name if device_name is not None else socket.gethostname()
        self._lock = threading.RLock()

    # The keystore is opened on first use: a master-passphrase prompt only when needed.
    @property
    def keystore(self) -> Keystore:
        with self._lock:
            if self._keystore is None:
                source = self._keystore_source
                assert callable(source)
                self._keystore = source()
            return self._keystore

    @property
    def signed_in(self) -> bool:
        return bool(self.settings.server_url and self.settings.username)

    def device_id(self) -> str:
        """This installation's device id, created once and kept in the store."""
        with self._store.unit_of_work() as uow:
            value = uow.sync_state.get(DEVICE_ID_KEY)
            if not value:
                value = f"ws-{uuid.uuid4()}"
                uow.sync_state.set(DEVICE_ID_KEY, value)
            return value

    def login(self, server_url: str, username: str, password: str) -> SignedIn:
        """Sign in, keep password and token in the keystore and the rest in the settings.

        The keystore is opened before the server is asked, so a workstation without a
        secure place for secrets fails before anything is sent or stored.
        """
        keystore = self.keystore
        base = api_base(server_url)
        device = self.device_id()
        with self._client_factory(base) as client:
            result = client.login(username, password, device, self._device_name)
        keystore.set(KEY_SERVICE, _entry(base, username), self._secret(password, result))
        with self._lock:
            old = (self.settings.server_url, self.settings.username)
            if old[0] and old[1] and (old[0], old[1]) != (base, username):
                self._forget(old[0], old[1])
            self._remember(base, username, result)
        origin = f"{base}|{username}|{result.account.board_id or ''}"
        with self._store.unit_of_work() as uow:
            previous = uow.sync_state.get(ORIGIN_KEY)
            uow.sync_state.set(ORIGIN_KEY, origin)
            uow.audit.append(username, "registry.login", base, {
                "role": result.account.role, "board_id": result.account.board_id,
                "device_id": device, "expires_at": result.expires_at,
            }, at=datetime.now(UTC))
        return SignedIn(
            server_url=base,
            username=username,
            role=result.account.role,
            board_id=result.account.board_id or "",
            device_id=device,
            cycle_code=result.server.cycle_code or "",
            expires_at=result.expires_at,
            origin_changed=previous is not None and previous != origin,
        )

    def logout(self) -> bool:
        """Revoke the token on the server if reachable, then forget every secret here.

        Returns whether the server confirmed; the local secrets go either way.
        """
        with self._lock:
            server, username = self.settings.server_url, self.settings.username
        if not server or not username:
            return False
        confirmed = False
        try:
            token = self._stored(server, username).get("token")
            if token:
                with self._client_factory(server) as client:
                    client.token = token
                    client.logout()
                confirmed = True
        except (RegistryError, KeystoreError) as exc:
            log.info("logout: the server was not told (%s); forgetting locally", exc)
        with self._lock:
            self._forget(server, username)
            self.settings.username = ""
            self.settings.save(self._settings_path)
        with self._store.unit_of_work() as uow:
            uow.audit.append(username, "registry.logout", server,
                             {"revoked_on_server": confirmed}, at=datetime.now(UTC))
        return confirmed

    def save_settings(self) -> None:
        """Write the settings after a change outside sign-in (e.g. the central CA's pin)."""
        with self._lock:
            self.settings.save(self._settings_path)

    def client(self) -> RegistryClient:
        """A client of the signed-in server carrying the stored token (may be stale)."""
        with self._lock:
            server, username = self.settings.server_url, self.settings.username
        if not server or not username:
            raise NotSignedIn("no account is signed in: run 'supervisor-app login'")
        client = self._client_factory(server)
        client.token = self._stored(server, username).get("token") or None
        return client

    def anonymous_client(self) -> RegistryClient:
        """A client of the signed-in server without a token (``/health``; no keystore)."""
        with self._lock:
            server, username = self.settings.server_url, self.settings.username
        if not server or not username:
            raise NotSignedIn("no account is signed in: run 'supervisor-app login'")
        return self._client_factory(server)

    def refresh(self, client: RegistryClient) -> None:
        """Sign in again with the stored password (after a 401) and give ``client`` the token."""
        with self._lock:
            server, username = self.settings.server_url, self.settings.username
            if not server or not username:
                raise NotSignedIn("no account is signed in")
            secret = self._stored(server, username)
            password = secret.get("password")
            if not password:
                raise NotSignedIn("the stored credentials are gone: sign in again")
            try:
                result = client.login(username, password, self.device_id(), self._device_name)
            except NotAuthenticated as exc:
                raise NotSignedIn(f"the server refused the stored credentials ({exc})") from exc
            self.keystore.set(KEY_SERVICE, _entry(server, username), self._secret(password, result))
            self._remember(api_base(server), username, result)

    # --- internals ----------------------------------------------------------------------

    @staticmethod
    def _secret(password: str, result: LoginResult) -> str:
        return json.dumps(
            {"password": password, "token": result.token, "expires_at": result.expires_at},
            ensure_ascii=False,
        )

    def _stored(self, server: str, username: str) -> dict[str, str]:
        raw = self.keystore.get(KEY_SERVICE, _entry(server, username))
        if not raw:
            raise NotSignedIn("no stored credentials for this account: sign in again")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            raise NotSignedIn("the stored credentials are unreadable: sign in again") from None
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _forget(self, server: str, username: str) -> None:
        try:
            self.keystore.delete(KEY_SERVICE, _entry(server, username))
        except KeystoreError as exc:
            log.warning("could not delete the stored credentials of %s: %s", username, exc)

    def _remember(self, base: str, username: str, result: LoginResult) -> None:
        self.settings.server_url = base
        self.settings.username = username
        self.settings.board_id = result.account.board_id or ""
        if result.server.cycle_code:
            self.settings.cycle_code = result.server.cycle_code
        self.settings.save(self._settings_path)
