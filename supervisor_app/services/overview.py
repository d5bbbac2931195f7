"""The home page's summary of this workstation."""

from __future__ import annotations

from ..domain.boards import BoardLevel
from ..store import Store
from .audit import verify_in
from .views import Overview


class OverviewService:
    """``cycle_code`` and ``board_id`` come from the settings; empty means: the latest
    cycle, and the central board if there is one."""

    def __init__(self, store: Store, *, cycle_code: str = "", board_id: str = "") -> None:
        self._store = store
        self._cycle_code = cycle_code
        self._board_id = board_id

    def summary(self) -> Overview:
        with self._store.unit_of_work(read_only=True) as uow:
            cycle = uow.cycles.get(self._cycle_code) if self._cycle_code else uow.cycles.latest()
            if self._board_id:
                board = uow.boards.get(self._board_id)
            else:
                central = uow.boards.all(BoardLevel.CENTRAL)
                board = central[0] if central else None
            counts = {
                "dossiers": uow.dossiers.count(),
                **uow.geography.counts(),
                "boards": uow.boards.count(),
                "members": uow.boards.count_members(),
                "branches": uow.branches.count(),
                "observers": uow.observers.count(),
                "reports": uow.reports.count(),
                "complaints": uow.complaints.count(),
                "decisions": uow.decisions.count(),
                "objections": uow.objections.count(),
                "rulings": uow.rulings.count(),
            }
            return Overview(
                cycle_title=cycle.title if cycle else "",
                board_name=board.name if board else "",
                counts=counts,
                pending_outbox=uow.outbox.count_unsent(),
                last_sync_at=uow.sync_state.last_sync_at(),
                audit_events=uow.audit.count(),
                audit_intact=verify_in(uow, from_checkpoint=True) is None,
            )
