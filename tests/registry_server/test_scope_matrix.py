"""Role × endpoint matrix: no account reads or writes outside its jurisdiction.

Expectations are computed here from the demo dataset (geography → who may see what),
independently of the server's scope code, and compared with what the server answers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

ROLES = ("demo-central", "demo-provincial", "demo-county", "demo-district", "demo-observer",
         "demo-clerk", "demo-registry", "demo-county-2")
BOARD_PUSHERS = ("demo-central", "demo-provincial", "demo-county", "demo-district",
                 "demo-county-2")
PUBLIC = {"cycle", "province", "county", "district", "board", "pki"}


@dataclass(frozen=True)
class Place:
    province: str
    county: str
    district: str | None
    village: bool


class World:
    """Who may see what, derived from the dataset alone."""

    def __init__(self, live):
        ds = live.dataset
        self.live = live
        county_province = {c.code: c.province_code for c in ds.counties}
        self.place = {k.code: Place(county_province[k.county_code], k.county_code,
                                    k.district_code, k.kind.value == "village")
                      for k in ds.constituencies}
        self.branch_place = {b.code: self.place[b.constituency_code] for b in ds.branches}
        self.observer = {o.id: o for o in ds.observers}
        district_county = {d.code: d.county_code for d in ds.districts}
        self.board_place = {}
        for b in ds.boards:
            j = b.jurisdiction
            if b.level.value == "provincial":
                self.board_place[b.id] = Place(j, None, None, False)
            elif b.level.value == "county":
                self.board_place[b.id] = Place(county_province[j], j, None, False)
            elif b.level.value == "district":
                c = district_county[j]
                self.board_place[b.id] = Place(county_province[c], c, j, True)
            else:
                self.board_place[b.id] = Place(None, None, None, False)
        self.accounts = live.accounts
        obs_id = self.accounts["demo-observer"].observer_id
        own = self.observer[obs_id].branch_code
        self.observer_branches = {own} | {o.branch_code for o in ds.observers
                                          if o.head_observer_id == obs_id and o.branch_code}

    def area(self, username):
        a = self.accounts[username]
        if a.role in ("central", "registry"):
            return ("all", None)
        if a.role == "observer":
            return ("branches", self.observer_branches)
        place = self.board_place[a.board_id]
        if place.district:
            return ("district", place.district)
        if place.county:
            return ("county", place.county)
        return ("province", place.province)

    def sees_place(self, username, place: Place | None, branch: str | None = None):
        level, value = self.area(username)
        if level == "all":
            return True
        if level == "branches":
            return branch in value
        if place is None:
            return False
        if level == "province":
            return place.province == value
        if level == "county":
            return place.county == value
        return place.district == value and place.village

    def expected_reference(self, username):
        ds = self.live.dataset
        out = {("cycle", c.code) for c in ds.cycles} | {("pki", "central-ca")}
        out |= {("province", p.code) for p in ds.provinces}
        out |= {("county", c.code) for c in ds.counties}
        out |= {("district", d.code) for d in ds.districts}
        out |= {("board", b.id) for b in ds.boards}
        out |= {("constituency", k.code) for k in ds.constituencies
                if self.sees_place(username, self.place[k.code])}
        out |= {("member", m.id) for m in ds.members
                if self.area(username)[0] != "branches"
                and self.sees_place(username, self.board_place[m.board_id])}
        out |= {("branch", b.code) for b in ds.branches
                if self.sees_place(username, self.branch_place[b.code], b.code)}
        for o in ds.observers:
            if o.branch_code:
                place, branch = self.branch_place[o.branch_code], o.branch_code
            else:  # a head observer: the area of whom it heads, no branch
                below = next((x for x in ds.observers if x.head_observer_id == o.id), None)
                place = self.branch_place[below.branch_code] if below else None
                branch = None
            if self.sees_place(username, place, branch):
                out.add(("observer", o.id))
        return out

    def expected_dossiers(self, username):
        if self.accounts[username].role == "observer":
            return None
        everything = [*self.live.dataset.dossiers, *self.live.extra_dossiers]
        return {d.registration_id for d in everything
                if self.sees_place(username, self.place[d.constituency_code])}


@pytest.fixture(scope="module")
def world(live):
    return World(live)


@pytest.fixture(scope="module")
def seeded_records(live, world):
    """One decision, report and complaint inside county 0801 and inside county 0802."""
    made = {}
    for username, county in (("demo-county", "0801"), ("demo-county-2", "0802")):
        d = live.take_dossier(county)
        branch = next(b for b in live.dataset.branches
                      if live.county_of(b.constituency_code) == county)
        board = live.board_of(username)
        decision = live.decision(d.registration_id, board)
        report = live.report(branch.code)
        complaint = live.complaint(branch.constituency_code, [branch.code], board)
        r = live.push(username, [live.item("decision", decision),
                                 live.item("observer_report", report),
                                 live.item("complaint", complaint)])
        assert [x["status"] for x in r.json()["results"]] == ["created"] * 3, r.text
        made[county] = {"decision": (decision["id"], world.place[d.constituency_code], None),
                        "observer_report": (report["id"], world.branch_place[branch.code],
                                            branch.code),
                        "complaint": (complaint["id"], world.place[branch.constituency_code],
                                      None)}
    return made


@pytest.mark.parametrize("username", ROLES)
def test_reference_feed_is_exactly_the_callers_jurisdiction(live, world, username):
    """Reference data: public kinds for all, the rest exactly within the caller's scope."""
    with live.as_user(username) as c:
        items, _ = live.pull_all(c, "reference", limit=5000)
    got = {(i["kind"], i["id"]) for i in items}
    assert len(got) == len(items)
    assert got == world.expected_reference(username)


@pytest.mark.parametrize("username", ROLES)
def test_dossier_feed_is_exactly_the_callers_jurisdiction(live, world, username):
    """Dossiers: exactly those of the caller's area; observers may not read dossiers."""
    expected = world.expected_dossiers(username)
    with live.as_user(username) as c:
        if expected is None:
            r = c.get("/dossiers")
            assert r.status_code == 403
            assert r.json()["error"]["code"] == "forbidden"
            return
        items, _ = live.pull_all(c, "dossiers", limit=2000)
    got = {i["id"] for i in items}
    assert got == expected
    assert expected, "the matrix needs in-scope data for every role"
    assert len(expected) < len(live.dataset.dossiers) + len(live.extra_dossiers) or username in (
        "demo-central", "demo-registry")


@pytest.mark.parametrize("username", ROLES)
def test_records_feed_shows_only_records_in_scope(live, world, seeded_records, username):
    """Pushed records reach exactly the accounts whose area holds them."""
    with live.as_user(username) as c:
        items, _ = live.pull_all(c, "records")
    got = {(i["kind"], i["id"]) for i in items}
    for made in seeded_records.values():
        for kind, (record_id, place, branch) in made.items():
            visible = world.sees_place(username, place, branch)
            assert ((kind, record_id) in got) == visible, (kind, username)


@pytest.mark.parametrize("username", ROLES)
def test_attachments_are_served_only_within_scope(live, world, username):
    """A document of an in-scope dossier downloads; one outside is a 404 like a missing file."""
    places = world.place
    with live.as_user(username) as c:
        for d in live.dataset.dossiers[:120]:
            sha = d.documents[0].sha256
            r = c.get(f"/attachments/{sha}")
            expected = (world.accounts[username].role != "observer"
                        and world.sees_place(username, places[d.constituency_code]))
            assert r.status_code == (200 if expected else 404), (d.registration_id, username)


@pytest.mark.parametrize("username", ROLES)
def test_status_digests_cover_only_the_callers_scope(live, world, username):
    """The status and counts endpoints count exactly the dossiers the caller may read."""
    with live.as_user(username) as c:
        r = c.get("/status")
    assert r.status_code == 200
    expected = world.expected_dossiers(username)
    assert r.json()["kinds"]["dossier"]["count"] == len(expected or ())
    with live.as_user(username) as c:
        counts = c.get("/counts")
    assert counts.status_code == 200
    assert counts.json()["counts"]["dossier"] == len(expected or ())


def _targets(live, world, username):
    """(in-scope dossier, out-of-scope dossier, in-scope branch, out-of-scope branch)."""
    ds = live.dataset
    level, _value = world.area(username)

    def dossier(pred):
        for d in ds.dossiers:
            if d.registration_id not in live.used and pred(world.place[d.constituency_code]):
                live.used.add(d.registration_id)
                return d.registration_id
        return None

    def branch(pred):
        return next((b.code for b in ds.branches if pred(world.branch_place[b.code], b.code)),
                    None)

    def inside(place, code=None):
        return world.sees_place(username, place, code)

    if level == "district":
        # The same county's city is outside a district board's villages-only scope.
        outside_place = lambda p, code=None: p.county == "0801" and not p.village  # noqa: E731
    elif level == "all":
        outside_place = lambda p, code=None: False  # noqa: E731
    else:
        outside_place = lambda p, code=None: not inside(p, code)  # noqa: E731
    return (dossier(inside), dossier(outside_place), branch(inside), branch(outside_place))


def _roster(kind, branch_code, constituency_code=None):
    """A roster change payload: a new branch, or a new observer of ``branch_code``."""
    from supervisor_app.domain.election_day import Branch, Observer
    from supervisor_app.domain.roster_push import change_of, encode_change

    if kind == "branch":
        record = Branch(branch_code, constituency_code, "نشانی آزمون", ())
    else:
        record = Observer(f"OBS-T{uuid.uuid4().hex[:8]}", "ناظر آزمون", "0012345679", "L-T",
                          branch_code, None)
    return encode_change(change_of(record, None))


@pytest.mark.parametrize("username", ROLES)
def test_pushes_inside_scope_succeed_and_outside_are_refused(live, world, username):
    """Every role × kind × (in scope, out of scope) gets exactly the allowed outcome."""
    account = world.accounts[username]
    in_d, out_d, in_b, out_b = _targets(live, world, username)
    board = account.board_id
    if account.role in ("clerk", "registry"):
        r = live.push(username, [live.item("decision", live.decision(in_d, board))],
                      board_id=board or "B-central")
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "forbidden"
        return
    cases = []
    if account.role == "observer":
        cases.append(("decision", live.decision(in_d, board), "kind_not_allowed"))
        report = live.report(in_b, observer_id=account.observer_id)
        cases.append(("observer_report", report, "created"))
        cases.append(("observer_report", live.report(out_b), "out_of_scope"))
        foreign = live.report(in_b, observer_id=next(
            o.id for o in live.dataset.observers if o.id != account.observer_id))
        cases.append(("observer_report", foreign, "out_of_scope"))
        cases.append(("complaint", live.complaint("0801-C1", [], board), "kind_not_allowed"))
        audit = {"id": str(uuid.uuid4()), "board_id": board, "device_id": "x", "seq": 1,
                 "hash": "c" * 64, "at": "2026-05-01T10:00:00"}
        cases.append(("audit_head", audit, "kind_not_allowed"))
        # The roster is the boards' work: an observer pushes neither branches nor observers.
        cases.append(("branch", _roster("branch", in_b, "0801-C1"), "kind_not_allowed"))
        cases.append(("observer", _roster("observer", in_b), "kind_not_allowed"))
    else:
        cases.append(("decision", live.decision(in_d, board), "created"))
        cases.append(("observer_report", live.report(in_b), "created"))
        in_place = next(b.constituency_code for b in live.dataset.branches if b.code == in_b)
        cases.append(("complaint", live.complaint(in_place, [in_b], board), "created"))
        if out_d is not None:
            cases.append(("decision", live.decision(out_d, board), "out_of_scope"))
            cases.append(("observer_report", live.report(out_b), "out_of_scope"))
            out_place = next(b.constituency_code for b in live.dataset.branches
                             if b.code == out_b)
            cases.append(("complaint", live.complaint(out_place, [], board), "out_of_scope"))
            cases.append(("complaint", live.complaint(in_place, [out_b], board),
                          "out_of_scope"))
            # Refusals only: a created branch would change the reference feed checked above.
            cases.append(("branch", _roster("branch", f"N-{uuid.uuid4().hex[:8]}", out_place),
                          "out_of_scope"))
            cases.append(("observer", _roster("observer", out_b), "out_of_scope"))
    r = live.push(username, [live.item(kind, payload) for kind, payload, _ in cases])
    assert r.status_code == 200, r.text
    got = [x["status"] if x["status"] == "created" else x["error"]["code"]
           for x in r.json()["results"]]
    assert got == [expected for _, _, expected in cases]


@pytest.mark.parametrize("username", ROLES)
def test_only_the_registry_maintains_dossiers(live, username):
    """PUT /dossiers and withdraw are the registry's alone."""
    from supervisor_app.domain import wire

    d = live.take_dossier("0801", status="executive_approved")

    data = wire.encode_dossier(d)
    data["occupation"] = "کارمند"
    with live.as_user(username) as c:
        put = c.put(f"/dossiers/{d.registration_id}", json=data)
        withdraw = c.post(f"/dossiers/{d.registration_id}/withdraw")
    if username == "demo-registry":
        assert put.status_code == 200 and withdraw.status_code == 200
    else:
        assert put.status_code == 403 and withdraw.status_code == 403


@pytest.mark.parametrize("username", ROLES)
def test_uploads_are_for_pushing_roles_only(live, username):
    """Clerks and the registry cannot upload attachments."""
    import hashlib

    content = f"upload by {username} {uuid.uuid4()}".encode()
    sha = hashlib.sha256(content).hexdigest()
    with live.as_user(username) as c:
        r = c.put(f"/attachments/{sha}", content=content,
                  headers={"Content-Type": "application/octet-stream"})
        expected = 403 if username in ("demo-clerk", "demo-registry") else 201
        assert r.status_code == expected
        if expected == 201:
            assert c.get(f"/attachments/{sha}").content == content
    if expected == 201:
        with live.as_user("demo-clerk" if username != "demo-clerk" else "demo-county") as c:
            assert c.get(f"/attachments/{sha}").status_code == 404


def test_ruling_bundles_follow_the_boards_area(live, world):
    """A district board's ruling is visible up its chain and to nobody else."""
    from supervisor_app.domain.audit import GENESIS_HASH

    district = live.accounts["demo-district"].board_id
    board = next(b for b in live.dataset.boards if b.id == district)
    roster = [m for m in live.dataset.members if m.board_id == district]
    import datetime as dt

    from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
    from supervisor_app.signing.bundle import assemble_bundle, ruling_payload, sign_payload

    voting = [m.id for m in roster if m.votes]
    ruling = Ruling(str(uuid.uuid4()), district, 1, dt.date.today(), RulingSubject.COMPLAINT,
                    "C-1", (), "شکایت وارد نیست.", "رد شکایت", tuple(voting),
                    votes=tuple(MemberVote(m, Vote.APPROVE) for m in voting))
    payload = ruling_payload(ruling, board, roster,
                             session_at=live.registry.now() - dt.timedelta(hours=1),
                             ledger_seq=1, prev_ledger_hash=GENESIS_HASH)
    sigs = [sign_payload(payload, m, live.pki.signers[m]) for m in voting]
    data = assemble_bundle(payload, sigs, ca_certificate=live.pki.ca.certificate_pem,
                           crl=live.pki.crl_pem())
    r = live.push("demo-district", [live.item("ruling", {"bundle": data.decode()},
                                              item_id=ruling.id)])
    assert r.json()["results"][0]["status"] == "created", r.text
    for username in ROLES:
        with live.as_user(username) as c:
            got = c.get(f"/rulings/{ruling.id}/bundle")
        visible = world.sees_place(username, world.board_place[district]) and (
            world.area(username)[0] != "branches")
        assert got.status_code == (200 if visible else 404), username
