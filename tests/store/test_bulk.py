"""Bulk import of a whole Dataset: fast path, same results as one-by-one writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from supervisor_app.domain.candidates import Dossier
from supervisor_app.domain.dataset import Dataset
from supervisor_app.store import Store
from supervisor_app.store.bulk import bulk_import

SURNAMES = ["احمدی", "کریمي", "پاکزاد", "گودرزی", "رأفتی", "چمران"]


def _dataset(geography: Dataset, make: Callable[..., Dossier], n: int) -> Dataset:
    geography.dossiers = [
        make(
            i,
            last_name=SURNAMES[i % len(SURNAMES)],
            national_id=f"{i:010d}",
            constituency_code="K1" if i % 3 else "K2",
        )
        for i in range(n)
    ]
    return geography


def _triggers(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        names = {n for (n,) in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    raw.close()
    return names


def _fts_integrity(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('integrity-check')")
    raw.close()


def test_bulk_import_loads_everything_and_reports_counts(
    tmp_store: Store, store_path: Path, geography: Dataset, dossier_factory: Callable[..., Dossier]
):
    """Counts come back per kind; rows equal the domain objects; FTS is consistent."""
    dataset = _dataset(geography, dossier_factory, 120)
    counts = bulk_import(tmp_store, dataset, chunk_size=50)
    assert counts == {**dataset.counts(), "documents": 240, "inquiries": 240}
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count() == 120
        assert uow.dossiers.get("R-000007") == dataset.dossiers[7]
        assert uow.dossiers.count_matching("کریمی") == 20
        assert uow.dossiers.count_matching("۰۰۰۰۰۰۰۰۱") == 10  # 0000000010..19
        assert uow.boards.count() == 3
    _fts_integrity(store_path)
    assert _triggers(store_path) == {
        "dossiers_fts_insert",
        "dossiers_fts_update",
        "dossiers_fts_delete",
    }


def test_fts_triggers_work_again_after_a_bulk_import(
    tmp_store: Store, store_path: Path, geography: Dataset, dossier_factory: Callable[..., Dossier]
):
    """Dossiers added one by one after a bulk load are searchable (triggers restored)."""
    bulk_import(tmp_store, _dataset(geography, dossier_factory, 10))
    with tmp_store.unit_of_work() as uow:
        uow.dossiers.add(dossier_factory(500, last_name="زرین‌کوب"))
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert [s.registration_id for s in uow.dossiers.search("زرین کوب")] == ["R-000500"]
    _fts_integrity(store_path)


def test_importing_twice_is_idempotent_and_updates_in_place(
    tmp_store: Store, store_path: Path, geography: Dataset, dossier_factory: Callable[..., Dossier]
):
    """A second import of changed data updates rows (children replaced), adding no duplicates."""
    dataset = _dataset(geography, dossier_factory, 30)
    bulk_import(tmp_store, dataset)
    dataset.dossiers[0] = replace(dataset.dossiers[0], last_name="نوروزی", inquiries=[])
    bulk_import(tmp_store, dataset)
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count() == 30
        assert uow.dossiers.get("R-000000") == dataset.dossiers[0]
        assert uow.dossiers.count_matching("نوروزی") == 1
        assert uow.dossiers.count_matching("احمدی") == 4  # was 5: R-000000 renamed
    _fts_integrity(store_path)


def test_failed_import_writes_nothing_and_keeps_the_triggers(
    tmp_store: Store, store_path: Path, geography: Dataset, dossier_factory: Callable[..., Dossier]
):
    """A dossier pointing at an unknown constituency fails the import at commit: all rolled back."""
    dataset = _dataset(geography, dossier_factory, 20)
    dataset.dossiers.append(dossier_factory(99, constituency_code="NOWHERE"))
    with pytest.raises(Exception, match="FOREIGN KEY"):
        bulk_import(tmp_store, dataset)
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count() == 0
        assert uow.geography.counts()["provinces"] == 0
    assert len(_triggers(store_path)) == 3
    _fts_integrity(store_path)


def test_bulk_import_matches_one_by_one_writes(
    tmp_path: Path, geography: Dataset, dossier_factory: Callable[..., Dossier]
):
    """The fast path stores exactly the bytes the repositories would, and searches alike."""
    from supervisor_app.store import open_store

    dataset = _dataset(geography, dossier_factory, 40)
    with open_store(tmp_path / "bulk.sqlite3") as fast:
        bulk_import(fast, dataset)
        with fast.unit_of_work(read_only=True) as uow:
            fast_rows = uow.dossiers.search(limit=1000)
            fast_hits = uow.dossiers.search("پاک", limit=1000)
    with open_store(tmp_path / "slow.sqlite3") as slow:
        bulk_import(slow, replace(dataset, dossiers=[]))
        with slow.unit_of_work() as uow:
            for d in dataset.dossiers:
                uow.dossiers.add(d)
        with slow.unit_of_work(read_only=True) as uow:
            assert uow.dossiers.search(limit=1000) == fast_rows
            assert uow.dossiers.search("پاک", limit=1000) == fast_hits
    assert _raw_rows(tmp_path / "bulk.sqlite3") == _raw_rows(tmp_path / "slow.sqlite3")


def _raw_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "dossiers": "SELECT * FROM dossiers ORDER BY registration_id",
        "fts": "SELECT name_key, national_id, registration_id FROM dossier_fts ORDER BY rowid",
    }
    with sqlite3.connect(path) as raw:
        rows = {name: raw.execute(sql).fetchall() for name, sql in queries.items()}
        # Storage form too, not only values: typeof() tells TEXT '1' from INTEGER 1.
        rows["types"] = raw.execute(
            "SELECT typeof(birth_date), typeof(registered_at), typeof(education),"
            " typeof(art41_resigned_on) FROM dossiers ORDER BY registration_id"
        ).fetchall()
    raw.close()
    return rows


def test_rebuild_search_keys_repairs_keys_written_by_older_rules(
    tmp_store: Store, store_path: Path, geography: Dataset, dossier_factory: Callable[..., Dossier]
):
    """Stale name keys/sort keys (as an older version computed them) are recomputed and indexed."""
    from supervisor_app.store.bulk import rebuild_search_keys

    bulk_import(tmp_store, _dataset(geography, dossier_factory, 12))
    with tmp_store.unit_of_work(read_only=True) as uow:
        expected = uow.dossiers.search(limit=100)
    with sqlite3.connect(store_path) as raw:
        raw.execute("UPDATE dossiers SET name_key = 'stale', name_sort = registration_id")
    raw.close()
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_matching("کریمی") == 0
    assert rebuild_search_keys(tmp_store, chunk_size=5) == 12
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_matching("کریمی") == 2
        assert uow.dossiers.count_matching("stale") == 0
        assert uow.dossiers.search(limit=100) == expected
    _fts_integrity(store_path)
    assert len(_triggers(store_path)) == 3
