"""Election day: branches, observers, observer reports and complaints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .errors import DomainError
from .statemachine import StateMachine


@dataclass(frozen=True, slots=True)
class Branch:
    """A polling branch (شعبه اخذ رأی)."""

    code: str
    constituency_code: str
    address: str
    device_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Observer:
    id: str
    full_name: str
    national_id: str
    appointment_letter: str  # شماره حکم
    branch_code: str | None
    head_observer_id: str | None = None


class OffenceCategory(StrEnum):
    """The law's offences (old Art. 67/70) plus operational categories for e-voting."""

    VOTE_BUYING = "vote_buying"
    FORGED_FORMS = "forged_forms"
    THREATS_OR_BRIBERY = "threats_or_bribery"
    FORGED_ID = "forged_id"
    MULTIPLE_VOTING = "multiple_voting"
    DISRUPTION = "disruption"
    ADDING_REMOVING_VOTES = "adding_removing_votes"
    COUNTING_FRAUD = "counting_fraud"
    PROXY_VOTING = "proxy_voting"
    STAFF_STEERING = "staff_steering"
    DOCUMENT_THEFT = "document_theft"
    SEAL_BREAKING = "seal_breaking"
    FORGED_PAPERS = "forged_papers"
    INTIMIDATION = "intimidation"
    DEVICE_FAILURE = "device_failure"
    LATE_OPENING = "late_opening"
    IDENTITY_CHECK_OUTAGE = "identity_check_outage"
    OTHER = "other"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True, slots=True)
class ObserverReport:
    """An append-only report about one branch; corrections are new reports."""

    id: str  # client-generated UUID
    branch_code: str
    observed_at: datetime
    category: OffenceCategory
    severity: Severity
    description: str
    observer_id: str | None = None
    witnesses: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    recorded_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise DomainError("a report needs a description")


class ComplainantKind(StrEnum):
    CANDIDATE = "candidate"
    OBSERVER = "observer"
    CITIZEN = "citizen"


class ComplaintStatus(StrEnum):
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    INVESTIGATING = "investigating"
    ESCALATED = "escalated"
    DECIDED = "decided"
    REJECTED = "rejected"  # not admissible (late, etc.)


_C = ComplaintStatus
COMPLAINT_MACHINE: StateMachine[ComplaintStatus] = StateMachine(
    "complaint",
    {
        _C.REGISTERED: {_C.ASSIGNED, _C.REJECTED, _C.ESCALATED},
        # A board may decide on an assigned complaint at once (e.g. dismiss it on its face).
        _C.ASSIGNED: {_C.INVESTIGATING, _C.ESCALATED, _C.DECIDED},
        _C.INVESTIGATING: {_C.DECIDED, _C.ESCALATED},
        # The higher board assigns its own member, or escalates once more (county →
        # provincial → central).
        _C.ESCALATED: {_C.ASSIGNED, _C.ESCALATED, _C.DECIDED},
        # Only when the central board refuses the annulment that decided it: the board that
        # decided rules again (its assignee investigates, or it is the higher board's again).
        _C.DECIDED: {_C.INVESTIGATING, _C.ESCALATED},
    },
)


@dataclass(slots=True)
class Complaint:
    id: str
    complainant_name: str
    complainant_national_id: str
    complainant_kind: ComplainantKind
    filed_at: datetime
    subject: str
    constituency_code: str
    branch_codes: list[str] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    status: ComplaintStatus = ComplaintStatus.REGISTERED
    assigned_to: str | None = None
    board_id: str | None = None
    filed_on_deadline: date | None = None
    # The board now handling it after an escalation (not part of the wire form: it
    # follows from the complaint's history, see domain/complaints.py).
    escalated_to_board_id: str | None = None

    def __post_init__(self) -> None:
        # Anonymous complaints are not considered (DOMAIN.md).
        if not self.complainant_name.strip() or not self.complainant_national_id.strip():
            raise DomainError("anonymous complaints are not accepted: name and national id needed")
        if not self.subject.strip():
            raise DomainError("a complaint needs a subject")

    def move_to(self, target: ComplaintStatus) -> None:
        self.status = COMPLAINT_MACHINE.check(self.status, target)
