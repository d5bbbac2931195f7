"""Election cycles and their calendars: stage windows and relative deadlines, all as data.

Dates are Gregorian ``date`` objects internally; Jalali is for input and display only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from .errors import DomainError


class Stage(StrEnum):
    """Stages of the qualification process, in order."""

    REGISTRATION = "registration"
    INQUIRIES = "inquiries"
    EXECUTIVE_REVIEW = "executive_review"
    SUPERVISORY_REVIEW = "supervisory_review"
    OBJECTIONS = "objections"
    OBJECTION_REVIEW = "objection_review"
    FINAL_LISTS = "final_lists"
    CAMPAIGN = "campaign"
    ELECTION_DAY = "election_day"
    COMPLAINTS = "complaints"


class Track(StrEnum):
    """Calendars differ by the kind and size of the constituency."""

    CITY = "city"
    BIG_CITY = "big_city"  # above 200,000 people: provincial board reviews directly
    VILLAGE = "village"


@dataclass(frozen=True, slots=True)
class StageWindow:
    stage: Stage
    track: Track
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DomainError(f"stage {self.stage.value} ends before it starts")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class RelativeDeadline:
    """A deadline counted from an event, e.g. objection within 4 days of notification.

    ``inclusive`` means the last day counts in full (the usual reading of "within N days").
    """

    name: str
    anchor: str  # the event the count starts from, e.g. "notification"
    days: int
    inclusive: bool = True

    def due(self, anchor_day: date) -> date:
        return anchor_day + timedelta(days=self.days if self.inclusive else self.days - 1)

    def is_open(self, anchor_day: date, today: date) -> bool:
        return today <= self.due(anchor_day)

    def days_left(self, anchor_day: date, today: date) -> int:
        return (self.due(anchor_day) - today).days


@dataclass(frozen=True, slots=True)
class ElectionCycle:
    """One election (e.g. the 7th council term) with its calendar and deadline rules."""

    code: str
    title: str
    election_day: date
    minimum_age: int = 25
    big_city_population: int = 200_000
    windows: tuple[StageWindow, ...] = ()
    deadlines: tuple[RelativeDeadline, ...] = field(default_factory=tuple)

    def window(self, stage: Stage, track: Track) -> StageWindow:
        for w in self.windows:
            if w.stage is stage and w.track is track:
                return w
        raise DomainError(f"cycle {self.code} has no {stage.value} window for {track.value}")

    def deadline(self, name: str) -> RelativeDeadline:
        for d in self.deadlines:
            if d.name == name:
                return d
        raise DomainError(f"cycle {self.code} has no deadline rule '{name}'")

    def stage_on(self, day: date, track: Track) -> Stage | None:
        """The stage in progress on ``day`` for a track, if any."""
        for w in self.windows:
            if w.track is track and w.contains(day):
                return w.stage
        return None

    def track_for(self, kind: str, population: int | None) -> Track:
        if kind == "village":
            return Track.VILLAGE
        if population is not None and population > self.big_city_population:
            return Track.BIG_CITY
        return Track.CITY

    def registration_date_bounds(self, track: Track) -> tuple[date, date]:
        w = self.window(Stage.REGISTRATION, track)
        return w.start, w.end


# Names of the relative deadlines services look up (their lengths are per-cycle data).
OBJECTION_DEADLINE = "objection_after_notification"
OBJECTION_DECISION = "objection_decision"
COMPLAINT_FILING = "complaint_after_results"
COMPLAINT_DECISION = "complaint_decision"
CRIMINAL_RECORD_VALIDITY = "criminal_record_certificate_validity"
ART41_RESIGNATION = "art41_resignation_before_registration"
CONSTITUENCY_CHANGE = "constituency_change_before_election"
