"""Start the GUI: check for a display, create the application and the main window."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.app import AppContext

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
    from .main_window import MainWindow
    from .qt_app import create_application

    app = create_application(sys.argv, context.settings)
    window = MainWindow(context)
    window.show()
    if quit_after_ms is not None:
        from PyQt6.QtCore import QTimer

        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()
