"""Render resources/icons/nezarat.svg into the PNG sizes and the Windows .ico.

    .venv/bin/python installer/make_icons.py

Run after editing the SVG and commit the outputs: the bundle build only copies them, so
it needs neither QtSvg rendering nor Pillow at build time.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image
from PyQt6.QtCore import QBuffer, QIODevice, Qt
from PyQt6.QtGui import QGuiApplication, QImage, QPainter
from PyQt6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "nezarat.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    _app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        (ICONS / f"nezarat-{size}.png").write_bytes(render(renderer, size))
    largest = Image.open(io.BytesIO(render(renderer, 256)))
    largest.save(ICONS / "nezarat.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"wrote {len(PNG_SIZES)} PNGs and nezarat.ico into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
