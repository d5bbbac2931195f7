"""``report add --observed-at``: Jalali years are read as Jalali, Gregorian ISO otherwise, and
times before the cycle's election day are refused in English and Persian."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from supervisor_app.cli import main
from supervisor_app.cli_reports import ObservedAtError, parse_observed_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1405-02-11 09:30", datetime(2026, 5, 1, 9, 30)),  # not the Gregorian year 1405
        ("1405/02/11 09:30", datetime(2026, 5, 1, 9, 30)),
        ("۱۴۰۵/۰۲/۱۱ ۰۹:۳۰", datetime(2026, 5, 1, 9, 30)),
        ("\u200f1405.02.11T09:30:15", datetime(2026, 5, 1, 9, 30, 15)),
        ("1404-12-29 23:00", datetime(2026, 3, 20, 23, 0)),
        ("2026-05-01T09:30", datetime(2026, 5, 1, 9, 30)),
        (
            "2026-05-01 09:30+03:30",
            datetime(2026, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=3, minutes=30))),
        ),
    ],
)
def test_observed_at_reads_jalali_years_as_jalali(text, expected):
    """A year 1300-1499 is Jalali (any separator, Persian digits); others are ISO 8601."""
    assert parse_observed_at(text) == expected


@pytest.mark.parametrize("text", ["1405/13/01 09:30", "1405/02/11", "دیروز", "1405-02-32 10:00"])
def test_observed_at_refuses_what_it_cannot_read_in_both_languages(text):
    """A malformed or impossible date is refused with an English and a Persian sentence."""
    with pytest.raises(ObservedAtError) as caught:
        parse_observed_at(text)
    assert "observed-at" in str(caught.value) and "شمسی" in caught.value.message_fa


def add(data_dir, observed_at: str, capsys) -> tuple[int, str, str]:
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "report",
            "add",
            "--branch",
            "BR1",
            "--category",
            "late_opening",
            "--severity",
            "low",
            "--description",
            "دیر باز شد",
            "--observed-at",
            observed_at,
            "--json",
        ]
    )
    out = capsys.readouterr()
    return code, out.out, out.err


def test_report_add_records_a_jalali_time_on_election_day(seeded_store, tmp_path, capsys):
    """'1405-02-11 09:30' is recorded as 09:30 Tehran on 11 Ordibehesht 1405 (06:00 UTC)."""
    code, out, err = add(tmp_path, "1405-02-11 09:30", capsys)
    assert code == 0, err
    assert json.loads(out)["observed_at"] == "2026-05-01T06:00:00+00:00"
    code, out, err = add(tmp_path, "2026-05-01T10:00", capsys)  # Gregorian, Tehran time
    assert code == 0, err
    assert json.loads(out)["observed_at"] == "2026-05-01T06:30:00+00:00"


def test_report_add_refuses_a_time_before_election_day(seeded_store, tmp_path, capsys):
    """A year off by one (1404) is before the cycle's election day: exit 2, both languages,
    nothing recorded."""
    code, out, err = add(tmp_path, "1404-02-11 09:30", capsys)
    assert code == 2 and out == ""
    assert "before election day" in err and "پیش از روز رأی‌گیری" in err
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.reports.count() == 0
