"""Screenshots of the printing dialogs as the app shows them (Persian, right-to-left), for
people to look at, with a check that they fit a 1366×768 screen."""

from __future__ import annotations

import os
from pathlib import Path

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QDialog, QMainWindow

from supervisor_app.ui.dialogs.print_dialogs import BatchPrintDialog
from supervisor_app.ui.dialogs.signed_print_dialog import SignedRulingPrintDialog
from supervisor_app.ui.print_menu import install_print_menu
from tests.printing.conftest import COUNTY, World
from tests.printing.conftest import world as world  # the shared printing world


def _save(dialog: QDialog, tmp_path: Path, name: str) -> None:
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740, hint
    image = dialog.grab().toImage()
    folders = [tmp_path]
    if os.environ.get("NEZARAT_SCREENSHOTS"):
        folders.append(Path(os.environ["NEZARAT_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        assert image.save(str(folder / f"{name}.png"))


def test_screenshot_of_the_signed_print_dialog(qtbot, qapp, world: World, tmp_path: Path):
    """The sealed ruling's print dialog: Persian, right-to-left, fits the screen."""
    window = QMainWindow()
    qtbot.addWidget(window)
    _, actions = install_print_menu(window, world.printing, lambda: world.sealed_id,
                                    board_id=COUNTY.id, prints_dir=tmp_path,
                                    members=world.members)
    actions.print_ruling()
    dialog = actions.last_dialog
    assert isinstance(dialog, SignedRulingPrintDialog)
    assert "امضا" in dialog.windowTitle() or "چاپ" in dialog.windowTitle()
    _save(dialog, tmp_path, "signed-print-dialog")
    dialog.close()


def test_screenshot_of_the_batch_dialog(qtbot, qapp, world: World, tmp_path: Path):
    """The batch dialog with its session and filter choice: Persian, right-to-left."""
    dialog = BatchPrintDialog(world.printing, default_path=tmp_path / "batch.pdf",
                              catalog=world.printing)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.chooser.loaded and not dialog.chooser.counting,
                    timeout=10_000)
    _save(dialog, tmp_path, "batch-print-dialog")
    dialog.close()
