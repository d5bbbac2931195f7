"""A first pull read in a worker process: the same store as reading in process, and every
fault handed over to the in-process reading, which retries or reports it as before."""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any, ClassVar

import pytest

import supervisor_app.services.sync as sync_module
from supervisor_app.services.pull_worker import ProcessPageReader
from supervisor_app.services.sync_retry import RetryPolicy

harness = sys.modules["nezarat_sync_harness"]
DOSSIERS = 1500
NO_RETRY = RetryPolicy(attempts=1)


def server_kinds(registry: Any, username: str) -> dict[str, Any]:
    return harness.Api(registry.url, username).status()["kinds"]


def local_kinds(ws: Any) -> dict[str, Any]:
    return {k: d.as_dict() for k, d in ws.sync.local_status().kinds.items()}


class Recorder(ProcessPageReader):
    """The reader the sync uses, counting pages from the worker and from the fallback."""

    made: ClassVar[list[Recorder]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.from_worker = 0
        self.process_seen = self._process
        Recorder.made.append(self)

    def next(self, cancel: threading.Event) -> Any:
        in_worker = self._inner is None
        result = super().next(cancel)
        if in_worker and self._inner is None:
            self.from_worker += 1
        return result


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> type[Recorder]:
    Recorder.made = []
    monkeypatch.setattr(sync_module, "ProcessPageReader", Recorder)
    return Recorder


def test_a_first_pull_read_in_a_worker_holds_exactly_what_the_server_holds(
    registry, workstation, recorder
):
    """Every dossier page comes from the worker; counts and digests equal the server's,
    and the worker has ended."""
    ws = workstation(registry.url, "demo-central", page_sizes={"dossiers": 200},
                     process_pull_min=0)
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert report.pulled["dossiers"] == DOSSIERS
    [reader] = recorder.made
    assert reader.from_worker == -(-DOSSIERS // 200) and reader._inner is None
    assert not reader.process_seen.is_alive()
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_below_the_threshold_and_on_later_pulls_no_worker_starts(
    registry, workstation, recorder
):
    """A first pull below the threshold reads in process; so does every later pull."""
    small = workstation(registry.url, "demo-county", process_pull_min=DOSSIERS + 1)
    assert small.sync.sync().converged
    assert recorder.made == []
    ws = workstation(registry.url, "demo-central", process_pull_min=0)
    assert ws.sync.sync().converged
    assert ws.sync.sync().converged
    assert len(recorder.made) == 1  # the first pull only


def test_a_fault_mid_pull_hands_over_to_the_process_which_retries_it(
    registry, proxy, workstation, recorder
):
    """A page cut off mid-body stops the worker; the sync fetches that page again itself
    and converges in the same run, every dossier exactly once."""
    ws = workstation(proxy.url, "demo-central", page_sizes={"dossiers": 200},
                     process_pull_min=0)
    proxy.add("drop_mid_body", "/dossiers", skip=3)
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert "drop_mid_body" in proxy.actions()
    [reader] = recorder.made
    assert 0 < reader.from_worker < -(-DOSSIERS // 200) and reader._inner is not None
    assert report.pulled["dossiers"] == DOSSIERS
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_a_truncated_page_is_refused_in_process_with_its_message(
    registry, proxy, workstation, recorder
):
    """Truncated JSON on every try: the worker stops, the sync's own reading retries and
    reports it clearly; nothing is written and the cursor stays."""
    ws = workstation(proxy.url, "demo-central", policy=RetryPolicy(attempts=2, base=0.01),
                     process_pull_min=0)
    proxy.add("truncate_json", "/dossiers", times=None)
    report = ws.sync.sync()
    assert not report.converged and "not valid JSON" in report.error
    [reader] = recorder.made
    assert reader._inner is not None and not reader.process_seen.is_alive()
    assert ws.counts()["dossier"] == 0
    assert ws.sync.local_status(digests=False).cursors["sync.cursor.dossiers"] == 0
    proxy.clear()
    assert ws.sync.sync().converged


def test_a_tampered_record_is_refused_in_process(registry, proxy, workstation, recorder):
    """A record that does not match its hash (on every try) stops the worker and is
    refused by name; nothing of it is written."""
    ws = workstation(proxy.url, "demo-central", policy=NO_RETRY, process_pull_min=0)
    proxy.add("tamper_record", "/dossiers", times=None)
    report = ws.sync.sync()
    assert "content_sha256" in report.error
    [reader] = recorder.made
    assert reader._inner is not None and not reader.process_seen.is_alive()
    assert ws.counts()["dossier"] == 0


def test_a_killed_worker_is_replaced_by_the_in_process_reading(
    registry, proxy, workstation, monkeypatch
):
    """The worker killed (SIGKILL) after its first page: the sync reads on by itself."""
    killed: list[int] = []

    class Killer(Recorder):
        def next(self, cancel: threading.Event) -> Any:
            result = super().next(cancel)
            if not killed and self._process is not None:
                os.kill(self._process.pid, signal.SIGKILL)
                killed.append(self._process.pid)
            return result

    Recorder.made = []
    monkeypatch.setattr(sync_module, "ProcessPageReader", Killer)
    ws = workstation(proxy.url, "demo-central", page_sizes={"dossiers": 100},
                     process_pull_min=0)
    proxy.delay_all = 0.02  # the worker is mid-way when it is killed
    report = ws.sync.sync()
    assert killed and report.converged, report.as_dict()
    [reader] = Recorder.made
    assert reader._inner is not None
    assert report.pulled["dossiers"] == DOSSIERS
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_cancel_ends_the_worker_and_the_next_sync_resumes(
    registry, proxy, workstation, recorder
):
    """Cancel mid-pull: the worker process is gone; resuming completes with no gap."""
    ws = workstation(proxy.url, "demo-central", page_sizes={"dossiers": 100},
                     process_pull_min=0)
    proxy.add("delay", "/dossiers", seconds=0.1, times=None)
    cancel = threading.Event()

    def progress(p: Any) -> None:
        if p.phase == "dossiers" and p.done >= 300:
            cancel.set()

    report = ws.sync.sync(progress, cancel)
    assert report.cancelled
    [reader] = recorder.made
    assert not reader.process_seen.is_alive()
    proxy.clear()
    assert ws.sync.sync().converged
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_a_worker_killed_while_sending_a_page_is_a_stop_not_a_hang(
    registry, workstation, monkeypatch
):
    """The writer holds back until the worker is blocked mid-message on a full pipe; the
    worker is killed there: the half-sent page ends the pipe, and the sync reads on."""
    import time

    killed: list[int] = []

    class SlowKiller(Recorder):
        def next(self, cancel: threading.Event) -> Any:
            if not killed and self._process is not None:
                time.sleep(3)  # the receiving side fills up; the worker blocks in send
                os.kill(self._process.pid, signal.SIGKILL)
                killed.append(self._process.pid)
            return super().next(cancel)

    Recorder.made = []
    monkeypatch.setattr(sync_module, "ProcessPageReader", SlowKiller)
    ws = workstation(registry.url, "demo-central", page_sizes={"dossiers": 100},
                     process_pull_min=0)
    report = ws.sync.sync()
    assert killed and report.converged, report.as_dict()
    assert report.pulled["dossiers"] == DOSSIERS
    assert local_kinds(ws) == server_kinds(registry, "demo-central")
