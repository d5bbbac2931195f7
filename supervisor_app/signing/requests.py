"""Signing away from the board's workstation: a request file out, a signature file back.

A member who signs on their own workstation receives the frozen ruling payload as a
*signing request*, reads it, signs it with their own key, and returns a *signature
response*; the board's workstation checks the response against the payload it froze.
Both are canonical JSON with a format name, so neither can be mistaken for a bundle::

    {"format": "nezarat-signing-request", "version": 1,
     "payload": {...}, "payload_sha256": "<hex>"}
    {"format": "nezarat-signature", "version": 1, "ruling_id": ..., "payload_sha256": ...,
     "member_id": ..., "certificate": "<PEM>", "signature": "<base64 DER>"}
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from supervisor_app.domain.canonical import canonical_json

from .bundle import MalformedBundle, MemberSignature, _check_payload_structure, ruling_hash
from .errors import SigningError

REQUEST_FORMAT = "nezarat-signing-request"
RESPONSE_FORMAT = "nezarat-signature"
VERSION = 1


class MalformedRequest(SigningError):
    """A signing request or signature file is damaged or of another kind."""

    message_fa = "پروندهٔ درخواست امضا یا پاسخ امضا خراب است یا از نوع دیگری است."


def _load(data: bytes, fmt: str, keys: set[str]) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedRequest(f"not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != fmt:
        raise MalformedRequest(f"not a {fmt} file")
    if document.get("version") != VERSION or set(document) != keys:
        raise MalformedRequest(f"unsupported {fmt} version or fields")
    return document


def build_signing_request(payload: dict[str, Any]) -> bytes:
    return canonical_json(
        {
            "format": REQUEST_FORMAT,
            "version": VERSION,
            "payload": payload,
            "payload_sha256": ruling_hash(payload),
        }
    )


def parse_signing_request(data: bytes) -> dict[str, Any]:
    """The payload to sign; refuses a request whose payload does not match its hash."""
    document = _load(data, REQUEST_FORMAT, {"format", "version", "payload", "payload_sha256"})
    payload = document["payload"]
    try:
        _check_payload_structure(payload)
    except MalformedBundle as exc:
        raise MalformedRequest(f"the ruling in the request is malformed: {exc}") from None
    if ruling_hash(payload) != document["payload_sha256"]:
        raise MalformedRequest("the ruling in the request does not match its hash")
    return payload


def build_signature_response(payload: dict[str, Any], signature: MemberSignature) -> bytes:
    return canonical_json(
        {
            "format": RESPONSE_FORMAT,
            "version": VERSION,
            "ruling_id": payload["ruling_id"],
            "payload_sha256": ruling_hash(payload),
            **signature.as_dict(),
        }
    )


def parse_signature_response(data: bytes) -> tuple[str, str, MemberSignature]:
    """``(ruling_id, payload_sha256, signature)``; the signature itself is checked later."""
    document = _load(
        data,
        RESPONSE_FORMAT,
        {"format", "version", "ruling_id", "payload_sha256", "member_id", "certificate",
         "signature"},
    )
    values = [document[k] for k in ("ruling_id", "payload_sha256", "member_id", "certificate")]
    if not all(isinstance(v, str) and v for v in values):
        raise MalformedRequest("ruling_id, payload_sha256, member_id and certificate are text")
    try:
        raw = base64.b64decode(document["signature"], validate=True)
    except (binascii.Error, TypeError):
        raise MalformedRequest("the signature is not base64") from None
    ruling_id, digest, member_id, certificate = values
    return ruling_id, digest, MemberSignature(member_id, certificate, raw)
