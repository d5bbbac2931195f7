"""The server's own database: tables, engine set-up and the global change sequence.

One ``items`` table holds every record the feeds serve (reference data, dossiers, pushed
records), each with the wire form as canonical JSON text, its content hash, the scope
columns every read filters on, and ``seq``: the global change sequence number stamped on
every write. Feeds are index-driven: ``WHERE feed = :f AND <scope col> = :v AND seq > :c
ORDER BY seq LIMIT :n`` walks one of the ``(feed, <scope col>, seq)`` indexes.

``seq`` comes from a single counter row updated inside each write transaction. The update
takes a lock held until commit (PostgreSQL row lock; SQLite's single writer), so commits
happen in ``seq`` order and "rows with seq > cursor" never skips a later commit.

SQLite and PostgreSQL run the same code; SQLite connections begin write transactions with
``BEGIN IMMEDIATE`` (take the write lock up front and wait for it) and read ones with
``BEGIN`` (a consistent WAL snapshot).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    update,
)
from sqlalchemy.engine import Connection, make_url

log = logging.getLogger(__name__)

metadata = MetaData()
# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL wants BIGINT for 64-bit seqs.
BigInt = BigInteger().with_variant(Integer(), "sqlite")

FEED_REFERENCE = "r"
FEED_DOSSIER = "d"
FEED_RECORDS = "x"

items = Table(
    "items",
    metadata,
    Column("pk", BigInt, primary_key=True, autoincrement=True),
    Column("kind", String(24), nullable=False),
    Column("key", String(64), nullable=False),
    Column("feed", String(1), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("public", Boolean, nullable=False),
    Column("province_code", String(32)),
    Column("county_code", String(32)),
    Column("district_code", String(32)),
    Column("village", Boolean, nullable=False),
    Column("branch_code", String(32)),
    Column("board_id", String(64)),  # a member's board; the pushing board of a record
    Column("parent_key", String(64)),  # an observer's head observer
    Column("status", String(32)),  # a dossier's status (withdrawal, decisions)
    # Canonical JSON of the wire form as UTF-8 bytes: feeds splice it into responses
    # without decoding and re-encoding (half the cost of a page otherwise).
    Column("body", LargeBinary, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    UniqueConstraint("kind", "key", name="uq_items_kind_key"),
    UniqueConstraint("seq", name="uq_items_seq"),
)
Index("ix_items_feed_seq", items.c.feed, items.c.seq)
Index("ix_items_feed_province_seq", items.c.feed, items.c.province_code, items.c.seq)
Index("ix_items_feed_county_seq", items.c.feed, items.c.county_code, items.c.seq)
# District boards see only villages: the flag is in the index, or a district holding a big
# city would scan all of the city's dossiers on every page.
Index("ix_items_feed_district_village_seq", items.c.feed, items.c.district_code,
      items.c.village, items.c.seq)
Index("ix_items_feed_branch_seq", items.c.feed, items.c.branch_code, items.c.seq)
Index("ix_items_kind_board", items.c.kind, items.c.board_id)
Index("ix_items_kind_parent", items.c.kind, items.c.parent_key)

counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

server_state = Table(
    "server_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(256), nullable=False),
    Column("role", String(16), nullable=False),
    Column("board_id", String(64)),
    Column("observer_id", String(64)),
    Column("active", Boolean, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("device_id", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("enrolled_at", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
    Column("revoked", Boolean, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False, index=True),
    Column("device_id", String(64), nullable=False),
    Column("issued_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("revoked", Boolean, nullable=False),
)

receipts = Table(
    "receipts",
    metadata,
    Column("id", String(36), primary_key=True),  # the outbox item's UUID
    Column("kind", String(24), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("board_id", String(64), nullable=False),
    Column("username", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("received_at", String(40), nullable=False),
)

# sha256 → the item (dossier, observer report) that cites it: the scope of a download.
attachment_refs = Table(
    "attachment_refs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("item_pk", BigInteger, primary_key=True),
)
# A dossier update replaces its refs: without this, a delete scans 1.35M rows at 300k.
Index("ix_attachment_refs_item", attachment_refs.c.item_pk)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("uploaded_by", String(64), nullable=False),
)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("board_id", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("ruling_id", String(64), nullable=False),
    Column("ruling_hash", String(64), nullable=False),
    Column("prev", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("ruling_id", name="uq_ledger_ruling"),
)

bundles = Table(
    "bundles",
    metadata,
    Column("ruling_id", String(64), primary_key=True),
    Column("board_id", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("body", LargeBinary, nullable=False),
)

audit_heads = Table(
    "audit_heads",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("hash", String(64), nullable=False),
    Column("board_id", String(64), nullable=False),
    Column("at", String(40), nullable=False),
)

# Signed heads of boards' ledgers (version 2: with the signing device's audit position),
# as pushed, once each (``sha256`` of the whole signed head). Checked against
# ``ledger_entries`` and, per device, against each other and ``audit_heads``.
ledger_heads = Table(
    "ledger_heads",
    metadata,
    Column("pk", BigInt, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("board_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("member_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("audit_seq", BigInteger, nullable=False),
    Column("audit_hash", String(64), nullable=False),
    Column("signed_at", String(40), nullable=False),
    Column("body", Text, nullable=False),  # the signed head's JSON, for auditors
    Column("received_at", String(40), nullable=False),
)
Index("ix_ledger_heads_board_seq", ledger_heads.c.board_id, ledger_heads.c.seq)
Index("ix_ledger_heads_device_audit", ledger_heads.c.device_id, ledger_heads.c.audit_seq)

# Member certificates the central CA published (``PUT``/``POST /pki/certificates``), with
# the scope columns of the member (or its board) so each board reads only its area's.
pki_certificates = Table(
    "pki_certificates",
    metadata,
    Column("pk", BigInt, primary_key=True, autoincrement=True),  # the read cursor
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("ca_fingerprint", String(64), nullable=False),  # served only while it is installed
    Column("serial", String(64), nullable=False),
    Column("member_id", String(64), nullable=False),
    Column("board_id", String(64), nullable=False),
    Column("not_after", String(40), nullable=False),
    Column("pem", Text, nullable=False),
    Column("province_code", String(32)),
    Column("county_code", String(32)),
    Column("district_code", String(32)),
    Column("village", Boolean, nullable=False),
    Column("branch_code", String(32)),
    Column("published_by", String(64), nullable=False),
    Column("published_at", String(40), nullable=False),
)

demo_keys = Table(
    "demo_keys",
    metadata,
    Column("member_id", String(64), primary_key=True),
    Column("board_id", String(64), nullable=False, index=True),
    Column("role", String(32), nullable=False),
    Column("private_key_pem", Text, nullable=False),
    Column("certificate_pem", Text, nullable=False),
)

SEQ = "seq"
BUSY_TIMEOUT_MS = 10_000
_WRITE = "registry_write"  # execution option read by the SQLite begin hook


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin hook emits BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    write = bool(conn.get_execution_options().get(_WRITE, False))
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql+psycopg://…``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=20,
            max_overflow=40,
            pool_timeout=60,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver we ship
    return create_engine(parsed, pool_size=20, max_overflow=40, pool_timeout=60,
                         pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    """Create missing tables, indexes and the counter row (idempotent).

    ``create_all`` skips indexes of tables that already exist, so they are checked one by
    one: a database made by an older version gains new indexes at start-up. (A column
    change would need a real migration; none has been needed yet.)
    """
    metadata.create_all(engine)
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(engine, checkfirst=True)
    with write_tx(engine) as conn:
        if conn.execute(select(counters.c.value).where(counters.c.name == SEQ)).first() is None:
            conn.execute(counters.insert().values(name=SEQ, value=0))


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A write transaction (SQLite: BEGIN IMMEDIATE); commits on success."""
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        yield conn


@contextmanager
def read_tx(engine: Engine, *, snapshot: bool = False) -> Iterator[Connection]:
    """A read transaction: one consistent snapshot on SQLite (WAL).

    ``snapshot`` asks PostgreSQL for the same (REPEATABLE READ), for reads whose several
    statements must agree with each other, such as a digest and the head it belongs to.
    """
    with engine.connect() as conn:
        if snapshot and conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def take_seq(conn: Connection, n: int = 1) -> int:
    """Reserve ``n`` sequence numbers; returns the first. Locks the counter until commit."""
    row = conn.execute(
        update(counters)
        .where(counters.c.name == SEQ)
        .values(value=counters.c.value + n)
        .returning(counters.c.value)
    ).one()
    return int(row[0]) - n + 1


def head_seq(conn: Connection) -> int:
    return int(conn.execute(select(counters.c.value).where(counters.c.name == SEQ)).scalar_one())


def get_state(conn: Connection, key: str) -> str | None:
    value = conn.execute(
        select(server_state.c.value).where(server_state.c.key == key)
    ).scalar_one_or_none()
    return None if value is None else str(value)


def set_state(conn: Connection, key: str, value: str) -> None:
    if get_state(conn, key) is None:
        conn.execute(server_state.insert().values(key=key, value=value))
    else:
        conn.execute(update(server_state).where(server_state.c.key == key).values(value=value))


def row_dict(row: Any) -> dict[str, Any]:
    return dict(row._mapping)
