"""Cursor feeds: no gaps, no duplicates across pages, resumable, updates and withdrawals."""

from __future__ import annotations

import gzip
import random

import httpx

from supervisor_app.domain import wire
from supervisor_app.domain.digest import record_hash


def test_pages_concatenate_to_the_whole_feed_without_gaps_or_duplicates(live):
    """Small pages give the same items, in the same order, as one big page."""
    with live.as_user("demo-central") as c:
        small, cursor_small = live.pull_all(c, "dossiers", limit=37)
        big, cursor_big = live.pull_all(c, "dossiers", limit=2000)
    assert [i["seq"] for i in small] == [i["seq"] for i in big]
    seqs = [i["seq"] for i in small]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    ids = [i["id"] for i in small]
    assert len(set(ids)) == len(ids)
    assert cursor_small == cursor_big


def test_resuming_from_any_cursor_gives_exactly_the_rest(live):
    """From any cursor a page returned, the feed continues with exactly the later items."""
    with live.as_user("demo-provincial") as c:
        full, _ = live.pull_all(c, "dossiers", limit=50)
        cursors = [0] + [page_end for page_end in _page_cursors(c, 50)]
        rng = random.Random(7)
        for cursor in rng.sample(cursors, min(6, len(cursors))):
            rest, _ = live.pull_all(c, "dossiers", after=cursor, limit=23)
            assert [i["seq"] for i in rest] == [i["seq"] for i in full if i["seq"] > cursor]


def _page_cursors(client, limit):
    cursor, out = 0, []
    while True:
        page = client.get("/dossiers", params={"after": cursor, "limit": limit}).json()
        cursor = page["next_cursor"]
        out.append(cursor)
        if not page["has_more"]:
            return out


def test_updates_and_withdrawals_move_a_dossier_to_the_feeds_end(live):
    """A changed or withdrawn dossier reappears once, after the cursor, with a new revision."""
    d = live.take_dossier("0801", status="executive_approved")
    with live.as_user("demo-county") as c:
        _, cursor = live.pull_all(c, "dossiers")
        data = wire.encode_dossier(d)
        data["address"] = "تهران، خیابان آزادی، پلاک ۷"
        with live.as_user("demo-registry") as reg:
            put = reg.put(f"/dossiers/{d.registration_id}", json=data)
            assert put.status_code == 200 and put.json()["status"] == "updated"
            again = reg.put(f"/dossiers/{d.registration_id}", json=data)
            assert again.json()["status"] == "unchanged"
        changed, cursor2 = live.pull_all(c, "dossiers", after=cursor)
        assert [i["id"] for i in changed] == [d.registration_id]
        assert changed[0]["data"]["address"] == data["address"]
        assert changed[0]["revision"] == changed[0]["data"]["revision"] == d.revision + 1
        with live.as_user("demo-registry") as reg:
            withdrawn = reg.post(f"/dossiers/{d.registration_id}/withdraw")
            assert withdrawn.status_code == 200
        later, _ = live.pull_all(c, "dossiers", after=cursor2)
        assert [i["id"] for i in later] == [d.registration_id]
        assert later[0]["data"]["status"] == "withdrawn"
        assert later[0]["revision"] == d.revision + 2
        everything, _ = live.pull_all(c, "dossiers")
        assert [i["id"] for i in everything].count(d.registration_id) == 1


def test_new_dossier_from_the_registry_appears_in_scope(live):
    """A dossier created through PUT shows up in its county's feed with revision 0."""
    template = live.take_dossier("0801")
    data = wire.encode_dossier(template)
    data["registration_id"] = f"R-TEST-{live.backend}-1"
    data["revision"] = 99  # ignored: the server assigns revisions
    with live.as_user("demo-registry") as reg:
        r = reg.put(f"/dossiers/{data['registration_id']}", json=data)
    created = wire.decode_dossier({**data, "revision": 0})
    live.extra_dossiers.append(created)
    live.used.add(created.registration_id)
    assert r.status_code == 200 and r.json() == {
        "id": data["registration_id"], "seq": r.json()["seq"], "revision": 0,
        "status": "created"}
    with live.as_user("demo-county") as c:
        items, _ = live.pull_all(c, "dossiers", after=r.json()["seq"] - 1)
    assert items[0]["id"] == data["registration_id"] and items[0]["revision"] == 0
    with live.as_user("demo-county-2") as c:
        items, _ = live.pull_all(c, "dossiers", after=r.json()["seq"] - 1)
    assert data["registration_id"] not in {i["id"] for i in items}


def test_every_item_carries_a_valid_wire_record_and_its_hash(live):
    """Items decode strictly and content_sha256 equals the digest module's record hash."""
    with live.as_user("demo-county") as c:
        for feed in ("reference", "dossiers", "records"):
            items, _ = live.pull_all(c, feed, limit=2000)
            for item in items:
                wire.decode(item["kind"], item["data"])
                assert item["content_sha256"] == record_hash(item["kind"], item["data"])
                assert wire.record_id(item["kind"], item["data"]) == item["id"]


def test_idle_feed_advances_the_cursor_to_the_head(live):
    """With nothing more to send, next_cursor is the server head and has_more is false."""
    with live.as_user("demo-county-2") as c:
        _, cursor = live.pull_all(c, "dossiers")
        head = c.get("/status").json()["cursor"]
        page = c.get("/dossiers", params={"after": cursor}).json()
    assert page == {"items": [], "next_cursor": page["next_cursor"], "has_more": False}
    assert page["next_cursor"] >= cursor and page["next_cursor"] >= head


def test_cursor_ahead_of_the_server_is_refused(live):
    """A cursor the server never issued (ahead of its head) asks the client to resync."""
    with live.as_user("demo-county") as c:
        r = c.get("/dossiers", params={"after": 2**50})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "cursor_invalid"


def test_feed_limits_are_validated(live):
    """limit outside 1..2000 and negative cursors are 422 with the field named."""
    with live.as_user("demo-county") as c:
        for params in ({"limit": 0}, {"limit": 2001}, {"after": -1}, {"after": "x"}):
            r = c.get("/dossiers", params=params)
            assert r.status_code == 422
            assert r.json()["error"]["details"]["errors"][0]["field"] in ("limit", "after")


def test_feeds_are_gzip_compressed_on_request(live):
    """Accept-Encoding: gzip gives a gzip body that decodes to the same JSON."""
    token = live.token("demo-county")
    url = f"{live.url}/api/v1/dossiers?limit=200"
    with httpx.Client() as raw:
        r = raw.get(url, headers={"Authorization": f"Bearer {token}",
                                  "Accept-Encoding": "gzip"})
        r.read()
    assert r.headers["content-encoding"] == "gzip"
    plain = httpx.get(url, headers={"Authorization": f"Bearer {token}",
                                    "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert r.json() == plain.json()
    assert len(gzip.compress(plain.content)) < len(plain.content) / 3
