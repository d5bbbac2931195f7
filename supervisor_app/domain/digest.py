"""The content digest of the consistency check: what a workstation holds, per kind of record.

Both the client (``supervisor-app status --json`` / ``sync --verify``) and the registry
server (``GET /api/v1/status``) compute it with this module, over the records' wire forms
(:mod:`supervisor_app.domain.wire`), so equal holdings give equal digests:

* record hash = ``sha256(canonical_bytes(kind, wire_json))`` (RFC 8785 under the
  ``nezarat-1//<kind>//`` prefix) — the feeds' ``content_sha256``;
* kind digest = ``sha256`` over the UTF-8 lines ``"<id> <record hash>\\n"`` in ascending
  order of id (Python ``str`` order, i.e. Unicode code points); ``count`` = the number of
  lines. An empty kind has ``count`` 0 and the digest ``sha256(b"")``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .canonical import FORMAT_VERSION, canonical_bytes, sha256_hex

EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()

# RFC 8785 and sorted, compact, non-ASCII-escaping JSON produce the same bytes for values
# without floats whose keys are ASCII — which is every wire record (wire.py refuses floats
# and all its keys are ASCII). The C encoder is ~10x faster than the rfc8785 package, and
# 300,000 dossiers are hashed on every full digest; tests pin the equality.
_FAST = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


class DigestError(ValueError):
    """The input to a digest is inconsistent (e.g. one id twice)."""


def wire_canonical_json(wire: Any) -> bytes:
    """RFC 8785 bytes of a wire record (fast path; see the note on ``_FAST``)."""
    return _FAST.encode(wire).encode("utf-8")


def wire_canonical_bytes(kind: str, wire: Any) -> bytes:
    """``canonical_bytes(kind, wire)`` for a wire record, computed on the fast path."""
    if "//" in kind:
        raise ValueError("kind may not contain '//'")
    return f"{FORMAT_VERSION}//{kind}//".encode() + wire_canonical_json(wire)


def record_hash(kind: str, wire: Any) -> str:
    """The hash of one record's wire form (what feeds send as ``content_sha256``)."""
    return sha256_hex(wire_canonical_bytes(kind, wire))


def record_hash_reference(kind: str, wire: Any) -> str:
    """The same hash through the rfc8785 package: the definition the fast path must match."""
    return sha256_hex(canonical_bytes(kind, wire))


@dataclass(frozen=True, slots=True)
class KindDigest:
    count: int
    digest: str

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "digest": self.digest}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KindDigest:
        count, digest = data.get("count"), data.get("digest")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise DigestError("count must be a non-negative integer")
        if not isinstance(digest, str) or len(digest) != 64:
            raise DigestError("digest must be 64 hex digits")
        return cls(count, digest)


def kind_digest(pairs: Iterable[tuple[str, str]]) -> KindDigest:
    """Digest of ``(id, record hash)`` pairs in any order; an id given twice is an error."""
    ordered = sorted(pairs)
    h = hashlib.sha256()
    previous: str | None = None
    for record_id, content_hash in ordered:
        if record_id == previous:
            raise DigestError(f"id {record_id!r} appears twice")
        if " " in record_id or "\n" in record_id:
            raise DigestError(f"id {record_id!r} contains a space or a newline")
        h.update(f"{record_id} {content_hash}\n".encode())
        previous = record_id
    return KindDigest(len(ordered), h.hexdigest())


def digest_records(kind: str, records: Iterable[tuple[str, Any]]) -> KindDigest:
    """Digest of ``(id, wire json)`` pairs: hashes each record, then :func:`kind_digest`."""
    return kind_digest((record_id, record_hash(kind, wire)) for record_id, wire in records)


def digest_all(
    pairs_by_kind: Mapping[str, Iterable[tuple[str, str]]], kinds: Iterable[str]
) -> dict[str, KindDigest]:
    """Per-kind digests for every kind in ``kinds`` (absent kinds count as empty)."""
    return {kind: kind_digest(pairs_by_kind.get(kind, ())) for kind in kinds}


def differences(
    ours: Mapping[str, KindDigest], theirs: Mapping[str, KindDigest]
) -> dict[str, tuple[KindDigest | None, KindDigest | None]]:
    """Kinds whose digests differ (missing on one side counts), for ``sync --verify``."""
    return {
        kind: (ours.get(kind), theirs.get(kind))
        for kind in sorted(set(ours) | set(theirs))
        if ours.get(kind) != theirs.get(kind)
    }
