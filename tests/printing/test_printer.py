"""Printing from the app: the Qt printer, the in-memory printer, preview and batch dialogs."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image
from PyQt6.QtPrintSupport import QPrintDialog, QPrinter
from PyQt6.QtWidgets import QDialog

from supervisor_app.adapters.printer import MemoryPrinter, PrinterError, QtPrinter, paint_pdf
from supervisor_app.services.printing import CancelToken, PrintCancelled
from supervisor_app.ui.dialogs.print_dialogs import BatchPrintDialog, preview_dialog

from .conftest import World, pdftotext, words_only


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def test_memory_printer_records_jobs(world: World) -> None:
    """The in-memory printer keeps each job with its pages, or fails like a device would."""
    printer = MemoryPrinter()
    pdf = world.printing.rulings_batch_pdf(world.printing.session_rulings(world.session_id))
    job = printer.print_pdf(pdf, job_name="session", copies=2)
    assert (job.pages, job.copies, printer.jobs) == (2, 2, [job])
    printer.fail_with = "out of paper"
    with pytest.raises(PrinterError, match="out of paper"):
        printer.print_pdf(pdf, job_name="again")
    with pytest.raises(PrinterError):
        MemoryPrinter().print_pdf(b"not a pdf", job_name="x")


def test_qt_printer_puts_every_page_on_paper(qapp: object, world: World, tmp_path: Path) -> None:
    """QtPrinter renders each PDF page (QtPdf) onto the QPrinter; nothing is blank."""
    pdf = world.printing.rulings_batch_pdf(world.printing.session_rulings(world.session_id),
                                           notifications=True)
    out = tmp_path / "printed.pdf"
    done: list[int] = []
    printer = _pdf_printer(out)
    printer.setFromTo(1, 4)  # a page range: drawn page by page, as on a real printer
    job = QtPrinter(printer).print_pdf(pdf, job_name="batch",
                                       progress=lambda d, t: done.append(d))
    assert job.pages == 4 == _pages(out) and done == [1, 2, 3, 4]
    assert pdftotext(out).strip() == ""  # pictures of the pages, not the document itself
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page-*.png")))
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.size[0] * image.size[1]  # text and tables are there


def test_paint_refuses_a_broken_pdf(qapp: object, tmp_path: Path) -> None:
    """A damaged PDF fails with a clear error instead of printing blank pages."""
    with pytest.raises(PrinterError):
        paint_pdf(_pdf_printer(tmp_path / "x.pdf"), b"%PDF-1.4 broken")


def test_preview_paints_the_pdf_pages(qapp: object, world: World, tmp_path: Path) -> None:
    """The preview dialog paints the same pages the printer would get."""
    pdf = world.printing.ruling_pdf(world.sealed_id)
    dialog = preview_dialog(pdf, title="رأی")
    out = tmp_path / "preview.pdf"
    dialog.paintRequested.emit(_pdf_printer(out))
    assert _pages(out) == 1
    dialog.deleteLater()


def test_batch_dialog_saves_one_pdf_in_the_background(qtbot: object, world: World,
                                                      tmp_path: Path) -> None:
    """The batch dialog writes one PDF from a worker thread and shows its progress."""
    ids = world.printing.session_rulings(world.session_id)
    target = tmp_path / "out" / "session.pdf"
    dialog = BatchPrintDialog(world.printing, ids, default_path=target)
    qtbot.addWidget(dialog)
    dialog.notifications.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.result == target and _pages(target) == 4
    assert dialog.progress.value() == dialog.progress.maximum()


def test_batch_dialog_sends_to_the_printer(qtbot: object, world: World) -> None:
    """Chosen "printer": the batch goes to the printer as one job."""
    printer = MemoryPrinter()
    dialog = BatchPrintDialog(world.printing, world.printing.find_rulings(), printer=printer)
    qtbot.addWidget(dialog)
    dialog.to_printer.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert printer.jobs[0].pages == 4


class _SlowSource:
    """A batch that waits between rulings until it is cancelled."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def rulings_batch_pdf(self, ruling_ids: Sequence[str], *, notifications: bool = False,
                          progress: object = None, cancel: CancelToken | None = None) -> bytes:
        assert cancel is not None
        self.started.set()
        for n in range(len(ruling_ids)):
            if cancel.cancelled:
                raise PrintCancelled
            progress(n, len(ruling_ids))  # type: ignore[operator]
            threading.Event().wait(0.05)
        raise AssertionError("the batch was not cancelled")


def test_batch_dialog_cancel_stops_the_worker(qtbot: object, tmp_path: Path) -> None:
    """Cancel stops a running batch; nothing is written and the dialog can close."""
    source = _SlowSource()
    target = tmp_path / "never.pdf"
    dialog = BatchPrintDialog(source, [str(n) for n in range(200)], default_path=target)
    qtbot.addWidget(dialog)
    dialog.start()
    assert source.started.wait(5)
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert not target.exists()
    assert dialog.close_button.isEnabled() and dialog.status.text() != ""
    assert dialog.result is None


def test_print_dialog_path_to_a_pdf_file(qtbot: object, world: World, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """"Send to a printer" goes through QPrintDialog; choosing "print to PDF file" there
    writes the document itself: a valid PDF whose text is the rulings'."""
    out = tmp_path / "printed" / "batch.pdf"
    out.parent.mkdir()
    asked: list[QPrinter] = []

    def accept(dialog: QPrintDialog) -> int:  # the user picks "Print to file (PDF)"
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        asked.append(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    ids = world.printing.session_rulings(world.session_id)
    dialog = BatchPrintDialog(world.printing, ids, default_path=tmp_path / "unused.pdf")
    qtbot.addWidget(dialog)
    dialog.to_printer.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert len(asked) == 1 and dialog.result is not None, dialog.status.text()
    assert dialog.result.pages == 2 == _pages(out)
    assert not (tmp_path / "unused.pdf").exists()
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = words_only(pdftotext(out))
    for expected in ("رد صلاحیت داوطلب", "پرویز چگینی", "تأیید صلاحیت داوطلب", "گلاره باقری",
                     f"شناسهٔ رأی: {ids[0]}", f"شناسهٔ رأی: {ids[1]}"):
        assert words_only(expected) in text, expected


def test_print_dialog_cancelled_prints_nothing(qtbot: object, world: World,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the print dialog without printing starts no job."""
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    dialog = BatchPrintDialog(world.printing, [world.sealed_id])
    qtbot.addWidget(dialog)
    dialog.to_printer.setChecked(True)
    dialog.start()
    assert not dialog.running and dialog.start_button.isEnabled()
