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
# ("stop", after, reason): the syncing process reads on from its last page itself.
Message = tuple[str, int, Any]
Meta = tuple[str, int, int, str]  # id, seq, revision, content_sha256


def _run(server_url: str, token: str | None, timeout: tuple[float, float], user_agent: str,
         feed: str, after: int, size: int, out: Any) -> None:
    """The worker process: read pages from ``after`` until the last, or until a stop.

    ``out`` is the write end of a pipe whose read end only the syncing process holds: if
    that process dies, the next send fails and the worker ends (no orphan stays behind).
    """

    def put(message: Message) -> bool:
        try:
            out.send(message)
            return True
        except OSError:  # the syncing process is gone (or closed its end): stop
            return False

    client = RegistryClient(server_url, token, timeout, user_agent)
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
        out.close()


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
    ``fallback(after)``, a reader in this process; the same ``next``/``close`` as it.

    A thread here receives the worker's messages as they come (up to ``depth`` waiting),
    so the worker is never held up by the writer; the end of the pipe (the worker died,
    even halfway through a message) is a stop like any other.
    """

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
        receiving, sending = context.Pipe(duplex=False)
        self._process: BaseProcess | None = context.Process(
            target=_run,
            args=(client.server_url, client.token, client.timeout, client.user_agent, feed,
                  after, size, sending),
            name="nezarat-pull-worker",
            daemon=True,
        )
        try:
            self._process.start()
        finally:
            sending.close()  # only the worker writes: its death is the end of the pipe
        self._conn = receiving
        self._messages: queue.Queue[Message] = queue.Queue(maxsize=max(1, depth))
        self._closed = threading.Event()
        self._after = after
        self._fallback = fallback
        self._inner: Any = None
        self._wait = wait_slice
        threading.Thread(target=self._receive_all, name="pull-worker-receive",
                         daemon=True).start()

    def _receive_all(self) -> None:
        try:
            while not self._closed.is_set():
                try:
                    message: Message = self._conn.recv()
                except (EOFError, OSError) as exc:
                    self._put(("stop", -1, f"the worker ended ({type(exc).__name__})"))
                    return
                if not self._put(message) or message[0] != "page":
                    return
        finally:
            self._conn.close()

    def _put(self, message: Message) -> bool:
        while not self._closed.is_set():
            try:
                self._messages.put(message, timeout=self._wait)
                return True
            except queue.Full:
                continue
        return False

    def next(self, cancel: threading.Event) -> tuple[FeedPage, PreparedRows]:
        from .sync_retry import Cancelled

        while self._inner is None:
            if cancel.is_set():
                self.close()
                raise Cancelled("cancelled")
            try:
                kind, after, payload = self._messages.get(timeout=self._wait)
            except queue.Empty:
                continue
            if kind == "page" and after == self._after:
                page, rows = _page(payload)
                self._after = page.next_cursor
                return page, rows
            # Never the payload itself: a page of rows holds names and national ids.
            reason = payload if kind == "stop" else f"a page after {after}"
            log.info("pull worker stopped at %d (%s); reading on in process",
                     self._after, reason)
            self._switch()
        result: tuple[FeedPage, PreparedRows] = self._inner.next(cancel)
        return result

    def _switch(self) -> None:
        self._stop_process()
        self._inner = self._fallback(self._after)

    def _stop_process(self) -> None:
        self._closed.set()
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)

    def close(self) -> None:
        self._stop_process()
        if self._inner is not None:
            self._inner.close()
