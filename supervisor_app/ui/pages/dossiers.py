"""Dossiers page: a search box over the dossier list, searching as the user types."""

from __future__ import annotations

import logging
from typing import Protocol

from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.views import DossierSummary

from ..dossier_model import Column, DossierTableModel
from ..fonts import TITLE_POINT_SIZE, emphasised
from ..labels import status_labels
from ..text import Formatter

log = logging.getLogger(__name__)


class DossierSource(Protocol):
    def search(self, text: str, limit: int = 200, offset: int = 0) -> list[DossierSummary]: ...

    def count(self, text: str = "") -> int: ...


class DossiersPage(QWidget):
    """Search box, result count and a table of the first ``RESULT_LIMIT`` matches."""

    SEARCH_DELAY_MS = 150  # one query per pause in typing, not one per key
    RESULT_LIMIT = 500

    def __init__(
        self, dossiers: DossierSource, fmt: Formatter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._dossiers = dossiers
        self._fmt = fmt
        self._loaded = False

        title = QLabel(self.tr("Dossiers"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            self.tr("Search by name, national id or registration id (Ctrl+F)")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search dossiers"))

        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")

        self.model = DossierTableModel(fmt, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self._size_columns()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._schedule_search)
        self.search_box.returnPressed.connect(self.run_search)

        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 1)
        bar.addSpacing(16)
        bar.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search_box, self.table)

    def ensure_loaded(self) -> None:
        """Show the first page of dossiers the first time the page is opened."""
        if not self._loaded:
            self.run_search()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _schedule_search(self, _text: str) -> None:
        self._timer.start()  # restarts the delay on every keystroke

    def run_search(self) -> None:
        """Query the service now with the search box's text."""
        self._timer.stop()
        text = self.search_box.text().strip()
        try:
            rows = self._dossiers.search(text, limit=self.RESULT_LIMIT)
            total = self._dossiers.count(text)
        except Exception:  # a slot must not raise: PyQt6 would abort the process
            log.exception("dossier search failed for %r", text)
            self.count_label.setText(self.tr("The search failed; see the log."))
            return
        self._loaded = True
        self.model.set_rows(rows)
        self.count_label.setText(self._count_text(len(rows), total, bool(text)))

    def _count_text(self, shown: int, total: int, searching: bool) -> str:
        fmt = self._fmt
        if total == 0:
            if searching:
                return self.tr("No dossier matches this search")
            return self.tr("No dossiers yet; they arrive with the next sync")
        if shown < total:
            return self.tr("Dossiers: {total} (showing the first {shown})").format(
                total=fmt.number(total), shown=fmt.number(shown)
            )
        return self.tr("Dossiers: {total}").format(total=fmt.number(total))

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Constituency names are the longest free text ("تهران، ری، شمیرانات، …"): they
        # take what is left; the other columns fit their typical content.
        header.setSectionResizeMode(Column.CONSTITUENCY, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        padding = 24
        samples = {
            Column.REGISTRATION_ID: ["R-0000-0000000"],
            Column.NAME: ["سیده فاطمه موسوی‌نژاد"],
            Column.NATIONAL_ID: [self._fmt.digits("0000000000")],
            Column.BIRTH_DATE: [self._fmt.digits("0000/00/00")],
            Column.COUNTY: ["شهرستان نمونه"],
            Column.STATUS: list(status_labels().values()),
        }
        for column, texts in samples.items():
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            header_text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(widest, metrics.horizontalAdvance(header_text))
            self.table.setColumnWidth(column, widest + padding)
