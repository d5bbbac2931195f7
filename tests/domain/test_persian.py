"""Persian text toolkit: normalize, search_key, digits, numbers, pure-Python sort key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.persian import (
    PERSIAN_ALPHABET,
    format_number,
    normalize,
    persian_sort_key,
    search_key,
    search_terms,
    to_ascii_digits,
    to_persian_digits,
)

PROPERTY = settings(database=None, deadline=None, max_examples=300)

ZWNJ = "\u200c"

# Characters that exercise every branch: Persian and Arabic letter variants, hamza forms,
# diacritics, digits of three scripts, ZWNJ/ZWJ/bidi marks, kashida, presentation forms,
# punctuation, whitespace, Latin with case and combining accents.
TRICKY = (
    "".join(PERSIAN_ALPHABET)
    + "يىكةۀأإآٱؤئءهٔ"
    + "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670"
    + "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
    + "\u200c\u200d\u200e\u200f\u200b\ufeff\u0640\u202b\u202c"
    + "\ufefb\ufef3\ufe71\ufe70\ufdf2"
    + "،؛؟«»٫٬.,-!() \t\n\u00a0\u2010\u2013\u2212"
    + "aAzZßİéΣς\u0301\u0308"
)
tricky_text = st.text(alphabet=TRICKY, max_size=40)
persian_words = st.text(alphabet="".join(PERSIAN_ALPHABET) + " " + ZWNJ, max_size=30)


# --- normalize ----------------------------------------------------------------------------


def test_normalize_maps_arabic_yeh_and_kaf_to_persian():
    """Arabic ي, ى and ك become Persian ی and ک."""
    assert normalize("علي كريمي") == "علی کریمی"
    assert normalize("مصطفى") == "مصطفی"


def test_normalize_keeps_digits_hamza_diacritics_and_teh_marbuta():
    """normalize is display-safe: digits, hamza, harakat and ة are left as written."""
    text = "رأی ۱۲ ٣٤ 56 مُحَمَّد مؤمن رئیس ة"
    assert normalize(text) == text


def test_normalize_collapses_and_strips_whitespace():
    """Runs of any whitespace become one space; ends are stripped."""
    assert normalize("  علی\t\n  رضا\u00a0 ") == "علی رضا"


def test_normalize_removes_kashida_and_invisible_marks():
    """Kashida, ZWJ, LRM/RLM, bidi embeddings and BOM are removed."""
    assert normalize("\ufeffمـــحمد\u200d\u200f") == "محمد"
    assert normalize("\u202bعلی\u202c\u200e") == "علی"


def test_normalize_tidies_zwnj():
    """Repeated ZWNJ collapses to one, and ZWNJ touching a space or an end disappears."""
    assert normalize("می" + ZWNJ * 3 + "رود") == "می" + ZWNJ + "رود"
    assert normalize("کتاب" + ZWNJ + " " + ZWNJ + "ها") == "کتاب ها"
    assert normalize(ZWNJ + "کتاب" + ZWNJ) == "کتاب"


def test_normalize_applies_nfc():
    """Decomposed alef + hamza above is composed to أ (NFC)."""
    assert normalize("ر\u0627\u0654ی") == "رأی"


def test_normalize_composes_arabic_yeh_hamza_before_mapping_yeh():
    """A decomposed ي + hamza becomes ئ, not Persian ی + a loose hamza."""
    assert normalize("ر\u064a\u0654یس") == "رئیس"


def test_normalize_folds_arabic_presentation_forms():
    """Legacy presentation forms (e.g. from PDFs) become ordinary Persian letters."""
    assert normalize("\ufecb\ufee0\ufef0") == "علی"


@given(tricky_text)
@PROPERTY
def test_normalize_is_idempotent(text):
    """normalize(normalize(x)) == normalize(x)."""
    once = normalize(text)
    assert normalize(once) == once


# --- search_key ---------------------------------------------------------------------------


def test_search_key_unifies_hamza_spellings():
    """رأی/رای, رئیس/رییس, مؤمن/مومن, آزاد/ازاد and خانهٔ/خانۀ/خانه share a key."""
    assert search_key("رأی") == search_key("رای") == "رای"
    assert search_key("رئیس") == search_key("رییس")
    assert search_key("مؤمن") == search_key("مومن")
    assert search_key("آزاد") == search_key("ازاد")
    assert search_key("خانهٔ") == search_key("خانۀ") == search_key("خانه")
    assert search_key("إسلامی") == search_key("اسلامی")
    assert search_key("جزء") == search_key("جز")


def test_search_key_removes_diacritics():
    """Harakat, tanwin, shadda and superscript alef are ignored."""
    assert search_key("مُحَمَّد") == "محمد"
    assert search_key("حتماً") == "حتما"
    assert search_key("رحمٰن") == "رحمن"


def test_search_key_folds_digits_to_ascii():
    """Persian, Arabic-Indic and other decimal digits become ASCII."""
    assert search_key("۱۴۰۴ ٣٤ 56 \u0967\u0968") == "1404 34 56 12"


def test_search_key_turns_zwnj_into_space():
    """ZWNJ splits words (as FTS5 unicode61 does); the unjoined spelling stays distinct."""
    assert search_key("می‌رود") == search_key("می رود") == "می رود"
    assert search_key("میرود") == "میرود"


def test_search_key_replaces_punctuation_with_space():
    """Persian and Latin punctuation become single spaces."""
    assert search_key("«سلام»، خوبی؟ بله؛ علی-رضا.") == "سلام خوبی بله علی رضا"


def test_search_key_casefolds_latin():
    """Latin letters are case-folded."""
    assert search_key("Tehran TEHRAN Straße") == "tehran tehran strasse"


def test_search_key_of_blank_text_is_empty():
    """Whitespace, ZWNJ and punctuation alone give an empty key."""
    assert search_key(" \u200c ،؛ ") == ""


def test_search_key_joins_a_national_id_typed_with_dashes():
    """A national id typed as 001-234567-8 (any dash, any digits), or its beginning, becomes
    digits only; registration ids, dates and phone numbers keep their parts."""
    for typed in ("001-234567-8", "۰۰۱-۲۳۴۵۶۷-۸", "001\u2013234567\u20138", "001\u2212234567-8"):
        assert search_key(typed) == "0012345678"
    assert [search_key(t) for t in ("001-", "001-2", "001-234567", "001-234567-")] == [
        "001",
        "0012",
        "001234567",
        "001234567",
    ]
    assert search_key("R-1404-0000001") == "r 1404 0000001"
    assert search_key("1404-02-11") == "1404 02 11"
    assert search_key("0912-345-6789") == "0912 345 6789"
    assert search_key("کد 001-234567-8 ثبت") == "کد 0012345678 ثبت"


def finds(typed: str, *names: str) -> bool:
    """What the FTS query does: every typed word is a prefix of a term of one of the names."""
    terms = " ".join(search_terms(n) for n in names).split()
    return all(any(t.startswith(w) for t in terms) for w in search_key(typed).split())


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("عبدالله", "عبد\u200cالله"),
        ("عبد\u200cالله", "عبدالله"),
        ("محمدحسین", "محمد حسین"),
        ("محمدحسین", "محمد\u200cحسین"),
        ("محمد حسین", "محمدحسین"),
        ("علی\u200cرضا", "علیرضا"),
        ("ابوالفضل", "ابو الفضل"),
        ("حسین زاده", "حسین\u200cزاده"),
        ("حسینزاده", "حسین زاده"),
        ("عبدالله", "عبد الله"),
    ],
)
def test_a_compound_name_is_found_however_it_is_written_and_typed(typed, stored):
    """Joined, with ZWNJ or with a space: the name is found, at every keystroke."""
    assert finds(typed, stored)
    assert all(finds(typed[:n], stored) for n in range(1, len(typed) + 1))


def test_search_terms_never_join_across_names_or_split_plain_names():
    """Typing محمدرضا does not find first name محمد + surname رضایی; محمدی stays whole."""
    assert not finds("محمدرضا", "محمد", "رضایی")
    assert finds("محمد رضا", "محمد", "رضایی")  # typing towards the surname still works
    assert search_terms("محمدی") == "محمدی"
    assert search_terms("کریمی") == "کریمی"
    assert not finds("زاده", "محمدی")


@given(tricky_text)
@PROPERTY
def test_search_terms_keep_every_word_of_the_search_key(text):
    """The index terms of a name start with the words of its search key, once each."""
    words = list(dict.fromkeys(search_key(text).split()))
    assert search_terms(text).split()[: len(words)] == words


@given(tricky_text)
@PROPERTY
def test_search_key_is_idempotent(text):
    """search_key(search_key(x)) == search_key(x)."""
    once = search_key(text)
    assert search_key(once) == once


@given(tricky_text)
@PROPERTY
def test_search_key_absorbs_normalize(text):
    """Normalizing before keying changes nothing: search_key(normalize(x)) == search_key(x)."""
    assert search_key(normalize(text)) == search_key(text)


@given(tricky_text)
@PROPERTY
def test_search_key_output_is_in_normal_form(text):
    """The key is already normalized and has no ZWNJ, double or edge spaces."""
    key = search_key(text)
    assert normalize(key) == key
    assert ZWNJ not in key
    assert "  " not in key
    assert key == key.strip()


@given(persian_words, st.data())
@PROPERTY
def test_search_key_ignores_arabic_yeh_and_kaf(text, data):
    """Replacing any Persian ی/ک by Arabic ي/ى/ك leaves the search key unchanged."""
    arabic = "".join(
        data.draw(st.sampled_from([ch, "ي", "ى"]))
        if ch == "ی"
        else data.draw(st.sampled_from([ch, "ك"]))
        if ch == "ک"
        else ch
        for ch in text
    )
    assert search_key(arabic) == search_key(text)


# --- digits and numbers -------------------------------------------------------------------


def test_to_persian_digits_converts_ascii_and_arabic_indic():
    """ASCII and Arabic-Indic digits become Persian; other characters stay."""
    assert to_persian_digits("1404/10/21 ٣") == "۱۴۰۴/۱۰/۲۱ ۳"
    assert to_persian_digits(-45) == "-۴۵"
    assert to_persian_digits("abc") == "abc"


def test_to_ascii_digits_converts_all_decimal_digits():
    """Persian, Arabic-Indic and other Unicode decimal digits become ASCII."""
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ \u0966\u0969") == "0123456789 0123456789 03"
    assert to_ascii_digits("کد ۱۲") == "کد 12"


@given(st.integers())
@PROPERTY
def test_integer_digits_round_trip(n):
    """An int written in Persian digits reads back as the same int."""
    assert int(to_ascii_digits(to_persian_digits(n))) == n


@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩abc/ -"))
@PROPERTY
def test_digit_conversions_round_trip(text):
    """to_ascii_digits and to_persian_digits undo each other on digit text."""
    assert to_ascii_digits(to_persian_digits(text)) == to_ascii_digits(text)
    assert to_persian_digits(to_ascii_digits(text)) == to_persian_digits(text)


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (0, {}, "۰"),
        (999, {}, "۹۹۹"),
        (1234567, {}, "۱٬۲۳۴٬۵۶۷"),
        (-1234567, {}, "-۱٬۲۳۴٬۵۶۷"),
        (1234567, {"grouping": False}, "۱۲۳۴۵۶۷"),
        (1234.5, {}, "۱٬۲۳۴٫۵"),
        (0.1, {}, "۰٫۱"),
        (1e21, {}, "۱٬" + "٬".join(["۰۰۰"] * 7)),
        (2.5, {"decimals": 2}, "۲٫۵۰"),
        (-0.001, {"decimals": 2}, "۰٫۰۰"),
    ],
)
def test_format_number(value, kwargs, expected):
    """Persian digits, ٬ thousands separator, ٫ decimal separator, no exponent, no -0."""
    assert format_number(value, **kwargs) == expected


def test_format_number_rejects_non_finite():
    """NaN and infinities cannot be formatted."""
    with pytest.raises(ValueError):
        format_number(float("nan"))
    with pytest.raises(ValueError):
        format_number(float("inf"))


@given(st.integers())
@PROPERTY
def test_format_number_reads_back(n):
    """Stripping ٬ from format_number(n) and converting digits gives n back."""
    assert int(to_ascii_digits(format_number(n).replace("٬", ""))) == n


# --- alphabet and pure-Python order -------------------------------------------------------


def test_persian_alphabet_has_32_distinct_letters_in_order():
    """PERSIAN_ALPHABET lists the 32 letters from ا to ی, each once."""
    assert len(PERSIAN_ALPHABET) == 32 == len(set(PERSIAN_ALPHABET))
    assert PERSIAN_ALPHABET[0] == "ا"
    assert PERSIAN_ALPHABET[-1] == "ی"


@pytest.mark.parametrize(("before", "after"), [("ب", "پ"), ("ج", "چ"), ("ز", "ژ"), ("ک", "گ")])
def test_sort_key_puts_persian_letters_after_their_base(before, after):
    """پ after ب, چ after ج, ژ after ز, گ after ک, and each before the next base letter."""
    assert persian_sort_key(before) < persian_sort_key(after)
    following = PERSIAN_ALPHABET[PERSIAN_ALPHABET.index(after) + 1]
    assert persian_sort_key(after) < persian_sort_key(following)


def test_sort_key_orders_the_alphabet():
    """Sorting a shuffled alphabet gives PERSIAN_ALPHABET."""
    shuffled = sorted(PERSIAN_ALPHABET, key=ord)
    assert tuple(sorted(shuffled, key=persian_sort_key)) == PERSIAN_ALPHABET


def test_sort_key_puts_alef_madda_first():
    """آ words come before ا words, and both before ب words."""
    words = ["بابک", "احمدی", "آقایی", "ابراهیمی", "آزاد"]
    assert sorted(words, key=persian_sort_key) == ["آزاد", "آقایی", "ابراهیمی", "احمدی", "بابک"]


def test_sort_key_treats_arabic_letter_forms_as_persian():
    """Arabic ي/ك sort exactly like Persian ی/ک (ties broken after normalization)."""
    assert persian_sort_key("كريمي") == persian_sort_key("کریمی")


def test_sort_key_ignores_zwnj_and_diacritics_at_first():
    """ZWNJ and harakat only break ties: they never move a word past a different one."""
    assert persian_sort_key("حسینی‌نژاد")[0] == persian_sort_key("حسینینژاد")[0]
    assert persian_sort_key("مُحَمَّدی")[0] == persian_sort_key("محمدی")[0]
    assert persian_sort_key("مُحَمَّدی") < persian_sort_key("محمدیان")


def test_sort_key_spaces_digits_latin_order():
    """Space < digits < Persian letters < Latin letters; shorter prefix first."""
    words = ["b", "علی", "علی رضا", "علیرضا", "12", "A", "9"]
    assert sorted(words, key=persian_sort_key) == ["12", "9", "علی", "علی رضا", "علیرضا", "A", "b"]


def test_sort_key_hamza_family_between_alef_and_be():
    """The hamza family (ء أ ؤ ئ) sorts after ا and before ب, as in ICU's fa order."""
    assert persian_sort_key("ربانی") > persian_sort_key("رئیسی") > persian_sort_key("رازی")


def test_sort_key_breaks_ties_like_icu():
    """Equal letters: unvoweled before voweled, ه before ة before ۀ, lower case before upper."""
    assert persian_sort_key("محمد") < persian_sort_key("مُحَمَّد")
    assert persian_sort_key("فاطمه") < persian_sort_key("فاطمة") < persian_sort_key("فاطمۀ")
    assert persian_sort_key("ali") < persian_sort_key("Ali")


@given(st.lists(tricky_text, max_size=6))
@PROPERTY
def test_sort_key_is_a_total_order_consistent_with_normalize(words):
    """Sorting is deterministic and only depends on the normalized text."""
    by_key = sorted(words, key=persian_sort_key)
    assert [normalize(w) for w in by_key] == sorted(
        (normalize(w) for w in words), key=persian_sort_key
    )
