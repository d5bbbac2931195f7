"""A tiny table-driven state machine shared by every stateful entity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Generic, TypeVar

from .errors import IllegalTransition

S = TypeVar("S", bound=Enum)


class StateMachine(Generic[S]):
    """Allowed transitions as data; ``check`` raises IllegalTransition for anything else."""

    def __init__(self, name: str, edges: Mapping[S, Iterable[S]]) -> None:
        self.name = name
        self._edges: dict[S, frozenset[S]] = {src: frozenset(dst) for src, dst in edges.items()}

    def allowed(self, current: S) -> frozenset[S]:
        return self._edges.get(current, frozenset())

    def can(self, current: S, target: S) -> bool:
        return target in self.allowed(current)

    def check(self, current: S, target: S) -> S:
        if not self.can(current, target):
            raise IllegalTransition(self.name, current.value, target.value)
        return target

    def is_final(self, state: S) -> bool:
        return not self.allowed(state)
