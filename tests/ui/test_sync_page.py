"""The Sync page and status-bar indicator over the real engine and a deliberately slow
real server: the window keeps answering while a sync runs, the progress bar moves,
Cancel stops it, and refusals are listed in Persian with what to do next."""

from __future__ import annotations

import importlib.util
import re
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from PyQt6.QtCore import Qt, QTimer

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.app import build_context
from supervisor_app.domain import wire
from supervisor_app.domain.candidates import DecisionOutcome, DecisionStage, QualificationDecision
from supervisor_app.domain.outbox import OutboxItem, OutboxKind
from supervisor_app.paths import DataPaths
from supervisor_app.services.session_auth import SessionAuth
from supervisor_app.services.sync import SyncReport, SyncService
from supervisor_app.services.sync_retry import RetryPolicy
from supervisor_app.ui.main_window import MainWindow, Page

PERSIAN = re.compile("[\u0600-\u06ff]")
PERSIAN_DIGIT = re.compile("[۰-۹]")
TICK_MS = 20


def _harness():
    name = "nezarat_sync_harness"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "sync" / "harness.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


harness = _harness()


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    server = harness.RegistryProcess(tmp_path_factory.mktemp("registry-ui"), 1500).start()
    yield server
    server.stop()


@pytest.fixture
def slow_proxy(registry):
    """The server behind a proxy that answers every dossier page 0.15 s late, 100 a page."""
    proxy = harness.FaultProxy(registry.url)
    proxy.page_limits["/dossiers"] = 100
    proxy.add("delay", "/dossiers", seconds=0.15, times=None)
    yield proxy
    proxy.close()


@pytest.fixture
def window(qtbot, tmp_path, slow_proxy):
    """The real main window over a real store, signed in to the slow server."""
    paths = DataPaths(tmp_path / "data")
    context = build_context(paths)
    auth = SessionAuth(context.store, context.settings, paths.settings_file, MemoryKeystore())
    auth.login(slow_proxy.url, "demo-central", harness.DEMO_PASSWORD)
    context.services.session = auth
    context.services.sync = SyncService(context.store, auth, data_root=paths.root,
                                        policy=RetryPolicy(attempts=3, base=0.05))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.show_page(Page.SYNC)
    yield win
    win.close()
    context.close()


class Ticker:
    """A QTimer on the GUI thread that notes when it fires: gaps mean a frozen window."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start(TICK_MS)

    def stop(self) -> None:
        self.timer.stop()

    def max_gap(self) -> float:
        return max((b - a for a, b in zip(self.times, self.times[1:], strict=False)),
                   default=0.0)


def test_window_stays_responsive_and_the_progress_bar_moves_during_a_slow_sync(qtbot, window):
    """Responsive: during a slow first sync the GUI thread's timer keeps ticking at its rate
    (no gap over 0.3 s), the progress bar climbs, and the sync converges."""
    page = window.sync_page
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    ticker = Ticker()
    started = time.monotonic()
    with qtbot.waitSignal(window.sync_controller.finished, timeout=120_000) as finished:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        assert not page.sync_button.isEnabled() and page.cancel_button.isEnabled()
    elapsed = time.monotonic() - started
    ticker.stop()
    report = finished.args[0]
    assert isinstance(report, SyncReport) and report.converged, report
    assert elapsed > 2.0  # 15 slow pages: the sync really took a while
    assert len(ticker.times) >= 0.6 * elapsed * 1000 / TICK_MS
    assert ticker.max_gap() < 0.3, f"the GUI thread stalled for {ticker.max_gap():.2f} s"
    dossier_values = [v for v in values if v > 0]
    assert len(set(dossier_values)) >= 5  # the bar moved page by page
    assert page.sync_button.isEnabled() and not page.cancel_button.isEnabled()
    assert PERSIAN.search(page.result_label.text())


def test_cancel_stops_a_running_sync_promptly(qtbot, window):
    """Cancel: pressing it mid-pull ends the sync within a second; it reports 'cancelled'."""
    page = window.sync_page
    controller = window.sync_controller
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "پرونده" in page.phase_label.text() and page.progress.value() >= 200,
                    timeout=60_000)
    with qtbot.waitSignal(controller.finished, timeout=5_000) as finished:
        pressed = time.monotonic()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - pressed < 1.5
    report = finished.args[0]
    assert report.cancelled and not report.converged
    assert "لغو" in page.result_label.text()
    assert page.sync_button.isEnabled()


def test_indicator_shows_online_queue_and_last_sync_in_jalali(qtbot, window, slow_proxy):
    """Status bar: online, items waiting (Persian digits) and the last sync as a Jalali date."""
    slow_proxy.clear()
    indicator = window.sync_indicator
    with qtbot.waitSignal(window.sync_controller.finished, timeout=120_000):
        window.sync_controller.start_sync()
    # The controller reads the state again after every sync (off the GUI thread).
    qtbot.waitUntil(lambda: bool(PERSIAN_DIGIT.search(indicator.last_sync_label.text())),
                    timeout=10_000)
    assert "متصل" in indicator.link_label.text()
    assert "در صف ارسال: ۰" in indicator.pending_label.text()
    text = indicator.last_sync_label.text()
    assert PERSIAN_DIGIT.search(text) and "۱۴۰" in text  # a Jalali year of this century
    assert str(date.today().year) not in text


def test_refusals_are_listed_in_persian_with_what_to_do(qtbot, window, slow_proxy):
    """Conflicts and rejections appear in the table in Persian, with the next step."""
    slow_proxy.clear()
    context = window._context
    decision = QualificationDecision(
        id=str(uuid.uuid4()), registration_id="R-NOT-IN-SCOPE-0001",
        stage=DecisionStage.SUPERVISORY, board_id="B-central",
        outcome=DecisionOutcome.APPROVED, legal_basis=(), reason="",
        decided_on=date(2026, 2, 20),
    )
    with context.store.unit_of_work() as uow:
        uow.outbox.add(OutboxItem(decision.id, OutboxKind.DECISION,
                                  wire.encode_decision(decision), _now()))
    page = window.sync_page
    with qtbot.waitSignal(window.sync_controller.finished, timeout=120_000):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    table = page.attention_table
    assert table.isVisible() and table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == "تصمیم صلاحیت" and cells[2] == "ردشده"
    assert decision.id in cells[1]
    assert PERSIAN.search(cells[3]) and PERSIAN.search(cells[4])
    cell = table.visualItemRect(table.item(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert table.selectedIndexes()
    qtbot.mouseClick(page.send_again_button, Qt.MouseButton.LeftButton)
    with context.store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.get(decision.id).status.value == "pending"


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_signing_in_from_the_page_then_syncs(qtbot, tmp_path, registry):
    """Not signed in: the page shows the sign-in form; signing in there (off the GUI
    thread) stores the account and starts a sync."""
    paths = DataPaths(tmp_path / "fresh")
    context = build_context(paths)
    auth = SessionAuth(context.store, context.settings, paths.settings_file, MemoryKeystore())
    context.services.session = auth
    context.services.sync = SyncService(context.store, auth, data_root=paths.root,
                                        policy=RetryPolicy(attempts=3, base=0.05))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    win.show_page(Page.SYNC)
    page = win.sync_page
    try:
        assert page.login_box.isVisible() and not page.sync_button.isEnabled()
        page.login_server.setText(registry.url)
        page.login_user.setText("demo-county")
        page.login_password.setText(harness.DEMO_PASSWORD)
        with qtbot.waitSignal(win.sync_controller.finished, timeout=120_000) as finished:
            qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
        assert finished.args[0].converged
        assert not page.login_box.isVisible() and "demo-county" in page.account_value.text()
        assert context.settings.board_id == "B-C0801"
    finally:
        win.close()
        context.close()
