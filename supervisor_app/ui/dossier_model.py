"""Table model over a list of ``DossierSummary`` rows (a plain in-memory list for now).

A lazily paging model over the whole register replaces the list later; the columns and
the formatting stay here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from PyQt6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from supervisor_app.services.views import DossierSummary

from .labels import status_labels
from .text import Formatter

_AnyIndex = QModelIndex | QPersistentModelIndex

SUMMARY_ROLE = Qt.ItemDataRole.UserRole  # the row's DossierSummary itself


class Column(IntEnum):
    REGISTRATION_ID = 0
    NAME = 1
    NATIONAL_ID = 2
    BIRTH_DATE = 3
    CONSTITUENCY = 4
    COUNTY = 5
    STATUS = 6


class DossierTableModel(QAbstractTableModel):
    """Read-only rows: ids as LTR islands, Jalali dates, translated statuses."""

    def __init__(self, fmt: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fmt = fmt
        self._rows: list[DossierSummary] = []
        self._status_labels = status_labels()  # translated once, not per painted cell
        self._headers = {
            Column.REGISTRATION_ID: self.tr("Registration id"),
            Column.NAME: self.tr("Name"),
            Column.NATIONAL_ID: self.tr("National id"),
            Column.BIRTH_DATE: self.tr("Birth date"),
            Column.CONSTITUENCY: self.tr("Constituency"),
            Column.COUNTY: self.tr("County"),
            Column.STATUS: self.tr("Status"),
        }

    def set_rows(self, rows: Iterable[DossierSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DossierSummary:
        return self._rows[row]

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.NAME:
            return self.tr("Father's name: {name}").format(name=row.father_name)
        if role == SUMMARY_ROLE:
            return row
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def _display(self, row: DossierSummary, column: Column) -> str:
        fmt = self._fmt
        match column:
            case Column.REGISTRATION_ID:
                return fmt.code(row.registration_id)
            case Column.NAME:
                return row.full_name
            case Column.NATIONAL_ID:
                return fmt.identifier(row.national_id)
            case Column.BIRTH_DATE:
                return fmt.date(row.birth_date)
            case Column.CONSTITUENCY:
                return row.constituency_name
            case Column.COUNTY:
                return row.county_name
            case Column.STATUS:
                return self._status_labels.get(row.status, row.status)
