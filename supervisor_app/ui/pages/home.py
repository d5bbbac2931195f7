"""Home page: what this workstation holds and whether it is in step with the server."""

from __future__ import annotations

import logging
from typing import Protocol

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.views import Overview

from ..fonts import TITLE_POINT_SIZE, emphasised
from ..labels import COUNT_ORDER, count_labels
from ..text import Formatter

log = logging.getLogger(__name__)

CARD_COLUMNS = 5
COUNT_POINT_SIZE = 18.0


def value_label() -> QLabel:
    """A label aligned to the layout's start side whatever its text.

    QLabel aligns by the direction of its text, so a value with no letters (a date, a
    number) would jump to the left edge of a right-to-left form.
    """
    label = QLabel()
    start = Qt.AlignmentFlag.AlignRight if label.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    label.setAlignment(start | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
    return label


class OverviewSource(Protocol):
    def summary(self) -> Overview: ...


class HomePage(QWidget):
    """Cycle, board, counts, outbox, last sync and audit-chain status."""

    def __init__(
        self, overview: OverviewSource, fmt: Formatter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._overview = overview
        self._fmt = fmt
        self._count_values: dict[str, QLabel] = {}

        title = QLabel(self.tr("Overview"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))

        self.cycle_value = value_label()
        self.board_value = value_label()
        self.outbox_value = value_label()
        self.last_sync_value = value_label()
        self.audit_value = value_label()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Election cycle:"), self.cycle_value)
        form.addRow(self.tr("Board:"), self.board_value)
        form.addRow(self.tr("Waiting to be sent:"), self.outbox_value)
        form.addRow(self.tr("Last sync:"), self.last_sync_value)
        form.addRow(self.tr("Audit log:"), self.audit_value)

        self._cards = QGridLayout()
        self._cards.setHorizontalSpacing(12)
        self._cards.setVerticalSpacing(12)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(self.error_label)
        layout.addLayout(self._cards)
        layout.addSpacing(20)
        layout.addLayout(form)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Ask the service for a fresh overview and show it."""
        try:
            overview = self._overview.summary()
        except Exception:  # a slot must not raise: PyQt6 would abort the process
            log.exception("overview failed")
            self.error_label.setText(self.tr("The overview could not be read; see the log."))
            self.error_label.show()
            return
        self.error_label.hide()
        self.show_overview(overview)

    def show_overview(self, overview: Overview) -> None:
        fmt = self._fmt
        not_set = self.tr("Not set")
        self.cycle_value.setText(overview.cycle_title or not_set)
        self.board_value.setText(overview.board_name or not_set)
        if overview.pending_outbox:
            self.outbox_value.setText(
                self.tr("{count} items").format(count=fmt.number(overview.pending_outbox))
            )
        else:
            self.outbox_value.setText(self.tr("Nothing; everything has been sent"))
        if overview.last_sync_at is None:
            self.last_sync_value.setText(self.tr("Never"))
        else:
            moment = fmt.local(overview.last_sync_at)
            # A word between date and time makes the line a right-to-left paragraph, so
            # the date comes first for a Persian reader (digits alone would lay out LTR).
            self.last_sync_value.setText(
                self.tr("{date} at {time}").format(date=fmt.date(moment), time=fmt.clock(moment))
            )
        events = fmt.number(overview.audit_events)
        if overview.audit_intact:
            self.audit_value.setText(self.tr("Intact ({count} events)").format(count=events))
            self.audit_value.setProperty("state", "ok")
        else:
            self.audit_value.setText(
                self.tr("BROKEN: the audit log has been altered; tell the board's IT officer")
            )
            self.audit_value.setProperty("state", "alarm")
        self.audit_value.style().polish(self.audit_value)  # re-apply [state=…] styling
        self._show_counts(overview.counts)

    def count_text(self, key: str) -> str:
        """The number shown on the card for ``key`` (for tests and accessibility)."""
        label = self._count_values.get(key)
        return label.text() if label is not None else ""

    def _show_counts(self, counts: dict[str, int]) -> None:
        while self._cards.count():
            item = self._cards.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self._count_values.clear()
        captions = count_labels()
        ordered = [k for k in COUNT_ORDER if k in counts]
        ordered += sorted(k for k in counts if k not in COUNT_ORDER)
        for position, key in enumerate(ordered):
            card, value = self._make_card(captions.get(key, key), self._fmt.number(counts[key]))
            self._count_values[key] = value
            self._cards.addWidget(card, position // CARD_COLUMNS, position % CARD_COLUMNS)

    def _make_card(self, caption: str, number: str) -> tuple[QFrame, QLabel]:
        card = QFrame()
        card.setObjectName("countCard")
        value = QLabel(number)
        value.setObjectName("countValue")
        value.setFont(emphasised(value.font(), COUNT_POINT_SIZE))
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name = QLabel(caption)
        name.setObjectName("countCaption")
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(card)
        box.addWidget(value)
        box.addWidget(name)
        return card, value
