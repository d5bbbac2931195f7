"""Turning wire records into ``items`` rows: canonical body, content hash, scope columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from supervisor_app.domain.digest import record_hash, wire_canonical_json

from .db import FEED_DOSSIER, FEED_RECORDS, FEED_REFERENCE

FEED_OF_KIND: dict[str, str] = {
    **{k: FEED_REFERENCE for k in ("cycle", "province", "county", "district", "constituency",
                                   "board", "member", "branch", "observer", "pki")},
    "dossier": FEED_DOSSIER,
    **{k: FEED_RECORDS for k in ("decision", "objection", "observer_report", "complaint",
                                 "ruling_ref", "complaint_event")},
}
PUBLIC_KINDS = frozenset({"cycle", "province", "county", "district", "board", "pki"})
SCOPE_COLUMNS = ("province_code", "county_code", "district_code", "village", "branch_code")


@dataclass(frozen=True, slots=True)
class Area:
    """The scope columns of a record."""

    province_code: str | None = None
    county_code: str | None = None
    district_code: str | None = None
    village: bool = False
    branch_code: str | None = None

    def columns(self) -> dict[str, Any]:
        return {
            "province_code": self.province_code,
            "county_code": self.county_code,
            "district_code": self.district_code,
            "village": self.village,
            "branch_code": self.branch_code,
        }

    def with_branch(self, branch_code: str | None) -> Area:
        return Area(self.province_code, self.county_code, self.district_code, self.village,
                    branch_code)

    @classmethod
    def of_row(cls, row: Mapping[str, Any]) -> Area:
        return cls(row["province_code"], row["county_code"], row["district_code"],
                   bool(row["village"]), row["branch_code"])


def body_of(wire: Mapping[str, Any]) -> bytes:
    """The stored body: the canonical JSON bytes (what the content hash covers)."""
    return wire_canonical_json(wire)


def item_row(
    kind: str,
    key: str,
    wire: Mapping[str, Any],
    area: Area,
    *,
    seq: int,
    revision: int = 0,
    board_id: str | None = None,
    status: str | None = None,
    parent_key: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "key": key,
        "feed": FEED_OF_KIND[kind],
        "seq": seq,
        "revision": revision,
        "public": kind in PUBLIC_KINDS,
        **area.columns(),
        "board_id": board_id,
        "parent_key": parent_key,
        "status": status,
        "body": body_of(wire),
        "content_sha256": record_hash(kind, wire),  # the same bytes, hashed under a prefix
    }
