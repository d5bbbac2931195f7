"""Persian alphabetical order for the UI, via Qt's locale-aware ``QCollator``.

Text is passed through ``normalize()`` first, so Arabic ي/ك sort with Persian ی/ک and
invisible marks do not perturb the order.

Notes from checking PyQt6 6.11 / Qt 6.11:

* ``QCollator`` works without any ``QCoreApplication``/``QApplication`` instance.
* ``QCollator.sortKey`` returns an opaque ``QCollatorSortKey`` that orders with ``<`` but
  cannot be turned into ``bytes`` and compares by identity with ``==``: use it only as a
  ``sort`` key, never persist it or put it in a set/dict.
* The backend is platform-specific (ICU in the Linux wheels, the Win32 API on Windows), so
  orders of rare characters may differ between machines. Anything that must be identical
  everywhere (published lists, the server) should use ``persian_sort_key`` from
  ``supervisor_app.domain.persian``, which mirrors the ICU "fa" order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PyQt6.QtCore import QCollator, QCollatorSortKey, QLocale

from supervisor_app.domain.persian import normalize

__all__ = ["PersianCollator"]

T = TypeVar("T")


class PersianCollator:
    """Compare and sort text in Persian (fa_IR) order: پ after ب, چ after ج, گ after ک."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self._collator = QCollator(locale if locale is not None else QLocale("fa_IR"))

    def key(self, text: str) -> QCollatorSortKey:
        """Sort key of ``text`` (orders with ``<``; opaque, not bytes, not persistable)."""
        return self._collator.sortKey(normalize(text))

    def compare(self, a: str, b: str) -> int:
        """-1, 0 or 1 as ``a`` sorts before, with, or after ``b``."""
        result = self._collator.compare(normalize(a), normalize(b))
        return (result > 0) - (result < 0)

    def sorted(
        self,
        items: Iterable[T],
        key: Callable[[T], str] | None = None,
        *,
        reverse: bool = False,
    ) -> list[T]:
        """``items`` in Persian order; ``key`` extracts the text (default ``str(item)``)."""
        extract: Callable[[T], str] = key if key is not None else str
        return sorted(items, key=lambda item: self.key(extract(item)), reverse=reverse)
