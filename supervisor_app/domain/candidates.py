"""Candidates and their dossiers, qualification decisions per stage, and objections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .errors import DomainError
from .geography import EducationLevel
from .statemachine import StateMachine


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class MilitaryStatus(StrEnum):
    CARD = "card"  # کارت پایان خدمت
    PERMANENT_EXEMPTION = "permanent_exemption"  # معافیت دائم
    NOT_APPLICABLE = "not_applicable"  # women
    NONE = "none"  # neither: fails Art. 37 for men


class VeteranStatus(StrEnum):
    NONE = "none"
    VETERAN = "veteran"  # ایثارگر / رزمنده
    MARTYR_CHILD = "martyr_child"  # فرزند شهید


class DocumentKind(StrEnum):
    PHOTO = "photo"
    QUESTIONNAIRE = "questionnaire"
    DEGREE = "degree"
    MILITARY_CARD = "military_card"
    RESIGNATION = "resignation"  # Art. 41 posts
    CRIMINAL_RECORD = "criminal_record"  # گواهی عدم سوءپیشینه


class InquiryAuthority(StrEnum):
    POLICE = "police"
    JUDICIARY = "judiciary"
    INTELLIGENCE = "intelligence"
    CIVIL_REGISTRATION = "civil_registration"


class InquiryResult(StrEnum):
    PENDING = "pending"
    CLEAR = "clear"
    ADVERSE = "adverse"


MAX_DOCUMENT_BYTES = 1024 * 1024  # DOMAIN.md: PDF uploads of at most 1 MB each
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Document:
    kind: DocumentKind
    filename: str
    sha256: str
    size: int
    uploaded_at: datetime
    issued_on: date | None = None  # e.g. the criminal-record certificate's issue date

    def __post_init__(self) -> None:
        if not _SHA256_HEX.fullmatch(self.sha256):
            raise DomainError("document sha256 must be 64 lowercase hex digits")
        if self.size <= 0:
            raise DomainError(f"document {self.filename}: empty file")
        # The 1 MB cap is for the PDF uploads; the photo has its own limits upstream.
        if self.size > MAX_DOCUMENT_BYTES and self.kind is not DocumentKind.PHOTO:
            raise DomainError(f"document {self.filename}: larger than 1 MB")


@dataclass(frozen=True, slots=True)
class Inquiry:
    authority: InquiryAuthority
    sent_on: date
    received_on: date | None
    result: InquiryResult
    note: str = ""


@dataclass(frozen=True, slots=True)
class Art41Post:
    """An Art. 41 office the candidate held; they must have resigned in time."""

    title: str
    resigned_on: date | None


class CandidateStatus(StrEnum):
    REGISTERED = "registered"
    EXECUTIVE_APPROVED = "executive_approved"
    EXECUTIVE_REJECTED = "executive_rejected"
    SUPERVISORY_APPROVED = "supervisory_approved"
    SUPERVISORY_REJECTED = "supervisory_rejected"
    OBJECTION_FILED = "objection_filed"
    OBJECTION_ACCEPTED = "objection_accepted"  # rejection overturned
    OBJECTION_REJECTED = "objection_rejected"  # rejection upheld
    FINAL_APPROVED = "final_approved"
    FINAL_REJECTED = "final_rejected"
    CODE_ISSUED = "code_issued"
    WITHDRAWN = "withdrawn"


_S = CandidateStatus
CANDIDATE_MACHINE: StateMachine[CandidateStatus] = StateMachine(
    "candidate",
    {
        _S.REGISTERED: {_S.EXECUTIVE_APPROVED, _S.EXECUTIVE_REJECTED, _S.WITHDRAWN},
        # The supervisory board reviews every dossier, including executive rejections.
        _S.EXECUTIVE_APPROVED: {_S.SUPERVISORY_APPROVED, _S.SUPERVISORY_REJECTED, _S.WITHDRAWN},
        _S.EXECUTIVE_REJECTED: {_S.SUPERVISORY_APPROVED, _S.SUPERVISORY_REJECTED, _S.WITHDRAWN},
        _S.SUPERVISORY_APPROVED: {_S.FINAL_APPROVED, _S.WITHDRAWN},
        # Without an objection in time, a rejection becomes final.
        _S.SUPERVISORY_REJECTED: {_S.OBJECTION_FILED, _S.FINAL_REJECTED, _S.WITHDRAWN},
        _S.OBJECTION_FILED: {_S.OBJECTION_ACCEPTED, _S.OBJECTION_REJECTED, _S.WITHDRAWN},
        _S.OBJECTION_ACCEPTED: {_S.FINAL_APPROVED, _S.WITHDRAWN},
        _S.OBJECTION_REJECTED: {_S.FINAL_REJECTED},
        _S.FINAL_APPROVED: {_S.CODE_ISSUED, _S.WITHDRAWN},
        _S.CODE_ISSUED: {_S.WITHDRAWN},
    },
)


@dataclass(slots=True)
class Dossier:
    """A candidate's dossier as received from the registration system."""

    registration_id: str
    national_id: str
    first_name: str
    last_name: str
    father_name: str
    birth_date: date
    birthplace: str
    gender: Gender
    mobile: str
    education: EducationLevel
    education_field: str
    degree_verification_code: str | None
    occupation: str
    address: str
    residence_constituency_code: str
    constituency_code: str
    registered_at: datetime
    military_status: MilitaryStatus
    veteran_status: VeteranStatus = VeteranStatus.NONE
    previous_council_member_of: str | None = None  # constituency code of a former term
    art41_post: Art41Post | None = None
    executive_opinion: str = ""
    status: CandidateStatus = CandidateStatus.REGISTERED
    documents: list[Document] = field(default_factory=list)
    inquiries: list[Inquiry] = field(default_factory=list)
    revision: int = 0  # server revision, bumped on every change

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def document(self, kind: DocumentKind) -> Document | None:
        return next((d for d in self.documents if d.kind is kind), None)

    def move_to(self, target: CandidateStatus) -> None:
        self.status = CANDIDATE_MACHINE.check(self.status, target)


class DecisionStage(StrEnum):
    EXECUTIVE = "executive"
    SUPERVISORY = "supervisory"
    OBJECTION = "objection"


class DecisionOutcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """Article and clause of the law (ماده / بند), e.g. Art. 37 clause ز."""

    article: str
    clause: str = ""

    def __str__(self) -> str:
        return f"{self.article}/{self.clause}" if self.clause else self.article


@dataclass(frozen=True, slots=True)
class QualificationDecision:
    id: str
    registration_id: str
    stage: DecisionStage
    board_id: str | None  # None for the executive board (not a supervisory board)
    outcome: DecisionOutcome
    legal_basis: tuple[LegalBasis, ...]
    reason: str
    decided_on: date
    ruling_id: str | None = None

    def __post_init__(self) -> None:
        # A rejection always names article + clause and a reason (DOMAIN.md).
        if self.outcome is DecisionOutcome.REJECTED and not (self.legal_basis and self.reason):
            raise DomainError("a rejection must cite its legal basis and give a reason")

    def resulting_status(self) -> CandidateStatus:
        table = {
            (DecisionStage.EXECUTIVE, DecisionOutcome.APPROVED): _S.EXECUTIVE_APPROVED,
            (DecisionStage.EXECUTIVE, DecisionOutcome.REJECTED): _S.EXECUTIVE_REJECTED,
            (DecisionStage.SUPERVISORY, DecisionOutcome.APPROVED): _S.SUPERVISORY_APPROVED,
            (DecisionStage.SUPERVISORY, DecisionOutcome.REJECTED): _S.SUPERVISORY_REJECTED,
            (DecisionStage.OBJECTION, DecisionOutcome.APPROVED): _S.OBJECTION_ACCEPTED,
            (DecisionStage.OBJECTION, DecisionOutcome.REJECTED): _S.OBJECTION_REJECTED,
        }
        return table[(self.stage, self.outcome)]


class ObjectionStatus(StrEnum):
    FILED = "filed"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


_O = ObjectionStatus
OBJECTION_MACHINE: StateMachine[ObjectionStatus] = StateMachine(
    "objection",
    {
        _O.FILED: {_O.UNDER_REVIEW, _O.WITHDRAWN},
        _O.UNDER_REVIEW: {_O.ACCEPTED, _O.REJECTED, _O.WITHDRAWN},
    },
)


@dataclass(slots=True)
class Objection:
    """A rejected candidate's written objection, decided by the higher board."""

    id: str
    registration_id: str
    against_decision_id: str
    filed_on: date
    text: str
    routed_to_board_id: str
    status: ObjectionStatus = ObjectionStatus.FILED

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise DomainError("an objection must be written out")

    def move_to(self, target: ObjectionStatus) -> None:
        self.status = OBJECTION_MACHINE.check(self.status, target)
