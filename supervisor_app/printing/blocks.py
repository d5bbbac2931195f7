"""Building blocks the documents share: headings, label/value grids, tables, QR codes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

import qrcode
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from .typeset import Paragraph, TextStyle, Typesetter, rtl_table

__all__ = ["Blocks", "QrCode"]

BODY = TextStyle(size=10, leading=17)
SMALL = TextStyle(size=8.5, leading=14)
HEADING = TextStyle(size=11, leading=18, bold=True, space_before=5)
CELL = TextStyle(size=9, leading=14)
CELL_HEAD = CELL.but(bold=True)


@lru_cache(maxsize=4096)
def qr_matrix(value: str) -> tuple[tuple[bool, ...], ...]:
    """QR modules of ``value`` (cached: a ruling and its notice carry the same code)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(value)
    code.make(fit=True)  # includes the best-mask search the QR standard asks for
    return tuple(tuple(row) for row in code.get_matrix())


class QrCode(Flowable):
    """A vector QR code (error correction M), ``size`` points square, quiet zone included.

    Encoded by the ``qrcode`` package (about 20 ms with its best-mask search, less than
    reportlab's encoder) and drawn as filled rectangles, one per run of dark modules.
    """

    def __init__(self, value: str, size: float = 72.0, border: int = 2) -> None:
        super().__init__()
        self.value = value
        self.size = size
        self.border = border

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        matrix = qr_matrix(self.value)
        cell = self.size / (len(matrix) + 2 * self.border)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(matrix):
            y = self.size - (r + self.border + 1) * cell
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    # A hair taller than the cell so rows do not show seams when printed.
                    canvas.rect((c + self.border) * cell, y, count * cell, cell * 1.04,
                                stroke=0, fill=1)
                c += count
        canvas.restoreState()


class Blocks:
    """Factory of the shared blocks in one typesetter."""

    def __init__(self, typesetter: Typesetter, width: float) -> None:
        self.ts = typesetter
        self.width = width

    def para(self, text: str, style: TextStyle = BODY) -> Paragraph:
        return Paragraph(self.ts, text, style)

    def heading(self, text: str) -> Paragraph:
        return Paragraph(self.ts, text, HEADING, keep_with_next=True)

    def section(self, title: str, *body: Flowable) -> list[Flowable]:
        return [self.heading(title), *body]

    def cell(self, text: str, style: TextStyle = CELL) -> Paragraph:
        return Paragraph(self.ts, text, style)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, align: Sequence[str] | None = None,
              row_height: float | None = None) -> Table:
        """A grid with a repeated header; ``widths`` are fractions of the text width."""
        total = sum(widths)
        columns = [self.width * w / total for w in widths]
        aligns = list(align or ["right"] * len(header))
        data: list[list[Flowable | str]] = [
            [self.cell(h, CELL_HEAD.but(align="center")) for h in header]
        ]
        for row in rows:
            data.append([self.cell(text, CELL.but(align=a))  # type: ignore[arg-type]
                         for text, a in zip(row, aligns, strict=True)])
        heights = [None] + [row_height] * len(rows) if row_height else None
        return rtl_table(data, columns, font_name=self.ts.font.name, row_heights=heights)

    def grid(self, pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
        """Label/value pairs, ``columns`` pairs per row (first pair on the right)."""
        label_w = self.width / columns * 0.36
        value_w = self.width / columns - label_w
        rows: list[list[Flowable | str]] = []
        for start in range(0, len(pairs), columns):
            row: list[Flowable | str] = []
            chunk = list(pairs[start : start + columns])
            chunk += [("", "")] * (columns - len(chunk))
            for label, value in chunk:
                row += [self.cell(label, CELL_HEAD), self.cell(value)]
            rows.append(row)
        table = rtl_table(rows, [label_w, value_w] * columns, header_rows=0, zebra=None,
                          font_name=self.ts.font.name)
        commands = [("BACKGROUND", (len(rows[0]) - 1 - 2 * i, 0), (len(rows[0]) - 1 - 2 * i, -1),
                     (0.93, 0.93, 0.93)) for i in range(columns)]
        table.setStyle(TableStyle(commands))
        return table

    def spacer(self, height: float = 6.0) -> Spacer:
        return Spacer(self.width, height)

    def verification(self, qr_value: str, lines: Sequence[str]) -> KeepTogether:
        """A QR code on the left with the verification text on its right."""
        size = 72.0
        qr = QrCode(qr_value, size)
        text_width = self.width - size - 12
        texts: list[Flowable] = [Paragraph(self.ts, line, SMALL) for line in lines]
        box = Table([[qr, texts]], colWidths=[size + 12, text_width])
        box.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), self.ts.font.name, 9),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.5, (0.55, 0.55, 0.55)),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ]))
        return KeepTogether([Spacer(self.width, 8), box])
