"""The shipped font: where it comes from, what it covers, its licence, how Qt uses it."""

import sys
from pathlib import Path

import pytest
from PyQt6.QtGui import QFont, QFontDatabase, QFontMetricsF, QRawFont, QTextLayout

from supervisor_app.settings import Settings
from supervisor_app.ui import fonts
from supervisor_app.ui.fonts import (
    emphasised,
    register_fonts,
    shipped_font_license_path,
    shipped_font_path,
)

PERSIAN_LETTERS = "ا آ ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی ء أ ؤ ئ ۀ"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
PERSIAN_PUNCTUATION = "،؛؟«»٬٫"  # comma, semicolon, question mark, guillemets, ٬ and ٫
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
ZWNJ = "\u200c"
ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI


@pytest.fixture(scope="module")
def raw_font(qapp) -> QRawFont:
    font = QRawFont(str(shipped_font_path()), 16)
    assert font.isValid()
    return font


def _layout_glyphs(text: str, family: str) -> tuple[list[tuple[str, list[int]]], float]:
    font = QFont(family)
    font.setPointSize(16)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = [(r.rawFont().familyName(), list(r.glyphIndexes())) for r in layout.glyphRuns()]
    return runs, QFontMetricsF(font).horizontalAdvance(text)


def test_shipped_font_comes_from_the_python_package_not_the_system():
    """The font file is the fontpkg-noto-sans-arabic package's variable Noto Sans Arabic."""
    path = shipped_font_path()
    assert path.is_file()
    assert path.name == "NotoSansArabic[wdth,wght].ttf"
    assert "fontpkg_noto_sans_arabic" in path.parts
    assert not str(path).startswith("/usr/share/fonts")


def test_shipped_font_is_found_in_a_pyinstaller_bundle_first(monkeypatch, tmp_path):
    """In a frozen bundle the copy under sys._MEIPASS/fonts/ is used."""
    bundled = tmp_path / "fonts"
    bundled.mkdir()
    (bundled / fonts.SHIPPED_FONT_FILE).write_bytes(shipped_font_path().read_bytes())
    (bundled / fonts.SHIPPED_LICENSE_FILE).write_text("SIL OPEN FONT LICENSE Version 1.1")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert shipped_font_path() == bundled / fonts.SHIPPED_FONT_FILE
    assert shipped_font_license_path() == bundled / fonts.SHIPPED_LICENSE_FILE


def test_shipped_license_is_the_open_font_license():
    """The licence shipped beside the font is the SIL Open Font License 1.1."""
    text = shipped_font_license_path().read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Noto Project Authors" in text


@pytest.mark.parametrize(
    "name, characters",
    [
        ("Persian letters", PERSIAN_LETTERS.replace(" ", "")),
        ("Persian digits", PERSIAN_DIGITS),
        ("Persian punctuation", PERSIAN_PUNCTUATION),
        ("Latin letters and digits", LATIN),
        ("zero-width non-joiner", ZWNJ),
    ],
)
def test_cmap_covers(raw_font, name, characters):
    """The font's cmap has a glyph for every character of this group."""
    missing = [f"U+{ord(c):04X}" for c in characters if not raw_font.supportsCharacter(c)]
    assert missing == [], f"{name} missing from the shipped font"


def test_zwnj_is_invisible_and_breaks_the_join(qapp):
    """ZWNJ is in the cmap (so no fallback font), takes no width and stops ی joining خ."""
    family = register_fonts(Settings())
    joined, _ = _layout_glyphs("میخواهم", family)
    split, _ = _layout_glyphs("می\u200cخواهم", family)
    assert {f for f, _ in joined + split} == {"Noto Sans Arabic"}
    # Same letters, different shapes: ی takes its final form before the ZWNJ.
    assert joined[0][1] != split[0][1]
    metrics = QFontMetricsF(QFont(family, 16))
    assert metrics.horizontalAdvance(ZWNJ) == 0


def test_bidi_isolates_are_not_in_the_cmap_but_render_as_nothing(raw_font, qapp):
    """U+2066–2069 have no glyphs; Qt (HarfBuzz) still draws them invisible, no tofu/fallback.

    This is why ``ui.text.ltr`` may wrap ids in isolates with the shipped font.
    """
    assert not any(raw_font.supportsCharacter(c) for c in ISOLATES)
    family = register_fonts(Settings())
    plain_runs, plain_width = _layout_glyphs("۱۲۳۴", family)
    runs, width = _layout_glyphs("\u2066۱۲۳۴\u2069", family)
    assert {f for f, _ in runs} == {"Noto Sans Arabic"}
    assert width == pytest.approx(plain_width)
    assert 0 not in [g for _, glyphs in runs for g in glyphs]  # glyph 0 is .notdef (tofu)
    assert plain_runs[0][1] == [g for _, glyphs in runs for g in glyphs if g in plain_runs[0][1]]


def test_register_fonts_uses_the_shipped_font_by_default(qapp):
    """Without an official font configured, the family is the shipped Noto Sans Arabic."""
    assert register_fonts(Settings()) == "Noto Sans Arabic"
    assert "Noto Sans Arabic" in QFontDatabase.families()


def test_register_fonts_falls_back_when_the_official_font_is_unusable(qapp, tmp_path):
    """A missing or broken official font file falls back to the shipped font."""
    assert register_fonts(Settings(font_path=str(tmp_path / "absent.ttf"))) == "Noto Sans Arabic"
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert register_fonts(Settings(font_path=str(broken))) == "Noto Sans Arabic"


def test_register_fonts_rejects_an_official_font_without_persian(qapp):
    """An official font that lacks Persian letters is not used (Vera has no پ گ ژ glyphs)."""
    import reportlab

    # Bitstream Vera ships with reportlab (a dependency): no system font is needed.
    latin_only = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert fonts.missing_characters(latin_only, "Abc") == ""  # a usable font…
    assert fonts.missing_characters(latin_only, "پگژ") == "پگژ"  # …without Persian
    assert register_fonts(Settings(font_path=str(latin_only))) == "Noto Sans Arabic"


def test_register_fonts_honours_a_usable_official_font(qapp, tmp_path, caplog):
    """An official font file that loads and covers Persian is used without complaint."""
    official = tmp_path / "official.ttf"  # a copy: the only Persian font we may ship
    official.write_bytes(shipped_font_path().read_bytes())
    with caplog.at_level("WARNING", logger="supervisor_app.ui.fonts"):
        assert register_fonts(Settings(font_path=str(official))) == "Noto Sans Arabic"
    assert caplog.records == []


def test_emphasised_uses_the_weight_axis_not_synthetic_bold(qapp):
    """Bold text on the variable font sets wght=700 instead of faking bold by smearing."""
    family = register_fonts(Settings())
    bold = emphasised(QFont(family), 20)
    assert bold.pointSizeF() == 20
    assert bold.variableAxisTags() == [fonts.WEIGHT_AXIS]
    assert bold.variableAxisValue(fonts.WEIGHT_AXIS) == 700
    assert bold.weight() == QFont.Weight.Normal
