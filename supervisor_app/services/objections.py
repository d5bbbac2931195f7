"""Objections: a rejected candidate's written objection against the ruling that rejected
them, filed within the cycle's deadline, routed to the higher board (the parent of the
board that rejected: the provincial board, or the central board for big cities, whose
first instance is the provincial board), and reviewed there with the original dossier
and ruling side by side. The higher board decides in one of its sessions
(``SessionService.add_objection``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ..domain.boards import Board
from ..domain.candidates import (
    CandidateStatus,
    DecisionOutcome,
    DecisionStage,
    Objection,
    ObjectionStatus,
    QualificationDecision,
)
from ..domain.cycle import OBJECTION_DEADLINE, OBJECTION_DECISION
from ..domain.errors import DomainError
from ..domain.jalali import format_jalali
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.persian import normalize
from ..domain.review import Refusal, days_left
from ..domain.rulings import Ruling
from ..store import Store, UnitOfWork
from .review import DossierDetail, ReviewService, utc_now

Today = Callable[[], date]
Clock = Callable[[], datetime]

_OPEN = (ObjectionStatus.FILED, ObjectionStatus.UNDER_REVIEW)


@dataclass(frozen=True, slots=True)
class ObjectionEntry:
    """One line of a board's objection queue."""

    objection: Objection
    candidate_name: str
    constituency_name: str
    board_name: str  # where it is routed
    due_on: date | None
    days_left: int | None


@dataclass(frozen=True, slots=True)
class ObjectionReview:
    """The objection with what it is against: the dossier, the decision, the ruling."""

    objection: Objection
    dossier: DossierDetail
    decision: QualificationDecision | None
    ruling: Ruling | None
    deciding_board: Board | None  # the board that rejected
    routed_board: Board | None


def objection_payload(o: Objection) -> dict[str, object]:
    return {
        "id": o.id,
        "registration_id": o.registration_id,
        "against_decision_id": o.against_decision_id,
        "filed_on": o.filed_on.isoformat(),
        "text": o.text,
        "routed_to_board_id": o.routed_to_board_id,
        "status": o.status.value,
    }


class ObjectionService:
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

    def file(self, registration_id: str, text: str, filed_on: date | None = None) -> Objection:
        """Register a written objection against the dossier's supervisory rejection."""
        filed_on = filed_on or self._today()
        text = normalize(text)
        cycle = self._review.reference().cycle
        with self._store.unit_of_work() as uow:
            dossier = uow.dossiers.get(registration_id)
            if dossier is None:
                raise DomainError(f"no dossier {registration_id}")
            if dossier.status is not CandidateStatus.SUPERVISORY_REJECTED:
                raise Refusal(
                    f"only a supervisory rejection can be objected to; dossier "
                    f"{registration_id} is '{dossier.status.value}'",
                    "فقط به رد صلاحیت در هیات نظارت می‌توان اعتراض کرد.",
                )
            decision = _latest_rejection(uow, registration_id)
            if decision is None or decision.board_id is None:
                raise DomainError(f"dossier {registration_id} has no recorded rejection")
            rule = cycle.deadline(OBJECTION_DEADLINE)
            # The rejection counts as notified on the day it was decided (assumption).
            if not rule.is_open(decision.decided_on, filed_on):
                due = rule.due(decision.decided_on)
                raise Refusal(
                    f"the objection deadline was {due.isoformat()}",
                    f"مهلت اعتراض {format_jalali(due)} به پایان رسیده است.",
                )
            board = uow.boards.get(decision.board_id)
            if board is None or board.parent_id is None:
                raise Refusal(
                    "the rejecting board has no higher board to object to",
                    "هیات بالاتری برای رسیدگی به این اعتراض نیست.",
                )
            objection = Objection(
                id=str(uuid.uuid4()),
                registration_id=registration_id,
                against_decision_id=decision.id,
                filed_on=filed_on,
                text=text,
                routed_to_board_id=board.parent_id,
            )
            dossier.move_to(CandidateStatus.OBJECTION_FILED)
            uow.objections.add(objection)
            uow.review.set_status(registration_id, dossier.status)
            self._review.update_after_change(uow, registration_id)
            moment = self._now()
            uow.outbox.add(
                OutboxItem(objection.id, OutboxKind.OBJECTION, objection_payload(objection), moment)
            )
            uow.audit.append(
                self._actor,
                "objection.filed",
                registration_id,
                {
                    "objection_id": objection.id,
                    "routed_to": board.parent_id,
                    "against_decision_id": decision.id,
                    "ruling_id": decision.ruling_id,
                },
                at=moment,
            )
        return objection

    def queue(self, board_id: str | None = None, *, open_only: bool = True) -> list[ObjectionEntry]:
        """Objections routed to a board (every board without one), oldest first."""
        ref = self._review.reference()
        cycle = ref.cycle
        with self._store.unit_of_work(read_only=True) as uow:
            boards = {b.id: b for b in uow.boards.all()}
            if board_id is not None:
                objections = uow.objections.for_board(board_id)
            else:
                objections = [o for b in boards for o in uow.objections.for_board(b)]
            if open_only:
                objections = [o for o in objections if o.status in _OPEN]
            entries: list[ObjectionEntry] = []
            for o in sorted(objections, key=lambda o: (o.filed_on, o.id)):
                dossier = uow.dossiers.get(o.registration_id)
                try:
                    due = cycle.deadline(OBJECTION_DECISION).due(o.filed_on)
                except DomainError:
                    due = None
                entries.append(
                    ObjectionEntry(
                        objection=o,
                        candidate_name=dossier.full_name if dossier else o.registration_id,
                        constituency_name=ref.names.get(dossier.constituency_code, "")
                        if dossier
                        else "",
                        board_name=boards[o.routed_to_board_id].name
                        if o.routed_to_board_id in boards
                        else o.routed_to_board_id,
                        due_on=due,
                        days_left=days_left(due, self._today()),
                    )
                )
        return entries

    def review(self, objection_id: str) -> ObjectionReview:
        """The objection next to the original dossier, decision and ruling."""
        with self._store.unit_of_work(read_only=True) as uow:
            objection = uow.objections.get(objection_id)
            if objection is None:
                raise DomainError(f"no objection {objection_id}")
            decision = uow.decisions.get(objection.against_decision_id)
            ruling = (
                uow.rulings.get(decision.ruling_id) if decision and decision.ruling_id else None
            )
            deciding = uow.boards.get(decision.board_id) if decision and decision.board_id else None
            routed = uow.boards.get(objection.routed_to_board_id)
        return ObjectionReview(
            objection=objection,
            dossier=self._review.detail(objection.registration_id),
            decision=decision,
            ruling=ruling,
            deciding_board=deciding,
            routed_board=routed,
        )


def _latest_rejection(uow: UnitOfWork, registration_id: str) -> QualificationDecision | None:
    rejections = [
        d
        for d in uow.decisions.for_dossier(registration_id)
        if d.stage is DecisionStage.SUPERVISORY and d.outcome is DecisionOutcome.REJECTED
    ]
    return rejections[-1] if rejections else None
