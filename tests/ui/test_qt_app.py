"""Process-wide Qt set-up (create_application) and the GUI entry point's display check."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PyQt6.QtCore import QLocale, Qt

from supervisor_app.settings import Settings
from supervisor_app.ui import run
from supervisor_app.ui.qt_app import create_application

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from PyQt6.QtCore import QCoreApplication, QLocale
from supervisor_app.settings import Settings
from supervisor_app.ui.qt_app import create_application
app = create_application(["probe"], Settings(language=sys.argv[1]))
print(json.dumps({
    "rtl": app.isRightToLeft(),
    "locale": QLocale().name(),
    "translators": len(app.nezarat_translators),
    "title": QCoreApplication.translate("MainWindow", "Nezarat — Supervisory Board"),
    "family": app.font().family(),
    "app": [app.organizationName(), app.applicationName(), app.applicationVersion()],
    "styled": bool(app.styleSheet()),
}))
"""


def _probe(language: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, language],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_persian_application_in_a_fresh_process():
    """create_application sets RTL, fa_IR, both translators, the shipped font and the style."""
    import supervisor_app

    result = _probe("fa")
    assert result["rtl"] is True
    assert result["locale"] == "fa_IR"
    assert result["translators"] == 2
    assert result["title"] == "نظارت — هیات نظارت"
    assert result["family"] == "Noto Sans Arabic"
    assert result["app"] == ["Nezarat", "nezarat", supervisor_app.__version__]
    assert result["styled"] is True


def test_english_application_in_a_fresh_process():
    """language "en" gives a left-to-right English UI with no translators installed."""
    result = _probe("en")
    assert result["rtl"] is False
    assert result["translators"] == 0
    assert result["title"] == "Nezarat — Supervisory Board"
    assert result["family"] == "Noto Sans Arabic"  # Persian data still needs Persian glyphs


def test_session_application_is_persian(qapp):
    """The tests' application is configured like the real one: RTL and Persian locale."""
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QLocale().language() == QLocale.Language.Persian


def test_create_application_refuses_a_second_application(qapp):
    """Only one QApplication per process: a second create_application call is an error."""
    with pytest.raises(RuntimeError):
        create_application([], Settings())


WINDOW_PROBE = """
import json, os, sys
from pathlib import Path
from PyQt6.QtCore import QPoint
from supervisor_app.app import build_context
from supervisor_app.paths import DataPaths
from supervisor_app.ui.main_window import MainWindow
from supervisor_app.ui.qt_app import create_application
context = build_context(DataPaths(Path(sys.argv[1])))
context.settings.language = "en"
app = create_application(["probe"], context.settings)
window = MainWindow(context)
window.resize(1366, 768)
window.show()
app.processEvents()
shots = os.environ.get("NEZARAT_SCREENSHOTS")
if shots:
    Path(shots).mkdir(parents=True, exist_ok=True)
    window.grab().save(str(Path(shots) / "english_home.png"))
print(json.dumps({
    "title": window.windowTitle(),
    "rtl": window.isRightToLeft(),
    "nav_left": window.navigation.mapTo(window, QPoint(0, 0)).x()
    < window.stack.mapTo(window, QPoint(0, 0)).x(),
    "home": window.navigation.item(0).text(),
    "dossiers": window.home_page.count_text("dossiers"),
}))
window.close()
context.close()
"""


def test_english_main_window_over_an_empty_store(tmp_path):
    """An English UI over a fresh real store: LTR, navigation on the left, Latin digits."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", WINDOW_PROBE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {
        "title": "Nezarat — Supervisory Board",
        "rtl": False,
        "nav_left": True,
        "home": "Home",
        "dossiers": "0",
    }


RUN_PROBE = """
import sys
from pathlib import Path
from PyQt6.QtCore import QTimer
from PyQt6.QtWidgets import QApplication
from supervisor_app.app import build_context
from supervisor_app.paths import DataPaths
from supervisor_app.ui import main_window, run

shown = []
original_show = main_window.MainWindow.show


def show(self):
    original_show(self)
    shown.append(self.windowTitle())
    QTimer.singleShot(100, self.close)  # closing the last window ends exec()


main_window.MainWindow.show = show
context = build_context(DataPaths(Path(sys.argv[1])))
code = run.run_gui(context)
context.close()
print(code, shown)
"""


def test_run_gui_shows_the_window_and_returns_when_it_closes(tmp_path):
    """run_gui creates the app and window over a real context and returns 0 on close."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", RUN_PROBE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert out.stdout.strip().splitlines()[-1] == "0 ['نظارت — هیات نظارت']"


@pytest.fixture
def linux_without_display(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)


def test_no_display_is_explained_in_english_and_persian(linux_without_display):
    """Without DISPLAY/WAYLAND_DISPLAY the check fails with a bilingual how-to, not a Qt abort."""
    ok, message = run.display_available()
    assert ok is False
    assert "QT_QPA_PLATFORM=offscreen" in message
    assert "xvfb-run -a supervisor-app" in message
    assert "نمایشگر" in message


@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "minimal"},
    ],
)
def test_display_or_headless_platform_is_enough(linux_without_display, monkeypatch, env):
    """An X or Wayland display, or a headless Qt platform plugin, lets the GUI start."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert run.display_available() == (True, "")


def test_other_systems_always_have_a_display(monkeypatch):
    """Windows and macOS are not checked (a desktop session is always there)."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert run.display_available() == (True, "")


def test_run_gui_without_display_returns_an_error_code(linux_without_display, capsys):
    """run_gui prints the explanation and returns 2 instead of letting Qt abort."""
    context = SimpleNamespace(settings=Settings())
    assert run.run_gui(context) == 2
    assert "xvfb-run" in capsys.readouterr().err
