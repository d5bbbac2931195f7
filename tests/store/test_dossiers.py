"""The dossier repository: exact round trips, full-text search, Persian order."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.domain.candidates import (
    Art41Post,
    CandidateStatus,
    Document,
    DocumentKind,
    Dossier,
    Gender,
    Inquiry,
    InquiryAuthority,
    InquiryResult,
    MilitaryStatus,
    VeteranStatus,
)
from supervisor_app.domain.geography import EducationLevel
from supervisor_app.domain.persian import search_key, search_terms
from supervisor_app.store import Store
from supervisor_app.store.repositories import dossiers as dossier_module
from supervisor_app.store.repositories.dossiers import fts_query, name_key

MakeDossier = Callable[..., Dossier]


def _add(store: Store, *dossiers: Dossier) -> None:
    with store.unit_of_work() as uow:
        uow.dossiers.add_all(list(dossiers))


def _search(store: Store, text: str, limit: int = 200, offset: int = 0) -> list[str]:
    with store.unit_of_work(read_only=True) as uow:
        return [s.registration_id for s in uow.dossiers.search(text, limit, offset)]


def _fts_integrity(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('integrity-check')")
    raw.close()


# --- round trips ---------------------------------------------------------------------


def test_rich_dossier_round_trips_unchanged(seeded_store: Store, dossier_factory: MakeDossier):
    """Every field, document and inquiry comes back equal, in order, with types intact."""
    dossier = dossier_factory(
        1,
        first_name="محمد‌رضا",
        previous_council_member_of="K2",
        executive_opinion="تایید",
        status=CandidateStatus.EXECUTIVE_APPROVED,
        registered_at=datetime(
            2026, 1, 11, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=3, minutes=30))
        ),
    )
    _add(seeded_store, dossier)
    with seeded_store.unit_of_work(read_only=True) as uow:
        loaded = uow.dossiers.get(dossier.registration_id)
    assert loaded == dossier
    assert loaded is not None and loaded.registered_at.utcoffset() == timedelta(hours=3, minutes=30)
    assert isinstance(loaded.education, EducationLevel)


def test_dossier_without_optional_parts_round_trips(
    seeded_store: Store, dossier_factory: MakeDossier
):
    """No Art. 41 post, no documents or inquiries, NULL codes: still equal after the trip."""
    dossier = dossier_factory(
        2,
        art41_post=None,
        documents=[],
        inquiries=[],
        degree_verification_code=None,
        gender=Gender.FEMALE,
        military_status=MilitaryStatus.NOT_APPLICABLE,
    )
    _add(seeded_store, dossier)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get("R-000002") == dossier
        assert uow.dossiers.get("R-missing") is None


def test_art41_post_without_resignation_date_is_not_lost(
    seeded_store: Store, dossier_factory: MakeDossier
):
    """An Art. 41 post with no resignation date differs from no post at all."""
    dossier = dossier_factory(3, art41_post=Art41Post("فرماندار", None))
    _add(seeded_store, dossier)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get("R-000003") == dossier


_texts = st.text(max_size=30)
_offsets = st.sampled_from([UTC, timezone(timedelta(hours=3, minutes=30)), None])
_datetimes = st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    _offsets,
)
_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
_documents = st.builds(
    Document,
    kind=st.sampled_from([k for k in DocumentKind if k is not DocumentKind.PHOTO]),
    filename=_texts,
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    size=st.integers(1, 1024 * 1024),
    uploaded_at=_datetimes,
    issued_on=st.none() | _dates,
)
_inquiries = st.builds(
    Inquiry,
    authority=st.sampled_from(InquiryAuthority),
    sent_on=_dates,
    received_on=st.none() | _dates,
    result=st.sampled_from(InquiryResult),
    note=_texts,
)
_dossiers = st.builds(
    Dossier,
    registration_id=st.just("R-HYPOTHESIS"),
    national_id=_texts,
    first_name=_texts,
    last_name=_texts,
    father_name=_texts,
    birth_date=_dates,
    birthplace=_texts,
    gender=st.sampled_from(Gender),
    mobile=_texts,
    education=st.sampled_from(EducationLevel),
    education_field=_texts,
    degree_verification_code=st.none() | _texts,
    occupation=_texts,
    address=_texts,
    residence_constituency_code=_texts,
    constituency_code=st.sampled_from(["K1", "K2"]),
    registered_at=_datetimes,
    military_status=st.sampled_from(MilitaryStatus),
    veteran_status=st.sampled_from(VeteranStatus),
    previous_council_member_of=st.none() | _texts,
    art41_post=st.none() | st.builds(Art41Post, _texts, st.none() | _dates),
    executive_opinion=_texts,
    status=st.sampled_from(CandidateStatus),
    documents=st.lists(_documents, max_size=6),
    inquiries=st.lists(_inquiries, max_size=5),
    revision=st.integers(0, 2**62),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dossier=_dossiers)
def test_any_dossier_round_trips_and_stays_searchable(seeded_store: Store, dossier: Dossier):
    """Arbitrary Unicode, dates, offsets and children survive an upsert unchanged."""
    _add(seeded_store, dossier)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get(dossier.registration_id) == dossier
        assert uow.dossiers.count() == 1
        if fts_query(dossier.last_name):
            hits = uow.dossiers.search(dossier.last_name)
            assert [h.registration_id for h in hits] == [dossier.registration_id]


@given(st.text(max_size=20), st.text(max_size=20), st.text(max_size=20))
def test_name_key_is_the_search_terms_of_each_name(first: str, last: str, father: str):
    """name_key (cached) is search_terms per name, holding every word of the whole name's
    search_key (what a query is made of), so nothing findable before is lost."""
    key = name_key(first, last, father)
    assert key == " ".join(t for t in map(search_terms, (first, last, father)) if t)
    assert set(search_key(f"{first} {last} {father}").split()) <= set(key.split())


def test_upsert_replaces_children_and_reindexes_names(
    seeded_store: Store, store_path: Path, dossier_factory: MakeDossier
):
    """Re-adding a dossier updates it in place: new children, new name findable, old one not."""
    original = dossier_factory(1, last_name="کاظمی")
    _add(seeded_store, original, dossier_factory(2, last_name="نوری"))
    renamed = replace(
        original,
        last_name="موسوی",
        documents=original.documents[:1],
        inquiries=[],
        status=CandidateStatus.WITHDRAWN,
        revision=9,
    )
    _add(seeded_store, renamed)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get("R-000001") == renamed
        assert uow.dossiers.count() == 2
    assert _search(seeded_store, "موسوی") == ["R-000001"]
    assert _search(seeded_store, "کاظمی") == []
    _fts_integrity(store_path)


# --- search --------------------------------------------------------------------------


@pytest.fixture
def people(seeded_store: Store, dossier_factory: MakeDossier) -> Store:
    _add(
        seeded_store,
        dossier_factory(1, first_name="علي", last_name="كريمي", national_id="0071234567"),
        dossier_factory(2, first_name="مریم", last_name="یزدانی", national_id="1234567891"),
        dossier_factory(3, first_name="محمد‌رضا", last_name="رأفتی", national_id="2234567890"),
        dossier_factory(
            4,
            first_name="زهرا",
            last_name="پاکزاد",
            national_id="3334567890",
            constituency_code="K2",
        ),
    )
    return seeded_store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("کریمی", ["R-000001"]),  # stored with Arabic ي/ك, searched with Persian ی/ک
        ("علی کریمی", ["R-000001"]),
        ("كريم", ["R-000001"]),  # Arabic letters, prefix
        ("يزداني", ["R-000002"]),  # stored Persian, searched Arabic
        ("محمدرضا", ["R-000003"]),  # typed joined: the index also holds "محمدرضا"
        ("محمد رضا", ["R-000003"]),  # ZWNJ and space match each other
        ("رافتی", ["R-000003"]),  # hamza folded: رأفتی
        ("۰۰۷۱", ["R-000001"]),  # national-id prefix in Persian digits
        ("٠٠٧١٢", ["R-000001"]),  # Arabic-Indic digits
        ("0071234567", ["R-000001"]),
        ("۰۰۷-۱۲۳۴۵۶-۷", ["R-000001"]),  # as printed on the card, with dashes
        ("R-000004", ["R-000004"]),  # registration id
        ("۰۰۰۰۰۴", ["R-000004"]),
        ("حسن", ["R-000004", "R-000003", "R-000001", "R-000002"]),  # father: پ ر ک ی
    ],
)
def test_search_normalises_letters_digits_and_separators(
    people: Store, query: str, expected: list[str]
):
    """Searches match whatever mix of Arabic/Persian forms and digits was typed or stored."""
    assert _search(people, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        '"*',
        "NEAR(",
        "NEAR(a b)",
        "OR",
        "AND",
        "NOT",
        "a OR b",
        "(",
        ")",
        "^",
        ":",
        "name_key:x",
        "-",
        "+",
        "{a b}",
        "'",
        "\\",
        "\u200c",
        "ّ",
        "\x00",
        "🙂",
        'a"b*c',
        "*" * 50,
    ],
)
def test_malicious_search_strings_do_not_raise(people: Store, query: str):
    """FTS syntax in user input is taken literally: no error, and counts agree with pages."""
    with people.unit_of_work(read_only=True) as uow:
        hits = uow.dossiers.search(query)
        assert uow.dossiers.count_matching(query) == len(hits)


def test_text_without_searchable_words_lists_everything(people: Store):
    """Only punctuation typed: the filter is empty, so every dossier is listed."""
    assert len(_search(people, ' " * ( ')) == 4


def test_fts_query_quotes_every_token():
    """Each normalised word becomes a quoted prefix term; quotes inside are doubled."""
    assert fts_query("علي OR كريمي*") == '"علی"* "or"* "کریمی"*'
    assert fts_query("  ") is None


def test_list_is_in_persian_alphabetical_order_of_surname_then_first_name(
    seeded_store: Store, dossier_factory: MakeDossier
):
    """ب < پ < ت, ج < چ, ز < ژ, ک < گ (not code-point order); first name breaks ties."""
    surnames = ["گودرزی", "کاظمی", "ژیان", "زارع", "چمران", "جعفری", "تقوی", "پاکزاد", "بهرامی"]
    _add(
        seeded_store,
        *[dossier_factory(i, last_name=s) for i, s in enumerate(surnames)],
        dossier_factory(20, first_name="آرش", last_name="بهرامی"),
        dossier_factory(21, first_name="ب", last_name="بهرام"),
    )
    with seeded_store.unit_of_work(read_only=True) as uow:
        rows = uow.dossiers.search()
    assert [(r.last_name, r.first_name) for r in rows] == [
        ("بهرام", "ب"),
        ("بهرامی", "آرش"),
        ("بهرامی", "علی"),
        ("پاکزاد", "علی"),
        ("تقوی", "علی"),
        ("جعفری", "علی"),
        ("چمران", "علی"),
        ("زارع", "علی"),
        ("ژیان", "علی"),
        ("کاظمی", "علی"),
        ("گودرزی", "علی"),
    ]


def test_summary_rows_carry_constituency_and_county_names(people: Store):
    """A summary row names the constituency and county (joined, not looked up per row)."""
    with people.unit_of_work(read_only=True) as uow:
        (row,) = uow.dossiers.search("پاکزاد")
    assert (row.constituency_code, row.constituency_name, row.county_name) == (
        "K2",
        "روستای کند",
        "شمیرانات",
    )
    assert row.status == "registered" and row.gender == "male"


@pytest.mark.parametrize("sort_hits_max", [0, 10_000])
def test_pages_cover_every_hit_once_in_both_query_plans(
    seeded_store: Store,
    dossier_factory: MakeDossier,
    monkeypatch: pytest.MonkeyPatch,
    sort_hits_max: int,
):
    """Paging through a search returns each hit exactly once, in order, whichever plan runs."""
    monkeypatch.setattr(dossier_module, "SORT_HITS_MAX", sort_hits_max)
    names = ["احمدی", "اکبری", "امینی", "ایزدی", "افشار", "اسدی", "ابراهیمی", "انصاری"]
    _add(
        seeded_store,
        *[
            dossier_factory(i, last_name=names[i % len(names)], first_name=f"نام{i % 5}")
            for i in range(60)
        ],
        dossier_factory(100, last_name="موسوی"),
    )
    pages = [_search(seeded_store, "ا", limit=7, offset=o) for o in range(0, 70, 7)]
    flat = [rid for page in pages for rid in page]
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_matching("ا") == 60
        assert flat == [s.registration_id for s in uow.dossiers.search("ا", limit=1000)]
    assert len(flat) == len(set(flat)) == 60


def test_filters_by_constituency_and_status(people: Store):
    """Constituency and status filters combine with the text search and with counting."""
    with people.unit_of_work(read_only=True) as uow:
        assert [s.registration_id for s in uow.dossiers.search(constituency_code="K2")] == [
            "R-000004"
        ]
        assert uow.dossiers.count_matching("حسن", constituency_code="K1") == 3
        assert uow.dossiers.count_matching(status="withdrawn") == 0
        assert (
            uow.dossiers.search("حسن", status="registered", constituency_code="K2")[0].last_name
            == "پاکزاد"
        )


def test_find_by_national_id_accepts_persian_digits(people: Store):
    """Looking a person up by national id works with Persian digits and surrounding spaces."""
    with people.unit_of_work(read_only=True) as uow:
        (found,) = uow.dossiers.find_by_national_id(" ۱۲۳۴۵۶۷۸۹۱ ")
        assert found.registration_id == "R-000002"
        assert uow.dossiers.find_by_national_id("9999999999") == []


def test_count_by_status(people: Store):
    """Counting per status groups all dossiers."""
    with people.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_by_status() == {"registered": 4}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=25))
def test_any_typed_text_searches_without_error(people: Store, query: str):
    """Whatever Unicode is typed, search and count answer (and agree) instead of raising."""
    with people.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count_matching(query) == len(uow.dossiers.search(query))
