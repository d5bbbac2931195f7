"""Boards push their own branches and observers; reports wait for them instead of failing.

Runs on its own server per backend (``private_live``): the branches and observers pushed
here join the reference feed, which other modules expect to be exactly the dataset's.
"""

from __future__ import annotations

import uuid

import pytest

from supervisor_app.domain.election_day import Branch, Observer
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.roster_push import change_of, encode_change, roster_hash

COUNTY, COUNTY_2 = "demo-county", "demo-county-2"


@pytest.fixture
def live(private_live):
    return private_live


def _code(prefix: str = "0801-C1-N") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def _nid() -> str:
    return make_national_id(f"{uuid.uuid4().int % 10**9:09d}")


def _item(live, record, previous=None, *, base: str | None = "auto"):
    change = change_of(record, previous)
    payload = encode_change(change)
    if base != "auto":
        payload["base_sha256"] = base
    kind = "branch" if isinstance(record, Branch) else "observer"
    return live.item(kind, payload)


def _push(live, username, *items):
    r = live.push(username, list(items))
    assert r.status_code == 200, r.text
    return r.json()["results"]


def _outcome(result) -> str:
    return (
        result["status"]
        if result["status"] in ("created", "duplicate")
        else (result["error"]["code"])
    )


def _reference(live, username, kind, key):
    with live.as_user(username) as c:
        items, _ = live.pull_all(c, "reference", limit=5000)
    found = [i for i in items if i["kind"] == kind and i["id"] == key]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_county_branch_reaches_its_jurisdiction_and_no_other(live):
    """Created in the reference feed with its feed hash; county and province see it, the
    neighbouring county does not."""
    branch = Branch(_code(), "0801-C1", "تهران، خیابان انقلاب، دبستان فردوسی", ("EVM-N1",))
    (result,) = _push(live, COUNTY, _item(live, branch))
    assert result["status"] == "created" and result["seq"] > 0
    got = _reference(live, COUNTY, "branch", branch.code)
    assert got is not None and got["revision"] == 0 and got["seq"] == result["seq"]
    assert got["content_sha256"] == roster_hash(branch)
    assert _reference(live, "demo-provincial", "branch", branch.code) is not None
    assert _reference(live, COUNTY_2, "branch", branch.code) is None


def test_a_corrected_branch_replaces_the_version_it_was_made_from(live):
    """Base = the server's version → a new revision at a new seq; the same content again
    changes nothing; a change made from an older version is a conflict and stores nothing."""
    first = Branch(_code(), "0801-C1", "نشانی نخست", ())
    (created,) = _push(live, COUNTY, _item(live, first))
    second = Branch(first.code, first.constituency_code, "نشانی اصلاح‌شده", ("EVM-N2",))
    (updated,) = _push(live, COUNTY, _item(live, second, first))
    assert updated["status"] == "created" and updated["seq"] > created["seq"]
    got = _reference(live, COUNTY, "branch", first.code)
    assert got["revision"] == 1 and got["data"]["address"] == "نشانی اصلاح‌شده"

    (same,) = _push(live, COUNTY, _item(live, second, first))  # imported elsewhere too
    assert same["status"] == "created" and same["seq"] == updated["seq"]

    stale = Branch(first.code, first.constituency_code, "نشانی سوم", ())
    (conflict,) = _push(live, COUNTY, _item(live, stale, first))
    assert conflict["status"] == "conflict" and conflict["error"]["code"] == "conflict"
    details = conflict["error"]["details"]
    assert details["server_record_sha256"] == roster_hash(second)
    assert details["base_sha256"] == roster_hash(first) and details["retryable"] is False
    assert _reference(live, COUNTY, "branch", first.code)["data"] == got["data"]

    (new_again,) = _push(live, COUNTY, _item(live, stale))  # "new" where it is not: conflict
    assert new_again["status"] == "conflict"


def test_one_change_id_is_one_content(live):
    """The receipt rule holds for roster changes: resend → duplicate, other content → conflict."""
    branch = Branch(_code(), "0801-C1", "مدرسه", ())
    item = _item(live, branch)
    (first,) = _push(live, COUNTY, item)
    (again,) = _push(live, COUNTY, item)
    assert (first["status"], again["status"]) == ("created", "duplicate")
    assert again["seq"] == first["seq"]
    other = dict(item["payload"], record=dict(item["payload"]["record"], address="دیگر"))
    (clash,) = _push(live, COUNTY, live.item("branch", other))
    assert clash["status"] == "conflict"
    assert clash["error"]["details"]["server_content_hash"] == first["content_hash"]


def test_branches_outside_the_board_jurisdiction_are_refused(live):
    """Another county's constituency, another county's branch code, an unknown place."""
    elsewhere = Branch(_code("0802-C1-N"), "0802-C1", "ری", ())
    theirs = Branch(_code("0802-C1-N"), "0802-C1", "ری، میدان نماز", ())
    (made,) = _push(live, COUNTY_2, _item(live, theirs))
    assert made["status"] == "created"
    hijack = Branch(theirs.code, "0801-C1", "تهران", ())
    nowhere = Branch(_code(), "9999-C9", "ناکجا", ())
    results = _push(
        live, COUNTY, _item(live, elsewhere), _item(live, hijack, theirs), _item(live, nowhere)
    )
    assert [_outcome(r) for r in results] == ["out_of_scope", "out_of_scope", "unknown_reference"]
    assert [r["error"]["details"]["field"] for r in results] == [
        "payload.record.constituency_code",
        "payload.record.code",
        "payload.record.constituency_code",
    ]
    assert _reference(live, COUNTY_2, "branch", theirs.code)["data"]["address"] == "ری، میدان نماز"


def test_a_district_board_pushes_only_its_villages(live):
    """District 08011: its village constituency yes, the county's city no."""
    village = Branch(_code("0801-V03-N"), "0801-V03", "روستای نمونه", ())
    city = Branch(_code(), "0801-C1", "تهران", ())
    results = _push(live, "demo-district", _item(live, village), _item(live, city))
    assert [_outcome(r) for r in results] == ["created", "out_of_scope"]


def test_observers_and_clerks_may_not_push_the_roster(live):
    """An observer's branch or observer push is kind_not_allowed; a clerk cannot push at all."""
    branch = Branch(_code(), "0801-C1", "مدرسه", ())
    observer = Observer(f"OBS-{_nid()}", "ناظر", _nid(), "L-1", "0801-C1-B001", None)
    results = _push(live, "demo-observer", _item(live, branch), _item(live, observer))
    assert [_outcome(r) for r in results] == ["kind_not_allowed", "kind_not_allowed"]
    r = live.push("demo-clerk", [_item(live, branch)])
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert _reference(live, COUNTY, "branch", branch.code) is None


def test_an_observer_waits_for_its_branch_and_head(live):
    """Branch or head not there yet → retryable missing_predecessor; in order → created, with
    the branch's area (the county sees it, the neighbour does not)."""
    branch = Branch(_code(), "0801-C1", "دبیرستان", ())
    head = Observer(f"OBS-{_nid()}", "سرناظر تازه", _nid(), "H-1", None, None)
    member = Observer(f"OBS-{_nid()}", "ناظر تازه", _nid(), "L-2", branch.code, head.id)
    early = _push(live, COUNTY, _item(live, member))[0]
    assert early["error"]["code"] == "missing_predecessor"
    assert early["error"]["details"]["retryable"] is True
    assert early["error"]["details"]["field"] == "payload.record.head_observer_id"
    results = _push(live, COUNTY, _item(live, branch), _item(live, head), _item(live, member))
    assert [r["status"] for r in results] == ["created"] * 3
    assert _reference(live, COUNTY, "observer", member.id)["data"]["branch_code"] == branch.code
    assert _reference(live, COUNTY, "observer", head.id) is not None  # the board's area
    assert _reference(live, COUNTY_2, "observer", member.id) is None
    no_branch = Observer(f"OBS-{_nid()}", "ناظر", _nid(), "L-3", _code(), None)
    late = _push(live, COUNTY, _item(live, no_branch))[0]
    assert (late["error"]["code"], late["error"]["details"]["field"]) == (
        "missing_predecessor",
        "payload.record.branch_code",
    )


def test_a_report_on_a_branch_not_yet_pushed_is_retried_not_refused(live):
    """Unknown branch or observer: missing_predecessor (retryable); once they arrive the
    same item is created."""
    branch = Branch(_code(), "0801-C1", "هنرستان", ())
    observer = Observer(f"OBS-{_nid()}", "ناظر شعبه", _nid(), "L-4", branch.code, None)
    report = live.item("observer_report", live.report(branch.code, observer_id=observer.id))
    (early,) = _push(live, COUNTY, report)
    assert early["status"] == "rejected"
    assert early["error"]["code"] == "missing_predecessor"
    assert early["error"]["details"] == {"retryable": True, "field": "payload.branch_code"}
    _push(live, COUNTY, _item(live, branch))
    (no_observer,) = _push(live, COUNTY, report)
    assert (no_observer["error"]["code"], no_observer["error"]["details"]["field"]) == (
        "missing_predecessor",
        "payload.observer_id",
    )
    results = _push(live, COUNTY, _item(live, observer), report)
    assert [r["status"] for r in results] == ["created", "created"]
    (outside,) = _push(live, COUNTY_2, live.item("observer_report", live.report(branch.code)))
    assert outside["error"]["code"] == "out_of_scope"  # it exists: scope decides, for good
