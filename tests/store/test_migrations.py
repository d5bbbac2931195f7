"""Migrations: they build the schema the ORM describes, and upgrade old files in place."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from supervisor_app.domain.candidates import Dossier
from supervisor_app.store import Store, head_revision, open_store
from supervisor_app.store.database import HEAD_REVISION, _alembic_config
from supervisor_app.store.tables import Base

FTS_SHADOW = {
    "dossier_fts",
    "dossier_fts_data",
    "dossier_fts_idx",
    "dossier_fts_docsize",
    "dossier_fts_config",
    "dossier_fts_content",
}


def _schema_differences(store: Store, metadata: sa.MetaData) -> list[object]:
    def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object):
        return not (type_ == "table" and name in FTS_SHADOW)

    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include}
        )
        return compare_metadata(context, metadata)


def _create_at(path: Path, revision: str) -> None:
    """A database migrated only up to ``revision``, as an older app would have left it."""
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), revision)
    finally:
        engine.dispose()


def test_the_revisions_have_a_single_head_over_the_first_ones():
    """One head; 0001, 0002 and the review workspace's 0003 all lie beneath it."""
    script = ScriptDirectory.from_config(_alembic_config())
    assert len(script.get_heads()) == 1
    beneath = {r.revision for r in script.walk_revisions()}
    assert {"0001_initial", "0002_saved_filters_and_sync_state", "0003_review_workspace"} <= beneath
    assert head_revision() == script.get_heads()[0]


def test_the_fast_open_revision_is_alembics_head(tmp_store: Store, store_path: Path):
    """HEAD_REVISION (the start-up shortcut past alembic) names the newest migration, and a
    store at it reopens as it is."""
    assert head_revision() == HEAD_REVISION
    tmp_store.close()
    reopened = open_store(store_path)
    with reopened.unit_of_work(read_only=True) as uow:
        assert uow.session.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [
            (HEAD_REVISION,)
        ]
    reopened.close()


def test_migrated_schema_matches_the_orm_metadata(tmp_store: Store):
    """Alembic's autogenerate comparison finds no difference (FTS tables aside)."""
    assert _schema_differences(tmp_store, Base.metadata) == []


def test_schema_comparison_would_notice_a_drift(tmp_store: Store):
    """The comparison above is not vacuous: an extra ORM column shows up as a difference."""
    drifted = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["dossiers"].append_column(sa.Column("nickname", sa.String()))
    diffs = _schema_differences(tmp_store, drifted)
    assert [d[0] for d in diffs] == ["add_column"]  # type: ignore[index]


def test_fts_table_and_its_triggers_exist(tmp_store: Store, store_path: Path):
    """The external-content FTS5 table (1-3 letter prefixes since 0008) and its triggers."""
    with sqlite3.connect(store_path) as raw:
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'dossier_fts'").fetchone()[0]
        triggers = {
            name
            for (name,) in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dossiers'"
            )
        }
    assert "content='dossiers'" in sql and "remove_diacritics 2" in sql and "prefix='1 2 3'" in sql
    assert triggers == {"dossiers_fts_insert", "dossiers_fts_delete", "dossiers_fts_update"}


def test_database_at_0001_is_upgraded_in_place_keeping_every_row(
    store_path: Path, dossier_factory: Callable[..., Dossier]
):
    """A file left at revision 0001 (rows inserted with plain SQL) opens at head, rows intact."""
    _create_at(store_path, "0001_initial")
    with sqlite3.connect(store_path) as raw:
        raw.execute("INSERT INTO provinces (code, name) VALUES ('P1', 'اصفهان')")
        raw.execute("INSERT INTO counties (code, province_code, name) VALUES ('C1', 'P1', 'کاشان')")
        raw.execute(
            "INSERT INTO constituencies (code, county_code, district_code, name, kind, seats,"
            " population, households, proportional) VALUES"
            " ('K1', 'C1', NULL, 'شهر کاشان', 'city', 9, 300000, NULL, 0)"
        )
        raw.execute(
            "INSERT INTO dossiers (registration_id, national_id, first_name, last_name,"
            " father_name, name_key, name_sort, birth_date, birthplace, gender, mobile,"
            " education, education_field, degree_verification_code, occupation, address,"
            " residence_constituency_code, constituency_code, registered_at, military_status,"
            " veteran_status, previous_council_member_of, art41_title, art41_resigned_on,"
            " executive_opinion, status, revision) VALUES ('R-1', '0012345678', 'رضا', 'کاشانی',"
            " 'علی', 'رضا کاشانی علی', 'x', '1970-01-01', 'کاشان', 'male', '0913', 4, 'فقه',"
            " NULL, 'معلم', 'کاشان', 'K1', 'K1', '2026-01-11T08:00:00+00:00', 'card', 'none',"
            " NULL, NULL, NULL, '', 'registered', 1)"
        )
        raw.execute(
            "INSERT INTO audit_events VALUES (1, '2026-01-11T08:00:00+00:00', 'a', 'b', 'c',"
            " '{}', '0', 'h')"
        )
        raw.execute(
            "INSERT INTO outbox_items VALUES ('o1', 'decision', '{\"a\": 1}',"
            " '2026-01-11T08:00:00+00:00', 'pending', 0, '')"
        )
        counts_before = {
            t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "provinces",
                "counties",
                "constituencies",
                "dossiers",
                "audit_events",
                "outbox_items",
            )
        }
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
    raw.close()

    backups = store_path.parent / "backups"
    with open_store(store_path, backup_dir=backups) as store:
        with store.unit_of_work() as uow:
            assert uow.dossiers.search("کاشانی")[0].registration_id == "R-1"
            assert uow.sync_state.get("x") is None  # the 0002 table exists now
            uow.saved_filters.save("همه", {"text": ""})
            assert uow.outbox.get("o1") is not None
        assert _schema_differences(store, Base.metadata) == []

    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        for table, count in counts_before.items():
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
    raw.close()
    # The pre-migration copy is a database still at 0001.
    (backup,) = backups.iterdir()
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
        assert raw.execute("SELECT count(*) FROM dossiers").fetchone() == (1,)
    raw.close()


def test_failed_upgrade_leaves_the_file_at_its_old_revision(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A migration that fails half-way rolls back entirely: same revision, no new tables."""
    _create_at(store_path, "0001_initial")
    real_upgrade = command.upgrade

    def failing_upgrade(config, revision):
        real_upgrade(config, revision)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(command, "upgrade", failing_upgrade)
    with pytest.raises(RuntimeError, match="disk on fire"):
        open_store(store_path)
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
        names = {n for (n,) in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    assert "saved_filters" not in names and "sync_state" not in names


def test_downgrade_to_base_and_up_again_works(store_path: Path):
    """Both revisions' downgrades run (a developer's safety net, never used on user data)."""
    open_store(store_path).close()
    engine = sa.create_engine(f"sqlite:///{store_path}")
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "base")
        with engine.connect() as conn:
            left = set(sa.inspect(conn).get_table_names())
        assert left <= {"alembic_version"}
    finally:
        engine.dispose()
    open_store(store_path).close()


def _downgrade_to(path: Path, revision: str) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), revision)
    finally:
        engine.dispose()


def test_0008_rebuilds_the_search_index_of_an_existing_store(
    seeded_store: Store, store_path: Path, dossier_factory: Callable[..., Dossier]
):
    """A store back at 0007 with dossiers opens at head and finds them by one letter."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(dossier_factory(1, first_name="پرویز"))
    seeded_store.close()
    _downgrade_to(store_path, "0007_election_day")
    with sqlite3.connect(store_path) as raw:
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'dossier_fts'").fetchone()[0]
    assert "prefix='2 3'" in sql
    store = open_store(store_path)
    store.close()
    with sqlite3.connect(store_path) as raw:
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'dossier_fts'").fetchone()[0]
        hits = raw.execute(
            "SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH 'name_key: پ*'"
        ).fetchone()[0]
    assert "prefix='1 2 3'" in sql
    assert hits == 1


def test_0009_recomputes_name_keys_so_compound_names_match_both_ways(
    seeded_store: Store, store_path: Path, dossier_factory: Callable[..., Dossier]
):
    """A store at 0008 (keys without compound forms) finds "محمدحسین" written "محمد حسین"
    and "الله" inside "عبدالله" after the upgrade; untouched keys stay as they were."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(dossier_factory(1, first_name="محمد حسین", last_name="عبداللهی",
                                         father_name="عبدالله"))
        uow.dossiers.add(dossier_factory(2, first_name="رضا", last_name="کاشانی",
                                         father_name="علی"))
    seeded_store.close()
    _downgrade_to(store_path, "0009_search_terms")
    with sqlite3.connect(store_path) as raw:  # what 0008's rules stored
        raw.execute("UPDATE dossiers SET name_key = 'محمد حسین عبداللهی عبدالله' "
                    "WHERE registration_id = 'R-000001'")
        raw.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')")
        raw.execute("UPDATE alembic_version SET version_num = '0008_search_prefix'")
    raw.close()
    with open_store(store_path) as store, store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_matching("محمدحسین") == 1
        assert uow.dossiers.count_matching("الله") == 1
        assert uow.dossiers.count_matching("کاشانی رضا") == 1
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        assert raw.execute("SELECT name_key FROM dossiers WHERE registration_id = 'R-000002'"
                           ).fetchone() == ("رضا کاشانی علی",)
    raw.close()


def test_0010_moves_documents_and_inquiries_into_their_dossiers_and_back(
    seeded_store: Store, store_path: Path, dossier_factory: Callable[..., Dossier]
):
    """A store at 0009 (documents and inquiries as rows) opens at head with every dossier
    reading back the same, its children as the canonical JSON the repository writes; a
    downgrade gives back the rows in their positions."""
    from supervisor_app.store.repositories.dossiers import documents_json, inquiries_json

    dossiers = [dossier_factory(n) for n in range(1, 5)]
    bare = replace(dossier_factory(5), documents=[], inquiries=[])
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add_all([*dossiers, bare])
    seeded_store.close()
    _downgrade_to(store_path, "0009_search_terms")
    with sqlite3.connect(store_path) as raw:
        docs = raw.execute(
            "SELECT registration_id, position, kind, sha256 FROM dossier_documents "
            "ORDER BY registration_id, position").fetchall()
        inqs = raw.execute("SELECT count(*) FROM dossier_inquiries").fetchone()[0]
        columns = {r[1] for r in raw.execute("PRAGMA table_info(dossiers)")}
    raw.close()
    assert docs == [
        (d.registration_id, i, doc.kind.value, doc.sha256)
        for d in dossiers for i, doc in enumerate(d.documents)
    ]
    assert inqs == sum(len(d.inquiries) for d in dossiers) > 0
    assert not {"documents", "inquiries"} & columns
    with open_store(store_path) as store, store.unit_of_work(read_only=True) as uow:
        assert [uow.dossiers.get(d.registration_id) for d in [*dossiers, bare]] == [
            *dossiers, bare]
    with sqlite3.connect(store_path) as raw:
        stored = raw.execute(
            "SELECT documents, inquiries FROM dossiers ORDER BY registration_id").fetchall()
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    assert stored == [(documents_json(d.documents), inquiries_json(d.inquiries))
                      for d in [*dossiers, bare]]
    assert not {"dossier_documents", "dossier_inquiries"} & tables


def test_0010_reads_child_rows_as_an_older_app_wrote_them(
    seeded_store: Store, store_path: Path, dossier_factory: Callable[..., Dossier]
):
    """Rows written at 0009 in any order, with empty dates, come out in position order
    with those values (not only rows 0010's own downgrade wrote)."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(replace(dossier_factory(1), documents=[], inquiries=[]))
    seeded_store.close()
    _downgrade_to(store_path, "0009_search_terms")
    with sqlite3.connect(store_path) as raw:
        for position in (2, 0, 1):  # inserted out of order
            raw.execute(
                "INSERT INTO dossier_documents VALUES ('R-000001', ?, 'degree', ?, ?, 1000,"
                " '2026-01-11T08:00:04', NULL)",
                (position, f"d{position}.pdf", f"{position}" * 64))
        raw.execute("INSERT INTO dossier_inquiries VALUES ('R-000001', 0, 'police',"
                    " '2026-01-20', NULL, 'pending', '')")
    raw.close()
    with open_store(store_path) as store, store.unit_of_work(read_only=True) as uow:
        dossier = uow.dossiers.get("R-000001")
    assert [d.filename for d in dossier.documents] == ["d0.pdf", "d1.pdf", "d2.pdf"]
    assert [d.issued_on for d in dossier.documents] == [None, None, None]
    assert dossier.documents[1].sha256 == "1" * 64
    [inquiry] = dossier.inquiries
    assert inquiry.received_on is None and inquiry.sent_on.isoformat() == "2026-01-20"
