"""10,000 observer reports recorded while the registry server is down reach it exactly once.

A workstation signs in and syncs (it needs the branches), the server stops, the reports
are recorded through ``ReportService.record`` (report, outbox item and audit event per
call), a sync attempt fails without losing anything, the server comes back on the same
database and port, and sync runs until converged. Then the server holds exactly those
reports: the same ids, none twice, each with the content hash of what was recorded, and
the per-kind digests of both sides agree.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.digest import record_hash
from supervisor_app.domain.election_day import OffenceCategory, Severity
from supervisor_app.domain.outbox import OutboxStatus
from supervisor_app.services.reports import ReportService

harness = sys.modules["nezarat_sync_harness"]
REPORTS = 10_000
CATEGORIES = list(OffenceCategory)
SEVERITIES = list(Severity)


@pytest.mark.slow
def test_ten_thousand_reports_recorded_offline_arrive_exactly_once(tmp_path, workstation):
    """Recorded with the server down; after it returns, it holds each report once, unchanged."""
    root = tmp_path / "registry"
    root.mkdir()
    server = harness.RegistryProcess(root, dossiers=20).start()
    try:
        ws = workstation(server.url, "demo-county")
        assert ws.sync.sync().converged
        service = ReportService(ws.store, attachments=ws.root / "attachments")
        branches = [b.code for b in service.branches_with_prefix("", limit=100_000)]
        assert branches, "the first sync brought no branches"

        server.stop()
        start = datetime.now(UTC) - timedelta(days=1)
        expected: dict[str, str] = {}
        began = time.perf_counter()
        for n in range(REPORTS):
            report = service.record(
                branches[n % len(branches)],
                category=CATEGORIES[n % len(CATEGORIES)],
                severity=SEVERITIES[n % len(SEVERITIES)],
                description=f"گزارش شماره {n}: صف رأی‌دهندگان طولانی بود",
                observed_at=start + timedelta(seconds=n),
                witnesses=[f"شاهد {n % 7}"] if n % 3 else [],
            )
            expected[report.id] = record_hash(
                "observer_report", wire.encode_observer_report(report)
            )
        seconds = time.perf_counter() - began
        print(
            f"recorded {REPORTS} reports in {seconds:.1f} s "
            f"({seconds / REPORTS * 1000:.2f} ms each)"
        )

        offline = ws.sync.sync()
        assert not offline.converged and offline.error
        with ws.store.unit_of_work(read_only=True) as uow:
            assert uow.outbox.count(OutboxStatus.PENDING) == REPORTS  # nothing lost, nothing sent
            assert uow.reports.count() == REPORTS

        server.start()
        for _ in range(10):
            if ws.sync.sync().converged:
                break
        else:
            raise AssertionError("sync did not converge in 10 runs")

        with ws.store.unit_of_work(read_only=True) as uow:
            assert uow.outbox.count(OutboxStatus.ACKNOWLEDGED) == REPORTS
            assert uow.outbox.count_unsent() == 0
            assert uow.reports.count() == REPORTS
        items: list[dict[str, Any]] = [
            i
            for i in harness.Api(server.url, "demo-county").feed_all("records")
            if i["kind"] == "observer_report"
        ]
        ids = Counter(i["id"] for i in items)
        assert len(items) == REPORTS and max(ids.values()) == 1  # each exactly once
        assert {i["id"]: i["content_sha256"] for i in items} == expected
        assert all(record_hash("observer_report", i["data"]) == expected[i["id"]] for i in items)
        verify = ws.sync.verify()
        assert verify.matches, verify.differences
        assert verify.local.kinds["observer_report"].count == REPORTS
    finally:
        server.stop()
