"""Import branches or observers from an Excel or CSV file: choose, preview, import.

The file is read and checked in the task runner's pool (a county's roster takes a second
or two); the preview lists every row with its outcome, rows with problems highlighted and
each problem in the UI's language with its row number. "Import" is enabled only when no
row has a problem, and the import itself (all or nothing) also runs off the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PyQt6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    pyqtSignal,
)
from PyQt6.QtGui import QAction, QBrush, QColor
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.roster import RosterKind, columns_for
from supervisor_app.services.roster_import import (
    ImportFileError,
    ImportPreview,
    ImportRefused,
    ImportResult,
    PreviewRow,
    RosterImportService,
    RowError,
    RowStatus,
)

from ..tasks import TaskRunner
from ..text import Formatter, ltr

log = logging.getLogger(__name__)

PROBLEM_BACKGROUND = QColor(220, 53, 69, 56)  # translucent red: readable in both themes
CHANGED_BACKGROUND = QColor(255, 193, 7, 48)  # translucent amber


def status_label(status: RowStatus) -> str:
    labels = {
        RowStatus.NEW: QCoreApplication.translate("ImportDialog", "New"),
        RowStatus.CHANGED: QCoreApplication.translate("ImportDialog", "Changed"),
        RowStatus.UNCHANGED: QCoreApplication.translate("ImportDialog", "Unchanged"),
        RowStatus.INVALID: QCoreApplication.translate("ImportDialog", "Has problems"),
    }
    return labels[status]


def _field_label(kind: RosterKind, field: str, persian: bool) -> str:
    # Observer records name the branch and head fields differently from the columns.
    aliases = {"constituency_code": "constituency", "head_observer_id": "head"}
    field = aliases.get(field, field)
    for column in columns_for(kind):
        if column.field == field:
            return column.label_fa if persian else column.label_en
    return field


def error_text(error: RowError, fmt: Formatter) -> str:
    """One problem as listed under the preview: row, column, message."""
    message = error.message_fa if fmt.persian else error.message_en
    if error.column:
        return QCoreApplication.translate(
            "ImportDialog", "Row {row}, «{column}»: {message}"
        ).format(row=fmt.digits(error.row_number), column=error.column, message=message)
    return QCoreApplication.translate("ImportDialog", "Row {row}: {message}").format(
        row=fmt.digits(error.row_number), message=message
    )


class PreviewModel(QAbstractTableModel):
    """The previewed rows: row number, outcome, then the file's imported columns."""

    def __init__(self, fmt: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fmt = fmt
        self._preview: ImportPreview | None = None
        self._rows: tuple[PreviewRow, ...] = ()
        self._headers: list[str] = []
        self._problems: dict[int, list[str]] = {}

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._preview = preview
        self._rows = preview.rows if preview else ()
        self._headers = [
            QCoreApplication.translate("ImportDialog", "Row"),
            QCoreApplication.translate("ImportDialog", "Outcome"),
        ]
        self._problems = {}
        if preview is not None:
            self._headers += [header for _field, header in preview.columns]
            for error in preview.errors:
                self._problems.setdefault(error.row_number, []).append(error_text(error, self._fmt))
        self.endResetModel()

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._preview is None:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._fmt.digits(row.row_number)
            if column == 1:
                text = status_label(row.status)
                if row.changed_fields:
                    names = "، ".join(
                        _field_label(self._preview.kind, f, self._fmt.persian)
                        for f in row.changed_fields
                    )
                    text = f"{text} ({names})"
                return text
            cell = row.cells[column - 2] if column - 2 < len(row.cells) else ""
            return ltr(cell) if cell.isascii() and cell else cell
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.status is RowStatus.INVALID:
                return QBrush(PROBLEM_BACKGROUND)
            if row.status is RowStatus.CHANGED:
                return QBrush(CHANGED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and row.row_number in self._problems:
            return "\n".join(self._problems[row.row_number])
        return None


class ImportDialog(QDialog):
    """Choose a branch or observer file, see what importing it would do, then import it."""

    imported = pyqtSignal(object)  # ImportResult, after it was written

    def __init__(
        self,
        service: RosterImportService,
        kind: RosterKind,
        fmt: Formatter,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ImportDialog")
        self._service = service
        self._kind = kind
        self._fmt = fmt
        self._tasks = tasks
        self._task_id: int | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        if kind is RosterKind.BRANCHES:
            self.setWindowTitle(self.tr("Import branches from a file"))
        else:
            self.setWindowTitle(self.tr("Import observers from a file"))

        labels = "، ".join(
            f"«{c.label_fa if fmt.persian else c.label_en}»"
            for c in columns_for(kind)
            if c.field not in ("first_name", "last_name")
        )
        intro = QLabel(
            self.tr(
                "An Excel (.xlsx) or CSV file whose first row names the columns: {columns}. "
                "Nothing is written until you press Import, and only when no row has a "
                "problem."
            ).format(columns=labels)
        )
        intro.setWordWrap(True)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("importSummary")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("importError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setVisible(False)

        self.model = PreviewModel(fmt, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.errors_title = QLabel(self.tr("Problems to correct in the file:"))
        self.errors_list = QListWidget()
        self.errors_list.setObjectName("importErrors")
        self.errors_list.setMaximumHeight(160)
        self._error_rows: list[int] = []
        self.errors_list.currentRowChanged.connect(self._show_error_row)
        self.errors_title.setVisible(False)
        self.errors_list.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_now)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors_title)
        layout.addWidget(self.errors_list)
        layout.addWidget(self.buttons)
        self.resize(900, 600)

    # --- steps ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.windowTitle(),
            "",
            self.tr("Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)"),
        )
        if chosen:
            self.load_file(Path(chosen))

    def load_file(self, path: Path) -> None:
        """Read and check ``path`` in the background; the preview replaces the last one."""
        self.path_edit.setText(str(path))
        self.preview = None
        self.result = None
        self.model.set_preview(None)
        self._show_errors([])
        self.error_label.setVisible(False)
        self.summary_label.setText(self.tr("Reading and checking the file…"))
        self._busy(True)
        service, kind = self._service, self._kind

        def work(report: Any) -> ImportPreview:
            if kind is RosterKind.BRANCHES:
                return service.preview_branches(path, progress=report)
            return service.preview_observers(path, progress=report)

        self._task_id = self._tasks.submit_with_progress(
            work, self._on_preview, self._on_progress, self._on_preview_failed
        )

    def import_now(self) -> None:
        preview = self.preview
        if preview is None or not preview.ok:
            return
        self._busy(True)
        self.summary_label.setText(self.tr("Importing…"))
        self._task_id = self._tasks.submit(
            lambda: self._service.apply(preview), self._on_applied, self._on_apply_failed
        )

    # --- results --------------------------------------------------------------------------

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        if total:
            self.progress.setValue(done)

    def _on_preview(self, preview: ImportPreview) -> None:
        self._busy(False)
        self.preview = preview
        self.model.set_preview(preview)
        self._show_errors(list(preview.errors))
        fmt = self._fmt
        summary = self.tr(
            "{rows} rows: {new} new, {changed} changed, {unchanged} unchanged, "
            "{invalid} with problems."
        ).format(
            rows=fmt.number(len(preview.rows)),
            new=fmt.number(preview.count(RowStatus.NEW)),
            changed=fmt.number(preview.count(RowStatus.CHANGED)),
            unchanged=fmt.number(preview.count(RowStatus.UNCHANGED)),
            invalid=fmt.number(preview.count(RowStatus.INVALID)),
        )
        if preview.header.ignored:
            summary += " " + self.tr("Columns not imported: {columns}.").format(
                columns="، ".join(preview.header.ignored)
            )
        if preview.ok:
            summary += " " + self.tr("Press Import to write them.")
        else:
            summary += " " + self.tr(
                "Correct the problems in the file and choose it again; nothing can be "
                "imported while a row has a problem."
            )
        self.summary_label.setText(summary)
        self.import_button.setEnabled(preview.ok)

    def _on_preview_failed(self, error: BaseException) -> None:
        self._busy(False)
        self.summary_label.setText("")
        if isinstance(error, ImportFileError):
            text = error.message_fa if self._fmt.persian else str(error)
        else:
            log.error("previewing an import failed", exc_info=error)
            text = self.tr("The file could not be read; see the log.")
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.import_button.setEnabled(False)

    def _on_applied(self, result: ImportResult) -> None:
        self._busy(False)
        self.result = result
        self.import_button.setEnabled(False)  # done; choose a file again to re-check
        fmt = self._fmt
        parts = [r for r in (result.branches, result) if r is not None]
        self.summary_label.setText(
            "\n".join(
                self.tr(
                    "Imported {file}: {new} new, {changed} changed, {unchanged} unchanged."
                ).format(
                    file=r.file_name,
                    new=fmt.number(r.new),
                    changed=fmt.number(r.changed),
                    unchanged=fmt.number(r.unchanged),
                )
                for r in parts
            )
            + self._queued_text(sum(r.queued for r in parts))
        )
        self.imported.emit(result)

    def _queued_text(self, queued: int) -> str:
        if not queued:
            return ""
        return "\n" + self.tr(
            "{count} new or changed records will be sent to the registry server at the next "
            "sync, before any report that names them."
        ).format(count=self._fmt.number(queued))

    def _on_apply_failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, ImportRefused):
            text = error.message_fa if self._fmt.persian else str(error)
        else:
            log.error("importing failed", exc_info=error)
            text = self.tr("The import failed and nothing was written; see the log.")
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.import_button.setEnabled(False)

    # --- helpers --------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # "working" until a total is known
            self.import_button.setEnabled(False)
        self.choose_button.setEnabled(not busy)

    def _show_errors(self, errors: list[RowError]) -> None:
        self.errors_list.clear()
        self._error_rows = [e.row_number for e in errors]
        for error in errors:
            self.errors_list.addItem(error_text(error, self._fmt))
        self.errors_title.setVisible(bool(errors))
        self.errors_list.setVisible(bool(errors))

    def _show_error_row(self, index: int) -> None:
        """Selecting a problem brings its row into view in the table."""
        if not 0 <= index < len(self._error_rows):
            return
        number = self._error_rows[index]
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).row_number == number:
                # setCurrentIndex, not selectRow: under right-to-left layout selectRow
                # leaves no current row (see RestoreDialog).
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.scrollTo(self.model.index(row, 0))
                return


def _run_dialog(
    service: RosterImportService,
    kind: RosterKind,
    fmt: Formatter,
    tasks: TaskRunner,
    parent: QWidget,
) -> None:
    dialog = ImportDialog(service, kind, fmt, tasks, parent)
    dialog.exec()
    dialog.deleteLater()


def add_import_actions(
    menu: QMenu,
    service: RosterImportService,
    fmt: Formatter,
    tasks: TaskRunner,
    parent: QWidget,
) -> list[QAction]:
    """«Import branches from file…» and «Import observers from file…» in ``menu``."""
    actions = []
    for kind, text in (
        (
            RosterKind.BRANCHES,
            QCoreApplication.translate("ImportDialog", "Import &branches from file…"),
        ),
        (
            RosterKind.OBSERVERS,
            QCoreApplication.translate("ImportDialog", "Import &observers from file…"),
        ),
    ):
        action = QAction(text, parent)
        action.triggered.connect(
            lambda _checked=False, kind=kind: _run_dialog(service, kind, fmt, tasks, parent)
        )
        menu.addAction(action)
        actions.append(action)
    return actions
