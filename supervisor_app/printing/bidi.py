"""The Unicode bidirectional algorithm (UAX #9) for one paragraph, as embedding levels.

Why our own: the typesetter needs *levels per character* (to shape each directional
run with HarfBuzz in logical order and to reorder the runs of every wrapped line),
while python-bidi's fast implementation only returns the final display string and its
pure-Python one lacks the bracket-pair rule N0. Stored text carries no explicit
embeddings or isolates (``domain.persian.normalize`` removes them, and
:func:`strip_controls` does here), so the explicit rules X1–X10 reduce to one level
run at the paragraph level and what remains is W1–W7, N0–N2, I1–I2 and, per line,
L1–L2. Mirroring (L4) is HarfBuzz's job: it mirrors brackets in right-to-left runs.
The tests cross-check the display order against python-bidi on random mixed text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

__all__ = ["paragraph_levels", "strip_controls", "visual_order"]

# Explicit embeddings, overrides, isolates and marks (LRM, RLM, ALM): removed before
# layout, so the level computation below never meets them.
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Paired brackets (BidiBrackets.txt, the ones met in practice) and their partners.
_OPENING: Final[dict[str, str]] = {
    "(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u207d": "\u207e", "\u208d": "\u208e",
    "\u2308": "\u2309", "\u230a": "\u230b", "\u2329": "\u232a", "\u3008": "\u3009",
    "\u300a": "\u300b", "\u300c": "\u300d", "\u300e": "\u300f", "\u3010": "\u3011",
    "\ufd3f": "\ufd3e",  # ornate parentheses: ﴿ opens in Unicode ≥ 14 bracket data
    "\uff08": "\uff09", "\uff3b": "\uff3d", "\uff5b": "\uff5d",
}
_CLOSING: Final[dict[str, str]] = {close: open_ for open_, close in _OPENING.items()}
# U+2329/U+232A are canonically equivalent to U+3008/U+3009 (BD16 matches them).
_CANONICAL: Final[dict[str, str]] = {"\u2329": "\u3008", "\u232a": "\u3009"}
_MAX_BRACKET_DEPTH = 63

_STRONG_FOR_NEUTRALS: Final[dict[str, str]] = {"L": "L", "R": "R", "EN": "R", "AN": "R"}
_NEUTRAL: Final = frozenset({"B", "S", "WS", "ON", "BN"})


def strip_controls(text: str) -> str:
    """``text`` without bidi control characters (they would fight the computed levels)."""
    return _CONTROLS.sub("", text)


def _classes(text: str) -> list[str]:
    return [unicodedata.bidirectional(ch) or "L" for ch in text]


def _resolve_weak(types: list[str], sos: str) -> None:
    n = len(types)
    # W1: non-spacing marks take the type of what they follow.
    prev = sos
    for i in range(n):
        if types[i] == "NSM":
            types[i] = prev
        prev = types[i]
    # W2: European numbers after Arabic letters are Arabic numbers.
    last_strong = sos
    for i in range(n):
        t = types[i]
        if t in ("L", "R", "AL"):
            last_strong = t
        elif t == "EN" and last_strong == "AL":
            types[i] = "AN"
    # W3
    for i in range(n):
        if types[i] == "AL":
            types[i] = "R"
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, n - 1):
        t, before, after = types[i], types[i - 1], types[i + 1]
        if t == "ES" and before == after == "EN":
            types[i] = "EN"
        elif t == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    # W5: terminators (%, currency, ...) next to European numbers join them.
    i = 0
    while i < n:
        if types[i] != "ET":
            i += 1
            continue
        j = i
        while j < n and types[j] == "ET":
            j += 1
        if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
            types[i:j] = ["EN"] * (j - i)
        i = j
    # W6
    for i in range(n):
        if types[i] in ("ES", "ET", "CS"):
            types[i] = "ON"
    # W7: European numbers in a left-to-right context are left-to-right.
    last_strong = sos
    for i in range(n):
        t = types[i]
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"


def _bracket_pairs(text: str, types: Sequence[str]) -> list[tuple[int, int]]:
    """BD16: matched bracket pairs (opening, closing) sorted by the opening position."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if types[i] != "ON":
            continue
        ch = _CANONICAL.get(ch, ch)
        if ch in _OPENING:
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((_CANONICAL.get(_OPENING[ch], _OPENING[ch]), i))
        elif ch in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _resolve_brackets(text: str, types: list[str], original: Sequence[str], sos: str,
                      embedding: str) -> None:
    """N0: a bracket pair takes the direction of what it encloses (and its context)."""
    for open_, close in _bracket_pairs(text, types):
        inside = {_STRONG_FOR_NEUTRALS.get(t) for t in types[open_ + 1 : close]} - {None}
        if embedding in inside:
            direction: str | None = embedding
        elif inside:
            context = sos
            for t in reversed(types[:open_]):
                strong = _STRONG_FOR_NEUTRALS.get(t)
                if strong:
                    context = strong
                    break
            direction = context if context != embedding else embedding
        else:
            direction = None
        if direction is None:
            continue
        for pos in (open_, close):
            types[pos] = direction
            # Marks on a bracket follow it (they took the bracket's old type in W1).
            k = pos + 1
            while k < len(types) and original[k] == "NSM":
                types[k] = direction
                k += 1


def _resolve_neutrals(types: list[str], sos: str, eos: str, embedding: str) -> None:
    n = len(types)
    i = 0
    while i < n:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and types[j] in _NEUTRAL:
            j += 1
        before = _STRONG_FOR_NEUTRALS.get(types[i - 1], embedding) if i > 0 else sos
        after = _STRONG_FOR_NEUTRALS.get(types[j], embedding) if j < n else eos
        fill = before if before == after else embedding  # N1, else N2
        types[i:j] = [fill] * (j - i)
        i = j


def paragraph_levels(text: str, base_level: int = 1) -> list[int]:
    """Embedding level of every character of one paragraph (``base_level`` 1 = RTL).

    ``text`` must hold no bidi controls (see :func:`strip_controls`) and no
    paragraph separators.
    """
    if not text:
        return []
    original = _classes(text)
    types = list(original)
    direction = "R" if base_level % 2 else "L"
    sos = eos = direction
    _resolve_weak(types, sos)
    _resolve_brackets(text, types, original, sos, direction)
    _resolve_neutrals(types, sos, eos, direction)
    levels = []
    for t in types:  # I1, I2
        if base_level % 2 == 0:
            levels.append(base_level + (1 if t == "R" else 2 if t in ("AN", "EN") else 0))
        else:
            levels.append(base_level + (1 if t in ("L", "EN", "AN") else 0))
    return levels


def line_levels(text: str, levels: Sequence[int], base_level: int = 1) -> list[int]:
    """L1 for one line: trailing whitespace and separators return to the paragraph level."""
    result = list(levels)
    classes = _classes(text)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        cls = classes[i]
        if cls in ("S", "B"):
            result[i] = base_level
            trailing = True
        elif cls in ("WS", "BN") and trailing:
            result[i] = base_level
        else:
            trailing = False
    return result


def visual_order(levels: Sequence[int]) -> list[int]:
    """L2: indices of the items of one line in display order, left to right."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(order)
        while i < n:
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < n and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order
