"""Malformed and oversized requests get structured 4xx answers, never a 5xx."""

from __future__ import annotations

import json

import httpx
import pytest


def _is_error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "message_fa", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message_fa"]


def test_malformed_json_is_400(live):
    """A body that is not JSON is malformed_json."""
    with live.as_user("demo-county") as c:
        for body in (b"{", b"\xff\xfe", b"[1,2", b'{"a": tru}', b""):
            r = c.post("/push", content=body, headers={"Content-Type": "application/json"})
            assert r.status_code in (400, 422), body
            assert r.json()["error"]["code"] in ("malformed_json", "validation_error")


def test_non_json_content_type_is_415(live):
    """JSON endpoints refuse other media types."""
    with live.client() as c:
        r = c.post("/auth/login", content=b"username=x", headers={
            "Content-Type": "application/x-www-form-urlencoded"})
    _is_error(r, 415, "unsupported_media_type")


def test_oversized_bodies_are_413_before_parsing(live):
    """Bodies over the endpoint limit are refused with 413 (declared or streamed)."""
    with live.client() as c:
        r = c.post("/auth/login", content=b"{" + b" " * 5000 + b"}",
                   headers={"Content-Type": "application/json"})
        _is_error(r, 413, "payload_too_large")

        def chunks():
            for _ in range(20):
                yield b" " * 1024

        streamed = c.post("/auth/login", content=chunks(),
                          headers={"Content-Type": "application/json"})
        _is_error(streamed, 413, "payload_too_large")
    with live.as_user("demo-county") as c:
        big = c.post("/push", content=b"[" + b"0," * (4 * 1024 * 1024 + 10) + b"0]",
                     headers={"Content-Type": "application/json"})
        _is_error(big, 413, "payload_too_large")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b: b.update(items="not a list"),
        lambda b: b.update(extra_field=1),
        lambda b: b.update(schema_version=True),
        lambda b: b.update(schema_version=1.0),
        lambda b: b.update(app_version="x" * 100),
        lambda b: b["items"].append({"id": "not-a-uuid", "kind": "decision",
                                     "content_hash": "0" * 64, "payload": {}}),
        lambda b: b["items"].append({"id": "00000000-0000-0000-0000-000000000000",
                                     "kind": "nonsense", "content_hash": "0" * 64,
                                     "payload": {}}),
        lambda b: b.update(device_id="bad\u0000id"),
    ],
)
def test_invalid_batches_are_422_with_fields(live, mutate):
    """Type, length, enum and unknown-field errors in a batch name the field."""
    body = live.batch("demo-county", [])
    mutate(body)
    with live.as_user("demo-county") as c:
        r = c.post("/push", json=body)
    _is_error(r, 422, "validation_error")
    assert r.json()["error"]["details"]["errors"][0]["field"]


@pytest.mark.parametrize(
    "payload",
    [
        {"description": "x\u0000y"},  # NUL: PostgreSQL cannot store it
        {"description": "a" * 8001},
        {"observed_at": "2026-05-01 09:30:00"},  # not isoformat's spelling
        {"witnesses": [1]},
        {"attachments": [{"filename": "a", "sha256": "A" * 64, "size": 1, "media_type": "x"}]},
        {"severity": None},
        {"branch_code": "x" * 40},
    ],
)
def test_hostile_payload_values_are_rejected_not_crashing(live, payload):
    """Payload values that break limits or storage rules are rejected per item."""
    report = live.report(next(b.code for b in live.dataset.branches
                              if b.code.startswith("0801-")))
    report.update(payload)
    r = live.push("demo-county", [live.item("observer_report", report)])
    assert r.status_code == 200
    assert r.json()["results"][0]["error"]["code"] == "invalid_payload"


def test_lone_surrogates_and_deep_nesting_are_4xx(live):
    """JSON that decodes to unstorable strings or pathological depth is refused cleanly."""
    token = live.token("demo-county")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = json.dumps(live.batch("demo-county", [])).replace(
        '"items": []', '"items": [], "x": "\\ud800"')
    deep = '{"a":' * 5000 + "1" + "}" * 5000
    with httpx.Client(base_url=live.url + "/api/v1") as c:
        for content in (body, deep):
            r = c.post("/push", content=content.encode(), headers=headers)
            assert 400 <= r.status_code < 500, r.text
        login = c.post("/auth/login", content=b'{"username":"demo-county","password":'
                       b'"\\ud800","device_id":"d","device_name":"\\udfff"}',
                       headers={"Content-Type": "application/json"})
        assert 400 <= login.status_code < 500


def test_huge_integer_in_a_payload_is_rejected(live):
    """Integers beyond 2^53 cannot be canonicalised and are rejected per item."""
    body = live.batch("demo-county", [{"id": "00000000-0000-4000-8000-000000000001",
                                       "kind": "audit_head", "content_hash": "0" * 64,
                                       "payload": {"seq": 10**30}}])
    with live.as_user("demo-county") as c:
        r = c.post("/push", json=body)
    assert r.status_code == 200
    assert r.json()["results"][0]["error"]["code"] == "invalid_payload"


def test_unknown_paths_and_methods_are_structured(live):
    """404 and 405 come in the same error envelope."""
    with live.as_user("demo-county") as c:
        _is_error(c.get("/nope"), 404, "not_found")
        _is_error(c.delete("/push"), 405, "method_not_allowed")


def test_missing_or_bad_token_is_401(live):
    """No token, a malformed header or an unknown token: 401 with the reason."""
    with live.client() as c:
        r = c.get("/status")
        _is_error(r, 401, "unauthenticated")
        assert r.json()["error"]["details"]["reason"] == "missing"
        r = c.get("/status", headers={"Authorization": "Bearer nope"})
        _is_error(r, 401, "unauthenticated")
        assert r.json()["error"]["details"]["reason"] == "invalid"
        _is_error(c.get("/status", headers={"Authorization": "Basic abc"}), 401,
                  "unauthenticated")
