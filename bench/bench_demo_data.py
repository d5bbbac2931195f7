"""Time and size of `supervisor-app demo-data` at the scale of a central-board workstation.

Usage:  .venv/bin/python bench/bench_demo_data.py [--candidates 300000] [--seed 1404]

Runs the real CLI in a subprocess on a fresh temporary data directory, so the number
includes interpreter start, generation, migration, bulk load and the FTS index.
Prints one JSON object; copy the figures into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1404)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nezarat-bench-") as tmp:
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "supervisor_app", "--data-dir", tmp, "demo-data",
             "--candidates", str(args.candidates), "--seed", str(args.seed)],
            capture_output=True, text=True, check=False,
        )
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        report = json.loads(proc.stdout)
        db = Path(tmp) / "store.sqlite3"
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(json.dumps({
            "benchmark": "demo-data",
            "candidates": args.candidates,
            "wall_seconds": round(wall, 2),
            "generate_seconds": report["generate_seconds"],
            "load_seconds": report["load_seconds"],
            "database_mb": round(db.stat().st_size / 1e6, 1),
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "counts": report["counts"],
            "machine": f"{platform.machine()} {platform.processor() or ''} "
                       f"python {platform.python_version()}".strip(),
        }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
