"""Printers: the real one draws PDF pages on a QPrinter; the fake one keeps jobs in memory.

Both take finished PDFs (the printing service makes them), so what goes to paper is
exactly the archived, signed document. The Qt printer renders each page with QtPdf
(PDFium) at the printer's resolution and paints it on the page; the in-memory printer
(as in VotingWorks' ``memory_printer``) lets tests and the UI run without a device.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PyQt6.QtPrintSupport import QPrinter

__all__ = [
    "MemoryPrinter",
    "PrintJob",
    "Printer",
    "PrinterError",
    "QtPrinter",
    "paint_pdf",
]

Progress = Callable[[int, int], None]  # (pages done, pages)
Cancelled = Callable[[], bool]


class PrinterError(Exception):
    """The job could not be printed (no printer, unreadable PDF, device error)."""


@dataclass(frozen=True, slots=True)
class PrintJob:
    name: str
    pages: int
    copies: int
    pdf: bytes = field(repr=False)


class Printer(Protocol):
    def print_pdf(self, pdf: bytes, *, job_name: str, copies: int = 1,
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> PrintJob:
        """Print every page of ``pdf``; raises PrinterError (nothing half-reported)."""
        ...


def _page_count(pdf: bytes) -> int:
    # Counting /Type /Page objects is enough for the in-memory printer's bookkeeping.
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


class MemoryPrinter:
    """A printer that records jobs (tests, demos); ``fail_with`` simulates a device error."""

    def __init__(self) -> None:
        self.jobs: list[PrintJob] = []
        self.fail_with: str | None = None

    def print_pdf(self, pdf: bytes, *, job_name: str, copies: int = 1,
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> PrintJob:
        if not pdf.startswith(b"%PDF-"):
            raise PrinterError("not a PDF")
        if self.fail_with:
            raise PrinterError(self.fail_with)
        pages = _page_count(pdf)
        for page in range(pages):
            if cancelled is not None and cancelled():
                raise PrinterError("cancelled")
            if progress is not None:
                progress(page + 1, pages)
        job = PrintJob(job_name, pages, copies, pdf)
        self.jobs.append(job)
        return job


def paint_pdf(printer: QPrinter, pdf: bytes, *, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> int:
    """Draw every page of ``pdf`` on ``printer`` (already configured); returns the pages.

    Works from a worker thread too (QPainter may paint on a QPrinter off the GUI thread).
    """
    from PyQt6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
    from PyQt6.QtGui import QPainter
    from PyQt6.QtPdf import QPdfDocument
    from PyQt6.QtPrintSupport import QPrinter as _QPrinter

    document = QPdfDocument(None)
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrinterError(f"the PDF cannot be read ({document.error()})")
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError("the printer did not start the job (is it available?)")
    try:
        dpi = printer.resolution()
        for page in range(pages):
            if cancelled is not None and cancelled():
                printer.abort()
                raise PrinterError("cancelled")
            if page and not printer.newPage():
                raise PrinterError("the printer refused a new page")
            points = document.pagePointSize(page)
            target = QRectF(printer.pageRect(_QPrinter.Unit.DevicePixel))
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            # Fit the page into the printable area, keeping its proportions.
            scale = min(target.width() / size.width(), target.height() / size.height())
            width, height = size.width() * scale, size.height() * scale
            painter.drawImage(QRectF(0, 0, width, height), image)
            if progress is not None:
                progress(page + 1, pages)
    finally:
        painter.end()
        document.close()
    return pages


class QtPrinter:
    """Prints through a QPrinter (system printer, or a PDF file when configured so).

    "Print to file (PDF)" with no page range writes the document itself, not pictures
    of its pages: the file stays searchable and keeps its signatures and attachments.
    """

    def __init__(self, printer: QPrinter | None = None) -> None:
        from PyQt6.QtPrintSupport import QPrinter as _QPrinter

        self.printer = printer or _QPrinter(_QPrinter.PrinterMode.HighResolution)

    def print_pdf(self, pdf: bytes, *, job_name: str, copies: int = 1,
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> PrintJob:
        self.printer.setDocName(job_name)
        self.printer.setCopyCount(copies)
        if self._to_whole_pdf_file():
            return self._write_file(pdf, job_name, copies, progress, cancelled)
        pages = paint_pdf(self.printer, pdf, progress=progress, cancelled=cancelled)
        return PrintJob(job_name, pages, copies, pdf)

    def _to_whole_pdf_file(self) -> bool:
        from PyQt6.QtPrintSupport import QPrinter as _QPrinter

        printer = self.printer
        return (printer.outputFormat() == _QPrinter.OutputFormat.PdfFormat
                and bool(printer.outputFileName()) and printer.fromPage() == 0)

    def _write_file(self, pdf: bytes, job_name: str, copies: int,
                    progress: Progress | None, cancelled: Cancelled | None) -> PrintJob:
        import os
        from pathlib import Path

        if not pdf.startswith(b"%PDF-"):
            raise PrinterError("not a PDF")
        if cancelled is not None and cancelled():
            raise PrinterError("cancelled")
        target = Path(self.printer.outputFileName())
        part = target.with_name(target.name + ".part")
        try:
            part.write_bytes(pdf)  # all at once: never half a file under the chosen name
            os.replace(part, target)
        except OSError as exc:
            raise PrinterError(f"cannot write {target}: {exc}") from exc
        finally:
            part.unlink(missing_ok=True)
        pages = _pages_of(pdf)
        if progress is not None:
            progress(pages, pages)
        return PrintJob(job_name, pages, copies, pdf)


def _pages_of(pdf: bytes) -> int:
    """The page count from the page tree (signed PDFs may keep pages in object streams)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])
    except Exception:  # an odd file is still written; the count is bookkeeping only
        return _page_count(pdf)
