"""Comparing several observer reports about one branch."""

from datetime import UTC, datetime, timedelta

import pytest

from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity
from supervisor_app.domain.jalali import IRAN_TZ
from supervisor_app.domain.report_comparison import (
    ComparedField,
    compare_reports,
    corrected_report_id,
    correction_description,
    current_reports,
)

T = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
F = ComparedField


def report(
    n: int,
    *,
    minutes: int = 0,
    category: OffenceCategory = OffenceCategory.LATE_OPENING,
    severity: Severity = Severity.MEDIUM,
    witnesses: tuple[str, ...] = (),
    description: str = "شعبه دیر باز شد",
) -> ObserverReport:
    return ObserverReport(
        id=f"00000000-0000-4000-8000-{n:012d}",
        branch_code="BR1",
        observed_at=T + timedelta(minutes=minutes),
        category=category,
        severity=severity,
        description=description,
        witnesses=witnesses,
    )


def test_identical_reports_agree_on_every_field():
    """Same category, severity, witnesses and close times: everything agrees, nobody apart."""
    c = compare_reports([report(1, witnesses=("رضا",)), report(2, minutes=5, witnesses=("رضا",))])
    assert c.comparable
    assert c.agreements == (F.CATEGORY, F.SEVERITY, F.OBSERVED_AT, F.WITNESSES)
    assert c.disagreements == ()
    assert all(not any(f.apart) for f in c.fields)
    assert c.common_witnesses == ("رضا",)
    assert c.spread == timedelta(minutes=5)


def test_the_odd_one_out_is_marked_on_the_field_it_disagrees_on():
    """Three reports, one names another offence: category disagrees and only it stands apart."""
    odd = report(3, category=OffenceCategory.VOTE_BUYING)
    c = compare_reports([report(1), report(2, minutes=1), odd])
    assert c.disagreements == (F.CATEGORY,)
    cat = c.field(F.CATEGORY)
    assert cat.apart == tuple(r.id == odd.id for r in c.reports)


def test_times_agree_within_the_window_and_not_beyond():
    """Observed times 20 minutes apart agree for a 30-minute window, not for a 10-minute one."""
    reports = [report(1), report(2, minutes=20)]
    assert F.OBSERVED_AT in compare_reports(reports, timedelta(minutes=30)).agreements
    narrow = compare_reports(reports, timedelta(minutes=10))
    assert F.OBSERVED_AT in narrow.disagreements
    assert narrow.field(F.OBSERVED_AT).apart == (True, True)  # median between: both apart


def test_the_late_report_stands_apart_from_two_close_ones():
    """Two reports at 9:00 and one at 10:00: only the late one is marked on time."""
    c = compare_reports([report(1), report(2, minutes=2), report(3, minutes=60)])
    assert c.field(F.OBSERVED_AT).apart == (False, False, True)


def test_times_in_different_zones_compare_as_instants():
    """A naive Tehran time and the same instant in UTC are the same moment."""
    tehran = report(2)
    naive = ObserverReport(
        **{**_fields(tehran), "observed_at": T.astimezone(IRAN_TZ).replace(tzinfo=None)}
    )
    c = compare_reports([report(1), naive], timedelta(0))
    assert F.OBSERVED_AT in c.agreements


def _fields(r: ObserverReport) -> dict:
    return {s: getattr(r, s) for s in r.__slots__}


def test_witnesses_are_compared_as_normalised_sets():
    """Order, Arabic ي/ك and spacing do not matter; a different set disagrees."""
    a = report(1, witnesses=("علی کریمی", "زهرا"))
    b = report(2, witnesses=("زهرا", "علي  كريمي"))
    assert F.WITNESSES in compare_reports([a, b]).agreements
    c = compare_reports([a, b, report(3, witnesses=("زهرا",))])
    assert F.WITNESSES in c.disagreements
    assert c.field(F.WITNESSES).apart == (False, False, True)
    assert c.common_witnesses == ("زهرا",)


def test_an_even_split_has_no_majority():
    """Two reports with different severities: both stand apart."""
    c = compare_reports([report(1, severity=Severity.LOW), report(2, severity=Severity.HIGH)])
    assert c.field(F.SEVERITY).apart == (True, True)


def test_one_report_is_not_comparable():
    """A single report agrees with itself but the comparison says it is not comparable."""
    c = compare_reports([report(1)])
    assert not c.comparable and c.disagreements == ()
    assert not compare_reports([]).comparable


def test_negative_window_is_refused():
    """A negative time window is a programming error."""
    with pytest.raises(ValueError):
        compare_reports([report(1)], timedelta(minutes=-1))


def test_corrections_replace_the_report_they_name():
    """A correction's description names the old report; current_reports drops the old one."""
    old = report(1, category=OffenceCategory.VOTE_BUYING)
    fixed = report(2, description=correction_description(old.id, "نوع تخلف اشتباه بود"))
    assert corrected_report_id(fixed) == old.id
    assert corrected_report_id(old) is None
    assert current_reports([old, fixed, report(3)]) == [fixed, report(3)]
