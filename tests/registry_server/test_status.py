"""The consistency check: the server's per-kind digests equal those of a complete puller."""

from __future__ import annotations

from collections import defaultdict

from supervisor_app.domain import wire
from supervisor_app.domain.digest import EMPTY_DIGEST, digest_records, kind_digest


def _pulled_digests(live, client):
    pairs = defaultdict(dict)
    cursor = 0
    for feed in ("reference", "dossiers", "records"):
        items, end = live.pull_all(client, feed, limit=2000)
        cursor = max(cursor, end)
        for item in items:
            pairs[item["kind"]][item["id"]] = item["data"]  # upsert: last state wins
    return {kind: digest_records(kind, pairs[kind].items()).as_dict()
            for kind in wire.FEED_KINDS}, cursor


def test_status_digest_equals_the_digest_of_everything_pulled(live):
    """Pull every feed, digest locally with digest.py: it matches GET /status exactly."""
    for username in ("demo-county", "demo-district", "demo-provincial"):
        with live.as_user(username) as c:
            before = c.get("/status").json()
            ours, cursor = _pulled_digests(live, c)
            after = c.get("/status").json()
        assert before["cursor"] == after["cursor"], "tests run one at a time"
        assert ours == after["kinds"], username
        assert cursor >= after["cursor"]


def test_status_changes_when_a_record_arrives(live):
    """A new observer report changes the report count and digest for the county."""
    with live.as_user("demo-county") as c:
        before = c.get("/status").json()["kinds"]["observer_report"]
        branch = next(b.code for b in live.dataset.branches if b.code.startswith("0801-"))
        r = live.push("demo-county", [live.item("observer_report", live.report(branch))])
        assert r.json()["results"][0]["status"] == "created"
        after = c.get("/status").json()["kinds"]["observer_report"]
    assert after["count"] == before["count"] + 1
    assert after["digest"] != before["digest"]


def test_every_feed_kind_is_reported_even_when_empty(live):
    """All kinds are present; an empty one has count 0 and the digest of nothing."""
    with live.as_user("demo-observer") as c:
        kinds = c.get("/status").json()["kinds"]
    assert set(kinds) == set(wire.FEED_KINDS)
    assert kinds["dossier"] == {"count": 0, "digest": EMPTY_DIGEST}
    assert kind_digest([]).digest == EMPTY_DIGEST


def test_counts_equal_the_counts_of_status_in_every_scope(live):
    """GET /counts is /status without digests: the same cursor and count per kind, and an
    observer's scope still holds no dossier."""
    for username in ("demo-county", "demo-district", "demo-central", "demo-observer"):
        with live.as_user(username) as c:
            status = c.get("/status").json()
            counts = c.get("/counts").json()
        assert counts["cursor"] == status["cursor"], username
        assert counts["counts"] == {k: v["count"] for k, v in status["kinds"].items()}, username
    assert counts["counts"]["dossier"] == 0  # the observer reads no dossier
