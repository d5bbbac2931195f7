"""The report-entry form's unsaved contents, one JSON body per slot (``report_drafts``).

Each save is its own committed transaction (the service opens one unit of work per
call), so what was typed survives the app being killed or a power cut: the store runs
SQLite in WAL mode with ``synchronous = FULL`` (``store/database.py``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from ..tables import ReportDraftRow
from .base import Repository, table_of, upsert

DRAFTS = table_of(ReportDraftRow)


class ReportDraftRepository(Repository):
    def save(self, slot: str, fields: dict[str, Any], at: datetime) -> None:
        body = json.dumps(fields, ensure_ascii=False, sort_keys=True)
        upsert(self._session, DRAFTS, [{"slot": slot, "body": body, "updated_at": at}], ["slot"])

    def get(self, slot: str) -> dict[str, Any] | None:
        body = self._session.execute(select(DRAFTS.c.body).where(DRAFTS.c.slot == slot)).scalar()
        if body is None:
            return None
        value = json.loads(body)
        return value if isinstance(value, dict) else None

    def updated_at(self, slot: str) -> datetime | None:
        stmt = select(DRAFTS.c.updated_at).where(DRAFTS.c.slot == slot)
        return self._session.execute(stmt).scalar()

    def delete(self, slot: str) -> bool:
        result = self._session.execute(delete(DRAFTS).where(DRAFTS.c.slot == slot))
        return bool(result.rowcount)  # type: ignore[attr-defined]
