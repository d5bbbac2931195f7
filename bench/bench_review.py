"""The review workspace at central-board scale: start-up, scrolling, search as you type.

Usage:  .venv/bin/python bench/bench_review.py [--data-dir DIR] [--candidates 300000]
                                               [--runs 3] [--seed 1404]

``--data-dir`` is a cache: if it holds no store yet, one is built with the real CLI
(``supervisor-app demo-data``) and its eligibility checks are stored once (timed and
reported; a later run reuses both). Each measurement then runs in a fresh process,
offscreen, on a 1366×768 main window:

* start → list shown: from launching the process (interpreter start and imports
  included) until the dossier list shows its first page and its total count; also
  from opening the store (imports done) to the same moment;
* scroll to the end: from Ctrl+End in the table until the last row's data is loaded;
* search as you type: per keystroke, from the key event until the list shows the rows
  and the count for the new text (a realistic sequence of Persian name prefixes, typed
  letter by letter, and national-id digit prefixes); median and p95. Each keystroke
  waits for its answer before the next, so nothing is coalesced (a worst case).

Prints one JSON object; copy the figures into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_store(data_dir: Path, candidates: int, seed: int) -> dict[str, float]:
    """The demo store (real CLI) and its stored checks, if the cache has none yet."""
    timings: dict[str, float] = {}
    if not (data_dir / "store.sqlite3").exists():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), "demo-data",
             "--candidates", str(candidates), "--seed", str(seed)],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )
        timings["demo_data_seconds"] = round(time.perf_counter() - started, 1)
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from supervisor_app.app import build_context\n"
        "from supervisor_app.paths import DataPaths\n"
        "context = build_context(DataPaths(Path(sys.argv[1])))\n"
        "started = time.perf_counter()\n"
        "changed = context.services.review.refresh_checks()\n"
        "print(changed, round(time.perf_counter() - started, 1))\n"
        "context.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    changed, seconds = out.stdout.split()
    if int(changed) > 1000:  # a first run: every dossier was checked
        timings["store_checks_seconds"] = float(seconds)
    timings["store_checks_changed"] = int(changed)
    return timings


# --- the measuring child process ------------------------------------------------------------


def child(data_dir: Path, launched: float, with_interaction: bool, seed: int) -> dict[str, object]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PyQt6.QtCore import QEventLoop, Qt
    from PyQt6.QtGui import QKeyEvent
    from PyQt6.QtWidgets import QApplication

    from supervisor_app.app import build_context
    from supervisor_app.paths import DataPaths
    from supervisor_app.ui.dossier_model import wait_until_current
    from supervisor_app.ui.main_window import MainWindow, Page
    from supervisor_app.ui.qt_app import create_application

    imported = time.time()
    context = build_context(DataPaths(data_dir))
    app = create_application(["bench"], context.settings)
    window = MainWindow(context)
    window.resize(1366, 768)
    window.show()
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    model = page.model
    if not wait_until_current(model, window.tasks, 60):
        raise SystemExit("the list never loaded")
    app.processEvents()
    shown = time.time()
    result: dict[str, object] = {
        "start_to_list_seconds": round(shown - launched, 3),
        # Without interpreter start and imports: store, services, window, first page.
        "context_to_list_seconds": round(shown - imported, 3),
        "rows": model.rowCount(),
    }
    if not with_interaction:
        window.close()
        context.close()
        return result
    window.tasks.wait_idle(300)  # the start-up refresh of stored checks, if any

    # Scroll to the end: Ctrl+End in the table, until the last row's page is in.
    page.table.setFocus()
    last = model.rowCount() - 1
    started = time.perf_counter()
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(
            page.table, QKeyEvent(kind, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        )
    while model.row_at(last) is None:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    result["scroll_to_end_ms"] = round((time.perf_counter() - started) * 1000, 1)

    # Search as you type over real names and national ids of the store.
    rng = random.Random(seed)
    review = context.services.review
    from supervisor_app.domain.review import DossierFilter

    people = [review.page(DossierFilter(), 1, rng.randrange(last))[0] for _ in range(20)]
    words: list[str] = [p.last_name for p in people[:10]]
    words += [f"{p.first_name} {p.last_name}" for p in people[10:14]]
    words += [p.national_id[:7] for p in people[14:]]
    page.search_box.setFocus()
    latencies: list[float] = []
    first_rows: list[float] = []
    for word in words:
        page.search_box.clear()
        wait_until_current(model, window.tasks, 30)
        for ch in word:
            generation = model.generation
            started = time.perf_counter()
            first_seen: float | None = None
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    page.search_box,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
                )
            if model.generation == generation:
                continue  # the query did not change (a space typed between words)
            # Sleep until the next event, as the real event loop does (a polling loop
            # would fight the query threads for the GIL).
            while not (model.is_current and model.generation > generation):
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
                if first_seen is None and model.rowCount() and model.generation > generation:
                    first_seen = time.perf_counter()
            done = time.perf_counter()
            latencies.append((done - started) * 1000)
            first_rows.append(((first_seen or done) - started) * 1000)
    latencies.sort()
    first_rows.sort()
    result.update(
        keystrokes=len(latencies),
        search_median_ms=round(statistics.median(latencies), 1),
        search_p95_ms=round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        search_max_ms=round(latencies[-1], 1),
        first_rows_median_ms=round(statistics.median(first_rows), 1),
        first_rows_p95_ms=round(first_rows[int(0.95 * (len(first_rows) - 1))], 1),
        sample_words=words[:3],
    )
    window.close()
    context.close()
    return result


def measure(data_dir: Path, interaction: bool, seed: int) -> dict[str, object]:
    launched = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), "--launched", repr(launched),
         "--seed", str(seed)] + (["--interaction"] if interaction else []),
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--candidates", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1404)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--interaction", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.launched, args.interaction, args.seed),
                         ensure_ascii=False))
        return 0

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="nezarat-bench-review-"))
    report: dict[str, object] = {"benchmark": "review", "candidates": args.candidates,
                                 "data_dir": str(data_dir)}
    report.update(build_store(data_dir, args.candidates, args.seed))
    # An installed program starts from compiled bytecode (the bundle ships it, pip writes
    # it); with PYTHONDONTWRITEBYTECODE set, as on these machines, the checkout's modules
    # would be compiled from source at every start instead. Compile them once, up front.
    compileall.compile_dir(ROOT / "supervisor_app", quiet=1)
    runs = [measure(data_dir, False, args.seed) for _ in range(max(0, args.runs - 1))]
    last = measure(data_dir, True, args.seed)
    runs.append({k: last.pop(k) for k in ("start_to_list_seconds", "context_to_list_seconds")})
    for key in ("start_to_list_seconds", "context_to_list_seconds"):
        values = [float(r[key]) for r in runs]  # type: ignore[arg-type]
        report[key] = values
        report[key.replace("_seconds", "_median_seconds")] = statistics.median(values)
    report.update(last)
    report["machine"] = (f"{platform.machine()} {os.cpu_count()} cpus "
                         f"python {platform.python_version()}")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
