"""Writing a form's draft off the GUI thread: latest content only, retried until it lands.

A sync writes pulled pages in long transactions; a draft saved on the GUI thread would
freeze typing for up to the store's busy timeout (5 s) and then fail. The writer hands
each write to the task runner instead, with at most one write in flight: a newer draft
(or a discard) arriving meanwhile replaces the one waiting, so only the latest content is
written (coalescing). A failed write is kept and tried again after ``retry_ms`` unless a
newer one replaced it; the form keeps what was typed whatever happens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PyQt6.QtCore import QObject, QTimer, pyqtSignal

from .tasks import TaskRunner

log = logging.getLogger(__name__)

RETRY_MS = 1000

# One operation: a function to run in the pool (a save of one snapshot, or a discard).
Write = Callable[[], Any]


class DraftWriter(QObject):
    """Serialises draft writes through a TaskRunner; ``failed`` and ``saved`` on the GUI
    thread."""

    saved = pyqtSignal()  # the latest write landed and nothing newer waits
    failed = pyqtSignal(object)  # the exception of a write that will be tried again

    def __init__(
        self, runner: TaskRunner, parent: QObject | None = None, *, retry_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._waiting: Write | None = None
        self._in_flight = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS if retry_ms is None else retry_ms)
        self._retry.timeout.connect(self._kick)
        self.writes = 0  # started writes (tests check the coalescing)

    @property
    def idle(self) -> bool:
        """Nothing in flight and nothing waiting (a retry included)."""
        return not self._in_flight and self._waiting is None

    @property
    def in_flight(self) -> bool:
        return self._in_flight

    def write(self, op: Write) -> None:
        """Write ``op`` after the one in flight; replaces any write still waiting."""
        self._waiting = op
        self._kick()

    def _kick(self) -> None:
        if self._in_flight or self._waiting is None or self._runner.closing:
            return
        self._retry.stop()
        op, self._waiting = self._waiting, None
        self._in_flight = True
        self.writes += 1
        self._runner.submit(op, lambda _r: self._done(), lambda exc: self._failed(op, exc))

    def _done(self) -> None:
        self._in_flight = False
        if self._waiting is None:
            self.saved.emit()
        self._kick()

    def _failed(self, op: Write, exc: BaseException) -> None:
        self._in_flight = False
        log.warning("writing the draft failed, trying again: %s", exc)
        if self._waiting is None:  # nothing newer: this content is still the latest
            self._waiting = op
        self.failed.emit(exc)
        self._retry.start()
