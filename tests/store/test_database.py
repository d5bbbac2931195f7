"""Opening the store: connection settings, refusing foreign files, transactions, threads."""

from __future__ import annotations

import sqlite3
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from supervisor_app.domain.geography import County
from supervisor_app.store import Store, StoreError, head_revision, open_store


def _pragma(store: Store, name: str) -> object:
    with store.unit_of_work(read_only=True) as uow:
        return uow.session.execute(text(f"PRAGMA {name}")).scalar()


def test_connections_use_wal_foreign_keys_busy_timeout_and_full_sync(tmp_store: Store):
    """Every connection runs with WAL, foreign keys on, a 5 s busy timeout, synchronous=FULL."""
    assert _pragma(tmp_store, "journal_mode") == "wal"
    assert _pragma(tmp_store, "foreign_keys") == 1
    assert _pragma(tmp_store, "busy_timeout") == 5000
    assert _pragma(tmp_store, "synchronous") == 2  # FULL: survives a power cut


def test_foreign_keys_are_enforced(tmp_store: Store):
    """A county pointing at a province that does not exist is refused."""
    with pytest.raises(IntegrityError), tmp_store.unit_of_work() as uow:
        uow.geography.add_counties([County("C1", "NO-SUCH-PROVINCE", "x")])


def test_new_file_is_created_at_head_revision(store_path: Path):
    """Opening a path that does not exist creates a database at the newest schema."""
    open_store(store_path).close()
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]


def test_reopening_keeps_data(store_path: Path):
    """Data written before close is there after reopening (no reset on open)."""
    with open_store(store_path) as store, store.unit_of_work() as uow:
        uow.sync_state.set("cursor", "42")
    with open_store(store_path) as store, store.unit_of_work(read_only=True) as uow:
        assert uow.sync_state.get("cursor") == "42"


def test_file_that_is_not_sqlite_is_refused_and_left_untouched(store_path: Path):
    """A non-SQLite file raises a clear StoreError; its bytes stay and no WAL files appear."""
    content = b"PK\x03\x04 this is a zip file, not a database" * 100
    store_path.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(store_path)
    assert store_path.read_bytes() == content
    assert sorted(p.name for p in store_path.parent.iterdir()) == [store_path.name]


def test_directory_in_place_of_the_file_is_refused(store_path: Path):
    """A directory at the database path is a clear StoreError."""
    store_path.mkdir()
    with pytest.raises(StoreError, match="not a file"):
        open_store(store_path)


def test_sqlite_file_of_another_program_is_refused_and_left_untouched(store_path: Path):
    """A SQLite file without our schema history is not adopted (nor switched to WAL)."""
    with sqlite3.connect(store_path) as raw:
        raw.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        raw.execute("INSERT INTO notes (body) VALUES ('keep me')")
    raw.close()
    before = store_path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        open_store(store_path)
    assert store_path.read_bytes() == before
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_database_from_a_newer_app_is_refused_not_reset(store_path: Path):
    """A revision this app does not know means a newer app wrote it: StoreError, data kept."""
    with open_store(store_path) as store, store.unit_of_work() as uow:
        uow.sync_state.set("cursor", "7")
    with sqlite3.connect(store_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    raw.close()
    with pytest.raises(StoreError, match="created by a newer version"):
        open_store(store_path)
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT value FROM sync_state").fetchall() == [("7",)]
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0099_from_the_future",)
        ]


def test_closed_store_refuses_units_of_work(tmp_store: Store):
    """Using a store after close() is a StoreError, not a silent reconnect."""
    tmp_store.close()
    with pytest.raises(StoreError, match="closed"), tmp_store.unit_of_work():
        pass


def test_read_only_unit_refuses_writes(tmp_store: Store):
    """A read-only unit of work cannot write (query_only), so it never becomes a writer."""
    with (
        pytest.raises(OperationalError, match="readonly"),
        tmp_store.unit_of_work(read_only=True) as uow,
    ):
        uow.sync_state.set("k", "v")
    with tmp_store.unit_of_work() as uow:  # the pooled connection is writable again
        uow.sync_state.set("k", "v")


def test_write_unit_begins_immediate(tmp_store: Store, store_path: Path):
    """A write unit holds the write lock from its first statement: other writers wait."""
    with tmp_store.unit_of_work() as uow:
        uow.sync_state.get("nothing")  # only a read so far, yet the lock is taken
        other = sqlite3.connect(store_path, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_reader_is_not_blocked_by_a_long_writer(tmp_store: Store):
    """While a write unit is open in one thread, a read unit elsewhere answers at once."""
    with tmp_store.unit_of_work() as uow:
        uow.sync_state.set("k", "old")
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with tmp_store.unit_of_work() as uow:
            uow.sync_state.set("k", "new")
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        started = time.perf_counter()
        with tmp_store.unit_of_work(read_only=True) as uow:
            assert uow.sync_state.get("k") == "old"  # the committed snapshot
        assert time.perf_counter() - started < 1
    finally:
        release.set()
        thread.join()
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.sync_state.get("k") == "new"


def test_concurrent_writers_from_two_threads_both_land(tmp_store: Store):
    """Two threads appending audit events at once: every event lands, the chain stays whole."""
    from datetime import UTC, datetime

    errors: list[BaseException] = []
    per_thread = 40

    def work(name: str) -> None:
        try:
            for i in range(per_thread):
                with tmp_store.unit_of_work() as uow:
                    uow.audit.append(
                        name, "test.write", f"{name}-{i}", {"i": i}, at=datetime.now(UTC)
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"t{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with tmp_store.unit_of_work(read_only=True) as uow:
        events = uow.audit.all()
    assert [e.seq for e in events] == list(range(1, 2 * per_thread + 1))
    assert all(b.prev_hash == a.hash for a, b in pairwise(events))
