"""The local mirror of the registry: pages written whole with their cursor, rows exactly
as the repositories write them, and a digest computed from what the store holds."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text as sa_text
from sqlalchemy.exc import IntegrityError

from supervisor_app.adapters.feed_fastpath import dossier_struct
from supervisor_app.domain import wire
from supervisor_app.domain.candidates import CandidateStatus
from supervisor_app.domain.digest import digest_records, record_hash, wire_canonical_json
from supervisor_app.domain.geography import Constituency, ConstituencyKind, County
from supervisor_app.store.mirror import (
    CursorMoved,
    RegistryMirror,
    dossier_row,
    typed_dossier_row,
)
from supervisor_app.store.repositories.dossiers import (
    documents_json,
    dossier_values,
    inquiries_json,
)

KEY = "sync.cursor.test"


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    seq: int
    revision: int
    content_sha256: str
    data: dict[str, Any]
    record: Any


def items(kind: str, records: list[Any], first_seq: int = 1) -> list[Item]:
    out = []
    for n, record in enumerate(records):
        data = wire.encode(kind, record)
        out.append(Item(kind, wire.record_id(kind, data), first_seq + n,
                        data.get("revision", 0) if kind == "dossier" else 0,
                        record_hash(kind, data), data, record))
    return out


def reference(geography) -> list[Item]:
    ds = geography
    out: list[Item] = []
    for kind, records in (("cycle", ds.cycles), ("province", ds.provinces),
                          ("county", ds.counties), ("district", ds.districts),
                          ("constituency", ds.constituencies), ("board", ds.boards),
                          ("member", ds.members), ("branch", ds.branches),
                          ("observer", ds.observers)):
        out += items(kind, list(records), len(out) + 1)
    return out


def test_pulled_dossiers_read_back_exactly_and_are_searchable(tmp_store, geography,
                                                              dossier_factory):
    """New dossiers (fast path) and changed ones (repository path) read back equal to what
    was pulled, and the name search finds the current names only."""
    mirror = RegistryMirror(tmp_store)
    mirror.apply_page(reference(geography), cursor_key=KEY, after=0, next_cursor=100)
    first = [dossier_factory(n, last_name=f"کاظمی{n}") for n in range(1, 6)]
    mirror.apply_page(items("dossier", first, 101), cursor_key=KEY, after=100,
                      next_cursor=105)
    renamed = dataclasses.replace(first[0], last_name="حسینی", revision=first[0].revision + 1,
                                  documents=first[0].documents[:1])
    result = mirror.apply_page(items("dossier", [renamed], 106), cursor_key=KEY, after=105,
                               next_cursor=106)
    assert result.written == 1
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get(renamed.registration_id) == renamed
        for d in first[1:]:
            assert uow.dossiers.get(d.registration_id) == d
        assert uow.dossiers.count_matching("کاظمی2") == 1
        assert uow.dossiers.count_matching("حسینی") == 1
        assert uow.dossiers.count_matching("کاظمی1") == 0
        assert uow.sync_state.get(KEY) == "106"


def test_the_store_digest_equals_the_digest_of_what_was_pulled(tmp_store, geography,
                                                               dossier_factory):
    """digests() over the stored rows equals the digest of the pulled wire forms, per kind."""
    mirror = RegistryMirror(tmp_store)
    ref = reference(geography)
    dossiers = items("dossier", [dossier_factory(n) for n in range(1, 30)], 500)
    mirror.apply_page(ref, cursor_key=KEY, after=0, next_cursor=400)
    mirror.apply_page(dossiers, cursor_key=KEY, after=400, next_cursor=600)
    digests = mirror.digests()
    for kind in {i.kind for i in ref + dossiers}:
        expected = digest_records(kind, [(i.id, i.data) for i in ref + dossiers if i.kind == kind])
        assert digests[kind] == expected, kind
    assert digests["decision"].count == 0


def test_a_local_change_shows_in_the_digest(tmp_store, geography, dossier_factory):
    """The digest is of the stored rows: a status changed here (not by a pull) changes it."""
    mirror = RegistryMirror(tmp_store)
    mirror.apply_page(reference(geography), cursor_key=KEY, after=0, next_cursor=100)
    mirror.apply_page(items("dossier", [dossier_factory(1)], 101), cursor_key=KEY, after=100,
                      next_cursor=101)
    before = mirror.digests(["dossier"])["dossier"]
    with tmp_store.unit_of_work() as uow:
        d = uow.dossiers.get("R-000001")
        d.status = CandidateStatus.WITHDRAWN
        uow.dossiers.add(d)
    assert mirror.digests(["dossier"])["dossier"] != before


def test_pages_may_cite_records_that_arrive_later(tmp_store):
    """Seq order, not dependency order: a constituency before its county is stored, while
    local writes keep their foreign-key checks."""
    mirror = RegistryMirror(tmp_store)
    place = Constituency("K9", "C9", None, "شهر نمونه", ConstituencyKind.CITY, 5, population=9000)
    mirror.apply_page(items("constituency", [place]), cursor_key=KEY, after=0, next_cursor=1)
    mirror.apply_page(items("county", [County("C9", "P9", "نمونه")], 2), cursor_key=KEY,
                      after=1, next_cursor=2)
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.geography.constituency("K9") == place
    with pytest.raises(IntegrityError), tmp_store.unit_of_work() as uow:
        uow.geography.add_districts([wire.decode_district(
            {"code": "D1", "county_code": "NOPE", "name": "بخش"})])


def test_a_page_for_a_moved_cursor_writes_nothing(tmp_store, geography):
    """A page fetched after another cursor than the stored one is refused whole."""
    mirror = RegistryMirror(tmp_store)
    with pytest.raises(CursorMoved):
        mirror.apply_page(reference(geography), cursor_key=KEY, after=5, next_cursor=50)
    assert mirror.digests(["province"])["province"].count == 0
    assert mirror.cursors([KEY]) == {KEY: 0}


def test_a_page_that_fails_half_way_leaves_no_row_and_no_cursor(tmp_store, geography):
    """All or nothing: an error after some rows were written rolls back rows and cursor."""
    mirror = RegistryMirror(tmp_store)
    good = items("province", geography.provinces)
    broken = Item("county", "X", 9, 0, "0" * 64, {}, object())  # not a County
    with pytest.raises(AttributeError):
        mirror.apply_page([*good, broken], cursor_key=KEY, after=0, next_cursor=9)
    assert mirror.digests(["province"])["province"].count == 0
    assert mirror.cursors([KEY]) == {KEY: 0}


def test_a_locally_newer_dossier_revision_is_kept(tmp_store, geography, dossier_factory):
    """A higher local revision wins over an older pulled one (counted as kept)."""
    mirror = RegistryMirror(tmp_store)
    mirror.apply_page(reference(geography), cursor_key=KEY, after=0, next_cursor=100)
    newer = dossier_factory(1, revision=9, occupation="جدید")
    with tmp_store.unit_of_work() as uow:
        uow.dossiers.add(newer)
    older = dossier_factory(1, revision=4, occupation="قدیمی")
    result = mirror.apply_page(items("dossier", [older], 101), cursor_key=KEY, after=100,
                               next_cursor=101)
    assert result.kept_local == 1 and result.written == 0
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get("R-000001").occupation == "جدید"


def test_kinds_without_a_table_are_kept_verbatim_and_digested(tmp_store):
    """pki and ruling_ref records are stored as their canonical JSON and digested alike."""
    mirror = RegistryMirror(tmp_store)
    pki = wire.PkiRecord("central-ca", "-----BEGIN CERTIFICATE-----\nAA\n", "-----BEGIN X509 CRL")
    pulled = items("pki", [pki])
    mirror.apply_page(pulled, cursor_key=KEY, after=0, next_cursor=1)
    assert mirror.pulled("pki") == [("central-ca", pulled[0].data)]
    assert mirror.digests(["pki"])["pki"] == digest_records("pki", [("central-ca",
                                                                     pulled[0].data)])


def test_typed_dossiers_give_the_rows_of_their_wire_form(dossier_factory):
    """Rows built from a compiled validator's typed dossier equal those of its wire form,
    documents and inquiries included as the text the repository writes for them."""
    plain = dataclasses.replace(dossier_factory(2), art41_post=None,
                                degree_verification_code=None, documents=[], inquiries=[])
    for dossier in (dossier_factory(1), plain):
        data = wire.encode("dossier", dossier)
        typed = dossier_struct(wire_canonical_json(data))
        assert typed is not None
        row = typed_dossier_row(typed)
        assert row == dossier_row(data)
        assert row[-2:] == (documents_json(dossier.documents), inquiries_json(dossier.inquiries))
        values = dossier_values(dossier)
        assert (values["documents"], values["inquiries"]) == row[-2:]


def test_typed_and_prepared_dossiers_read_back_exactly(tmp_store, geography, dossier_factory):
    """A page of typed dossiers, its rows prepared ahead, reads back as the same dossiers."""
    mirror = RegistryMirror(tmp_store)
    mirror.apply_page(reference(geography), cursor_key=KEY, after=0, next_cursor=100)
    records = [dossier_factory(n) for n in range(1, 6)]
    typed = [dataclasses.replace(i, data=dossier_struct(wire_canonical_json(i.data)))
             for i in items("dossier", records, 101)]
    prepared = mirror.prepare(typed[:3])  # the rest are built by the writer
    mirror.apply_page(typed, cursor_key=KEY, after=100, next_cursor=105, prepared=prepared)
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert [uow.dossiers.get(d.registration_id) for d in records] == records


def _dossier_indexes(store) -> list[tuple[str, str]]:
    with store.unit_of_work(read_only=True) as uow:
        return sorted(uow.session.execute(sa_text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' "
            "AND sql IS NOT NULL")).all())


def _automerge(store) -> int | None:
    with store.unit_of_work(read_only=True) as uow:
        return uow.session.execute(sa_text(
            "SELECT v FROM dossier_fts_config WHERE k = 'automerge'")).scalar()


def test_indexes_deferred_by_the_first_version_are_restored(tmp_store):
    """A marker left by the previous version (a list of index SQL) still restores them."""
    import json

    from supervisor_app.store.mirror import DEFERRED_INDEXES_KEY

    before = _dossier_indexes(tmp_store)
    with tmp_store.unit_of_work() as uow:  # what the first version did: drop, keep the SQL
        for name, _sql in before:
            uow.session.execute(sa_text(f'DROP INDEX "{name}"'))
        uow.sync_state.set(DEFERRED_INDEXES_KEY, json.dumps([sql for _n, sql in before]))
    assert _dossier_indexes(tmp_store) == []
    assert RegistryMirror(tmp_store).restore_indexes()
    assert _dossier_indexes(tmp_store) == before
    assert _automerge(tmp_store) is None  # it never touched the search index's settings


def test_a_first_pull_defers_the_dossier_indexes_and_restores_them_exactly(
        tmp_store, geography, dossier_factory):
    """Into an empty table the secondary indexes are dropped (the unique id kept) and come
    back with the same SQL, also from a fresh mirror after a crash; a filled table keeps them."""
    before = _dossier_indexes(tmp_store)
    assert len(before) >= 4
    assert _automerge(tmp_store) is None  # FTS5's default
    assert RegistryMirror(tmp_store).defer_indexes()
    left = _dossier_indexes(tmp_store)
    assert all("UNIQUE" in sql for _name, sql in left)
    assert _automerge(tmp_store) == 0  # the search index is merged once, at the end
    assert not RegistryMirror(tmp_store).defer_indexes()  # already deferred
    mirror = RegistryMirror(tmp_store)  # as after a restart
    mirror.apply_page(reference(geography), cursor_key=KEY, after=0, next_cursor=100)
    mirror.apply_page(items("dossier", [dossier_factory(1)], 101), cursor_key=KEY, after=100,
                      next_cursor=101)
    assert mirror.restore_indexes()
    assert _dossier_indexes(tmp_store) == before
    assert _automerge(tmp_store) == 4
    assert not mirror.restore_indexes()  # nothing left to do
    assert not mirror.defer_indexes()  # the table holds a dossier now
    assert _dossier_indexes(tmp_store) == before
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_matching("علی") == 1
