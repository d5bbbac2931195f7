"""Branches and observers a board pushes to the registry: one change of one record.

The registry sends branches and observers as reference data, but a county board also
receives its branch registry and observer roster as spreadsheets and imports them
(``services/roster_import.py``). Each imported new or corrected record goes to the
server through the outbox as a :class:`RosterChange`, so reports naming it are accepted
and the other workstations of the board pull it.

A roster is legitimately imported again with corrections, while the push contract says
that one item id never carries two contents. So a change is its own record: a fresh
UUID per change, the record's full wire form, and ``base_sha256``, the feed hash
(``content_sha256``) of the version the change was made from (``None`` for a record
new to this workstation). The server upserts the record when its stored version is that
base (or it has none); when another workstation changed the record in between, the
change is a ``conflict`` for a person to resolve, never a silent overwrite
(``registry_server/API.md`` §4, ``branch`` / ``observer``).

Payload: ``{"id": uuid, "record": <branch or observer wire form>, "base_sha256": hex|null}``.
Plain Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Final

from . import wire
from .digest import record_hash
from .election_day import Branch, Observer

ROSTER_KINDS: Final = ("branch", "observer")
_KEYS: Final = ("id", "record", "base_sha256")
_HEX64: Final = re.compile(r"[0-9a-f]{64}")

RosterRecord = Branch | Observer


@dataclass(frozen=True, slots=True)
class RosterChange:
    """One new or corrected branch or observer, as pushed."""

    id: str  # this change's UUID (the outbox item id): never reused for other content
    kind: str  # "branch" or "observer"
    record: RosterRecord
    base_sha256: str | None  # feed hash of the version changed; None: new here

    @property
    def key(self) -> str:
        """The record's own identifier: a branch's code, an observer's id."""
        return self.record.code if isinstance(self.record, Branch) else self.record.id

    @property
    def record_wire(self) -> dict[str, Any]:
        return wire.encode(self.kind, self.record)

    @property
    def record_sha256(self) -> str:
        """The feed hash the record has once stored (``content_sha256`` in /reference)."""
        return record_hash(self.kind, self.record_wire)


def kind_of(record: RosterRecord) -> str:
    return "branch" if isinstance(record, Branch) else "observer"


def roster_hash(record: RosterRecord) -> str:
    """The feed hash of a branch or observer as this workstation holds it."""
    kind = kind_of(record)
    return record_hash(kind, wire.encode(kind, record))


def change_of(record: RosterRecord, previous: RosterRecord | None) -> RosterChange:
    """The change that turns ``previous`` (None: no record yet) into ``record``."""
    if previous is not None and kind_of(previous) != kind_of(record):
        raise TypeError("a branch cannot replace an observer or the other way round")
    return RosterChange(
        id=str(uuid.uuid4()),
        kind=kind_of(record),
        record=record,
        base_sha256=roster_hash(previous) if previous is not None else None,
    )


def encode_change(change: RosterChange) -> dict[str, Any]:
    return {"id": change.id, "record": change.record_wire, "base_sha256": change.base_sha256}


def decode_change(kind: str, data: Any, path: str = "") -> RosterChange:
    """The strict reader of a ``branch`` / ``observer`` push payload (raises WireError)."""
    if kind not in ROSTER_KINDS:
        raise wire.WireError(path or "kind", f"{kind!r} is not a roster kind")

    def at(key: str) -> str:
        return f"{path}.{key}" if path else key

    if not isinstance(data, dict):
        raise wire.WireError(path, "must be an object")
    for key in _KEYS:
        if key not in data:
            raise wire.WireError(at(key), "is required")
    extra = sorted(str(k) for k in data if k not in _KEYS)
    if extra:
        raise wire.WireError(at(extra[0]), "is not a known field")
    if not wire.is_uuid(data["id"]):
        raise wire.WireError(at("id"), "must be a canonical lowercase UUID")
    base = data["base_sha256"]
    if base is not None and (not isinstance(base, str) or not _HEX64.fullmatch(base)):
        raise wire.WireError(at("base_sha256"), "must be null or 64 lowercase hex digits")
    record = wire.decode(kind, data["record"], at("record"))
    return RosterChange(id=data["id"], kind=kind, record=record, base_sha256=base)
