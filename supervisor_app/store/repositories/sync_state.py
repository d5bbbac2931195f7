"""Small key/value facts about synchronisation: cursors, the last successful sync."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from ..tables import SyncStateRow
from .base import Repository, table_of, upsert

STATE = table_of(SyncStateRow)
LAST_SYNC_AT = "last_sync_at"


class SyncStateRepository(Repository):
    def get(self, key: str) -> str | None:
        return self._session.execute(select(STATE.c.value).where(STATE.c.key == key)).scalar()

    def set(self, key: str, value: str) -> None:
        upsert(self._session, STATE, [{"key": key, "value": value}], ["key"])

    def delete(self, key: str) -> None:
        self._session.execute(delete(STATE).where(STATE.c.key == key))

    def items(self) -> dict[str, str]:
        rows = self._session.execute(select(STATE.c.key, STATE.c.value).order_by(STATE.c.key))
        return dict(rows.all())

    def last_sync_at(self) -> datetime | None:
        value = self.get(LAST_SYNC_AT)
        return datetime.fromisoformat(value) if value else None

    def set_last_sync_at(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("sync times must be timezone-aware (UTC)")
        self.set(LAST_SYNC_AT, at.isoformat())
