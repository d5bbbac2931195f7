"""The About dialog (version, data paths, last sync and backup, runtime versions) and the
"save diagnostic bundle" action it shares with the Help menu.

The facts come from ``DiagnosticsService`` (no Qt there); this module adds the Qt
runtime versions, formats dates in Jalali, Tehran time, and keeps paths left to right.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PyQt6.QtCore import (
    PYQT_VERSION_STR,
    QCoreApplication,
    QDateTime,
    QStandardPaths,
    Qt,
    QUrl,
    qVersion,
)
from PyQt6.QtGui import QDesktopServices
from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.diagnostics import AboutInfo
from supervisor_app.services.trust_sync import grouped

from ..fonts import TITLE_POINT_SIZE, emphasised
from ..tasks import TaskRunner
from ..text import Formatter, ltr

log = logging.getLogger(__name__)

PathChooser = Callable[[QWidget | None, str], str | None]


class Diagnostics(Protocol):
    def about(self, runtime_versions: dict[str, str] | None = None) -> AboutInfo: ...

    def save_bundle(
        self, target: Path, *, runtime_versions: dict[str, str] | None = None
    ) -> Path: ...


def runtime_versions() -> dict[str, str]:
    """What only Qt itself can tell: the Qt libraries loaded and the PyQt binding."""
    return {"Qt": qVersion() or "", "PyQt": PYQT_VERSION_STR}


def moment_text(fmt: Formatter, moment: datetime | None, never: str) -> str:
    """A UTC moment as a Jalali date and Tehran clock time, or ``never``."""
    if moment is None:
        return never
    local = Formatter.local(moment)
    return f"{fmt.long_date(local.date())}، {fmt.clock(local)}"


def _ask_bundle_path(parent: QWidget | None, suggested: str) -> str | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("AboutDialog", "Save diagnostic bundle"),
        str(Path(folder or Path.home()) / suggested),
        "ZIP (*.zip)",
    )
    return chosen or None


def save_diagnostic_bundle(
    parent: QWidget | None,
    diagnostics: Diagnostics,
    tasks: TaskRunner | None = None,
    *,
    choose_path: PathChooser = _ask_bundle_path,
    on_saved: Callable[[Path], None] | None = None,
) -> None:
    """Ask where, write the zip (off the GUI thread when a runner is given), say where."""
    stamp = QDateTime.currentDateTime().toString("yyyyMMdd-HHmm")
    chosen = choose_path(parent, f"nezarat-diagnostics-{stamp}.zip")
    if not chosen:
        return
    versions = runtime_versions()

    def work() -> Path:
        return diagnostics.save_bundle(Path(chosen), runtime_versions=versions)

    def done(path: Path) -> None:
        if on_saved is not None:
            on_saved(path)
        QMessageBox.information(
            parent,
            QCoreApplication.translate("AboutDialog", "Diagnostic bundle saved"),
            QCoreApplication.translate(
                "AboutDialog",
                "The diagnostic bundle was saved as:\n{path}\n\nIt holds the logs, the "
                "settings and the versions, without passwords, keys or the database. "
                "Send this one file to support."
            ).format(path=ltr(str(path))),
        )

    def failed(exc: BaseException) -> None:
        log.error("saving the diagnostic bundle failed", exc_info=exc)
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("AboutDialog", "Diagnostic bundle not saved"),
            QCoreApplication.translate(
                "AboutDialog", "The diagnostic bundle could not be written: {reason}"
            ).format(reason=str(exc)),
        )

    if tasks is None:
        try:
            result = work()
        except Exception as exc:
            failed(exc)
            return
        done(result)
    else:
        tasks.submit(work, done, failed)


class AboutDialog(QDialog):
    """Who we are, where the data lives, when it last synced and was backed up."""

    def __init__(
        self,
        diagnostics: Diagnostics,
        fmt: Formatter,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        choose_path: PathChooser = _ask_bundle_path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("About Nezarat"))
        self._diagnostics = diagnostics
        self._tasks = tasks
        self._choose_path = choose_path
        self.info = diagnostics.about(runtime_versions())
        info = self.info

        title = QLabel(self.tr("Nezarat"))
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))
        summary = QLabel(self.tr("Desktop client of the election supervisory boards."))
        summary.setWordWrap(True)

        never = self.tr("Never")
        versions = info.versions
        self.fields: dict[str, str] = {
            "version": ltr(info.version),
            "data_dir": ltr(str(info.data_dir)),
            "database": ltr(str(info.database)),
            "backups": ltr(str(info.backups)),
            "logs": ltr(str(info.logs)),
            "last_sync": moment_text(fmt, info.last_sync_at, never),
            "last_backup": moment_text(fmt, info.last_backup_at, self.tr("No backup yet")),
            "python": ltr(versions.get("python", platform.python_version())),
            "qt": ltr(f"Qt {versions.get('Qt', '?')}, PyQt {versions.get('PyQt', '?')}"),
            "platform": ltr(versions.get("platform", platform.platform())),
            # The IT officer compares it with the fingerprint the central board announced.
            "ca_fingerprint": ltr(grouped(info.ca_fingerprint)) if info.ca_fingerprint
            else self.tr("None yet"),
        }
        names = {
            "version": self.tr("Version"),
            "data_dir": self.tr("Data directory"),
            "database": self.tr("Database"),
            "backups": self.tr("Backups"),
            "logs": self.tr("Logs"),
            "last_sync": self.tr("Last sync"),
            "last_backup": self.tr("Last backup"),
            "python": self.tr("Python"),
            "qt": self.tr("Qt"),
            "platform": self.tr("Operating system"),
            "ca_fingerprint": self.tr("Central CA fingerprint"),
        }
        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for key, text in self.fields.items():
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"about_{key}")
            self.value_labels[key] = value
            form.addRow(names[key], value)
        licence = QLabel(self.tr("Font: Noto Sans Arabic, under the SIL Open Font License 1.1."))
        licence.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("Save diagnostic bundle…"))
        self.open_button = QPushButton(self.tr("Open data folder"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_bundle)
        self.open_button.clicked.connect(self.open_data_folder)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(licence)
        layout.addWidget(buttons)

    def save_bundle(self) -> None:
        save_diagnostic_bundle(self, self._diagnostics, self._tasks, choose_path=self._choose_path)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.data_dir)))
