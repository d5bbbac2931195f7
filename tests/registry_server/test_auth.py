"""Accounts, enrolled devices and bearer tokens."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select, update

from registry_server.db import accounts, devices, read_tx, tokens, write_tx
from registry_server.seed import DEMO_PASSWORD


def _login(live, username, password=DEMO_PASSWORD, device="dev-auth"):
    with live.client() as c:
        return c.post("/auth/login", json={"username": username, "password": password,
                                            "device_id": device, "device_name": "آزمون"})


def test_login_returns_token_account_scope_and_server_stamp(live):
    """A demo account logs in and learns its role, board, scope and the server's cycle."""
    r = _login(live, "demo-district")
    assert r.status_code == 200
    body = r.json()
    assert len(body["token"]) >= 43 and body["token_type"] == "bearer"
    assert body["account"]["role"] == "district"
    assert body["account"]["scope"]["level"] == "district"
    assert body["server"] == {"api_version": "v1", "schema_version": 1,
                              "cycle_code": live.cycle_code, "min_app_version": "0.1.0"}
    with live.client(body["token"]) as c:
        me = c.get("/auth/me").json()
    assert me["username"] == "demo-district" and me["device_id"] == "dev-auth"


def test_wrong_password_and_unknown_user_look_the_same(live):
    """Both failures are 401 invalid_credentials with the same message."""
    wrong = _login(live, "demo-county", "not-the-password")
    unknown = _login(live, f"nobody-{uuid.uuid4().hex[:8]}")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"]["code"] == unknown.json()["error"]["code"] == (
        "invalid_credentials")
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]


def test_passwords_are_stored_with_scrypt_and_tokens_as_hashes(live):
    """Neither the password nor the token is stored in the clear."""
    token = _login(live, "demo-clerk").json()["token"]
    with read_tx(live.registry.engine) as conn:
        stored = conn.execute(select(accounts.c.password_hash).where(
            accounts.c.username == "demo-clerk")).scalar_one()
        token_rows = conn.execute(select(tokens.c.token_hash)).scalars().all()
    assert stored.startswith("scrypt$") and DEMO_PASSWORD not in stored
    assert token not in token_rows and len(token_rows[0]) == 64


def test_logout_revokes_the_token(live):
    """After logout the same token gets 401."""
    token = _login(live, "demo-clerk", device="dev-logout").json()["token"]
    with live.client(token) as c:
        assert c.post("/auth/logout").status_code == 204
        r = c.get("/status")
    assert r.status_code == 401


def test_expired_token_is_refused_with_the_reason(live):
    """A token past its expiry time is 401 with reason expired."""
    token = _login(live, "demo-clerk", device="dev-expiry").json()["token"]
    from registry_server.security import token_hash

    past = (live.registry.now() - timedelta(minutes=1)).isoformat()
    with write_tx(live.registry.engine) as conn:
        conn.execute(update(tokens).where(tokens.c.token_hash == token_hash(token))
                     .values(expires_at=past))
    live.registry._principals.clear()  # the per-process cache holds principals for 10 s
    with live.client(token) as c:
        r = c.get("/status")
    assert r.status_code == 401
    assert r.json()["error"]["details"]["reason"] == "expired"


def test_revoked_device_cannot_log_in_or_use_its_tokens(live):
    """An administrator's device revocation stops both new logins and existing tokens."""
    device = f"dev-{uuid.uuid4().hex[:8]}"
    token = _login(live, "demo-clerk", device=device).json()["token"]
    with write_tx(live.registry.engine) as conn:
        conn.execute(update(devices).where(devices.c.device_id == device).values(revoked=True))
    live.registry._principals.clear()  # the cache would hide it for up to 10 s
    relogin = _login(live, "demo-clerk", device=device)
    assert relogin.status_code == 403
    assert relogin.json()["error"]["code"] == "device_revoked"
    with live.client(token) as c:
        assert c.get("/status").json()["error"]["code"] == "device_revoked"


def test_repeated_failures_are_rate_limited(live):
    """Ten failed logins for a username lock it out with 429 and Retry-After."""
    username = f"victim-{uuid.uuid4().hex[:8]}"
    for _ in range(10):
        assert _login(live, username, "guess").status_code == 401
    r = _login(live, username, "guess")
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) > 0
    assert r.json()["error"]["code"] == "rate_limited"


def test_login_validation_limits(live):
    """Usernames and device ids have patterns and lengths; violations are 422."""
    with live.client() as c:
        for body in (
            {"username": "a b", "password": "x", "device_id": "d"},
            {"username": "a" * 65, "password": "x", "device_id": "d"},
            {"username": "a", "password": "", "device_id": "d"},
            {"username": "a", "password": "x", "device_id": "d/../x"},
            {"username": "a", "password": "x", "device_id": "d", "role": "central"},
        ):
            r = c.post("/auth/login", json=body)
            assert r.status_code == 422, body
