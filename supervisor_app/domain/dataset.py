"""A bundle of domain objects moved in bulk: demo data, registry pulls, imports."""

from __future__ import annotations

from dataclasses import dataclass, field

from .boards import Board, BoardMember
from .candidates import Dossier
from .cycle import ElectionCycle
from .election_day import Branch, Observer
from .geography import Constituency, County, District, Province


@dataclass(slots=True)
class Dataset:
    cycles: list[ElectionCycle] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)
    constituencies: list[Constituency] = field(default_factory=list)
    boards: list[Board] = field(default_factory=list)
    members: list[BoardMember] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    observers: list[Observer] = field(default_factory=list)
    dossiers: list[Dossier] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.__slots__}  # type: ignore[attr-defined]
