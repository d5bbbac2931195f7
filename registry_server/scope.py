"""Who may see and write what: roles, the caller's scope, and its SQL and Python forms.

A record's scope columns (``province_code``, ``county_code``, ``district_code``,
``village``, ``branch_code``) come from the constituency or branch it belongs to (or the
board's jurisdiction). A scope matches a record by exactly one rule per level, the same
rule in SQL (feeds, status) and in Python (pushes, single-resource reads).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, false, or_, true

ROLES = ("central", "provincial", "county", "district", "observer", "clerk", "registry")
BOARD_ROLES = ("central", "provincial", "county", "district")

# Which outbox kinds each role may push (clerks and the registry push nothing). A
# complaint's history (assignment, notes, escalation, decision) and the branch registry
# and observer roster of a jurisdiction are the boards' work only.
_BOARD_PUSH = frozenset(
    {"ruling", "decision", "objection", "observer_report", "complaint", "complaint_event",
     "audit_head", "ledger_head", "branch", "observer"}
)
PUSH_KINDS: dict[str, frozenset[str]] = {
    "central": _BOARD_PUSH,
    "provincial": _BOARD_PUSH,
    "county": _BOARD_PUSH,
    "district": _BOARD_PUSH,
    "observer": frozenset({"observer_report"}),
    "clerk": frozenset(),
    "registry": frozenset(),
}


@dataclass(frozen=True, slots=True)
class Scope:
    """``level`` is ``all``, ``province``, ``county``, ``district`` or ``branches``."""

    level: str
    province_code: str | None = None
    county_code: str | None = None
    district_code: str | None = None
    branch_codes: tuple[str, ...] = field(default_factory=tuple)

    def sql(self, t: Table) -> ColumnElement[bool]:
        """A WHERE clause selecting this scope's rows of ``t`` (public rows not included)."""
        if self.level == "all":
            return true()
        if self.level == "province":
            return t.c.province_code == self.province_code
        if self.level == "county":
            return t.c.county_code == self.county_code
        if self.level == "district":
            # Equality (not IS TRUE) so the (feed, district, village, seq) index applies.
            return and_(t.c.district_code == self.district_code, t.c.village == true())
        if self.level == "branches" and self.branch_codes:
            return t.c.branch_code.in_(self.branch_codes)
        return false()

    def sql_or_public(self, t: Table) -> ColumnElement[bool]:
        if self.level == "all":
            return true()
        return or_(t.c.public == true(), self.sql(t))

    def contains(self, row: Mapping[str, Any]) -> bool:
        """The Python twin of :meth:`sql` for one row's scope columns."""
        if self.level == "all":
            return True
        if self.level == "province":
            return row.get("province_code") == self.province_code
        if self.level == "county":
            return row.get("county_code") == self.county_code
        if self.level == "district":
            return row.get("district_code") == self.district_code and bool(row.get("village"))
        if self.level == "branches":
            return row.get("branch_code") in self.branch_codes
        return False

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "province_code": self.province_code,
            "county_code": self.county_code,
            "district_code": self.district_code,
            "branch_codes": list(self.branch_codes),
        }


def board_scope(role: str, board_row: Mapping[str, Any] | None) -> Scope:
    """The scope of a board account from its board item's scope columns."""
    if role in ("central", "registry"):
        return Scope("all")
    if board_row is None:
        return Scope("none")
    level = _board_level(board_row)
    if level == "central":
        return Scope("all")
    return Scope(
        level,
        board_row.get("province_code"),
        board_row.get("county_code"),
        board_row.get("district_code"),
    )


def _board_level(board_row: Mapping[str, Any]) -> str:
    if board_row.get("district_code"):
        return "district"
    if board_row.get("county_code"):
        return "county"
    if board_row.get("province_code"):
        return "province"
    return "central"


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller of one request."""

    username: str
    role: str
    board_id: str | None
    observer_id: str | None
    device_id: str
    scope: Scope
    token_hash: str
    expires_at: str

    @property
    def reads_dossiers(self) -> bool:
        return self.role != "observer"

    def may_push(self, kind: str) -> bool:
        return kind in PUSH_KINDS.get(self.role, frozenset())

    @property
    def pushes_anything(self) -> bool:
        return bool(PUSH_KINDS.get(self.role))

    def account(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "role": self.role,
            "board_id": self.board_id,
            "observer_id": self.observer_id,
            "device_id": self.device_id,
            "scope": self.scope.as_dict(),
        }
