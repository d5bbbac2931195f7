"""The PDF font: HarfBuzz shapes with it, reportlab embeds the glyphs HarfBuzz chose.

Why HarfBuzz rather than arabic-reshaper: the reshaper maps letters to Unicode
presentation forms, so it only knows the joining forms Unicode has and nothing the font
itself does (Noto Sans Arabic builds dotted letters from a dotless skeleton plus dot
marks, positions hamza and harakat with GPOS anchors, kerns, and has Persian-specific
forms). HarfBuzz runs the font's own GSUB/GPOS tables and returns glyph ids with
advances and offsets; the PDF then shows exactly what the font designer intended, and
an official font set in the settings works the same way.

reportlab only draws text by character, so :class:`GlyphFont` gives every (glyph,
text) pair it meets a private code point (plane 15, never in real text) that maps to
the glyph, and writes its own ToUnicode CMap that maps each code back to the logical
text of the glyph's cluster. Dot and mark glyphs map to nothing. That keeps the PDF
searchable: ``pdftotext`` gives back the logical Persian text.

The shipped font is a variable TTF (wdth, wght). reportlab subsets its ``glyf`` table,
which holds the default instance (Regular, normal width); HarfBuzz with no variation
set measures that same instance, so metrics and outlines agree. Bold is drawn by
stroking the outlines (see ``typeset``), which needs no second font file and works with
any official font as well.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

log = logging.getLogger(__name__)

FONT_PACKAGE = "fontpkg_noto_sans_arabic"
SHIPPED_FONT_FILE = "NotoSansArabic[wdth,wght].ttf"
BUNDLE_FONT_DIR = "fonts"  # inside sys._MEIPASS (see ui/fonts.py)

# What a font must draw before the printouts use it (letters, hamza forms, digits and
# the punctuation the documents print).
PERSIAN_LETTERS = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءأؤئۀ"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
REQUIRED_CHARACTERS = PERSIAN_LETTERS + PERSIAN_DIGITS + "٬٫،؛؟«»()[]/:-.0123456789"

_PRIVATE_BASE = 0xF0000  # Supplementary Private Use Area-A: pseudo characters for glyphs
_SHAPE_CACHE_SIZE = 65_536


def shipped_font_path() -> Path:
    """The OFL font shipped with the app (PyInstaller bundle first, then the package).

    Mirrors ``ui.fonts.shipped_font_path`` without importing Qt: printing runs headless.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidate = Path(frozen) / BUNDLE_FONT_DIR / SHIPPED_FONT_FILE
        if candidate.is_file():
            return candidate
    try:
        root = resources.files(FONT_PACKAGE)
    except ModuleNotFoundError as exc:
        raise FileNotFoundError(
            f"the font package {FONT_PACKAGE!r} is not installed "
            "(pip install fontpkg-noto-sans-arabic)"
        ) from exc
    return Path(str(root.joinpath("files", SHIPPED_FONT_FILE)))


@dataclass(frozen=True, slots=True)
class Glyph:
    """One positioned glyph in font units; ``text`` is what it stands for in ToUnicode."""

    gid: int
    advance: int
    x_offset: int
    y_offset: int
    text: str

    @property
    def is_mark(self) -> bool:
        """Zero-width glyph with no text of its own (dots, harakat): drawn as an overlay."""
        return self.advance == 0 and not self.text


@dataclass(frozen=True, slots=True)
class Shaped:
    """A shaped run, glyphs left to right (HarfBuzz reverses right-to-left runs)."""

    glyphs: tuple[Glyph, ...]
    advance: int  # font units


def _tounicode_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(texts: list[str]) -> str:
    """A ToUnicode CMap for one 8-bit subset: code i → texts[i] (may be several chars)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
    ]
    # Every code is listed: an empty mapping (``<>``) makes extractors skip a mark glyph,
    # while an unlisted code would come out as the character with that byte value.
    items = list(enumerate(texts))
    for start in range(0, len(items), 100):  # at most 100 entries per block (PDF spec)
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:02X}> <{_tounicode_hex(text)}>" for code, text in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class GlyphFont(TTFont):
    """A reportlab TrueType font addressed by glyph id (see the module docstring)."""

    def __init__(self, name: str, path: Path, widths: Callable[[int], float]) -> None:
        super().__init__(name, str(path), asciiReadable=False)
        self._widths = widths
        self._codes: dict[tuple[int, str], int] = {}
        self._texts: dict[int, str] = {}
        self._lock = threading.Lock()

    def code_for(self, gid: int, text: str) -> str:
        """The pseudo character that draws glyph ``gid`` and extracts as ``text``."""
        key = (gid, text)
        code = self._codes.get(key)
        if code is None:
            with self._lock:
                code = self._codes.get(key)
                if code is None:
                    code = _PRIVATE_BASE + len(self._codes)
                    self.face.charToGlyph[code] = gid
                    self.face.charWidths[code] = self._widths(gid)
                    self._texts[code] = text
                    self._codes[key] = code
        return chr(code)

    def used_glyphs(self) -> set[int]:
        """Glyph ids drawn so far through this font (0 would be .notdef: a missing glyph)."""
        return {gid for gid, _ in self._codes}

    def pdf_width(self, gid: int) -> float:
        """The glyph's width in the PDF's /Widths (thousandths of an em)."""
        return self._widths(gid)

    def _text_of(self, code: int) -> str:
        if code >= _PRIVATE_BASE:
            return self._texts.get(code, "")
        return chr(code) if code else ""

    def addObjects(self, doc: Any) -> None:
        """As ``TTFont.addObjects``, with a ToUnicode CMap of the glyphs' cluster texts."""
        state = self.state[doc]
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_name = base.decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(c) for c in subset])
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode_cmap([self._text_of(c) for c in subset])
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]


class PdfFont:
    """One font file, shaped by HarfBuzz and embedded (subset) by reportlab."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        data = self.path.read_bytes()
        self.face = hb.Face(hb.Blob(data))
        self.hb_font = hb.Font(self.face)
        self.upem = self.face.upem
        extents = self.hb_font.get_font_extents("ltr")
        self.ascender = extents.ascender
        self.descender = extents.descender
        self._unicodes = frozenset(self.face.unicodes)
        # One reportlab name per file content: two fonts never share a subset table.
        digest = hashlib.sha256(data).hexdigest()[:12]
        self.name = f"Nezarat-{digest}"
        scale = 1000.0 / self.upem
        advance = self.hb_font.get_glyph_h_advance
        self.glyphs = GlyphFont(self.name, self.path, lambda gid: round(advance(gid) * scale, 3))
        # Registered so that canvases can start in it: reportlab otherwise references
        # Helvetica on every page (unembedded), which PDF/A checkers and pdffonts flag.
        pdfmetrics.registerFont(self.glyphs)
        self.space = self._shape_uncached(" ", False)
        self._shape = lru_cache(maxsize=_SHAPE_CACHE_SIZE)(self._shape_uncached)

    def missing(self, characters: str) -> str:
        """The characters of ``characters`` (spaces and controls aside) with no glyph."""
        return "".join(
            dict.fromkeys(
                ch for ch in characters
                if ch.isprintable() and not ch.isspace() and ord(ch) not in self._unicodes
            )
        )

    def shape(self, text: str, rtl: bool) -> Shaped:
        """Glyphs of ``text`` shaped in one direction (cached: names and words repeat)."""
        return self._shape(text, rtl)

    def _shape_uncached(self, text: str, rtl: bool) -> Shaped:
        buf = hb.Buffer()
        # Code points, so that clusters are indices into ``text`` whatever it holds.
        buf.add_codepoints([ord(ch) for ch in text])
        buf.guess_segment_properties()
        buf.direction = "rtl" if rtl else "ltr"
        buf.language = "fa"
        hb.shape(self.hb_font, buf, {})
        infos, positions = buf.glyph_infos, buf.glyph_positions
        # Clusters (graphemes: a letter and its marks) and where each ends in ``text``.
        starts = sorted({info.cluster for info in infos})
        ends = {c: (starts[i + 1] if i + 1 < len(starts) else len(text))
                for i, c in enumerate(starts)}
        # The widest glyph of a cluster carries its text; its dots and marks carry none.
        owner: dict[int, int] = {}
        for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
            j = owner.get(info.cluster)
            if j is None or pos.x_advance > positions[j].x_advance:
                owner[info.cluster] = i
        glyphs = []
        for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
            cluster_text = ""
            if owner[info.cluster] == i:
                cluster_text = text[info.cluster : ends[info.cluster]]
                if rtl and len(cluster_text) > 1:
                    # Extractors read right-to-left lines backwards, glyph by glyph and
                    # character by character: store a cluster's text reversed so that
                    # "بَ" comes back as "بَ" and not "َب".
                    cluster_text = cluster_text[::-1]
            glyphs.append(
                Glyph(info.codepoint, pos.x_advance, pos.x_offset, pos.y_offset, cluster_text)
            )
        return Shaped(tuple(glyphs), sum(g.advance for g in glyphs))


_fonts: dict[Path, PdfFont] = {}
_fonts_lock = threading.Lock()


def load_font(path: Path) -> PdfFont:
    """The :class:`PdfFont` of a file, loaded once per process."""
    key = Path(path).resolve()
    with _fonts_lock:
        font = _fonts.get(key)
        if font is None:
            font = _fonts[key] = PdfFont(key)
        return font


def resolve_font(configured: str = "") -> PdfFont:
    """The official font of ``settings.font_path`` if it loads and covers Persian, else the
    shipped one (a warning in the log says why)."""
    if configured:
        path = Path(configured).expanduser()
        try:
            font = load_font(path)
        except Exception as exc:  # any unreadable or non-TrueType file
            log.warning("configured font %s cannot be used for PDFs (%s); "
                        "using the shipped font", path, exc)
        else:
            missing = font.missing(REQUIRED_CHARACTERS)
            if not missing:
                return font
            log.warning("configured font %s lacks %r; using the shipped font", path, missing)
    return load_font(shipped_font_path())
