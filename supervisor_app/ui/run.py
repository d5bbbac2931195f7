"""Start the GUI: check for a display, create the application and the main window."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.app import AppContext
    from supervisor_app.paths import DataPaths

# Qt platform plugins that draw without a window system (no DISPLAY needed).
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb"})

# dev.sh sets this so the advice names the command the user actually typed.
LAUNCHER_ENV = "NEZARAT_LAUNCHER"

NO_DISPLAY_MESSAGE = """\
No graphical display was found (neither DISPLAY nor WAYLAND_DISPLAY is set).
Run the app on a desktop session, or
  - under a virtual display:   xvfb-run -a {launcher}
  - without any display:       QT_QPA_PLATFORM=offscreen {launcher}
The command-line tools (supervisor-app --help) work without a display.

هیچ نمایشگر گرافیکی پیدا نشد (متغیرهای DISPLAY و WAYLAND_DISPLAY تنظیم نشده‌اند).
برنامه را در یک نشست میزکار اجرا کنید، یا
  - با نمایشگر مجازی:     xvfb-run -a {launcher}
  - بدون نمایشگر:         QT_QPA_PLATFORM=offscreen {launcher}
ابزارهای خط فرمان (supervisor-app --help) بدون نمایشگر هم کار می‌کنند."""


def display_available() -> tuple[bool, str]:
    """Whether Qt can open a window here; if not, an English and Persian explanation.

    Without this check Qt aborts the process with a terse "could not connect to display".
    """
    if not sys.platform.startswith("linux"):
        return True, ""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if platform in HEADLESS_PLATFORMS:
        return True, ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return True, ""
    launcher = os.environ.get(LAUNCHER_ENV) or "supervisor-app"
    return False, NO_DISPLAY_MESSAGE.format(launcher=launcher)


def run_gui(context: AppContext, *, quit_after_ms: int | None = None) -> int:
    """Run the main window until it closes; the process exit code.

    ``quit_after_ms`` closes the window after that long: a smoke test of a built
    bundle uses it to prove the app starts, paints and exits cleanly.
    """
    ok, message = display_available()
    if not ok:
        print(message, file=sys.stderr)
        return 2
    # Imported here so the CLI can run without loading Qt's widget libraries.
    from PyQt6.QtWidgets import QApplication

    from .main_window import MainWindow
    from .qt_app import create_application

    # The first-run wizard may have created the application already (one per process).
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else create_application(
        sys.argv, context.settings
    )
    install_excepthook()
    set_window_icon(app)
    window = MainWindow(context)
    window.show()
    # The smoke test of a built bundle reads this line from the log file.
    log.info("main window shown: %s (%s)", window.windowTitle(),
             "right-to-left" if window.isRightToLeft() else "left-to-right")
    _verify_audit_in_background(context)
    backups = getattr(window, "backups", None)
    if backups is not None:
        backups.start_daily()  # the automatic daily backup, off the GUI thread
    if quit_after_ms is not None:
        from PyQt6.QtCore import QTimer

        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()


log = logging.getLogger(__name__)
_first_run_app: object | None = None  # the QApplication the wizard created, if any


def first_run_needed(paths: DataPaths) -> bool:
    """Whether the data directory holds neither a store nor settings (a new workstation)."""
    from .wizard.setup import first_run_needed as needed

    return needed(paths)


def run_first_run(paths: DataPaths, *, quit_after_ms: int | None = None) -> bool:
    """Show the first-run wizard before the main window; True when it was finished.

    A cancelled wizard leaves the data directory as it was, so the next start asks again.
    """
    from PyQt6.QtWidgets import QApplication

    from supervisor_app.settings import Settings

    from .qt_app import create_application
    from .wizard.first_run import FirstRunWizard

    global _first_run_app
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        # Persian, right to left (the default settings). Kept referenced: run_gui reuses
        # it, and a collected QApplication takes every widget down with it.
        _first_run_app = create_application(sys.argv, Settings())
    install_excepthook()
    set_window_icon(QApplication.instance())
    wizard = FirstRunWizard(paths)
    if quit_after_ms is not None:
        from PyQt6.QtCore import QTimer

        QTimer.singleShot(quit_after_ms, wizard.reject)
    log.info("first-run wizard shown for %s", paths.root)
    finished = bool(wizard.exec())
    log.info("first-run wizard %s", "finished" if finished else "cancelled")
    return finished


def master_passphrase_needed(paths: DataPaths) -> bool:
    """Secrets kept in the encrypted keystore file (no OS keyring) and no passphrase in
    the environment: the window asks for it."""
    from supervisor_app.services.members import KEYSTORE_FILE, KEYSTORE_PASSPHRASE_ENV

    from .wizard.setup import os_keyring_available

    if os.environ.get(KEYSTORE_PASSPHRASE_ENV) or not (paths.root / KEYSTORE_FILE).exists():
        return False
    return not os_keyring_available()


def ask_master_passphrase_at_start(paths: DataPaths) -> str | None:
    """Ask (and check) the keystore master passphrase before the main window; None if
    the user cancelled."""
    from PyQt6.QtWidgets import QApplication

    from supervisor_app.services.members import KEYSTORE_FILE
    from supervisor_app.settings import Settings

    from .dialogs.master_passphrase import ask_master_passphrase
    from .qt_app import create_application

    global _first_run_app
    if not isinstance(QApplication.instance(), QApplication):
        _first_run_app = create_application(sys.argv, Settings.load(paths.settings_file))
    set_window_icon(QApplication.instance())
    return ask_master_passphrase(paths.root / KEYSTORE_FILE)


def set_window_icon(app: object) -> None:
    """The app's icon on every window and in the task bar (resources/icons)."""
    from PyQt6.QtGui import QIcon
    from PyQt6.QtWidgets import QApplication

    from supervisor_app.paths import resources_dir

    icons = resources_dir() / "icons"
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = icons / f"nezarat-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    if isinstance(app, QApplication) and not icon.isNull():
        app.setWindowIcon(icon)


def _verify_audit_in_background(context: AppContext) -> None:
    """Re-hash the whole audit log once per start, off the GUI thread.

    The home page then only re-hashes events newer than this full check.
    """

    def work() -> None:
        try:
            broken = context.services.audit.verify()
        except Exception:  # the store may be closing; the next start checks again
            log.exception("background audit verification failed")
            return
        if broken is not None:
            log.error("%s", broken)

    threading.Thread(target=work, name="audit-verify", daemon=True).start()


def install_excepthook() -> None:
    """Log unexpected errors and tell the user in Persian instead of aborting.

    PyQt6 aborts the process on an exception escaping a slot unless a hook is set.
    """

    def hook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))
        from PyQt6.QtCore import QCoreApplication, QThread
        from PyQt6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            traceback.print_exception(kind, value, tb)
            return
        QMessageBox.critical(
            None,
            QCoreApplication.translate("ErrorDialog", "Unexpected error"),
            QCoreApplication.translate(
                "ErrorDialog",
                "Something went wrong and the last action may not have finished. "
                "Nothing already saved has been lost. Details are in the log file.",
            )
            + f"\n\n{kind.__name__}: {value}",
        )

    sys.excepthook = hook
