"""The registry's records in the local store: applying pulled pages, and digesting them.

``RegistryMirror.apply_page`` writes one validated feed page and its cursor in a single
transaction, so after a crash the store holds whole pages and the cursor says exactly
which: the next pull resumes at the first page that did not commit. ``digests`` computes
the consistency digest (``domain/digest.py``) of what the store holds per feed kind,
from the stored rows themselves, so it also notices local changes the server never saw.

Pages are written with foreign-key enforcement off. The mirror copies what the registry
sent, in the registry's ``seq`` order, not in dependency order: a county renamed after
its constituencies were created arrives after them, and a caller's scope legitimately
cites records outside it (a provincial ruling behind a county dossier's decision, a head
observer of another branch). Refusing those rows would lose data the server vouches for;
local writes keep their foreign-key checks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

import msgspec
from sqlalchemy import Integer, Table, column, insert, select, table, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..domain import wire
from ..domain.digest import KindDigest, kind_digest, record_hash, wire_canonical_json
from .bulk import _drop_fts_triggers
from .complaint_history import merge_pulled_events
from .database import Store
from .repositories.base import IN_CHUNK, chunked, table_of, upsert
from .repositories.boards import MEMBERS, _member
from .repositories.dossiers import DOSSIERS, name_key, name_sort
from .repositories.election_day import (
    BRANCHES,
    OBSERVERS,
    REPORTS,
    _branch,
    _observer,
    _report,
    report_values,
)
from .repositories.qualification import (
    DECISIONS,
    OBJECTIONS,
    _decision,
    _objection,
    decision_values,
    objection_values,
)
from .tables import PulledRecordRow
from .unit_of_work import UnitOfWork

PULLED = table_of(PulledRecordRow)
# Kinds with no domain table: kept verbatim in ``pulled_records``.
VERBATIM_KINDS = frozenset({"pki", "ruling_ref"})
PAGE_CACHE_KIB = 96 * 1024  # page cache while a pulled page is written (peak memory budget 500 MB)
PAGE_WAL_CHECKPOINT_PAGES = 16_384  # 64 MB of WAL between checkpoints during a pull
DEFAULT_CACHE_SIZE = -2000  # SQLite's default (2 MB)
_DOSSIER_COLUMNS = (
    "registration_id", "national_id", "first_name", "last_name", "father_name", "name_key",
    "name_sort", "birth_date", "birthplace", "gender", "mobile", "education",
    "education_field", "degree_verification_code", "occupation", "address",
    "residence_constituency_code", "constituency_code", "registered_at", "military_status",
    "veteran_status", "previous_council_member_of", "art41_title", "art41_resigned_on",
    "executive_opinion", "status", "revision", "documents", "inquiries",
)
# The external-content FTS5 table's own way to drop a row's entries (as its trigger does).
_FTS_DELETE = (
    "INSERT INTO dossier_fts(dossier_fts, rowid, name_key, national_id, registration_id) "
    "VALUES ('delete', ?, ?, ?, ?)"
)
FTS = table(
    "dossier_fts",
    column("rowid", Integer), column("name_key"), column("national_id"),
    column("registration_id"),
)


class PulledItem(Protocol):
    """A validated feed item (``adapters.registry_client.FeedItem`` has this shape)."""

    kind: str
    id: str
    seq: int
    revision: int
    content_sha256: str
    data: Any  # JSON values; a dossier may instead be a typed value with attributes
    record: Any


class CursorMoved(Exception):
    """The stored cursor is not the one the page was fetched after (another sync ran)."""


@dataclass(slots=True)
class AppliedPage:
    written: int = 0
    kept_local: int = 0  # dossiers whose local revision is newer than the pulled one
    by_kind: dict[str, int] = field(default_factory=dict)


# --- rows straight from wire forms ----------------------------------------------------------
#
# A decoded wire record is canonical (wire.py insists on isoformat spellings), and the
# store keeps dates and datetimes as exactly that text (``Date`` / ``IsoDateTime``), so
# the rows of a dossier are read off its wire form without building the values twice.
# tests/services/test_sync_store.py pins that they equal the repository's own rows.


Row = tuple[Any, ...]
# Rows built ahead (where the page was fetched: a thread or the pull worker process),
# keyed by (id, seq) of the item.
PreparedRows = dict[tuple[str, int], Row]


# The compiled JSON codec: typed dossiers are encoded by it (see ``typed_dossier_row``),
# and a digest reads 300,000 dossiers' stored JSON back through it.
encode_json = msgspec.json.Encoder().encode
decode_json = msgspec.json.Decoder().decode


def _json_text(value: Any) -> str:
    return wire_canonical_json(value).decode("utf-8")


def dossier_row(d: dict[str, Any]) -> Row:
    """The row of a dossier given in its wire form (documents and inquiries as their
    canonical JSON, as ``repositories.dossiers.documents_json`` writes them)."""
    art41 = d["art41_post"]
    return (
        d["registration_id"], d["national_id"], d["first_name"], d["last_name"],
        d["father_name"], name_key(d["first_name"], d["last_name"], d["father_name"]),
        name_sort(d["last_name"], d["first_name"]), d["birth_date"], d["birthplace"],
        d["gender"], d["mobile"], d["education"], d["education_field"],
        d["degree_verification_code"], d["occupation"], d["address"],
        d["residence_constituency_code"], d["constituency_code"], d["registered_at"],
        d["military_status"], d["veteran_status"], d["previous_council_member_of"],
        None if art41 is None else art41["title"],
        None if art41 is None else art41["resigned_on"],
        d["executive_opinion"], d["status"], d["revision"],
        _json_text(d["documents"]), _json_text(d["inquiries"]),
    )


def typed_dossier_row(d: Any) -> Row:
    """The row of a dossier given as the compiled validator's typed value (fields as
    attributes; dates as dates, the rest in wire spellings), equal to ``dossier_row`` of
    its wire form.

    Its documents and inquiries are re-encoded by the compiled encoder: their fields are
    declared in sorted order and the validator accepted only canonical bytes without
    escapes, so this is their canonical JSON (a test pins it).
    """
    art41 = d.art41_post
    resigned_on = None if art41 is None else art41.resigned_on
    return (
        d.registration_id, d.national_id, d.first_name, d.last_name,
        d.father_name, name_key(d.first_name, d.last_name, d.father_name),
        name_sort(d.last_name, d.first_name), d.birth_date.isoformat(), d.birthplace,
        d.gender, d.mobile, d.education, d.education_field,
        d.degree_verification_code, d.occupation, d.address,
        d.residence_constituency_code, d.constituency_code, d.registered_at,
        d.military_status, d.veteran_status, d.previous_council_member_of,
        None if art41 is None else art41.title,
        None if resigned_on is None else resigned_on.isoformat(),
        d.executive_opinion, d.status, d.revision,
        encode_json(d.documents).decode("utf-8"), encode_json(d.inquiries).decode("utf-8"),
    )


def dossier_rows(data: Any) -> Row:
    """The row of a pulled dossier, in either form."""
    if isinstance(data, dict):
        return dossier_row(data)
    return typed_dossier_row(data)


def _insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    upsert_key: str | None = None,
) -> None:
    """A parameterised INSERT (or upsert on ``upsert_key``, keeping the rowid) executed
    straight on the driver for many ready rows."""
    if not rows:
        return
    connection = session.connection()
    stmt: Any = insert(table)
    if upsert_key is not None:
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[upsert_key],
            set_={c: stmt.excluded[c] for c in columns if c != upsert_key},
        )
    compiled = stmt.compile(dialect=connection.dialect, column_keys=list(columns))
    order = [columns.index(name) for name in compiled.positiontup]  # type: ignore[union-attr]
    if order != list(range(len(columns))):
        rows = [tuple(row[i] for i in order) for row in rows]
    connection.exec_driver_sql(str(compiled), rows)


def _json_or_text(body: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return body


DEFERRED_INDEXES_KEY = "sync.deferred_indexes"
# FTS5's own commands: its automatic merging of index segments, and one full merge.
_FTS_AUTOMERGE = text("SELECT v FROM dossier_fts_config WHERE k = 'automerge'")
_SET_AUTOMERGE = "INSERT INTO dossier_fts(dossier_fts, rank) VALUES ('automerge', :value)"
_FTS_OPTIMIZE = "INSERT INTO dossier_fts(dossier_fts) VALUES ('optimize')"
DEFAULT_FTS_AUTOMERGE = 4  # FTS5's default
# The dossier table's secondary (non-unique, user-made) indexes; autoindexes have no SQL.
_SECONDARY_INDEXES = text(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' "
    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
)


# --- the mirror ---------------------------------------------------------------------------


class RegistryMirror:
    """Pulled pages in, digests out; every method is its own transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @contextmanager
    def _page_unit(self) -> Iterator[UnitOfWork]:
        """A write unit with foreign keys off (see the module docstring for why)."""
        with self._store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            # Outside any transaction (the driver is in autocommit mode): takes effect.
            raw.execute("PRAGMA query_only = OFF")
            raw.execute("PRAGMA foreign_keys = OFF")
            # A page touches every index of the dossier tables at random places: with the
            # default 2 MB cache the B-tree pages are read again and again. A bigger
            # cache for the page's writes, and fewer, larger checkpoints, halve the time
            # of a first pull; both go back to the defaults after the page.
            raw.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
            raw.execute(f"PRAGMA wal_autocheckpoint = {PAGE_WAL_CHECKPOINT_PAGES}")
            raw.execute("PRAGMA synchronous = NORMAL")  # a lost page is fetched again
            try:
                with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                    yield UnitOfWork(session)
            finally:
                raw.execute("PRAGMA foreign_keys = ON")
                raw.execute(f"PRAGMA cache_size = {DEFAULT_CACHE_SIZE}")
                raw.execute("PRAGMA wal_autocheckpoint = 1000")
                raw.execute("PRAGMA synchronous = FULL")

    def apply_page(
        self,
        items: Sequence[PulledItem],
        *,
        cursor_key: str,
        after: int,
        next_cursor: int,
        prepared: PreparedRows | None = None,
    ) -> AppliedPage:
        """Write ``items`` and set ``cursor_key`` to ``next_cursor``, all or nothing.

        ``prepared`` holds dossier rows :meth:`prepare` built already (on another thread,
        so the writer only writes). Raises :class:`CursorMoved` (writing nothing) when
        the stored cursor is not ``after``: the page was fetched for a state the store is
        no longer in.
        """
        result = AppliedPage()
        with self._page_unit() as uow:
            stored = uow.sync_state.get(cursor_key)
            if int(stored or 0) != after:
                raise CursorMoved(f"{cursor_key} is {stored}, the page was fetched after {after}")
            # Pages fetched at different times may both carry a record that changed in
            # between: the later one (higher seq) is the record's state.
            latest: dict[str, dict[str, PulledItem]] = {}
            for item in items:
                latest.setdefault(item.kind, {})[item.id] = item
            groups = {kind: list(by_id.values()) for kind, by_id in latest.items()}
            for kind, group in groups.items():
                written = self._apply_kind(uow, kind, group, result, prepared or {})
                result.by_kind[kind] = written
                result.written += written
            uow.sync_state.set(cursor_key, str(next_cursor))
        return result

    # --- a first pull: secondary indexes built once at the end -------------------------

    def defer_indexes(self) -> bool:
        """Before a first pull into an empty dossier table: drop its secondary indexes
        and stop the search index merging its segments.

        Each pulled row would otherwise update four B-trees at random places; building
        them once from the full table is a sort, several seconds faster for 300,000
        dossiers. The indexes' own SQL is kept in ``sync_state`` in the same transaction,
        so :meth:`restore_indexes` (run at the end of the pull, and by the next sync after
        a crash) puts back exactly what was there. The unique registration id stays: the
        upsert and every lookup of a pull need it. False (nothing done) when the table
        already holds dossiers or the indexes are already deferred.
        """
        with self._store.unit_of_work() as uow:
            session = uow.session
            if uow.sync_state.get(DEFERRED_INDEXES_KEY) is not None:
                return False
            if session.execute(select(DOSSIERS.c.id).limit(1)).first() is not None:
                return False
            rows = session.execute(_SECONDARY_INDEXES).all()
            for name, _sql in rows:
                quoted = '"' + name.replace('"', '""') + '"'  # a name from sqlite_master
                session.connection().exec_driver_sql(f"DROP INDEX {quoted}")
            automerge = session.execute(_FTS_AUTOMERGE).scalar()
            # The search index's segments are merged once at the end, not after every
            # write batch: each merge rewrites what earlier ones wrote (a third of its cost).
            session.execute(text(_SET_AUTOMERGE), {"value": 0})
            uow.sync_state.set(DEFERRED_INDEXES_KEY, json.dumps({
                "indexes": [sql for _n, sql in rows],
                "fts_automerge": DEFAULT_FTS_AUTOMERGE if automerge is None else automerge,
            }))
        return True

    def restore_indexes(self) -> bool:
        """Build the indexes :meth:`defer_indexes` dropped, if any (True when it did)."""
        with self._store.unit_of_work() as uow:
            raw = uow.sync_state.get(DEFERRED_INDEXES_KEY)
            if raw is None:
                return False
            connection = uow.session.connection()
            deferred = json.loads(raw)
            if isinstance(deferred, list):  # as the first version wrote it: indexes only
                deferred = {"indexes": deferred}
            for sql in deferred["indexes"]:
                # Verbatim from sqlite_master (no parameters); IF NOT EXISTS: a crash
                # between two of them must not make the next attempt fail.
                connection.exec_driver_sql(
                    sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
                )
            if "fts_automerge" in deferred:
                uow.session.execute(text(_SET_AUTOMERGE), {"value": deferred["fts_automerge"]})
                uow.session.execute(text(_FTS_OPTIMIZE))
            uow.sync_state.delete(DEFERRED_INDEXES_KEY)
        return True

    @staticmethod
    def prepare(items: Iterable[PulledItem]) -> PreparedRows:
        """The rows of the dossiers among ``items``, ready for :meth:`apply_page`."""
        return {(i.id, i.seq): dossier_rows(i.data) for i in items if i.kind == "dossier"}

    def _apply_kind(
        self,
        uow: UnitOfWork,
        kind: str,
        items: list[PulledItem],
        result: AppliedPage,
        prepared: PreparedRows,
    ) -> int:
        session = uow.session
        records = [i.record for i in items]
        if kind == "dossier":
            return self._apply_dossiers(uow, items, result, prepared)
        if kind in VERBATIM_KINDS:
            upsert(session, PULLED, [
                {"kind": kind, "id": i.id, "seq": i.seq, "revision": i.revision,
                 "content_sha256": i.content_sha256,
                 "body": wire_canonical_json(i.data).decode("utf-8")}
                for i in items
            ], ["kind", "id"])
        elif kind == "cycle":
            for cycle in records:
                uow.cycles.add(cycle)
        elif kind == "province":
            uow.geography.add_provinces(records)
        elif kind == "county":
            uow.geography.add_counties(records)
        elif kind == "district":
            uow.geography.add_districts(records)
        elif kind == "constituency":
            uow.geography.add_constituencies(records)
        elif kind == "board":
            uow.boards.add_all(records)
        elif kind == "member":
            uow.boards.add_members(records)
        elif kind == "branch":
            uow.branches.add_all(records)
        elif kind == "observer":
            uow.observers.add_all(records)
        elif kind == "decision":
            upsert(session, DECISIONS, [decision_values(r) for r in records], ["id"])
        elif kind == "objection":
            upsert(session, OBJECTIONS, [objection_values(r) for r in records], ["id"])
        elif kind == "observer_report":
            # The server's copy is authoritative (the local repository refuses overwrites).
            upsert(session, REPORTS, [report_values(r) for r in records], ["id"])
        elif kind == "complaint":
            # The registration as filed: a complaint already here keeps its current state
            # (its history, arriving as complaint_event records, moves it on).
            uow.complaint_events.add_registrations(records)
            uow.complaint_events.refresh_state(r.id for r in records)
        elif kind == "complaint_event":
            # The server's positions win; unsent local entries there move after them.
            merge_pulled_events(uow, records)
            uow.complaint_events.refresh_state(r.complaint_id for r in records)
        else:  # a kind the codecs know but this store does not keep (e.g. audit_head)
            return 0
        return len(items)

    @staticmethod
    def _apply_dossiers(
        uow: UnitOfWork, items: list[PulledItem], result: AppliedPage, prepared: PreparedRows
    ) -> int:
        """Insert new and replace changed dossiers in bulk, search index included.

        The per-row FTS triggers cost more than the rows themselves, so for the page they
        are dropped and their work is done in three statements: remove the old entries
        of the rows about to change, write the rows, add the entries of every row
        written. The triggers are back before commit, so no other transaction ever sees
        them missing (and a crash rolls the whole page back, triggers included).
        """
        session = uow.session
        local: dict[str, tuple[int, int, str, str]] = {}  # id → (rowid, revision, key, nid)
        for part in chunked([i.id for i in items], IN_CHUNK):
            stmt = select(
                DOSSIERS.c.registration_id, DOSSIERS.c.id, DOSSIERS.c.revision,
                DOSSIERS.c.name_key, DOSSIERS.c.national_id,
            ).where(DOSSIERS.c.registration_id.in_(part))
            for rid, rowid, revision, key, nid in session.execute(stmt):
                local[rid] = (rowid, revision, key, nid)
        # A higher local revision wins (a pulled row never goes back in time).
        take = [i for i in items if i.id not in local or local[i.id][1] <= i.revision]
        result.kept_local += len(items) - len(take)
        if not take:
            return 0
        changed = [i.id for i in take if i.id in local]
        triggers = _drop_fts_triggers(session)
        connection = session.connection()
        if changed:
            connection.exec_driver_sql(_FTS_DELETE, [
                (local[rid][0], local[rid][2], local[rid][3], rid) for rid in changed
            ])
        rows = [prepared.get((i.id, i.seq)) or dossier_rows(i.data) for i in take]
        _insert_rows(session, DOSSIERS, _DOSSIER_COLUMNS, rows, upsert_key="registration_id")
        for part in chunked([i.id for i in take], IN_CHUNK):
            session.execute(
                insert(FTS).from_select(
                    ["rowid", "name_key", "national_id", "registration_id"],
                    select(DOSSIERS.c.id, DOSSIERS.c.name_key, DOSSIERS.c.national_id,
                           DOSSIERS.c.registration_id)
                    .where(DOSSIERS.c.registration_id.in_(part)),
                )
            )
        for sql in triggers:
            connection.exec_driver_sql(sql)  # verbatim from sqlite_master (no parameters)
        return len(take)

    # --- reading ------------------------------------------------------------------------

    def cursors(self, keys: Iterable[str]) -> dict[str, int]:
        with self._store.unit_of_work(read_only=True) as uow:
            return {key: int(uow.sync_state.get(key) or 0) for key in keys}

    def reset_cursors(self, keys: Iterable[str], origin_key: str, origin: str) -> None:
        """Start every feed over (another server or account): upserts make it safe."""
        with self._store.unit_of_work() as uow:
            for key in keys:
                uow.sync_state.delete(key)
            uow.sync_state.set(origin_key, origin)

    def pulled(self, kind: str) -> list[tuple[str, Any]]:
        """(id, wire form) of the verbatim records of ``kind`` (pki, ruling_ref). A body
        that is not JSON comes back as its text, for the record's decoder to refuse (one
        damaged row must not hide the others)."""
        with self._store.unit_of_work(read_only=True) as uow:
            rows = uow.session.execute(
                select(PULLED.c.id, PULLED.c.body).where(PULLED.c.kind == kind)
            ).all()
        return [(rid, _json_or_text(body)) for rid, body in rows]

    def digests(self, kinds: Iterable[str] = wire.FEED_KINDS) -> dict[str, KindDigest]:
        """Count and content digest per kind of what the store holds (one snapshot)."""
        out: dict[str, KindDigest] = {}
        with self._store.unit_of_work(read_only=True) as uow:
            for kind in kinds:
                out[kind] = kind_digest(
                    (rid, record_hash(kind, data)) for rid, data in self._wire_records(uow, kind)
                )
        return out

    def _wire_records(self, uow: UnitOfWork, kind: str) -> Iterator[tuple[str, Any]]:
        """(id, wire form) of every record of ``kind`` the store holds."""
        session = uow.session
        if kind == "dossier":
            yield from _dossier_wires(session)
            return
        if kind in VERBATIM_KINDS:
            rows = session.execute(
                select(PULLED.c.id, PULLED.c.body).where(PULLED.c.kind == kind)
            )
            for rid, body in rows:
                yield rid, json.loads(body)
            return
        records: Iterable[Any]
        if kind == "cycle":
            records = uow.cycles.all()
        elif kind == "province":
            records = uow.geography.provinces()
        elif kind == "county":
            records = uow.geography.counties()
        elif kind == "district":
            records = uow.geography.districts()
        elif kind == "constituency":
            records = uow.geography.constituencies()
        elif kind == "board":
            records = uow.boards.all()
        elif kind == "member":
            records = (_member(r) for r in session.execute(select(MEMBERS)))
        elif kind == "branch":
            records = (_branch(r) for r in session.execute(select(BRANCHES)))
        elif kind == "observer":
            records = (_observer(r) for r in session.execute(select(OBSERVERS)))
        elif kind == "decision":
            records = (_decision(r) for r in session.execute(select(DECISIONS)))
        elif kind == "objection":
            records = (_objection(r) for r in session.execute(select(OBJECTIONS)))
        elif kind == "observer_report":
            records = (_report(r) for r in session.execute(select(REPORTS)))
        elif kind == "complaint":
            records = uow.complaint_events.registrations()  # as filed, as the registry has it
        elif kind == "complaint_event":
            records = (e for h in uow.complaint_events.histories().values() for e in h)
        else:
            return
        codec = wire.codec(kind)
        for record in records:
            data = codec.encode(record)
            yield str(data[codec.id_field]), data


def _raw_rows(session: Session, table: Table, columns: Sequence[str], order: Sequence[str]
              ) -> Iterator[tuple[Any, ...]]:
    """Rows as SQLite stores them (dates as their ISO text), streamed in ``order``.

    Read through the driver's own cursor, inside the unit of work's transaction (the same
    snapshot): for 300,000 dossiers SQLAlchemy's per-row result handling would cost more
    than the digest itself.
    """
    stmt = select(*(table.c[c] for c in columns)).order_by(*(table.c[c] for c in order))
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect)
    raw = connection.connection.driver_connection
    assert raw is not None
    return iter(raw.execute(str(compiled)))


def _dossier_wires(session: Session) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every dossier's wire form, read off the stored rows.

    Equivalent to ``wire.encode_dossier(repository.get(id))`` (a test pins it) at a
    fraction of the cost, which matters for 300,000 dossiers.
    """
    for row in _raw_rows(session, DOSSIERS, _DOSSIER_COLUMNS, ["registration_id"]):
        rid = row[0]
        yield rid, {
            "registration_id": rid,
            "national_id": row[1],
            "first_name": row[2],
            "last_name": row[3],
            "father_name": row[4],
            "birth_date": row[7],
            "birthplace": row[8],
            "gender": row[9],
            "mobile": row[10],
            "education": row[11],
            "education_field": row[12],
            "degree_verification_code": row[13],
            "occupation": row[14],
            "address": row[15],
            "residence_constituency_code": row[16],
            "constituency_code": row[17],
            "registered_at": row[18],
            "military_status": row[19],
            "veteran_status": row[20],
            "previous_council_member_of": row[21],
            "art41_post": None if row[22] is None else {"title": row[22], "resigned_on": row[23]},
            "executive_opinion": row[24],
            "status": row[25],
            "documents": decode_json(row[27]),
            "inquiries": decode_json(row[28]),
            "revision": row[26],
        }
