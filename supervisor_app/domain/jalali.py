"""Jalali (Solar Hijri) dates for input and output only.

Domain code and storage keep Gregorian ``datetime.date``/``datetime.datetime``; this module
converts at the edges. All calendar arithmetic is delegated to ``jdatetime``: never
hand-roll the conversion or the leap-year rule.

Datetimes are formatted as their own wall-clock time: no time zone conversion happens
here, so callers pass local (Asia/Tehran) times.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Final, TypeVar
from zoneinfo import ZoneInfo

import jdatetime

from supervisor_app.domain.persian import normalize, to_ascii_digits, to_persian_digits

__all__ = [
    "JALALI_MONTHS",
    "JalaliDateError",
    "add_days",
    "format_jalali",
    "format_jalali_long",
    "from_jalali",
    "full_years_between",
    "parse_jalali",
    "parse_jalali_datetime",
    "to_jalali",
]

JALALI_MONTHS: Final[tuple[str, ...]] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

# Same separator twice (backreference) so "1404/10-21" is rejected as a typo.
_DATE = r"(?P<y>\d{4})\s*(?P<sep>[/\-.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
_DATE_RE = re.compile(_DATE)
_DATETIME_RE = re.compile(rf"{_DATE}(?:\s+|T){_TIME}")

_D = TypeVar("_D", bound=date)


class JalaliDateError(ValueError):
    """Text is not a valid Jalali date (malformed, or no such day in that year)."""


# Election records are read in Iran's time: an aware datetime (stored in UTC) is shown
# in Tehran time whatever the workstation's clock zone; a naive one is taken as Tehran
# wall-clock time already.
IRAN_TZ = ZoneInfo("Asia/Tehran")


def in_iran(moment: datetime) -> datetime:
    """``moment`` as Tehran wall-clock time (naive values are returned unchanged)."""
    return moment.astimezone(IRAN_TZ) if moment.tzinfo is not None else moment


def to_jalali(d: date) -> jdatetime.date:
    """Jalali date of a Gregorian date; an aware datetime's day is taken in Tehran time."""
    if isinstance(d, datetime):
        d = in_iran(d).date()
    return jdatetime.date.fromgregorian(date=d)


def _days_in_month(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def from_jalali(year: int, month: int, day: int) -> date:
    """Gregorian date of a Jalali year/month/day, or JalaliDateError naming the bad part."""
    if not 1 <= month <= 12:
        raise JalaliDateError(f"month {month} is out of range 1-12")
    if not jdatetime.MINYEAR <= year <= jdatetime.MAXYEAR:
        raise JalaliDateError(f"year {year} is out of range")
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        raise JalaliDateError(
            f"day {day} is out of range for {year}/{month:02d}: that month has {last} days"
        )
    try:
        return jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError) as exc:  # beyond Python's Gregorian range
        raise JalaliDateError(f"{year}/{month:02d}/{day:02d} is out of range: {exc}") from exc


def _digits(text: str, persian_digits: bool) -> str:
    return to_persian_digits(text) if persian_digits else text


def format_jalali(
    d: date | datetime, *, persian_digits: bool = True, with_time: bool = False
) -> str:
    """ "۱۴۰۴/۱۰/۲۱", or "۱۴۰۴/۱۰/۲۱ ۱۴:۰۵" with ``with_time`` (datetimes only)."""
    j = to_jalali(d)
    text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    if with_time:
        if not isinstance(d, datetime):
            raise TypeError("with_time=True needs a datetime, got a date")
        local = in_iran(d)
        text += f" {local.hour:02d}:{local.minute:02d}"
    return _digits(text, persian_digits)


def format_jalali_long(d: date | datetime, *, persian_digits: bool = True) -> str:
    """Day, Persian month name and year, e.g. "۲۱ دی ۱۴۰۴"."""
    j = to_jalali(d)
    return _digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}", persian_digits)


def _clean(text: str) -> str:
    if not isinstance(text, str):
        raise JalaliDateError(f"expected text, got {type(text).__name__}")
    # normalize() drops RLM/LRM and other marks that RTL text fields leave behind.
    return to_ascii_digits(normalize(text))


def parse_jalali(text: str) -> date:
    """Gregorian date of a Jalali "1404/10/21" ("-" or "." also; Persian digits allowed)."""
    cleaned = _clean(text)
    match = _DATE_RE.fullmatch(cleaned)
    if match is None:
        raise JalaliDateError(f"expected a Jalali date like 1404/10/21, got {text!r}")
    return from_jalali(int(match["y"]), int(match["m"]), int(match["d"]))


def parse_jalali_datetime(text: str) -> datetime:
    """Naive datetime of "1404/10/21 14:05" (seconds optional; Persian digits allowed)."""
    cleaned = _clean(text)
    match = _DATETIME_RE.fullmatch(cleaned)
    if match is None:
        raise JalaliDateError(
            f"expected a Jalali date and time like 1404/10/21 14:05, got {text!r}"
        )
    day = from_jalali(int(match["y"]), int(match["m"]), int(match["d"]))
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise JalaliDateError(f"time {hour:02d}:{minute:02d}:{second:02d} is out of range")
    return datetime(day.year, day.month, day.day, hour, minute, second)


def add_days(d: _D, n: int) -> _D:
    """``d`` plus ``n`` days (negative goes back); the Gregorian type of ``d`` is kept."""
    return d + timedelta(days=n)


def full_years_between(birth: date, on: date) -> int:
    """Age in full years on ``on`` of someone born on ``birth``, counted in the Jalali calendar.

    Iranian law (e.g. the 25-full-years condition for candidates) and birth certificates
    use Jalali dates, whose anniversaries can fall a day away from Gregorian ones. Someone
    born on Esfand 30 (a Jalali leap day) completes a year on Farvardin 1 of years without
    it, just as Feb 29 birthdays roll to Mar 1. Both arguments are Gregorian dates.
    """
    jb, jo = to_jalali(birth), to_jalali(on)
    if (jo.year, jo.month, jo.day) < (jb.year, jb.month, jb.day):
        raise ValueError(f"date {on} is before birth date {birth}")
    return jo.year - jb.year - ((jo.month, jo.day) < (jb.month, jb.day))
