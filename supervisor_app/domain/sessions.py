"""Board sessions (جلسه هیات): agenda, attendance, quorum, votes, and the drafts they yield.

Members vote on the *proposal* of each agenda item (approve or reject the candidate, or
accept or reject an objection): for (``Vote.APPROVE``), against (``Vote.REJECT``) or
abstain, with a dissent note. That is the meaning ``Ruling.carried`` gives to votes, so
the draft ruling of an item carries exactly when the proposal had the majority of the
full membership. Changing a proposal clears its votes: they were cast on another text.

Who votes: present members other than alternates, plus present alternates standing in
for absent regular members (one each, in id order). Quorum counts those voters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Final

from .boards import BoardMember, MemberRole, QuorumRule
from .candidates import DecisionOutcome, LegalBasis
from .errors import DomainError
from .review import Refusal
from .rulings import MemberVote, Ruling, RulingSubject, Vote

__all__ = [
    "AgendaItem",
    "BoardSession",
    "SessionStatus",
    "decision_text",
    "draft_ruling",
]


class SessionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


# The decision as a ruling states it (rulings are Persian documents whatever the UI).
_DECISION_TEXT: Final[dict[tuple[RulingSubject, DecisionOutcome], str]] = {
    (RulingSubject.QUALIFICATION, DecisionOutcome.APPROVED): "تأیید صلاحیت داوطلب",
    (RulingSubject.QUALIFICATION, DecisionOutcome.REJECTED): "رد صلاحیت داوطلب",
    (RulingSubject.OBJECTION, DecisionOutcome.APPROVED): "پذیرش اعتراض و تأیید صلاحیت داوطلب",
    (RulingSubject.OBJECTION, DecisionOutcome.REJECTED): "رد اعتراض و ابقای رأی رد صلاحیت",
}


def decision_text(subject: RulingSubject, proposal: DecisionOutcome) -> str:
    return _DECISION_TEXT[(subject, proposal)]


@dataclass(slots=True)
class AgendaItem:
    """One dossier (or objection) on the agenda, with its proposal and the votes on it."""

    subject: RulingSubject
    subject_ref: str  # registration id, or objection id
    registration_id: str
    proposal: DecisionOutcome
    legal_basis: tuple[LegalBasis, ...] = ()
    reasoning: str = ""
    votes: tuple[MemberVote, ...] = ()
    ruling_id: str | None = None  # set when the session closes with the proposal carried
    decision_id: str | None = None

    def __post_init__(self) -> None:
        if self.subject not in (RulingSubject.QUALIFICATION, RulingSubject.OBJECTION):
            raise DomainError(f"a board session does not decide {self.subject.value} matters")

    def vote_of(self, member_id: str) -> MemberVote | None:
        return next((v for v in self.votes if v.member_id == member_id), None)

    def tally(self) -> dict[Vote, int]:
        counts = dict.fromkeys(Vote, 0)
        for v in self.votes:
            counts[v.vote] += 1
        return counts

    def carried(self, rule: QuorumRule) -> bool:
        return rule.decides(self.tally()[Vote.APPROVE])

    @property
    def decided(self) -> bool:
        return self.ruling_id is not None


@dataclass(slots=True)
class BoardSession:
    id: str
    board_id: str
    held_on: date
    meeting_type: str = "regular"
    status: SessionStatus = SessionStatus.OPEN
    present_member_ids: tuple[str, ...] = ()
    agenda: list[AgendaItem] = field(default_factory=list)

    # --- state -------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status is SessionStatus.OPEN

    def ensure_open(self) -> None:
        if not self.is_open:
            raise Refusal(
                f"session {self.id} is closed; its record cannot change",
                "این جلسه پایان یافته است و صورت آن تغییر نمی‌کند.",
            )

    # --- attendance and quorum --------------------------------------------------------

    def set_present(self, member_ids: Iterable[str], members: Sequence[BoardMember]) -> None:
        """Record who attends; votes of members no longer present are dropped."""
        self.ensure_open()
        known = {m.id for m in members if m.board_id == self.board_id}
        present = tuple(dict.fromkeys(member_ids))
        unknown = [m for m in present if m not in known]
        if unknown:
            raise DomainError(f"not members of board {self.board_id}: {', '.join(unknown)}")
        self.present_member_ids = present
        voters = set(self.voters(members))
        for i, item in enumerate(self.agenda):
            if not item.decided:
                kept = tuple(v for v in item.votes if v.member_id in voters)
                self.agenda[i] = replace(item, votes=kept)

    def voters(self, members: Sequence[BoardMember]) -> tuple[str, ...]:
        """Members whose votes count: present regulars, and alternates for absent ones."""
        present = set(self.present_member_ids)
        board = sorted((m for m in members if m.board_id == self.board_id), key=lambda m: m.id)
        regulars = [m for m in board if m.role is not MemberRole.ALTERNATE and m.active]
        alternates = [m for m in board if m.role is MemberRole.ALTERNATE and m.active]
        voting = [m.id for m in regulars if m.id in present]
        absent_regulars = len(regulars) - len(voting)
        voting += [m.id for m in alternates if m.id in present][:absent_regulars]
        return tuple(voting)

    def quorum_met(self, rule: QuorumRule, members: Sequence[BoardMember]) -> bool:
        return rule.has_quorum(len(self.voters(members)))

    # --- agenda -----------------------------------------------------------------------

    def item(self, subject_ref: str) -> AgendaItem:
        for item in self.agenda:
            if item.subject_ref == subject_ref:
                return item
        raise Refusal(
            f"{subject_ref} is not on the agenda of session {self.id}",
            "این مورد در دستور این جلسه نیست.",
        )

    def _index(self, subject_ref: str) -> int:
        return self.agenda.index(self.item(subject_ref))

    def add(self, item: AgendaItem) -> None:
        self.ensure_open()
        if any(i.subject_ref == item.subject_ref for i in self.agenda):
            raise Refusal(
                f"{item.subject_ref} is already on the agenda",
                "این مورد در دستور همین جلسه هست.",
            )
        self.agenda.append(item)

    def remove(self, subject_ref: str) -> None:
        self.ensure_open()
        del self.agenda[self._index(subject_ref)]

    def set_proposal(
        self,
        subject_ref: str,
        proposal: DecisionOutcome,
        legal_basis: tuple[LegalBasis, ...],
        reasoning: str,
    ) -> None:
        """Change what is put to the vote; a changed proposal or basis clears the votes."""
        self.ensure_open()
        index = self._index(subject_ref)
        item = self.agenda[index]
        votes = item.votes
        if (proposal, legal_basis) != (item.proposal, item.legal_basis):
            votes = ()
        self.agenda[index] = replace(
            item, proposal=proposal, legal_basis=legal_basis, reasoning=reasoning, votes=votes
        )

    # --- votes ------------------------------------------------------------------------

    def cast(
        self,
        subject_ref: str,
        member_id: str,
        vote: Vote,
        members: Sequence[BoardMember],
        rule: QuorumRule,
        dissent_note: str = "",
    ) -> None:
        """Record (or change) one member's vote on an item's proposal."""
        self.ensure_open()
        if not self.quorum_met(rule, members):
            raise Refusal(
                "the session has no quorum; votes cannot be taken",
                "جلسه به حد نصاب نرسیده است؛ رأی‌گیری ممکن نیست.",
            )
        if member_id not in self.voters(members):
            raise Refusal(
                f"member {member_id} is not present or does not vote",
                "این عضو حاضر نیست یا در این جلسه حق رأی ندارد.",
            )
        index = self._index(subject_ref)
        item = self.agenda[index]
        note = dissent_note.strip() if vote is not Vote.APPROVE else ""
        votes = [v for v in item.votes if v.member_id != member_id]
        votes.append(MemberVote(member_id, vote, note))
        order = {m: n for n, m in enumerate(self.voters(members))}
        votes.sort(key=lambda v: order.get(v.member_id, len(order)))
        self.agenda[index] = replace(item, votes=tuple(votes))

    # --- closing ----------------------------------------------------------------------

    def carried_items(self, rule: QuorumRule) -> list[AgendaItem]:
        return [i for i in self.agenda if not i.decided and i.carried(rule)]

    def check_can_close(self, rule: QuorumRule, members: Sequence[BoardMember]) -> None:
        self.ensure_open()
        if not self.quorum_met(rule, members):
            raise Refusal("the session has no quorum", "جلسه به حد نصاب نرسیده است.")
        for item in self.carried_items(rule):
            if item.proposal is DecisionOutcome.REJECTED and not (
                item.legal_basis and item.reasoning.strip()
            ):
                raise Refusal(
                    f"the rejection of {item.subject_ref} needs its legal basis and reasoning",
                    "رد صلاحیت بدون مستند قانونی و استدلال ممکن نیست.",
                )

    def close(self) -> None:
        self.ensure_open()
        self.status = SessionStatus.CLOSED

    def mark_decided(self, subject_ref: str, ruling_id: str, decision_id: str) -> None:
        index = self._index(subject_ref)
        self.agenda[index] = replace(
            self.agenda[index], ruling_id=ruling_id, decision_id=decision_id
        )


def draft_ruling(
    session: BoardSession,
    item: AgendaItem,
    members: Sequence[BoardMember],
    ruling_id: str,
) -> Ruling:
    """The DRAFT ruling recording an item's decision, for the members to sign."""
    present = session.present_member_ids
    absent = tuple(
        m.id
        for m in sorted(members, key=lambda m: m.id)
        if m.board_id == session.board_id and m.active and m.id not in present
    )
    return Ruling(
        id=ruling_id,
        board_id=session.board_id,
        serial=None,
        issued_on=session.held_on,
        subject=item.subject,
        subject_ref=item.subject_ref,
        legal_basis=item.legal_basis,
        reasoning=item.reasoning,
        decision=decision_text(item.subject, item.proposal),
        present_member_ids=present,
        absent_member_ids=absent,
        votes=item.votes,
        meeting_type=session.meeting_type,
        extra={
            "session_id": session.id,
            "registration_id": item.registration_id,
            "proposal": item.proposal.value,
        },
    )
