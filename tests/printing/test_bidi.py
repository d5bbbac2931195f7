"""The bidi algorithm behind the typesetter: levels, bracket pairs and display order."""

from __future__ import annotations

from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.printing.bidi import (
    line_levels,
    paragraph_levels,
    strip_controls,
    visual_order,
)

ALPHABET = "ابپتچژکگلمنوهی" + "abcXYZ" + "0123" + "۰۱۲۳۴" + "  ()[]«».,/:-%+"


def display(text: str, base: int = 1) -> str:
    levels = line_levels(text, paragraph_levels(text, base), base)
    return "".join(text[i] for i in visual_order(levels))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
def test_display_order_matches_python_bidi(text: str) -> None:
    """Our levels and L2 reordering give python-bidi's display order on mixed text."""
    assert display(text) == get_display(text, base_dir="R")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
def test_left_to_right_paragraphs_match_python_bidi(text: str) -> None:
    """A left-to-right paragraph (base level 0) is ordered as python-bidi orders it."""
    assert display(text, 0) == get_display(text, base_dir="L")


def test_persian_digits_and_dates_run_left_to_right() -> None:
    """Persian digits and a Jalali date keep their left-to-right order inside Persian."""
    text = "تاریخ ۱۴۰۴/۱۰/۲۱ است"
    assert display(text) == "تسا ۱۴۰۴/۱۰/۲۱ خیرات"


def test_brackets_follow_the_text_they_enclose() -> None:
    """N0: brackets around a Latin word after Latin text join the left-to-right run."""
    text = "نسخهٔ Windows (XP) نصب شد"
    levels = paragraph_levels(text)
    open_, close = text.index("("), text.index(")")
    assert levels[open_] == levels[close] == 2
    persian = "متن (الف) متن"
    levels = paragraph_levels(persian)
    assert levels[persian.index("(")] == levels[persian.index(")")] == 1


def test_trailing_spaces_return_to_paragraph_level() -> None:
    """L1: spaces at the end of a line take the paragraph level, not the Latin run's."""
    text = "abc   "
    assert line_levels(text, paragraph_levels(text, 1), 1)[3:] == [1, 1, 1]


def test_controls_are_removed_before_layout() -> None:
    """Explicit bidi controls from pasted text are dropped, marks included."""
    assert strip_controls("\u202bالف\u202c\u200f b\u2066c\u2069") == "الف bc"
