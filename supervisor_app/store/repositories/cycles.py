"""Election cycles with their stage windows and relative deadlines."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, insert, select

from ...domain.cycle import ElectionCycle, RelativeDeadline, Stage, StageWindow, Track
from ..tables import CycleRow, DeadlineRow, StageWindowRow
from .base import Repository, count_rows, table_of, upsert

CYCLES = table_of(CycleRow)
WINDOWS = table_of(StageWindowRow)
DEADLINES = table_of(DeadlineRow)


def cycle_values(c: ElectionCycle) -> dict[str, Any]:
    return {
        "code": c.code,
        "title": c.title,
        "election_day": c.election_day,
        "minimum_age": c.minimum_age,
        "big_city_population": c.big_city_population,
    }


class CycleRepository(Repository):
    def add(self, cycle: ElectionCycle) -> None:
        """Insert or replace a cycle together with its whole calendar."""
        upsert(self._session, CYCLES, [cycle_values(cycle)], ["code"])
        self._session.execute(delete(WINDOWS).where(WINDOWS.c.cycle_code == cycle.code))
        self._session.execute(delete(DEADLINES).where(DEADLINES.c.cycle_code == cycle.code))
        if cycle.windows:
            windows = [
                {
                    "cycle_code": cycle.code,
                    "position": i,
                    "stage": w.stage.value,
                    "track": w.track.value,
                    "start_on": w.start,
                    "end_on": w.end,
                }
                for i, w in enumerate(cycle.windows)
            ]
            self._session.execute(insert(WINDOWS), windows)
        if cycle.deadlines:
            deadlines = [
                {
                    "cycle_code": cycle.code,
                    "position": i,
                    "name": d.name,
                    "anchor": d.anchor,
                    "days": d.days,
                    "inclusive": d.inclusive,
                }
                for i, d in enumerate(cycle.deadlines)
            ]
            self._session.execute(insert(DEADLINES), deadlines)

    def get(self, code: str) -> ElectionCycle | None:
        row = self._session.execute(select(CYCLES).where(CYCLES.c.code == code)).first()
        return self._cycle(row) if row else None

    def all(self) -> list[ElectionCycle]:
        rows = self._session.execute(select(CYCLES).order_by(CYCLES.c.election_day)).all()
        return [self._cycle(r) for r in rows]

    def latest(self) -> ElectionCycle | None:
        """The cycle with the latest election day (the current one on a workstation)."""
        stmt = select(CYCLES).order_by(CYCLES.c.election_day.desc(), CYCLES.c.code.desc())
        row = self._session.execute(stmt.limit(1)).first()
        return self._cycle(row) if row else None

    def count(self) -> int:
        return count_rows(self._session, CYCLES)

    def _cycle(self, row: Row[Any]) -> ElectionCycle:
        windows = self._session.execute(
            select(WINDOWS).where(WINDOWS.c.cycle_code == row.code).order_by(WINDOWS.c.position)
        )
        deadlines = self._session.execute(
            select(DEADLINES)
            .where(DEADLINES.c.cycle_code == row.code)
            .order_by(DEADLINES.c.position)
        )
        return ElectionCycle(
            code=row.code,
            title=row.title,
            election_day=row.election_day,
            minimum_age=row.minimum_age,
            big_city_population=row.big_city_population,
            windows=tuple(
                StageWindow(Stage(w.stage), Track(w.track), w.start_on, w.end_on) for w in windows
            ),
            deadlines=tuple(
                RelativeDeadline(d.name, d.anchor, d.days, d.inclusive) for d in deadlines
            ),
        )
