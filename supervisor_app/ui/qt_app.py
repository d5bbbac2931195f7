"""The process-wide Qt application: names, locale, direction, translators and font.

All of this is decided once per process, here (as Anki does in ``aqt/__init__.py``);
windows never install translators or flip the layout direction themselves.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PyQt6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PyQt6.QtGui import QFont
from PyQt6.QtWidgets import QApplication

import supervisor_app
from supervisor_app.paths import APP_NAME, i18n_dir, resources_dir
from supervisor_app.settings import Settings

from .fonts import register_fonts

log = logging.getLogger(__name__)

ORGANIZATION_NAME = "Nezarat"
APP_TRANSLATION = "nezarat_fa"  # i18n/fa/nezarat_fa.qm
QT_TRANSLATION = "qtbase_fa"  # Qt's own dialogs and context menus
BASE_POINT_SIZE = 10.0  # Persian at Qt's default 9 pt is hard to read on office screens
STYLESHEET = Path("styles") / "main.qss"


def is_persian(settings: Settings) -> bool:
    """The UI is Persian unless the settings explicitly ask for English."""
    return settings.language != "en"


def create_application(argv: list[str], settings: Settings) -> QApplication:
    """Create and configure the one QApplication of this process."""
    if QApplication.instance() is not None:
        raise RuntimeError("create_application() called while a QApplication exists")
    app = QApplication(argv)
    configure_application(app, settings)
    return app


def configure_application(app: QApplication, settings: Settings) -> QApplication:
    """Apply names, locale, direction, translators, font and style to ``app`` (once)."""
    if getattr(app, "nezarat_configured", False):
        return app
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(supervisor_app.__version__)

    if is_persian(settings):
        QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        translators = _install_translators(app)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        translators = []
    # A QTranslator that Python garbage-collects silently stops translating: keep them.
    app.nezarat_translators = translators

    family = register_fonts(settings)
    font = QFont(family)
    font.setPointSizeF(max(app.font().pointSizeF(), BASE_POINT_SIZE))
    app.setFont(font)

    stylesheet = resources_dir() / STYLESHEET
    if stylesheet.is_file():
        app.setStyleSheet(stylesheet.read_text(encoding="utf-8"))
    app.nezarat_configured = True
    return app


def _install_translators(app: QApplication) -> list[QTranslator]:
    """Install Qt's and the app's Persian catalogues; the app's is searched first."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    own_dir = str(i18n_dir())
    catalogues = (
        (QT_TRANSLATION, (qt_dir, own_dir)),  # a bundle may carry its own copy in i18n/fa
        (APP_TRANSLATION, (own_dir,)),
    )
    installed: list[QTranslator] = []
    for name, folders in catalogues:
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)  # installed last is searched first
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, ", ".join(folders))
    return installed
