"""Page images compared with reviewed snapshots (tests/snapshots/*.png) with a tolerance.

Pages are rendered by ``pdftoppm`` at 40 dpi in grey: small files, yet a moved word,
a missing line or a wrong glyph changes many pixels. Set ``NEZARAT_UPDATE_SNAPSHOTS=1``
to write new snapshots, then look at every page before committing them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from PIL import Image, ImageChops

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
DPI = 40
# A pixel "differs" when its grey level moves by more than this (anti-aliasing noise
# between poppler builds stays well below it)...
PIXEL_THRESHOLD = 60
# ...and a page matches when at most this share of its pixels differ.
MAX_DIFFERING = 0.004


def _page_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def render_pages(pdf: Path, out_dir: Path) -> list[Path]:
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)],
                   check=True)
    return sorted(out_dir.glob(f"{pdf.stem}-[0-9]*.png"), key=_page_number)


def differing_share(a: Path, b: Path) -> float:
    first, second = Image.open(a).convert("L"), Image.open(b).convert("L")
    if first.size != second.size:
        return 1.0
    diff = ImageChops.difference(first, second).point(
        lambda v: 255 if v > PIXEL_THRESHOLD else 0
    )
    histogram = diff.histogram()
    return histogram[255] / (first.size[0] * first.size[1])


def assert_matches_snapshot(pdf: Path, name: str, work: Path) -> None:
    """Every page of ``pdf`` matches ``tests/snapshots/<name>-<n>.png``."""
    work.mkdir(parents=True, exist_ok=True)
    pages = render_pages(pdf, work)
    expected = sorted(SNAPSHOTS.glob(f"{name}-[0-9]*.png"), key=_page_number)
    if os.environ.get("NEZARAT_UPDATE_SNAPSHOTS") == "1":
        for old in expected:
            old.unlink()
        SNAPSHOTS.mkdir(exist_ok=True)
        for n, page in enumerate(pages, start=1):
            (SNAPSHOTS / f"{name}-{n}.png").write_bytes(page.read_bytes())
        return
    assert len(pages) == len(expected), (
        f"{name}: {len(pages)} pages rendered, {len(expected)} snapshots in {SNAPSHOTS}"
    )
    for page, snapshot in zip(pages, expected, strict=True):
        share = differing_share(page, snapshot)
        assert share <= MAX_DIFFERING, (
            f"{snapshot.name}: {share:.2%} of the pixels differ; the new page is {page}"
        )
