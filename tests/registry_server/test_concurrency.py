"""Concurrent writers and readers: no duplicates, and a tailing reader never skips a commit."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor


def test_racing_identical_pushes_store_one_record(live):
    """Eight devices sending the same new item at once: one created, seven duplicates."""
    d = live.take_dossier("0801")
    item = live.item("decision", live.decision(d.registration_id, "B-C0801"))
    body = live.batch("demo-county", [item])
    token = live.token("demo-county")
    barrier = threading.Barrier(8)

    def send(_):
        with live.client(token) as c:
            barrier.wait()
            r = c.post("/push", json=body)
            assert r.status_code == 200, r.text
            return r.json()["results"][0]["status"]

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(send, range(8)))
    assert statuses == ["created"] + ["duplicate"] * 7


def test_tailing_reader_sees_every_concurrent_write_exactly_once(live):
    """While four writers push, a reader following the cursor misses and repeats nothing."""
    branch = next(b.code for b in live.dataset.branches if b.code.startswith("0801-"))
    with live.as_user("demo-county") as c:
        _, start = live.pull_all(c, "records")
    token = live.token("demo-county")
    written: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(_):
        with live.client(token) as c:
            for _ in range(10):
                items = [live.item("observer_report", live.report(branch)) for _ in range(3)]
                r = c.post("/push", json=live.batch("demo-county", items))
                assert r.status_code == 200
                assert {x["status"] for x in r.json()["results"]} == {"created"}
                with lock:
                    written.extend(i["id"] for i in items)

    seen: list[str] = []

    def reader():
        cursor = start
        with live.client(token) as c:
            while True:
                done = stop.is_set()
                page = c.get("/records", params={"after": cursor, "limit": 7}).json()
                seen.extend(i["id"] for i in page["items"])
                cursor = page["next_cursor"]
                if done and not page["has_more"]:
                    return

    tail = threading.Thread(target=reader)
    tail.start()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(4)))
    stop.set()
    tail.join(60)
    assert len(seen) == len(set(seen)), "a record was delivered twice"
    assert set(written) <= set(seen), "the tailing reader skipped a committed record"
