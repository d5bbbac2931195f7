"""One sync at a time per data directory, across threads and processes.

The window's background sync and a ``supervisor-app sync`` started from a terminal must
not push the same outbox items or move the same cursors at once. An OS file lock on
``<data>/sync.lock`` is released by the OS when its holder dies (even by SIGKILL), so a
crashed sync never blocks the next one.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from types import TracebackType


class SyncBusy(Exception):
    """Another sync holds the lock for this data directory."""

    message_fa = "همگام‌سازی دیگری روی همین رایانه در جریان است؛ کمی بعد دوباره امتحان کنید."


class SyncLock:
    """A non-blocking exclusive lock: ``with SyncLock(path):`` or raise :class:`SyncBusy`."""

    _in_process = threading.Lock()  # flock is per open file, not per thread: guard both

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._held = False

    def acquire(self) -> None:
        if not SyncLock._in_process.acquire(blocking=False):
            raise SyncBusy("a sync is already running in this program")
        self._held = True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock_file(fd)
            except OSError:
                os.close(fd)
                raise SyncBusy(
                    f"another program is syncing this data directory ({self.path})"
                ) from None
            self._fd = fd
        except BaseException:
            self._held = False
            SyncLock._in_process.release()
            raise

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock_file(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None
        if self._held:
            self._held = False
            SyncLock._in_process.release()

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock_file(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_file(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
