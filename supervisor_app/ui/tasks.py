"""Background work for the UI: run a function in a thread pool, get the result on the GUI
thread through a queued signal (as Anki's ``taskman`` does).

Widgets are only ever touched in the callbacks, which run on the GUI thread; the
function itself must not touch Qt widgets. Each task's result carries its id, so a
caller that started a newer query can ignore an older answer (search as you type).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PyQt6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, pyqtSignal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int], None]


class _Signals(QObject):
    # Emitted from pool threads; connected to slots of an object living on the GUI
    # thread, so Qt queues the call there.
    finished = pyqtSignal(int, object, object)  # task id, result, exception
    progressed = pyqtSignal(int, int, int)  # task id, done, total


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[..., Any], signals: _Signals, progress: bool):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps the Python object until delivery
        self._id = task_id
        self._fn = fn
        self._signals = signals
        self._progress = progress

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._fn(self._report) if self._progress else self._fn()
        except BaseException as exc:  # handed to the GUI thread, never lost in the pool
            error = exc
        self._signals.finished.emit(self._id, result, error)

    def _report(self, done: int, total: int) -> None:
        self._signals.progressed.emit(self._id, done, total)


class TaskRunner(QObject):
    """A small pool (``max_threads``) for queries and refreshes off the GUI thread.

    Three threads by default: a long refresh may hold one while the list's page and
    count queries run side by side on the other two.
    """

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 3) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._deliver)
        self._signals.progressed.connect(self._on_progress)
        self._next_id = 0
        self._closing = False
        self._tasks: dict[int, tuple[_Task, Done, Failed | None, Progress | None]] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Done,
        on_error: Failed | None = None,
    ) -> int:
        """Run ``fn()`` in the pool; ``on_done(result)`` or ``on_error(exc)`` later on the
        GUI thread. Returns the task id."""
        return self._start(fn, on_done, on_error, None)

    def submit_with_progress(
        self,
        fn: Callable[[Progress], Any],
        on_done: Done,
        on_progress: Progress,
        on_error: Failed | None = None,
    ) -> int:
        """Like ``submit``; ``fn`` receives a ``report(done, total)`` callable whose calls
        arrive as ``on_progress(done, total)`` on the GUI thread."""
        return self._start(fn, on_done, on_error, on_progress)

    def _start(
        self,
        fn: Callable[..., Any],
        on_done: Done,
        on_error: Failed | None,
        on_progress: Progress | None,
    ) -> int:
        self._next_id += 1
        task = _Task(self._next_id, fn, self._signals, on_progress is not None)
        self._tasks[self._next_id] = (task, on_done, on_error, on_progress)
        self._pool.start(task)
        return self._next_id

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _deliver(self, task_id: int, result: Any, error: BaseException | None) -> None:
        entry = self._tasks.pop(task_id, None)
        if entry is None:
            return
        _task, on_done, on_error, _progress = entry
        # A slot must not raise (PyQt6 would abort the process): log what escapes.
        try:
            if error is None:
                on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)
        except Exception:
            log.exception("handling a background task's result failed")

    def _on_progress(self, task_id: int, done: int, total: int) -> None:
        entry = self._tasks.get(task_id)
        if entry is not None and entry[3] is not None:
            try:
                entry[3](done, total)
            except Exception:
                log.exception("progress callback failed")

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Process events until every submitted task has delivered (tests, benchmarks)."""
        deadline = time.monotonic() + timeout_s
        while self._tasks and time.monotonic() < deadline:
            self._pool.waitForDone(5)
            QCoreApplication.processEvents()
        return not self._tasks

    @property
    def closing(self) -> bool:
        """True once shutdown began: long tasks poll it and stop early."""
        return self._closing

    def shutdown(self) -> None:
        """Drop queued tasks and wait for running ones (the window is closing)."""
        self._closing = True
        self._pool.clear()
        self._pool.waitForDone()
        self._tasks.clear()
