"""Jalali formatting and parsing at the edges; Gregorian dates inside."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.jalali import (
    JALALI_MONTHS,
    JalaliDateError,
    add_days,
    format_jalali,
    format_jalali_long,
    from_jalali,
    full_years_between,
    parse_jalali,
    parse_jalali_datetime,
    to_jalali,
)

PROPERTY = settings(database=None, deadline=None, max_examples=300)

dates_1900_2100 = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def test_known_conversion_2026_01_11():
    """2026-01-11 is 1404/10/21 (21 Dey 1404)."""
    j = to_jalali(date(2026, 1, 11))
    assert (j.year, j.month, j.day) == (1404, 10, 21)
    assert parse_jalali("1404/10/21") == date(2026, 1, 11)


def test_election_day_is_a_friday():
    """Election day 1405/02/11 falls on Friday 2026-05-01."""
    election_day = parse_jalali("۱۴۰۵/۰۲/۱۱")
    assert election_day == date(2026, 5, 1)
    assert election_day.weekday() == 4  # Friday


def test_nowruz_1404():
    """1404/01/01 is 2025-03-21 and 1403/12/30 (leap Esfand) is the day before."""
    assert parse_jalali("1404/01/01") == date(2025, 3, 21)
    assert parse_jalali("1403/12/30") == date(2025, 3, 20)


def test_format_jalali_zero_pads_in_persian_digits():
    """Month and day are zero-padded; Persian digits by default."""
    assert format_jalali(date(2025, 3, 25)) == "۱۴۰۴/۰۱/۰۵"
    assert format_jalali(date(2026, 1, 11)) == "۱۴۰۴/۱۰/۲۱"
    assert format_jalali(date(2026, 1, 11), persian_digits=False) == "1404/10/21"


def test_format_jalali_with_time():
    """with_time appends HH:MM of the datetime's own wall-clock time."""
    moment = datetime(2026, 1, 11, 14, 5, 59)
    assert format_jalali(moment, with_time=True) == "۱۴۰۴/۱۰/۲۱ ۱۴:۰۵"
    assert format_jalali(moment) == "۱۴۰۴/۱۰/۲۱"
    assert format_jalali(moment, with_time=True, persian_digits=False) == "1404/10/21 14:05"


def test_format_jalali_with_time_needs_a_datetime():
    """A plain date has no time to show."""
    with pytest.raises(TypeError):
        format_jalali(date(2026, 1, 11), with_time=True)


def test_format_jalali_long_uses_month_names():
    """Long form is day, Persian month name, year: ۲۱ دی ۱۴۰۴."""
    assert format_jalali_long(date(2026, 1, 11)) == "۲۱ دی ۱۴۰۴"
    assert format_jalali_long(date(2026, 5, 1)) == "۱۱ اردیبهشت ۱۴۰۵"
    assert format_jalali_long(date(2025, 3, 21), persian_digits=False) == "1 فروردین 1404"


def test_month_names_are_the_twelve_persian_months():
    """JALALI_MONTHS runs from فروردین to اسفند."""
    assert len(JALALI_MONTHS) == 12
    assert (JALALI_MONTHS[0], JALALI_MONTHS[9], JALALI_MONTHS[11]) == ("فروردین", "دی", "اسفند")


@pytest.mark.parametrize(
    "text",
    ["1404/10/21", "۱۴۰۴/۱۰/۲۱", "1404-10-21", "1404.10.21", " ۱۴۰۴ / ۱۰ / ۲۱ "],
)
def test_parse_jalali_accepted_spellings(text):
    """Slash, hyphen or dot separators, Persian or ASCII digits, loose spaces."""
    assert parse_jalali(text) == date(2026, 1, 11)


def test_parse_jalali_unpadded():
    """Unpadded month and day are accepted: ۱۴۰۴-۱-۵ is 1404/01/05."""
    assert parse_jalali("۱۴۰۴-۱-۵") == date(2025, 3, 25)


def test_parse_jalali_ignores_bidi_marks():
    """RLM/LRM pasted from RTL fields do not break parsing."""
    assert parse_jalali("\u200f۱۴۰۴/۱۰/۲۱\u200e") == date(2026, 1, 11)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1404/12/30", "29 days"),  # 1404 is not a leap year
        ("1404/12/31", "29 days"),
        ("1404/13/01", "month 13"),
        ("1404/00/10", "month 0"),
        ("1404/07/31", "30 days"),
        ("1404/01/00", "day 0"),
        ("04/10/21", "like 1404/10/21"),
        ("1404/10-21", "like 1404/10/21"),
        ("1404/10/21 14:05", "like 1404/10/21"),
        ("", "like 1404/10/21"),
        ("سلام", "like 1404/10/21"),
        ("0000/01/01", "year 0"),
    ],
)
def test_parse_jalali_rejects_bad_dates(text, fragment):
    """Malformed or impossible dates raise JalaliDateError (a ValueError) saying why."""
    with pytest.raises(JalaliDateError, match=fragment) as info:
        parse_jalali(text)
    assert isinstance(info.value, ValueError)


def test_from_jalali_matches_parse():
    """from_jalali(y, m, d) is the numeric twin of parse_jalali."""
    assert from_jalali(1405, 2, 11) == date(2026, 5, 1)
    with pytest.raises(JalaliDateError):
        from_jalali(1405, 12, 30)  # 1405 is not leap either


def test_parse_jalali_datetime():
    """Date and HH:MM(:SS) with Persian or ASCII digits give a naive datetime."""
    assert parse_jalali_datetime("۱۴۰۴/۱۰/۲۱ ۱۴:۰۵") == datetime(2026, 1, 11, 14, 5)
    assert parse_jalali_datetime("1404-10-21 07:30:15") == datetime(2026, 1, 11, 7, 30, 15)


@pytest.mark.parametrize("text", ["1404/10/21", "1404/10/21 24:00", "1404/10/21 12:60", "x 12:00"])
def test_parse_jalali_datetime_rejects_bad_input(text):
    """Missing or out-of-range time raises JalaliDateError."""
    with pytest.raises(JalaliDateError):
        parse_jalali_datetime(text)


def test_add_days_crosses_jalali_year_end():
    """add_days works on Gregorian dates and keeps datetimes as datetimes."""
    assert add_days(parse_jalali("1403/12/29"), 2) == parse_jalali("1404/01/01")
    assert add_days(date(2026, 5, 1), -5) == date(2026, 4, 26)
    assert add_days(datetime(2026, 5, 1, 8, 0), 1) == datetime(2026, 5, 2, 8, 0)


def test_full_years_simple():
    """Age increases exactly on the Jalali birthday."""
    birth = parse_jalali("1379/05/10")
    assert full_years_between(birth, parse_jalali("1404/05/09")) == 24
    assert full_years_between(birth, parse_jalali("1404/05/10")) == 25
    assert full_years_between(birth, birth) == 0


def test_full_years_counts_jalali_anniversaries_not_gregorian():
    """Born 1379/01/01 (2000-03-20): 25 on 1404/01/01 (2025-03-21), not on 2025-03-20."""
    birth = date(2000, 3, 20)
    assert full_years_between(birth, date(2025, 3, 20)) == 24
    assert full_years_between(birth, date(2025, 3, 21)) == 25


def test_full_years_for_esfand_30_birthday():
    """Born on leap day 1399/12/30: a year completes on 1401/01/01 when 1400 has no 30 Esfand."""
    birth = parse_jalali("1399/12/30")
    assert full_years_between(birth, parse_jalali("1400/12/29")) == 0
    assert full_years_between(birth, parse_jalali("1401/01/01")) == 1
    assert full_years_between(birth, parse_jalali("1403/12/29")) == 3
    assert full_years_between(birth, parse_jalali("1403/12/30")) == 4


def test_full_years_for_feb_29_birthday():
    """Born 2000-02-29 (1378/12/10): birthdays follow the Jalali date, leap Feb is irrelevant."""
    birth = date(2000, 2, 29)
    assert to_jalali(birth).strftime("%Y/%m/%d") == "1378/12/10"
    anniversary = from_jalali(1403, 12, 10)
    assert full_years_between(birth, anniversary - timedelta(days=1)) == 24
    assert full_years_between(birth, anniversary) == 25


def test_full_years_rejects_date_before_birth():
    """Asking for an age before birth is an error, not a negative age."""
    with pytest.raises(ValueError):
        full_years_between(date(2000, 1, 2), date(2000, 1, 1))


@given(dates_1900_2100)
@PROPERTY
def test_format_then_parse_round_trips(d):
    """parse_jalali(format_jalali(d)) == d in both digit styles."""
    assert parse_jalali(format_jalali(d)) == d
    assert parse_jalali(format_jalali(d, persian_digits=False)) == d


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)))
@PROPERTY
def test_datetime_format_then_parse_round_trips_to_the_minute(moment):
    """parse_jalali_datetime(format_jalali(dt, with_time=True)) keeps date, hour and minute."""
    expected = moment.replace(second=0, microsecond=0)
    assert parse_jalali_datetime(format_jalali(moment, with_time=True)) == expected


@given(dates_1900_2100, dates_1900_2100, dates_1900_2100)
@PROPERTY
def test_full_years_is_monotonic(a, b, c):
    """For a fixed birth date, a later day never gives a smaller age."""
    birth, on1, on2 = sorted([a, b, c])
    assert 0 <= full_years_between(birth, on1) <= full_years_between(birth, on2)


@given(dates_1900_2100, st.integers(0, 150))
@PROPERTY
def test_full_years_hits_n_on_the_nth_jalali_anniversary(birth, years):
    """On the n-th Jalali anniversary (or Farvardin 1 after a missing Esfand 30) age is n."""
    j = to_jalali(birth)
    try:
        anniversary = from_jalali(j.year + years, j.month, j.day)
    except JalaliDateError:  # Esfand 30 in a common year
        anniversary = from_jalali(j.year + years + 1, 1, 1)
    assert full_years_between(birth, anniversary) == years
    if anniversary > birth:
        assert full_years_between(birth, anniversary - timedelta(days=1)) == years - 1


def test_aware_times_are_shown_in_tehran_time():
    """A UTC time late in the evening is already the next Jalali day in Tehran."""
    from datetime import UTC, datetime

    from supervisor_app.domain.jalali import format_jalali

    late = datetime(2026, 1, 10, 21, 0, tzinfo=UTC)  # 00:30 on 2026-01-11 in Tehran
    assert format_jalali(late, persian_digits=False, with_time=True) == "1404/10/21 00:30"
    naive = datetime(2026, 1, 10, 21, 0)  # taken as Tehran wall-clock time
    assert format_jalali(naive, persian_digits=False, with_time=True) == "1404/10/20 21:00"
