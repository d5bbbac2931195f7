"""Screenshots of the main window at 1366×768, for people to look at (and a sanity check)."""

import os
from pathlib import Path

import pytest
from PyQt6.QtGui import QColor, QImage

from supervisor_app.ui.main_window import Page

SIZE = (1366, 768)
PAGES = {"home": Page.HOME, "dossiers": Page.DOSSIERS, "sessions": Page.SESSIONS}


def _targets(tmp_path: Path) -> list[Path]:
    folders = [tmp_path]
    extra = os.environ.get("NEZARAT_SCREENSHOTS")
    if extra:
        folders.append(Path(extra))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def _distinct_colours(image: QImage, step: int = 7) -> int:
    colours: set[int] = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot_of_page(qtbot, main_window, tmp_path, name):
    """Saves a PNG of the page at 1366×768 (and to $NEZARAT_SCREENSHOTS) with real content."""
    main_window.show_page(PAGES[name])
    qtbot.wait(50)  # let layouts settle after the page switch
    pixmap = main_window.grab()
    image = pixmap.toImage()
    ratio = pixmap.devicePixelRatio()
    assert (round(image.width() / ratio), round(image.height() / ratio)) == SIZE
    assert _distinct_colours(image) > 20  # text was drawn, not a blank window
    # RTL: the navigation (its tinted background) is on the right edge, not the left.
    assert image.pixelColor(image.width() - 5, image.height() // 2) != QColor("white")
    for folder in _targets(tmp_path):
        path = folder / f"main_window_{name}.png"
        assert pixmap.save(str(path), "PNG")
        assert path.stat().st_size > 10_000
