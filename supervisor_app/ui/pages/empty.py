"""A page for a capability that a later version brings: says what will appear there."""

from __future__ import annotations

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..fonts import TITLE_POINT_SIZE, emphasised

TEXT_MAX_WIDTH = 640  # long lines are hard to read


class EmptyStatePage(QWidget):
    """A centred title and explanation; no placeholder data."""

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("emptyStateTitle")
        self.title_label.setFont(emphasised(self.title_label.font(), TITLE_POINT_SIZE))
        self.explanation_label = QLabel(explanation)
        self.explanation_label.setObjectName("emptyStateText")
        for label in (self.title_label, self.explanation_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)

        # A width-capped column between stretches: a word-wrapped QLabel added with an
        # alignment flag gets no height-for-width and is clipped.
        column = QWidget()
        column.setMaximumWidth(TEXT_MAX_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        text = QVBoxLayout(column)
        text.addWidget(self.title_label)
        text.addSpacing(12)
        text.addWidget(self.explanation_label)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
