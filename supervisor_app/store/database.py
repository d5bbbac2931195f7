"""Opening the local SQLite store: connection settings, transactions, migrations.

Every connection runs in WAL mode with foreign keys on and a busy timeout. SQLAlchemy,
not the sqlite3 driver, starts transactions: write units begin with ``BEGIN IMMEDIATE``
so a writer takes the write lock up front and waits (busy timeout) instead of failing
half-way when another writer got there first; read units begin with a plain ``BEGIN``
(a consistent snapshot that never waits for writers) and are made read-only.

A Store can be shared by threads: each unit of work checks out its own connection and
Session from the pool, and no Session ever crosses threads.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import sessionmaker

from .errors import StoreError
from .unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
_READ_ONLY = "nezarat_read_only"  # execution option read by the begin hook


def _json_dumps(value: Any) -> str:
    # Persian stays readable in the file (and half the size of \u escapes).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take BEGIN away from the driver; the "begin" hook below emits our own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite refused WAL mode (got %s); concurrency will suffer", mode)
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit is on disk when it returns, so a report or ruling the user saw
        # recorded survives a power cut (NORMAL would only survive a killed process).
        # Pulled pages, which can be fetched again, are written with NORMAL (mirror.py).
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    read_only = bool(conn.get_execution_options().get(_READ_ONLY, False))
    # query_only makes an accidental write in a read unit fail loudly instead of upgrading
    # a snapshot to a writer (which could fail with SQLITE_BUSY mid-transaction).
    conn.exec_driver_sql(f"PRAGMA query_only = {'ON' if read_only else 'OFF'}")
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


# The newest migration's revision. A store already at it opens without importing alembic
# (~0.3 s of every start); tests/store/test_migrations.py pins it to alembic's own head.
HEAD_REVISION = "0010_dossier_children_inline"


def _alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    # configparser interpolation: a literal % in the path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The schema revision this version of the app writes (alembic's own answer)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _check_is_sqlite(path: Path) -> None:
    """Refuse anything that is not a SQLite file, before SQLite touches it."""
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise StoreError(f"{path} is not a SQLite database; it was left untouched")


class Store:
    """An open local database. Use ``unit_of_work()`` for every read or write."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.path = path
        self._engine = engine
        self._write_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            bind=engine.execution_options(**{_READ_ONLY: True}), expire_on_commit=False
        )
        self._closed = False

    @property
    def engine(self) -> Engine:
        """For modules inside ``store/`` only (bulk loading, maintenance)."""
        return self._engine

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False) -> Iterator[UnitOfWork]:
        """One transaction: commits on normal exit, rolls back if the block raises.

        ``read_only=True`` reads a consistent snapshot without taking the write lock
        (searches keep answering while a long import writes); writes there fail.
        """
        if self._closed:
            raise StoreError("the store is closed")
        factory = self._read_sessions if read_only else self._write_sessions
        with factory() as session, session.begin():
            yield UnitOfWork(session)

    def _maintenance(self, pragma: str) -> None:
        """Run a PRAGMA outside any transaction on a pooled connection."""
        with self._engine.connect() as conn:
            # The raw driver connection is in autocommit mode, so no BEGIN is emitted;
            # the last unit on it may have been read-only.
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA query_only = OFF")
            raw.execute(pragma)

    def checkpoint(self) -> None:
        """Fold the WAL back into the database file and truncate it (after big writes)."""
        self._maintenance("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self._closed:
            return
        try:
            self._maintenance("PRAGMA optimize")  # keeps the planner's statistics fresh
        except (DatabaseError, sqlite3.Error):  # pragma: no cover - best effort on the way out
            log.exception("PRAGMA optimize failed on close")
        self._engine.dispose()
        self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _create_engine(path: Path) -> Engine:
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        json_serializer=_json_dumps,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _backup(engine: Engine, path: Path, backup_dir: Path, revision: str) -> Path:
    """Copy the database (consistently, via SQLite's backup API) before migrating it."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-{revision}-{stamp}.sqlite3"
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        dest = sqlite3.connect(target)
        try:
            raw.backup(dest)
        finally:
            dest.close()
    return target


def _inspect(path: Path) -> tuple[set[str], int]:
    """The schema revisions recorded in the file and its number of other tables.

    Read through a read-only driver connection, so that a file we end up refusing is
    not even switched to WAL mode.
    """
    if not path.exists() or path.stat().st_size == 0:
        return set(), 0
    raw = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {
            name
            for (name,) in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        revisions: set[str] = set()
        if "alembic_version" in tables:
            revisions = {rev for (rev,) in raw.execute("SELECT version_num FROM alembic_version")}
        # An empty alembic_version (everything downgraded) still marks one of our files.
        return revisions, len(tables - {"alembic_version"})
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} cannot be read as a database ({exc}); it was left untouched"
        ) from exc
    finally:
        raw.close()


def _migrate(engine: Engine, path: Path, current: set[str], backup_dir: Path | None) -> None:
    from alembic import command

    head = head_revision()
    if current == {head}:
        return
    if current and backup_dir is not None:
        saved = _backup(engine, path, backup_dir, "-".join(sorted(current)))
        log.info("backed up %s to %s before migrating", path, saved)
    # One IMMEDIATE transaction for all revisions: an upgrade either completes or leaves
    # the file exactly as it was.
    with engine.begin() as conn:
        # Table rebuilds in future batch migrations may briefly violate foreign keys;
        # they are still checked, at commit.
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        command.upgrade(_alembic_config(conn), "head")
    log.info("migrated %s from %s to %s", path, sorted(current) or "empty", head)


def open_store(path: Path, *, backup_dir: Path | None = None) -> Store:
    """Open (creating or upgrading in place) the store at ``path``.

    Never resets a database: a file that is not SQLite, belongs to another program or
    comes from a newer app version raises StoreError and is left as it was. With
    ``backup_dir``, an existing database is copied there before any migration.
    """
    path = Path(path)
    _check_is_sqlite(path)
    current, table_count = _inspect(path)
    if current == {HEAD_REVISION}:  # the common case: nothing to check or migrate
        return Store(_create_engine(path), path)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current - known:
        raise StoreError(
            f"{path} was created by a newer version of the app (schema "
            f"{', '.join(sorted(current - known))}); open it with that version or a later one"
        )
    if not current and table_count:
        raise StoreError(f"{path} is a SQLite database of another program; it was left untouched")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = _create_engine(path)
    try:
        _migrate(engine, path, current, backup_dir)
    except StoreError:
        engine.dispose()
        raise
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(f"{path} cannot be opened as a database: {exc.orig}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, path)
