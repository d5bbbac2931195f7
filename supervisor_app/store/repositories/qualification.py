"""Qualification decisions (per stage) and candidates' objections."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select

from ...domain.candidates import (
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
    Objection,
    ObjectionStatus,
    QualificationDecision,
)
from ..tables import DecisionRow, ObjectionRow
from .base import Repository, count_rows, table_of, upsert

DECISIONS = table_of(DecisionRow)
OBJECTIONS = table_of(ObjectionRow)


def legal_basis_json(basis: tuple[LegalBasis, ...]) -> list[dict[str, str]]:
    return [{"article": b.article, "clause": b.clause} for b in basis]


def legal_basis_from_json(value: list[dict[str, str]]) -> tuple[LegalBasis, ...]:
    return tuple(LegalBasis(item["article"], item.get("clause", "")) for item in value)


def decision_values(d: QualificationDecision) -> dict[str, Any]:
    return {
        "id": d.id,
        "registration_id": d.registration_id,
        "stage": d.stage.value,
        "board_id": d.board_id,
        "outcome": d.outcome.value,
        "legal_basis": legal_basis_json(d.legal_basis),
        "reason": d.reason,
        "decided_on": d.decided_on,
        "ruling_id": d.ruling_id,
    }


def _decision(row: Row[Any]) -> QualificationDecision:
    return QualificationDecision(
        id=row.id,
        registration_id=row.registration_id,
        stage=DecisionStage(row.stage),
        board_id=row.board_id,
        outcome=DecisionOutcome(row.outcome),
        legal_basis=legal_basis_from_json(row.legal_basis),
        reason=row.reason,
        decided_on=row.decided_on,
        ruling_id=row.ruling_id,
    )


def objection_values(o: Objection) -> dict[str, Any]:
    return {
        "id": o.id,
        "registration_id": o.registration_id,
        "against_decision_id": o.against_decision_id,
        "filed_on": o.filed_on,
        "text": o.text,
        "routed_to_board_id": o.routed_to_board_id,
        "status": o.status.value,
    }


def _objection(row: Row[Any]) -> Objection:
    return Objection(
        id=row.id,
        registration_id=row.registration_id,
        against_decision_id=row.against_decision_id,
        filed_on=row.filed_on,
        text=row.text,
        routed_to_board_id=row.routed_to_board_id,
        status=ObjectionStatus(row.status),
    )


class DecisionRepository(Repository):
    def add(self, decision: QualificationDecision) -> None:
        upsert(self._session, DECISIONS, [decision_values(decision)], ["id"])

    def get(self, decision_id: str) -> QualificationDecision | None:
        row = self._session.execute(select(DECISIONS).where(DECISIONS.c.id == decision_id)).first()
        return _decision(row) if row else None

    def for_dossier(self, registration_id: str) -> list[QualificationDecision]:
        """A dossier's decisions in the order they were taken."""
        stmt = (
            select(DECISIONS)
            .where(DECISIONS.c.registration_id == registration_id)
            .order_by(DECISIONS.c.decided_on, DECISIONS.c.id)
        )
        return [_decision(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, DECISIONS)


class ObjectionRepository(Repository):
    def add(self, objection: Objection) -> None:
        upsert(self._session, OBJECTIONS, [objection_values(objection)], ["id"])

    def get(self, objection_id: str) -> Objection | None:
        stmt = select(OBJECTIONS).where(OBJECTIONS.c.id == objection_id)
        row = self._session.execute(stmt).first()
        return _objection(row) if row else None

    def for_dossier(self, registration_id: str) -> list[Objection]:
        stmt = (
            select(OBJECTIONS)
            .where(OBJECTIONS.c.registration_id == registration_id)
            .order_by(OBJECTIONS.c.filed_on, OBJECTIONS.c.id)
        )
        return [_objection(r) for r in self._session.execute(stmt)]

    def for_board(self, board_id: str, status: ObjectionStatus | None = None) -> list[Objection]:
        """Objections routed to a board (its review queue), oldest first."""
        stmt = select(OBJECTIONS).where(OBJECTIONS.c.routed_to_board_id == board_id)
        if status is not None:
            stmt = stmt.where(OBJECTIONS.c.status == status.value)
        stmt = stmt.order_by(OBJECTIONS.c.filed_on, OBJECTIONS.c.id)
        return [_objection(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, OBJECTIONS)
