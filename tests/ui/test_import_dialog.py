"""The import dialog over a real store: preview with problems, Import disabled, then import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PyQt6.QtCore import Qt

from supervisor_app.domain.roster import RosterKind
from supervisor_app.services.roster_import import RosterImportService, RowStatus
from supervisor_app.ui.dialogs.import_dialog import (
    PROBLEM_BACKGROUND,
    ImportDialog,
    add_import_actions,
)
from supervisor_app.ui.tasks import TaskRunner
from supervisor_app.ui.text import Formatter

HEADERS = ["کد شعبه", "حوزه انتخابیه", "نشانی", "شناسه صندوق"]


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture
def dialog(qapp, qtbot, seeded_store):
    tasks = TaskRunner()
    service = RosterImportService(seeded_store, actor="secretary")
    widget = ImportDialog(service, RosterKind.BRANCHES, Formatter(persian=True), tasks)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    tasks.shutdown()


def _wait(dialog: ImportDialog, qtbot) -> None:
    assert dialog._tasks.wait_idle(30)
    qtbot.waitUntil(lambda: dialog.choose_button.isEnabled(), timeout=5000)


def test_a_file_with_problems_previews_but_cannot_be_imported(dialog, qtbot, tmp_path):
    """Rows with problems are highlighted and listed in Persian; Import stays disabled."""
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [HEADERS, ["BR7", "K1", "مدرسه", ""], ["BR8", "K99", "مسجد", ""], ["BR7", "K2", "", ""]],
    )
    dialog.load_file(path)
    assert not dialog.import_button.isEnabled()  # not while it is being read
    _wait(dialog, qtbot)

    assert dialog.preview is not None and not dialog.preview.ok
    assert not dialog.import_button.isEnabled()
    model = dialog.model
    assert model.rowCount() == 3
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["۲", "۳", "۴"]
    ok_background = model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole)
    bad_background = model.data(model.index(1, 2), Qt.ItemDataRole.BackgroundRole)
    assert ok_background is None
    assert bad_background.color() == PROBLEM_BACKGROUND
    assert "K99" in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    errors = [dialog.errors_list.item(i).text() for i in range(dialog.errors_list.count())]
    assert len(errors) == 3
    # Row number in Persian digits, the column as written in the file, the Persian message.
    assert "۳" in errors[0] and "«حوزه انتخابیه»" in errors[0] and "«K99» در داده" in errors[0]
    assert all("۴" in e for e in errors[1:])
    assert any("«نشانی» خالی است" in e for e in errors[1:])
    assert dialog.errors_list.isVisible()
    dialog.errors_list.setCurrentRow(1)  # selecting a problem shows its row
    assert dialog.table.currentIndex().row() == 2
    dialog.import_now()  # even if called, nothing happens without a clean preview
    assert dialog.result is None


def test_then_a_good_file_imports(dialog, qtbot, tmp_path, seeded_store):
    """After a bad file, a good one previews cleanly, Import is enabled and writes it."""
    bad = write_xlsx(tmp_path / "bad.xlsx", [HEADERS, ["BR7", "K99", "مدرسه", ""]])
    dialog.load_file(bad)
    _wait(dialog, qtbot)
    assert not dialog.import_button.isEnabled()

    good = write_xlsx(
        tmp_path / "good.xlsx",
        [HEADERS, ["BR7", "K1", "مدرسه", "E-1، E-2"], ["BR2", "K2", "مسجد تازه", ""]],
    )
    dialog.load_file(good)
    _wait(dialog, qtbot)
    assert dialog.preview is not None and dialog.preview.ok
    assert [r.status for r in dialog.preview.rows] == [RowStatus.NEW, RowStatus.CHANGED]
    assert not dialog.errors_list.isVisible()
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=10000) as signal:
        dialog.import_now()
    assert signal.args[0].new == 1 and signal.args[0].changed == 1
    assert signal.args[0].queued == 2  # both go to the registry at the next sync
    assert not dialog.import_button.isEnabled()
    counts, queued = dialog.summary_label.text().split("\n")
    assert "۱" in counts and "۲" in queued
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.branches.get("BR7").device_ids == ("E-1", "E-2")
        assert uow.branches.get("BR2").address == "مسجد تازه"


def test_a_corrupt_file_shows_its_persian_error(dialog, qtbot, tmp_path):
    """A file that is not a workbook shows the service's Persian message, nothing else."""
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook at all")
    dialog.load_file(path)
    _wait(dialog, qtbot)
    assert dialog.error_label.isVisible()
    assert "اکسل" in dialog.error_label.text()
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_the_file_menu_gets_both_import_actions(qapp, qtbot, seeded_store):
    """add_import_actions puts «branches» and «observers» imports into the given menu."""
    from PyQt6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("File")
    tasks = TaskRunner(window)
    actions = add_import_actions(
        menu, RosterImportService(seeded_store), Formatter(), tasks, window
    )
    assert len(actions) == 2 and menu.actions() == actions
    assert all(a.text().endswith("…") for a in actions)
