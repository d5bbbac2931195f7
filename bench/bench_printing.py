"""Milliseconds per ruling PDF (with and without PAdES signatures), a batch of 1,000
rulings, and the same ruling through LibreOffice from a .docx template, in one run.

Usage:  .venv/bin/python bench/bench_printing.py [--rounds 15] [--batch 1000] [--lo-rounds 3]

* ``ruling_pdf_ms``: lay out one sealed ruling (letterhead, grid, votes table, QR code,
  footer) with the Persian typesetter and embed its sealed bundle: what
  ``PrintingService.ruling_pdf`` does without signers;
* ``ruling_pdf_1_signature_ms`` / ``ruling_pdf_4_signatures_ms``: the same plus the
  signature fields and one (board seal) or four (the members who signed) incremental
  PAdES signatures (ECDSA P-256, software keys already unlocked);
* ``batch_1000``: 1,000 different rulings (numbers, ids, hashes and QR codes differ) laid
  out into one PDF, as the batch print of a review day does;
* ``libreoffice``: the same ruling's text filled into ``bench/templates/ruling.docx``
  and converted with ``soffice --headless --convert-to pdf``: the first (cold) start,
  the median of single conversions, and 20 documents in one soffice call. LibreOffice
  draws no QR code and embeds no bundle here, so it does less work than our path.

The timings include no store access. Prints one JSON object; copy it to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from supervisor_app.adapters import pdf_signer
from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.jalali import format_jalali, format_jalali_long
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.persian import to_persian_digits
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.printing import labels
from supervisor_app.printing.blocks import qr_matrix
from supervisor_app.printing.documents import Documents
from supervisor_app.printing.fonts import resolve_font, shipped_font_path
from supervisor_app.printing.verify import bundle_name
from supervisor_app.printing.views import CandidateView, RulingView, ruling_view_from_payload
from supervisor_app.signing.bundle import parse_bundle, ruling_payload, seal_ruling, sign_payload
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.keys import MemberKeys, SoftwareSigner

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "ruling.docx"
NOW = datetime.now(UTC).replace(microsecond=0)
NAMES = ["زهرا احمدی", "علی رضایی", "مریم کریمی", "حسین موسوی", "فاطمه حسینی"]
ROLES = [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY, MemberRole.MEMBER,
         MemberRole.MEMBER]
REASONING = ("داوطلب مدرک تحصیلی لازم برای شهرهای بالای ۲۰٬۰۰۰ نفر (لیسانس) را ندارد؛ مدرک "
             "ارائه‌شده (فوق‌دیپلم) طبق استعلام شمارهٔ 4512/ص از مرجع صادرکننده تأیید شد و "
             "داوطلب در مهلت مقرر مدرک دیگری ارائه نکرد.")


def _sealed_ruling(tmp: Path) -> tuple[bytes, dict[str, SoftwareSigner], object]:
    """A real sealed bundle: central CA, a 5-member county board, four signatures."""
    ca = init_ca(tmp / "ca", "هیات مرکزی نظارت — مرجع گواهی", "bench-ca-passphrase",
                 now=NOW - timedelta(days=2))
    board = Board("B-C0101", BoardLevel.COUNTY, "هیات نظارت شهرستان شمیرانات", "0101",
                  "B-P01", QuorumRule(5))
    members = [BoardMember(f"m{i}", board.id, NAMES[i - 1],
                           make_national_id(f"{100000001 + i:09d}"), ROLES[i - 1])
               for i in range(1, 6)]
    keys = MemberKeys(MemoryKeystore())
    signers = {}
    for m in members:
        keys.create(m.id, f"passphrase-{m.id}")
        cert = ca.issue(keys.csr(m, board, f"passphrase-{m.id}"), board_id=board.id,
                        role=m.role, valid_days=365, now=NOW - timedelta(days=1))
        signers[m.id] = keys.signer(m.id, f"passphrase-{m.id}", cert)
    present = [m.id for m in members[:4]]
    ruling = Ruling(
        id=str(uuid.uuid4()), board_id=board.id, serial=17, issued_on=NOW.date(),
        subject=RulingSubject.QUALIFICATION, subject_ref="R-1404-0000123",
        legal_basis=(LegalBasis("37", "ز"),), reasoning=REASONING,
        decision="رد صلاحیت داوطلب", present_member_ids=tuple(present),
        absent_member_ids=("m5",),
        votes=tuple(MemberVote(m, Vote.REJECT, "به نظر اینجانب مدرک داوطلب کافی است.")
                    if m == "m3" else MemberVote(m, Vote.APPROVE) for m in present),
    )
    payload = ruling_payload(ruling, board, members, session_at=NOW - timedelta(hours=1),
                             ledger_seq=1, prev_ledger_hash=GENESIS_HASH,
                             objection_deadline=NOW.date() + timedelta(days=4),
                             objection_venue="هیات عالی نظارت استان تهران",
                             notify=["فرمانداری شهرستان شمیرانات"])
    sigs = [sign_payload(payload, m, signers[m]) for m in present]
    bundle = seal_ruling(payload, sigs, ca_certificate=ca.certificate,
                         crl=ca.crl(now=NOW - timedelta(hours=2)), now=NOW,
                         quorum=board.quorum, roster=members)
    return bundle, signers, ca.certificate


def _view(bundle: bytes) -> RulingView:
    parsed = parse_bundle(bundle)
    return ruling_view_from_payload(
        parsed.payload, parsed.payload_sha256, {s.member_id for s in parsed.signatures},
        parent_name="هیات عالی نظارت استان تهران",
        candidate=CandidateView("R-1404-0000123", "پرویز چگینی", "ژوبین", "0012345679",
                                "male", "شهر تجریش"),
    )


def _median_ms(fn: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


# --- the LibreOffice comparison ------------------------------------------------------------

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="styles.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>
</Relationships>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Noto Sans Arabic" w:hAnsi="Noto Sans Arabic" w:cs="Noto Sans Arabic"/>
<w:sz w:val="20"/><w:szCs w:val="20"/><w:rtl/><w:lang w:bidi="fa-IR"/>
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:bidi/><w:jc w:val="right"/>
<w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults>
</w:styles>"""
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str, *, bold: bool = False, size: int = 20, center: bool = False) -> str:
    jc = '<w:jc w:val="center"/>' if center else ""
    b = "<w:b/><w:bCs/>" if bold else ""
    return (f'<w:p><w:pPr><w:bidi/>{jc}</w:pPr><w:r><w:rPr>{b}<w:sz w:val="{size}"/>'
            f'<w:szCs w:val="{size}"/><w:rtl/></w:rPr><w:t xml:space="preserve">{text}'
            "</w:t></w:r></w:p>")


def _cell(text: str, width: int) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_p(text)}</w:tc>')


def template_xml() -> str:
    """The template's document.xml with ``{{placeholders}}`` (one text run each)."""
    head = [_p("بسمه تعالی", center=True), _p("{{organisation}}"), _p("{{board}}", bold=True),
            _p("شماره: {{serial}}    تاریخ: {{date}}    پیوست: دارد"),
            _p("رأی هیات نظارت", bold=True, size=30, center=True)]
    grid = [("موضوع", "{{subject}}"), ("داوطلب", "{{candidate}}"), ("کد ملی", "{{nid}}"),
            ("حوزهٔ انتخابیه", "{{constituency}}"), ("تاریخ جلسه", "{{session}}"),
            ("حد نصاب", "{{quorum}}")]
    grid_rows = "".join(f"<w:tr>{_cell(k, 2400)}{_cell(v, 6600)}</w:tr>" for k, v in grid)
    members = "".join(
        f"<w:tr>{_cell(f'{{{{m{i}_n}}}}', 600)}{_cell(f'{{{{m{i}_name}}}}', 3400)}"
        f"{_cell(f'{{{{m{i}_role}}}}', 1800)}{_cell(f'{{{{m{i}_vote}}}}', 1400)}"
        f"{_cell(f'{{{{m{i}_sig}}}}', 1800)}</w:tr>"
        for i in range(1, 5)
    )
    table = ('<w:tbl><w:tblPr><w:bidiVisual/><w:tblBorders>'
             + "".join(f'<w:{e} w:val="single" w:sz="4"/>'
                       for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
             + "</w:tblBorders></w:tblPr>{rows}</w:tbl>")
    body = [
        *head, table.format(rows=grid_rows),
        _p("مستند قانونی", bold=True), _p("{{legal}}"),
        _p("استدلال هیات", bold=True), _p("{{reasoning}}"),
        _p("رأی هیات", bold=True), _p("{{decision}}", bold=True),
        _p("آرا و امضای اعضای حاضر", bold=True), table.format(rows=members),
        _p("{{tally}}"), _p("غایبان: {{absent}}"),
        _p("نظر مخالف", bold=True), _p("{{dissent}}"),
        _p("مهلت و مرجع اعتراض", bold=True), _p("{{objection}}"),
        _p("رونوشت", bold=True), _p("{{notify}}"),
        _p("شناسهٔ رأی: {{ruling_id}}", size=14), _p("SHA-256: {{hash}}", size=14),
    ]
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2300" '
               'w:right="1000" w:bottom="1100" w:left="1000" w:header="500" w:footer="500" '
               'w:gutter="0"/><w:bidi/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}>'
            f"<w:body>{''.join(body)}{section}</w:body></w:document>")


def write_template(path: Path = TEMPLATE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("word/_rels/document.xml.rels", _DOC_RELS),
                           ("word/styles.xml", _STYLES), ("word/document.xml", template_xml())):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            z.writestr(info, data, zipfile.ZIP_DEFLATED)


def _fields(view: RulingView) -> dict[str, str]:
    c = view.candidate
    assert c is not None
    fa = to_persian_digits
    values = {
        "organisation": "هیات‌های نظارت بر انتخابات شوراهای اسلامی شهر و روستا",
        "board": view.board.name, "serial": fa(view.serial or 0),
        "date": format_jalali(view.issued_on), "subject": labels.SUBJECTS[view.subject],
        "candidate": f"{c.full_name} فرزند {c.father_name}", "nid": fa(c.national_id),
        "constituency": c.constituency,
        "session": format_jalali(view.session_at or view.issued_on),
        "quorum": f"{fa(len(view.present))} نفر حاضر از {fa(view.full_membership)} عضو",
        "legal": "؛ ".join(labels.legal_basis_text(b.article, b.clause)
                          for b in view.legal_basis),
        "reasoning": view.reasoning, "decision": view.decision,
        "tally": "جمع آرا: موافق ۳، مخالف ۱، ممتنع ۰",
        "absent": "، ".join(m.full_name for m in view.absent),
        "dissent": "؛ ".join(f"{m.full_name}: {m.dissent_note}" for m in view.present
                            if m.dissent_note),
        "objection": (f"داوطلب می‌تواند تا پایان روز "
                      f"{format_jalali_long(view.objection_deadline or date.today())} "
                      f"اعتراض کتبی خود را به {view.objection_venue} تسلیم کند."),
        "notify": "؛ ".join(view.notify), "ruling_id": view.ruling_id,
        "hash": view.payload_sha256 or "",
    }
    for i, m in enumerate(view.present, start=1):
        values |= {f"m{i}_n": fa(i), f"m{i}_name": m.full_name,
                   f"m{i}_role": labels.ROLES[m.role], f"m{i}_vote": labels.VOTES[m.vote or ""],
                   f"m{i}_sig": "امضای دیجیتال" if m.signed else "—"}
    return values


def fill_template(view: RulingView, out: Path) -> None:
    with zipfile.ZipFile(TEMPLATE) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for key, value in _fields(view).items():
        xml = xml.replace("{{" + key + "}}", escape(value))
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


def _soffice(files: list[Path], outdir: Path, profile: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, env=env, timeout=600,
    )
    return (time.perf_counter() - start) * 1000


def bench_libreoffice(view: RulingView, tmp: Path, rounds: int) -> dict[str, object]:
    if shutil.which("soffice") is None:
        return {"skipped": "soffice not found (apt-get install libreoffice-writer-nogui)"}
    # The same shipped font, visible to LibreOffice through a private fontconfig dir.
    fonts = tmp / "fonts"
    fonts.mkdir()
    shutil.copy(shipped_font_path(), fonts / "NotoSansArabic.ttf")
    conf = tmp / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    profile = tmp / "lo-profile"
    docx = tmp / "ruling.docx"
    fill_template(view, docx)
    cold = _soffice([docx], tmp / "out-cold", profile, env)
    singles = [_soffice([docx], tmp / f"out-{n}", profile, env) for n in range(rounds)]
    many = []
    for n in range(20):
        path = tmp / f"ruling-{n:02d}.docx"
        fill_template(replace(view, serial=n + 1), path)
        many.append(path)
    batch = _soffice(many, tmp / "out-batch", profile, env)
    pdf = tmp / "out-cold" / "ruling.pdf"
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True,
                             env=env).stdout.strip()
    return {
        "version": version,
        "cold_start_ms": round(cold, 1),
        "single_conversion_ms_median": round(statistics.median(singles), 1),
        "batch_20_total_ms": round(batch, 1),
        "batch_20_per_document_ms": round(batch / 20, 1),
        "pdf_bytes": pdf.stat().st_size if pdf.exists() else None,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--lo-rounds", type=int, default=3)
    parser.add_argument("--write-template", action="store_true",
                        help="(re)write bench/templates/ruling.docx and exit")
    args = parser.parse_args(argv)
    if args.write_template or not TEMPLATE.exists():
        write_template()
        if args.write_template:
            print(f"wrote {TEMPLATE}")
            return 0
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bundle, signers, ca_cert = _sealed_ruling(tmp)
        view = _view(bundle)
        docs = Documents(resolve_font())
        files = [pdf_signer.Attachment(bundle_name(view.ruling_id), bundle)]

        def unsigned() -> bytes:
            qr_matrix.cache_clear()  # each ruling is printed once: no cached QR code
            pdf = docs.render([docs.ruling(view)], title="رأی", produced_at=NOW)
            return pdf_signer.prepare(pdf, field_names=[], files=files)

        def signed(members: list[str], seal: str | None) -> bytes:
            qr_matrix.cache_clear()
            pdf = docs.render([docs.ruling(view)], title="رأی", produced_at=NOW)
            fields = [f"member-{m}" for m in members] + (["board-seal"] if seal else [])
            pdf = pdf_signer.prepare(pdf, field_names=fields, files=files)
            for m in members:
                pdf = pdf_signer.sign(pdf, f"member-{m}", signers[m], extra_certs=[ca_cert])
            if seal:
                pdf = pdf_signer.sign(pdf, "board-seal", signers[seal], extra_certs=[ca_cert])
            return pdf

        unsigned()  # warm-up: font loading and the shaping cache start empty
        first = signed(["m1", "m2", "m3", "m4"], None)
        result: dict[str, object] = {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "ruling_pdf_ms": _median_ms(unsigned, args.rounds),
            "ruling_pdf_1_signature_ms": _median_ms(lambda: signed([], "m5"), args.rounds),
            "ruling_pdf_4_signatures_ms": _median_ms(
                lambda: signed(["m1", "m2", "m3", "m4"], None), args.rounds),
            "ruling_pdf_bytes": len(unsigned()),
            "signed_pdf_bytes": len(first),
        }
        views = [replace(view, serial=n + 1, ruling_id=str(uuid.UUID(int=n + 1)),
                         payload_sha256=f"{n:064x}") for n in range(args.batch)]
        start = time.perf_counter()
        batch = docs.render([docs.ruling(v) for v in views], title="batch", produced_at=NOW)
        seconds = time.perf_counter() - start
        result[f"batch_{args.batch}"] = {
            "total_s": round(seconds, 2),
            "per_ruling_ms": round(seconds * 1000 / args.batch, 1),
            "pdf_mb": round(len(batch) / 1e6, 1),
        }
        result["libreoffice"] = bench_libreoffice(view, tmp, args.lo_rounds)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
