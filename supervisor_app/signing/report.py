"""Verification reports: every failed check with an English and a Persian message.

Codes are stable identifiers (tests and the UI match on them); the texts are templates
filled with the member id and a short English detail (ids, dates, counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# code -> (English template, Persian template); placeholders: {member}, {detail}
MESSAGES: dict[str, tuple[str, str]] = {
    "malformed": (
        "The file is not a well-formed Nezarat document ({detail}).",
        "پرونده ساختار درستی ندارد ({detail}).",
    ),
    "not_canonical": (
        "The bundle bytes are not in canonical form: it was altered after sealing.",
        "بایت‌های بسته به شکل استاندارد نیست: پس از مهر شدن تغییر کرده است.",
    ),
    "payload_hash": (
        "The ruling text does not match its recorded hash ({detail}).",
        "متن رأی با چکیدهٔ ثبت‌شده‌اش نمی‌خواند ({detail}).",
    ),
    "payload_inconsistent": (
        "The ruling content is inconsistent ({detail}).",
        "محتوای رأی ناسازگار است ({detail}).",
    ),
    "ca_mismatch": (
        "The bundle names a certificate authority other than the trusted central board CA.",
        "بسته به مرجع صدور گواهی‌ای جز مرجع مورد اعتماد هیات مرکزی اشاره می‌کند.",
    ),
    "crl_invalid": (
        "The revocation list is not validly signed by the central board CA ({detail}).",
        "فهرست گواهی‌های باطل‌شده امضای معتبر مرجع هیات مرکزی را ندارد ({detail}).",
    ),
    "crl_stale": (
        "The revocation list is not current ({detail}).",
        "فهرست گواهی‌های باطل‌شده به‌روز نیست ({detail}).",
    ),
    "signature_order": (
        "Signatures are not listed in member-id order ({detail}).",
        "امضاها به ترتیب شناسهٔ اعضا فهرست نشده‌اند ({detail}).",
    ),
    "duplicate_signer": (
        "Member {member} signed more than once, or two signatures share one key ({detail}).",
        "عضو {member} بیش از یک بار امضا کرده یا دو امضا یک کلید دارند ({detail}).",
    ),
    "certificate_malformed": (
        "The certificate of {member} cannot be read ({detail}).",
        "گواهی {member} خوانا نیست ({detail}).",
    ),
    "certificate_untrusted": (
        "The certificate of {member} was not issued by the trusted central board CA ({detail}).",
        "گواهی {member} را مرجع مورد اعتماد هیات مرکزی صادر نکرده است ({detail}).",
    ),
    "certificate_expired": (
        "The certificate of {member} was not valid at {detail}.",
        "گواهی {member} در زمان {detail} معتبر نبوده است (منقضی یا هنوز آغاز نشده).",
    ),
    "certificate_revoked": (
        "The certificate of {member} is revoked ({detail}).",
        "گواهی {member} باطل شده است ({detail}).",
    ),
    "key_usage": (
        "The certificate of {member} is not allowed to sign rulings ({detail}).",
        "گواهی {member} اجازهٔ امضای رأی ندارد ({detail}).",
    ),
    "wrong_board": (
        "{member} signed with a certificate of another board ({detail}).",
        "{member} با گواهی هیات دیگری امضا کرده است ({detail}).",
    ),
    "member_mismatch": (
        "The signature labelled {member} was made with someone else's certificate ({detail}).",
        "امضایی که به نام {member} آمده با گواهی شخص دیگری است ({detail}).",
    ),
    "role_mismatch": (
        "The role in the certificate of {member} differs from the ruling ({detail}).",
        "سمت درج‌شده در گواهی {member} با رأی یکی نیست ({detail}).",
    ),
    "not_present": (
        "{member} signed but is not listed as present at the meeting.",
        "{member} امضا کرده ولی در فهرست حاضران جلسه نیست.",
    ),
    "not_on_roster": (
        "{member} is not a current member of the board ({detail}).",
        "{member} عضو فعلی هیات نیست ({detail}).",
    ),
    "signature_invalid": (
        "The signature of {member} does not match the ruling text.",
        "امضای {member} با متن رأی نمی‌خواند.",
    ),
    "signed_in_future": (
        "The ruling's session time is later than the verification time ({detail}).",
        "زمان جلسهٔ رأی پس از زمان بررسی است ({detail}).",
    ),
    "quorum_not_met": (
        "Quorum not met: {detail}.",
        "حد نصاب حاصل نشده است: {detail}.",
    ),
    "majority_not_met": (
        "The decision lacks the required majority of signed approving votes: {detail}.",
        "تصمیم، اکثریت لازم از آرای موافقِ امضاشده را ندارد: {detail}.",
    ),
    "quorum_rule_mismatch": (
        "The quorum rule written in the ruling differs from the board's rule ({detail}).",
        "قاعدهٔ حد نصاب نوشته‌شده در رأی با قاعدهٔ هیات یکی نیست ({detail}).",
    ),
    "ledger_entry": (
        "The ledger entry does not match the ruling ({detail}).",
        "ردیف دفتر با رأی نمی‌خواند ({detail}).",
    ),
    "ledger_board": (
        "The ruling belongs to another board's ledger ({detail}).",
        "این رأی به دفتر هیات دیگری تعلق دارد ({detail}).",
    ),
    "ledger_replay": (
        "The ruling is already in the ledger ({detail}): it was submitted again.",
        "این رأی پیش‌تر در دفتر ثبت شده است ({detail}): دوباره ارسال شده است.",
    ),
    "ledger_fork": (
        "The ledger holds a different entry at this position: a fork ({detail}).",
        "دفتر در این جایگاه ردیف دیگری دارد: انشعاب ({detail}).",
    ),
    "ledger_gap": (
        "The ruling does not continue the ledger: missing or reordered entries ({detail}).",
        "رأی دنبالهٔ دفتر نیست: ردیف‌هایی جاافتاده یا جابه‌جا شده‌اند ({detail}).",
    ),
    "ledger_hash": (
        "A ledger entry does not match its hash ({detail}).",
        "ردیفی از دفتر با چکیده‌اش نمی‌خواند ({detail}).",
    ),
    "ledger_not_checked": (
        "Inclusion in the board's ledger was not checked: this workstation does not hold "
        "the board's ledger. Give the board's exported ledger with --ledger FILE.",
        "ثبت رأی در دفتر هیات بررسی نشد، چون دفتر این هیات روی این رایانه نیست. دفتر "
        "صادرشدهٔ هیات را با --ledger FILE بدهید.",
    ),
    "session_too_old": (
        "The ruling's session time is older than the server accepts ({detail}).",
        "زمان جلسهٔ رأی قدیمی‌تر از حدی است که سرور می‌پذیرد ({detail}).",
    ),
    "session_before_predecessor": (
        "The ruling's session time is earlier than that of the board's previous ruling "
        "in the ledger ({detail}).",
        "زمان جلسهٔ رأی پیش از زمان جلسهٔ رأی قبلی هیات در دفتر است ({detail}).",
    ),
    "ledger_not_included": (
        "The ruling is not in the board's ledger ({detail}).",
        "این رأی در دفتر هیات ثبت نشده است ({detail}).",
    ),
    "supersedes_unknown": (
        "The ruling it supersedes is not earlier in the ledger ({detail}).",
        "رأیِ جایگزین‌شده پیش‌تر در دفتر نیامده است ({detail}).",
    ),
    "head_invalid": (
        "The signed ledger head is not valid ({detail}).",
        "سرِ امضاشدهٔ دفتر معتبر نیست ({detail}).",
    ),
    "head_signature_invalid": (
        "The signature of {member} does not match the ledger head.",
        "امضای {member} با سرِ دفتر نمی‌خواند.",
    ),
    "head_too_old": (
        "The ledger head was signed longer ago than the server accepts ({detail}).",
        "سرِ دفتر زودتر از حدی که سرور می‌پذیرد امضا شده است ({detail}).",
    ),
}


@dataclass(frozen=True, slots=True)
class Check:
    """One failed check: a stable code, who it concerns, and the messages in both languages."""

    code: str
    message_en: str
    message_fa: str
    member: str | None = None
    detail: str = ""

    @classmethod
    def fail(cls, code: str, *, member: str | None = None, detail: str = "") -> Check:
        en, fa = MESSAGES[code]
        who = member or "?"
        return cls(
            code,
            en.format(member=who, detail=detail),
            fa.format(member=who, detail=detail),
            member,
            detail,
        )


@dataclass(slots=True)
class Report:
    """Failures collected while verifying; ``ok`` only when there are none."""

    failures: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, code: str, *, member: str | None = None, detail: str = "") -> None:
        self.failures.append(Check.fail(code, member=member, detail=detail))

    def codes(self) -> set[str]:
        return {c.code for c in self.failures}


@dataclass(slots=True)
class VerificationReport(Report):
    """Outcome of ``verify_bundle``: what was checked, who validly signed, what failed."""

    ruling_id: str | None = None
    board_id: str | None = None
    ruling_hash: str | None = None
    valid_signers: tuple[str, ...] = ()
    # "included" (already in the given ledger), "next" (would extend its head) or None
    ledger_position: str | None = None


@dataclass(slots=True)
class LedgerReport(Report):
    """Outcome of ``verify_ledger``."""

    board_id: str | None = None
    length: int = 0
    head_hash: str | None = None
