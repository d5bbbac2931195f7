"""The review list's dense-search plan (names tested by LIKE while walking the name index)
returns exactly what the full-text plan returns, page for page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.persian import search_terms
from supervisor_app.domain.review import DossierFilter
from supervisor_app.services.demo_data import demo_reference_date, generate_demo_dataset
from supervisor_app.services.review import ReviewService
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import
from supervisor_app.store.repositories import review as review_module
from supervisor_app.store.repositories.review import dense_terms


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("dense") / "store.sqlite3"
    opened = open_store(path)
    bulk_import(opened, generate_demo_dataset(1200, 1404))
    yield opened
    opened.close()


def _queries(store: Store) -> list[str]:
    """Every first letter and two-letter start of the names, and a few multi-word texts."""
    review = ReviewService(store, today=demo_reference_date)
    rows = review.page(DossierFilter(), 100_000, 0)
    starts = {r.last_name[:n] for r in rows for n in (1, 2)} | {
        r.first_name[:1] for r in rows
    }
    return [*sorted(starts), "محمد ح", "عبدال", "علی رضا", "حسین زاد", "ي", "ك"]


def _ids(store: Store, text: str, dense_share: int) -> tuple[list[str], list[str], int]:
    review = ReviewService(store, today=demo_reference_date)
    f = DossierFilter(text=text)
    total = review.count(f)
    review_module.DENSE_HITS_SHARE = dense_share
    forwards = [r.registration_id for r in review.page(f, 100_000, 0)]
    tail = [r.registration_id for r in review.page(f, 7, max(total - 7, 0), total)]
    return forwards, tail, total


def test_the_dense_plan_pages_exactly_like_the_full_text_plan(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    """For every letter and two-letter start typed, both plans give the same rows in order."""
    monkeypatch.setattr(review_module, "DENSE_HITS_SHARE", review_module.DENSE_HITS_SHARE)
    used = 0
    for text in _queries(store):
        full_text = _ids(store, text, 0)  # hits * 0 never beats the store: FTS plan
        dense = _ids(store, text, 10**9)  # any hit makes it dense: LIKE plan when allowed
        assert dense == full_text, text
        assert len(full_text[0]) == full_text[2], text
        used += dense_terms(text) is not None and full_text[2] > 0
    assert used > 20  # the dense plan really ran for most queries


def test_only_names_can_match_a_dense_query():
    """Digits and Latin letters (ids) never take the LIKE plan; LIKE wildcards are escaped."""
    assert dense_terms("00123") is None
    assert dense_terms("R-1404") is None
    assert dense_terms("محمد 12") is None
    assert dense_terms("") is None
    assert dense_terms("محمد  حسین") == ["% محمد%", "% حسین%"]
    assert dense_terms("ح%_") == ["% ح%"]  # punctuation is a separator in search_key


_ALPHABET = st.sampled_from(
    [*"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكآأؤئءة",
     "\u200c", "\u064b", "\u0654", "\u0670", "\u08f0", "\u0903", "\u0488", "\u0301",
       "\u0640", " ", "-", "é", "e", "Z", "۱", "٣", "7", "«", "،"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3))
def test_the_index_holds_exactly_the_words_of_the_search_key(names: list[str]):
    """FTS5's unicode61 tokenizer splits and folds search_terms' output into exactly its
    space-separated words: the premise of the LIKE plan (" " || name_key LIKE "% w%")."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    key = " ".join(search_terms(n) for n in names)
    db.execute("INSERT INTO t VALUES (?)", (key,))
    tokens = [term for (term,) in db.execute("SELECT term FROM v ORDER BY offset")]
    assert tokens == key.casefold().split()
