"""The Print menu of the main window: its actions open previews and the batch dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt6.QtWidgets import QMainWindow, QMessageBox

from supervisor_app.ui.dialogs.print_dialogs import BatchPrintDialog
from supervisor_app.ui.print_menu import install_print_menu

from .conftest import COUNTY, World


@pytest.fixture
def window(qtbot: object) -> QMainWindow:
    win = QMainWindow()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    return win


def test_menu_lists_the_print_actions(window: QMainWindow, world: World) -> None:
    """The menu offers ruling, notification, batch and candidate-list printing."""
    menu, _ = install_print_menu(window, world.printing, lambda: None)
    shortcuts = [a.shortcut().toString() for a in menu.actions()]
    assert len(menu.actions()) == 4 and "Ctrl+P" in shortcuts


def test_print_ruling_opens_a_preview_of_the_selected_ruling(window: QMainWindow,
                                                              world: World) -> None:
    """With a ruling selected, "Print ruling" previews its PDF."""
    _, actions = install_print_menu(window, world.printing, lambda: world.sealed_id)
    actions.print_ruling()
    assert actions.last_dialog is not None and actions.last_dialog.isVisible()
    actions.last_dialog.close()
    actions.print_notification()
    assert actions.last_dialog.isVisible()
    actions.last_dialog.close()


def test_nothing_selected_says_so(window: QMainWindow, world: World,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a selection the user is told to pick a ruling; nothing is printed."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    _, actions = install_print_menu(window, world.printing, lambda: None)
    actions.print_ruling()
    assert told and actions.last_dialog is None


def test_batch_opens_with_the_boards_rulings(qtbot: object, window: QMainWindow, world: World,
                                             tmp_path: Path) -> None:
    """The batch action opens the batch dialog on the workstation board's rulings, with the
    choice of a session or a filter."""
    _, actions = install_print_menu(window, world.printing, lambda: None, board_id=COUNTY.id,
                                    prints_dir=tmp_path)
    actions.print_batch()
    dialog = actions.last_dialog
    assert isinstance(dialog, BatchPrintDialog) and dialog.chooser is not None
    qtbot.waitUntil(lambda: dialog.chooser.ready, timeout=10_000)  # type: ignore[attr-defined]
    assert dialog.chooser.board_box.currentData() == COUNTY.id
    assert dialog.count_label.text().split()[0] in ("3", "۳")
    assert dialog.path_edit.text().startswith(str(tmp_path))
    dialog.close()
