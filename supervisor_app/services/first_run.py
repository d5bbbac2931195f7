"""What the first-run wizard reads from the store it just prepared: the election cycles to
choose from and the members of a board (to pick the one at this workstation); and the last
step before the staged store file is moved into the data directory.

The wizard (``ui/wizard``) talks to the store only through this service and the others in
``Services``; its staging logic lives in ``ui/wizard/setup.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True, slots=True)
class CycleChoice:
    code: str
    title: str


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    role: str  # BoardRole value: chair, deputy, secretary, ...


class FirstRunService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def cycles(self) -> list[CycleChoice]:
        """The election cycles in the store, newest first (the first is the default)."""
        with self._store.unit_of_work(read_only=True) as uow:
            cycles = uow.cycles.all()
        return [CycleChoice(c.code, c.title) for c in reversed(cycles)]

    def members(self, board_id: str) -> list[Member]:
        """The board's active members, in the store's order."""
        with self._store.unit_of_work(read_only=True) as uow:
            members = uow.boards.members(board_id, active_only=True)
        return [Member(m.id, m.full_name, m.role.value) for m in members]

    def fold_wal(self) -> None:
        """Write the WAL into the database file, so that the file alone (moved at Finish)
        holds everything the wizard prepared."""
        self._store.checkpoint()
