"""Election-day dashboard refresh time with 100,000 observer reports in the store.

Usage:  .venv/bin/python bench/bench_dashboard.py [--reports 100000] [--runs 30] [--no-record]

Builds a store with the demo geography, branches and observers (``demo_data``), then
inserts the reports with one ``executemany`` (spread over election day in Tehran time,
a few busy branches, every category and severity) and some complaints. Times
``DashboardService.snapshot`` (the full refresh the page runs when the data changed),
filtered variants, the idle tick (``refresh`` with an unchanged token) and the exports.
Prints JSON and appends a dated section to bench/RESULTS.md (unless ``--no-record``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from machine import cpu_model  # bench/machine.py (this folder is on sys.path)

from supervisor_app.domain.election_day import OffenceCategory, Severity
from supervisor_app.domain.jalali import IRAN_TZ
from supervisor_app.services.dashboard import DashboardFilters, DashboardService
from supervisor_app.services.demo_data import demo_cycle, generate_demo_dataset
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import

RESULTS = Path(__file__).with_name("RESULTS.md")
CATEGORY_WEIGHTS = {
    c: (
        8
        if c
        in (OffenceCategory.DEVICE_FAILURE, OffenceCategory.LATE_OPENING, OffenceCategory.OTHER)
        else 2
    )
    for c in OffenceCategory
}
SEVERITY_WEIGHTS = {Severity.LOW: 50, Severity.MEDIUM: 30, Severity.HIGH: 15, Severity.CRITICAL: 5}


def build_store(path: Path, reports: int, seed: int) -> tuple[Store, date, str]:
    """The demo reference data plus ``reports`` reports and 2,000 complaints."""
    dataset = generate_demo_dataset(0, seed)
    store = open_store(path)
    bulk_import(store, dataset)
    rng = random.Random(seed)
    day = demo_cycle().election_day
    opening = datetime.combine(day, clock(7, 0), IRAN_TZ).astimezone(UTC)
    branches = [b.code for b in dataset.branches]
    busy = rng.sample(branches, 40)  # a few branches report far more than the rest
    categories, category_weights = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    severities, severity_weights = zip(*SEVERITY_WEIGHTS.items(), strict=True)
    rows = []
    for n in range(reports):
        # 07:00 to 01:00 the next night (counting runs past Tehran midnight).
        at = opening + timedelta(seconds=int(rng.triangular(0, 18 * 3600, 5 * 3600)))
        rows.append(
            (
                f"00000000-0000-4000-8000-{n:012d}",
                rng.choice(busy) if rng.random() < 0.1 else rng.choice(branches),
                at.isoformat(),
                rng.choices(categories, category_weights)[0].value,
                rng.choices(severities, severity_weights)[0].value,
                f"گزارش ناظر شمارهٔ {n}: شرح رویداد در شعبه، با جزئیات کافی برای رسیدگی هیات.",
                "[]",
                "[]",
                (at + timedelta(seconds=rng.randrange(5, 600))).isoformat(),
            )
        )
    places = [c.code for c in dataset.constituencies]
    statuses = ["registered", "assigned", "investigating", "escalated", "decided", "rejected"]
    complaints = [
        (
            f"CMP-{n:06d}",
            "شاکی نمونه",
            "0012345678",
            "candidate",
            (opening + timedelta(hours=20)).isoformat(),
            "شکایت از روند رأی‌گیری",
            rng.choice(places),
            "[]",
            "[]",
            rng.choice(statuses),
        )
        for n in range(2000)
    ]
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO observer_reports (id, branch_code, observed_at, category, severity,"
            " description, witnesses, attachments, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.exec_driver_sql(
            "INSERT INTO complaints (id, complainant_name, complainant_national_id,"
            " complainant_kind, filed_at, subject, constituency_code, branch_codes,"
            " report_ids, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
            complaints,
        )
    store.checkpoint()
    busiest = DashboardService(store).snapshot().by_constituency[0].code
    return store, day, busiest


def timed(fn: Callable[[], object], runs: int) -> dict[str, float]:
    fn()  # warm the page cache and SQLAlchemy's statement cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(samples[-1], 1),
    }


def once(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return round(time.perf_counter() - started, 2)


def record(result: dict[str, object]) -> None:
    r: dict = result
    lines = [
        "",
        f"## Election-day dashboard ({result['date']})",
        "",
        f"`.venv/bin/python bench/bench_dashboard.py --reports {r['reports']} --runs {r['runs']}`",
        f"({r['reports']:,} reports over {r['branches']:,} demo branches, 2,000 complaints;"
        f" machine: {r['nproc']} CPUs, {r['cpu']}, load average {r['load']} at start)",
        "",
        "| what | median | p95 | max |",
        "| --- | --- | --- | --- |",
    ]
    for key, caption in (
        ("snapshot", "full refresh (`snapshot()`, no filter)"),
        ("snapshot_day", "full refresh, election day only"),
        ("snapshot_constituency", "full refresh, the busiest constituency"),
        ("idle_tick", "timer tick with no change (`refresh(since=token)`)"),
    ):
        t = r[key]
        lines.append(f"| {caption} | {t['median_ms']} ms | {t['p95_ms']} ms | {t['max_ms']} ms |")
    lines += [
        "",
        "| export (once) | seconds |",
        "| --- | --- |",
        f"| counts → CSV | {r['export_csv_s']} |",
        f"| counts → XLSX | {r['export_xlsx_s']} |",
        f"| every report → CSV | {r['export_reports_csv_s']} |",
        f"| every report → XLSX (streamed) | {r['export_reports_xlsx_s']} |",
        f"| building the bench store (not the app) | {r['build_s']} |",
        "",
    ]
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1405)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="nezarat-bench-dashboard-") as tmp:
        started = time.perf_counter()
        store, day, busiest = build_store(Path(tmp) / "store.sqlite3", args.reports, args.seed)
        build_s = round(time.perf_counter() - started, 1)
        try:
            service = DashboardService(store)
            snapshot = service.snapshot()
            assert snapshot.total_reports == args.reports, snapshot.total_reports
            token = snapshot.token
            result: dict[str, object] = {
                "benchmark": "dashboard",
                "date": date.today().isoformat(),
                "reports": args.reports,
                "runs": args.runs,
                "hours": len(snapshot.by_hour),
                "snapshot": timed(service.snapshot, args.runs),
                "snapshot_day": timed(
                    lambda: service.snapshot(DashboardFilters.on(day)), args.runs
                ),
                "snapshot_constituency": timed(
                    lambda: service.snapshot(DashboardFilters(busiest)), args.runs
                ),
                "idle_tick": timed(lambda: service.refresh(since=token), args.runs),
                "export_csv_s": once(lambda: service.export_csv(snapshot, Path(tmp) / "d.csv")),
                "export_xlsx_s": once(lambda: service.export_xlsx(snapshot, Path(tmp) / "d.xlsx")),
                "export_reports_csv_s": once(
                    lambda: service.export_reports_csv(None, Path(tmp) / "r.csv")
                ),
                "export_reports_xlsx_s": once(
                    lambda: service.export_reports_xlsx(None, Path(tmp) / "r.xlsx")
                ),
                "build_s": build_s,
                "nproc": os.cpu_count(),
                "cpu": cpu_model(),
                "load": round(load, 2),
                "python": platform.python_version(),
            }
            with store.unit_of_work(read_only=True) as uow:
                result["branches"] = uow.branches.count()
        finally:
            store.close()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if not args.no_record:
        record(result)
        print(f"appended to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
