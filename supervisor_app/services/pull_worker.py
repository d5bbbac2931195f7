"""A first pull's dossier pages read in a second process.

A first pull reads 300,000 dossiers. Downloading, decompressing, validating and turning
them into rows is Python work under the interpreter lock; in the syncing process it takes
turns with the writer, whose binding of rows is Python work too, and the two cores sit
half idle. In a process of its own the reading runs beside the writer.

The worker writes nothing. It hands each validated page's rows, in order, to the syncing
process, which writes them with their cursor as it always does (``RegistryMirror``), so a
crash of either process loses nothing: the cursor says which pages are in. The worker
stops at anything it does not handle by itself (an error, an expired sign-in, a page
with other kinds or a dossier spelled unusually); the pull then goes on in the syncing
process from the last page handed over, with its retries and re-sign-in.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any

from ..adapters.registry_client import (
    FeedItem,
    FeedPage,
    RegistryClient,
    next_cursor_hint,
    parse_feed_page,
)
from ..store.mirror import PreparedRows, typed_dossier_row

log = logging.getLogger(__name__)

# A message from the worker: ("page", after, (next_cursor, has_more, metas, rows)) or
# ("stop", after, reason): the syncing process reads on from ``after`` itself.
Message = tuple[str, int, Any]
Meta = tuple[str, int, int, str]  # id, seq, revision, content_sha256
PUT_SLICE = 0.5  # seconds between looks at the parent while the queue is full


def _run(server_url: str, token: str | None, timeout: tuple[float, float], feed: str,
         after: int, size: int, out: Any) -> None:
    """The worker process: read pages from ``after`` until the last, or until a stop."""
    parent = multiprocessing.parent_process()

    def put(message: Message) -> bool:
        while parent is None or parent.is_alive():  # an orphan stops (its parent was killed)
            try:
                out.put(message, timeout=PUT_SLICE)
                return True
            except queue.Full:
                continue
        return False

    client = RegistryClient(server_url, token, timeout)
    # The next page downloads while this one is checked: the server prepares it meanwhile.
    bodies: queue.Queue[tuple[int | None, bytes | None, BaseException | None]] = queue.Queue(
        maxsize=2
    )
    threading.Thread(target=_download, args=(client, feed, after, size, bodies),
                     name="pull-download", daemon=True).start()
    try:
        while True:
            got, body, error = bodies.get()
            if error is not None:
                raise error
            if got != after or body is None:  # the last bytes did not tell the next cursor
                put(("stop", after, "the next page's cursor was not read ahead"))
                return
            page = parse_feed_page(body, after=after)
            if page.skipped_kinds or any(
                i.kind != "dossier" or i.record is not None for i in page.items
            ):
                put(("stop", after, "a page the worker does not write rows of"))
                return
            metas = [(i.id, i.seq, i.revision, i.content_sha256) for i in page.items]
            rows = [typed_dossier_row(i.data) for i in page.items]
            if not put(("page", after, (page.next_cursor, page.has_more, metas, rows))):
                return
            if not page.has_more:
                return
            after = page.next_cursor
    except BaseException as exc:  # any trouble: the syncing process reads on by itself
        put(("stop", after, f"{type(exc).__name__}: {exc}"))
    finally:
        client.close()


def _download(client: RegistryClient, feed: str, after: int, size: int, bodies: Any) -> None:
    """Page bodies in order, each next cursor read off the body before (unvalidated: the
    reading side uses a body only for the cursor its validated page before gave)."""
    while True:
        try:
            body = client.feed_body(feed, after, size)
        except BaseException as exc:
            bodies.put((after, None, exc))
            return
        bodies.put((after, body, None))
        following = next_cursor_hint(body)
        if following is None:  # the last page, or a spelling the hint cannot read
            bodies.put((None, None, None))
            return
        after = following


def _page(payload: Any) -> tuple[FeedPage, PreparedRows]:
    next_cursor, has_more, metas, rows = payload
    items = [FeedItem("dossier", rid, seq, rev, sha, None, None) for rid, seq, rev, sha in metas]
    prepared = {(rid, seq): row for (rid, seq, _rev, _sha), row in zip(metas, rows, strict=True)}
    return FeedPage(items, next_cursor, has_more), prepared


class ProcessPageReader:
    """The dossier feed's pages from a worker process, then (after a stop) from
    ``fallback(after)``, a reader in this process; the same ``next``/``close`` as it."""

    def __init__(
        self,
        client: RegistryClient,
        feed: str,
        after: int,
        size: int,
        depth: int,
        fallback: Callable[[int], Any],
        wait_slice: float,
    ) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded process
        self._queue: Any = context.Queue(maxsize=max(1, depth))
        self._process: BaseProcess | None = context.Process(
            target=_run,
            args=(client.server_url, client.token, client.timeout, feed, after, size,
                  self._queue),
            name="nezarat-pull-worker",
            daemon=True,
        )
        self._process.start()
        self._after = after
        self._fallback = fallback
        self._inner: Any = None
        self._wait = wait_slice

    def next(self, cancel: threading.Event) -> tuple[FeedPage, PreparedRows]:
        from .sync_retry import Cancelled

        while self._inner is None:
            if cancel.is_set():
                self.close()
                raise Cancelled("cancelled")
            message = self._receive()
            if message is None:
                continue
            kind, after, payload = message
            if kind == "page" and after == self._after:
                page, rows = _page(payload)
                self._after = page.next_cursor
                return page, rows
            log.info("pull worker stopped at %d (%s); reading on in process", after, payload)
            self._switch()
        result: tuple[FeedPage, PreparedRows] = self._inner.next(cancel)
        return result

    def _receive(self) -> Message | None:
        process = self._process
        assert process is not None
        try:
            message: Message = self._queue.get(timeout=self._wait)
            return message
        except queue.Empty:
            pass
        if process.is_alive():
            return None
        try:  # its last words may still be in the pipe
            message = self._queue.get(timeout=self._wait)
            return message
        except queue.Empty:
            return ("stop", self._after, f"the worker ended (exit code {process.exitcode})")

    def _switch(self) -> None:
        self._stop_process()
        self._inner = self._fallback(self._after)

    def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
        self._queue.close()
        self._queue.cancel_join_thread()  # nothing it still buffers is wanted

    def close(self) -> None:
        self._stop_process()
        if self._inner is not None:
            self._inner.close()
