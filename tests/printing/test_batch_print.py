"""Batch printing from the app: choosing a session or a filter, counting, cancelling."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtCore import Qt

from supervisor_app.services.printing import CancelToken, PrintCancelled, PrintingService
from supervisor_app.ui.dialogs.print_dialogs import BatchPrintDialog, write_pdf_atomically

from .conftest import COUNTY, OTHER, World, pdftotext, words_only

_OPEN: list[BatchPrintDialog] = []


@pytest.fixture(autouse=True)
def _close_dialogs() -> Iterator[None]:
    """Close each test's dialogs (waiting for their counts) before Qt destroys them."""
    yield
    while _OPEN:
        _OPEN.pop().close()


def _dialog(qtbot: Any, source: Any, target: Path, **kw: Any) -> BatchPrintDialog:
    dialog = BatchPrintDialog(source, default_path=target, catalog=source, **kw)
    qtbot.addWidget(dialog)
    _OPEN.append(dialog)
    qtbot.waitUntil(lambda: dialog.chooser.loaded and not dialog.chooser.counting, timeout=10_000)
    return dialog


def _counted(qtbot: Any, dialog: BatchPrintDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.chooser.counting, timeout=10_000)


def _printed_ids(world: World, path: Path) -> set[str]:
    """Which of the world's rulings the PDF holds (by the id in each ruling's footer)."""
    text = words_only(pdftotext(path))
    every = (
        world.sealed_id,
        world.objection_ruling_id,
        world.other_board_ruling_id,
        world.draft_id,
    )
    return {r for r in every if words_only(f"شناسهٔ رأی: {r}") in text}


def test_choosing_a_session_prints_exactly_its_rulings(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    """The session's two rulings, and no other, go into the one PDF (numbers ۱ and ۲)."""
    target = tmp_path / "out" / "session.pdf"
    dialog = _dialog(qtbot, world.printing, target, board_id=COUNTY.id)
    assert dialog.count_label.text().split()[0] in ("3", "۳")  # the board's rulings
    sessions = [
        dialog.chooser.session_box.itemData(i) for i in range(dialog.chooser.session_box.count())
    ]
    assert sessions == [world.session_id]
    dialog.chooser.select_session(world.session_id)
    _counted(qtbot, dialog)
    assert dialog.count_label.text().split()[0] in ("2", "۲")
    assert dialog.start_button.isEnabled()
    dialog.start()
    assert not dialog.chooser.isEnabled()  # the choice is fixed while printing
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.result == target, dialog.status.text()
    assert _printed_ids(world, target) == {world.sealed_id, world.objection_ruling_id}
    text = words_only(pdftotext(target))
    assert words_only("شماره: ۱") in text and words_only("شماره: ۲") in text
    assert list(target.parent.iterdir()) == [target]


def test_filter_counts_the_matching_rulings(qtbot: Any, world: World, tmp_path: Path) -> None:
    """Board, status and Jalali dates narrow the batch; the count follows each change."""
    dialog = _dialog(qtbot, world.printing, tmp_path / "f.pdf")
    chooser = dialog.chooser
    assert chooser.ids == world.printing.find_rulings() and len(chooser.ids) == 4

    chooser.board_box.setCurrentIndex(chooser.board_box.findData(COUNTY.id))
    chooser.status_box.setCurrentIndex(chooser.status_box.findData("sealed"))
    _counted(qtbot, dialog)
    assert set(chooser.ids) == {world.sealed_id, world.objection_ruling_id}

    chooser.status_box.setCurrentIndex(chooser.status_box.findData("draft"))
    _counted(qtbot, dialog)
    assert chooser.ids == [world.draft_id]

    chooser.board_box.setCurrentIndex(chooser.board_box.findData(OTHER.id))
    chooser.status_box.setCurrentIndex(0)  # any status
    chooser.from_edit.setText("۱۴۰۴/۱۰/۲۱")  # the session's day, in Persian digits
    chooser.to_edit.setText("1404/10/21")
    _counted(qtbot, dialog)
    assert chooser.ids == [world.other_board_ruling_id]
    assert dialog.count_label.text().split()[0] in ("1", "۱")

    chooser.from_edit.setText("1404/10/22")  # the day after: nothing issued
    _counted(qtbot, dialog)
    assert chooser.ids == [] and not dialog.start_button.isEnabled()


def test_invalid_dates_are_explained_and_block_printing(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    """A date that is not Jalali, or a range backwards: a reason, no count, no Print."""
    dialog = _dialog(qtbot, world.printing, tmp_path / "x.pdf")
    dialog.chooser.from_edit.setText("1404/13/40")
    assert not dialog.chooser.counting and not dialog.start_button.isEnabled()
    bad_date = dialog.count_label.text()
    assert "1404/10/21" in bad_date or "۱۴۰۴/۱۰/۲۱" in bad_date
    dialog.chooser.from_edit.setText("1404/10/25")
    dialog.chooser.to_edit.setText("1404/10/01")
    assert dialog.count_label.text() not in ("", bad_date)
    assert not dialog.start_button.isEnabled()
    dialog.start()
    assert not dialog.running


class _HeldBatch:
    """The real service, except that the batch waits after its first ruling until cancelled."""

    def __init__(self, real: PrintingService) -> None:
        self._real = real
        self.held = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def rulings_batch_pdf(
        self,
        ruling_ids: Sequence[str],
        *,
        notifications: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> bytes:
        assert cancel is not None

        def hold(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total)
            if done >= 1 and not self.held.is_set():
                self.held.set()
                for _ in range(1000):  # at most ten seconds
                    if cancel.cancelled:
                        return
                    threading.Event().wait(0.01)

        return self._real.rulings_batch_pdf(
            ruling_ids, notifications=notifications, progress=hold, cancel=cancel
        )


def test_cancel_mid_batch_leaves_no_file(qtbot: Any, world: World, tmp_path: Path) -> None:
    """Cancelled after the first ruling: the worker stops and no PDF (nor part) exists."""
    source = _HeldBatch(world.printing)
    target = tmp_path / "out" / "cancelled.pdf"
    dialog = _dialog(qtbot, source, target)
    assert len(dialog.chooser.ids) == 4
    dialog.start()
    assert source.held.wait(10)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert dialog.result is None and dialog.status.text()
    assert not target.exists() and not list(tmp_path.rglob("*.part"))
    assert dialog.chooser.isEnabled() and dialog.close_button.isEnabled()


def test_cancel_after_the_pdf_is_made_still_writes_nothing(tmp_path: Path) -> None:
    """A cancel that arrives while the file is written removes it: no half or late file."""
    target = tmp_path / "late.pdf"
    with pytest.raises(PrintCancelled):
        write_pdf_atomically(target, b"%PDF-1.7 whole", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
    assert write_pdf_atomically(target, b"%PDF-1.7 whole") == target
    assert target.read_bytes() == b"%PDF-1.7 whole" and list(tmp_path.iterdir()) == [target]

