"""Registry server throughput: many concurrent clients pulling dossier deltas over loopback.

    .venv/bin/python bench/bench_server.py --dossiers 300000 --clients 200 --duration 20
    .venv/bin/python bench/bench_server.py --database postgresql+psycopg://postgres@127.0.0.1:5432/x

Steps (each timed and printed):

1. seed a fresh database with ``registry-server --seed-demo N --seed-only`` (SQLite in a
   temporary directory unless ``--database`` names an empty one);
2. start the real server (``python -m registry_server``, one uvicorn process) on loopback;
3. the registry account changes ``--delta`` dossiers (PUT), so there is a delta to pull;
4. ``--clients`` clients (async, spread over ``--procs`` processes) log in concurrently
   (demo accounts of every level, one device each), then for ``--duration`` seconds each
   repeatedly pulls the delta from the cursor taken before the changes, page by page
   (gzip, ``--page`` items per page); then the same with idle polls from the head;
5. one client times a 1,000-change delta pull, a full dossier pull of the whole database
   (central scope) and ``GET /status``.

Prints requests/s, items/s, latency percentiles (p50/p90/p99/max) and errors. Client and
server share the machine, as on a 2-core CI runner.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "nezarat-1405"
ACCOUNTS = ("demo-central", "demo-provincial", "demo-county", "demo-district", "demo-clerk",
            "demo-county-2")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def seed(database: str, dossiers: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "registry_server", "--database", database,
                    "--seed-demo", str(dossiers), "--seed-only", "--no-demo-pki",
                    "--log-level", "warning"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def start_server(database: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "registry_server", "--database", database,
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT,
                            stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1/health"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def login(base: str, username: str, device: str) -> str:
    r = httpx.post(f"{base}/auth/login", json={"username": username, "password": PASSWORD,
                                                "device_id": device, "device_name": "bench"})
    r.raise_for_status()
    return str(r.json()["token"])


def make_delta(base: str, count: int) -> tuple[int, float]:
    """Change ``count`` dossiers through the registry; returns (cursor before, seconds)."""
    token = login(base, "demo-registry", "bench-registry")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=120) as c:
        before = c.get("/status").json()["cursor"]
        page = c.get("/dossiers", params={"limit": min(count, 2000)}).json()["items"]
        started = time.perf_counter()
        for item in page[:count]:
            data = item["data"]
            data["occupation"] = (data["occupation"] + " (ویرایش)")[:128]
            c.put(f"/dossiers/{item['id']}", json=data).raise_for_status()
        return before, time.perf_counter() - started


async def client_loop(base: str, token: str, cursor: int, page: int, deadline: float,
                      latencies: list[float], counts: dict[str, int]) -> None:
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as c:
        while time.perf_counter() < deadline:
            after = cursor
            while True:
                started = time.perf_counter()
                try:
                    r = await c.get("/dossiers", params={"after": after, "limit": page})
                except httpx.HTTPError as exc:
                    counts["errors"] += 1
                    counts[type(exc).__name__] = counts.get(type(exc).__name__, 0) + 1
                    break
                latencies.append(time.perf_counter() - started)
                counts["requests"] += 1
                counts["bytes"] += len(r.content)
                if r.status_code != 200:
                    counts["errors"] += 1
                    counts[f"http_{r.status_code}"] = counts.get(f"http_{r.status_code}", 0) + 1
                    break
                body = r.json()
                counts["items"] += len(body["items"])
                after = body["next_cursor"]
                if not body["has_more"] or time.perf_counter() >= deadline:
                    break


async def concurrent_logins(base: str, first: int, count: int
                            ) -> tuple[list[str], list[float]]:
    times: list[float] = []

    async def one(i: int) -> str:
        async with httpx.AsyncClient(base_url=base, timeout=300) as c:
            started = time.perf_counter()
            r = await c.post("/auth/login", json={
                "username": ACCOUNTS[i % len(ACCOUNTS)], "password": PASSWORD,
                "device_id": f"bench-{i}", "device_name": "bench"})
            times.append(time.perf_counter() - started)
            r.raise_for_status()
            return str(r.json()["token"])

    tokens = await asyncio.gather(*(one(i) for i in range(first, first + count)))
    return list(tokens), times


async def _worker(base: str, first: int, count: int, cursor: int | None, page: int,
                  duration: float, start_at: float) -> dict[str, object]:
    tokens, login_times = await concurrent_logins(base, first, count)
    await asyncio.sleep(max(0.0, start_at - time.time()))  # all workers start together
    heads: list[int] = []
    if cursor is None:  # idle polling: each client starts at the head
        async with httpx.AsyncClient(base_url=base, timeout=60) as c:
            r = await c.get("/status", headers={"Authorization": f"Bearer {tokens[0]}"})
            heads.append(r.json()["cursor"])
    latencies: list[float] = []
    counts = {"requests": 0, "items": 0, "bytes": 0, "errors": 0}
    deadline = time.perf_counter() + duration
    await asyncio.gather(*(client_loop(base, t, cursor if cursor is not None else heads[0],
                                       page, deadline, latencies, counts) for t in tokens))
    return {"latencies": latencies, "counts": counts, "logins": login_times}


def _run_worker(args: tuple[str, int, int, int | None, int, float, float]) -> dict[str, object]:
    return asyncio.run(_worker(*args))


def load(base: str, clients: int, procs: int, cursor: int | None, page: int, duration: float
         ) -> tuple[list[float], dict[str, int], float, list[float]]:
    """``clients`` async clients spread over ``procs`` processes (one GIL is not enough)."""
    from concurrent.futures import ProcessPoolExecutor

    share = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    firsts = [sum(share[:i]) for i in range(procs)]
    # Logins (scrypt) take a while for 200 clients; the load starts after all of them.
    start_at = time.time() + 5 + clients * 0.08
    jobs = [(base, f, n, cursor, page, duration, start_at) for f, n in zip(firsts, share,
                                                                           strict=True)]
    with ProcessPoolExecutor(procs) as pool:
        results = list(pool.map(_run_worker, jobs))
    latencies = [x for r in results for x in r["latencies"]]  # type: ignore[attr-defined]
    logins = [x for r in results for x in r["logins"]]  # type: ignore[attr-defined]
    keys = {k for r in results for k in r["counts"]}  # type: ignore[attr-defined]
    counts = {k: sum(r["counts"].get(k, 0) for r in results)  # type: ignore[attr-defined]
              for k in sorted(keys)}
    return latencies, counts, duration, logins


def single_client(base: str, cursor: int) -> dict[str, float]:
    token = login(base, "demo-central", "bench-single")
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    out: dict[str, float] = {}
    with httpx.Client(base_url=base, headers=headers, timeout=600) as c:
        for name, after, limit in (("delta_pull_s", cursor, 500), ("full_pull_s", 0, 2000)):
            started = time.perf_counter()
            items = 0
            while True:
                body = c.get("/dossiers", params={"after": after, "limit": limit}).json()
                items += len(body["items"])
                after = body["next_cursor"]
                if not body["has_more"]:
                    break
            out[name] = time.perf_counter() - started
            out[name.replace("_s", "_items")] = items
        started = time.perf_counter()
        c.get("/status").raise_for_status()
        out["status_s"] = time.perf_counter() - started
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=300_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--delta", type=int, default=1000, help="dossiers changed")
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--procs", type=int, default=2, help="client processes")
    parser.add_argument("--database", default=None, help="an EMPTY database URL to use")
    parser.add_argument("--skip-seed", action="store_true",
                        help="use --database as it is (already seeded by an earlier run)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="nezarat-bench-server-")
    database = args.database or f"sqlite:///{Path(tmp.name) / 'registry.sqlite3'}"
    print(f"database: {database.split('@')[-1]}  cpus: {os.cpu_count()}")
    if not args.skip_seed:
        seconds = seed(database, args.dossiers)
        print(f"seed {args.dossiers} dossiers (generate + bulk load): {seconds:.1f} s")
    port = free_port()
    server = start_server(database, port)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        cursor, delta_s = make_delta(base, args.delta)
        print(f"registry PUT of {args.delta} changed dossiers: {delta_s:.1f} s "
              f"({args.delta / delta_s:.0f}/s)")
        for label, start in ((f"a {args.delta}-change delta", cursor), ("idle polls", None)):
            latencies, counts, elapsed, login_times = load(
                base, args.clients, args.procs, start, args.page, args.duration)
            if start is not None:
                print(f"{args.clients} concurrent logins (scrypt): p50 "
                      f"{pct(login_times, 50):.2f} s, max {max(login_times):.2f} s")
            rps = counts["requests"] / elapsed
            print(f"{args.clients} clients ({args.procs} processes) pulling {label} for "
                  f"{elapsed:.0f} s:")
            print(f"  requests/s {rps:.0f}   items/s {counts['items'] / elapsed:.0f}   "
                  f"MB/s (gzip) {counts['bytes'] / elapsed / 1e6:.1f}   "
                  f"errors {counts['errors']}"
                  + "".join(f" {k}={v}" for k, v in counts.items()
                            if k not in ("requests", "items", "bytes", "errors")))
            print(f"  latency ms  p50 {pct(latencies, 50) * 1000:.0f}  p90 "
                  f"{pct(latencies, 90) * 1000:.0f}  p99 {pct(latencies, 99) * 1000:.0f}  "
                  f"max {max(latencies, default=0) * 1000:.0f}  (mean "
                  f"{statistics.fmean(latencies) * 1000 if latencies else 0:.0f})")
        single = single_client(base, cursor)
        print(f"one client: {single['delta_pull_items']:.0f}-item delta pull "
              f"{single['delta_pull_s'] * 1000:.0f} ms; full pull of "
              f"{single['full_pull_items']:.0f} dossiers {single['full_pull_s']:.1f} s; "
              f"GET /status (central) {single['status_s'] * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(20)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
