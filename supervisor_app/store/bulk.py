"""Fast loading of a whole Dataset (demo data, a first pull from the registry).

Everything happens in one write transaction, so a failed import leaves nothing behind.
Rows go in with Core executemany in chunks. The FTS triggers are dropped for the load
and the index is rebuilt once at the end (measured: cheaper than maintaining it row by
row); the trigger definitions are read back from the database itself, so this module
never holds a second copy of the schema. Foreign keys are checked at commit
(``defer_foreign_keys``), which frees the load from parent-before-child ordering.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.orm import Session

from ..domain.candidates import Dossier
from ..domain.dataset import Dataset
from .database import Store
from .repositories.base import chunked
from .repositories.dossiers import (
    DOSSIERS,
    dossier_upsert_statement,
    dossier_values,
    name_key,
    name_sort,
)

log = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 5000
BULK_CACHE_KIB = 256 * 1024
_FTS_TRIGGERS = text(
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dossiers' "
    "AND sql LIKE '%dossier_fts%' ORDER BY name"
)


def _drop_fts_triggers(session: Session) -> list[str]:
    triggers = session.execute(_FTS_TRIGGERS).all()
    for name, _sql in triggers:
        # A name read from sqlite_master, quoted as an identifier (DDL takes no params).
        quoted = '"' + name.replace('"', '""') + '"'
        session.connection().exec_driver_sql(f"DROP TRIGGER {quoted}")
    return [sql for _name, sql in triggers]


def _executemany(session: Session, stmt: Any, rows: list[dict[str, Any]]) -> None:
    """Core ``stmt`` compiled once, then executemany straight on the driver cursor.

    Each value goes through its column type's own bind processor (so rows are stored
    exactly as the repositories store them), but SQLAlchemy's per-row parameter
    bookkeeping, half the time of a 300k load, is skipped.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = stmt.compile(dialect=dialect, column_keys=list(rows[0]))
    names = compiled.positiontup
    table = stmt.table
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    plan = list(zip(names, processors, strict=True))
    params = [
        tuple(process(row[name]) if process else row[name] for name, process in plan)
        for row in rows
    ]
    connection.exec_driver_sql(str(compiled), params)


def _load_dossiers(
    session: Session, dossiers: Sequence[Dossier], chunk_size: int
) -> tuple[int, int]:
    """Upsert the dossiers (their documents and inquiries travel in their rows); returns
    how many documents and inquiries they carry."""
    upsert = dossier_upsert_statement()
    for chunk in chunked(dossiers, chunk_size):
        _executemany(session, upsert, [dossier_values(d) for d in chunk])
    return sum(len(d.documents) for d in dossiers), sum(len(d.inquiries) for d in dossiers)


def bulk_import(
    store: Store, dataset: Dataset, *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> dict[str, int]:
    """Load (insert or update) everything in ``dataset``; returns counts per kind.

    Existing records with the same keys are updated in place (a dossier's documents and
    inquiries are replaced), so importing the same dataset twice changes nothing.
    """
    started = time.perf_counter()
    with store.unit_of_work() as uow:
        session = uow.session
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        # A big page cache keeps the randomly-ordered index inserts in memory.
        session.execute(text(f"PRAGMA cache_size = -{BULK_CACHE_KIB}"))
        for cycle in dataset.cycles:
            uow.cycles.add(cycle)
        uow.geography.add_provinces(dataset.provinces)
        uow.geography.add_counties(dataset.counties)
        uow.geography.add_districts(dataset.districts)
        uow.geography.add_constituencies(dataset.constituencies)
        uow.boards.add_all(dataset.boards)
        uow.boards.add_members(dataset.members)
        uow.branches.add_all(dataset.branches)
        uow.observers.add_all(dataset.observers)

        triggers = _drop_fts_triggers(session)
        documents, inquiries = _load_dossiers(session, dataset.dossiers, chunk_size)
        for sql in triggers:
            session.connection().exec_driver_sql(sql)  # verbatim: no bind-parameter parsing
        if dataset.dossiers:
            session.execute(text("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')"))
        session.execute(text("PRAGMA cache_size = -2000"))  # SQLite's default again
    # The load went through the WAL; fold it into the file so the WAL does not stay huge.
    store.checkpoint()
    counts: dict[str, Any] = dataset.counts()
    counts.update(documents=documents, inquiries=inquiries)
    log.info("bulk import of %s took %.1f s", counts, time.perf_counter() - started)
    return counts


def rebuild_search_keys(store: Store, *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Recompute every dossier's name_key and name_sort, then rebuild the FTS index.

    Needed when the Persian normalisation or sort order changes in a new version (a
    data migration): stored keys were computed by the old rules. Returns the row count.
    """
    with store.unit_of_work() as uow:
        session = uow.session
        rows = session.execute(
            select(
                DOSSIERS.c.id, DOSSIERS.c.first_name, DOSSIERS.c.last_name, DOSSIERS.c.father_name
            )
        ).all()
        triggers = _drop_fts_triggers(session)
        stmt = (
            update(DOSSIERS)
            .where(DOSSIERS.c.id == bindparam("row_id"))
            .values(name_key=bindparam("new_key"), name_sort=bindparam("new_sort"))
        )
        for chunk in chunked(rows, chunk_size):
            session.execute(
                stmt,
                [
                    {
                        "row_id": r.id,
                        "new_key": name_key(r.first_name, r.last_name, r.father_name),
                        "new_sort": name_sort(r.last_name, r.first_name),
                    }
                    for r in chunk
                ],
            )
        for sql in triggers:
            session.connection().exec_driver_sql(sql)
        session.execute(text("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')"))
    store.checkpoint()
    return len(rows)
