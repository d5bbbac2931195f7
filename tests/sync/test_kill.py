"""The client killed with SIGKILL at random moments during pull and during push, then
restarted: it converges with no loss and no duplicate (counts and digests equal the
server's, every outbox item acknowledged exactly once)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity
from supervisor_app.domain.outbox import OutboxItem, OutboxKind
from supervisor_app.store import open_store

harness = sys.modules["nezarat_sync_harness"]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
SEED = int(os.environ.get("NEZARAT_KILL_SEED", "1405"))


def start_sync(data: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data), "sync"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, **harness.workstation_env()},
    )


def query(data: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the workstation's store from outside, as another program would (read-only)."""
    with sqlite3.connect(f"file:{data / 'store.sqlite3'}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql).fetchall()


def cursor(data: Path, feed: str) -> int:
    rows = query(data, "SELECT value FROM sync_state WHERE key = 'sync.cursor." + feed + "'")
    return int(rows[0][0]) if rows else 0


def wait_until(predicate: Any, proc: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if predicate():
                return True
        except sqlite3.OperationalError:  # the store is being created
            pass
        time.sleep(0.02)
    return False


def kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL if still running; True when it was killed (not finished)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        return proc.returncode == -signal.SIGKILL
    return False


def verified(data: Path) -> dict[str, Any]:
    final = harness.cli(data, "sync", "--verify", "--json")
    assert final.returncode == 0, final.stdout + final.stderr
    result = json.loads(final.stdout)
    assert result["sync"]["converged"] and result["verify"]["matches"]
    return result


def login(data: Path, server: str, user: str) -> None:
    proc = harness.cli(data, "login", "--server", server, "--user", user, "--password-stdin",
                       stdin=harness.DEMO_PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr


def test_killed_during_pull_and_restarted_converges_without_loss_or_duplicates(
    registry, proxy, tmp_path
):
    """SIGKILL mid-pull (random points in the reference and dossier feeds), restart: the
    store ends with every record once and the server's digests."""
    rng = random.Random(SEED)
    data = tmp_path / "ws"
    login(data, proxy.url, "demo-central")
    proxy.page_limits["/dossiers"] = 50
    proxy.add("delay", "/dossiers", seconds=0.03, times=None)
    killed, seen = 0, []
    for round_ in range(4):
        proc = start_sync(data)
        if round_ == 0:  # somewhere in the first seconds (reference data or dossiers)
            time.sleep(rng.uniform(0.5, 2.5))
        else:  # after the dossier cursor moved past where the last kill left it
            before = cursor(data, "dossiers")
            wait_until(lambda b=before: cursor(data, "dossiers") > b, proc)
            time.sleep(rng.uniform(0.0, 0.4))
        killed += kill(proc)
        seen.append(cursor(data, "dossiers"))
    assert killed >= 2, f"the sync finished before it could be killed: {seen}"
    result = verified(data)
    end = cursor(data, "dossiers")
    assert any(0 < c < end for c in seen), f"no kill landed inside the dossier feed: {seen}"
    server = harness.Api(registry.url, "demo-central").status()["kinds"]
    assert result["verify"]["kinds"]["dossier"]["local"] == server["dossier"]
    assert query(data, "SELECT count(*), count(DISTINCT registration_id) FROM dossiers") == [
        (server["dossier"]["count"], server["dossier"]["count"])
    ]
    # Indexes deferred by the killed first pull are back, and nothing is left to rebuild.
    assert query(data, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name "
                 "= 'dossiers' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'") == [(4,)]
    assert query(data, "SELECT count(*) FROM sync_state WHERE key = "
                 "'sync.deferred_indexes'") == [(0,)]


def test_killed_during_push_and_restarted_delivers_every_item_once(registry, proxy, tmp_path):
    """SIGKILL mid-push (before or after the server stored a batch), restart: every outbox
    item is acknowledged, the server holds each report exactly once, digests equal."""
    rng = random.Random(SEED + 1)
    data = tmp_path / "ws"
    login(data, proxy.url, "demo-county")
    first = harness.cli(data, "sync")
    assert first.returncode == 0, first.stderr
    branch = query(data, "SELECT b.code FROM branches b JOIN constituencies c "
                         "ON c.code = b.constituency_code WHERE c.county_code = '0801' "
                         "ORDER BY b.code LIMIT 1")[0][0]
    ids = add_reports(data, branch, 300)
    api = harness.Api(registry.url, "demo-county")
    before = api.status()["kinds"]["observer_report"]["count"]

    proxy.add("slow_answer", "/push", method="POST", seconds=0.6, times=None)
    killed = 0
    for _ in range(3):
        proc = start_sync(data)
        wait_until(lambda: query(data, "SELECT count(*) FROM outbox_items "
                                       "WHERE status = 'sending'")[0][0] > 0, proc)
        time.sleep(rng.uniform(0.0, 0.9))
        killed += kill(proc)
    assert killed >= 2
    proxy.clear()
    verified(data)
    statuses = dict(query(data, "SELECT status, count(*) FROM outbox_items GROUP BY status"))
    assert statuses == {"acknowledged": len(ids)}
    server_ids = [i["id"] for i in api.feed_all("records") if i["kind"] == "observer_report"]
    assert len(server_ids) == len(set(server_ids))
    assert set(ids) <= set(server_ids)
    assert api.status()["kinds"]["observer_report"]["count"] == before + len(ids)


def add_reports(data: Path, branch: str, n: int) -> list[str]:
    """What the reports service records: each report and its outbox item, one transaction."""
    store = open_store(data / "store.sqlite3")
    ids = []
    try:
        for i in range(n):
            report = ObserverReport(
                id=str(uuid.uuid4()), branch_code=branch,
                observed_at=datetime(2026, 5, 1, 8 + i // 60, i % 60),
                category=OffenceCategory.LATE_OPENING, severity=Severity.LOW,
                description=f"گزارش آزمایشی شماره {i}", observer_id=None,
            )
            with store.unit_of_work() as uow:
                uow.reports.add(report)
                uow.outbox.add(OutboxItem(report.id, OutboxKind.OBSERVER_REPORT,
                                          wire.encode_observer_report(report),
                                          datetime.now(UTC)))
            ids.append(report.id)
    finally:
        store.close()
    return ids
