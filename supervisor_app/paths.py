"""Every filesystem location the app uses, decided in one place.

The data directory comes from ``--data-dir``, else ``SUPERVISOR_DATA_DIR``, else the
platform's user data directory. Read-only assets (fonts, translations, forms,
resources) live beside the package in a source checkout and under ``sys._MEIPASS``
in a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "nezarat"
DATA_DIR_ENV = "SUPERVISOR_DATA_DIR"


def project_root() -> Path:
    """Where resources/, i18n/ and forms/ live.

    A PyInstaller bundle unpacks them under ``sys._MEIPASS``; a source checkout (or an
    editable install) has them beside the package; a wheel installs them as data files
    under ``<prefix>/share/nezarat`` (see ``[tool.setuptools.data-files]``).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    checkout = _checkout_root()
    if (checkout / "i18n" / "fa").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / APP_NAME


def _checkout_root() -> Path:
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def i18n_dir() -> Path:
    return project_root() / "i18n" / "fa"


def forms_dir() -> Path:
    return project_root() / "forms"


@dataclass(frozen=True)
class DataPaths:
    """Locations inside one workstation's data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "store.sqlite3"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.logs, self.backups, self.attachments):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    """Pick the data directory: CLI flag, then environment, then the platform default."""
    if cli_value:
        return DataPaths(Path(cli_value).expanduser().resolve())
    env_value = os.environ.get(DATA_DIR_ENV)
    if env_value:
        return DataPaths(Path(env_value).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))
