"""The central board publishes its CA's revocation lists and member certificates through
the server (``PUT /pki/crl``, ``POST``/``GET /pki/certificates``); every board pulls them."""

from __future__ import annotations

from datetime import timedelta

from supervisor_app.domain import wire
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.pki import cert_pem, crl_pem
from supervisor_app.signing.trust import crl_number, fingerprint


def _fresh_crl(live, **kwargs):
    now = live.registry.now().replace(microsecond=0)
    return live.pki.ca.crl(
        now=kwargs.pop("now", now - timedelta(minutes=1)), valid_days=kwargs.pop("valid_days", 7)
    )


def _put_crl(live, username, pem):
    with live.as_user(username) as c:
        return c.put("/pki/crl", json={"crl": pem})


def _served_pki(live, username="demo-county"):
    with live.as_user(username) as c:
        items, _ = live.pull_all(c, "reference", limit=5000)
    found = [i for i in items if i["kind"] == "pki"]
    assert len(found) == 1
    return found[0]


def test_central_publishes_a_crl_every_board_pulls_it_and_a_retry_is_harmless(live):
    """A newer CRL by the central board is stored, served in the pki record at a new seq
    (so every workstation pulls it), and the same upload again changes nothing."""
    before = _served_pki(live)
    crl = _fresh_crl(live)
    r = _put_crl(live, "demo-central", crl_pem(crl))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] is True and body["crl_number"] == crl_number(crl)
    assert body["ca_fingerprint"] == fingerprint(live.pki.ca.certificate)
    after = _served_pki(live)
    assert after["seq"] > before["seq"] and after["revision"] == before["revision"] + 1
    record = wire.decode_pki(after["data"])
    assert record.crl == crl_pem(crl) and record.ca_certificate == live.pki.ca.certificate_pem
    again = _put_crl(live, "demo-central", crl_pem(crl))
    assert again.status_code == 200 and again.json()["stored"] is False
    assert _served_pki(live)["seq"] == after["seq"]


def test_boards_below_the_central_board_and_the_registry_may_not_publish(live):
    """County, provincial and registry accounts get 403; the served CRL is unchanged."""
    before = _served_pki(live)
    pem = crl_pem(_fresh_crl(live))
    for username in ("demo-county", "demo-provincial", "demo-registry"):
        r = _put_crl(live, username, pem)
        assert r.status_code == 403, (username, r.text)
        assert r.json()["error"]["code"] == "forbidden"
    assert _served_pki(live)["data"] == before["data"]


def test_a_crl_signed_by_another_ca_is_refused(live, tmp_path):
    """A look-alike CA (same name) signs a CRL: 422 crl_invalid, nothing changes."""
    before = _served_pki(live)
    forger = init_ca(
        tmp_path / "forged",
        "مرجع گواهی آزمون",
        "forger-passphrase",
        now=live.registry.now() - timedelta(days=1),
    )
    r = _put_crl(live, "demo-central", crl_pem(forger.crl(now=live.registry.now())))
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "crl_invalid" and error["message_fa"]
    assert _served_pki(live)["data"] == before["data"]


def test_an_older_crl_never_replaces_a_newer_one(live):
    """CRL n+1 published first, then CRL n: 409 crl_not_newer; n+1 stays served."""
    older = _fresh_crl(live)
    newer = _fresh_crl(live)
    assert crl_number(newer) == crl_number(older) + 1
    assert _put_crl(live, "demo-central", crl_pem(newer)).status_code == 200
    r = _put_crl(live, "demo-central", crl_pem(older))
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "crl_not_newer"
    assert r.json()["error"]["details"] == {
        "current_number": crl_number(newer),
        "offered_number": crl_number(older),
    }
    assert wire.decode_pki(_served_pki(live)["data"]).crl == crl_pem(newer)


def test_an_expired_crl_or_garbage_is_refused(live):
    """A CRL whose nextUpdate passed is crl_expired; text that is no CRL is crl_invalid."""
    stale = _fresh_crl(live, now=live.registry.now() - timedelta(days=10), valid_days=7)
    r = _put_crl(live, "demo-central", crl_pem(stale))
    assert r.status_code == 422 and r.json()["error"]["code"] == "crl_expired", r.text
    r = _put_crl(live, "demo-central", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n")
    assert r.status_code == 422 and r.json()["error"]["code"] == "crl_invalid", r.text


def test_member_certificates_published_by_central_reach_only_their_area(live, tmp_path):
    """Central publishes the issued member certificates (idempotently); a county board reads
    those of the members it sees and no others; a forged one and a county upload are
    refused; observers read none."""
    pems = [cert_pem(s.certificate) for s in live.pki.signers.values()]
    with live.as_user("demo-central") as c:
        r = c.post("/pki/certificates", json={"certificates": pems})
        assert r.status_code == 200, r.text
        assert r.json()["received"] == len(pems)
        again = c.post("/pki/certificates", json={"certificates": pems})
        assert again.status_code == 200 and again.json()["stored"] == 0
        forged = [cert_pem(next(iter(live.pki.forged_signers.values())).certificate)]
        bad = c.post("/pki/certificates", json={"certificates": forged})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "certificate_invalid"
        everything, _ = _pull_certificates(c)
    assert {i["certificate"] for i in everything} >= set(pems)
    with live.as_user("demo-county") as c:
        r = c.post("/pki/certificates", json={"certificates": pems[:1]})
        assert r.status_code == 403
        seen, cursor = _pull_certificates(c, limit=3)
        members, _ = live.pull_all(c, "reference", limit=5000)
        assert c.get("/pki/certificates", params={"after": cursor}).json()["items"] == []
    visible = {i["id"] for i in members if i["kind"] == "member"}
    county_board = live.board_of("demo-county")
    assert {i["member_id"] for i in seen} <= visible
    assert any(i["board_id"] == county_board for i in seen)
    assert len(seen) < len(everything)  # other counties' and provinces' members stay there
    with live.as_user("demo-observer") as c:
        assert c.get("/pki/certificates").status_code == 403


def _pull_certificates(client, limit=500):
    out, cursor = [], 0
    while True:
        page = client.get("/pki/certificates", params={"after": cursor, "limit": limit})
        assert page.status_code == 200, page.text
        data = page.json()
        out += data["items"]
        assert data["next_cursor"] >= cursor
        cursor = data["next_cursor"]
        if not data["has_more"]:
            return out, cursor
