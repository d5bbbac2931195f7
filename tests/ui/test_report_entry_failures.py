"""The report form while the database is locked or failing: it stays responsive, keeps what
was typed, writes only the latest draft once it can, and explains failures in Persian."""

from __future__ import annotations

import errno
import json
import re
import sqlite3
from datetime import UTC, datetime

import pytest
import sqlalchemy.exc
from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtGui import QKeyEvent
from PyQt6.QtTest import QTest
from PyQt6.QtWidgets import QApplication, QWidget

import supervisor_app.ui.draft_writer as draft_writer
from supervisor_app.services import reports as reports_module
from supervisor_app.services.reports import DEFAULT_DRAFT_SLOT, ReportService
from supervisor_app.store.errors import StoreError
from supervisor_app.ui.pages.reports import ReportsPage
from supervisor_app.ui.tasks import TaskRunner
from supervisor_app.ui.text import Formatter

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
LATIN = re.compile("[A-Za-z]")
PERSIAN = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def service(seeded_store, tmp_path):
    return ReportService(seeded_store, attachments=tmp_path / "attachments", now=lambda: NOW)


@pytest.fixture
def make_page(qtbot, qapp, service):
    hosts: list[QWidget] = []

    def make() -> ReportsPage:
        host = QWidget()
        hosts.append(host)
        qtbot.addWidget(host)
        runner = TaskRunner(host)
        page = ReportsPage(service, Formatter(), runner, now=lambda: NOW, parent=host)
        host.resize(1366, 768)
        host.show()
        host.activateWindow()
        qtbot.waitActive(host)
        qtbot.waitUntil(lambda: not runner.busy)
        return page

    return make


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def committed_description(store_path) -> str | None:
    """The draft as another connection reads it (a read never waits for the writer)."""
    with sqlite3.connect(store_path, timeout=10) as db:
        row = db.execute(
            "SELECT body FROM report_drafts WHERE slot = ?", (DEFAULT_DRAFT_SLOT,)
        ).fetchone()
    return json.loads(row[0])["description"] if row else None


def fill_form(page: ReportsPage, description: str) -> None:
    page.focus_branch()
    QTest.keyClicks(page.branch_edit, "BR1")
    QTest.keyClick(page.branch_edit, Qt.Key.Key_Return)
    QTest.keyClicks(page.category_combo, "16")
    QTest.keyClick(page.category_combo, Qt.Key.Key_Return)
    page.description_edit.setFocus()
    type_text(page.description_edit, description)


def locked_once(store, monkeypatch, error: BaseException, times: int = 1) -> list[int]:
    """The store's next ``times`` write units fail with ``error`` (as SQLAlchemy raises)."""
    real = store.unit_of_work
    left = [times]

    def unit_of_work(*, read_only: bool = False):
        if not read_only and left[0] > 0:
            left[0] -= 1
            raise error
        return real(read_only=read_only)

    monkeypatch.setattr(store, "unit_of_work", unit_of_work)
    return left


def sqlite_error(message: str) -> sqlalchemy.exc.OperationalError:
    try:
        raise sqlalchemy.exc.OperationalError(
            "BEGIN IMMEDIATE", {}, sqlite3.OperationalError(message)
        )
    except sqlalchemy.exc.OperationalError as exc:
        return exc


def test_typing_stays_responsive_while_a_sync_holds_the_write_lock(
    qtbot, make_page, service, store_path
):
    """With another connection in BEGIN IMMEDIATE, the event loop keeps running while the
    draft waits; once the lock is released the latest text, and only it, is written."""
    page = make_page()
    written: list[str] = []
    real_save = service.save_draft

    def save_draft(slot, fields):
        saved = real_save(slot, fields)
        written.append(fields["description"])
        return saved

    service.save_draft = save_draft  # the page calls the service it was given
    fill_form(page, "ا")
    qtbot.waitUntil(lambda: committed_description(store_path) == "ا")
    saves_before = page.drafts.writes

    locker = sqlite3.connect(store_path, isolation_level=None, timeout=0)
    try:
        locker.execute("BEGIN IMMEDIATE")  # what a sync's page write holds
        ticks = [0]
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
        timer.start(10)
        type_text(page.description_edit, "ب")
        page.save_draft()
        qtbot.waitUntil(lambda: page.drafts.in_flight)  # a write is waiting for the lock
        for ch in "پتثج":  # more typing: each change asks for a save while one waits
            type_text(page.description_edit, ch)
            page.save_draft()
        qtbot.waitUntil(lambda: ticks[0] >= 20)  # the GUI thread kept processing events
        timer.stop()
        assert committed_description(store_path) == "ا"  # nothing got past the lock
        assert page.drafts.writes == saves_before + 1  # the rest wait as one write
        assert page.description_edit.toPlainText() == "ابپتثج"
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    qtbot.waitUntil(lambda: page.drafts.idle)
    assert committed_description(store_path) == "ابپتثج"
    assert written[-1] == "ابپتثج"
    assert "ابپ" not in written and "ابپت" not in written  # intermediate texts never written


def test_a_failed_draft_save_keeps_the_text_says_so_in_persian_and_retries(
    qtbot, make_page, seeded_store, store_path, monkeypatch
):
    """A draft write the database refuses (locked) shows a Persian warning, keeps the form,
    and is written on a later try; the warning then goes away."""
    monkeypatch.setattr(draft_writer, "RETRY_MS", 20)
    page = make_page()
    fill_form(page, "صندوق")
    qtbot.waitUntil(lambda: page.drafts.idle and committed_description(store_path) == "صندوق")
    left = locked_once(seeded_store, monkeypatch, sqlite_error("database is locked"), times=2)

    type_text(page.description_edit, " پلمب نبود")
    page.save_draft()
    qtbot.waitUntil(lambda: page.message_label.property("state") == "alarm")
    message = page.message_label.text()
    assert PERSIAN.search(message) and not LATIN.search(message), message
    assert page.description_edit.toPlainText() == "صندوق پلمب نبود"

    qtbot.waitUntil(lambda: committed_description(store_path) == "صندوق پلمب نبود")
    assert left == [0]  # both refusals happened before the write landed
    qtbot.waitUntil(lambda: page.message_label.text() == "")


def ensure_attachment(tmp_path):
    path = tmp_path / "box.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x01" * 512)
    return path


def disk_full_on_fsync(monkeypatch, _store):
    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reports_module.os, "fsync", fsync)


def copy_denied(monkeypatch, _store):
    def refuse(*_a: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(reports_module.os, "replace", refuse)


def store_closed(monkeypatch, store):
    locked_once(store, monkeypatch, StoreError("the store is closed"), times=100)


def database_full(monkeypatch, store):
    locked_once(store, monkeypatch, sqlite_error("database or disk is full"), times=100)


def database_locked(monkeypatch, store):
    monkeypatch.setattr(reports_module, "BUSY_PAUSE", 0.0)
    locked_once(store, monkeypatch, sqlite_error("database is locked"), times=100)


@pytest.mark.parametrize(
    "failure", [disk_full_on_fsync, copy_denied, store_closed, database_full, database_locked]
)
def test_recording_failures_are_explained_in_persian(
    qtbot, make_page, service, seeded_store, monkeypatch, tmp_path, failure
):
    """Disk full, a file that cannot be copied, a closed or full or locked database: the
    message is Persian (no English), the form keeps the report and nothing is recorded."""
    page = make_page()
    fill_form(page, "لاک صندوق شکسته بود")
    page.add_attachments([ensure_attachment(tmp_path)])
    qtbot.waitUntil(lambda: page.drafts.idle)
    failure(monkeypatch, seeded_store)

    page.record()
    qtbot.waitUntil(lambda: page.form.isEnabled() and not page._recording)
    message = page.message_label.text().replace("box.jpg", "")
    assert page.message_label.property("state") == "alarm"
    assert "گزارش ثبت نشد" in message  # the recording's refusal, not a draft warning
    assert PERSIAN.search(message) and not LATIN.search(message), message
    assert page.description_edit.toPlainText() == "لاک صندوق شکسته بود"
    assert page.attachments() == [str(tmp_path / "box.jpg")]
    monkeypatch.undo()
    assert service.count() == 0


def test_an_unexpected_error_does_not_show_its_english_text(qtbot, make_page, service, monkeypatch):
    """A bug while recording shows the form's own sentence, never the exception's text."""
    page = make_page()
    fill_form(page, "شرح")

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom: internal detail")

    monkeypatch.setattr(service, "record", broken)
    page.record()
    qtbot.waitUntil(lambda: page.form.isEnabled() and not page._recording)
    assert page.message_label.property("state") == "alarm"
    assert "boom" not in page.message_label.text()
    assert page.description_edit.toPlainText() == "شرح"
