"""Stage rules of the qualification review: who decides a dossier, and by when.

Plain rules over the cycle calendar (``cycle.py``) and the candidate status machine:

* a dossier's **review stage** follows from its status (``stage_of``);
* the **deadline** of that stage comes from the cycle's windows for the constituency's
  track, or from a relative deadline counted from the last decision or objection
  (``due_date``);
* the **deciding board** at the supervisory stage is the board whose jurisdiction covers
  the constituency: the district board for a village (the county board if the district
  has none), the county board for a city, and the provincial board for a city above
  the cycle's big-city population (DOMAIN.md: "the provincial board reviews directly");
  an objection is decided by the board it was routed to, the parent of the board that
  rejected (``supervisory_jurisdiction``, ``check_may_decide``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from .boards import Board, BoardLevel
from .candidates import CandidateStatus, DecisionStage
from .cycle import OBJECTION_DEADLINE, OBJECTION_DECISION, ElectionCycle, Stage, Track
from .errors import DomainError
from .geography import Constituency, ConstituencyKind
from .jalali import format_jalali

__all__ = [
    "Refusal",
    "ReviewStage",
    "check_may_decide",
    "days_left",
    "decision_stage_for",
    "due_date",
    "stage_of",
    "statuses_of",
    "supervisory_jurisdiction",
]


class Refusal(DomainError):
    """A rule of the review the user ran into, with the sentence the Persian UI shows.

    Domain messages are English; these few reach board members directly (a vote
    without quorum, a deadline passed), so they carry their Persian wording.
    """

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


class ReviewStage(StrEnum):
    """Where a dossier stands, as the review list filters it."""

    EXECUTIVE = "executive"  # waiting for the executive board
    SUPERVISORY = "supervisory"  # the supervisory board must decide
    OBJECTION_WINDOW = "objection_window"  # rejected; the candidate may still object
    OBJECTION_REVIEW = "objection_review"  # the higher board must decide the objection
    FINAL_LIST = "final_list"  # decided; waiting for the published list
    CLOSED = "closed"  # final, code issued or withdrawn


_S = CandidateStatus
_STAGE_OF: Final[dict[CandidateStatus, ReviewStage]] = {
    _S.REGISTERED: ReviewStage.EXECUTIVE,
    _S.EXECUTIVE_APPROVED: ReviewStage.SUPERVISORY,
    _S.EXECUTIVE_REJECTED: ReviewStage.SUPERVISORY,
    _S.SUPERVISORY_REJECTED: ReviewStage.OBJECTION_WINDOW,
    _S.OBJECTION_FILED: ReviewStage.OBJECTION_REVIEW,
    _S.SUPERVISORY_APPROVED: ReviewStage.FINAL_LIST,
    _S.OBJECTION_ACCEPTED: ReviewStage.FINAL_LIST,
    _S.OBJECTION_REJECTED: ReviewStage.FINAL_LIST,
    _S.FINAL_APPROVED: ReviewStage.CLOSED,
    _S.FINAL_REJECTED: ReviewStage.CLOSED,
    _S.CODE_ISSUED: ReviewStage.CLOSED,
    _S.WITHDRAWN: ReviewStage.CLOSED,
}

# The decision stage a supervisory board may take for a dossier in each review stage.
_DECISION_STAGE: Final[dict[ReviewStage, DecisionStage]] = {
    ReviewStage.SUPERVISORY: DecisionStage.SUPERVISORY,
    ReviewStage.OBJECTION_REVIEW: DecisionStage.OBJECTION,
}

_WINDOW_OF: Final[dict[ReviewStage, Stage]] = {
    ReviewStage.EXECUTIVE: Stage.EXECUTIVE_REVIEW,
    ReviewStage.SUPERVISORY: Stage.SUPERVISORY_REVIEW,
    ReviewStage.OBJECTION_WINDOW: Stage.OBJECTIONS,
    ReviewStage.OBJECTION_REVIEW: Stage.OBJECTION_REVIEW,
    ReviewStage.FINAL_LIST: Stage.FINAL_LISTS,
}


def stage_of(status: CandidateStatus) -> ReviewStage:
    return _STAGE_OF[status]


def statuses_of(stage: ReviewStage) -> tuple[CandidateStatus, ...]:
    """The statuses a review stage covers (for list filters)."""
    return tuple(s for s, st in _STAGE_OF.items() if st is stage)


def decision_stage_for(status: CandidateStatus) -> DecisionStage | None:
    """Which decision a supervisory board may take now, if any."""
    return _DECISION_STAGE.get(stage_of(status))


def due_date(
    status: CandidateStatus, track: Track, cycle: ElectionCycle, anchor: date | None = None
) -> date | None:
    """The last day to act on a dossier in ``status``; None when nothing is due.

    ``anchor`` is the day the current stage started for this dossier: the day the
    rejection was notified (objection window; taken to be the day it was decided) or the
    objection filed (objection review).
    Without one, or without a relative rule in the cycle, the stage window's last day
    for the track is the deadline.
    """
    stage = stage_of(status)
    relative = {
        ReviewStage.OBJECTION_WINDOW: OBJECTION_DEADLINE,
        ReviewStage.OBJECTION_REVIEW: OBJECTION_DECISION,
    }.get(stage)
    if anchor is not None and relative is not None:
        try:
            return cycle.deadline(relative).due(anchor)
        except DomainError:
            pass
    window = _WINDOW_OF.get(stage)
    if window is None:
        return None
    try:
        return cycle.window(window, track).end
    except DomainError:
        return None


def days_left(due: date | None, today: date) -> int | None:
    """Whole days until ``due`` (0 = due today, negative = overdue)."""
    return None if due is None else (due - today).days


def track_of(cycle: ElectionCycle, constituency: Constituency) -> Track:
    return cycle.track_for(constituency.kind.value, constituency.population)


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The level and area code of the board that reviews a constituency first."""

    level: BoardLevel
    area: str
    fallback: tuple[BoardLevel, str] | None = None  # when no board sits at ``level``


def supervisory_jurisdiction(
    constituency: Constituency, track: Track, province_code: str
) -> Jurisdiction:
    if track is Track.BIG_CITY:
        return Jurisdiction(BoardLevel.PROVINCIAL, province_code)
    county = (BoardLevel.COUNTY, constituency.county_code)
    if constituency.kind is ConstituencyKind.VILLAGE and constituency.district_code:
        return Jurisdiction(BoardLevel.DISTRICT, constituency.district_code, county)
    return Jurisdiction(*county)


def check_may_decide(
    board: Board,
    status: CandidateStatus,
    *,
    responsible_board_id: str | None,
    on: date,
    due: date | None,
) -> DecisionStage:
    """The decision stage ``board`` may take on ``on``, or DomainError saying why not.

    ``responsible_board_id`` is the supervisory board of the constituency (supervisory
    stage) or the board the objection was routed to (objection stage).
    """
    stage = decision_stage_for(status)
    if stage is None:
        raise Refusal(
            f"a dossier that is '{status.value}' has no decision due from a board",
            "در این مرحله تصمیمی درباره این پرونده از هیات نظارت لازم نیست.",
        )
    if responsible_board_id is not None and board.id != responsible_board_id:
        raise Refusal(
            f"board {board.id} may not decide this dossier; it belongs to {responsible_board_id}",
            "تصمیم درباره این پرونده با هیات دیگری است.",
        )
    if due is not None and on > due:
        raise Refusal(
            f"the deadline for this decision was {due.isoformat()}",
            f"مهلت این تصمیم {format_jalali(due)} به پایان رسیده است.",
        )
    return stage


# --- the review list's filter ------------------------------------------------------------


class DeadlineFilter(StrEnum):
    TODAY = "today"
    SOON = "soon"  # today or within SOON_DAYS
    OVERDUE = "overdue"


SOON_DAYS: Final = 3
ANY_FAILED_CHECK: Final = "*"  # failed_check value meaning "failed any automatic check"


@dataclass(frozen=True, slots=True)
class DossierFilter:
    """What the review list shows: search text plus any combination of filters.

    Plain values only, so a filter saves as a small JSON object (saved filters) and
    compares by value (the list reloads only when it really changed).
    """

    text: str = ""
    constituency_code: str | None = None
    county_code: str | None = None
    status: CandidateStatus | None = None
    stage: ReviewStage | None = None
    gender: str | None = None
    education: int | None = None
    failed_check: str | None = None  # ANY_FAILED_CHECK or a rule code
    deadline: DeadlineFilter | None = None

    @property
    def is_empty(self) -> bool:
        return self == DossierFilter()

    def to_json(self) -> dict[str, str | int]:
        """The criteria without the search text, for saving under a name."""
        values: dict[str, str | int | None] = {
            "constituency_code": self.constituency_code,
            "county_code": self.county_code,
            "status": self.status.value if self.status else None,
            "stage": self.stage.value if self.stage else None,
            "gender": self.gender,
            "education": self.education,
            "failed_check": self.failed_check,
            "deadline": self.deadline.value if self.deadline else None,
            "text": self.text or None,
        }
        return {k: v for k, v in values.items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> DossierFilter:
        """The filter saved by ``to_json``; unknown keys (a newer version's) are ignored."""

        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value not in (None, "") else None

        status, stage, deadline = text("status"), text("stage"), text("deadline")
        education = data.get("education")
        return cls(
            text=text("text") or "",
            constituency_code=text("constituency_code"),
            county_code=text("county_code"),
            status=CandidateStatus(status) if status else None,
            stage=ReviewStage(stage) if stage else None,
            gender=text("gender"),
            education=int(education) if isinstance(education, int | str) else None,
            failed_check=text("failed_check"),
            deadline=DeadlineFilter(deadline) if deadline else None,
        )
