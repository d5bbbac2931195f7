"""The main window's Print menu: preview and print a ruling, its notice, a batch, a list.

Kept out of ``main_window.py`` so the window only calls :func:`install_print_menu`. The
documents come from the printing service; single unsigned documents take a fraction of a
second and are made on the GUI thread. A sealed ruling, when member keys are reachable
(``members``), opens ``SignedRulingPrintDialog``: signing its PDF with the members' keys
or the board seal runs in the background, as batches do (``BatchPrintDialog``, where the
user picks a session or a filter).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from supervisor_app.adapters.keystore import KeystoreError
from supervisor_app.services.printing import PrintError
from supervisor_app.signing.errors import SigningError
from supervisor_app.store import NotFound

from .dialogs.print_dialogs import BatchPrintDialog, preview_dialog
from .dialogs.signed_print_dialog import SignedRulingPrintDialog
from .text import Formatter

if TYPE_CHECKING:
    from supervisor_app.services.members import MemberKeyService
    from supervisor_app.services.printing import PrintingService

log = logging.getLogger(__name__)

__all__ = ["PrintActions", "install_print_menu"]


class PrintActions:
    """The handlers behind the Print menu (tests call them directly)."""

    def __init__(self, window: QMainWindow, printing: PrintingService,
                 selected_ruling: Callable[[], str | None], *, board_id: str = "",
                 prints_dir: Any = None, members: MemberKeyService | None = None,
                 fmt: Formatter | None = None) -> None:
        self.window = window
        self.printing = printing
        self.selected_ruling = selected_ruling
        self.board_id = board_id
        self.prints_dir = prints_dir
        self.members = members
        self.fmt = fmt or Formatter()
        self.last_dialog: Any = None  # the dialog last opened (tests inspect it)

    def _has_key(self, member_id: str) -> bool:
        """A key and its certificate are on this workstation for ``member_id``."""
        assert self.members is not None
        try:
            status = self.members.status(member_id)
        except (NotFound, KeystoreError, SigningError):
            log.warning("the key of %s could not be looked up", member_id, exc_info=True)
            return False
        return status.has_key and status.certificate_serial is not None

    def _default_path(self, name: str) -> Path:
        base = Path(self.prints_dir) if self.prints_dir is not None else Path.home()
        return base / name

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
        if ruling_id is None:
            return
        title = QCoreApplication.translate("PrintMenu", "Print ruling")
        if self.members is not None:
            try:
                choices = self.printing.pdf_signing_choices(ruling_id, self._has_key)
            except NotFound as exc:
                QMessageBox.warning(self.window, title, str(exc))
                return
            if choices.sealed:  # its PDF can be signed here, as `print ruling --sign/--seal`
                name = f"ruling-{choices.serial or ruling_id}-{ruling_id[:8]}.pdf"
                self.last_dialog = SignedRulingPrintDialog(
                    self.printing, self.members, choices, self.fmt,
                    default_path=self._default_path(name), parent=self.window,
                )
                self.last_dialog.open()
                return
        self._show(lambda: self.printing.ruling_pdf(ruling_id), title)

    def print_notification(self) -> None:
        ruling_id = self._ruling_id()
        if ruling_id is not None:
            title = QCoreApplication.translate("PrintMenu", "Print notification")
            self._show(lambda: self.printing.notification_pdf(ruling_id), title)

    def print_batch(self) -> None:
        """The batch dialog: the user picks a session or a filter (counted in the background)."""
        default = self._default_path(f"rulings-{date.today().isoformat()}.pdf")
        self.last_dialog = BatchPrintDialog(self.printing, default_path=default,
                                            parent=self.window, catalog=self.printing,
                                            board_id=self.board_id, fmt=self.fmt)
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
                       prints_dir: Any = None, members: MemberKeyService | None = None,
                       fmt: Formatter | None = None) -> tuple[QMenu, PrintActions]:
    """Add the Print menu to ``window``; returns it and its handlers."""
    actions = PrintActions(window, printing, selected_ruling, board_id=board_id,
                           prints_dir=prints_dir, members=members, fmt=fmt)
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
