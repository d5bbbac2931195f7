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


class RulesTableError(DomainError):
    """An eligibility rules table (data shipped or dropped in by a deployment) is malformed.

    ``detail`` / ``detail_fa`` name the rule and the field; ``source`` is the file (set by
    the loader), so the message says exactly where to fix it, in English and Persian.
    """

    def __init__(self, detail: str, detail_fa: str, source: str = "") -> None:
        self.detail = detail
        self.detail_fa = detail_fa
        self.source = source
        where = f"rules file {source}: " if source else "rules table: "
        # The path is isolated (FSI … PDI): a Windows path in a right-to-left sentence
        # would otherwise be reordered around its backslashes and colon.
        where_fa = f"فایل قواعد «\u2068{source}\u2069»: " if source else "جدول قواعد: "
        super().__init__(where + detail)
        self.message_fa = where_fa + detail_fa

    def in_file(self, source: str) -> RulesTableError:
        """The same problem, located in ``source``."""
        return RulesTableError(self.detail, self.detail_fa, source)
