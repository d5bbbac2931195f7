"""The printed documents: searchable logical Persian text, valid PDF structure, page images."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from supervisor_app.domain.persian import persian_sort_key
from supervisor_app.printing.fonts import resolve_font
from supervisor_app.printing.layout import DEMO_WATERMARK, DRAFT_WATERMARK
from supervisor_app.printing.views import RulingView
from supervisor_app.signing.bundle import parse_bundle

from .conftest import FINAL_CANDIDATES, T_SESSION, World, pdftotext, squash, words_only
from .snapshots import assert_matches_snapshot, snapshot_problems

WritePdf = Callable[[bytes, str], Path]


def _contains_all(text: str, *expected: str) -> None:
    """Each expected phrase is in the text with its words, names, numbers and dates in
    reading order. Spaces and punctuation other than the date separator are ignored:
    poppler's reordering of right-to-left lines moves neutral characters (spaces, commas,
    colons, brackets) that touch a digit or Latin run to that run's other side."""
    flat = words_only(text)
    missing = [e for e in expected if words_only(e) not in flat]
    assert not missing, f"not in the extracted text: {missing}"


def _qpdf_ok(path: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.fixture(scope="module")
def sealed_hash(world: World) -> str:
    with world.store.unit_of_work(read_only=True) as uow:
        record = uow.signing.sealed(world.sealed_id)
    assert record is not None
    return record.payload_sha256


def test_ruling_text_reads_back_in_logical_order(world: World, write_pdf: WritePdf,
                                                 sealed_hash: str) -> None:
    """The ruling's names, numbers in Persian digits and Jalali dates extract in reading order."""
    path = write_pdf(world.printing.ruling_pdf(world.sealed_id), "ruling.pdf")
    text = pdftotext(path)
    _contains_all(
        text,
        "رأی هیات نظارت", "هیات نظارت شهرستان شمیرانات", "هیات عالی نظارت استان تهران",
        "شماره: ۱", "تاریخ: ۱۴۰۴/۱۰/۲۱",
        # The header grid: labels and values are separate cells.
        "پرویز چگینی فرزند ژوبین", "۰۰۱۲۳۴۵۶۷۹", "شهر تجریش", "R-000900",
        "۱۰:۳۰ ۱۴۰۴/۱۰/۲۱", "۴ نفر حاضر از ۵ عضو؛ حد نصاب ۳ نفر",
        "مستند قانونی مادهٔ ۳۷، بند ز",
        "(لیسانس) را ندارد؛ مدرک ارائه‌شده (فوق‌دیپلم) طبق استعلام شمارهٔ", "4512",
        "رأی هیات رد صلاحیت داوطلب",
        "زهرا احمدی", "مریم کریمی", "امضای دیجیتال",
        "جمع آرا: موافق ۳، مخالف ۱، ممتنع ۰؛ اکثریت لازم: ۳ رأی موافق",
        "غایبان: فاطمه حسینی (عضو)",
        "نظر مخالف مریم کریمی (دبیر): به نظر اینجانب مدرک تحصیلی داوطلب (کارشناسی) کافی است.",
        # Two number runs with only neutrals between them come out swapped (poppler
        # joins them into one left-to-right run): the day and the date are checked apart.
        "داوطلب می‌تواند حداکثر تا پایان روز ۲۵ دی", "۱۴۰۴/۱۰/۲۵",
        "اعتراض کتبی خود را به هیات عالی نظارت استان تهران تسلیم کند.",
        "رونوشت فرمانداری شهرستان شمیرانات؛ هیات عالی نظارت استان تهران",
        f"شناسهٔ رأی: {world.sealed_id}", f"SHA-256: {sealed_hash}",
        "صفحهٔ ۱ از ۱",
    )
    assert DRAFT_WATERMARK not in text and DEMO_WATERMARK not in text
    _qpdf_ok(path)


def _bbox_words(path: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, text) of every word of page 1, as ``pdftotext -bbox`` sees it:
    each word's characters in visual left-to-right order."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
    return [(float(a), float(c), float(b), t) for a, b, c, t in re.findall(pattern, out)]


def test_mixed_line_of_the_ruling_is_in_rtl_visual_order(world: World,
                                                         write_pdf: WritePdf) -> None:
    """On the ruling's reasoning line with a bracket pair, Latin digits and a Latin word,
    the words run right to left, the digits and the Latin word keep their left-to-right
    order, and each bracket faces its contents."""
    path = write_pdf(world.printing.ruling_pdf(world.sealed_id), "mixed.pdf")
    words = _bbox_words(path)
    (row,) = {y for _, _, y, t in words if t == "SAMA"}
    line = [(x0, x1, t) for x0, x1, y, t in words if y == row]
    # Logical order "4512/ص از سامانهٔ SAMA (کد 17) تأیید شد." as poppler shows each word.
    logical = ["ص/4512", "زا", "ٔهناماس", "SAMA", "دک(", ")17", "دییأت", ".دش"]
    assert sorted(t for _, _, t in line) == sorted(logical), line
    centres = {t: (x0 + x1) / 2 for x0, x1, t in line}
    assert [centres[t] for t in logical] == sorted(centres.values(), reverse=True)
    right_margin = max(x1 for _, x1, _, _ in words)
    assert centres["ص/4512"] < right_margin and max(x1 for _, x1, _ in line) == pytest.approx(
        right_margin, abs=0.5)  # the line starts at the right margin


def test_ruling_qr_code_carries_id_and_hash(world: World, write_pdf: WritePdf,
                                            sealed_hash: str, tmp_path: Path) -> None:
    """The QR code decodes to the ruling's id and the hash its members signed."""
    path = write_pdf(world.printing.ruling_pdf(world.sealed_id), "qr.pdf")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "qr")],
                   check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", *map(str, tmp_path.glob("qr-*.png"))],
                           capture_output=True, text=True).stdout.split()
    assert found == [f"NEZARAT-RULING:1:{world.sealed_id}:{sealed_hash}"]


def test_ruling_embeds_its_sealed_bundle(world: World) -> None:
    """A sealed ruling's PDF carries the exact bundle its members signed, as an attachment."""
    from supervisor_app.adapters.pdf_signer import attachments

    files = attachments(world.printing.ruling_pdf(world.sealed_id))
    assert list(files) == [f"ruling-{world.sealed_id}.nezarat.json"]
    assert files[f"ruling-{world.sealed_id}.nezarat.json"] == world.rulings.bundle(world.sealed_id)
    assert parse_bundle(next(iter(files.values()))).payload["ruling_id"] == world.sealed_id


def test_draft_prints_with_the_draft_watermark(world: World, write_pdf: WritePdf) -> None:
    """A ruling that is not sealed prints marked as a draft without legal force."""
    path = write_pdf(world.printing.ruling_pdf(world.draft_id), "draft.pdf")
    text = pdftotext(path)
    _contains_all(text, DRAFT_WATERMARK, "این نسخه پیش‌نویس است، مهر نشده و اعتبار قانونی ندارد.",
                  "وضعیت رأی", "پیش‌نویس")
    _qpdf_ok(path)


def test_notification_letter_text(world: World, write_pdf: WritePdf) -> None:
    """The notice addresses the candidate by name and states the deadline and venue."""
    path = write_pdf(world.printing.notification_pdf(world.sealed_id), "notice.pdf")
    _contains_all(
        pdftotext(path),
        "ابلاغیهٔ رأی هیات نظارت", "جناب آقای پرویز چگینی",
        "فرزند ژوبین، به کد ملی ۰۰۱۲۳۴۵۶۷۹، داوطلب عضویت در شورای اسلامی شهر تجریش",
        "به استحضار می‌رساند هیات نظارت شهرستان شمیرانات در جلسهٔ مورخ ۱۴۰۴/۱۰/۲۱",
        "به موجب رأی شمارهٔ ۱ مورخ ۱۴۰۴/۱۰/۲۱ چنین تصمیم گرفت: رد صلاحیت داوطلب",
        "حداکثر تا پایان روز ۲۵ دی", "۱۴۰۴/۱۰/۲۵", "رسید ابلاغ",
    )
    _qpdf_ok(path)


def test_session_minutes_text(world: World, write_pdf: WritePdf) -> None:
    """The minutes list the session's date, attendance, quorum and each decision."""
    path = write_pdf(world.printing.minutes_pdf(world.session_id), "minutes.pdf")
    _contains_all(
        pdftotext(path),
        "صورتجلسهٔ هیات نظارت", "۲۱ دی", "۱۴۰۴/۱۰/۲۱",
        "۴ از ۵ عضو؛ حد نصاب ۳ نفر؛ جلسه رسمی است",
        "جلسهٔ عادی هیات نظارت شهرستان شمیرانات در تاریخ ۲۱ دی ۱۴۰۴ با حضور اعضای زیر",
        "پرویز چگینی (R-000900)", "رد صلاحیت داوطلب", "موافق ۳، مخالف ۱، ممتنع ۰",
        "گلاره باقری (R-000901)", "تأیید صلاحیت داوطلب", "موافق ۴، مخالف ۰، ممتنع ۰",
        "تصویب شد",
        "امضای اعضای حاضر", "حسین موسوی", "غایبان: فاطمه حسینی (عضو)",
    )
    _qpdf_ok(path)


EXPECTED_ORDER = [
    "آقایی", "احمدی", "بهرامی", "پاکزاد", "پورمحمدی", "جعفری", "چگینی", "چمران", "زارعی",
    "ژوله", "ژیان", "کاظمی", "کریمی", "گلستانی", "گودرزی", "یزدانی",
]


def test_candidate_list_is_in_persian_alphabetical_order(world: World, write_pdf: WritePdf) -> None:
    """Surnames beginning with پ چ ژ گ sort after ب ج ز ک, as persian_sort_key orders them."""
    assert sorted((last for last, _ in FINAL_CANDIDATES), key=persian_sort_key) == EXPECTED_ORDER
    view = world.printing.candidate_list_view("K1")
    assert [c.last_name for c in view.candidates] == EXPECTED_ORDER
    path = write_pdf(world.printing.candidate_list_pdf("K1"), "list.pdf")
    rows = pdftotext(path, "-layout").splitlines()
    # Each table row is one line: the surnames appear in the list's order, numbered.
    printed = [name for line in rows for name in EXPECTED_ORDER if re.search(
        rf"(^|\s){name}(\s|$)", line)]
    assert printed == EXPECTED_ORDER
    text = pdftotext(path)
    _contains_all(text, "آگهی اسامی نامزدهای هفتمین دورهٔ انتخابات شوراهای اسلامی شهر و روستا",
                  "حوزهٔ انتخابیهٔ شورای اسلامی شهر تجریش — شهرستان شمیرانات",
                  "اسامی ۱۶ نامزد تأیید صلاحیت‌شدهٔ این حوزه برای ۷ کرسی")
    for excluded in ("ابراهیمی", "باقری", "سینا"):  # withdrawn, not final, other place
        assert excluded not in text
    _qpdf_ok(path)


def test_demo_prints_carry_the_watermark(world: World, write_pdf: WritePdf) -> None:
    """Every page printed from demo data says "نمونه — آزمایشی"."""
    path = write_pdf(world.demo_printing.candidate_list_pdf("K1"), "demo.pdf")
    text = pdftotext(path)
    assert squash(DEMO_WATERMARK) in squash(text)
    # The diagonal watermark is drawn as outlines: its letters do not pollute the text.
    assert words_only(text).count(words_only(DEMO_WATERMARK)) == 1
    normal = write_pdf(world.printing.candidate_list_pdf("K1"), "normal.pdf")
    assert squash(DEMO_WATERMARK) not in squash(pdftotext(normal))


def test_observer_summary_text(world: World, write_pdf: WritePdf) -> None:
    """The county summary counts reports by place, offence and severity and lists serious ones."""
    path = write_pdf(world.printing.observer_summary_pdf("C2301"), "observers.pdf")
    _contains_all(
        pdftotext(path),
        "خلاصهٔ گزارش‌های ناظران", "شمیرانات", "تهران", "تعداد گزارش‌ها", "۵",
        "خرید و فروش رأی", "شکستن لاک و مهر صندوق",
        "پرداخت وجه نقد به رأی‌دهندگان در ورودی شعبه (۳ نفر شاهد).",
        "دستگاه الکترونیکی DEV-7 دو بار از کار افتاد.",
        "۱۴۰۵/۰۲/۱۱",
    )
    _qpdf_ok(path)


def test_documents_use_no_missing_glyph(world: World) -> None:
    """Every character the documents print has a glyph in the embedded font (no .notdef)."""
    world.printing.ruling_pdf(world.sealed_id)
    world.printing.notification_pdf(world.sealed_id)
    world.printing.minutes_pdf(world.session_id)
    world.printing.candidate_list_pdf("K1")
    world.printing.observer_summary_pdf("C2301")
    world.demo_printing.ruling_pdf(world.draft_id)
    used = resolve_font().glyphs.used_glyphs()
    assert used and 0 not in used


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("ruling", lambda w: w.printing.ruling_pdf(w.sealed_id)),
        ("ruling-draft", lambda w: w.printing.ruling_pdf(w.draft_id)),
        ("notification", lambda w: w.printing.notification_pdf(w.sealed_id)),
        ("minutes", lambda w: w.printing.minutes_pdf(w.session_id)),
        ("candidate-list-demo", lambda w: w.demo_printing.candidate_list_pdf("K1")),
        ("observer-summary", lambda w: w.printing.observer_summary_pdf("C2301")),
    ],
)
def test_pages_match_reviewed_snapshots(world: World, write_pdf: WritePdf, tmp_path: Path,
                                        name: str, build: Callable[[World], bytes]) -> None:
    """Each document's pages look like the reviewed images in tests/snapshots/."""
    path = write_pdf(build(world), f"{name}.pdf")
    assert_matches_snapshot(path, name, tmp_path / "pages")


@pytest.mark.parametrize(("old", "new"), [("تأیید شد", "تایید شد"), ("4512", "4513")])
def test_snapshot_check_catches_one_changed_glyph(world: World, tmp_path: Path, old: str,
                                                  new: str) -> None:
    """One changed glyph (a dropped hamza, a digit) fails the page comparison, while the
    same ruling laid out the same way passes it."""
    view = world.printing.ruling_view(world.sealed_id)
    docs = world.printing.documents

    def pdf(v: RulingView, name: str) -> Path:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(docs.render([docs.ruling(v)], title="t", produced_at=world.clock()))
        return path

    assert snapshot_problems(pdf(view, "same"), "ruling", tmp_path / "same") == []
    changed = replace(view, reasoning=view.reasoning.replace(old, new, 1))
    assert changed.reasoning != view.reasoning
    assert snapshot_problems(pdf(changed, "changed"), "ruling", tmp_path / "changed")


def test_long_tables_repeat_their_header_on_every_page(tmp_path: Path) -> None:
    """A list longer than a page breaks between rows and repeats the header row."""
    from datetime import date as _date

    from supervisor_app.printing.documents import Documents
    from supervisor_app.printing.views import CandidateListView, CandidateRow

    docs = Documents(resolve_font())
    rows = tuple(CandidateRow(f"نام‌خانوادگی{n:03d}", "نام", "پدر", f"R-{n:06d}")
                 for n in range(1, 121))
    view = CandidateListView("K9", "شهر نمونه", "شهرستان نمونه", 11, None, "دورهٔ هفتم", rows,
                             _date(2026, 1, 11))
    path = tmp_path / "long.pdf"
    path.write_bytes(docs.render([docs.candidate_list(view)], title="t",
                                 produced_at=T_SESSION))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3
    seen_rows: list[str] = []
    for page in range(1, pages + 1):
        text = pdftotext(path, "-f", str(page), "-l", str(page))
        assert "نام خانوادگی" in text and "نام پدر" in text, f"no header on page {page}"
        assert words_only(f"صفحهٔ {page:d} از {pages:d}".translate(
            str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))) in words_only(text)
        seen_rows += re.findall(r"نام‌خانوادگی[۰-۹0-9]+", text)
    assert len(seen_rows) == 120 and len(set(seen_rows)) == 120  # no row lost or repeated


def test_documents_can_be_made_in_parallel(world: World, tmp_path: Path) -> None:
    """A background batch and a preview made at the same time both come out whole."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = [lambda: world.printing.rulings_batch_pdf(world.printing.find_rulings()),
            lambda: world.printing.candidate_list_pdf("K1")] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: job(), jobs))
    for n, data in enumerate(results):
        path = tmp_path / f"p{n}.pdf"
        path.write_bytes(data)
        _qpdf_ok(path)
        expected = "رد صلاحیت داوطلب" if n % 2 == 0 else "آگهی اسامی نامزدها"
        assert words_only(expected) in words_only(pdftotext(path))
