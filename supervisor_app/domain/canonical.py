"""Canonical bytes for hashing and signing: RFC 8785 JSON under a domain-separating prefix.

The ``version//type//`` prefix means a signature or hash over one kind of message can
never be passed off as another kind (the VotingWorks pattern).
"""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785

FORMAT_VERSION = "nezarat-1"


def canonical_json(payload: Any) -> bytes:
    """RFC 8785 canonical JSON of a JSON-compatible value."""
    return rfc8785.dumps(payload)


def canonical_bytes(kind: str, payload: Any, version: str = FORMAT_VERSION) -> bytes:
    if "//" in kind or "//" in version:
        raise ValueError("kind and version may not contain '//'")
    return f"{version}//{kind}//".encode() + canonical_json(payload)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
