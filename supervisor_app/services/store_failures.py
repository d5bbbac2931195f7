"""What went wrong underneath a unit of work, in words a service can pass on.

SQLAlchemy wraps the driver's ``sqlite3`` errors (``raise ... from``), and an attachment
copy raises plain ``OSError``; services classify them here without importing SQLAlchemy,
so their refusals can say in Persian what happened and what to do (a busy database, a
full disk, an unreadable file) instead of showing the driver's English text.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from ..store.errors import StoreError

_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it was raised from (``orig``, ``__cause__``, ``__context__``)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError keeps the driver's
        todo += [
            orig if isinstance(orig, BaseException) else None,
            current.__cause__,
            current.__context__,
        ]


def is_busy(exc: BaseException) -> bool:
    """Another connection held the write lock past the busy timeout (e.g. a sync)."""
    return any(
        isinstance(e, sqlite3.OperationalError)
        and ("locked" in str(e).lower() or "busy" in str(e).lower())
        for e in causes(exc)
    )


def is_disk_full(exc: BaseException) -> bool:
    for e in causes(exc):
        if isinstance(e, OSError) and e.errno in _DISK_FULL_ERRNOS:
            return True
        if isinstance(e, sqlite3.Error) and "disk is full" in str(e).lower():
            return True
    return False


def is_store_failure(exc: BaseException) -> bool:
    """A database or file-system failure (as opposed to a bug or a refusal)."""
    return any(isinstance(e, StoreError | sqlite3.Error | OSError) for e in causes(exc))
