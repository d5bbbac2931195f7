"""A report being typed survives SIGKILL: the draft on disk is what the form shows again.

A child process builds the real reports page over a real store (offscreen) and types
into it without pause; the parent watches the SQLite file until a draft with some text
is committed, kills the child with SIGKILL while it is still typing, starts a new child
on the same store and checks that the form shows exactly the committed draft.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supervisor_app.services.reports import DEFAULT_DRAFT_SLOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

TEXT = "در شعبه صندوق پیش از ساعت هشت باز نشد و رأی‌دهندگان در صف ماندند. " * 400

CHILD = r"""
import json, sys
from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtGui import QKeyEvent
from PyQt6.QtWidgets import QApplication, QWidget
from supervisor_app.settings import Settings
from supervisor_app.ui.qt_app import create_application
from supervisor_app.store import open_store
from supervisor_app.services.reports import ReportService
from supervisor_app.ui.pages.reports import ReportsPage
from supervisor_app.ui.tasks import TaskRunner
from supervisor_app.ui.text import Formatter

mode, store_path, attachments = sys.argv[1], sys.argv[2], sys.argv[3]
app = create_application(["draft-kill"], Settings(language="fa"))
store = open_store(store_path)
host = QWidget()
page = ReportsPage(ReportService(store, attachments=attachments), Formatter(), TaskRunner(host),
                   parent=host)
host.resize(1200, 700)
host.show()
host.activateWindow()
while not host.isActiveWindow():  # keys go where the focus is, as for a user
    app.processEvents()

if mode == "show":
    print(json.dumps(page.draft_fields(), ensure_ascii=False), flush=True)
    sys.exit(0)


def key(widget, text, code=Qt.Key.Key_unknown):
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))


page.focus_branch()
for ch in "BR1":
    key(page.branch_edit, ch)
key(page.branch_edit, "\r", Qt.Key.Key_Return)
for ch in "16":
    key(page.category_combo, ch)
key(page.category_combo, "\r", Qt.Key.Key_Return)
page.description_edit.setFocus()
text = sys.stdin.read()
position = [0]


def type_next():
    if position[0] < len(text):
        key(page.description_edit, text[position[0]])
        position[0] += 1


timer = QTimer()
timer.timeout.connect(type_next)
timer.start(5)
app.exec()
"""


def child(mode: str, store: Path, tmp_path: Path, text: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(store), str(tmp_path / "attachments")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin is not None
    proc.stdin.write(text)
    proc.stdin.close()
    proc.stdin = None  # written and closed: communicate() must not flush it again
    return proc


def committed_draft(store: Path) -> dict | None:
    with sqlite3.connect(store, timeout=10) as db:
        row = db.execute(
            "SELECT body FROM report_drafts WHERE slot = ?", (DEFAULT_DRAFT_SLOT,)
        ).fetchone()
    return json.loads(row[0]) if row else None


def test_draft_survives_sigkill_mid_typing(seeded_store, store_path, tmp_path):
    """Kill -9 while typing; the restarted form shows the last committed draft exactly."""
    typing = child("type", store_path, tmp_path, TEXT)
    try:
        deadline = time.monotonic() + 120
        draft = None
        while time.monotonic() < deadline:
            assert typing.poll() is None, typing.stderr.read()  # type: ignore[union-attr]
            draft = committed_draft(store_path)
            if draft and len(draft.get("description", "")) >= 20:
                break
            time.sleep(0.05)
        assert draft and len(draft["description"]) >= 20, "no draft with text was committed"
        typing.send_signal(signal.SIGKILL)
        typing.wait(30)
    finally:
        if typing.poll() is None:
            typing.kill()
            typing.wait(30)
    assert typing.returncode == -signal.SIGKILL

    saved = committed_draft(store_path)
    assert saved is not None
    assert 20 <= len(saved["description"]) < len(TEXT.strip())  # killed mid-typing
    assert TEXT.startswith(saved["description"])
    assert saved["branch"] == "BR1" and saved["category"] == "late_opening"

    shown = child("show", store_path, tmp_path)
    out, err = shown.communicate(timeout=120)
    assert shown.returncode == 0, err
    form = json.loads(out.strip().splitlines()[-1])
    assert form["description"] == saved["description"]
    assert form["branch"] == "BR1" and form["category"] == "late_opening"
    assert form["report_id"] == saved["report_id"]  # a retry after the crash keeps its id
