"""Dossier-list filters saved under a name (criteria are a small JSON object)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from ..tables import SavedFilterRow
from .base import Repository, table_of, upsert

FILTERS = table_of(SavedFilterRow)


class SavedFilterRepository(Repository):
    def save(self, name: str, criteria: dict[str, Any]) -> None:
        upsert(self._session, FILTERS, [{"name": name, "criteria": criteria}], ["name"])

    def get(self, name: str) -> dict[str, Any] | None:
        stmt = select(FILTERS.c.criteria).where(FILTERS.c.name == name)
        return self._session.execute(stmt).scalar()

    def all(self) -> dict[str, dict[str, Any]]:
        rows = self._session.execute(select(FILTERS.c.name, FILTERS.c.criteria).order_by("name"))
        return dict(rows.all())

    def delete(self, name: str) -> bool:
        result = self._session.execute(delete(FILTERS).where(FILTERS.c.name == name))
        return bool(result.rowcount)  # type: ignore[attr-defined]
