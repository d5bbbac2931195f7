"""Board rulings and their votes. A sealed ruling's content is frozen here too."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, delete, func, insert, select, update

from ...domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from ..errors import StoreError
from ..tables import RulingRow, RulingVoteRow
from .base import Repository, count_rows, table_of, upsert
from .qualification import legal_basis_from_json, legal_basis_json

RULINGS = table_of(RulingRow)
VOTES = table_of(RulingVoteRow)

# Once sealed (or past it) only the status may still change, e.g. to superseded.
_FROZEN = {RulingStatus.SEALED, RulingStatus.AWAITING_APPROVAL, RulingStatus.SUPERSEDED}


def ruling_values(r: Ruling) -> dict[str, Any]:
    return {
        "id": r.id,
        "board_id": r.board_id,
        "serial": r.serial,
        "issued_on": r.issued_on,
        "subject": r.subject.value,
        "subject_ref": r.subject_ref,
        "legal_basis": legal_basis_json(r.legal_basis),
        "reasoning": r.reasoning,
        "decision": r.decision,
        "present_member_ids": list(r.present_member_ids),
        "absent_member_ids": list(r.absent_member_ids),
        "supersedes_id": r.supersedes_id,
        "status": r.status.value,
        "meeting_type": r.meeting_type,
        "extra": dict(r.extra),
    }


def _same_content(a: Ruling, b: Ruling) -> bool:
    return ruling_values(a) | {"status": ""} == ruling_values(b) | {"status": ""} and (
        a.votes == b.votes
    )


class RulingRepository(Repository):
    def add(self, ruling: Ruling) -> None:
        """Insert or update a ruling with its votes.

        A stored ruling that is sealed (or awaiting approval, or superseded) keeps its
        content: changing anything but the status raises StoreError.
        """
        stored = self.get(ruling.id)
        if stored is not None and stored.status in _FROZEN and not _same_content(stored, ruling):
            raise StoreError(f"ruling {ruling.id} is {stored.status.value}; its content is frozen")
        upsert(self._session, RULINGS, [ruling_values(ruling)], ["id"])
        self._session.execute(delete(VOTES).where(VOTES.c.ruling_id == ruling.id))
        if ruling.votes:
            rows = [
                {
                    "ruling_id": ruling.id,
                    "position": i,
                    "member_id": v.member_id,
                    "vote": v.vote.value,
                    "dissent_note": v.dissent_note,
                }
                for i, v in enumerate(ruling.votes)
            ]
            self._session.execute(insert(VOTES), rows)

    def get(self, ruling_id: str) -> Ruling | None:
        row = self._session.execute(select(RULINGS).where(RULINGS.c.id == ruling_id)).first()
        return self._ruling(row) if row else None

    def for_board(self, board_id: str) -> list[Ruling]:
        stmt = (
            select(RULINGS)
            .where(RULINGS.c.board_id == board_id)
            .order_by(RULINGS.c.issued_on, RULINGS.c.serial, RULINGS.c.id)
        )
        return [self._ruling(r) for r in self._session.execute(stmt).all()]

    def for_subject(self, subject_ref: str) -> list[Ruling]:
        stmt = (
            select(RULINGS)
            .where(RULINGS.c.subject_ref == subject_ref)
            .order_by(RULINGS.c.issued_on, RULINGS.c.id)
        )
        return [self._ruling(r) for r in self._session.execute(stmt).all()]

    def next_serial(self, board_id: str) -> int:
        """The board's next serial number (safe: write units hold the write lock)."""
        stmt = select(func.max(RULINGS.c.serial)).where(RULINGS.c.board_id == board_id)
        return (self._session.execute(stmt).scalar_one() or 0) + 1

    def count(self) -> int:
        return count_rows(self._session, RULINGS)

    def set_status(self, ruling_id: str, status: RulingStatus) -> None:
        """Change only the status (sealed content stays byte-for-byte as it was)."""
        result = self._session.execute(
            update(RULINGS).where(RULINGS.c.id == ruling_id).values(status=status.value)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise StoreError(f"ruling {ruling_id} does not exist")

    def recent(
        self, limit: int = 500, *, board_id: str | None = None, status: RulingStatus | None = None
    ) -> list[Ruling]:
        """Rulings, newest first (issue date, then serial), optionally of one board/status."""
        stmt = select(RULINGS).order_by(
            RULINGS.c.issued_on.desc(), RULINGS.c.serial.desc(), RULINGS.c.id
        )
        if board_id is not None:
            stmt = stmt.where(RULINGS.c.board_id == board_id)
        if status is not None:
            stmt = stmt.where(RULINGS.c.status == status.value)
        return [self._ruling(r) for r in self._session.execute(stmt.limit(limit)).all()]

    def matching_ids(
        self,
        *,
        board_id: str | None = None,
        status: RulingStatus | None = None,
        issued_from: date | None = None,
        issued_to: date | None = None,
    ) -> list[str]:
        """Ids of the rulings matching a filter, oldest first: issue date, board, numbered
        before drafts (no serial yet), serial, id. Every match, however many."""
        c = RULINGS.c
        stmt = select(c.id).order_by(
            c.issued_on, c.board_id, c.serial.is_(None), c.serial, c.id
        )
        if board_id is not None:
            stmt = stmt.where(c.board_id == board_id)
        if status is not None:
            stmt = stmt.where(c.status == status.value)
        if issued_from is not None:
            stmt = stmt.where(c.issued_on >= issued_from)
        if issued_to is not None:
            stmt = stmt.where(c.issued_on <= issued_to)
        return list(self._session.execute(stmt).scalars())

    def _ruling(self, row: Row[Any]) -> Ruling:
        votes = self._session.execute(
            select(VOTES).where(VOTES.c.ruling_id == row.id).order_by(VOTES.c.position)
        )
        return Ruling(
            id=row.id,
            board_id=row.board_id,
            serial=row.serial,
            issued_on=row.issued_on,
            subject=RulingSubject(row.subject),
            subject_ref=row.subject_ref,
            legal_basis=legal_basis_from_json(row.legal_basis),
            reasoning=row.reasoning,
            decision=row.decision,
            present_member_ids=tuple(row.present_member_ids),
            absent_member_ids=tuple(row.absent_member_ids),
            votes=tuple(MemberVote(v.member_id, Vote(v.vote), v.dissent_note) for v in votes),
            supersedes_id=row.supersedes_id,
            status=RulingStatus(row.status),
            meeting_type=row.meeting_type,
            extra=dict(row.extra),
        )
