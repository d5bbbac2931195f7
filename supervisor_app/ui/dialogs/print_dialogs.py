"""Print preview and batch printing: dialogs over the printing service and a printer.

The PDFs are made by ``services.printing`` (so paper, archive and CLI agree); these
dialogs only show them, send them to a printer, or save them. Batches run on the UI's
``TaskRunner`` (a thread pool; results and progress come back on the GUI thread) with
a progress bar and a cancel button that sets the batch's ``CancelToken``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PyQt6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PyQt6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.adapters.printer import Printer, PrinterError, QtPrinter, paint_pdf
from supervisor_app.domain.persian import format_number
from supervisor_app.services.printing import CancelToken, PrintCancelled, PrintError

from ..tasks import TaskRunner
from ..text import Formatter
from .batch_print import BatchCatalogSource, BatchChoice

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class BatchSource(Protocol):
    def rulings_batch_pdf(self, ruling_ids: Sequence[str], *, notifications: bool = False,
                          progress: Progress | None = None,
                          cancel: CancelToken | None = None) -> bytes: ...


def write_pdf_atomically(path: Path, pdf: bytes, *,
                         cancelled: Callable[[], bool] | None = None) -> Path:
    """Write ``pdf`` to ``path`` all at once: a cancel (or a crash) never leaves half a file.

    The bytes go to a ``.part`` file beside the target, which replaces the target only
    if the job was not cancelled meanwhile (``PrintCancelled`` then, and no file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())  # on disk before it replaces an earlier signed PDF
        if cancelled is not None and cancelled():
            raise PrintCancelled
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path


def preview_dialog(pdf: bytes, parent: QWidget | None = None,
                   title: str = "") -> QPrintPreviewDialog:
    """A print preview of ``pdf`` (its pages as the printer will get them)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if title:
        printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    # The dialog does not own its printer: keep the Python wrapper (and the C++ object)
    # alive as long as the dialog, or Qt paints on a deleted QPrinter.
    dialog.printer_ref = printer  # type: ignore[attr-defined]
    dialog.setWindowTitle(title or dialog.windowTitle())
    dialog.paintRequested.connect(lambda target: _paint_safely(target, pdf))
    return dialog


def _paint_safely(printer: QPrinter, pdf: bytes) -> None:
    # A slot must not raise: PyQt6 would abort the whole application.
    try:
        paint_pdf(printer, pdf)
    except PrinterError:
        log.exception("print preview could not draw the PDF")


class BatchPrintDialog(QDialog):
    """Print many rulings at once, into one PDF file or to a printer, in the background.

    With ``catalog`` the user chooses the rulings (a session or a filter, see
    :class:`BatchChoice`) instead of printing the given ``ruling_ids``.
    """

    def __init__(self, source: BatchSource, ruling_ids: Sequence[str] = (), *,
                 printer: Printer | None = None, default_path: Path | None = None,
                 runner: TaskRunner | None = None, parent: QWidget | None = None,
                 catalog: BatchCatalogSource | None = None, board_id: str = "",
                 fmt: Formatter | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._ids = list(ruling_ids)
        self._printer = printer
        self._runner = runner or TaskRunner(self, max_threads=1)
        self.token = CancelToken()
        self.running = False
        self.result: object = None
        self.setWindowTitle(self.tr("Print rulings"))
        self.count_label = QLabel(
            self.tr("{n} rulings selected").format(n=format_number(len(self._ids)))
        )
        self.notifications = QCheckBox(self.tr("Include each candidate's notification"))
        self.to_file = QRadioButton(self.tr("Save as one PDF file"))
        self.to_printer = QRadioButton(self.tr("Send to a printer"))
        self.to_file.setChecked(True)
        self.path_edit = QLineEdit(str(default_path or Path.home() / "rulings.pdf"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("Print"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (self.count_label, self.notifications, self.to_file):
            layout.addWidget(widget)
        layout.addLayout(path_row)
        layout.addWidget(self.to_printer)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.start_button.setEnabled(bool(self._ids))
        self.chooser: BatchChoice | None = None
        if catalog is not None:
            self.chooser = BatchChoice(catalog, self._runner, board_id=board_id, fmt=fmt,
                                       parent=self)
            self.chooser.changed.connect(self._on_choice)
            layout.insertWidget(0, self.chooser)
            self._on_choice()

    def _on_choice(self) -> None:
        assert self.chooser is not None
        self._ids = list(self.chooser.ids)
        self.count_label.setText(self.chooser.summary)
        self.start_button.setEnabled(self.chooser.ready and not self.running)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save rulings as PDF"),
                                              self.path_edit.text(), "PDF (*.pdf)")
        if name:
            self.path_edit.setText(name)

    def _choose_printer(self) -> Printer | None:
        if self._printer is not None:
            return self._printer
        qt = QtPrinter()
        dialog = QPrintDialog(qt.printer, self)
        return qt if dialog.exec() == QDialog.DialogCode.Accepted else None

    def start(self) -> None:
        """Start the batch in the background (the dialog stays responsive)."""
        if self.running or not self._ids or (self.chooser is not None and not self.chooser.ready):
            return
        to_printer = self.to_printer.isChecked()
        printer = self._choose_printer() if to_printer else None
        if to_printer and printer is None:
            return
        path = Path(self.path_edit.text()).expanduser()
        ids, notices, source = list(self._ids), self.notifications.isChecked(), self._source

        token = self.token = CancelToken()

        def job(progress: Progress) -> object:  # runs in the pool: no widgets here
            pdf = source.rulings_batch_pdf(ids, notifications=notices, progress=progress,
                                           cancel=token)
            if printer is None:
                return write_pdf_atomically(path, pdf, cancelled=lambda: token.cancelled)
            return printer.print_pdf(pdf, job_name=f"rulings ({len(ids)})",
                                     cancelled=lambda: token.cancelled)

        self.running = True
        if self.chooser is not None:
            self.chooser.setEnabled(False)
        self.start_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Preparing the rulings…"))
        self._runner.submit_with_progress(job, self._on_success, self._on_progress,
                                          self._on_failure)

    def cancel(self) -> None:
        if self.running:
            self.token.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_success(self, result: object) -> None:
        self.result = result
        self.progress.setValue(self.progress.maximum())
        self.status.setText(self.tr("Done."))
        self._finished()

    def _on_failure(self, error: BaseException) -> None:
        if isinstance(error, PrintCancelled) or (
            isinstance(error, PrinterError) and self.token.cancelled
        ):
            message = self.tr("Cancelled; nothing was printed.")
        elif isinstance(error, PrintError):
            message = error.message_fa
        else:
            log.error("batch printing failed", exc_info=error)
            message = str(error)
        self.status.setText(message)
        self._finished()

    def _finished(self) -> None:
        self.running = False
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.start_button.setEnabled(bool(self._ids))
        if self.chooser is not None:
            self.chooser.setEnabled(self.chooser.loaded)

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def closeEvent(self, event: object) -> None:
        self._stop()
        super().closeEvent(event)  # type: ignore[arg-type]

    def _stop(self) -> None:
        # Never leave a batch (or a count) running behind a closed dialog: a pool thread
        # still in Python when the dialog is destroyed would wait for the GIL forever.
        if self.running:
            self.token.cancel()
        if self._runner.busy:
            self._runner.wait_idle()
