"""Page images compared with reviewed snapshots (tests/snapshots/*.png) with a tolerance.

Pages are rendered by ``pdftoppm`` at 100 dpi in grey (an A4 page is 827 x 1170 pixels).
A pixel *differs* when its grey level moves by more than ``PIXEL_THRESHOLD``; a page
matches its snapshot when

* at most ``MAX_DIFFERING`` of all its pixels differ (anti-aliasing noise between
  poppler/FreeType builds is spread thinly over the page), and
* no 16 x 16 pixel tile holds more than ``MAX_TILE_DIFFERING`` differing pixels: one
  wrong glyph concentrates its change in a tile or two. Measured on this machine (see
  ``test_snapshot_check_catches_one_changed_glyph``): a hamza dropped from تأیید changes
  10 pixels of one tile, 4512 → 4513 changes 20; rendering the same PDF twice changes 0.

Updating the snapshots (after an intended change of a document's look):

1. ``NEZARAT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -p no:cacheprovider
   tests/printing/test_documents.py -k snapshots`` rewrites ``tests/snapshots/<name>-<n>.png``;
2. look at every page written (an image viewer, at 100%): Persian letters joined,
   lines right to left, digits and Latin words in place, tables whole, nothing clipped;
3. run the tests again without the variable: they must pass, then commit the PNGs with
   the change that needed them.

A failure writes the new page next to the test's temporary files and names it, with the
share of differing pixels and the worst tile, so it can be compared with the snapshot.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from PIL import Image, ImageChops

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
DPI = 100
# A pixel "differs" when its grey level moves by more than this...
PIXEL_THRESHOLD = 60
# ...a page matches when at most this share of its pixels differ...
MAX_DIFFERING = 0.001
# ...and no TILE x TILE square holds more than this many of them.
TILE = 16
MAX_TILE_DIFFERING = 6


def _page_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def render_pages(pdf: Path, out_dir: Path) -> list[Path]:
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True)
    return sorted(out_dir.glob(f"{pdf.stem}-[0-9]*.png"), key=_page_number)


def difference(a: Path, b: Path) -> tuple[float, int]:
    """(share of differing pixels, differing pixels in the worst tile) of two pages."""
    first, second = Image.open(a).convert("L"), Image.open(b).convert("L")
    if first.size != second.size:
        return 1.0, TILE * TILE
    diff = ImageChops.difference(first, second).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    share = diff.histogram()[255] / (first.size[0] * first.size[1])
    # Sum each tile (pad the edges so partial tiles count too).
    width, height = -(-diff.size[0] // TILE) * TILE, -(-diff.size[1] // TILE) * TILE
    padded = Image.new("L", (width, height), 0)
    padded.paste(diff, (0, 0))
    tiles = padded.reduce(TILE)  # the mean of each tile
    worst = round(tiles.getextrema()[1] * TILE * TILE / 255)
    return share, worst


def snapshot_problems(pdf: Path, name: str, work: Path) -> list[str]:
    """How the pages of ``pdf`` differ from ``tests/snapshots/<name>-<n>.png`` ([] if not)."""
    work.mkdir(parents=True, exist_ok=True)
    pages = render_pages(pdf, work)
    expected = sorted(SNAPSHOTS.glob(f"{name}-[0-9]*.png"), key=_page_number)
    if len(pages) != len(expected):
        return [f"{name}: {len(pages)} pages rendered, {len(expected)} snapshots in {SNAPSHOTS}"]
    problems = []
    for page, snapshot in zip(pages, expected, strict=True):
        share, worst = difference(page, snapshot)
        if share > MAX_DIFFERING or worst > MAX_TILE_DIFFERING:
            problems.append(
                f"{snapshot.name}: {share:.3%} of the pixels differ, {worst} in "
                f"the worst {TILE}x{TILE} tile; the new page is {page}"
            )
    return problems


def assert_matches_snapshot(pdf: Path, name: str, work: Path) -> None:
    """Every page of ``pdf`` matches ``tests/snapshots/<name>-<n>.png``."""
    if os.environ.get("NEZARAT_UPDATE_SNAPSHOTS") == "1":
        work.mkdir(parents=True, exist_ok=True)
        pages = render_pages(pdf, work)
        for old in SNAPSHOTS.glob(f"{name}-[0-9]*.png"):
            old.unlink()
        SNAPSHOTS.mkdir(exist_ok=True)
        for n, page in enumerate(pages, start=1):
            (SNAPSHOTS / f"{name}-{n}.png").write_bytes(page.read_bytes())
        return
    problems = snapshot_problems(pdf, name, work)
    assert not problems, "\n".join(problems)
