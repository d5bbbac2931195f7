"""The font the app ships and registers with Qt; never a font installed on the system.

The shipped font is Noto Sans Arabic (SIL OFL 1.1) from the PyPI package
``fontpkg-noto-sans-arabic``: one variable font (wdth, wght axes) covering Persian,
Latin and the Persian digits. A board that must use an official font sets
``settings.font_path``; it is used only if it loads and covers the Persian alphabet.

In a PyInstaller bundle the installer copies the font and its licence into
``fonts/`` under ``sys._MEIPASS`` (see ``BUNDLE_FONT_DIR``), which is looked at first.
"""

from __future__ import annotations

import logging
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PyQt6.QtGui import QFont, QFontDatabase, QGuiApplication, QRawFont

if TYPE_CHECKING:
    from supervisor_app.settings import Settings

log = logging.getLogger(__name__)

FONT_PACKAGE = "fontpkg_noto_sans_arabic"
SHIPPED_FONT_FILE = "NotoSansArabic[wdth,wght].ttf"
SHIPPED_LICENSE_FILE = "LICENSE"
BUNDLE_FONT_DIR = "fonts"  # inside sys._MEIPASS; holds SHIPPED_FONT_FILE and LICENSE

# The letters a font must have before the app will use it for Persian text.
PERSIAN_LETTERS = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءأؤئۀ"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

WEIGHT_AXIS = QFont.Tag("wght")
TITLE_POINT_SIZE = 15.0  # page and empty-state titles


def _bundled(name: str) -> Path | None:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidate = Path(frozen) / BUNDLE_FONT_DIR / name
        if candidate.is_file():
            return candidate
    return None


def _from_package(*parts: str) -> Path:
    try:
        root = resources.files(FONT_PACKAGE)
    except ModuleNotFoundError as exc:
        raise FileNotFoundError(
            f"the font package {FONT_PACKAGE!r} is not installed "
            "(pip install fontpkg-noto-sans-arabic)"
        ) from exc
    return Path(str(root.joinpath(*parts)))


def shipped_font_path() -> Path:
    """The shipped font file (bundle's ``fonts/`` first, then the Python package)."""
    return _bundled(SHIPPED_FONT_FILE) or _from_package("files", SHIPPED_FONT_FILE)


def shipped_font_license_path() -> Path:
    """The shipped font's licence text (SIL Open Font License 1.1)."""
    return _bundled(SHIPPED_LICENSE_FILE) or _from_package(SHIPPED_LICENSE_FILE)


def missing_characters(font_file: Path, characters: str) -> str:
    """The characters of ``characters`` that the font file's cmap has no glyph for."""
    raw = QRawFont(str(font_file), 12)
    if not raw.isValid():
        return characters
    return "".join(ch for ch in characters if not raw.supportsCharacter(ch))


def _add_font(path: Path) -> str | None:
    """Register a font file with Qt; its family name, or None if Qt cannot load it."""
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def register_fonts(settings: Settings) -> str:
    """Register the app's fonts (needs a QGuiApplication) and return the family to use."""
    shipped_path = shipped_font_path()
    shipped = _add_font(shipped_path)
    if shipped is None:
        log.error("could not load the shipped font %s", shipped_path)

    if settings.font_path:
        official_path = Path(settings.font_path).expanduser()
        official = _add_font(official_path)
        if official is None:
            log.warning("configured font %s does not load; using the shipped font", official_path)
        elif missing := missing_characters(official_path, PERSIAN_LETTERS + PERSIAN_DIGITS):
            log.warning(
                "configured font %s lacks %r; using the shipped font", official_path, missing
            )
        else:
            return official

    if shipped is None:
        # A broken install still starts (Qt falls back to some system font) but says so.
        return QGuiApplication.font().family()
    return shipped


def emphasised(font: QFont, point_size: float | None = None, weight: int = 700) -> QFont:
    """A bold (by default) copy of ``font``, optionally at another size.

    The shipped font is a variable font that Qt lists with a Regular style only, so
    ``setWeight(Bold)`` (and a stylesheet's ``font-weight: bold``) makes Qt smear the
    Regular outlines, which swallows the thin Persian thousands separator ٬ between
    digits. Setting the ``wght`` axis draws the font's real bold instead. A static
    official font with a real bold face gets ``setWeight`` (the axis would do nothing).
    """
    result = QFont(font)
    if point_size is not None:
        result.setPointSizeF(point_size)
    if any("bold" in style.lower() for style in QFontDatabase.styles(result.family())):
        result.setWeight(QFont.Weight(weight))
    else:
        result.setVariableAxis(WEIGHT_AXIS, float(weight))
    return result
