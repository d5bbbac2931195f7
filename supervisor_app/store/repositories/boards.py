"""Supervisory boards (with their quorum setting) and board members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, select

from ...domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from ..tables import BoardMemberRow, BoardRow
from .base import Repository, count_rows, table_of, upsert

BOARDS = table_of(BoardRow)
MEMBERS = table_of(BoardMemberRow)


def board_values(b: Board) -> dict[str, Any]:
    return {
        "id": b.id,
        "level": b.level.value,
        "name": b.name,
        "jurisdiction": b.jurisdiction,
        "parent_id": b.parent_id,
        "full_membership": b.quorum.full_membership,
        "quorum": b.quorum.quorum,
        "majority": b.quorum.majority,
    }


def member_values(m: BoardMember) -> dict[str, Any]:
    return {
        "id": m.id,
        "board_id": m.board_id,
        "full_name": m.full_name,
        "national_id": m.national_id,
        "role": m.role.value,
        "active": m.active,
    }


def _board(row: Row[Any]) -> Board:
    return Board(
        id=row.id,
        level=BoardLevel(row.level),
        name=row.name,
        jurisdiction=row.jurisdiction,
        parent_id=row.parent_id,
        quorum=QuorumRule(row.full_membership, row.quorum, row.majority),
    )


def _member(row: Row[Any]) -> BoardMember:
    return BoardMember(
        id=row.id,
        board_id=row.board_id,
        full_name=row.full_name,
        national_id=row.national_id,
        role=MemberRole(row.role),
        active=row.active,
    )


class BoardRepository(Repository):
    def add(self, board: Board) -> None:
        self.add_all([board])

    def add_all(self, boards: Iterable[Board]) -> None:
        upsert(self._session, BOARDS, [board_values(b) for b in boards], ["id"])

    def get(self, board_id: str) -> Board | None:
        row = self._session.execute(select(BOARDS).where(BOARDS.c.id == board_id)).first()
        return _board(row) if row else None

    def all(self, level: BoardLevel | None = None) -> list[Board]:
        stmt = select(BOARDS).order_by(BOARDS.c.id)
        if level is not None:
            stmt = stmt.where(BOARDS.c.level == level.value)
        return [_board(r) for r in self._session.execute(stmt)]

    def children(self, parent_id: str) -> list[Board]:
        stmt = select(BOARDS).where(BOARDS.c.parent_id == parent_id).order_by(BOARDS.c.id)
        return [_board(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, BOARDS)

    # --- members --------------------------------------------------------------------

    def add_member(self, member: BoardMember) -> None:
        self.add_members([member])

    def add_members(self, members: Iterable[BoardMember]) -> None:
        upsert(self._session, MEMBERS, [member_values(m) for m in members], ["id"])

    def member(self, member_id: str) -> BoardMember | None:
        row = self._session.execute(select(MEMBERS).where(MEMBERS.c.id == member_id)).first()
        return _member(row) if row else None

    def members(self, board_id: str, *, active_only: bool = False) -> list[BoardMember]:
        stmt = select(MEMBERS).where(MEMBERS.c.board_id == board_id).order_by(MEMBERS.c.id)
        if active_only:
            stmt = stmt.where(MEMBERS.c.active.is_(True))
        return [_member(r) for r in self._session.execute(stmt)]

    def count_members(self) -> int:
        return count_rows(self._session, MEMBERS)
