"""Choosing a batch of rulings to print: one board session, or a filter of rulings.

:class:`BatchChoice` sits on top of ``BatchPrintDialog`` (output to one PDF or a printer,
progress, cancel). Every change of the choice asks the printing service, in the
background, which rulings match; the answer shows as a count, and only the newest answer
counts (the user may change the filter again before an older one arrives). A widget of
its own rather than a dialog subclass: PyQt looks translations up under the instance's
class name, so a subclass would lose the batch dialog's Persian strings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from PyQt6.QtCore import pyqtSignal
from PyQt6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.jalali import JalaliDateError, parse_jalali
from supervisor_app.domain.rulings import RulingStatus
from supervisor_app.services.printing import BatchCatalog
from supervisor_app.store import NotFound

from ..review_labels import ruling_status_labels
from ..tasks import TaskRunner
from ..text import Formatter

log = logging.getLogger(__name__)

__all__ = ["BatchCatalogSource", "BatchChoice"]


class BatchCatalogSource(Protocol):
    def batch_catalog(self, board_id: str | None = None, *, limit: int = 200) -> BatchCatalog: ...

    def session_rulings(self, session_id: str) -> list[str]: ...

    def find_rulings(
        self,
        *,
        board_id: str | None = None,
        status: RulingStatus | None = None,
        issued_from: date | None = None,
        issued_to: date | None = None,
    ) -> list[str]: ...


class BatchChoice(QGroupBox):
    """A session or a filter; ``ids`` are the matching rulings once ``counting`` is over."""

    changed = pyqtSignal()  # ids, counting or summary changed

    def __init__(
        self,
        source: BatchCatalogSource,
        runner: TaskRunner,
        *,
        board_id: str = "",
        fmt: Formatter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._fmt = fmt or Formatter()
        self._board_id = board_id
        self._generation = 0  # the newest count asked for; older answers are dropped
        self.ids: list[str] = []
        self.counting = False
        self.loaded = False
        self.summary = self.tr("Loading the sessions…")
        self.setTitle(self.tr("Which rulings"))

        self.by_session = QRadioButton(self.tr("A board session:"))
        self.by_filter = QRadioButton(self.tr("Rulings matching a filter:"))
        modes = QButtonGroup(self)
        modes.addButton(self.by_session)
        modes.addButton(self.by_filter)
        self.by_filter.setChecked(True)
        self.session_box = QComboBox()
        self.session_box.setAccessibleName(self.tr("Board session"))
        self.board_box = QComboBox()
        self.board_box.addItem(self.tr("All boards"), None)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("Any status"), None)
        for status, label in ruling_status_labels().items():
            self.status_box.addItem(label, status.value)
        example = self._fmt.digits("1404/10/01")
        self.from_edit = QLineEdit()
        self.from_edit.setPlaceholderText(example)
        self.from_edit.setAccessibleName(self.tr("Issued from (Jalali)"))
        self.to_edit = QLineEdit()
        self.to_edit.setPlaceholderText(example)
        self.to_edit.setAccessibleName(self.tr("Issued to (Jalali)"))

        form = QFormLayout()
        form.addRow(self.tr("Board:"), self.board_box)
        form.addRow(self.tr("Status:"), self.status_box)
        form.addRow(self.tr("Issued from:"), self.from_edit)
        form.addRow(self.tr("Issued to:"), self.to_edit)
        inner = QVBoxLayout(self)
        inner.addWidget(self.by_session)
        inner.addWidget(self.session_box)
        inner.addWidget(self.by_filter)
        inner.addLayout(form)
        self.setEnabled(False)
        self._runner.submit(
            lambda: source.batch_catalog(), self._on_catalog, self._on_catalog_failed
        )

    @property
    def ready(self) -> bool:
        """Loaded, counted, and at least one ruling matches."""
        return self.loaded and not self.counting and bool(self.ids)

    # --- the catalog (boards, sessions) -------------------------------------------------

    def _on_catalog(self, catalog: BatchCatalog) -> None:
        for board_id, name in catalog.boards:
            self.board_box.addItem(name, board_id)
        for s in catalog.sessions:
            self.session_box.addItem(
                self.tr("{date} — {board} — {n} rulings").format(
                    date=self._fmt.date(s.held_on),
                    board=s.board_name,
                    n=self._fmt.number(s.rulings),
                ),
                s.session_id,
            )
        if self._board_id:
            self.board_box.setCurrentIndex(max(self.board_box.findData(self._board_id), 0))
        self.by_session.setEnabled(bool(catalog.sessions))
        self.loaded = True
        self.setEnabled(True)
        for signal in (
            self.by_session.toggled,
            self.session_box.currentIndexChanged,
            self.board_box.currentIndexChanged,
            self.status_box.currentIndexChanged,
            self.from_edit.textChanged,
            self.to_edit.textChanged,
        ):
            signal.connect(self.refresh)
        self.refresh()

    def _on_catalog_failed(self, error: BaseException) -> None:
        log.error("loading the sessions for batch printing failed", exc_info=error)
        self._show(self.tr("The sessions could not be read; see the log."))

    # --- the count ----------------------------------------------------------------------

    def select_session(self, session_id: str) -> None:
        """Choose a session (tests and callers that know it)."""
        self.by_session.setChecked(True)
        self.session_box.setCurrentIndex(self.session_box.findData(session_id))
        self.refresh()

    def _query(self) -> Callable[[], Sequence[str]] | str:
        """What to ask the service, or why the choice cannot be asked."""
        source = self._source
        if self.by_session.isChecked():
            session_id = self.session_box.currentData()
            if session_id is None:
                return self.tr("Choose a session.")
            return lambda: source.session_rulings(str(session_id))
        dates: list[date | None] = []
        for edit in (self.from_edit, self.to_edit):
            text = edit.text().strip()
            try:
                dates.append(parse_jalali(text) if text else None)
            except JalaliDateError:
                return self.tr("Dates are Jalali, like {example}.").format(
                    example=self._fmt.digits("1404/10/21")
                )
        issued_from, issued_to = dates
        if issued_from and issued_to and issued_from > issued_to:
            return self.tr("The first date is after the last one.")
        board = self.board_box.currentData()
        status = self.status_box.currentData()
        return lambda: source.find_rulings(
            board_id=board,
            status=RulingStatus(status) if status else None,
            issued_from=issued_from,
            issued_to=issued_to,
        )

    def refresh(self) -> None:
        """Count the rulings of the current choice (in the background)."""
        if not self.loaded or not self.isEnabled():
            return
        self.session_box.setEnabled(self.by_session.isChecked())
        for widget in (self.board_box, self.status_box, self.from_edit, self.to_edit):
            widget.setEnabled(self.by_filter.isChecked())
        self._generation += 1
        generation = self._generation
        self.ids = []
        query = self._query()
        if isinstance(query, str):
            self.counting = False
            self._show(query)
            return
        self.counting = True
        self._show(self.tr("Counting the rulings…"))

        def done(ids: Sequence[str]) -> None:
            if generation == self._generation:
                self.counting = False
                self.ids = list(ids)
                self._show(
                    self.tr("{n} rulings selected").format(n=self._fmt.number(len(ids)))
                    if ids
                    else self.tr("No ruling matches.")
                )

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self.counting = False
            if isinstance(error, NotFound):
                self._show(self.tr("That session no longer exists."))
            else:
                log.error("counting rulings for batch printing failed", exc_info=error)
                self._show(self.tr("The rulings could not be read; see the log."))

        self._runner.submit(query, done, failed)

    def _show(self, summary: str) -> None:
        self.summary = summary
        self.changed.emit()
