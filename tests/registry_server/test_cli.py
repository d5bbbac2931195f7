"""``registry-server`` as users run it: a subprocess that seeds demo data and serves."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta

import httpx
import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import assemble_bundle, ruling_payload, sign_payload
from supervisor_app.signing.keys import SoftwareSigner, decrypt_private_key
from supervisor_app.signing.pki import load_cert_exact

PASSWORD = "nezarat-1405"


@pytest.fixture(scope="module")
def cli_server(tmp_path_factory):
    """registry-server --seed-demo 200 on SQLite, in a subprocess on a free port."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path_factory.mktemp("cli") / "registry.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry_server", "--database", f"sqlite:///{db}",
         "--host", "127.0.0.1", "--port", str(port), "--seed-demo", "200", "--seed", "1404",
         "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("registry-server did not start:\n" + (proc.stdout.read() or ""))
        time.sleep(0.1)
    try:
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(10)
        output = proc.stdout.read()
        assert "demo-county" in output and PASSWORD in output  # printed at start-up


def _login(url, username):
    r = httpx.post(f"{url}/auth/login", json={"username": username, "password": PASSWORD,
                                               "device_id": "cli-test", "device_name": "cli"})
    assert r.status_code == 200, r.text
    return r.json()


def test_health_and_openapi_are_served(cli_server):
    """The health probe and the OpenAPI document answer without a token."""
    url, _ = cli_server
    assert httpx.get(f"{url}/health").json() == {"status": "ok", "api_version": "v1",
                                                 "schema_version": 1}
    spec = httpx.get(f"{url}/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/push" in spec["paths"]


@pytest.mark.parametrize("username", ["demo-central", "demo-provincial", "demo-county",
                                      "demo-district", "demo-observer", "demo-clerk",
                                      "demo-registry"])
def test_every_documented_demo_account_logs_in(cli_server, username):
    """API.md's demo accounts exist with the documented password and roles."""
    url, _ = cli_server
    account = _login(url, username)["account"]
    assert account["role"] == username.split("-")[1]


def test_demo_member_keys_sign_a_ruling_the_server_accepts(cli_server):
    """End to end: demo keys from the server sign a ruling that the server verifies."""
    url, _ = cli_server
    login = _login(url, "demo-county")
    headers = {"Authorization": f"Bearer {login['token']}"}
    keys = httpx.get(f"{url}/demo/member-keys", headers=headers).json()
    ref = httpx.get(f"{url}/reference", params={"limit": 5000}, headers=headers).json()
    items = ref["items"]
    board_id = login["account"]["board_id"]
    board = next(wire.decode_board(i["data"]) for i in items
                 if i["kind"] == "board" and i["id"] == board_id)
    roster = [wire.decode_member(i["data"]) for i in items
              if i["kind"] == "member" and i["data"]["board_id"] == board_id]
    signers = {k["member_id"]: SoftwareSigner(
        decrypt_private_key(k["private_key_pem"], f"member-{k['member_id']}"),
        load_cert_exact(k["certificate_pem"])) for k in keys["members"]}
    voting = [m.id for m in roster if m.votes]
    assert set(voting) <= set(signers)
    ruling = Ruling(str(uuid.uuid4()), board_id, 1, date.today(), RulingSubject.QUALIFICATION,
                    "R-1404-0000001", (), "دلایل", "تأیید صلاحیت", tuple(voting),
                    votes=tuple(MemberVote(m, Vote.APPROVE) for m in voting))
    from datetime import UTC, datetime

    payload = ruling_payload(ruling, board, roster,
                             session_at=datetime.now(UTC) - timedelta(minutes=5),
                             ledger_seq=1, prev_ledger_hash=GENESIS_HASH)
    sigs = [sign_payload(payload, m, signers[m]) for m in voting]
    bundle = assemble_bundle(payload, sigs, ca_certificate=keys["ca_certificate"],
                             crl=keys["crl"])
    item_payload = {"bundle": bundle.decode()}
    from supervisor_app.domain.canonical import canonical_bytes, sha256_hex

    body = {"app_version": "0.1.0", "schema_version": 1, "cycle_code": login["server"][
        "cycle_code"], "board_id": board_id, "device_id": "cli-test", "items": [{
            "id": ruling.id, "kind": "ruling", "payload": item_payload,
            "content_hash": sha256_hex(canonical_bytes("outbox-ruling", item_payload))}]}
    r = httpx.post(f"{url}/push", json=body, headers=headers)
    assert r.status_code == 200
    assert r.json()["results"][0]["status"] == "created", json.dumps(r.json())[:2000]


def test_seeding_a_non_empty_database_is_refused(cli_server, tmp_path):
    """--seed-demo on a database that already holds data exits with an error."""
    db = tmp_path / "twice.sqlite3"
    args = [sys.executable, "-m", "registry_server", "--database", f"sqlite:///{db}",
            "--seed-demo", "10", "--seed-only", "--no-demo-pki"]
    assert subprocess.run(args, capture_output=True).returncode == 0
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode == 2 and "already holds" in again.stderr
