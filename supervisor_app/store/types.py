"""Column types that keep domain values byte-for-byte on a round trip through SQLite."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime stored as its ``isoformat()`` text.

    SQLAlchemy's SQLite DateTime drops the UTC offset; ISO text keeps it (and keeps naive
    values naive), so a value reads back exactly as it was written and sorts as text.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)
