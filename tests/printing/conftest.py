"""A printing workstation: a store with geography, boards, candidates, observer reports, a
board session and sealed rulings signed with real P-256 keys under the central CA.

Built once per test session. Times are fixed (the clock is a constant) and the members'
certificates are valid for 19 years from January 2026, so documents and signatures are
the same on every run and ``pdfsig`` keeps trusting them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import (
    CandidateStatus,
    DecisionOutcome,
    Dossier,
    Gender,
    LegalBasis,
    MilitaryStatus,
)
from supervisor_app.domain.cycle import OBJECTION_DEADLINE, ElectionCycle, RelativeDeadline
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.election_day import (
    Branch,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from supervisor_app.domain.geography import (
    Constituency,
    ConstituencyKind,
    County,
    District,
    EducationLevel,
    Province,
)
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.domain.sessions import AgendaItem, BoardSession, SessionStatus
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.printing import PrintingService
from supervisor_app.services.rulings import RulingService
from supervisor_app.signing.keys import SoftwareSigner
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import

T_CA = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
T_ISSUE = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
T_SESSION = datetime(2026, 1, 11, 7, 0, tzinfo=UTC)  # 10:30 in Tehran, 21 Dey 1404
CERT_DAYS = 19 * 365
CA_PASS = "central-ca-passphrase"

CENTRAL = Board("B0", BoardLevel.CENTRAL, "هیات مرکزی نظارت", None, None, QuorumRule(5))
PROVINCE = Board("B23", BoardLevel.PROVINCIAL, "هیات عالی نظارت استان تهران", "P23", "B0",
                 QuorumRule(3))
COUNTY = Board("B2301", BoardLevel.COUNTY, "هیات نظارت شهرستان شمیرانات", "C2301", "B23",
               QuorumRule(5))
OTHER = Board("B2302", BoardLevel.COUNTY, "هیات نظارت شهرستان ری", "C2302", "B23",
              QuorumRule(3))
MEMBER_NAMES = ["زهرا احمدی", "علی رضایی", "مریم کریمی", "حسین موسوی", "فاطمه حسینی"]
ROLES = [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY, MemberRole.MEMBER,
         MemberRole.MEMBER]

# Final candidates of شهر تجریش: surnames chosen so that code-point order differs from
# Persian order (پ چ ژ گ come after ب ج ز ک in the alphabet, but sort after ی by code).
FINAL_CANDIDATES = [
    ("گودرزی", "نرگس"), ("پاکزاد", "مهدی"), ("بهرامی", "سارا"), ("چمران", "امید"),
    ("جعفری", "لیلا"), ("ژیان", "کاوه"), ("زارعی", "رضا"), ("کریمی", "بهاره"),
    ("آقایی", "حمید"), ("احمدی", "پریسا"), ("یزدانی", "سهیل"), ("پورمحمدی", "ژاله"),
    ("گلستانی", "آرش"), ("چگینی", "مینا"), ("ژوله", "پیمان"), ("کاظمی", "ناصر"),
]


def member_id(board: Board, n: int) -> str:
    return f"{board.id}-m{n}"


def passphrase(mid: str) -> str:
    return f"passphrase-of-{mid}"


def _members() -> list[BoardMember]:
    people = []
    for k, board in enumerate((CENTRAL, PROVINCE, COUNTY, OTHER), start=1):
        for i in range(board.quorum.full_membership):
            people.append(BoardMember(member_id(board, i + 1), board.id, MEMBER_NAMES[i],
                                      make_national_id(f"{k * 1000 + i:09d}"), ROLES[i]))
    return people


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@dataclass
class World:
    root: Path
    store: Store
    clock: Clock
    certificates: CertificateService
    members: MemberKeyService
    rulings: RulingService
    printing: PrintingService
    demo_printing: PrintingService
    ca_certificate: x509.Certificate
    sealed_id: str  # rejection: 4 of 5 present, all four signed, m3 dissenting
    objection_ruling_id: str  # a second sealed ruling (approval) of the same board
    other_board_ruling_id: str
    draft_id: str
    session_id: str

    def signer(self, mid: str) -> SoftwareSigner:
        return self.members.signer(mid, passphrase(mid))

    @property
    def ca_pem(self) -> str:
        return self.ca_certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def make_dossier(n: int, *, first_name: str, last_name: str, father_name: str,
                 national_id: str, status: CandidateStatus, gender: Gender = Gender.MALE,
                 constituency_code: str = "K1") -> Dossier:
    return Dossier(
        registration_id=f"R-{n:06d}", national_id=national_id, first_name=first_name,
        last_name=last_name, father_name=father_name, birth_date=date(1980, 3, 21),
        birthplace="تهران", gender=gender, mobile="09120000000",
        education=EducationLevel.BACHELOR, education_field="حقوق",
        degree_verification_code=None, occupation="وکیل", address="تهران",
        residence_constituency_code=constituency_code, constituency_code=constituency_code,
        registered_at=datetime(2026, 1, 11, 8, 30, tzinfo=UTC),
        military_status=MilitaryStatus.CARD if gender is Gender.MALE
        else MilitaryStatus.NOT_APPLICABLE,
        status=status,
    )


def _dataset() -> Dataset:
    cycle = ElectionCycle(
        code="7", title="هفتمین دورهٔ انتخابات شوراهای اسلامی شهر و روستا",
        election_day=date(2026, 5, 1), windows=(),
        deadlines=(RelativeDeadline(OBJECTION_DEADLINE, "notification", 4),),
    )
    dossiers = [
        make_dossier(100 + n, first_name=first, last_name=last, father_name="حسن",
                     national_id=make_national_id(f"{200000000 + n:09d}"),
                     status=(CandidateStatus.FINAL_APPROVED if n % 5
                             else CandidateStatus.CODE_ISSUED),
                     gender=Gender.FEMALE if n % 2 else Gender.MALE)
        for n, (last, first) in enumerate(FINAL_CANDIDATES)
    ]
    dossiers += [
        make_dossier(900, first_name="پرویز", last_name="چگینی", father_name="ژوبین",
                     national_id="0012345679",
                     status=CandidateStatus.SUPERVISORY_REJECTED),
        make_dossier(901, first_name="گلاره", last_name="باقری", father_name="احمد",
                     national_id=make_national_id("300000001"), gender=Gender.FEMALE,
                     status=CandidateStatus.SUPERVISORY_APPROVED),
        make_dossier(902, first_name="بابک", last_name="ابراهیمی", father_name="علی",
                     national_id=make_national_id("300000002"), status=CandidateStatus.WITHDRAWN),
        make_dossier(903, first_name="سینا", last_name="الف", father_name="علی",
                     national_id=make_national_id("300000003"), constituency_code="K2",
                     status=CandidateStatus.FINAL_APPROVED),
    ]
    return Dataset(
        cycles=[cycle],
        provinces=[Province("P23", "تهران")],
        counties=[County("C2301", "P23", "شمیرانات"), County("C2302", "P23", "ری")],
        districts=[District("D230101", "C2301", "لواسانات")],
        constituencies=[
            Constituency("K1", "C2301", None, "شهر تجریش", ConstituencyKind.CITY, 7,
                         population=250_000),
            Constituency("K2", "C2301", "D230101", "روستای کند", ConstituencyKind.VILLAGE, 3,
                         households=180),
            Constituency("K3", "C2302", None, "شهر ری", ConstituencyKind.CITY, 9,
                         population=400_000),
        ],
        boards=[CENTRAL, PROVINCE, COUNTY, OTHER],
        members=_members(),
        branches=[Branch("BR1", "K1", "مدرسهٔ شهید بهشتی"), Branch("BR2", "K1", "مسجد جامع"),
                  Branch("BR3", "K2", "دبستان کند")],
        dossiers=dossiers,
    )


REPORTS = [
    ("BR1", 8, OffenceCategory.VOTE_BUYING, Severity.CRITICAL,
     "پرداخت وجه نقد به رأی‌دهندگان در ورودی شعبه (۳ نفر شاهد)."),
    ("BR1", 9, OffenceCategory.LATE_OPENING, Severity.MEDIUM, "شعبه با ۴۰ دقیقه تأخیر باز شد."),
    ("BR2", 10, OffenceCategory.DEVICE_FAILURE, Severity.HIGH,
     "دستگاه الکترونیکی DEV-7 دو بار از کار افتاد."),
    ("BR2", 11, OffenceCategory.VOTE_BUYING, Severity.LOW, "گزارش شفاهی بدون شاهد."),
    ("BR3", 12, OffenceCategory.SEAL_BREAKING, Severity.CRITICAL, "لاک و مهر صندوق شکسته بود."),
]


def _add_reports(store: Store) -> None:
    with store.unit_of_work() as uow:
        for n, (branch, hour, category, severity, text) in enumerate(REPORTS):
            uow.reports.add(ObserverReport(
                id=str(uuid.UUID(int=n + 1)), branch_code=branch,
                observed_at=datetime(2026, 5, 1, hour, 15, tzinfo=UTC) - timedelta(hours=3.5),
                category=category, severity=severity, description=text,
            ))


_IDS = iter(range(1, 1000))


def _ruling(board: Board, subject_ref: str, *, decision: str, reasoning: str,
            legal: tuple[LegalBasis, ...], reject: tuple[str, ...] = (),
            present: int = 4, subject: RulingSubject = RulingSubject.QUALIFICATION,
            extra: dict[str, str] | None = None) -> Ruling:
    everyone = [member_id(board, i + 1) for i in range(board.quorum.full_membership)]
    here = everyone[:present]
    return Ruling(
        # Fixed ids: documents (QR codes, footers) are the same on every run.
        id=str(uuid.UUID(int=0x5E1A_0000_0000_4000_8000_0000_0000_0000 + next(_IDS))),
        board_id=board.id, serial=None, issued_on=T_SESSION.date(),
        subject=subject, subject_ref=subject_ref, legal_basis=legal, reasoning=reasoning,
        decision=decision, present_member_ids=tuple(here),
        absent_member_ids=tuple(m for m in everyone if m not in here),
        votes=tuple(
            MemberVote(m, Vote.REJECT, "به نظر اینجانب مدرک تحصیلی داوطلب (کارشناسی) کافی است.")
            if m in reject else MemberVote(m, Vote.APPROVE)
            for m in here
        ),
        extra=dict(extra or {}),
    )


def _seal(rulings: RulingService, ruling: Ruling, signers: list[str], **start: Any) -> str:
    rulings.create_draft(ruling)
    rulings.start_signing(ruling.id, **start)
    result = None
    for mid in signers:
        result = rulings.sign(ruling.id, mid, passphrase(mid))
    if result is None or result.sealed is None:
        rulings.seal(ruling.id, signers[0], passphrase(signers[0]))
    return ruling.id


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("printing-world")
    clock = Clock(T_CA)
    store = open_store(root / "store.sqlite3")
    bulk_import(store, _dataset())
    _add_reports(store)
    certificates = CertificateService(store, clock)
    info = certificates.init_ca(root / "ca", "هیات مرکزی نظارت — مرجع گواهی", CA_PASS)
    clock.at = T_ISSUE
    certificates.import_trust_bundle(certificates.trust_bundle(root / "ca", CA_PASS),
                                     pin=info.fingerprint)
    members = MemberKeyService(store, MemoryKeystore(), certificates, clock)
    for m in _members():
        members.create_key(m.id, passphrase(m.id))
        cert = certificates.issue(root / "ca", CA_PASS, members.csr(m.id, passphrase(m.id)),
                                  valid_days=CERT_DAYS)
        members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
    clock.at = T_SESSION
    # A fresh CRL at the session (the trust bundle's one is from the issue day).
    certificates.import_trust_bundle(certificates.trust_bundle(root / "ca", CA_PASS))
    rulings = RulingService(store, members, now=clock)

    sealed = _seal(rulings, _ruling(
        COUNTY, "R-000900", decision="رد صلاحیت داوطلب",
        # One line of it mixes a bracket pair, Latin digits and a Latin word (bbox test).
        reasoning="داوطلب مدرک تحصیلی لازم برای شهرهای بالای ۲۰٬۰۰۰ نفر (لیسانس) را ندارد؛ "
                  "مدرک ارائه‌شده (فوق‌دیپلم) طبق استعلام شمارهٔ 4512/ص از سامانهٔ SAMA "
                  "(کد 17) تأیید شد.",
        legal=(LegalBasis("37", "ز"),), reject=(member_id(COUNTY, 3),),
    ), [member_id(COUNTY, i) for i in (1, 2, 3, 4)],
        objection_deadline=date(2026, 1, 15), objection_venue="هیات عالی نظارت استان تهران",
        notify=["فرمانداری شهرستان شمیرانات", "هیات عالی نظارت استان تهران"])
    second = _seal(rulings, _ruling(
        COUNTY, "R-000901", decision="تأیید صلاحیت داوطلب", reasoning="مدارک کامل است.",
        legal=(LegalBasis("37"),), present=5,
    ), [member_id(COUNTY, i) for i in (1, 2, 3, 4, 5)])
    other = _seal(rulings, _ruling(
        OTHER, "R-000903", decision="تأیید صلاحیت داوطلب", reasoning="مدارک کامل است.",
        legal=(LegalBasis("37"),), present=3,
    ), [member_id(OTHER, i) for i in (1, 2, 3)])
    draft = _ruling(COUNTY, "R-000901", decision="تأیید صلاحیت داوطلب",
                    reasoning="پیش‌نویس برای بررسی.", legal=(LegalBasis("37"),))
    rulings.create_draft(draft)

    session = BoardSession(
        id="S-1404-001", board_id=COUNTY.id, held_on=T_SESSION.date(),
        status=SessionStatus.CLOSED,
        present_member_ids=tuple(member_id(COUNTY, i) for i in (1, 2, 3, 4)),
        agenda=[
            AgendaItem(RulingSubject.QUALIFICATION, "R-000900", "R-000900",
                       DecisionOutcome.REJECTED, (LegalBasis("37", "ز"),), "مدرک کافی نیست.",
                       votes=(MemberVote(member_id(COUNTY, 1), Vote.APPROVE),
                              MemberVote(member_id(COUNTY, 2), Vote.APPROVE),
                              MemberVote(member_id(COUNTY, 3), Vote.REJECT),
                              MemberVote(member_id(COUNTY, 4), Vote.APPROVE)),
                       ruling_id=sealed),
            AgendaItem(RulingSubject.QUALIFICATION, "R-000901", "R-000901",
                       DecisionOutcome.APPROVED, (), "",
                       votes=tuple(MemberVote(member_id(COUNTY, i), Vote.APPROVE)
                                   for i in (1, 2, 3, 4)),
                       ruling_id=second),
        ],
    )
    with store.unit_of_work() as uow:
        uow.sessions.add(session)

    printing = PrintingService(store, now=clock, rulings=rulings)
    demo = PrintingService(store, now=clock, demo=True)
    anchor = certificates.anchor()
    assert anchor is not None
    w = World(root, store, clock, certificates, members, rulings, printing, demo, anchor,
              sealed, second, other, draft.id, session.id)
    try:
        yield w
    finally:
        store.close()


# --- PDF tools ---------------------------------------------------------------------------

_BIDI_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def pdftotext(path: Path, *extra: str) -> str:
    """Text of a PDF as poppler extracts it, NFKC-normalised, bidi marks removed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return _BIDI_MARKS.sub("", unicodedata.normalize("NFKC", out))


def squash(text: str) -> str:
    """Without any whitespace: poppler moves the space next to a number run in a
    right-to-left line to the other side of it (its reorderText treats spaces as part
    of a left-to-right run), so reading order is compared character by character."""
    return re.sub(r"\s+", "", text)


_NEUTRALS = re.compile(r"[\s،؛:,.()\[\]«»—\-]+")


def words_only(text: str) -> str:
    """Letters, digits and date separators only (see ``squash``; poppler also moves
    commas, colons and brackets that touch a number or Latin run)."""
    return _NEUTRALS.sub("", text)


def nss_db_trusting(directory: Path, ca_pem: str) -> str:
    """An NSS database in ``directory`` that trusts ``ca_pem``, as a PDF reader's would."""
    if shutil.which("certutil") is None:
        pytest.fail("certutil is missing: apt-get install libnss3-tools")
    directory.mkdir(parents=True, exist_ok=True)
    ca = directory / "ca.pem"
    ca.write_text(ca_pem)
    subprocess.run(["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{directory}", "-n", "nezarat-central-ca",
                    "-t", "CT,C,C", "-a", "-i", str(ca)], check=True)
    return f"sql:{directory}"


def pdfsig(path: Path, nss: str) -> str:
    """pdfsig's report of every signature of ``path`` (trust from the NSS database)."""
    return subprocess.run(["pdfsig", "-nssdir", nss, str(path)], capture_output=True,
                          text=True).stdout


def assert_pdfsig_valid(path: Path, nss: str, fields: list[str]) -> None:
    """pdfsig lists exactly ``fields``, each signature valid and its certificate trusted."""
    out = pdfsig(path, nss)
    assert re.findall(r"Signature Field Name: (\S+)", out) == fields, out
    assert out.count("Signature Validation: Signature is Valid.") == len(fields), out
    assert out.count("Certificate Validation: Certificate is Trusted.") == len(fields), out
    assert "Total document signed" in out, out


@pytest.fixture
def write_pdf(tmp_path: Path) -> Callable[[bytes, str], Path]:
    def write(data: bytes, name: str) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write
