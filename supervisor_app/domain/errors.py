"""Domain errors. Messages are English sources; the UI translates them for display."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken (bad value, illegal operation)."""


class IllegalTransition(DomainError):
    """A state machine was asked to move along an edge it does not have."""

    def __init__(self, machine: str, current: str, target: str) -> None:
        super().__init__(f"{machine}: cannot move from '{current}' to '{target}'")
        self.machine = machine
        self.current = current
        self.target = target
