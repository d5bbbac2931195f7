"""The review list's constituency, status and "deadline today" filters narrow exactly as a
plain Python filter over the same store does; compound names and dashed national ids are
found (a real demo store, no Qt)."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from supervisor_app.domain.candidates import CandidateStatus
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.review import DeadlineFilter, DossierFilter
from supervisor_app.services.demo_data import demo_reference_date, generate_demo_dataset
from supervisor_app.services.review import ReviewRow, ReviewService
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import

CANDIDATES = 1500


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate_demo_dataset(CANDIDATES, 1404)


@pytest.fixture(scope="module")
def template(tmp_path_factory, dataset) -> Path:
    path = tmp_path_factory.mktemp("review-filters") / "store.sqlite3"
    store = open_store(path)
    bulk_import(store, dataset)
    ReviewService(store, today=demo_reference_date).refresh_checks()
    store.close()
    return path


@pytest.fixture
def store(template, tmp_path) -> Iterator[Store]:
    path = tmp_path / "store.sqlite3"
    shutil.copy(template, path)
    opened = open_store(path)
    yield opened
    opened.close()


def review_on(store: Store, day: date) -> ReviewService:
    return ReviewService(store, today=lambda: day)


def listed(review: ReviewService, f: DossierFilter) -> list[ReviewRow]:
    rows = review.page(f, 100_000, 0)
    assert review.count(f) == len(rows)
    return rows


def python_filter(rows: list[ReviewRow], keep: Callable[[ReviewRow], bool]) -> list[str]:
    return [r.registration_id for r in rows if keep(r)]


def ids(rows: list[ReviewRow]) -> list[str]:
    return [r.registration_id for r in rows]


def test_constituency_filter_equals_a_python_filter_over_the_whole_list(store):
    """Each of the busiest constituencies, and one with a single dossier, lists exactly its
    own dossiers, in the list's order."""
    review = review_on(store, demo_reference_date())
    everything = listed(review, DossierFilter())
    counts = Counter(r.constituency_code for r in everything)
    chosen = [code for code, _ in counts.most_common(3)]
    chosen.append(next(code for code, n in counts.items() if n == 1))
    for code in chosen:
        expected = python_filter(everything, lambda r, c=code: r.constituency_code == c)
        assert ids(listed(review, DossierFilter(constituency_code=code))) == expected
        assert len(expected) == counts[code]


def test_status_filter_equals_a_python_filter_for_every_status(store):
    """Every candidate status (present or not) lists exactly the dossiers in that status."""
    review = review_on(store, demo_reference_date())
    everything = listed(review, DossierFilter())
    seen = {r.status for r in everything}
    assert len(seen) >= 4  # the demo store covers several stages
    for status in CandidateStatus:
        expected = python_filter(everything, lambda r, s=status: r.status == s.value)
        assert ids(listed(review, DossierFilter(status=status))) == expected


def busiest_deadline(store: Store) -> date:
    """The second most common deadline: a day when some, not most, dossiers are due."""
    rows = listed(review_on(store, demo_reference_date()), DossierFilter())
    day, _count = Counter(r.due_on for r in rows if r.due_on is not None).most_common(2)[1]
    return day


def test_deadline_today_lists_the_dossiers_due_on_the_review_day(store):
    """On a day some deadlines fall, "deadline today" lists exactly the rows due that day;
    the day before, none of them, and the next day they are overdue."""
    day = busiest_deadline(store)
    review = review_on(store, day)
    everything = listed(review, DossierFilter())
    expected = python_filter(everything, lambda r: r.due_on == day)
    today = DossierFilter(deadline=DeadlineFilter.TODAY)
    assert ids(listed(review, today)) == expected and 0 < len(expected) < len(everything)
    before = review_on(store, day - timedelta(days=1))
    assert not set(expected) & set(ids(listed(before, today)))
    after = review_on(store, day + timedelta(days=1))
    overdue = set(ids(listed(after, DossierFilter(deadline=DeadlineFilter.OVERDUE))))
    assert set(expected) <= overdue


def test_constituency_status_and_deadline_today_combine(store):
    """The three filters together give the intersection a Python filter gives."""
    day = busiest_deadline(store)
    review = review_on(store, day)
    everything = listed(review, DossierFilter())
    due = [r for r in everything if r.due_on == day]
    code, status = Counter((r.constituency_code, r.status) for r in due).most_common(1)[0][0]
    f = DossierFilter(
        constituency_code=code, status=CandidateStatus(status), deadline=DeadlineFilter.TODAY
    )
    expected = python_filter(
        everything,
        lambda r: r.constituency_code == code and r.status == status and r.due_on == day,
    )
    assert ids(listed(review, f)) == expected and expected
    for other in CandidateStatus:
        expected = python_filter(
            everything,
            lambda r, s=other: r.constituency_code == code and r.status == s and r.due_on == day,
        )
        assert ids(listed(review, replace(f, status=other))) == expected


# --- search: compound names and dashed national ids --------------------------------------------


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("عبد\u200cالله", "عبدالله"),
        ("عبدالله", "عبد\u200cالله"),
        ("محمد حسین", "محمدحسین"),
        ("محمدحسین", "محمد حسین"),
    ],
)
def test_a_compound_first_name_is_found_typed_another_way(store, dataset, stored, typed):
    """A first name stored with ZWNJ, space or joined is found in the review list when typed
    another of these ways, together with the surname."""
    original = dataset.dossiers[7]
    with store.unit_of_work() as uow:
        uow.dossiers.add(replace(original, first_name=stored, revision=original.revision + 1))
    review = review_on(store, demo_reference_date())
    found = ids(listed(review, DossierFilter(text=f"{typed} {original.last_name}")))
    assert original.registration_id in found


def test_a_national_id_typed_with_dashes_is_found(store, dataset):
    """A national id typed as printed on the card (001-234567-8) finds its dossier, also
    while it is being typed."""
    dossier = dataset.dossiers[11]
    nid = dossier.national_id
    review = review_on(store, demo_reference_date())
    for typed in (f"{nid[:3]}-{nid[3:9]}-{nid[9]}", f"{nid[:3]}-{nid[3:6]}"):
        assert dossier.registration_id in ids(listed(review, DossierFilter(text=typed)))
    assert ids(listed(review, DossierFilter(text=f"{nid[:3]}-{nid[3:9]}-{nid[9]}"))) == [
        d.registration_id for d in sorted_by_list(review, dataset) if d.national_id == nid
    ]


def sorted_by_list(review: ReviewService, dataset: Dataset) -> list:
    order = {rid: i for i, rid in enumerate(ids(listed(review, DossierFilter())))}
    return sorted(dataset.dossiers, key=lambda d: order[d.registration_id])
