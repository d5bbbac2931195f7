"""Pages: A4 frames, the board letterhead, footers with "page n of m", the demo watermark.

A PDF holds one or more *parts* (one ruling, or a thousand in a batch); each part starts
on a new page and numbers its own pages. Headers and footers need the page count, so
the canvas keeps every finished page and decorates them all when the document is saved
(the usual reportlab "numbered canvas"); the watermark goes under the content when a
page starts.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from supervisor_app.domain.jalali import format_jalali
from supervisor_app.domain.persian import to_persian_digits

from .typeset import TextStyle, Typesetter

__all__ = [
    "DEMO_WATERMARK",
    "DRAFT_WATERMARK",
    "Footer",
    "Letterhead",
    "PageSetup",
    "Part",
    "render_parts",
]

DEMO_WATERMARK = "نمونه — آزمایشی"
DRAFT_WATERMARK = "پیش‌نویس — فاقد اعتبار"
BISMILLAH = "بسمه تعالی"
GREY: tuple[float, float, float] = (0.35, 0.35, 0.35)
RULE: tuple[float, float, float] = (0.25, 0.25, 0.25)


@dataclass(frozen=True, slots=True)
class PageSetup:
    width: float = A4[0]
    height: float = A4[1]
    left: float = 50.0
    right: float = 50.0
    top: float = 120.0  # room for the letterhead
    bottom: float = 56.0  # room for the footer

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The top of every page: organisation on the right, number/date on the left."""

    title: str
    organisation: tuple[str, ...]  # lines on the right; the last one is the board, in bold
    number: str = ""  # already in Persian digits
    date: str = ""
    attachment: str = "ندارد"


@dataclass(frozen=True, slots=True)
class Footer:
    lines: tuple[str, ...] = ()  # small print above the page number (ids, hashes)
    label: str = ""  # e.g. "رأی شمارهٔ ۱۲": continued pages say which document they are


@dataclass(slots=True)
class Part:
    """One document in a PDF: its flowables, letterhead and footer, and its watermark."""

    story: list[Flowable]
    letterhead: Letterhead
    footer: Footer = field(default_factory=Footer)
    watermark: str = ""


class _PartStart(Flowable):
    """Zero-size marker: the pages from here on belong to part ``index``."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv._nezarat_part = self.index  # type: ignore[attr-defined]


def _timestamp(moment: datetime) -> TimeStamp:
    """reportlab's document timestamp set to ``moment`` (same input, same PDF bytes)."""
    stamp = TimeStamp(invariant=True)
    seconds = moment.astimezone(UTC).timestamp()
    stamp.t = seconds
    stamp.lt = time.gmtime(seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, setup: PageSetup, on_page: Callable[..., None],
                 **kwargs: Any) -> None:
        super().__init__(buffer, pagesize=(setup.width, setup.height),
                         leftMargin=setup.left, rightMargin=setup.right,
                         topMargin=setup.top, bottomMargin=setup.bottom,
                         pageCompression=1, **kwargs)
        frame = Frame(setup.left, setup.bottom, setup.frame_width,
                      setup.height - setup.top - setup.bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])


def render_parts(
    parts: Sequence[Part],
    typesetter: Typesetter,
    *,
    title: str,
    subject: str = "",
    produced_at: datetime,
    setup: PageSetup | None = None,
    keywords: str = "",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Lay out ``parts`` into one PDF and return its bytes (deterministic for its input).

    ``progress(i)`` is called as part ``i`` starts being laid out (batches report it);
    it may raise to cancel.
    """
    setup = setup or PageSetup()
    buffer = io.BytesIO()
    page_parts: list[int] = []

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        part = getattr(canvas, "_nezarat_pending", 0)
        watermark = parts[part].watermark if parts else ""
        if watermark:
            _draw_watermark(canvas, typesetter, setup, watermark)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            kwargs["initialFontName"] = typesetter.font.name
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _timestamp(produced_at)
            self._pages: list[dict[str, Any]] = []
            self._nezarat_part = 0
            self._nezarat_pending = 0

        def showPage(self) -> None:
            page_parts.append(self._nezarat_part)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            counts: dict[int, int] = {}
            for part in page_parts:
                counts[part] = counts.get(part, 0) + 1
            seen: dict[int, int] = {}
            for state, part in zip(self._pages, page_parts, strict=True):
                self.__dict__.update(state)
                seen[part] = seen.get(part, 0) + 1
                _decorate(self, typesetter, setup, parts[part], seen[part], counts[part])
                Canvas.showPage(self)
            Canvas.save(self)

    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(_NextPart(i))
            story.append(PageBreak())
        story.append(_PartStart(i))
        if progress is not None:
            story.append(_Progress(progress, i))
        story.extend(part.story)
    doc = _Document(buffer, setup, on_page, title=title, subject=subject,
                    author="نظارت (Nezarat)", creator="Nezarat supervisor-app",
                    keywords=keywords, lang="fa-IR")
    # Safe next to another layout (a background batch while a preview is made): the
    # font's subset state is per document, its shared caches are locked or atomic.
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


class _NextPart(Flowable):
    """Tells the page-start hook which part the next page belongs to (for its watermark)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv._nezarat_pending = self.index  # type: ignore[attr-defined]


class _Progress(Flowable):
    def __init__(self, callback: Callable[[int], None], index: int) -> None:
        super().__init__()
        self.callback = callback
        self.index = index

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.callback(self.index)
        return 0.0, 0.0

    def draw(self) -> None:
        pass


def _draw_watermark(canvas: Canvas, ts: Typesetter, setup: PageSetup, text: str) -> None:
    style = TextStyle(size=64, color=(0.86, 0.86, 0.86), bold=True)
    fit = 0.72 * (setup.width**2 + setup.height**2) ** 0.5  # along the diagonal
    width = ts.width(text, style)
    if width > fit:
        style = style.but(size=style.size * fit / width)
    canvas.saveState()
    canvas.translate(setup.width / 2, setup.height / 2)
    canvas.rotate(40)
    # Outlines, not text: diagonal letters would scatter through the extracted text.
    # The footer repeats the notice as searchable text.
    ts.draw_outlines(canvas, text, 0, -20, style, anchor="center")
    canvas.restoreState()


def _decorate(canvas: Canvas, ts: Typesetter, setup: PageSetup, part: Part, page: int,
              pages: int) -> None:
    _draw_letterhead(canvas, ts, setup, part.letterhead, page)
    _draw_footer(canvas, ts, setup, part.footer, page, pages, part.watermark)


def _draw_letterhead(canvas: Canvas, ts: Typesetter, setup: PageSetup, head: Letterhead,
                     page: int) -> None:
    top = setup.height - 34
    right = setup.width - setup.right
    left = setup.left
    small = TextStyle(size=9.5)
    ts.draw_string(canvas, BISMILLAH, setup.width / 2, top, small, anchor="center")
    y = top - 16
    for n, line in enumerate(head.organisation):
        bold = n == len(head.organisation) - 1
        ts.draw_string(canvas, line, right, y, small.but(bold=bold, size=10.5 if bold else 9.5))
        y -= 15
    # Number, date and attachment: labels right-aligned in a block at the left margin.
    label_x = left + 135
    y = top - 16
    for label, value in (("شماره:", head.number), ("تاریخ:", head.date),
                         ("پیوست:", head.attachment)):
        ts.draw_string(canvas, f"{label} {value}" if value else label, label_x, y, small)
        y -= 15
    title = head.title if page == 1 else f"{head.title} (ادامه)"
    ts.draw_string(canvas, title, setup.width / 2, top - 58, TextStyle(size=15, bold=True),
                   anchor="center")
    canvas.saveState()
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.8)
    line_y = setup.height - setup.top + 12
    canvas.line(left, line_y, right, line_y)
    canvas.restoreState()


def _draw_footer(canvas: Canvas, ts: Typesetter, setup: PageSetup, footer: Footer, page: int,
                 pages: int, watermark: str) -> None:
    right = setup.width - setup.right
    canvas.saveState()
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.5)
    canvas.line(setup.left, setup.bottom - 8, right, setup.bottom - 8)
    canvas.restoreState()
    small = TextStyle(size=7, color=GREY)
    y = setup.bottom - 19
    if watermark:
        # Under the footer lines, at the foot of the page, as searchable text.
        ts.draw_string(canvas, watermark, setup.width / 2, 14, TextStyle(size=9, bold=True),
                       anchor="center")
    for line in footer.lines:
        ts.draw_string(canvas, line, right, y, small)
        y -= 10
    number = f"صفحهٔ {to_persian_digits(page)} از {to_persian_digits(pages)}"
    if footer.label:
        number = f"{footer.label} — {number}"
    ts.draw_string(canvas, number, setup.left, setup.bottom - 19, TextStyle(size=8, color=GREY),
                   anchor="left")


def jalali_now_label(moment: datetime) -> str:
    """ "۱۴۰۴/۱۰/۲۱ ۱۴:۰۵" — print time as shown in footers of lists."""
    return format_jalali(moment, with_time=True)
