"""Background sync for the window: a controller that runs the engine off the GUI thread,
and the status-bar indicator (online/offline, items waiting, last sync in Jalali).

The sync engine, connectivity probes and sign-ins run as ``QRunnable`` tasks on a private
``QThreadPool``; each task reports through signals, which Qt delivers on the GUI thread
(queued), so widgets are only ever touched there. Cancel sets a ``threading.Event`` the
engine checks between pages, batches and retries.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PyQt6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, pyqtSignal
from PyQt6.QtWidgets import QHBoxLayout, QLabel, QWidget

from supervisor_app.services.sync import Phase, Progress, SyncReport, SyncService, SyncState

from .text import Formatter, ltr

log = logging.getLogger(__name__)

AUTO_SYNC_MS = 5 * 60_000  # a quiet sync every five minutes while signed in
PROBE_MS = 30_000  # is the server there?


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """What the indicator shows: the stored state plus whether the server answered."""

    state: SyncState
    online: bool | None  # None: not signed in (nothing to ask)


class _Signals(QObject):
    progress = pyqtSignal(object)
    done = pyqtSignal(object)
    failed = pyqtSignal(object)


class _Task(QRunnable):
    """Runs ``fn(report_progress)`` on a pool thread; results come back as signals."""

    def __init__(self, fn: Callable[[Callable[[Any], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()  # created here, on the GUI thread: slots run there

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:  # reported, never raised into Qt's thread
            log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class SyncController(QObject):
    """One sync at a time, started by the user or a timer; probes the server regularly."""

    started = pyqtSignal()
    progressed = pyqtSignal(object)  # Progress
    finished = pyqtSignal(object)  # SyncReport, or an Exception when the task itself failed
    status_changed = pyqtSignal(object)  # LinkStatus

    def __init__(
        self,
        service: SyncService,
        parent: QObject | None = None,
        *,
        auto_sync_ms: int = AUTO_SYNC_MS,
        probe_ms: int = PROBE_MS,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)  # a sync, a probe, a sign-in
        self._tasks: set[_Signals] = set()
        self._cancel: threading.Event | None = None
        self._probing = False
        self.last_report: SyncReport | None = None
        self.last_status: LinkStatus | None = None
        self._probe_timer = QTimer(self)
        self._probe_timer.timeout.connect(self.refresh)
        if probe_ms:
            self._probe_timer.start(probe_ms)
        self._auto_timer = QTimer(self)
        self._auto_timer.timeout.connect(self._auto_sync)
        if auto_sync_ms:
            self._auto_timer.start(auto_sync_ms)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start_sync(self) -> bool:
        """Start a sync in the background; False if one is already running."""
        if self._cancel is not None:
            return False
        cancel = threading.Event()
        self._cancel = cancel

        def work(report: Callable[[Any], None]) -> SyncReport:
            return self.service.sync(progress=report, cancel=cancel)

        self._submit(work, self._on_finished, self._on_failed, self.progressed.emit)
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def refresh(self) -> None:
        """Read the queue and ask the server whether it is there (off the GUI thread)."""
        if self._probing:
            return
        self._probing = True

        def work(_report: Callable[[Any], None]) -> LinkStatus:
            state = self.service.state()
            online = self.service.probe() if state.server_url and state.username else None
            return LinkStatus(state, online)

        self._submit(work, self._on_status, self._on_probe_failed)

    def run_in_background(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Any other slow call (a sign-in): ``fn`` on the pool, ``done``/``failed`` here."""
        self._submit(lambda _report: fn(), done, failed)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel a running sync and wait for the pool (on quit: the store closes next)."""
        self._probe_timer.stop()
        self._auto_timer.stop()
        self.cancel()
        self.pool.waitForDone(timeout_ms)

    # --- internals ----------------------------------------------------------------------

    def _submit(
        self,
        fn: Callable[[Callable[[Any], None]], Any],
        done: Callable[[Any], None],
        failed: Callable[[Any], None],
        progress: Callable[[Any], None] | None = None,
    ) -> None:
        task = _Task(fn)
        signals = task.signals
        self._tasks.add(signals)  # keep the signal object alive until it has reported

        def finish(result: Any, handler: Callable[[Any], None] = done) -> None:
            self._tasks.discard(signals)
            handler(result)

        signals.done.connect(finish)
        signals.failed.connect(lambda exc: finish(exc, failed))
        if progress is not None:
            signals.progress.connect(progress)
        self.pool.start(task)

    def _on_finished(self, report: SyncReport) -> None:
        self._cancel = None
        self.last_report = report
        self.finished.emit(report)
        self.refresh()

    def _on_failed(self, exc: Exception) -> None:
        self._cancel = None
        self.finished.emit(exc)
        self.refresh()

    def _on_status(self, status: LinkStatus) -> None:
        self._probing = False
        self.last_status = status
        self.status_changed.emit(status)

    def _on_probe_failed(self, _exc: Exception) -> None:
        self._probing = False

    def _auto_sync(self) -> None:
        status = self.last_status
        if status is not None and status.online and not self.running:
            self.start_sync()


class SyncIndicator(QWidget):
    """Status-bar item: connection, items waiting to be sent, last sync (Jalali)."""

    def __init__(
        self, controller: SyncController, fmt: Formatter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._fmt = fmt
        self.link_label = QLabel()
        self.link_label.setObjectName("syncLink")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("syncPending")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("syncLast")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.link_label)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.last_sync_label)
        self._syncing = False
        self._status: LinkStatus | None = None
        controller.status_changed.connect(self.show_status)
        controller.started.connect(self._on_started)
        controller.progressed.connect(self._on_progress)
        controller.finished.connect(self._on_finished)
        self.link_label.setText(self.tr("Registry: checking…"))

    def show_status(self, status: LinkStatus) -> None:
        self._status = status
        fmt = self._fmt
        state = status.state
        if status.online is None:
            text, mode = self.tr("Registry: not signed in"), "off"
        elif status.online:
            text, mode = self.tr("Registry: online"), "ok"
        else:
            text, mode = self.tr("Registry: offline"), "alarm"
        if not self._syncing:
            self.link_label.setText(text)
        self.link_label.setProperty("state", mode)
        self.link_label.style().polish(self.link_label)
        waiting = self.tr("Waiting to be sent: {count}").format(count=fmt.number(state.pending))
        if state.needs_attention:
            waiting += " " + self.tr("({count} need attention)").format(
                count=fmt.number(state.needs_attention)
            )
        self.pending_label.setText(waiting)
        if state.last_sync_at is None:
            self.last_sync_label.setText(self.tr("Last sync: never"))
        else:
            moment = fmt.local(state.last_sync_at)
            self.last_sync_label.setText(
                self.tr("Last sync: {date} at {time}").format(
                    date=fmt.date(moment), time=fmt.clock(moment)
                )
            )
        tip = state.server_url and self.tr("Server: {url}").format(url=ltr(state.server_url))
        self.setToolTip(tip or "")

    def _on_started(self) -> None:
        self._syncing = True
        self.link_label.setText(self.tr("Registry: syncing…"))

    def _on_progress(self, progress: Progress) -> None:
        if progress.phase is Phase.DONE:
            return
        self.link_label.setText(self.tr("Registry: syncing…"))

    def _on_finished(self, _result: object) -> None:
        self._syncing = False
        if self._status is not None:
            self.show_status(self._status)
