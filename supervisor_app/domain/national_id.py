"""Iranian national id (کد ملی): 10 digits, the last one a mod-11 check digit.

Rule (DOMAIN.md): digits d0..d8, check digit d9; s = Σ d_i·(10−i) for i = 0..8;
r = s mod 11; valid when (r < 2 and d9 = r) or (r ≥ 2 and d9 = 11 − r). Ten identical
digits satisfy the checksum (r ≡ −d mod 11 always gives d9 = d) but are not real ids.

Messages are English; the UI translates them.
"""

from __future__ import annotations

import re
from typing import Final

from supervisor_app.domain.persian import to_ascii_digits

__all__ = [
    "NationalIdError",
    "is_valid_national_id",
    "make_national_id",
    "national_id_check_digit",
    "parse_national_id",
]

NATIONAL_ID_LENGTH: Final = 10

# Grouping people type or paste: spaces, hyphens ("049-937089-9" as printed on cards),
# and invisible bidi/zero-width marks picked up from RTL text fields.
_SEPARATORS = re.compile("[\\s\\-\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")


class NationalIdError(ValueError):
    """A national id (or its 9-digit prefix) is malformed or fails the check digit."""


def _check_digit(first9: str) -> int:
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(first9)) % 11
    return remainder if remainder < 2 else 11 - remainder


def _ascii_digits_only(value: str, length: int, what: str) -> str:
    digits = _SEPARATORS.sub("", to_ascii_digits(value))
    if not digits:
        raise NationalIdError(f"{what} is empty")
    if not digits.isascii() or not digits.isdigit():
        raise NationalIdError(f"{what} must contain only digits, got {value!r}")
    if len(digits) != length:
        hint = " (leading zeros lost in a spreadsheet?)" if len(digits) < length else ""
        raise NationalIdError(f"{what} must have {length} digits, got {len(digits)}{hint}")
    return digits


def national_id_check_digit(first9: str) -> int:
    """Check digit (0-9) for the first 9 digits; Persian/Arabic digits accepted."""
    return _check_digit(_ascii_digits_only(first9, 9, "national id prefix"))


def make_national_id(first9: str) -> str:
    """Complete a 9-digit prefix with its check digit; rejects prefixes of one repeated digit."""
    digits = _ascii_digits_only(first9, 9, "national id prefix")
    national_id = digits + str(_check_digit(digits))
    if len(set(national_id)) == 1:
        raise NationalIdError(f"national id prefix {digits} would give ten identical digits")
    return national_id


def parse_national_id(value: str) -> str:
    """Canonical ASCII 10-digit form of ``value`` or NationalIdError saying what is wrong.

    Accepts Persian/Arabic-Indic digits, surrounding or grouping spaces and hyphens.
    Never pads: a 9-digit value is rejected rather than guessed to have lost a zero.
    """
    if not isinstance(value, str):
        # An int has already lost any leading zeros, so it cannot be trusted.
        raise NationalIdError(f"national id must be text, got {type(value).__name__}")
    digits = _ascii_digits_only(value, NATIONAL_ID_LENGTH, "national id")
    if len(set(digits)) == 1:
        raise NationalIdError(f"national id {digits} is ten identical digits")
    expected = _check_digit(digits[:9])
    if int(digits[9]) != expected:
        raise NationalIdError(
            f"national id {digits} fails the check digit (last digit should be {expected})"
        )
    return digits


def is_valid_national_id(value: str) -> bool:
    """True when ``parse_national_id`` would accept ``value``."""
    try:
        parse_national_id(value)
    except NationalIdError:
        return False
    return True
