"""Roster rows from spreadsheets: header spellings, cells and the rules of one row."""

from __future__ import annotations

import pytest

from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.roster import (
    HeadRef,
    RosterFileError,
    RosterKind,
    cell_text,
    find_header,
    header_key,
    parse_branch_line,
    parse_observer_line,
    split_device_ids,
)

NID = make_national_id("004993708")


@pytest.mark.parametrize(
    "spelling",
    ["كد ملي", " کدملی ", "کد\u200cملی", "کد ملی (۱۰ رقم)", "کد ملی*", "کد  ملی:"],
)
def test_header_spellings_share_one_key(spelling):
    """Arabic letters, spaces, ZWNJ, notes in parentheses, '*' and ':' do not matter."""
    assert header_key(spelling) == header_key("کد ملی")
    assert header_key(spelling) != header_key("کد ملی سرناظر")
    assert header_key("National  ID") == header_key("national id")


def test_the_header_is_found_below_title_rows():
    """A merged title row above the header is skipped; the row numbers are the file's."""
    rows = [
        (1, ("فهرست شعب",)),
        (3, ("ردیف", "كد شعبه", "حوزه انتخابيه", "آدرس", "توضیحات")),
        (4, (1, "BR1", "K1", "مدرسه", "")),
    ]
    header = find_header(rows, RosterKind.BRANCHES)
    assert header.row_number == 3
    assert header.positions == {"code": 1, "constituency": 2, "address": 3}
    assert header.headers["code"] == "کد شعبه"  # normalised to Persian letters
    assert header.ignored == ("توضیحات",)  # «ردیف» is understood and not reported


def test_a_header_missing_a_required_column_says_which():
    """Two of three required branch columns: the error names the missing one in Persian."""
    with pytest.raises(RosterFileError) as error:
        find_header([(1, ("کد شعبه", "نشانی"))], RosterKind.BRANCHES)
    assert "حوزهٔ انتخابیه" in error.value.message_fa and "۱" in error.value.message_fa


def test_separate_first_and_last_name_columns_make_the_full_name():
    """«نام» + «نام خانوادگی» are joined; «نام» alone is taken as the full name."""
    both = find_header([(1, ("نام", "نام خانوادگی", "کد ملی", "شماره حکم"))], RosterKind.OBSERVERS)
    line, errors = parse_observer_line(2, both.values(("زهرا", "کریمی", NID, "L-1")), both)
    assert errors == [] and line is not None and line.full_name == "زهرا کریمی"
    alone = find_header([(1, ("نام", "کد ملی", "شماره حکم"))], RosterKind.OBSERVERS)
    assert "full_name" in alone.positions and "first_name" not in alone.positions


def test_cells_read_as_text():
    """Whole floats lose their '.0'; blanks are empty."""
    assert cell_text(101.0) == "101" and cell_text(None) == "" and cell_text(12) == "12"


def test_device_ids_split_on_commas_persian_commas_and_spaces():
    """«،», ',', ';' and spaces separate ids; Persian digits become Latin; repeats go."""
    assert split_device_ids("EVM-۱، EVM-2;EVM-3  EVM-1") == ("EVM-1", "EVM-2", "EVM-3")


def _observer_header():
    return find_header(
        [(1, ("نام و نام خانوادگی", "کد ملی", "شماره حکم", "کد شعبه", "سرناظر"))],
        RosterKind.OBSERVERS,
    )


def test_a_number_cell_national_id_gets_its_leading_zeros_back():
    """A number cannot hold leading zeros: padding it is restoring it. Text is not padded."""
    header = _observer_header()
    line, errors = parse_observer_line(2, header.values(("الف", int(NID), "L", "", "")), header)
    assert errors == [] and line is not None and line.national_id == NID
    _, errors = parse_observer_line(2, header.values(("الف", NID[2:], "L", "", "")), header)
    assert len(errors) == 1 and "صفرهای ابتدای" in errors[0].message_fa


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (5, HeadRef(row=5)),
        ("ردیف ۷", HeadRef(row=7)),
        ("۱۲", HeadRef(row=12)),
        (NID, HeadRef(national_id=NID)),
        (int(NID), HeadRef(national_id=NID)),  # a number cell again
        ("OBS-000123", HeadRef(observer_id="OBS-000123")),
    ],
)
def test_a_head_observer_is_named_by_row_national_id_or_observer_id(cell, expected):
    """Short numbers are rows, ten digits a national id, other codes an observer id."""
    header = _observer_header()
    values = header.values(("الف", make_national_id("123456789"), "L", "BR1", cell))
    line, errors = parse_observer_line(3, values, header)
    assert errors == [] and line is not None and line.head == expected


def test_an_observer_with_a_head_needs_a_branch_and_cannot_head_itself():
    """Row 3 naming row 3 as head, with no branch: both problems are reported."""
    header = _observer_header()
    values = header.values(("الف", make_national_id("123456789"), "L", "", 3))
    line, errors = parse_observer_line(3, values, header)
    assert line is None
    assert sorted(e.column for e in errors) == ["سرناظر", "کد شعبه"]


def test_a_branch_row_reports_every_problem_at_once():
    """Empty constituency, bad code characters and a bad box id: three errors, one row."""
    header = find_header([(1, ("کد شعبه", "حوزه", "نشانی", "شناسه صندوق"))], RosterKind.BRANCHES)
    values = header.values(("شعبه ۱", "", "مدرسه", "EVM-1 صندوق"))
    line, errors = parse_branch_line(9, values, header)
    assert line is None
    assert [(e.row_number, e.column) for e in errors] == [
        (9, "کد شعبه"),
        (9, "حوزه"),
        (9, "شناسه صندوق"),
    ]
