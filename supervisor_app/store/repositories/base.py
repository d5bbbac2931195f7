"""Shared helpers of the repositories: Core tables, upserts, counts.

Repositories read and write through Core statements on the mapped tables (not ORM
instances), so a row changed earlier in the same unit of work never comes back stale
from an identity map, and bulk writes stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..tables import Base

T = TypeVar("T")

# SQLite's default limit on bound variables is 32766; IN lists stay far below it.
IN_CHUNK = 500


def table_of(mapped: type[Base]) -> Table:
    return cast(Table, mapped.__table__)


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def upsert(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    key: Sequence[str],
) -> None:
    """INSERT … ON CONFLICT(key) DO UPDATE for many rows (executemany).

    Unlike INSERT OR REPLACE this updates in place: rowids stay, no delete triggers
    fire, and child rows referencing the key are not cascaded away.
    """
    if not rows:
        return
    stmt = sqlite_insert(table)
    columns = rows[0].keys()
    changes = {name: stmt.excluded[name] for name in columns if name not in key}
    if changes:
        stmt = stmt.on_conflict_do_update(index_elements=list(key), set_=changes)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    session.execute(stmt, list(rows))


def count_rows(session: Session, table: Table, *where: ColumnElement[bool]) -> int:
    return session.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def as_list(items: Iterable[T]) -> list[T]:
    return items if isinstance(items, list) else list(items)


class Repository:
    """Base class: a repository works inside the unit of work's Session."""

    def __init__(self, session: Session) -> None:
        self._session = session
