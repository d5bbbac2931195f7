"""Secrets by (service, name): the OS keyring, an encrypted file, or memory (tests).

Choice of fallback (when the OS has no usable keyring, e.g. a headless Linux without a
Secret Service, where ``keyring`` reports ``NoKeyringError`` / the ``fail`` backend):

* ``open_keystore`` never falls back to plaintext. Without an OS keyring it uses an
  :class:`EncryptedFileKeystore` **only** when the caller supplies both a file path and
  a master passphrase; otherwise it raises :class:`KeystoreUnavailable` with a message
  that says what to install or configure.
* The encrypted file is composed from ``cryptography`` primitives: scrypt (n=2^15, r=8,
  p=1) derives a 256-bit key from the master passphrase, AES-256-GCM encrypts the whole
  entry table (so service and entry names are hidden too), and the file header (format,
  version, KDF parameters) is the GCM associated data, so downgrading the parameters is
  detected. A fresh random 96-bit nonce is used for every write.
* ``keyrings.cryptfile`` was evaluated and not chosen: its last release (1.3.9) dates
  from 2022 and broke its file format between patch releases, it pulls in a second
  crypto library (pycryptodome) plus argon2-cffi, it re-derives an Argon2 key on every
  get/set (~0.6 s each here), stores service and entry names in clear, and reports a
  wrong master password as a bare ``ValueError('MAC check failed')``.

File format (JSON, UTF-8)::

    {"format": "nezarat-keystore", "version": 1, "cipher": "AES-256-GCM",
     "kdf": {"name": "scrypt", "salt": <b64>, "n": 32768, "r": 8, "p": 1, "length": 32},
     "nonce": <b64>, "ciphertext": <b64 of AES-GCM(canonical JSON [[service, name, secret], ...])>}

What is stored through any of these is, for signing keys, already an encrypted PKCS#8
PEM (see ``supervisor_app.signing.keys``): the keystore is a second layer, not the only one.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from supervisor_app.domain.canonical import canonical_json

FILE_FORMAT = "nezarat-keystore"
FILE_VERSION = 1
_SCRYPT_N = 2**15
_SCRYPT_R = 8
_SCRYPT_P = 1
_KEY_LENGTH = 32

# Backends that would keep secrets unencrypted, or not at all: never used silently.
_INSECURE_BACKENDS = frozenset(
    {
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "keyrings.alt.file.PlaintextKeyring",
    }
)


class KeystoreError(Exception):
    """A secret could not be read, written or deleted."""


class KeystoreUnavailable(KeystoreError):
    """No secure place to keep secrets: no OS keyring and no encrypted-file fallback."""

    message_fa = (
        "هیچ محل امنی برای نگه‌داری کلیدها در دسترس نیست: کلیدستان سیستم‌عامل پیدا نشد "
        "و پروندهٔ رمزشده با گذرواژهٔ اصلی هم تنظیم نشده است."
    )


class WrongKeystorePassphrase(KeystoreError):
    """The master passphrase does not open the encrypted keystore file (or it was altered)."""

    message_fa = "گذرواژهٔ اصلی کلیدستان نادرست است یا پروندهٔ کلیدستان دستکاری شده است."


class Keystore(ABC):
    """Get, set and delete a secret string by (service, name)."""

    description: str = "keystore"

    @abstractmethod
    def get(self, service: str, name: str) -> str | None:
        """The stored secret, or None when there is none."""

    @abstractmethod
    def set(self, service: str, name: str, secret: str) -> None:
        """Store (or replace) a secret."""

    @abstractmethod
    def delete(self, service: str, name: str) -> None:
        """Remove a secret; removing a missing secret is not an error."""


class MemoryKeystore(Keystore):
    """In-memory fake for unit tests of callers. Not persistent, not encrypted."""

    description = "memory (tests only)"

    def __init__(self) -> None:
        self._secrets: dict[tuple[str, str], str] = {}

    def get(self, service: str, name: str) -> str | None:
        return self._secrets.get((service, name))

    def set(self, service: str, name: str, secret: str) -> None:
        self._secrets[(service, name)] = secret

    def delete(self, service: str, name: str) -> None:
        self._secrets.pop((service, name), None)

    def raw(self) -> dict[tuple[str, str], str]:
        """Everything stored, for tests that inspect what callers wrote."""
        return dict(self._secrets)


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_secure_backend(backend: keyring.backend.KeyringBackend) -> bool:
    """Whether a keyring backend keeps secrets encrypted by the OS (not fail/null/plaintext)."""
    # A chainer writes to whichever member accepts first, so every member must be secure.
    members = getattr(backend, "backends", None)
    if members is not None and _backend_name(backend).endswith("ChainerBackend"):
        return bool(members) and all(is_secure_backend(b) for b in members)
    return _backend_name(backend) not in _INSECURE_BACKENDS


class KeyringKeystore(Keystore):
    """The OS keyring through ``keyring`` (Secret Service, macOS Keychain, Windows Vault)."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        if not is_secure_backend(self._backend):
            raise KeystoreUnavailable(
                f"the keyring backend {_backend_name(self._backend)} does not store secrets "
                "securely; install and unlock an OS keyring (e.g. gnome-keyring) or use an "
                "encrypted keystore file with a master passphrase"
            )
        self.description = f"OS keyring ({_backend_name(self._backend)})"

    def get(self, service: str, name: str) -> str | None:
        try:
            return self._backend.get_password(service, name)
        except keyring.errors.KeyringError as exc:
            raise KeystoreError(f"cannot read {service}/{name} from the OS keyring: {exc}") from exc

    def set(self, service: str, name: str, secret: str) -> None:
        try:
            self._backend.set_password(service, name, secret)
        except keyring.errors.KeyringError as exc:
            raise KeystoreError(f"cannot write {service}/{name} to the OS keyring: {exc}") from exc

    def delete(self, service: str, name: str) -> None:
        try:
            self._backend.delete_password(service, name)
        except keyring.errors.PasswordDeleteError:
            return  # already absent
        except keyring.errors.KeyringError as exc:
            raise KeystoreError(f"cannot delete {service}/{name}: {exc}") from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise KeystoreError(f"keystore file: {what} is not a string")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise KeystoreError(f"keystore file: {what} is not base64") from exc


class EncryptedFileKeystore(Keystore):
    """Secrets in one file encrypted under a master passphrase (scrypt + AES-256-GCM).

    The key is derived once when the keystore is opened; a wrong passphrase raises
    :class:`WrongKeystorePassphrase` right away for an existing file. Writes go through
    a temporary file and ``os.replace`` so a crash never leaves a half-written keystore.
    """

    def __init__(self, path: Path, passphrase: str) -> None:
        if not passphrase:
            raise KeystoreError("the keystore master passphrase may not be empty")
        self.path = Path(path)
        self.description = f"encrypted file {self.path}"
        self._lock = threading.Lock()
        if self.path.exists():
            header, nonce, ciphertext = self._read_file()
            self._header = header
            self._key = self._derive(passphrase, header["kdf"])
            self._entries = self._decrypt(nonce, ciphertext)
        else:
            kdf = {
                "name": "scrypt",
                "salt": _b64(os.urandom(16)),
                "n": _SCRYPT_N,
                "r": _SCRYPT_R,
                "p": _SCRYPT_P,
                "length": _KEY_LENGTH,
            }
            self._header = {
                "format": FILE_FORMAT,
                "version": FILE_VERSION,
                "cipher": "AES-256-GCM",
                "kdf": kdf,
            }
            self._key = self._derive(passphrase, kdf)
            self._entries = {}

    @staticmethod
    def _derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
        if kdf.get("name") != "scrypt" or kdf.get("length") != _KEY_LENGTH:
            raise KeystoreError(f"keystore file: unsupported key derivation {kdf.get('name')!r}")
        n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
        # Refuse weakened parameters: the header is authenticated only after derivation.
        if not (isinstance(n, int) and isinstance(r, int) and isinstance(p, int)):
            raise KeystoreError("keystore file: malformed scrypt parameters")
        if n < _SCRYPT_N or r < _SCRYPT_R or p < 1 or n > 2**20 or r > 32 or p > 16:
            raise KeystoreError("keystore file: scrypt parameters outside the accepted range")
        salt = _unb64(kdf.get("salt"), "salt")
        return Scrypt(salt=salt, length=_KEY_LENGTH, n=n, r=r, p=p).derive(
            passphrase.encode("utf-8")
        )

    def _aad(self) -> bytes:
        return canonical_json(self._header)

    def _read_file(self) -> tuple[dict[str, Any], bytes, bytes]:
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeystoreError(f"cannot read keystore file {self.path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise KeystoreError(f"{self.path} is not a Nezarat keystore file")
        if data.get("version") != FILE_VERSION:
            raise KeystoreError(
                f"keystore file version {data.get('version')!r} is not supported "
                f"(this program reads version {FILE_VERSION})"
            )
        if data.get("cipher") != "AES-256-GCM" or not isinstance(data.get("kdf"), dict):
            raise KeystoreError("keystore file: unsupported cipher or missing kdf")
        header = {k: data[k] for k in ("format", "version", "cipher", "kdf")}
        return header, _unb64(data.get("nonce"), "nonce"), _unb64(data.get("ciphertext"), "data")

    def _decrypt(self, nonce: bytes, ciphertext: bytes) -> dict[tuple[str, str], str]:
        try:
            plain = AESGCM(self._key).decrypt(nonce, ciphertext, self._aad())
        except InvalidTag:
            raise WrongKeystorePassphrase(
                "the master passphrase is wrong, or the keystore file was altered"
            ) from None
        rows = json.loads(plain.decode("utf-8"))
        return {(service, name): secret for service, name, secret in rows}

    def _write(self) -> None:
        rows = sorted([s, n, v] for (s, n), v in self._entries.items())
        nonce = os.urandom(12)
        ciphertext = AESGCM(self._key).encrypt(nonce, canonical_json(rows), self._aad())
        document = {**self._header, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".keystore-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(document, indent=1).encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, service: str, name: str) -> str | None:
        with self._lock:
            return self._entries.get((service, name))

    def set(self, service: str, name: str, secret: str) -> None:
        with self._lock:
            self._entries[(service, name)] = secret
            self._write()

    def delete(self, service: str, name: str) -> None:
        with self._lock:
            if self._entries.pop((service, name), None) is not None:
                self._write()


def open_keystore(
    *,
    fallback_path: Path | None = None,
    passphrase: str | Callable[[], str] | None = None,
    backend: keyring.backend.KeyringBackend | None = None,
) -> Keystore:
    """The OS keyring when a secure one exists, else the encrypted file, else an error.

    ``passphrase`` may be a callable so the UI asks for the master passphrase only when
    the fallback is actually needed. ``backend`` overrides ``keyring.get_keyring()``.
    """
    try:
        chosen = backend if backend is not None else keyring.get_keyring()
    except keyring.errors.KeyringError:
        chosen = None
    if chosen is not None and is_secure_backend(chosen):
        return KeyringKeystore(chosen)
    if fallback_path is not None and passphrase is not None:
        secret = passphrase() if callable(passphrase) else passphrase
        return EncryptedFileKeystore(fallback_path, secret)
    found = _backend_name(chosen) if chosen is not None else "none"
    raise KeystoreUnavailable(
        f"no secure OS keyring is available (keyring backend: {found}) and no encrypted "
        "keystore file with a master passphrase was configured; on Linux install and "
        "unlock gnome-keyring (Secret Service), or choose a master passphrase for the "
        "encrypted keystore file"
    )
