"""Supervisory boards, their members and the quorum rule (a per-board setting)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError


class BoardLevel(StrEnum):
    CENTRAL = "central"
    PROVINCIAL = "provincial"
    COUNTY = "county"
    DISTRICT = "district"


class MemberRole(StrEnum):
    CHAIR = "chair"
    DEPUTY = "deputy"
    SECRETARY = "secretary"
    EXECUTIVE_SECRETARY = "executive_secretary"
    MEMBER = "member"
    ALTERNATE = "alternate"  # علی‌البدل: votes only when replacing an absent member


@dataclass(frozen=True, slots=True)
class QuorumRule:
    """Quorum and majority as counts of the full membership.

    Defaults follow DOMAIN.md's assumption: quorum = majority of the full membership
    present; a ruling needs the votes of a majority of the full membership.
    """

    full_membership: int
    quorum: int | None = None
    majority: int | None = None

    def __post_init__(self) -> None:
        if self.full_membership < 1:
            raise DomainError("a board needs at least one member")
        for name, value in (("quorum", self.quorum), ("majority", self.majority)):
            if value is not None and not 1 <= value <= self.full_membership:
                raise DomainError(f"{name} must be between 1 and {self.full_membership}")

    @property
    def required_present(self) -> int:
        return self.quorum if self.quorum is not None else self.full_membership // 2 + 1

    @property
    def required_votes(self) -> int:
        return self.majority if self.majority is not None else self.full_membership // 2 + 1

    def has_quorum(self, present: int) -> bool:
        return present >= self.required_present

    def decides(self, votes_for: int) -> bool:
        return votes_for >= self.required_votes


@dataclass(frozen=True, slots=True)
class BoardMember:
    id: str
    board_id: str
    full_name: str
    national_id: str
    role: MemberRole
    active: bool = True

    @property
    def votes(self) -> bool:
        return self.role is not MemberRole.ALTERNATE


@dataclass(frozen=True, slots=True)
class Board:
    """A board; ``jurisdiction`` is the code of the area it supervises (none for central)."""

    id: str
    level: BoardLevel
    name: str
    jurisdiction: str | None
    parent_id: str | None
    quorum: QuorumRule

    def __post_init__(self) -> None:
        if self.level is BoardLevel.CENTRAL and self.parent_id is not None:
            raise DomainError("the central board has no parent")
        if self.level is not BoardLevel.CENTRAL and (not self.parent_id or not self.jurisdiction):
            raise DomainError(f"board {self.id} needs a parent and a jurisdiction")
