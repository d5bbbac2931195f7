"""Board sessions with their agenda items (votes kept as JSON on each item)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, delete, func, insert, select

from ...domain.candidates import DecisionOutcome
from ...domain.rulings import MemberVote, RulingSubject, Vote
from ...domain.sessions import AgendaItem, BoardSession, SessionStatus
from ..tables import AgendaItemRow, BoardSessionRow
from .base import Repository, table_of, upsert
from .qualification import legal_basis_from_json, legal_basis_json

SESSIONS = table_of(BoardSessionRow)
ITEMS = table_of(AgendaItemRow)


def _item(row: Row[Any]) -> AgendaItem:
    return AgendaItem(
        subject=RulingSubject(row.subject),
        subject_ref=row.subject_ref,
        registration_id=row.registration_id,
        proposal=DecisionOutcome(row.proposal),
        legal_basis=legal_basis_from_json(row.legal_basis),
        reasoning=row.reasoning,
        votes=tuple(
            MemberVote(v["member_id"], Vote(v["vote"]), v.get("dissent_note", ""))
            for v in row.votes
        ),
        ruling_id=row.ruling_id,
        decision_id=row.decision_id,
    )


class SessionRepository(Repository):
    def add(self, session: BoardSession) -> None:
        """Insert or replace a session together with its whole agenda."""
        upsert(
            self._session,
            SESSIONS,
            [
                {
                    "id": session.id,
                    "board_id": session.board_id,
                    "held_on": session.held_on,
                    "meeting_type": session.meeting_type,
                    "status": session.status.value,
                    "present_member_ids": list(session.present_member_ids),
                }
            ],
            ["id"],
        )
        self._session.execute(delete(ITEMS).where(ITEMS.c.session_id == session.id))
        if session.agenda:
            rows = [
                {
                    "session_id": session.id,
                    "position": i,
                    "subject": item.subject.value,
                    "subject_ref": item.subject_ref,
                    "registration_id": item.registration_id,
                    "proposal": item.proposal.value,
                    "legal_basis": legal_basis_json(item.legal_basis),
                    "reasoning": item.reasoning,
                    "votes": [
                        {
                            "member_id": v.member_id,
                            "vote": v.vote.value,
                            "dissent_note": v.dissent_note,
                        }
                        for v in item.votes
                    ],
                    "ruling_id": item.ruling_id,
                    "decision_id": item.decision_id,
                }
                for i, item in enumerate(session.agenda)
            ]
            self._session.execute(insert(ITEMS), rows)

    def get(self, session_id: str) -> BoardSession | None:
        row = self._session.execute(select(SESSIONS).where(SESSIONS.c.id == session_id)).first()
        return self._load(row) if row else None

    def for_board(
        self, board_id: str | None = None, status: SessionStatus | None = None, limit: int = 200
    ) -> list[BoardSession]:
        """Sessions, newest first (optionally of one board, in one status)."""
        stmt = select(SESSIONS)
        if board_id is not None:
            stmt = stmt.where(SESSIONS.c.board_id == board_id)
        if status is not None:
            stmt = stmt.where(SESSIONS.c.status == status.value)
        stmt = stmt.order_by(SESSIONS.c.held_on.desc(), SESSIONS.c.id.desc()).limit(limit)
        return [self._load(r) for r in self._session.execute(stmt).all()]

    def open_for(self, board_id: str, held_on: date) -> BoardSession | None:
        stmt = (
            select(SESSIONS)
            .where(
                SESSIONS.c.board_id == board_id,
                SESSIONS.c.held_on == held_on,
                SESSIONS.c.status == SessionStatus.OPEN.value,
            )
            .order_by(SESSIONS.c.id)
            .limit(1)
        )
        row = self._session.execute(stmt).first()
        return self._load(row) if row else None

    def pending_items_of(self, subject_ref: str) -> list[str]:
        """Ids of open sessions that have ``subject_ref`` on their agenda, undecided."""
        stmt = (
            select(ITEMS.c.session_id)
            .join(SESSIONS, SESSIONS.c.id == ITEMS.c.session_id)
            .where(
                ITEMS.c.subject_ref == subject_ref,
                ITEMS.c.ruling_id.is_(None),
                SESSIONS.c.status == SessionStatus.OPEN.value,
            )
        )
        return list(self._session.execute(stmt).scalars())

    def count(self) -> int:
        return self._session.execute(select(func.count()).select_from(SESSIONS)).scalar_one()

    def _load(self, row: Row[Any]) -> BoardSession:
        items = self._session.execute(
            select(ITEMS).where(ITEMS.c.session_id == row.id).order_by(ITEMS.c.position)
        )
        return BoardSession(
            id=row.id,
            board_id=row.board_id,
            held_on=row.held_on,
            meeting_type=row.meeting_type,
            status=SessionStatus(row.status),
            present_member_ids=tuple(row.present_member_ids),
            agenda=[_item(r) for r in items],
        )
