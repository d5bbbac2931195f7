"""Persian wording of codes on printouts (printed documents are Persian whatever the UI).

Plain dictionaries, no Qt: the CLI prints headless. Unknown codes print as themselves.
"""

from __future__ import annotations

from typing import Final

from supervisor_app.domain.boards import BoardLevel, MemberRole
from supervisor_app.domain.candidates import CandidateStatus
from supervisor_app.domain.election_day import OffenceCategory, Severity
from supervisor_app.domain.geography import EducationLevel
from supervisor_app.domain.persian import to_persian_digits
from supervisor_app.domain.rulings import RulingStatus, RulingSubject, Vote

ROLES: Final[dict[str, str]] = {
    MemberRole.CHAIR: "رئیس هیات",
    MemberRole.DEPUTY: "نایب‌رئیس",
    MemberRole.SECRETARY: "دبیر",
    MemberRole.EXECUTIVE_SECRETARY: "دبیر اجرایی",
    MemberRole.MEMBER: "عضو",
    MemberRole.ALTERNATE: "عضو علی‌البدل",
}

BOARD_LEVELS: Final[dict[str, str]] = {
    BoardLevel.CENTRAL: "هیات مرکزی نظارت",
    BoardLevel.PROVINCIAL: "هیات عالی نظارت استان",
    BoardLevel.COUNTY: "هیات نظارت شهرستان",
    BoardLevel.DISTRICT: "هیات نظارت بخش",
}

SUBJECTS: Final[dict[str, str]] = {
    RulingSubject.QUALIFICATION: "بررسی صلاحیت داوطلب",
    RulingSubject.OBJECTION: "رسیدگی به اعتراض داوطلب",
    RulingSubject.COMPLAINT: "رسیدگی به شکایت",
    RulingSubject.ANNULMENT: "ابطال صندوق یا شعبهٔ اخذ رأی",
}

VOTES: Final[dict[str, str]] = {
    Vote.APPROVE: "موافق",
    Vote.REJECT: "مخالف",
    Vote.ABSTAIN: "ممتنع",
}

MEETING_TYPES: Final[dict[str, str]] = {
    "regular": "عادی",
    "extraordinary": "فوق‌العاده",
    "emergency": "اضطراری",
}

RULING_STATUSES: Final[dict[str, str]] = {
    RulingStatus.DRAFT: "پیش‌نویس",
    RulingStatus.SIGNING: "در حال امضا",
    RulingStatus.SEALED: "قطعی و مهرشده",
    RulingStatus.AWAITING_APPROVAL: "در انتظار تأیید هیات مرکزی",
    RulingStatus.SUPERSEDED: "جایگزین‌شده با رأی اصلاحی",
    RulingStatus.WITHDRAWN: "مسترد",
}

EDUCATION: Final[dict[int, str]] = {
    EducationLevel.NONE: "—",
    EducationLevel.LITERACY: "سواد خواندن و نوشتن",
    EducationLevel.DIPLOMA: "دیپلم",
    EducationLevel.ASSOCIATE: "فوق‌دیپلم",
    EducationLevel.BACHELOR: "لیسانس",
    EducationLevel.MASTER: "فوق‌لیسانس",
    EducationLevel.DOCTORATE: "دکتری",
}

CANDIDATE_STATUSES: Final[dict[str, str]] = {
    CandidateStatus.FINAL_APPROVED: "تأیید صلاحیت قطعی",
    CandidateStatus.CODE_ISSUED: "دارای کد نامزد",
}

OFFENCES: Final[dict[str, str]] = {
    OffenceCategory.VOTE_BUYING: "خرید و فروش رأی",
    OffenceCategory.FORGED_FORMS: "جعل تعرفه، برگ رأی یا صورتجلسه",
    OffenceCategory.THREATS_OR_BRIBERY: "تهدید یا تطمیع",
    OffenceCategory.FORGED_ID: "رأی با شناسنامهٔ جعلی یا دیگری",
    OffenceCategory.MULTIPLE_VOTING: "رأی دادن بیش از یک بار",
    OffenceCategory.DISRUPTION: "اخلال در انتخابات",
    OffenceCategory.ADDING_REMOVING_VOTES: "افزودن یا کاستن آرا یا تعرفه‌ها",
    OffenceCategory.COUNTING_FRAUD: "تقلب در رأی‌گیری یا شمارش",
    OffenceCategory.PROXY_VOTING: "رأی دادن به جای دیگری",
    OffenceCategory.STAFF_STEERING: "هدایت رأی‌دهندگان توسط کارکنان شعبه",
    OffenceCategory.DOCUMENT_THEFT: "ربودن یا معدوم کردن اسناد انتخاباتی",
    OffenceCategory.SEAL_BREAKING: "شکستن لاک و مهر صندوق",
    OffenceCategory.FORGED_PAPERS: "استفاده از اوراق مجعول",
    OffenceCategory.INTIMIDATION: "ارعاب",
    OffenceCategory.DEVICE_FAILURE: "خرابی دستگاه الکترونیکی",
    OffenceCategory.LATE_OPENING: "تأخیر در گشایش شعبه",
    OffenceCategory.IDENTITY_CHECK_OUTAGE: "قطعی سامانهٔ احراز هویت",
    OffenceCategory.OTHER: "سایر",
}

SEVERITIES: Final[dict[str, str]] = {
    Severity.LOW: "کم",
    Severity.MEDIUM: "متوسط",
    Severity.HIGH: "زیاد",
    Severity.CRITICAL: "بحرانی",
}


def label(table: dict[str, str] | dict[int, str], code: object) -> str:
    """The Persian label of ``code`` in ``table``, or the code itself."""
    return table.get(code, str(code))  # type: ignore[call-overload]


def legal_basis_text(article: str, clause: str = "") -> str:
    """ "مادهٔ ۳۷، بند ز" — the article and clause as a ruling cites them."""
    text = f"مادهٔ {to_persian_digits(article)}"
    return f"{text}، بند {to_persian_digits(clause)}" if clause else text
