"""Recording observer reports on a busy workstation: one ``ReportService.record`` call
(report, outbox item and audit event in one transaction) with 100,000 reports already in
the store.

    .venv/bin/python bench/bench_reports.py [--existing 100000] [--calls 2000]

1. A demo store (``build_demo_store``: 4,628 branches, 14,613 observers; ``--candidates``
   dossiers) is built in a temporary data directory.
2. ``--existing`` reports and their (acknowledged) outbox items are added with one
   ``executemany`` each, spread over the branches, categories and a day of observations.
3. ``--calls`` reports are recorded through the service, one call each (as the form and
   the CLI do), timed per call; then the branch look-up as the code is typed, a draft
   save and the recent-reports list are timed the same way.

Prints median / p99 / max per operation and a JSON line; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import cpu_model  # noqa: E402  (bench/machine.py, beside this script)
from sqlalchemy import insert  # noqa: E402

from supervisor_app.domain import wire  # noqa: E402
from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity  # noqa: E402
from supervisor_app.domain.outbox import OutboxKind, OutboxStatus  # noqa: E402
from supervisor_app.paths import DataPaths  # noqa: E402
from supervisor_app.services.demo_store import build_demo_store  # noqa: E402
from supervisor_app.services.reports import ReportService  # noqa: E402
from supervisor_app.store import open_store  # noqa: E402
from supervisor_app.store.repositories.election_day import REPORTS, report_values  # noqa: E402
from supervisor_app.store.repositories.outbox import ITEMS  # noqa: E402

CATEGORIES = list(OffenceCategory)
SEVERITIES = list(Severity)


def fill(store: Any, branches: list[str], existing: int) -> float:
    """``existing`` reports and acknowledged outbox items, two executemany statements."""
    start = datetime(2026, 5, 1, 4, 30, tzinfo=UTC)
    reports, items = [], []
    for n in range(existing):
        r = ObserverReport(
            id=str(uuid.UUID(int=n + 1, version=4)),
            branch_code=branches[n % len(branches)],
            observed_at=start + timedelta(seconds=n * 43_200 // max(existing, 1)),
            category=CATEGORIES[n % len(CATEGORIES)],
            severity=SEVERITIES[n % len(SEVERITIES)],
            description=f"گزارش آزمایشی شماره {n}: رأی‌دهندگان در صف ماندند",
            witnesses=(f"شاهد {n % 11}",) if n % 2 else (),
            recorded_at=start + timedelta(seconds=n),
        )
        reports.append(report_values(r))
        items.append(
            {
                "id": r.id,
                "kind": OutboxKind.OBSERVER_REPORT.value,
                "payload": wire.encode_observer_report(r),
                "created_at": r.recorded_at,
                "status": OutboxStatus.ACKNOWLEDGED.value,
                "attempts": 1,
                "last_error": "",
            }
        )
    began = time.perf_counter()
    with store.unit_of_work() as uow:
        uow.session.execute(insert(REPORTS), reports)
        uow.session.execute(insert(ITEMS), items)
    store.checkpoint()
    return time.perf_counter() - began


def timed(fn: Callable[[int], Any], calls: int) -> list[float]:
    out = []
    for n in range(calls):
        began = time.perf_counter()
        fn(n)
        out.append((time.perf_counter() - began) * 1000)
    return out


def summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(p99, 3),
        "max_ms": round(ordered[-1], 3),
        "calls": len(ordered),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--workdir", help="keep the data directory here (default: temporary)")
    args = parser.parse_args()

    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-reports-"))
    paths = DataPaths(root / "data")
    began = time.perf_counter()
    build_demo_store(paths, args.candidates, 1404, replace=True)
    demo_s = time.perf_counter() - began
    store = open_store(paths.database)
    try:
        service = ReportService(store, attachments=paths.attachments, actor="bench")
        branches = [b.code for b in service.branches_with_prefix("", limit=1_000_000)]
        fill_s = fill(store, branches, args.existing)
        observed = datetime.now(UTC) - timedelta(hours=1)

        def record(n: int) -> None:
            service.record(
                branches[(n * 7919) % len(branches)],
                category=CATEGORIES[n % len(CATEGORIES)],
                severity=SEVERITIES[n % len(SEVERITIES)],
                description=f"گزارش {n}: صندوق دیر باز شد",
                observed_at=observed + timedelta(seconds=n),
                witnesses=["علی کریمی"] if n % 2 else [],
                draft_slot="report-entry",
            )

        results = {"record": summary(timed(record, args.calls))}
        prefixes = [
            b[: 1 + n % len(b)] for n, b in enumerate(branches[:: max(1, len(branches) // 500)])
        ]
        results["branch_lookup"] = summary(
            timed(
                lambda n: service.branches_with_prefix(prefixes[n % len(prefixes)], 8),
                len(prefixes),
            )
        )
        results["save_draft"] = summary(
            timed(lambda n: service.save_draft("bench", {"description": "متن " * (n % 50)}), 500)
        )
        results["recent_200"] = summary(timed(lambda n: service.recent(200), 50))
        total = service.count()
    finally:
        store.close()

    machine = {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(f"machine: {machine['nproc']} × {machine['cpu']}, load {machine['load_average']}")
    print(
        f"demo store {demo_s:.1f} s; {args.existing:,} reports + outbox items in "
        f"{fill_s:.1f} s; {total:,} reports at the end"
    )
    print(f"{'operation':<16}{'median ms':>12}{'p99 ms':>10}{'max ms':>10}{'calls':>8}")
    for name, r in results.items():
        print(
            f"{name:<16}{r['median_ms']:>12.2f}{r['p99_ms']:>10.2f}{r['max_ms']:>10.2f}"
            f"{r['calls']:>8}"
        )
    print(
        json.dumps(
            {"machine": machine, "existing": args.existing, "results": results}, ensure_ascii=False
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
