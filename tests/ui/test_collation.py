"""Persian collation: QCollator-based PersianCollator and its pure-Python twin agree."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.persian import PERSIAN_ALPHABET, persian_sort_key
from supervisor_app.ui.collation import PersianCollator

PROPERTY = settings(database=None, deadline=None, max_examples=300)

# Common surnames plus the cases that bite: آ against ا, the hamza family, ZWNJ and space
# compounds, پ چ ژ گ, Arabic ي/ك spellings, ة/ۀ, and diacritics.
SURNAMES = [
    "آقایی",
    "آزاد",
    "آل‌احمد",
    "آل احمد",
    "آملی",
    "آشتیانی",
    "ابراهیمی",
    "احمدی",
    "اسدی",
    "اکبری",
    "امینی",
    "انصاری",
    "ایزدی",
    "اژه‌ای",
    "بابایی",
    "باقری",
    "بهرامی",
    "بیات",
    "پاکزاد",
    "پورمحمدی",
    "پور حسینی",
    "پزشکیان",
    "تقوی",
    "توکلی",
    "ثابتی",
    "جعفری",
    "جلیلی",
    "جهانگیری",
    "چراغی",
    "چمران",
    "حاتمی",
    "حسینی",
    "حسینی‌نژاد",
    "حسینی نژاد",
    "حسینینژاد",
    "خاتمی",
    "خلیلی",
    "داوودی",
    "دهقان",
    "ذوالنوری",
    "رئیسی",
    "رییسی",
    "رأفت",
    "رافت",
    "ربانی",
    "رضایی",
    "رحمانی",
    "زارعی",
    "زاکانی",
    "ژیان",
    "ژاله",
    "سلیمانی",
    "سعیدی",
    "شریفی",
    "شاه‌حسینی",
    "صادقی",
    "صالحی",
    "ضیایی",
    "طاهری",
    "ظریف",
    "عباسی",
    "علوی",
    "غفاری",
    "غلامی",
    "فتحی",
    "فرهادی",
    "قاسمی",
    "قالیباف",
    "قربانی",
    "کریمی",
    "كريمي",
    "کاظمی",
    "گودرزی",
    "گلپایگانی",
    "لاریجانی",
    "محمدی",
    "مُحَمَّدی",
    "مؤمنی",
    "مومنی",
    "موسوی",
    "میرزایی",
    "نوری",
    "نجفی",
    "وحیدی",
    "وکیلی",
    "هاشمی",
    "همتی",
    "یزدی",
    "یوسفی",
    "عیسی",
    "عیسى",
    "فاطمة",
    "فاطمه",
]


@pytest.fixture(scope="module")
def collator() -> PersianCollator:
    return PersianCollator()


def _fallback_compare(a: str, b: str) -> int:
    ka, kb = persian_sort_key(a), persian_sort_key(b)
    return (ka > kb) - (ka < kb)


@pytest.mark.parametrize(("before", "after"), [("ب", "پ"), ("ج", "چ"), ("ز", "ژ"), ("ک", "گ")])
def test_persian_letters_follow_their_base_letter(collator, before, after):
    """پ after ب, چ after ج, ژ after ز, گ after ک, each before the next base letter."""
    following = PERSIAN_ALPHABET[PERSIAN_ALPHABET.index(after) + 1]
    assert collator.compare(before, after) == -1
    assert collator.compare(after, following) == -1
    assert collator.sorted([following, after, before]) == [before, after, following]


def test_whole_alphabet_in_order(collator):
    """Sorting the letters in code-point order yields PERSIAN_ALPHABET."""
    assert collator.sorted(sorted(PERSIAN_ALPHABET)) == list(PERSIAN_ALPHABET)


def test_alef_madda_sorts_with_alef_at_the_start(collator):
    """آ words come first, then ا words, and all of them before ب words."""
    words = ["بابایی", "احمدی", "آقایی", "ابراهیمی", "آزاد"]
    assert collator.sorted(words) == ["آزاد", "آقایی", "ابراهیمی", "احمدی", "بابایی"]


def test_arabic_yeh_and_kaf_sort_as_persian(collator):
    """Arabic ي/ك compare equal to Persian ی/ک because text is normalized first."""
    assert collator.compare("كريمي", "کریمی") == 0
    assert collator.sorted(["گودرزی", "كريمي", "کاظمی"]) == ["کاظمی", "كريمي", "گودرزی"]


def test_compare_returns_minus_one_zero_or_one(collator):
    """compare is normalized to -1/0/1 whatever the backend returns."""
    assert collator.compare("ب", "ا") == 1
    assert collator.compare("ا", "ب") == -1
    assert collator.compare("علی", "علی") == 0


def test_sorted_with_key_and_reverse(collator):
    """sorted() takes a key extracting the text, and reverse."""
    people = [("p2", "چراغی"), ("p1", "جعفری"), ("p3", "حسینی")]
    assert [p[0] for p in collator.sorted(people, key=lambda p: p[1])] == ["p1", "p2", "p3"]
    assert collator.sorted(["ب", "پ", "ا"], reverse=True) == ["پ", "ب", "ا"]


def test_key_is_a_sort_key(collator):
    """key() returns objects that order like compare()."""
    assert collator.key("ب") < collator.key("پ")
    assert not collator.key("پ") < collator.key("ب")


def test_works_without_a_qt_application():
    """QCollator needs no QCoreApplication: sorting works in a bare interpreter."""
    code = (
        "from PyQt6.QtCore import QCoreApplication\n"
        "from supervisor_app.ui.collation import PersianCollator\n"
        "assert QCoreApplication.instance() is None\n"
        "print(''.join(PersianCollator().sorted(['گ', 'ک', 'پ', 'ب'])))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "بپکگ"


def test_qt_and_pure_python_orders_agree_on_surnames(collator):
    """PersianCollator and persian_sort_key order every pair of surnames the same way."""
    disagreements = [
        (a, b)
        for a, b in itertools.combinations(SURNAMES, 2)
        if (qt := collator.compare(a, b)) != 0 and qt != _fallback_compare(a, b)
    ]
    assert disagreements == []
    # ...so the pure-Python order is also a valid Qt order.
    by_fallback = sorted(SURNAMES, key=persian_sort_key)
    assert all(collator.compare(a, b) <= 0 for a, b in itertools.pairwise(by_fallback))


# Persian letters, Arabic variants, hamza family, harakat, space, ZWNJ, digits of three
# scripts, punctuation and Latin with case.
MIXED = (
    "".join(PERSIAN_ALPHABET)
    + "آيكةۀأإٱؤئء"
    + "\u064e\u0650\u064f\u064b\u0651\u0652\u0654\u0670"
    + " \u200c0123۴۵٦-.aAbBzZ"
)


@given(st.lists(st.text(alphabet=MIXED, max_size=6), max_size=8))
@PROPERTY
def test_qt_and_pure_python_agree_on_random_words(words):
    """On random mixed words, both orders agree on every pair Qt does not call equal."""
    collator = PersianCollator()
    for a, b in itertools.combinations(words, 2):
        qt = collator.compare(a, b)
        if qt != 0:
            assert qt == _fallback_compare(a, b), (a, b)
