"""Iranian national id (کد ملی) check digit, parsing and construction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.national_id import (
    NationalIdError,
    is_valid_national_id,
    make_national_id,
    national_id_check_digit,
    parse_national_id,
)
from supervisor_app.domain.persian import to_persian_digits

PROPERTY = settings(database=None, deadline=None, max_examples=300)

prefixes = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda s: len(set(s)) > 1)


def _residue(national_id: str) -> int:
    return sum(int(d) * (10 - i) for i, d in enumerate(national_id[:9])) % 11


def test_known_valid_id():
    """0499370899 is a valid national id."""
    assert is_valid_national_id("0499370899")
    assert national_id_check_digit("049937089") == 9


def test_wrong_check_digit_is_invalid():
    """0499370898 (check digit off by one) is invalid."""
    assert not is_valid_national_id("0499370898")


@pytest.mark.parametrize("digit", "0123456789")
def test_ten_identical_digits_are_invalid(digit):
    """1111111111 and the other repeated-digit ids pass the checksum but are rejected."""
    assert not is_valid_national_id(digit * 10)


@pytest.mark.parametrize("digit", "0123456789")
def test_make_rejects_repeated_digit_prefix(digit):
    """A prefix of nine identical digits would complete to ten identical digits."""
    with pytest.raises(NationalIdError):
        make_national_id(digit * 9)


def test_persian_and_arabic_digits_are_accepted():
    """Persian and Arabic-Indic digits parse to the ASCII canonical form."""
    assert parse_national_id("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert parse_national_id("٠٤٩٩٣٧٠٨٩٩") == "0499370899"


def test_grouping_and_invisible_marks_are_ignored():
    """Surrounding spaces, card-style hyphens and RTL marks are stripped."""
    assert parse_national_id(" 049-937089-9 ") == "0499370899"
    assert parse_national_id("\u200f۰۴۹۹۳۷۰۸۹۹\u200e") == "0499370899"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "empty"),
        (" - ", "empty"),
        ("499370899", "leading zeros"),
        ("04993708999", "10 digits"),
        ("04993708a9", "only digits"),
        ("0499370898", "check digit"),
        ("0000000000", "identical"),
    ],
)
def test_parse_errors_say_what_is_wrong(value, fragment):
    """parse_national_id raises NationalIdError (a ValueError) with a specific message."""
    with pytest.raises(NationalIdError, match=fragment) as info:
        parse_national_id(value)
    assert isinstance(info.value, ValueError)


def test_parse_rejects_non_text():
    """An int is rejected: it may already have lost leading zeros."""
    with pytest.raises(NationalIdError, match="text"):
        parse_national_id(499370899)  # type: ignore[arg-type]
    assert not is_valid_national_id(499370899)  # type: ignore[arg-type]


def test_check_digit_rejects_bad_prefix():
    """The check digit needs exactly 9 digits."""
    with pytest.raises(NationalIdError):
        national_id_check_digit("12345678")
    with pytest.raises(NationalIdError):
        national_id_check_digit("12345678x")


def test_single_digit_change_can_stay_valid_between_residues_1_and_10():
    """Residues 1 and 10 both give check digit 1, so one edit may keep an id valid."""
    assert is_valid_national_id("0000000051")  # residue 10
    assert is_valid_national_id("0000000061")  # residue 1


@given(prefixes)
@PROPERTY
def test_made_ids_are_valid(first9):
    """make_national_id of any prefix that is not one repeated digit is valid."""
    national_id = make_national_id(first9)
    assert national_id[:9] == first9
    assert is_valid_national_id(national_id)
    assert parse_national_id(to_persian_digits(national_id)) == national_id


@given(prefixes, st.integers(0, 9), st.integers(1, 9))
@PROPERTY
def test_single_digit_change_breaks_validity(first9, position, delta):
    """Changing one digit invalidates an id, except a residue move between 1 and 10."""
    original = make_national_id(first9)
    digits = list(original)
    digits[position] = str((int(digits[position]) + delta) % 10)
    changed = "".join(digits)
    if position < 9 and {_residue(original), _residue(changed)} == {1, 10}:
        # Both residues map to check digit 1: the one collision the checksum allows.
        assert is_valid_national_id(changed) == (len(set(changed)) > 1)
    else:
        assert not is_valid_national_id(changed)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
@PROPERTY
def test_validity_matches_the_rule(national_id):
    """is_valid_national_id agrees with the DOMAIN.md rule written out directly."""
    r = _residue(national_id)
    d9 = int(national_id[9])
    expected = ((r < 2 and d9 == r) or (r >= 2 and d9 == 11 - r)) and len(set(national_id)) > 1
    assert is_valid_national_id(national_id) == expected
