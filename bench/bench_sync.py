"""Registry sync over loopback: initial pull of N demo dossiers, incremental pull of 1,000
changes, and a plain ``sqlite3.executemany`` load of the same rows for comparison.

    .venv/bin/python bench/bench_sync.py --dossiers 300000

1. The registry server is seeded once (``--seed-demo N --seed-only``) into
   ``WORKDIR/registry-N-SEED.sqlite3`` (kept for later runs; not timed as part of the sync)
   and then served on a free loopback port.
2. A fresh workstation signs in as ``demo-central`` (the central board sees every dossier)
   and runs ``supervisor-app sync`` in a subprocess: wall time, CPU time and peak resident
   memory (``wait4``) of the client, plus the engine's own time from its JSON report.
3. The same dossier, document and inquiry rows are read back from the client's store and
   loaded with plain ``sqlite3.executemany`` (one transaction) into the same tables and
   indexes on a fresh file (the full-text index left out): the ratio says what the sync
   costs over a bare load of its result.
4. 1,000 dossiers are changed through the registry's ``PUT /dossiers/{id}`` (not timed);
   then the workstation syncs again, in process (the window's case: keystore already
   open) and as a CLI subprocess (interpreter start-up and keystore unlock included).

Targets (issue 3): initial ≤ 30 s and ≤ 500 MB; incremental ≤ 1 s. Prints a table and a
JSON line; nothing is asserted (benchmarks print numbers, tests pin behaviour).
"""

from __future__ import annotations

import os

# A headless workstation: no OS keyring; the encrypted keystore file under this passphrase.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.setdefault("SUPERVISOR_KEYSTORE_PASSPHRASE", "bench-master-passphrase")

import argparse
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "nezarat-1405"
API = "/api/v1"
TABLES = ("dossiers",)  # documents and inquiries are stored in their dossier's row


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_measured(args: list[str], stdin: str | None = None) -> dict[str, Any]:
    """Run a subprocess (with stdin); wall seconds, exit code and output."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=os.environ.copy())
    out, err = proc.communicate(stdin.encode() if stdin else None)
    wall = time.perf_counter() - started
    return {"wall": wall, "returncode": proc.returncode, "stdout": out.decode(),
            "stderr": err.decode()}


def run_with_rusage(args: list[str]) -> dict[str, Any]:
    """Run a subprocess and collect its own rusage with os.wait4 (peak RSS, CPU)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=os.environ.copy())
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "returncode": proc.returncode, "stdout": out.read().decode(),
                "stderr": err.read().decode(), "cpu": usage.ru_utime + usage.ru_stime,
                "peak_mb": usage.ru_maxrss / 1024}


def cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "supervisor_app", "--data-dir", str(data), *args]


class Server:
    def __init__(self, database: Path, dossiers: int, seed: int) -> None:
        self.database = database
        self.dossiers = dossiers
        self.seed = seed
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ensure_seeded(self) -> float | None:
        if self.database.exists():
            return None
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "registry_server", "--database",
                        f"sqlite:///{self.database}", "--seed-demo", str(self.dossiers),
                        "--seed", str(self.seed), "--seed-only", "--log-level", "warning"],
                       check=True, cwd=self.database.parent, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "registry_server", "--database", f"sqlite:///{self.database}",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.database.parent)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + API + "/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("the registry server did not start")

    def cpu_seconds(self) -> float | None:
        """The server process's CPU time so far (Linux /proc), to show both sides' share."""
        if self.proc is None:
            return None
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(30)


def session(url: str, username: str) -> requests.Session:
    s = requests.Session()
    r = s.post(url + API + "/auth/login", json={"username": username, "password": PASSWORD,
                                                 "device_id": f"bench-{username}",
                                                 "device_name": "bench"}, timeout=60)
    r.raise_for_status()
    s.headers["Authorization"] = f"Bearer {r.json()['token']}"
    return s


def change_dossiers(url: str, count: int, round_: int) -> float:
    """PUT ``count`` changed dossiers through the registry account (not timed as sync)."""
    s = session(url, "demo-registry")
    page = s.get(url + API + "/dossiers", params={"after": 0, "limit": count}, timeout=120)
    page.raise_for_status()
    started = time.perf_counter()
    for item in page.json()["items"]:
        data = dict(item["data"], occupation=f"ویرایش آزمون کارایی {round_}")
        r = s.put(f"{url}{API}/dossiers/{item['id']}", json=data, timeout=60)
        r.raise_for_status()
    return time.perf_counter() - started


def executemany_baseline(client_db: Path, workdir: Path) -> dict[str, Any]:
    """Load the client's dossier rows with plain executemany into the same tables+indexes."""
    source = sqlite3.connect(client_db)
    schema = [sql for (sql,) in source.execute(
        f"SELECT sql FROM sqlite_master WHERE tbl_name IN ({','.join('?' * len(TABLES))}) "
        "AND sql IS NOT NULL AND type IN ('table', 'index') ORDER BY type DESC", TABLES)]
    rows = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    columns = {t: len(rows[t][0]) if rows[t] else 0 for t in TABLES}
    source.close()
    target = workdir / "executemany.sqlite3"
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    for sql in schema:  # the same CREATE TABLE / CREATE INDEX text as the client's store
        db.execute(sql)
    started = time.perf_counter()
    db.execute("BEGIN")
    for t in TABLES:
        marks = ",".join("?" * columns[t])
        db.executemany(f"INSERT INTO {t} VALUES ({marks})", rows[t])
    db.execute("COMMIT")
    seconds = time.perf_counter() - started
    db.close()
    return {"seconds": seconds, "rows": {t: len(rows[t]) for t in TABLES}}


def incremental_in_process(data: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from supervisor_app.app import build_context
    from supervisor_app.paths import DataPaths

    context = build_context(DataPaths(data))
    try:
        _ = context.services.session.keystore  # the window has it open already
        started = time.perf_counter()
        report = context.services.sync.sync()
        seconds = time.perf_counter() - started
    finally:
        context.close()
    return {"seconds": seconds, "report": report.as_dict()}


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1404)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--workdir",
                        default=str(Path(tempfile.gettempdir()) / "nezarat-bench-sync"))
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    server = Server(workdir / f"registry-{args.dossiers}-{args.seed}.sqlite3", args.dossiers,
                    args.seed)
    seeded = server.ensure_seeded()
    server.start()
    results: dict[str, Any] = {"dossiers": args.dossiers, "cpus": os.cpu_count(),
                               "seeding_seconds": seeded}
    try:
        client = workdir / "client"
        shutil.rmtree(client, ignore_errors=True)
        login = run_measured(cli(client, "login", "--server", server.url, "--user",
                                 "demo-central", "--password-stdin"), stdin=PASSWORD + "\n")
        if login["returncode"] != 0:
            raise SystemExit(f"login failed: {login['stderr']}")

        results["load_before_initial"] = load_average()
        server_cpu_before = server.cpu_seconds()
        initial = run_with_rusage(cli(client, "sync", "--json"))
        server_cpu_after = server.cpu_seconds()
        report = json.loads(initial["stdout"])["sync"]
        results["initial"] = {
            "wall_s": round(initial["wall"], 1), "engine_s": report["seconds"],
            "client_cpu_s": round(initial["cpu"], 1), "peak_mb": round(initial["peak_mb"]),
            "converged": report["converged"], "pulled": report["pulled"],
            "server_cpu_s": None if server_cpu_before is None or server_cpu_after is None
            else round(server_cpu_after - server_cpu_before, 1),
        }
        results["load_after_initial"] = load_average()

        baseline = executemany_baseline(client / "store.sqlite3", workdir)
        results["executemany"] = {"seconds": round(baseline["seconds"], 1),
                                  "rows": baseline["rows"]}
        results["ratio_sync_to_executemany"] = round(initial["wall"] / baseline["seconds"], 1)

        put = change_dossiers(server.url, args.changes, 1)
        inc = incremental_in_process(client)
        results["incremental"] = {
            "changes": args.changes, "put_seconds": round(put, 1),
            "in_process_s": round(inc["seconds"], 3),
            "pulled": inc["report"]["pulled"], "converged": inc["report"]["converged"],
        }
        change_dossiers(server.url, args.changes, 2)
        inc_cli = run_with_rusage(cli(client, "sync", "--json"))
        cli_report = json.loads(inc_cli["stdout"])["sync"]
        results["incremental"].update(cli_wall_s=round(inc_cli["wall"], 2),
                                      cli_engine_s=cli_report["seconds"],
                                      cli_pulled=cli_report["pulled"])
    finally:
        server.stop()

    i, inc_r = results["initial"], results["incremental"]
    print(f"load average before/after the initial sync: {results['load_before_initial']} / "
          f"{results['load_after_initial']} ({results['cpus']} CPUs)")
    print(f"initial sync of {args.dossiers:,} dossiers: {i['wall_s']} s wall "
          f"(engine {i['engine_s']} s, client CPU {i['client_cpu_s']} s, server CPU "
          f"{i['server_cpu_s']} s), peak "
          f"{i['peak_mb']} MB, converged {i['converged']}  [target ≤ 30 s, ≤ 500 MB]")
    print(f"plain sqlite3.executemany of the same rows: {results['executemany']['seconds']} s"
          f" → sync/executemany = {results['ratio_sync_to_executemany']}×")
    print(f"incremental sync of {args.changes} changes: {inc_r['in_process_s']} s in process "
          f"(CLI {inc_r['cli_wall_s']} s wall, engine {inc_r['cli_engine_s']} s), "
          f"pulled {inc_r['pulled']}  [target ≤ 1 s]")
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
