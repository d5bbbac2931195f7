"""Board sessions: agenda, attendance and quorum, votes, and ruling drafts.

Closing a session turns every item whose proposal carried into a qualification
decision (checked against the stage rules: the right board, the stage the dossier is
in, the deadline) and a DRAFT ruling stored through the rulings repository; signing and
sealing the drafts is ``services/rulings.py``'s job. Items without a majority stay
undecided, to be put to another session. Each call is one unit of work; decisions and
objections leave through the outbox in the same transaction, with an audit event.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.boards import Board, BoardMember, QuorumRule
from ..domain.candidates import (
    CandidateStatus,
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
    ObjectionStatus,
    QualificationDecision,
)
from ..domain.cycle import OBJECTION_DEADLINE
from ..domain.errors import DomainError, RulesTableError
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.persian import persian_sort_key
from ..domain.review import (
    Refusal,
    ReviewStage,
    check_may_decide,
    decision_stage_for,
    stage_of,
)
from ..domain.rulings import RulingSubject, Vote
from ..domain.sessions import AgendaItem, BoardSession, SessionStatus, draft_ruling
from ..store import Store, UnitOfWork
from ..store.repositories.qualification import legal_basis_json
from .review import APPROVAL_REASONING, ReviewService, utc_now

Today = Callable[[], date]
Clock = Callable[[], datetime]

# What an approval cites when nothing failed: the conditions of Art. 37 were met.
APPROVAL_BASIS: tuple[LegalBasis, ...] = (LegalBasis("37"),)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: str
    board_id: str
    board_name: str
    held_on: date
    status: SessionStatus
    items: int
    decided: int


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """An agenda item with what the session view shows next to it."""

    item: AgendaItem
    candidate_name: str
    constituency_name: str
    status: CandidateStatus
    failed_checks: tuple[str, ...]
    carried: bool


@dataclass(frozen=True, slots=True)
class SessionView:
    session: BoardSession
    board: Board
    members: tuple[BoardMember, ...]
    voters: tuple[str, ...]
    quorum_met: bool
    entries: tuple[AgendaEntry, ...]
    check_titles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def rule(self) -> QuorumRule:
        return self.board.quorum

    def entry(self, subject_ref: str) -> AgendaEntry:
        for e in self.entries:
            if e.item.subject_ref == subject_ref:
                return e
        raise DomainError(f"{subject_ref} is not on the agenda")


@dataclass(frozen=True, slots=True)
class CloseResult:
    drafts: tuple[str, ...]  # ids of the DRAFT rulings created
    decisions: tuple[str, ...]
    undecided: tuple[str, ...]  # subject refs left without a majority


def decision_payload(d: QualificationDecision) -> dict[str, object]:
    return {
        "id": d.id,
        "registration_id": d.registration_id,
        "stage": d.stage.value,
        "board_id": d.board_id,
        "outcome": d.outcome.value,
        "legal_basis": legal_basis_json(d.legal_basis),
        "reason": d.reason,
        "decided_on": d.decided_on.isoformat(),
        "ruling_id": d.ruling_id,
    }


class SessionService:
    def __init__(
        self,
        store: Store,
        review: ReviewService,
        *,
        today: Today | None = None,
        now: Clock = utc_now,
        actor: str = "workstation",
    ) -> None:
        self._store = store
        self._review = review
        self._today = today or review.today
        self._now = now
        self._actor = actor

    # --- reading ------------------------------------------------------------------------

    def sessions(self, board_id: str | None = None, limit: int = 200) -> list[SessionSummary]:
        """Sessions, newest first."""
        with self._store.unit_of_work(read_only=True) as uow:
            sessions = uow.sessions.for_board(board_id, limit=limit)
            names = {b.id: b.name for b in uow.boards.all()}
        return [
            SessionSummary(
                s.id,
                s.board_id,
                names.get(s.board_id, s.board_id),
                s.held_on,
                s.status,
                len(s.agenda),
                sum(1 for i in s.agenda if i.decided),
            )
            for s in sessions
        ]

    def boards(self) -> list[tuple[str, str]]:
        """(id, name) of every board, central first, then by level and name."""
        order = {"central": 0, "provincial": 1, "county": 2, "district": 3}
        with self._store.unit_of_work(read_only=True) as uow:
            boards = uow.boards.all()
        boards.sort(key=lambda b: (order.get(b.level.value, 9), persian_sort_key(b.name)))
        return [(b.id, b.name) for b in boards]

    def view(self, session_id: str) -> SessionView:
        with self._store.unit_of_work(read_only=True) as uow:
            session, board, members = self._load(uow, session_id)
            entries: list[AgendaEntry] = []
            for item in session.agenda:
                dossier = uow.dossiers.get(item.registration_id)
                if dossier is None:
                    continue
                stored_id = uow.review.dossier_id(item.registration_id)
                stored = uow.review.stored(stored_id) if stored_id is not None else None
                failed = tuple(c for c in (stored.failed_codes if stored else "").split(",") if c)
                entries.append(
                    AgendaEntry(
                        item=item,
                        candidate_name=dossier.full_name,
                        constituency_name=self._review.reference().names.get(
                            dossier.constituency_code, dossier.constituency_code
                        ),
                        status=dossier.status,
                        failed_checks=failed,
                        carried=item.carried(board.quorum),
                    )
                )
        return SessionView(
            session=session,
            board=board,
            members=tuple(members),
            voters=session.voters(members),
            quorum_met=session.quorum_met(board.quorum, members),
            entries=tuple(entries),
            check_titles=self._check_titles(),
        )

    def _check_titles(self) -> dict[str, Mapping[str, str]]:
        # A broken rules file shows check codes instead of titles; the session goes on.
        try:
            return {r.code: r.titles for r in self._review.rules().automatic}
        except RulesTableError:
            return {}

    @staticmethod
    def _load(uow: UnitOfWork, session_id: str) -> tuple[BoardSession, Board, list[BoardMember]]:
        session = uow.sessions.get(session_id)
        if session is None:
            raise DomainError(f"no session {session_id}")
        board = uow.boards.get(session.board_id)
        if board is None:
            raise DomainError(f"session {session_id} names an unknown board")
        members = uow.boards.members(board.id, active_only=True)
        return session, board, members

    # --- opening and the agenda ------------------------------------------------------------

    def open(
        self, board_id: str, held_on: date | None = None, meeting_type: str = "regular"
    ) -> str:
        """A new, empty session of ``board_id`` (today unless ``held_on``)."""
        with self._store.unit_of_work() as uow:
            if uow.boards.get(board_id) is None:
                raise DomainError(f"no board {board_id}")
            session = BoardSession(
                str(uuid.uuid4()), board_id, held_on or self._today(), meeting_type
            )
            uow.sessions.add(session)
            self._audit(uow, "session.opened", session.id, {"board_id": board_id})
        return session.id

    def add_to_agenda(self, registration_id: str) -> str:
        """Put a dossier before the board that must decide it: that board's open session
        of today, opened if there is none. Returns the session id."""
        board = self._deciding_board(registration_id)
        with self._store.unit_of_work(read_only=True) as uow:
            existing = uow.sessions.open_for(board.id, self._today())
        session_id = existing.id if existing else self.open(board.id)
        self.add_dossier(session_id, registration_id)
        return session_id

    def _deciding_board(self, registration_id: str) -> Board:
        detail = self._review.detail(registration_id)
        status = detail.dossier.status
        if stage_of(status) is ReviewStage.OBJECTION_REVIEW:
            open_objections = [
                o
                for o in detail.objections
                if o.status in (ObjectionStatus.FILED, ObjectionStatus.UNDER_REVIEW)
            ]
            if not open_objections:
                raise Refusal(
                    f"dossier {registration_id} has no open objection",
                    "این پرونده اعتراض بازی ندارد.",
                )
            with self._store.unit_of_work(read_only=True) as uow:
                board = uow.boards.get(open_objections[-1].routed_to_board_id)
            if board is None:
                raise DomainError("the objection is routed to an unknown board")
            return board
        if decision_stage_for(status) is None:
            raise Refusal(
                f"dossier {registration_id} has no decision due from a board",
                "در این مرحله تصمیمی درباره این پرونده از هیات نظارت لازم نیست.",
            )
        if detail.responsible_board is None:
            raise Refusal(
                f"no supervisory board covers dossier {registration_id}",
                "هیات نظارتی برای حوزه این پرونده در داده‌ها نیست.",
            )
        return detail.responsible_board

    def add_dossier(self, session_id: str, registration_id: str) -> None:
        """Put a dossier (or its open objection) on a session's agenda, with a proposal
        pre-filled from the checks: reject citing the failed ones, else approve."""
        detail = self._review.detail(registration_id)
        status = detail.dossier.status
        if stage_of(status) is ReviewStage.OBJECTION_REVIEW:
            objection = next(
                (
                    o
                    for o in reversed(detail.objections)
                    if o.status in (ObjectionStatus.FILED, ObjectionStatus.UNDER_REVIEW)
                ),
                None,
            )
            if objection is None:
                raise DomainError(f"dossier {registration_id} has no open objection")
            self.add_objection(session_id, objection.id)
            return
        with self._store.unit_of_work() as uow:
            session, board, _members = self._load(uow, session_id)
            check_may_decide(
                board,
                status,
                responsible_board_id=detail.responsible_board.id
                if detail.responsible_board
                else None,
                on=session.held_on,
                due=detail.due_on,
            )
            self._ensure_not_pending(uow, registration_id, session_id)
            if detail.failed:
                basis, reasoning = self._review.grounds_from(detail)
                proposal = DecisionOutcome.REJECTED
            else:
                basis, reasoning = APPROVAL_BASIS, APPROVAL_REASONING
                proposal = DecisionOutcome.APPROVED
            session.add(
                AgendaItem(
                    RulingSubject.QUALIFICATION,
                    registration_id,
                    registration_id,
                    proposal,
                    basis,
                    reasoning,
                )
            )
            uow.sessions.add(session)

    def add_objection(self, session_id: str, objection_id: str) -> None:
        """Put an objection before the higher board it was routed to."""
        with self._store.unit_of_work() as uow:
            session, board, _members = self._load(uow, session_id)
            objection = uow.objections.get(objection_id)
            if objection is None:
                raise DomainError(f"no objection {objection_id}")
            if objection.routed_to_board_id != board.id:
                raise Refusal(
                    f"objection {objection_id} is for board {objection.routed_to_board_id}",
                    "این اعتراض به هیات دیگری ارجاع شده است.",
                )
            self._ensure_not_pending(uow, objection_id, session_id)
            if objection.status is ObjectionStatus.FILED:
                objection.move_to(ObjectionStatus.UNDER_REVIEW)
                uow.objections.add(objection)
            elif objection.status is not ObjectionStatus.UNDER_REVIEW:
                raise DomainError(f"objection {objection_id} is already {objection.status.value}")
            decision = uow.decisions.get(objection.against_decision_id)
            ruling = (
                uow.rulings.get(decision.ruling_id) if decision and decision.ruling_id else None
            )
            # Proposed: uphold the rejection on its original grounds (the board may change it).
            basis = ruling.legal_basis if ruling else decision.legal_basis if decision else ()
            reasoning = ruling.reasoning if ruling else decision.reason if decision else ""
            session.add(
                AgendaItem(
                    RulingSubject.OBJECTION,
                    objection.id,
                    objection.registration_id,
                    DecisionOutcome.REJECTED,
                    basis,
                    reasoning,
                )
            )
            uow.sessions.add(session)

    @staticmethod
    def _ensure_not_pending(uow: UnitOfWork, subject_ref: str, session_id: str) -> None:
        pending = [s for s in uow.sessions.pending_items_of(subject_ref) if s != session_id]
        if pending:
            raise Refusal(
                f"{subject_ref} is already on the agenda of an open session",
                "این مورد در دستور جلسه باز دیگری هست.",
            )

    def remove(self, session_id: str, subject_ref: str) -> None:
        with self._store.unit_of_work() as uow:
            session, _board, _members = self._load(uow, session_id)
            session.remove(subject_ref)
            uow.sessions.add(session)

    # --- attendance, proposals, votes ----------------------------------------------------

    def set_attendance(self, session_id: str, present: Sequence[str]) -> None:
        with self._store.unit_of_work() as uow:
            session, _board, members = self._load(uow, session_id)
            session.set_present(present, members)
            uow.sessions.add(session)

    def set_proposal(
        self,
        session_id: str,
        subject_ref: str,
        proposal: DecisionOutcome,
        legal_basis: tuple[LegalBasis, ...],
        reasoning: str,
    ) -> None:
        with self._store.unit_of_work() as uow:
            session, _board, _members = self._load(uow, session_id)
            session.set_proposal(subject_ref, proposal, legal_basis, reasoning.strip())
            uow.sessions.add(session)

    def vote(
        self, session_id: str, subject_ref: str, member_id: str, vote: Vote, note: str = ""
    ) -> None:
        with self._store.unit_of_work() as uow:
            session, board, members = self._load(uow, session_id)
            session.cast(subject_ref, member_id, vote, members, board.quorum, note)
            uow.sessions.add(session)

    # --- closing ----------------------------------------------------------------------------

    def close(self, session_id: str) -> CloseResult:
        """Record the decisions that carried, as DRAFT rulings, and close the session."""
        drafts: list[str] = []
        decisions: list[str] = []
        with self._store.unit_of_work() as uow:
            session, board, members = self._load(uow, session_id)
            session.check_can_close(board.quorum, members)
            carried = session.carried_items(board.quorum)
            for item in carried:
                ruling = draft_ruling(session, item, members, str(uuid.uuid4()))
                decision = self._decide(uow, session, board, item, ruling.id)
                ruling.extra["decision_id"] = decision.id
                ruling.extra.update(self._objection_notice(uow, board, item, session.held_on))
                uow.rulings.add(ruling)
                uow.decisions.add(decision)
                session.mark_decided(item.subject_ref, ruling.id, decision.id)
                uow.outbox.add(
                    OutboxItem(
                        decision.id, OutboxKind.DECISION, decision_payload(decision), self._now()
                    )
                )
                self._review.update_after_change(uow, item.registration_id)
                drafts.append(ruling.id)
                decisions.append(decision.id)
            undecided = tuple(i.subject_ref for i in session.agenda if not i.decided)
            session.close()
            uow.sessions.add(session)
            self._audit(
                uow,
                "session.closed",
                session.id,
                {"rulings": drafts, "decisions": decisions, "undecided": list(undecided)},
            )
        return CloseResult(tuple(drafts), tuple(decisions), undecided)

    def _objection_notice(
        self, uow: UnitOfWork, board: Board, item: AgendaItem, decided_on: date
    ) -> dict[str, str]:
        """Where and until when a first-instance rejection can be objected to (the
        signing step prints these on the ruling)."""
        if item.subject is not RulingSubject.QUALIFICATION:
            return {}
        if item.proposal is not DecisionOutcome.REJECTED:
            return {}
        notice: dict[str, str] = {}
        try:
            cycle = self._review.reference().cycle
            notice["objection_deadline"] = (
                cycle.deadline(OBJECTION_DEADLINE).due(decided_on).isoformat()
            )
        except DomainError:
            pass
        parent = uow.boards.get(board.parent_id) if board.parent_id else None
        if parent is not None:
            notice["objection_venue"] = parent.name
        return notice

    def _decide(
        self,
        uow: UnitOfWork,
        session: BoardSession,
        board: Board,
        item: AgendaItem,
        ruling_id: str,
    ) -> QualificationDecision:
        """The decision an agenda item carries, after the stage rules allow it."""
        dossier = uow.dossiers.get(item.registration_id)
        if dossier is None:
            raise DomainError(f"no dossier {item.registration_id}")
        if item.subject is RulingSubject.OBJECTION:
            objection = uow.objections.get(item.subject_ref)
            if objection is None:
                raise DomainError(f"no objection {item.subject_ref}")
            responsible = objection.routed_to_board_id
            due = self._review.detail(item.registration_id).due_on
        else:
            detail = self._review.detail(item.registration_id)
            responsible = detail.responsible_board.id if detail.responsible_board else None
            due = detail.due_on
        stage = check_may_decide(
            board, dossier.status, responsible_board_id=responsible, on=session.held_on, due=due
        )
        decision = QualificationDecision(
            id=str(uuid.uuid4()),
            registration_id=item.registration_id,
            stage=stage,
            board_id=board.id,
            outcome=item.proposal,
            legal_basis=item.legal_basis,
            reason=item.reasoning,
            decided_on=session.held_on,
            ruling_id=ruling_id,
        )
        dossier.move_to(decision.resulting_status())
        uow.review.set_status(dossier.registration_id, dossier.status)
        if stage is DecisionStage.OBJECTION:
            objection = uow.objections.get(item.subject_ref)
            assert objection is not None
            objection.move_to(
                ObjectionStatus.ACCEPTED
                if item.proposal is DecisionOutcome.APPROVED
                else ObjectionStatus.REJECTED
            )
            uow.objections.add(objection)
        self._audit(
            uow,
            "decision.recorded",
            item.registration_id,
            {
                "decision_id": decision.id,
                "stage": stage.value,
                "outcome": item.proposal.value,
                "board_id": board.id,
                "ruling_id": ruling_id,
            },
        )
        return decision

    def _audit(
        self, uow: UnitOfWork, action: str, subject: str, details: dict[str, object]
    ) -> None:
        uow.audit.append(self._actor, action, subject, details, at=self._now())
