"""The printed documents: ruling, notification letter, session minutes, candidate list,
observer-report summary. Each builder turns a view (plain data) into a :class:`Part`;
:meth:`Documents.render` lays parts out into one PDF.

Wording is Persian; numbers, dates and counts are printed in Persian digits; ids and
hashes stay in Latin characters so they can be typed and compared exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from supervisor_app.domain.jalali import format_jalali, format_jalali_long
from supervisor_app.domain.persian import format_number, to_persian_digits
from supervisor_app.domain.rulings import RulingSubject, Vote

from . import labels as L
from .blocks import BODY, SMALL, Blocks
from .fonts import PdfFont
from .layout import (
    DEMO_WATERMARK,
    DRAFT_WATERMARK,
    Footer,
    Letterhead,
    PageSetup,
    Part,
    render_parts,
)
from .typeset import Typesetter
from .views import (
    BoardView,
    CandidateListView,
    MemberLine,
    MinutesView,
    ObserverSummaryView,
    RulingView,
)

__all__ = ["Documents"]

ORGANISATION = "هیات‌های نظارت بر انتخابات شوراهای اسلامی شهر و روستا"
_SEVERITY_ORDER = ("low", "medium", "high", "critical")


def fa(value: int | str) -> str:
    return to_persian_digits(value)


def _number(serial: int | None) -> str:
    return fa(serial) if serial is not None else "—"


def _legal(view: RulingView) -> str:
    return "؛ ".join(L.legal_basis_text(b.article, b.clause) for b in view.legal_basis) or "—"


def _addressee(gender: str) -> str:
    return "سرکار خانم" if gender == "female" else "جناب آقای"


class Documents:
    """Builds the printable documents in one font; ``demo`` marks every page as a sample."""

    def __init__(self, font: PdfFont, *, demo: bool = False,
                 setup: PageSetup | None = None) -> None:
        self.font = font
        self.demo = demo
        self.setup = setup or PageSetup()
        self.ts = Typesetter(font)
        self.blocks = Blocks(self.ts, self.setup.frame_width)

    # --- shared -----------------------------------------------------------------------

    def render(self, parts: Sequence[Part], *, title: str, produced_at: datetime,
               subject: str = "", keywords: str = "",
               progress: Callable[[int], None] | None = None) -> bytes:
        return render_parts(parts, self.ts, title=title, subject=subject, keywords=keywords,
                            produced_at=produced_at, setup=self.setup, progress=progress)

    def _watermark(self, draft: bool = False) -> str:
        if self.demo:
            return DEMO_WATERMARK
        return DRAFT_WATERMARK if draft else ""

    @staticmethod
    def _organisation(board: BoardView | None) -> tuple[str, ...]:
        lines = [ORGANISATION]
        if board is not None:
            if board.parent_name:
                lines.append(board.parent_name)
            lines.append(board.name)
        return tuple(lines)

    def _ruling_footer(self, view: RulingView, label: str) -> Footer:
        digest = view.payload_sha256 or "—"
        return Footer(
            lines=(f"شناسهٔ رأی: {view.ruling_id}", f"چکیدهٔ امضاشدهٔ رأی (SHA-256): {digest}"),
            label=label,
        )

    def _verification(self, view: RulingView, *, notice: bool = False) -> Flowable:
        b = self.blocks
        if view.sealed and notice:
            lines = [
                "اصالت این ابلاغیه را می‌توان با شناسه و چکیدهٔ رأی (کد QR) در نسخهٔ امضاشدهٔ "
                "رأی نزد هیات بررسی کرد.",
                f"شناسهٔ رأی: {view.ruling_id}",
                f"SHA-256: {view.payload_sha256}",
            ]
        elif view.sealed:
            lines = [
                "اصالت این رأی را می‌توان با پروندهٔ رأی امضاشده که پیوست همین PDF است و "
                "با امضاهای دیجیتال PDF بررسی کرد (supervisor-app verify).",
                f"شناسهٔ رأی: {view.ruling_id}",
                f"SHA-256: {view.payload_sha256}",
            ]
        else:
            lines = ["این نسخه پیش‌نویس است، مهر نشده و اعتبار قانونی ندارد.",
                     f"شناسهٔ رأی: {view.ruling_id}"]
        return b.verification(view.qr_value, lines)

    @staticmethod
    def _members_text(members: Sequence[MemberLine]) -> str:
        return "، ".join(f"{m.full_name} ({L.label(L.ROLES, m.role)})" for m in members) or "—"

    # --- (a) the ruling ---------------------------------------------------------------

    def ruling(self, view: RulingView) -> Part:
        b = self.blocks
        story: list[Flowable] = []
        pairs = [("موضوع", L.label(L.SUBJECTS, view.subject))]
        if view.candidate is not None:
            c = view.candidate
            pairs += [
                ("داوطلب", f"{c.full_name} فرزند {c.father_name}"),
                ("کد ملی", fa(c.national_id)),
                ("حوزهٔ انتخابیه", c.constituency),
                ("شناسهٔ ثبت‌نام", c.registration_id),
            ]
        else:
            pairs.append(("مرجع موضوع", view.subject_ref))
        session = (format_jalali(view.session_at, with_time=True) if view.session_at
                   else format_jalali(view.issued_on))
        pairs += [
            ("نوع جلسه", L.label(L.MEETING_TYPES, view.meeting_type)),
            ("تاریخ جلسه", session),
            ("وضعیت رأی", L.label(L.RULING_STATUSES, view.status)),
            ("حد نصاب", self._quorum_text(view)),
        ]
        story.append(b.grid(pairs))
        story += b.section("مستند قانونی", b.para(_legal(view)))
        story += b.section("استدلال هیات", b.para(view.reasoning or "—", BODY.but(align="justify")))
        story += b.section("رأی هیات", b.para(view.decision, BODY.but(bold=True)))
        story += b.section("آرا و امضای اعضای حاضر", self._votes_table(view))
        story.append(b.para(self._tally_text(view), SMALL.but(space_before=3)))
        story.append(b.para(f"غایبان: {self._members_text(view.absent)}", SMALL))
        dissent = [m for m in view.present if m.dissent_note.strip()]
        if dissent:
            story += b.section("نظر مخالف", *[
                b.para(f"{m.full_name} ({L.label(L.ROLES, m.role)}): {m.dissent_note}",
                       BODY.but(align="justify"))
                for m in dissent
            ])
        story += b.section("مهلت و مرجع اعتراض", b.para(self._objection_text(view)))
        if view.notify:
            story += b.section("رونوشت", b.para("؛ ".join(view.notify)))
        if view.supersedes:
            story.append(b.para(f"این رأی جایگزین رأی با شناسهٔ {view.supersedes} است.", SMALL))
        story.append(self._verification(view))
        number = _number(view.serial)
        return Part(
            story,
            Letterhead("رأی هیات نظارت", self._organisation(view.board), number,
                       format_jalali(view.issued_on),
                       "دارد (الکترونیکی)" if view.sealed else "ندارد"),
            self._ruling_footer(view, f"رأی شمارهٔ {number}"),
            self._watermark(draft=not view.sealed),
        )

    @staticmethod
    def _quorum_text(view: RulingView) -> str:
        present = len(view.present)
        met = "حاصل است" if present >= view.required_present else "حاصل نیست"
        return (f"{fa(present)} نفر حاضر از {fa(view.full_membership)} عضو؛ "
                f"حد نصاب {fa(view.required_present)} نفر — {met}")

    def _votes_table(self, view: RulingView) -> Flowable:
        rows = []
        for n, m in enumerate(view.present, start=1):
            if m.signed_pdf:
                signature = "امضای دیجیتال رأی و PDF"
            elif m.signed:
                signature = "امضای دیجیتال"
            else:
                signature = "امضا نکرده"
            rows.append([fa(n), m.full_name, L.label(L.ROLES, m.role),
                         L.label(L.VOTES, m.vote) if m.vote else "—", signature])
        return self.blocks.table(
            ["ردیف", "نام و نام خانوادگی", "سمت", "رأی", "امضا"], rows,
            [0.6, 2.6, 1.5, 2.1, 2.0], align=["center", "right", "right", "right", "right"],
        )

    @staticmethod
    def _tally_text(view: RulingView) -> str:
        tally = {v: sum(1 for m in view.present if m.vote == v.value) for v in Vote}
        return (f"جمع آرا: موافق {fa(tally[Vote.APPROVE])}، مخالف {fa(tally[Vote.REJECT])}، "
                f"ممتنع {fa(tally[Vote.ABSTAIN])}؛ اکثریت لازم: {fa(view.required_votes)} "
                "رأی موافق")

    @staticmethod
    def _objection_text(view: RulingView) -> str:
        venue = view.objection_venue or "هیات نظارت بالاتر"
        if view.objection_deadline is None:
            if view.subject == RulingSubject.OBJECTION.value:
                return "این رأی در مرحلهٔ رسیدگی به اعتراض صادر شده و قطعی است."
            return f"مرجع رسیدگی به اعتراض: {venue}."
        return (
            f"داوطلب می‌تواند حداکثر تا پایان روز "
            f"{format_jalali_long(view.objection_deadline)} "
            f"({format_jalali(view.objection_deadline)}) اعتراض کتبی خود را به {venue} "
            "تسلیم کند. به اعتراضی که پس از این مهلت برسد رسیدگی نمی‌شود."
        )

    # --- (b) the notification letter --------------------------------------------------

    def notification(self, view: RulingView) -> Part:
        b = self.blocks
        c = view.candidate
        story: list[Flowable] = []
        if c is None:
            recipient = [f"گیرنده: {view.subject_ref}"]
        else:
            recipient = [
                f"{_addressee(c.gender)} {c.full_name}",
                f"فرزند {c.father_name}، به کد ملی {fa(c.national_id)}، داوطلب عضویت در "
                f"شورای اسلامی {c.constituency} (شناسهٔ ثبت‌نام {c.registration_id})",
            ]
        story += [b.para(line, BODY.but(bold=n == 0)) for n, line in enumerate(recipient)]
        story.append(b.para("با سلام و احترام،", BODY.but(space_before=6)))
        session = format_jalali(view.session_at or view.issued_on)
        story.append(b.para(
            f"به استحضار می‌رساند {view.board.name} در جلسهٔ مورخ {session} موضوع "
            f"«{L.label(L.SUBJECTS, view.subject)}» را بررسی کرد و به موجب رأی شمارهٔ "
            f"{_number(view.serial)} مورخ {format_jalali(view.issued_on)} چنین تصمیم گرفت: "
            f"{view.decision}",
            BODY.but(align="justify"),
        ))
        story += b.section("مستند قانونی", b.para(_legal(view)))
        story += b.section("استدلال هیات", b.para(view.reasoning or "—", BODY.but(align="justify")))
        story += b.section("حق اعتراض",
                           b.para(self._objection_text(view), BODY.but(align="justify")))
        story.append(b.para(view.board.name, BODY.but(bold=True, align="left", space_before=14)))
        story.append(b.para("دبیرخانهٔ هیات", BODY.but(align="left")))
        story.append(CondPageBreak(150))
        story += b.section("رسید ابلاغ", b.para(
            "اینجانب ........................................ ابلاغیهٔ بالا را در تاریخ "
            "........../........../.......... ساعت .......... دریافت کردم.",
            BODY.but(align="justify")))
        story.append(b.para("نام، امضا و اثر انگشت گیرنده: ..............................",
                            BODY.but(space_before=10)))
        story.append(b.para("نام و امضای مأمور ابلاغ: ..............................", BODY))
        story.append(self._verification(view, notice=True))
        number = _number(view.serial)
        return Part(
            story,
            Letterhead("ابلاغیهٔ رأی هیات نظارت", self._organisation(view.board), number,
                       format_jalali(view.issued_on)),
            self._ruling_footer(view, f"ابلاغیهٔ رأی شمارهٔ {number}"),
            self._watermark(draft=not view.sealed),
        )

    # --- (c) the session minutes ------------------------------------------------------

    def minutes(self, view: MinutesView) -> Part:
        b = self.blocks
        present = len(view.present)
        met = "جلسه رسمی است" if present >= view.required_present else "جلسه به حد نصاب نرسید"
        story: list[Flowable] = [b.grid([
            ("هیات", view.board.name),
            ("تاریخ جلسه", f"{format_jalali_long(view.held_on)} ({format_jalali(view.held_on)})"),
            ("نوع جلسه", L.label(L.MEETING_TYPES, view.meeting_type)),
            ("حاضران", f"{fa(present)} از {fa(view.full_membership)} عضو؛ حد نصاب "
                        f"{fa(view.required_present)} نفر؛ {met}"),
        ])]
        story.append(b.para(
            f"جلسهٔ {L.label(L.MEETING_TYPES, view.meeting_type)} {view.board.name} در تاریخ "
            f"{format_jalali_long(view.held_on)} با حضور اعضای زیر تشکیل شد و موارد دستور "
            "جلسه را به شرح جدول بررسی و دربارهٔ آن‌ها تصمیم گرفت.",
            BODY.but(align="justify", space_before=6)))
        story += b.section("دستور جلسه و تصمیمات", self._agenda_table(view))
        story.append(b.para(f"غایبان: {self._members_text(view.absent)}", SMALL))
        rows = [[fa(n), m.full_name, L.label(L.ROLES, m.role), ""]
                for n, m in enumerate(view.present, start=1)]
        story.append(KeepTogether([
            b.heading("امضای اعضای حاضر"),
            b.table(["ردیف", "نام و نام خانوادگی", "سمت", "امضا"], rows, [0.6, 3, 2, 3],
                    align=["center", "right", "right", "right"], row_height=30),
        ]))
        story.append(b.para(f"شناسهٔ جلسه: {view.session_id}", SMALL.but(space_before=6)))
        return Part(
            story,
            Letterhead("صورتجلسهٔ هیات نظارت", self._organisation(view.board), "",
                       format_jalali(view.held_on)),
            Footer(label="صورتجلسه"),
            self._watermark(),
        )

    def _agenda_table(self, view: MinutesView) -> Flowable:
        rows = []
        for n, item in enumerate(view.items, start=1):
            votes = (f"موافق {fa(item.approve)}، مخالف {fa(item.reject)}، "
                     f"ممتنع {fa(item.abstain)}")
            outcome = "تصویب شد" if item.carried else "تصویب نشد"
            rows.append([fa(n), L.label(L.SUBJECTS, item.subject), item.candidate,
                         item.proposal, votes, outcome, _number(item.ruling_serial)])
        if not rows:
            rows.append(["", "موردی در دستور جلسه نبود.", "", "", "", "", ""])
        return self.blocks.table(
            ["ردیف", "موضوع", "داوطلب", "پیشنهاد", "آرا", "نتیجه", "شمارهٔ رأی"], rows,
            [0.5, 1.4, 2.0, 1.8, 1.8, 1.0, 0.8],
            align=["center", "right", "right", "right", "right", "right", "center"],
        )

    # --- (d) the public list of candidates --------------------------------------------

    def candidate_list(self, view: CandidateListView) -> Part:
        b = self.blocks
        place = view.constituency_name
        story: list[Flowable] = [
            b.para(f"آگهی اسامی نامزدهای {view.cycle_title}".strip(),
                   BODY.but(size=13, bold=True, align="center")),
            b.para(f"حوزهٔ انتخابیهٔ شورای اسلامی {place} — شهرستان {view.county_name}",
                   BODY.but(size=12, bold=True, align="center")),
            b.para(
                f"به استناد قانون تشکیلات، وظایف و انتخابات شوراهای اسلامی کشور، اسامی "
                f"{format_number(len(view.candidates))} نامزد تأیید صلاحیت‌شدهٔ این حوزه برای "
                f"{format_number(view.seats)} کرسی، به ترتیب حروف الفبای نام خانوادگی، به شرح "
                "زیر به اطلاع رأی‌دهندگان می‌رسد.",
                BODY.but(align="justify", space_before=8, space_after=6)),
        ]
        rows = [[format_number(n, grouping=False), c.last_name, c.first_name, c.father_name]
                for n, c in enumerate(view.candidates, start=1)]
        if not rows:
            rows.append(["", "نامزد تأییدشده‌ای در این حوزه نیست.", "", ""])
        story.append(b.table(["ردیف", "نام خانوادگی", "نام", "نام پدر"], rows,
                             [0.7, 3, 2.4, 2.4], align=["center", "right", "right", "right"]))
        signer = view.board.name if view.board else "هیات نظارت"
        story.append(b.para(signer, BODY.but(bold=True, align="left", space_before=14)))
        return Part(
            story,
            Letterhead("آگهی اسامی نامزدها", self._organisation(view.board), "",
                       format_jalali(view.published_on)),
            Footer(lines=(f"کد حوزه: {view.constituency_code}",), label="آگهی اسامی نامزدها"),
            self._watermark(),
        )

    # --- (e) observer reports of a county ---------------------------------------------

    def observer_summary(self, view: ObserverSummaryView) -> Part:
        b = self.blocks
        period = "—"
        if view.first_at and view.last_at:
            period = (f"از {format_jalali(view.first_at, with_time=True)} تا "
                      f"{format_jalali(view.last_at, with_time=True)}")
        story: list[Flowable] = [b.grid([
            ("شهرستان", view.county_name),
            ("استان", view.province_name),
            ("تعداد گزارش‌ها", format_number(view.total)),
            ("بازهٔ زمانی", period),
        ])]
        story += b.section("گزارش‌ها به تفکیک حوزهٔ انتخابیه", self._constituency_table(view))
        story += b.section("گزارش‌ها به تفکیک نوع تخلف و شدت", self._category_table(view))
        serious = view.serious[: view.serious_limit]
        rows = [[format_number(n, grouping=False), format_jalali(r.observed_at, with_time=True),
                 f"{r.constituency} / {r.branch_code}", L.label(L.OFFENCES, r.category),
                 L.label(L.SEVERITIES, r.severity), r.description]
                for n, r in enumerate(serious, start=1)]
        if not rows:
            rows.append(["", "", "", "گزارش با شدت زیاد یا بحرانی نیست.", "", ""])
        story += b.section("گزارش‌های با شدت زیاد و بحرانی", b.table(
            ["ردیف", "زمان", "حوزه / شعبه", "نوع", "شدت", "شرح"], rows,
            [0.5, 1.5, 1.7, 1.7, 0.7, 3.2],
            align=["center", "right", "right", "right", "right", "right"]))
        if len(view.serious) > view.serious_limit:
            story.append(b.para(
                f"{format_number(len(view.serious) - view.serious_limit)} گزارش دیگر با شدت "
                "زیاد یا بحرانی در این فهرست نیامده است.", SMALL))
        return Part(
            story,
            Letterhead("خلاصهٔ گزارش‌های ناظران", self._organisation(view.board), "",
                       format_jalali(view.printed_on)),
            Footer(lines=(f"کد شهرستان: {view.county_code}",), label="خلاصهٔ گزارش ناظران"),
            self._watermark(),
        )

    def _constituency_table(self, view: ObserverSummaryView) -> Flowable:
        rows = [[name, format_number(branches), format_number(with_reports), format_number(n),
                 format_number(critical)]
                for name, branches, with_reports, n, critical in view.constituencies]
        if not rows:
            rows.append(["—", "", "", "", ""])
        return self.blocks.table(
            ["حوزهٔ انتخابیه", "شعبه‌ها", "شعبه‌های دارای گزارش", "گزارش‌ها", "بحرانی"], rows,
            [3, 1, 1.6, 1, 1], align=["right", "center", "center", "center", "center"])

    def _category_table(self, view: ObserverSummaryView) -> Flowable:
        rows = []
        totals = dict.fromkeys(_SEVERITY_ORDER, 0)
        for category, counts in view.by_category:
            for s in _SEVERITY_ORDER:
                totals[s] += counts.get(s, 0)
            rows.append([L.label(L.OFFENCES, category),
                         *[format_number(counts.get(s, 0)) for s in _SEVERITY_ORDER],
                         format_number(sum(counts.values()))])
        rows.append(["جمع", *[format_number(totals[s]) for s in _SEVERITY_ORDER],
                     format_number(sum(totals.values()))])
        return self.blocks.table(
            ["نوع تخلف", *[L.label(L.SEVERITIES, s) for s in _SEVERITY_ORDER], "جمع"], rows,
            [3.4, 0.9, 0.9, 0.9, 0.9, 0.9], align=["right"] + ["center"] * 5)
