"""Comparing several observer reports about one branch: where do they agree?

Two observers describing the same incident should name the same offence, judge it about
as severe, see it within a few minutes of each other and name the same witnesses. The
comparison says, per field, whether all reports agree and which reports stand apart
from the rest (so a view can highlight exactly the disagreeing cells).

Rules:

* ``category`` and ``severity`` agree when every report has the same value; a report
  stands apart when its value is not the most common one.
* ``observed_at`` agrees when the earliest and latest times are at most ``window``
  apart; a report stands apart when it is more than half the window from the median
  time.
* ``witnesses`` agree when every report names the same set of people (names compared
  after Persian normalisation: Arabic ي/ك, spacing and ZWNJ do not matter; a report
  naming nobody counts as the empty set); a report stands apart when its set is not
  the most common one. ``common_witnesses`` lists the names every report shares.

When the values are split evenly (no single most common value), every report stands
apart on that field.

Corrections: a report whose description starts with ``CORRECTION_PREFIX`` and a report
id replaces that earlier report (reports are append-only; the wire has no field for
it). ``current_reports`` drops the replaced ones before comparing.

Plain Python: no Qt, no database.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from .election_day import ObserverReport
from .jalali import IRAN_TZ
from .persian import search_key

DEFAULT_WINDOW = timedelta(minutes=15)

# The first line of a correction's description: "اصلاح گزارش <report id>".
CORRECTION_PREFIX = "اصلاح گزارش"
_CORRECTION = re.compile(rf"^{CORRECTION_PREFIX}\s+([0-9A-Za-z._:/-]{{1,64}})\s*(?:\n|$)")


class ComparedField(StrEnum):
    CATEGORY = "category"
    SEVERITY = "severity"
    OBSERVED_AT = "observed_at"
    WITNESSES = "witnesses"


@dataclass(frozen=True, slots=True)
class FieldComparison:
    """One field across the reports; ``apart[i]`` is True when report i disagrees."""

    field: ComparedField
    agree: bool
    apart: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class ReportComparison:
    reports: tuple[ObserverReport, ...]  # oldest observation first
    window: timedelta
    fields: tuple[FieldComparison, ...]
    common_witnesses: tuple[str, ...]  # as the first report spells them
    spread: timedelta  # latest minus earliest observation

    @property
    def comparable(self) -> bool:
        """Two or more reports: with fewer there is nothing to agree or disagree on."""
        return len(self.reports) >= 2

    @property
    def agreements(self) -> tuple[ComparedField, ...]:
        return tuple(f.field for f in self.fields if f.agree)

    @property
    def disagreements(self) -> tuple[ComparedField, ...]:
        return tuple(f.field for f in self.fields if not f.agree)

    def field(self, name: ComparedField) -> FieldComparison:
        return next(f for f in self.fields if f.field is name)


def correction_description(corrects: str, description: str) -> str:
    """The description of a report that replaces report ``corrects``."""
    return f"{CORRECTION_PREFIX} {corrects}\n{description}"


def corrected_report_id(report: ObserverReport) -> str | None:
    """The id of the report this one corrects, if it is a correction."""
    match = _CORRECTION.match(report.description)
    return match.group(1) if match else None


def current_reports(reports: Sequence[ObserverReport]) -> list[ObserverReport]:
    """The reports no later report corrects (order kept)."""
    replaced = {ref for r in reports if (ref := corrected_report_id(r)) is not None}
    return [r for r in reports if r.id not in replaced]


def witness_key(name: str) -> str:
    return search_key(name)


def compare_reports(
    reports: Sequence[ObserverReport], window: timedelta = DEFAULT_WINDOW
) -> ReportComparison:
    """Which fields the reports agree on, and which reports disagree on each."""
    if window < timedelta(0):
        raise ValueError("the time window must not be negative")
    ordered = tuple(sorted(reports, key=lambda r: (_utc(r.observed_at), r.id)))
    witness_sets = [frozenset(witness_key(w) for w in r.witnesses if w.strip()) for r in ordered]
    fields = (
        _by_majority(ComparedField.CATEGORY, [r.category for r in ordered]),
        _by_majority(ComparedField.SEVERITY, [r.severity for r in ordered]),
        _by_time(ordered, window),
        _by_majority(ComparedField.WITNESSES, witness_sets),
    )
    common = frozenset.intersection(*witness_sets) if witness_sets else frozenset()
    first = ordered[0].witnesses if ordered else ()
    times = [_utc(r.observed_at) for r in ordered]
    return ReportComparison(
        reports=ordered,
        window=window,
        fields=fields,
        common_witnesses=tuple(w for w in first if witness_key(w) in common),
        spread=(max(times) - min(times)) if times else timedelta(0),
    )


def _by_majority(name: ComparedField, values: Sequence[Hashable]) -> FieldComparison:
    if not values:
        return FieldComparison(name, True, ())
    counts = Counter(values)
    top = max(counts.values())
    # A tie has no majority: every report whose value is not shared by all stands apart.
    leaders = [v for v, n in counts.items() if n == top]
    majority = leaders[0] if len(leaders) == 1 else None
    agree = len(counts) == 1
    return FieldComparison(name, agree, tuple(not agree and v != majority for v in values))


def _by_time(reports: Sequence[ObserverReport], window: timedelta) -> FieldComparison:
    times = [_utc(r.observed_at) for r in reports]
    if not times:
        return FieldComparison(ComparedField.OBSERVED_AT, True, ())
    agree = max(times) - min(times) <= window
    median = _median(times)
    # Half the window each side of the median: whenever the spread exceeds the window,
    # at least one report is outside it.
    apart = tuple(not agree and abs(t - median) > window / 2 for t in times)
    return FieldComparison(ComparedField.OBSERVED_AT, agree, apart)


def _median(times: Sequence[datetime]) -> datetime:
    ordered = sorted(times)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return ordered[mid - 1] + (ordered[mid] - ordered[mid - 1]) / 2


def _utc(moment: datetime) -> datetime:
    # A naive time is Tehran wall-clock time (the app's convention, see jalali.in_iran).
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=IRAN_TZ)
    return moment.astimezone(UTC)


__all__ = [
    "CORRECTION_PREFIX",
    "DEFAULT_WINDOW",
    "ComparedField",
    "FieldComparison",
    "ReportComparison",
    "compare_reports",
    "corrected_report_id",
    "correction_description",
    "current_reports",
    "witness_key",
]
