"""The main window's Print menu: preview and print a ruling, its notice, a batch, a list.

Kept out of ``main_window.py`` so the window only calls :func:`install_print_menu`. The
documents come from the printing service; single documents take a fraction of a second
and are made on the GUI thread, batches run in the background (``BatchPrintDialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from supervisor_app.services.printing import PrintError
from supervisor_app.store import NotFound

from .dialogs.print_dialogs import BatchPrintDialog, preview_dialog

if TYPE_CHECKING:
    from supervisor_app.services.printing import PrintingService

__all__ = ["PrintActions", "install_print_menu"]


class PrintActions:
    """The handlers behind the Print menu (tests call them directly)."""

    def __init__(self, window: QMainWindow, printing: PrintingService,
                 selected_ruling: Callable[[], str | None], *, board_id: str = "",
                 prints_dir: Any = None) -> None:
        self.window = window
        self.printing = printing
        self.selected_ruling = selected_ruling
        self.board_id = board_id
        self.prints_dir = prints_dir
        self.last_dialog: Any = None  # the dialog last opened (tests inspect it)

    def _show(self, make: Callable[[], bytes], title: str) -> None:
        try:
            pdf = make()
        except PrintError as exc:
            QMessageBox.warning(self.window, title, exc.message_fa)
            return
        except NotFound as exc:
            QMessageBox.warning(self.window, title, str(exc))
            return
        self.last_dialog = preview_dialog(pdf, self.window, title)
        self.last_dialog.open()

    def _ruling_id(self) -> str | None:
        ruling_id = self.selected_ruling()
        if ruling_id is None:
            QMessageBox.information(
                self.window, QCoreApplication.translate("PrintMenu", "Print"),
                QCoreApplication.translate("PrintMenu", "Select a ruling in the list first."),
            )
        return ruling_id

    def print_ruling(self) -> None:
        ruling_id = self._ruling_id()
        if ruling_id is not None:
            title = QCoreApplication.translate("PrintMenu", "Print ruling")
            self._show(lambda: self.printing.ruling_pdf(ruling_id), title)

    def print_notification(self) -> None:
        ruling_id = self._ruling_id()
        if ruling_id is not None:
            title = QCoreApplication.translate("PrintMenu", "Print notification")
            self._show(lambda: self.printing.notification_pdf(ruling_id), title)

    def print_batch(self) -> None:
        ids = self.printing.find_rulings(board_id=self.board_id or None)
        default = None
        if self.prints_dir is not None:
            default = self.prints_dir / f"rulings-{date.today().isoformat()}.pdf"
        self.last_dialog = BatchPrintDialog(self.printing, ids, default_path=default,
                                            parent=self.window)
        self.last_dialog.open()

    def print_candidate_list(self) -> None:
        title = QCoreApplication.translate("PrintMenu", "Print candidate list")
        code, ok = QInputDialog.getText(
            self.window, title, QCoreApplication.translate("PrintMenu", "Constituency code:")
        )
        if ok and code.strip():
            self._show(lambda: self.printing.candidate_list_pdf(code.strip()), title)


def install_print_menu(window: QMainWindow, printing: PrintingService,
                       selected_ruling: Callable[[], str | None], *, board_id: str = "",
                       prints_dir: Any = None) -> tuple[QMenu, PrintActions]:
    """Add the Print menu to ``window``; returns it and its handlers."""
    actions = PrintActions(window, printing, selected_ruling, board_id=board_id,
                           prints_dir=prints_dir)
    menu = window.menuBar().addMenu(QCoreApplication.translate("PrintMenu", "&Print"))
    entries: list[tuple[str, Callable[[], None], str]] = [
        (QCoreApplication.translate("PrintMenu", "Print &ruling…"), actions.print_ruling,
         "Ctrl+P"),
        (QCoreApplication.translate("PrintMenu", "Print &notification…"),
         actions.print_notification, ""),
        (QCoreApplication.translate("PrintMenu", "Print rulings in a &batch…"),
         actions.print_batch, "Ctrl+Shift+P"),
        (QCoreApplication.translate("PrintMenu", "Print &candidate list…"),
         actions.print_candidate_list, ""),
    ]
    for text, handler, shortcut in entries:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(handler)
        menu.addAction(action)
    return menu, actions
