"""Passwords (scrypt from ``cryptography``), bearer tokens and the login rate limit."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

# n=2^14, r=8, p=1: ~16 MiB and ~40 ms per check — the interactive-login setting of RFC 7914.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_PREFIX = "scrypt"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(16)
    key = Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(password.encode())
    return f"{_PREFIX}${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


# A stored hash for unknown usernames, so that "no such user" costs as much as a wrong
# password and timing does not reveal which accounts exist.
_DUMMY = hash_password("not-a-password")


def verify_password(password: str, stored: str | None) -> bool:
    target = stored or _DUMMY
    try:
        prefix, n, r, p, salt, key = target.split("$")
        if prefix != _PREFIX:
            return False
        kdf = Scrypt(salt=base64.b64decode(salt), length=32, n=int(n), r=int(r), p=int(p))
        kdf.verify(password.encode(), base64.b64decode(key))
    except (ValueError, InvalidKey):
        return False
    return stored is not None


def new_token() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # Tokens are random 256-bit values, so a plain SHA-256 is enough to make a stolen
    # database useless for logging in (no KDF needed, unlike passwords).
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class LoginLimiter:
    """At most ``attempts`` failed logins per username in ``window`` seconds (in memory)."""

    def __init__(self, attempts: int = 10, window: float = 15 * 60) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, username: str, now: float) -> deque[float]:
        q = self._failures.setdefault(username, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def retry_after(self, username: str) -> int:
        """Seconds until the next attempt is allowed (0 = allowed now)."""
        now = time.monotonic()
        with self._lock:
            q = self._recent(username, now)
            if len(q) < self.attempts:
                return 0
            return max(1, int(q[0] + self.window - now) + 1)

    MAX_TRACKED = 50_000  # bounded memory under a flood of random usernames

    def failed(self, username: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) >= self.MAX_TRACKED and username not in self._failures:
                # Forget the usernames whose failures are all outside the window.
                for name in [n for n, q in self._failures.items()
                             if not q or q[-1] <= now - self.window]:
                    del self._failures[name]
                if len(self._failures) >= self.MAX_TRACKED:
                    self._failures.clear()
            self._recent(username, now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)
