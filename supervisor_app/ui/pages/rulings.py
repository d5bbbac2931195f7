"""Rulings page: every ruling with its status and signatures; sign and seal from here."""

from __future__ import annotations

import logging
from typing import Protocol

from PyQt6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.rulings import RulingStatus, RulingSubject
from supervisor_app.services.rulings import RulingListItem

from ..dialogs.sign_dialog import RulingSigner, SignDialog
from ..fonts import TITLE_POINT_SIZE, emphasised
from ..text import Formatter, ltr

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole  # the ruling id, on the first cell of each row
COLUMNS = 6


def ruling_status_labels() -> dict[RulingStatus, str]:
    S = RulingStatus
    # Written out in full: pylupdate6 only extracts literal translate() calls.
    return {
        S.DRAFT: QCoreApplication.translate("RulingStatus", "Draft"),
        S.SIGNING: QCoreApplication.translate("RulingStatus", "Being signed"),
        S.SEALED: QCoreApplication.translate("RulingStatus", "Sealed"),
        S.AWAITING_APPROVAL: QCoreApplication.translate(
            "RulingStatus", "Sealed, awaiting the central board's approval"
        ),
        S.SUPERSEDED: QCoreApplication.translate("RulingStatus", "Superseded by a correction"),
        S.WITHDRAWN: QCoreApplication.translate("RulingStatus", "Withdrawn"),
    }


def ruling_subject_labels() -> dict[RulingSubject, str]:
    S = RulingSubject
    return {
        S.QUALIFICATION: QCoreApplication.translate("RulingSubject", "Qualification"),
        S.OBJECTION: QCoreApplication.translate("RulingSubject", "Objection"),
        S.COMPLAINT: QCoreApplication.translate("RulingSubject", "Complaint"),
        S.ANNULMENT: QCoreApplication.translate("RulingSubject", "Annulment"),
    }


class RulingSource(RulingSigner, Protocol):
    def list_rulings(
        self, *, board_id: str | None = None, limit: int = 500
    ) -> list[RulingListItem]: ...


class RulingsPage(QWidget):
    """The table of rulings; Sign and Seal open the passphrase dialog for the selected one."""

    def __init__(
        self,
        rulings: RulingSource,
        fmt: Formatter,
        *,
        board_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rulings = rulings
        self._fmt = fmt
        self._board_id = board_id or None
        self._items: list[RulingListItem] = []
        self._status_labels = ruling_status_labels()
        self._subject_labels = ruling_subject_labels()

        title = QLabel(self.tr("Rulings"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("rulingsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Number"), self.tr("Board"), self.tr("Subject"), self.tr("Date"),
            self.tr("Status"), self.tr("Signatures"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.sign_selected())

        self.sign_button = QPushButton(self.tr("Sign…"))
        self.seal_button = QPushButton(self.tr("Seal…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.sign_button.clicked.connect(self.sign_selected)
        self.seal_button.clicked.connect(self.seal_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.message_label = QLabel()
        self.message_label.setObjectName("rulingsMessage")
        self.message_label.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.sign_button, self.seal_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self._items = self._rulings.list_rulings(board_id=self._board_id)
        except Exception:  # a slot must not raise: PyQt6 would abort the process
            log.exception("listing rulings failed")
            self.message_label.setText(self.tr("The rulings could not be read; see the log."))
            return
        selected = self.selected_id()
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            for column, text in enumerate(self._cells(item)):
                cell = QTableWidgetItem(text)
                if column == 0:
                    cell.setData(ID_ROLE, item.id)
                self.table.setItem(row, column, cell)
            if item.id == selected:
                self._select_row(row)
        if not self._items:
            self.message_label.setText(self.tr(
                "No rulings yet: rulings drafted in board sessions appear here for signing."
            ))
        self._update_buttons()

    def _cells(self, item: RulingListItem) -> list[str]:
        fmt = self._fmt
        return [
            fmt.digits(item.serial) if item.serial else "—",
            item.board_name,
            f"{self._subject_labels[item.subject]} {ltr(item.subject_ref)}",
            fmt.date(item.issued_on),
            self._status_labels[item.status],
            self.tr("{signed} of {present}").format(
                signed=fmt.number(item.signed), present=fmt.number(item.present)
            ),
        ]

    def row_texts(self, row: int) -> list[str]:
        return [self.table.item(row, c).text() for c in range(COLUMNS)]  # type: ignore[union-attr]

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return str(cell.data(ID_ROLE)) if cell is not None else None

    def select(self, ruling_id: str) -> None:
        for row, item in enumerate(self._items):
            if item.id == ruling_id:
                self._select_row(row)
                return

    def _select_row(self, row: int) -> None:
        # QTableView.selectRow() depends on focus and the current index; the selection
        # model does exactly this, always.
        model = self.table.selectionModel()
        assert model is not None
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
            | QItemSelectionModel.SelectionFlag.Current
        )
        model.setCurrentIndex(self.table.model().index(row, 0), flags)  # type: ignore[union-attr]

    def _selected_item(self) -> RulingListItem | None:
        ruling_id = self.selected_id()
        return next((i for i in self._items if i.id == ruling_id), None)

    def _update_buttons(self) -> None:
        item = self._selected_item()
        status = item.status if item else None
        self.sign_button.setEnabled(status in (RulingStatus.DRAFT, RulingStatus.SIGNING))
        # Sealing needs the quorum's signatures; the dialog explains any other shortfall.
        self.seal_button.setEnabled(
            status is RulingStatus.SIGNING and item is not None
            and item.signed >= item.required_present
        )

    # --- actions ------------------------------------------------------------------------

    def make_dialog(self, ruling_id: str, *, seal: bool = False) -> SignDialog:
        return SignDialog(self._rulings, ruling_id, self._fmt, seal=seal, parent=self)

    def sign_selected(self) -> None:
        self._run_dialog(seal=False)

    def seal_selected(self) -> None:
        self._run_dialog(seal=True)

    def _run_dialog(self, *, seal: bool) -> None:
        ruling_id = self.selected_id()
        if ruling_id is None:
            return
        try:
            dialog = self.make_dialog(ruling_id, seal=seal)
        except Exception:
            log.exception("opening the signing dialog for %s failed", ruling_id)
            self.message_label.setText(self.tr("This ruling cannot be signed now; see the log."))
            return
        if dialog.exec():
            self.message_label.setText(dialog.result_text())
        self.refresh()
