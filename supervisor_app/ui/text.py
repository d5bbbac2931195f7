"""Text shaping helpers for a right-to-left UI: LTR islands and display formats.

Ids, numbers and paths inside Persian text must keep their left-to-right order; the
Unicode isolates LRI…PDI (U+2066…U+2069) do that without disturbing the surrounding
paragraph, unlike LRE/PDF embeddings or LRM marks. The shipped font has no glyphs for
the isolates, but Qt shapes them with HarfBuzz as default-ignorable characters (zero
width, no font fallback); ``tests/ui/test_fonts.py`` pins that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from supervisor_app.domain.jalali import format_jalali, format_jalali_long, in_iran
from supervisor_app.domain.persian import format_number, to_persian_digits

if TYPE_CHECKING:
    from supervisor_app.settings import Settings

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


def ltr(text: str) -> str:
    """``text`` as a left-to-right island that keeps its order inside right-to-left text."""
    if not text:
        return text
    return f"{LRI}{text}{PDI}"


@dataclass(frozen=True, slots=True)
class Formatter:
    """How numbers, ids and dates are shown: Persian digits in the Persian UI."""

    persian: bool = True

    @classmethod
    def for_settings(cls, settings: Settings) -> Formatter:
        return cls(persian=settings.language != "en")

    def digits(self, text: str | int) -> str:
        return to_persian_digits(text) if self.persian else str(text)

    def number(self, n: int) -> str:
        """A count with thousands separators (``۱۲٬۳۴۵`` or ``12,345``)."""
        return format_number(n) if self.persian else f"{n:,}"

    def identifier(self, text: str) -> str:
        """A numeric id (national id): digits localised, always read left to right."""
        return ltr(self.digits(text))

    def code(self, text: str) -> str:
        """A code with letters (registration id ``R-1404-0000159``): kept as issued, LTR."""
        return ltr(text)

    def date(self, d: date) -> str:
        """A Jalali date, ``۱۳۶۵/۰۴/۱۲``."""
        return format_jalali(d, persian_digits=self.persian)

    def long_date(self, d: date) -> str:
        """A Jalali date with the month's name (Persian UI) or numeric (English UI)."""
        if self.persian:
            return format_jalali_long(d)
        return format_jalali(d, persian_digits=False)

    def clock(self, moment: datetime) -> str:
        """The time of day, ``۱۴:۰۵``."""
        return self.digits(f"{moment.hour:02d}:{moment.minute:02d}")

    @staticmethod
    def local(moment: datetime) -> datetime:
        """``moment`` in Tehran time, whatever the workstation's zone (naive = already)."""
        return in_iran(moment)
