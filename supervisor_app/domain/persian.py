"""Persian text toolkit: normalisation, search keys, digits, numbers and alphabetical order.

Plain Python (no Qt) so the domain layer and the registry server share one definition.

Two levels of canonical form:

* ``normalize`` is what we store and display: Arabic letter variants become their Persian
  forms, invisible junk is dropped, whitespace is tidied, but the text still reads exactly
  as the user wrote it (digits, hamza, diacritics and ZWNJ inside words are kept).
* ``search_key`` is for matching only, never for display: it also folds digits to ASCII,
  hamza forms, diacritics, ZWNJ, case and punctuation, so that "رأی" finds "رای", and
  joins a national id typed in its printed layout ("001-234567-8") into its ten digits.
* ``search_terms`` is what the full-text index stores for a name: the words of
  ``search_key`` plus the other ways a person types a compound name (joined, or split
  at a known boundary), so "عبدالله" finds "عبد‌الله" and "محمد حسین" finds "محمدحسین".
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import Final

__all__ = [
    "PERSIAN_ALPHABET",
    "ZWNJ",
    "format_number",
    "normalize",
    "persian_sort_key",
    "search_key",
    "search_terms",
    "to_ascii_digits",
    "to_persian_digits",
]

ZWNJ: Final = "\u200c"

# The 32 letters of the Persian alphabet in dictionary order.
PERSIAN_ALPHABET: Final[tuple[str, ...]] = tuple("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")

PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
_THOUSANDS_SEP: Final = "\u066c"  # ٬ ARABIC THOUSANDS SEPARATOR
_DECIMAL_SEP: Final = "\u066b"  # ٫ ARABIC DECIMAL SEPARATOR
_NUMBER_SEPARATORS: Final = str.maketrans({",": _THOUSANDS_SEP, ".": _DECIMAL_SEP})

# Invisible characters that only come from copy/paste and other systems: ZWSP, ZWJ,
# LRM/RLM, ALM, bidi embeddings/overrides/isolates, word joiner, soft hyphen, BOM, and
# kashida (tatweel), which is pure justification stretching. Stored text must not carry
# them: they break equality and make bidi display unpredictable.
_INVISIBLE = re.compile(
    "[\u200b\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2060\u00ad\ufeff\u0640]"
)

# Arabic presentation forms (legacy PDFs, old encodings) are folded to base letters so
# they shape and search like everything else. BOM (U+FEFF) is excluded: removed above.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")

_LETTER_MAP: Final = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي ARABIC YEH -> ی
        "\u0649": "\u06cc",  # ى ALEF MAKSURA -> ی
        "\u0643": "\u06a9",  # ك ARABIC KAF -> ک
    }
)

# Runs of spaces and ZWNJs: a ZWNJ touching a space is meaningless, and doubled ZWNJs
# are a typing accident.
_ZWNJ_RUN = re.compile("[ \u200c]*\u200c[ \u200c]*")


def _fold_zwnj_run(match: re.Match[str]) -> str:
    return " " if " " in match.group() else ZWNJ


def normalize(text: str) -> str:
    """Canonical stored/displayed form: Persian letter forms, NFC, tidy whitespace and ZWNJ.

    Digits, hamza, diacritics, and ة are left as written.
    """
    # Presentation forms first: some fold to kashida (e.g. U+FE71), removed just below.
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _INVISIBLE.sub("", text)
    # NFC before the letter map so a decomposed ي + hamza becomes ئ rather than ی + hamza.
    text = unicodedata.normalize("NFC", text).translate(_LETTER_MAP)
    text = " ".join(text.split())
    text = _ZWNJ_RUN.sub(_fold_zwnj_run, text)
    return text.strip(" " + ZWNJ)


# --- digits -------------------------------------------------------------------------------

_TO_PERSIAN_DIGITS: Final = str.maketrans("0123456789" + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)


def to_persian_digits(value: str | int) -> str:
    """ASCII and Arabic-Indic digits become Persian ۰-۹; all other characters are kept."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (Persian, Arabic-Indic, Devanagari, ...) becomes ASCII."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def format_number(n: int | float, grouping: bool = True, *, decimals: int | None = None) -> str:
    """Persian-digit number with ٬ grouping and ٫ decimal point, e.g. ``۱٬۲۳۴٫۵``.

    Floats use their shortest exact repr (never exponent notation) unless ``decimals`` fixes
    the number of fraction digits.
    """
    if isinstance(n, float) and not math.isfinite(n):
        raise ValueError(f"cannot format non-finite number {n!r}")
    # Decimal(repr(x)) keeps the short repr of floats but formats without an exponent.
    value = Decimal(repr(n)) if isinstance(n, float) else Decimal(int(n))
    spec = ("," if grouping else "") + (f".{decimals}f" if decimals is not None else "f")
    ascii_text = format(value, spec)
    if ascii_text.startswith("-") and not any(c in "123456789" for c in ascii_text):
        ascii_text = ascii_text[1:]  # "-0" and "-0.00" read as noise
    return to_persian_digits(ascii_text.translate(_NUMBER_SEPARATORS))


# --- search key ---------------------------------------------------------------------------

_HAMZA_MAP: Final = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ alef wasla -> ا
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u06cc",  # ئ -> ی
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u0621": None,  # ء is dropped: رئیس / رییس, مسئله / مساله spellings vary
    }
)

# Harakat, tanwin, shadda, sukun, madda, combining hamza (U+0654/U+0655), superscript alef,
# and Quranic annotation marks.
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)


def _is_separator(ch: str) -> bool:
    # Punctuation (incl. ، ؛ ؟ « » ٫ ٬), symbols and the combining marks left after the
    # Arabic ones are dropped become word breaks, as in FTS5 unicode61: the index's words
    # are then exactly the key's space-separated words.
    return ch == ZWNJ or unicodedata.category(ch)[0] in "PSZCM"


# Combining diacritics FTS5 unicode61 (remove_diacritics 2) folds away rather than
# splitting on: dropped here too, so "b\u0301c" is the word "bc" on both sides, and a
# Latin letter with a diacritic ("é") is its base letter, as in the index.
_LATIN_COMBINING = re.compile("[\u0300-\u036f]")
_ACCENTED_LATIN = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


def _fold_latin(match: re.Match[str]) -> str:
    return _LATIN_COMBINING.sub("", unicodedata.normalize("NFD", match.group()))


# A national id as printed on the card, 3-6-1 digits between dashes, or the start of one
# as it is typed ("001-2", "001-234567-"). Not preceded or followed by a digit or a dash,
# so registration ids ("R-1404-0000001") and dates ("1404-02-11") keep their parts.
_DASHES: Final = "\\-\u2010-\u2015\u2212\ufe63\uff0d"
_DASHED_NATIONAL_ID = re.compile(
    f"(?<![0-9{_DASHES}])[0-9]{{3}}[{_DASHES}]"
    f"(?:[0-9]{{1,5}}|[0-9]{{6}}(?:[{_DASHES}][0-9]?)?)(?![0-9{_DASHES}])"
)
_ANY_DASH = re.compile(f"[{_DASHES}]")


def _join_national_id(match: re.Match[str]) -> str:
    return _ANY_DASH.sub("", match.group())


def search_key(text: str) -> str:
    """Aggressive matching key: normalize(), ASCII digits, no hamza/diacritics, casefolded,
    ZWNJ and punctuation turned into single spaces.

    ZWNJ becomes a space because SQLite FTS5's unicode61 tokenizer also splits on it, so
    "می‌رود" and "می رود" match each other, while "میرود" (no separator) stays a different
    key here (``search_terms`` indexes names both ways). A national id typed with dashes
    ("001-234567-8", or its beginning) becomes one run of digits, as it is stored.
    Idempotent (property-tested).
    """
    text = normalize(text).casefold()
    text = unicodedata.normalize("NFC", text)  # casefold can emit decomposed sequences
    text = to_ascii_digits(text).translate(_HAMZA_MAP)
    text = _DASHED_NATIONAL_ID.sub(_join_national_id, text)
    text = _ACCENTED_LATIN.sub(_fold_latin, text)
    text = _LATIN_COMBINING.sub("", _ARABIC_MARKS.sub("", text))
    text = "".join(" " if _is_separator(ch) else ch for ch in text)
    # Dropping marks can unblock a composition (e + U+0654 + U+0301), so recompose last.
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Parts of compound given names and surnames, in search_key form (ی/ک, no hamza, آ as ا),
# for splitting a name written joined ("محمدحسین", "عبدالله", "حسینزاده") at a known
# boundary. Only a word that is exactly head + tail is split; the list is a convenience
# for the common names, not a dictionary of Persian.
_COMPOUND_HEADS: Final = _words(
    "محمد احمد علی عبد غلام امیر ابو میر سید حسین حسن رضا مهدی جعفر کریم رحیم قاسم فاطمه زهرا"
)
_COMPOUND_TAILS: Final = _words(
    "الله رضا حسین حسن علی مهدی جواد باقر صادق کاظم تقی نقی امین هادی جعفر اکبر اصغر "
    "کریم رحیم ابراهیم اسماعیل یوسف صالح طاها سجاد حامد حمید سعید مجید رسول مصطفی "
    "مرتضی مجتبی محسن محمد احمد الفضل القاسم الحسن الحسین الرضا الدین الکریم الرحیم "
    "الحمید المجید العلی زهرا فاطمه سادات السادات بیگم زاده پور نژاد نیا منش وند"
)
# Longest heads first, so a word is split after the longest known head.
_HEADS_BY_LENGTH: Final = tuple(sorted(_COMPOUND_HEADS, key=len, reverse=True))
# Joined runs of more words than this are not indexed (long names, few such searches).
_MAX_JOINED_WORDS: Final = 4


def _split_compound(word: str) -> tuple[str, str] | None:
    for head in _HEADS_BY_LENGTH:
        if word.startswith(head) and word[len(head) :] in _COMPOUND_TAILS:
            return head, word[len(head) :]
    return None


def search_terms(text: str) -> str:
    """What the full-text index holds for one name (a first name, surname, father's name).

    The words of ``search_key``, then every run of adjacent words joined ("محمد حسین" and
    "محمد‌حسین" also give "محمدحسین"), then each known compound split in two
    ("عبدالله" also gives "عبد" and "الله"). A query is the plain ``search_key`` of what
    was typed, each word a prefix that must match a term, so a compound name is found
    however it was written and however it is typed, and typing it letter by letter never
    loses it. Index side only: a query joined this way would demand words across names.
    """
    words = search_key(text).split()
    terms = list(words)
    for size in range(2, min(len(words), _MAX_JOINED_WORDS) + 1):
        terms.extend("".join(words[i : i + size]) for i in range(len(words) - size + 1))
    for word in words:
        parts = _split_compound(word)
        if parts is not None:
            terms.extend(parts)
    return " ".join(dict.fromkeys(terms))


# --- alphabetical order -------------------------------------------------------------------

# Primary order of letters, matching ICU/CLDR "fa" collation: آ is its own letter before
# ا, the hamza family sits between ا and ب, and ٱ / ة ۀ are variants of ا / ه. Weights are
# spaced by 2 so the hamza family fits between ا (2) and ب (4).
_LETTER_ORDER: Final[dict[str, int]] = {
    "آ": 0,
    **{letter: 2 * (i + 1) for i, letter in enumerate(PERSIAN_ALPHABET)},
    "ٱ": 2,
    **dict.fromkeys("ءأإؤئ", 3),
    **dict.fromkeys("ةۀ", 2 * (PERSIAN_ALPHABET.index("ه") + 1)),
}

# Character groups in the order ICU "fa" uses: spaces, punctuation/symbols, digits,
# Arabic-script letters, then other scripts (Latin, ...).
_GROUP_SPACE, _GROUP_PUNCT, _GROUP_DIGIT, _GROUP_PERSIAN, _GROUP_OTHER = range(5)


# Secondary level, as in ICU "fa": letter variants rank after their base letter
# (ا < ٱ; ء < أ < إ < ؤ < ئ; ه < ة < ۀ) and harakat follow the CLDR tailoring
# fatha < kasra < damma < fathatan < kasratan < dammatan; other marks come after those.
_VARIANT_RANK: Final[dict[str, int]] = {"ٱ": 1, "أ": 1, "إ": 2, "ؤ": 3, "ئ": 4, "ة": 1, "ۀ": 2}
_MARK_RANK: Final[dict[str, int]] = {
    mark: rank for rank, mark in enumerate("\u064e\u0650\u064f\u064b\u064d\u064c", start=1)
}
_OTHER_MARK_BASE: Final = 0x10000  # after the tailored harakat, then by code point

SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def persian_sort_key(text: str) -> SortKey:
    """Pure-Python sort key in Persian alphabetical order (پ after ب, چ after ج, ...).

    Mirrors ICU's "fa" collation: first letters (آ before ا, hamza family between ا and
    ب), digits by value, case-insensitive Latin after Persian, ignoring diacritics and
    ZWNJ; then letter variants and diacritics; then case (lower first); remaining ties
    by code point of the normalized text. Use it where Qt is not available (domain code,
    the server); the UI uses ``PersianCollator``.
    """
    text = normalize(text).replace("ی\u0654", "ئ")  # ICU treats یٔ as the hamza letter
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []  # 1 for upper case, per primary element
    for ch in text:
        weight = _LETTER_ORDER.get(ch)
        if weight is not None:
            primary.append((_GROUP_PERSIAN, weight))
            secondary.append(_VARIANT_RANK.get(ch, 0))
            tertiary.append(0)
            continue
        category = unicodedata.category(ch)
        if category in ("Mn", "Me"):
            secondary.append(_MARK_RANK.get(ch, _OTHER_MARK_BASE + ord(ch)))
            continue
        if ch == ZWNJ or category == "Cf":
            continue  # fully ignorable
        if ch.isdecimal():
            primary.append((_GROUP_DIGIT, unicodedata.decimal(ch)))
        elif category[0] == "Z" or ch.isspace():
            primary.append((_GROUP_SPACE, 0))
        elif category[0] in "PSC":
            primary.append((_GROUP_PUNCT, ord(ch)))
        else:
            folded = ch.casefold()
            primary.extend((_GROUP_OTHER, ord(c)) for c in folded)
            secondary.extend([0] * (len(folded) - 1))
            tertiary.extend([int(ch.isupper())] * (len(folded) - 1))
        secondary.append(0)
        tertiary.append(int(ch.isupper()))
    return tuple(primary), tuple(secondary), tuple(tertiary), tuple(ord(ch) for ch in text)
