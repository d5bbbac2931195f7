"""Board rulings: drafts, votes, sealing, supersession. A sealed ruling is never edited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .boards import BoardLevel, QuorumRule
from .candidates import LegalBasis
from .errors import DomainError
from .statemachine import StateMachine


class RulingSubject(StrEnum):
    QUALIFICATION = "qualification"
    OBJECTION = "objection"
    COMPLAINT = "complaint"
    ANNULMENT = "annulment"


class ComplaintOutcome(StrEnum):
    DISMISSED = "dismissed"
    UPHELD = "upheld"
    RECOUNT = "recount"
    ANNULMENT = "annulment"  # needs central-board approval
    JUDICIAL_REFERRAL = "judicial_referral"


class Vote(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    ABSTAIN = "abstain"


class RulingStatus(StrEnum):
    DRAFT = "draft"
    SIGNING = "signing"
    SEALED = "sealed"
    AWAITING_APPROVAL = "awaiting_approval"  # sealed annulment waiting for the central board
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"  # a draft abandoned before signing


_R = RulingStatus
RULING_MACHINE: StateMachine[RulingStatus] = StateMachine(
    "ruling",
    {
        _R.DRAFT: {_R.SIGNING, _R.WITHDRAWN},
        _R.SIGNING: {_R.SEALED, _R.AWAITING_APPROVAL, _R.DRAFT},
        _R.AWAITING_APPROVAL: {_R.SEALED, _R.SUPERSEDED},
        _R.SEALED: {_R.SUPERSEDED},
    },
)


# ``extra`` keys of a central-board ruling that decides on an annulment awaiting approval.
APPROVES_KEY = "approves"  # the annulment ruling's id
APPROVAL_KEY = "approval"  # "approved" (the default) or "refused"


def annulment_needs_approval(subject: str, extra: Mapping[str, str], level: BoardLevel) -> bool:
    """Annulling a box, branch or constituency needs the central board's approval."""
    annulment = subject == RulingSubject.ANNULMENT.value or (
        extra.get("outcome") == ComplaintOutcome.ANNULMENT.value
    )
    return annulment and level is not BoardLevel.CENTRAL


@dataclass(frozen=True, slots=True)
class MemberVote:
    member_id: str
    vote: Vote
    dissent_note: str = ""


@dataclass(slots=True)
class Ruling:
    id: str  # client-generated UUID
    board_id: str
    serial: int | None  # allocated per board when signing starts
    issued_on: date
    subject: RulingSubject
    subject_ref: str  # registration id, complaint id, ...
    legal_basis: tuple[LegalBasis, ...]
    reasoning: str
    decision: str
    present_member_ids: tuple[str, ...]
    absent_member_ids: tuple[str, ...] = ()
    votes: tuple[MemberVote, ...] = ()
    supersedes_id: str | None = None
    status: RulingStatus = RulingStatus.DRAFT
    meeting_type: str = "regular"
    extra: dict[str, str] = field(default_factory=dict)
    # An annulment by a board below the central board is not final until the central
    # board approves it (DOMAIN.md): such a ruling cannot go straight to SEALED.
    requires_central_approval: bool = False

    def __post_init__(self) -> None:
        present = set(self.present_member_ids)
        if len(present) != len(self.present_member_ids):
            raise DomainError("a member is listed as present twice")
        if present & set(self.absent_member_ids):
            raise DomainError("a member cannot be both present and absent")
        voters = [v.member_id for v in self.votes]
        if len(set(voters)) != len(voters):
            raise DomainError("a member voted twice")
        if not set(voters) <= present:
            raise DomainError("only members present at the session may vote")

    def move_to(self, target: RulingStatus) -> None:
        if (
            self.requires_central_approval
            and self.status is RulingStatus.SIGNING
            and target is RulingStatus.SEALED
        ):
            raise DomainError("this ruling needs the central board's approval before it is final")
        self.status = RULING_MACHINE.check(self.status, target)

    @property
    def editable(self) -> bool:
        return self.status is RulingStatus.DRAFT

    def ensure_editable(self) -> None:
        if not self.editable:
            raise DomainError(f"ruling {self.id} is {self.status.value}; issue a new one instead")

    def tally(self) -> dict[Vote, int]:
        counts = {v: 0 for v in Vote}
        for mv in self.votes:
            counts[mv.vote] += 1
        return counts

    def quorum_met(self, rule: QuorumRule) -> bool:
        return rule.has_quorum(len(self.present_member_ids))

    def carried(self, rule: QuorumRule) -> bool:
        """Whether the decision has the required majority of the full membership."""
        return self.quorum_met(rule) and rule.decides(self.tally()[Vote.APPROVE])
