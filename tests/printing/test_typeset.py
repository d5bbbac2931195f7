"""Persian typesetting over reportlab: shaping, glyph coverage, wrapping, placement."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from supervisor_app.printing.fonts import (
    PERSIAN_DIGITS,
    PERSIAN_LETTERS,
    load_font,
    resolve_font,
    shipped_font_path,
)
from supervisor_app.printing.typeset import TextStyle, Typesetter

from .conftest import pdftotext, squash

FONT = resolve_font()
TS = Typesetter(FONT)


def _pdf(path: Path, draw: Callable[[Canvas], None]) -> Path:
    canvas = Canvas(str(path), pagesize=A4, invariant=1, initialFontName=FONT.name)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


def _words(path: Path) -> list[tuple[float, float, str]]:
    """(xMin, xMax, text) of every word pdftotext -bbox finds, in its own order."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
    return [(float(a), float(b), t) for a, b, t in re.findall(pattern, out)]


def test_every_persian_letter_and_digit_has_a_glyph() -> None:
    """The shipped font draws every Persian letter and digit: no .notdef (glyph 0)."""
    assert FONT.missing(PERSIAN_LETTERS + PERSIAN_DIGITS + "\u200c٬٫،؛؟«»") == ""
    for ch in PERSIAN_LETTERS + PERSIAN_DIGITS:
        for context in (ch, f"ب{ch}ب", f"{ch}ب", f"ب{ch}"):
            assert all(g.gid != 0 for g in FONT.shape(context, rtl=True).glyphs), (ch, context)


def test_lam_alef_is_the_fonts_ligature() -> None:
    """لا is drawn with the font's lam-alef forms, not an isolated lam and alef."""
    nominal = {FONT.hb_font.get_nominal_glyph(ord("ل")), FONT.hb_font.get_nominal_glyph(ord("ا"))}
    shaped = {g.gid for g in FONT.shape("لا", rtl=True).glyphs}
    assert not shaped & nominal


def test_letters_join_in_their_contextual_forms() -> None:
    """Initial, medial and final forms of one letter are different glyphs."""
    bases = [g.gid for g in FONT.shape("ببب", rtl=True).glyphs if g.advance]
    assert len(set(bases)) == 3


def test_wrapping_keeps_logical_order_and_width() -> None:
    """Lines are filled in reading order and none is wider than the column."""
    text = " ".join(f"واژهٔ{n}" for n in range(1, 60))
    style = TextStyle(size=11)
    lines = TS.lines(text, 200, style)
    assert len(lines) > 5
    assert all(line.advance * TS.scale(style) <= 200.001 for line in lines)


def test_wrapped_paragraph_extracts_in_reading_order(tmp_path: Path) -> None:
    """pdftotext reads a wrapped Persian paragraph back word by word in order."""
    text = " ".join(f"بند {n:d} از مادهٔ {n + 30:d}" for n in range(1, 25))
    style = TextStyle(size=11, align="justify")

    def draw(canvas: Canvas) -> None:
        y = 780.0
        for line in TS.lines(text, 300, style):
            left, right = TS.draw_line(canvas, line, 150, y, 300, style)
            if not line.last:
                assert right - left == pytest.approx(300, abs=0.01)  # justified
            y -= style.line_height

    assert squash(pdftotext(_pdf(tmp_path / "p.pdf", draw))) == squash(text)


def test_brackets_digits_and_latin_are_placed_right(tmp_path: Path) -> None:
    """In a Persian line, words run right to left while digits, a Latin word and a
    Latin number keep left-to-right order, and brackets face their contents."""
    text = "ماده ۳۷ (بند ز) با نسخهٔ PAdES در سال 2026 ثبت شد"

    def draw(canvas: Canvas) -> None:
        TS.draw_string(canvas, text, 550, 700, TextStyle(size=14))

    words = _words(_pdf(tmp_path / "line.pdf", draw))
    by_text = {t: (x0, x1) for x0, x1, t in words}
    # Visual (left-to-right) text of each word: Persian reversed, digits/Latin not.
    assert {"هدام", "۳۷", "دنب(", ")ز", "PAdES", "2026", "دش"} <= set(by_text), words
    order = ["هدام", "۳۷", "دنب(", ")ز", "اب", "ٔهخسن", "PAdES", "رد", "لاس", "2026", "تبث",
             "دش"]
    centres = [sum(by_text[w]) / 2 for w in order]
    assert centres == sorted(centres, reverse=True)  # first word rightmost
    assert max(x1 for x0, x1, _ in words) == pytest.approx(550, abs=0.5)  # right-aligned


def test_mirrored_brackets_extract_as_written(tmp_path: Path) -> None:
    """Brackets drawn mirrored in right-to-left text come back as the logical ( and )."""
    text = "اعتراض (در مهلت چهار روزه) پذیرفته شد"

    def draw(canvas: Canvas) -> None:
        TS.draw_string(canvas, text, 550, 700, TextStyle(size=12))

    assert squash(pdftotext(_pdf(tmp_path / "b.pdf", draw))) == squash(text)


def test_font_is_embedded_as_a_subset(tmp_path: Path) -> None:
    """The PDF embeds a subset of the font it was shaped with (no system font needed)."""
    path = _pdf(tmp_path / "f.pdf", lambda c: TS.draw_string(c, "سلام 123", 500, 700,
                                                              TextStyle(size=12)))
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    assert out and all(re.search(r"TrueType\s+\S+\s+yes\s+yes\s+yes", row) for row in out), out
    assert all("NotoSansArabic" in row for row in out)


def test_official_font_setting_is_used_only_when_it_covers_persian(tmp_path: Path) -> None:
    """settings.font_path: a Persian-capable font is used; a Latin-only or broken one is not."""
    official = tmp_path / "Official.ttf"
    shutil.copy(shipped_font_path(), official)
    assert resolve_font(str(official)).path == official.resolve()
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert resolve_font(str(vera)).path == shipped_font_path().resolve()
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert resolve_font(str(broken)).path == shipped_font_path().resolve()
    assert load_font(official) is load_font(official)


def test_marks_and_ligatures_extract_in_logical_order(tmp_path: Path) -> None:
    """Harakat, hamza, ZWNJ and لا come back from the PDF exactly as written."""
    text = "مُحَمَّد رأی می‌شود لاله مسئله"

    def draw(canvas: Canvas) -> None:
        TS.draw_string(canvas, text, 550, 700, TextStyle(size=14))

    assert squash(pdftotext(_pdf(tmp_path / "m.pdf", draw))) == squash(text)


def test_variable_font_is_embedded_as_its_default_instance(tmp_path: Path) -> None:
    """The shipped variable font is embedded as a static subset (no fvar/gvar tables)."""
    import io
    import struct

    from pyhanko.pdf_utils.reader import PdfFileReader

    assert {"fvar", "gvar"} <= set(FONT.face.table_tags)  # the file is variable...
    path = _pdf(tmp_path / "v.pdf", lambda c: TS.draw_string(c, "نظارت", 500, 700,
                                                              TextStyle(size=12)))
    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    fonts = reader.root["/Pages"]["/Kids"][0]["/Resources"]["/Font"]
    for ref in fonts.values():
        data = ref.get_object()["/FontDescriptor"]["/FontFile2"].get_object().data
        (count,) = struct.unpack(">H", data[4:6])
        tags = {data[12 + 16 * i : 16 + 16 * i].decode("ascii") for i in range(count)}
        assert "glyf" in tags and not tags & {"fvar", "gvar", "HVAR", "avar"}  # ...the PDF not
