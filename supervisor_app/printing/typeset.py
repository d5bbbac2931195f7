"""Persian typesetting over reportlab: shaped, bidi-ordered, wrapped, right-aligned text.

The pipeline for one paragraph (reportlab cannot lay out Persian by itself):

1. bidi levels for the whole paragraph in logical order (:mod:`.bidi`);
2. every word is cut where the level changes and each piece is shaped by HarfBuzz in
   its own direction (:class:`.fonts.PdfFont`; shaping is cached, names repeat);
3. lines are filled greedily in *logical* order, measuring the shaped (visual) widths,
   breaking at spaces (an over-long token such as a hash is cut between clusters);
4. each line's pieces are put in display order by rule L2 and drawn left to right as
   glyph ids with their HarfBuzz advances and offsets; brackets in right-to-left runs
   are mirrored by HarfBuzz; Latin words and digit runs stay left-to-right inside them.

Text is drawn with raw ``TJ`` operators inside ``q … Q`` (so no state leaks into the
page); marks (dots, harakat) go into an overlay at their anchor positions so the
extractable text of a line stays one clean run of base glyphs. Bold is a stroked
outline (text render mode 2), because the shipped variable font embeds one instance.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from weakref import WeakKeyDictionary

from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from .bidi import line_levels, paragraph_levels, strip_controls, visual_order
from .fonts import PdfFont, Shaped

__all__ = [
    "Align",
    "Line",
    "Paragraph",
    "TextStyle",
    "Typesetter",
    "rtl_table",
]

Align = Literal["right", "left", "center", "justify"]
RGB = tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)
_TOKENS = re.compile(r" +|[^ ]+")
_BOLD_STROKE = 0.035  # outline stroke as a fraction of the font size


@dataclass(frozen=True, slots=True)
class TextStyle:
    size: float = 11.0
    leading: float = 0.0  # line height in points; 0 → 1.8 × size (Persian needs room)
    color: RGB = BLACK
    bold: bool = False
    align: Align = "right"
    rtl: bool = True  # paragraph direction
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def line_height(self) -> float:
        return self.leading or self.size * 1.8

    def but(self, **changes: Any) -> TextStyle:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Piece:
    """A shaped piece of one word at one bidi level, or a space (``shaped`` is None)."""

    shaped: Shaped | None
    level: int
    advance: int  # font units


@dataclass(frozen=True, slots=True)
class Line:
    pieces: tuple[Piece, ...]  # display order, left to right
    advance: int  # natural width in font units
    spaces: int
    last: bool  # the last line of its paragraph is never justified


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[Piece, ...]  # logical order
    advance: int


class Typesetter:
    """Lays out and draws Persian (and mixed) text in one :class:`PdfFont`."""

    def __init__(self, font: PdfFont) -> None:
        self.font = font
        self._space = font.space
        # Per PDF document: (glyph, text) → (subset font name, hex code); reportlab's
        # subset assignment is fixed once made, and the lookup is most of the draw time.
        self._codes: WeakKeyDictionary[Any, dict[tuple[int, str], tuple[str, str]]] = (
            WeakKeyDictionary()
        )

    def _code(self, doc: Any, gid: int, text: str) -> tuple[str, str]:
        table = self._codes.get(doc)
        if table is None:
            table = self._codes[doc] = {}
        found = table.get((gid, text))
        if found is None:
            glyph_font = self.font.glyphs
            subset, code = glyph_font.splitString(glyph_font.code_for(gid, text), doc)[0]
            found = table[(gid, text)] = (glyph_font.getSubsetInternalName(subset, doc),
                                          code.hex())
        return found

    # --- layout -----------------------------------------------------------------------

    def scale(self, style: TextStyle) -> float:
        return style.size / self.font.upem

    def width(self, text: str, style: TextStyle) -> float:
        """Natural width in points of ``text`` on one line."""
        return sum(line.advance for line in self.lines(text, None, style)) * self.scale(style)

    def lines(self, text: str, width: float | None, style: TextStyle) -> list[Line]:
        """Wrap ``text`` (paragraphs separated by newlines) into lines at most ``width``
        points wide (``None``: one line per paragraph)."""
        limit = None if width is None else width / self.scale(style)
        base = 1 if style.rtl else 0
        result: list[Line] = []
        for paragraph in strip_controls(text).split("\n"):
            result.extend(self._paragraph_lines(paragraph.strip(" "), limit, base))
        return result

    def _paragraph_lines(self, text: str, limit: float | None, base: int) -> list[Line]:
        if not text:
            return [Line((), 0, 0, True)]
        levels = paragraph_levels(text, base)
        words: list[_Word | Piece] = []
        for match in _TOKENS.finditer(text):
            start, end = match.span()
            if text[start] == " ":
                words.extend(
                    Piece(None, levels[i], self._space.advance) for i in range(start, end)
                )
            else:
                words.extend(self._word(text, start, end, levels, limit))
        groups: list[list[_Word | Piece]] = [[]]
        used = 0.0
        pending: list[Piece] = []
        for item in words:
            if isinstance(item, Piece):  # spaces wait for the next word
                pending.append(item)
                continue
            gap = sum(p.advance for p in pending)
            current = groups[-1]
            if current and limit is not None and used + gap + item.advance > limit:
                groups.append([item])
                used = item.advance
            else:
                current.extend(pending)
                current.append(item)
                used += gap + item.advance
            pending = []
        lines = [self._line(group, base) for group in groups]
        lines[-1] = dataclasses.replace(lines[-1], last=True)
        return lines

    def _word(self, text: str, start: int, end: int, levels: Sequence[int],
              limit: float | None) -> list[_Word]:
        word = self._shape_word(text, start, end, levels)
        if limit is None or word.advance <= limit or end - start < 2:
            return [word]
        # Too long for a line (a hash, a long id): cut it between characters.
        parts: list[_Word] = []
        while start < end:
            cut = start + 1
            best = self._shape_word(text, start, cut, levels)
            while cut < end:
                trial = self._shape_word(text, start, cut + 1, levels)
                if trial.advance > limit:
                    break
                cut, best = cut + 1, trial
            parts.append(best)
            start = cut
        return parts

    def _shape_word(self, text: str, start: int, end: int, levels: Sequence[int]) -> _Word:
        pieces = []
        i = start
        while i < end:
            j = i
            while j < end and levels[j] == levels[i]:
                j += 1
            shaped = self.font.shape(text[i:j], rtl=levels[i] % 2 == 1)
            pieces.append(Piece(shaped, levels[i], shaped.advance))
            i = j
        return _Word(tuple(pieces), sum(p.advance for p in pieces))

    def _line(self, group: list[_Word | Piece], base: int) -> Line:
        pieces: list[Piece] = []
        for item in group:
            if isinstance(item, Piece):
                pieces.append(item)
            else:
                pieces.extend(item.pieces)
        # L1 on whole pieces: trailing spaces were dropped already; spaces keep levels.
        levels = line_levels(
            "".join(" " if p.shaped is None else "x" for p in pieces),
            [p.level for p in pieces], base,
        ) if pieces else []
        order = visual_order(levels)
        ordered = tuple(pieces[i] for i in order)
        return Line(
            ordered,
            sum(p.advance for p in pieces),
            sum(1 for p in pieces if p.shaped is None),
            False,
        )

    # --- drawing ----------------------------------------------------------------------

    def draw_line(self, canvas: Canvas, line: Line, x: float, baseline: float, width: float,
                  style: TextStyle) -> tuple[float, float]:
        """Draw one line inside [x, x + width]; returns its drawn (left, right) extent."""
        scale = self.scale(style)
        natural = line.advance * scale
        extra = 0.0
        align = style.align
        if align == "justify":
            if not line.last and line.spaces and natural < width:
                extra = (width - natural) / line.spaces
                natural = width
            align = "right" if style.rtl else "left"
        if align == "right":
            left = x + width - natural
        elif align == "center":
            left = x + (width - natural) / 2
        else:
            left = x
        self._emit(canvas, line, left, baseline, style, extra)
        return left, left + natural

    def draw_string(self, canvas: Canvas, text: str, x: float, baseline: float,
                    style: TextStyle, anchor: Align = "right") -> float:
        """Draw a one-line string ending (``right``), starting (``left``) or centred at
        ``x``; returns its width in points."""
        lines = self.lines(text, None, style)
        total = 0.0
        for n, line in enumerate(lines):
            w = line.advance * self.scale(style)
            left = x - w if anchor == "right" else x - w / 2 if anchor == "center" else x
            self._emit(canvas, line, left, baseline - n * style.line_height, style, 0.0)
            total = max(total, w)
        return total

    def draw_outlines(self, canvas: Canvas, text: str, x: float, baseline: float,
                      style: TextStyle, anchor: Align = "center") -> None:
        """Draw one line as filled glyph outlines, not text: the shapes of a watermark
        that must not mix its letters into the page's extractable text."""
        lines = self.lines(text, None, style)
        if not lines:
            return
        line = lines[0]
        scale = self.scale(style)
        width = line.advance * scale
        left = x - width if anchor == "right" else x - width / 2 if anchor == "center" else x
        path = canvas.beginPath()
        pen_x = 0.0
        for piece in line.pieces:
            glyphs = self._space.glyphs if piece.shaped is None else piece.shaped.glyphs
            for glyph in glyphs:
                origin_x = left + (pen_x + glyph.x_offset) * scale
                origin_y = baseline + glyph.y_offset * scale
                self.font.hb_font.draw_glyph_with_pen(
                    glyph.gid, _PathPen(path, origin_x, origin_y, scale)
                )
                pen_x += glyph.advance
        canvas.saveState()
        canvas.setFillColorRGB(*style.color)
        # Glyphs of variable fonts overlap their contours: fill with the non-zero rule.
        canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        canvas.restoreState()

    def baseline_offset(self, style: TextStyle) -> float:
        """Distance from the top of a line box to its baseline (extents centred)."""
        scale = self.scale(style)
        mid = (self.font.ascender + self.font.descender) / 2 * scale
        return style.line_height / 2 + mid

    def _emit(self, canvas: Canvas, line: Line, left: float, baseline: float,
              style: TextStyle, extra_per_space: float) -> None:
        if not line.pieces:
            return
        doc = canvas._doc
        glyph_font = self.font.glyphs
        size = style.size
        to_em = 1000.0 / self.font.upem  # font units → thousandths of an em (TJ units)
        extra = extra_per_space * 1000.0 / size
        r, g, b = style.color
        ops = [f"q {r:.3f} {g:.3f} {b:.3f} rg"]
        if style.bold:
            ops.append(f"{r:.3f} {g:.3f} {b:.3f} RG {size * _BOLD_STROKE:.3f} w 1 j 2 Tr")
        ops.append(f"BT 1 0 0 1 {left:.3f} {baseline:.3f} Tm")
        run: list[str] = []
        marks: list[tuple[float, float, int]] = []
        current_font = ""
        pending = 0.0  # horizontal correction still owed, thousandths of an em
        pen = 0.0  # pen position from ``left``, thousandths of an em
        rise = 0

        def flush() -> None:
            if run:
                ops.append("[" + " ".join(run) + "] TJ")
                run.clear()

        for piece in line.pieces:
            glyphs = self._space.glyphs if piece.shaped is None else piece.shaped.glyphs
            for glyph in glyphs:
                if glyph.is_mark:
                    marks.append(((pen + glyph.x_offset * to_em), glyph.y_offset, glyph.gid))
                    continue
                name, code = self._code(doc, glyph.gid, glyph.text)
                if name != current_font:
                    flush()
                    ops.append(f"{name} {size:g} Tf")
                    current_font = name
                if glyph.y_offset != rise:
                    flush()
                    ops.append(f"{glyph.y_offset * to_em * size / 1000:.3f} Ts")
                    rise = glyph.y_offset
                pending += glyph.x_offset * to_em
                if abs(pending) > 0.005:
                    run.append(f"{-pending:.2f}")
                run.append(f"<{code}>")
                pending = (glyph.advance - glyph.x_offset) * to_em - glyph_font.pdf_width(glyph.gid)
                pen += glyph.advance * to_em
            if piece.shaped is None and extra:
                pending += extra
                pen += extra
        flush()
        if rise:
            ops.append("0 Ts")
        for mark_x, mark_y, gid in marks:  # dots and harakat at their anchors
            name, code = self._code(doc, gid, "")
            if name != current_font:
                ops.append(f"{name} {size:g} Tf")
                current_font = name
            ops.append(
                f"1 0 0 1 {left + mark_x * size / 1000:.3f} "
                f"{baseline + mark_y * to_em * size / 1000:.3f} Tm <{code}> Tj"
            )
        ops.append("ET Q")
        canvas._code.append("\n".join(ops))


class _PathPen:
    """A fontTools-style pen that appends a glyph's outline to a reportlab path."""

    def __init__(self, path: Any, x: float, y: float, scale: float) -> None:
        self.path = path
        self.x, self.y, self.scale = x, y, scale
        self.last = (0.0, 0.0)

    def _pt(self, p: tuple[float, float]) -> tuple[float, float]:
        return self.x + p[0] * self.scale, self.y + p[1] * self.scale

    def moveTo(self, p: tuple[float, float]) -> None:
        self.path.moveTo(*self._pt(p))
        self.last = p

    def lineTo(self, p: tuple[float, float]) -> None:
        self.path.lineTo(*self._pt(p))
        self.last = p

    def curveTo(self, *points: tuple[float, float]) -> None:
        c1, c2, end = points
        self.path.curveTo(*self._pt(c1), *self._pt(c2), *self._pt(end))
        self.last = end

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        # HarfBuzz hands one quadratic segment at a time: raise it to a cubic.
        control, end = points
        (x0, y0), (cx, cy), (x1, y1) = self.last, control, end
        c1 = (x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0))
        c2 = (x1 + 2 / 3 * (cx - x1), y1 + 2 / 3 * (cy - y1))
        self.curveTo(c1, c2, end)

    def closePath(self) -> None:
        self.path.close()


class Paragraph(Flowable):
    """A wrapped Persian paragraph that splits across pages between lines."""

    def __init__(self, typesetter: Typesetter, text: str, style: TextStyle,
                 *, lines: list[Line] | None = None, keep_with_next: bool = False) -> None:
        super().__init__()
        self.typesetter = typesetter
        self.text = text
        self.style = style
        self._lines = lines
        self._fixed = lines is not None  # a split part keeps the lines it was given
        self._laid_out_for: float | None = None
        self.keepWithNext = keep_with_next
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def __repr__(self) -> str:
        return f"Paragraph({self.text[:30]!r})"

    def _layout(self, width: float) -> list[Line]:
        if self._lines is None or (not self._fixed and self._laid_out_for != width):
            self._lines = self.typesetter.lines(self.text, width, self.style)
            self._laid_out_for = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.line_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        fit = int(availHeight // self.style.line_height)
        if fit < 1 or fit >= len(lines):
            return []
        # Avoid widows and orphans where the paragraph allows it.
        if len(lines) >= 4:
            fit = max(2, min(fit, len(lines) - 2)) if fit >= 2 else 0
        if fit < 1:
            return []
        head = Paragraph(self.typesetter, self.text, self.style.but(space_after=0.0),
                         lines=lines[:fit])
        tail = Paragraph(self.typesetter, self.text, self.style.but(space_before=0.0),
                         lines=lines[fit:], keep_with_next=bool(self.keepWithNext))
        return [head, tail]

    def draw(self) -> None:
        lh = self.style.line_height
        offset = self.typesetter.baseline_offset(self.style)
        for n, line in enumerate(self._lines or []):
            baseline = self.height - n * lh - offset
            self.typesetter.draw_line(self.canv, line, 0.0, baseline, self.width, self.style)


def rtl_table(
    rows: Sequence[Sequence[Flowable | str]],
    col_widths: Sequence[float],
    *,
    header_rows: int = 1,
    grid: RGB = (0.55, 0.55, 0.55),
    header_fill: RGB = (0.9, 0.9, 0.9),
    zebra: RGB | None = (0.97, 0.97, 0.97),
    padding: float = 3.0,
    font_name: str | None = None,
    row_heights: Sequence[float | None] | None = None,
) -> Table:
    """A table whose first column is on the right; header rows repeat on every page.

    ``rows`` and ``col_widths`` are given in reading order (right to left).
    """
    data = [list(reversed(row)) for row in rows]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, grid),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding / 2),
    ]
    if font_name:
        # Cells hold flowables, but Table still sets a font per cell: make it ours, or
        # every page would reference an unembedded Helvetica.
        commands.append(("FONT", (0, 0), (-1, -1), font_name, 9))
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), header_fill))
    if zebra is not None:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, zebra]))
    table = Table(data, colWidths=list(reversed(col_widths)), repeatRows=header_rows,
                  hAlign="RIGHT", rowHeights=list(row_heights) if row_heights else None)
    table.setStyle(TableStyle(commands))
    return table
