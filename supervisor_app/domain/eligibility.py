"""The eligibility checklist: automatic checks driven by a per-cycle rules table.

The table is data (legal basis, parameters, wording): a JSON file per election cycle
under ``resources/rules/`` (or a deployment's rules directory), read by
``supervisor_app.rules_files`` and checked by ``rules_schema.validate_rules_data``; this
module only knows how to run each kind of check (``_CHECKS``). Every
result is pass, fail or unknown ("the data cannot tell") with its legal basis and the
evidence it rests on. Checks that need every dossier (one person registered twice) get
their facts from the caller through ``CheckContext``; manual criteria are judged by the
members and come back as ``ManualAssessment``.

Evidence is structured (a message key and typed parameters) and rendered per language
on demand, because the same result is shown in the Persian or English UI and written
into a ruling draft, which is always Persian.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from .candidates import (
    CandidateStatus,
    DocumentKind,
    Dossier,
    Gender,
    LegalBasis,
    MilitaryStatus,
    VeteranStatus,
)
from .canonical import canonical_json, sha256_hex
from .cycle import ART41_RESIGNATION, CRIMINAL_RECORD_VALIDITY, ElectionCycle
from .errors import DomainError
from .geography import (
    DEFAULT_EDUCATION_BANDS,
    Constituency,
    ConstituencyKind,
    EducationBand,
    EducationLevel,
    minimum_education,
)
from .jalali import format_jalali, full_years_between
from .national_id import NATIONAL_ID_LENGTH, national_id_check_digit
from .persian import format_number, to_ascii_digits, to_persian_digits
from .rules_schema import CHECK_SPECS, validate_rules_data

__all__ = [
    "Age",
    "CheckContext",
    "CheckMode",
    "CheckResult",
    "Code",
    "Digits",
    "ManualAssessment",
    "OtherRegistration",
    "Outcome",
    "Phrase",
    "Rule",
    "RulesTable",
    "evaluate",
    "legal_basis_text",
    "manual_results",
    "rejection_grounds",
]

LRI: Final = "\u2066"  # keeps ids left to right inside Persian sentences
PDI: Final = "\u2069"
LANGUAGES: Final = ("fa", "en")


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"  # the data cannot decide (missing date, unknown place, …)


class CheckMode(StrEnum):
    AUTOMATIC = "automatic"  # decided from the dossier and the cycle alone
    STORE = "store"  # needs facts about other dossiers (the caller looks them up)
    MANUAL = "manual"  # judged by the members, with a note


# --- evidence values -------------------------------------------------------------------


class Digits(str):
    """A numeric id in evidence: Persian digits in Persian, always read left to right."""

    __slots__ = ()


class Code(str):
    """A code with letters (registration id): kept as issued, read left to right."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Phrase:
    """Text with one wording per language and its own placeholders."""

    wording: Mapping[str, str]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Age:
    """Full (Jalali) years between two days, computed only when shown."""

    birth: date
    on: date

    @property
    def years(self) -> int:
        return full_years_between(self.birth, self.on)


def _render(value: Any, lang: str, isolate: bool, separator: str) -> str:
    persian = lang == "fa"
    if isinstance(value, Age):
        value = value.years
    if isinstance(value, Phrase):
        text = value.wording.get(lang) or value.wording.get("en", "")
        params = {k: _render(v, lang, isolate, separator) for k, v in value.params.items()}
        return text.format(**params) if params else text
    if isinstance(value, datetime | date):
        return format_jalali(value, persian_digits=persian)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value) if persian else f"{value:,}"
    if isinstance(value, Digits | Code):
        text = to_persian_digits(value) if persian and isinstance(value, Digits) else str(value)
        return f"{LRI}{text}{PDI}" if isolate and text else text
    if isinstance(value, list | tuple):
        return separator.join(_render(v, lang, isolate, separator) for v in value)
    return str(value)


def legal_basis_text(basis: LegalBasis, lang: str = "fa") -> str:
    """ "ماده ۳۷ بند ز" (or "Art. 37(ز)")."""
    if lang == "fa":
        text = f"ماده {to_persian_digits(basis.article)}"
        return f"{text} بند {basis.clause}" if basis.clause else text
    return f"Art. {basis.article}({basis.clause})" if basis.clause else f"Art. {basis.article}"


# --- the rules table -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One criterion of the table: what is checked, under which article, how worded."""

    code: str
    check: str
    mode: CheckMode
    basis: LegalBasis
    titles: Mapping[str, str]
    params: Mapping[str, Any]
    messages: Mapping[str, Mapping[str, str]]

    def title(self, lang: str = "fa") -> str:
        return self.titles.get(lang) or self.titles.get("en", self.code)


@dataclass(frozen=True, slots=True)
class RulesTable:
    """The rules of one election cycle, built from plain data by ``from_data``."""

    cycle_code: str
    version: str
    rules: tuple[Rule, ...]
    education_bands: tuple[EducationBand, ...]
    education_names: Mapping[str, Mapping[str, str]]
    document_names: Mapping[str, Mapping[str, str]]
    places: Mapping[str, Mapping[str, str]]
    messages: Mapping[str, Mapping[str, str]]
    content_hash: str = ""  # SHA-256 of the table's canonical JSON (from_data sets it)

    @property
    def fingerprint(self) -> str:
        """What stored check results remember: the declared version and the content, so
        a table edited without a new version still makes every result stale."""
        return f"{self.version}#{self.content_hash[:16]}" if self.content_hash else self.version

    @classmethod
    def from_data(cls, cycle_code: str, data: Mapping[str, Any]) -> RulesTable:
        """Build a table from parsed JSON; RulesTableError names the rule and the field
        of the first problem (``rules_schema``)."""
        validate_rules_data(data)
        rules = tuple(
            Rule(
                code=item["code"],
                check=item["check"],
                mode=CheckMode(item["mode"]),
                basis=LegalBasis(item["article"], item["clause"]),
                titles=dict(item["title"]),
                params=dict(item.get("params", {})),
                messages={k: dict(v) for k, v in item.get("messages", {}).items()},
            )
            for item in data["rules"]
        )
        bands = tuple(
            EducationBand(
                ConstituencyKind(b["kind"]), b["upper_bound"], EducationLevel(b["minimum"])
            )
            for b in data.get("education_bands", ())
        )
        return cls(
            cycle_code=cycle_code,
            version=data["version"],
            rules=rules,
            education_bands=bands or DEFAULT_EDUCATION_BANDS,
            education_names=data.get("education_names", {}),
            document_names=data.get("document_names", {}),
            places=data.get("places", {}),
            messages=data.get("messages", {}),
            content_hash=sha256_hex(canonical_json(data)),
        )

    def rule(self, code: str) -> Rule:
        for r in self.rules:
            if r.code == code:
                return r
        raise DomainError(f"rules table {self.cycle_code} has no rule {code!r}")

    @property
    def automatic(self) -> tuple[Rule, ...]:
        """Rules decided from data (including those that look at other dossiers)."""
        return tuple(r for r in self.rules if r.mode is not CheckMode.MANUAL)

    @property
    def manual(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.mode is CheckMode.MANUAL)

    def phrase(self, group: str, key: str, **params: Any) -> Phrase:
        """A named wording of the table: "education", "document", "place" or "message"."""
        if group == "education":
            table = self.education_names
        elif group == "document":
            table = self.document_names
        elif group == "place":
            table = self.places
        else:
            table = self.messages
        return Phrase(table.get(key) or {"en": key}, params)

    def education_name(self, level: EducationLevel) -> Phrase:
        return self.phrase("education", str(int(level)))

    def separator(self, lang: str) -> str:
        return self.messages.get("list_separator", {}).get(lang, ", ")


# --- inputs and results ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OtherRegistration:
    """Another dossier of the same national id (found by the service in the store)."""

    registration_id: str
    constituency_code: str
    constituency_name: str
    status: CandidateStatus


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Facts beyond the dossier itself that the checks need."""

    cycle: ElectionCycle
    constituency: Constituency | None
    constituency_names: Mapping[str, str] = field(default_factory=dict)
    # None: not looked up (the check says "unknown"); () means: looked up, none found.
    other_registrations: tuple[OtherRegistration, ...] | None = None


@dataclass(frozen=True, slots=True)
class ManualAssessment:
    """A member's judgement on a manual criterion."""

    code: str
    met: bool
    note: str
    actor: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class CheckResult:
    rule: Rule
    outcome: Outcome
    message: str  # key into the rule's (or the table's) messages
    params: Mapping[str, Any] = field(default_factory=dict)
    assessment: ManualAssessment | None = None

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def basis(self) -> LegalBasis:
        return self.rule.basis

    @property
    def mode(self) -> CheckMode:
        return self.rule.mode

    def evidence(self, table: RulesTable, lang: str = "fa", *, isolate: bool = True) -> str:
        """The evidence sentence in ``lang`` (ids wrapped in LTR isolates if ``isolate``)."""
        wording = self.rule.messages.get(self.message) or table.messages.get(
            self.message, {"en": self.message}
        )
        return _render(Phrase(wording, self.params), lang, isolate, table.separator(lang))


# --- the checks ------------------------------------------------------------------------

CheckFunction = Callable[[Rule, Dossier, CheckContext, RulesTable], CheckResult]


def at_least_years_old(birth: date, on: date, years: int) -> bool:
    """Whether someone born on ``birth`` is ``years`` full Jalali years old on ``on``.

    Only ages within a year or so of the limit need the (slow) Jalali count; the day
    count settles the rest (a bulk run checks 300,000 dossiers).
    """
    days = (on - birth).days
    if days >= (years + 1) * 366:
        return True
    if days < years * 365:
        return False
    return full_years_between(birth, on) >= years


def _registered_on(dossier: Dossier) -> date:
    return dossier.registered_at.date()


def _check_age(rule: Rule, d: Dossier, ctx: CheckContext, _t: RulesTable) -> CheckResult:
    minimum = int(rule.params.get("minimum_age", ctx.cycle.minimum_age))
    registered = _registered_on(d)
    params: dict[str, Any] = {"birth_date": d.birth_date, "registered_on": registered}
    if d.birth_date > registered:
        return CheckResult(rule, Outcome.UNKNOWN, "born_after_registration", params)
    params.update(age=Age(d.birth_date, registered), minimum=minimum)
    if not at_least_years_old(d.birth_date, registered, minimum):
        return CheckResult(rule, Outcome.FAIL, "under_age", params)
    return CheckResult(rule, Outcome.PASS, "pass", params)


def _place(table: RulesTable, c: Constituency) -> Phrase:
    size = c.population if c.kind is ConstituencyKind.CITY else c.households
    return table.phrase("place", c.kind.value, name=c.name, size=size or 0)


def _check_education(rule: Rule, d: Dossier, ctx: CheckContext, t: RulesTable) -> CheckResult:
    c = ctx.constituency
    education = t.education_name(d.education)
    if c is None:
        params = {"constituency": Code(d.constituency_code)}
        return CheckResult(rule, Outcome.UNKNOWN, "unknown_constituency", params)
    if rule.params.get("former_member_exempt", True) and d.previous_council_member_of == c.code:
        return CheckResult(rule, Outcome.PASS, "exempt_former_member", {"education": education})
    required = minimum_education(c, t.education_bands)
    reduced = required
    if d.veteran_status is not VeteranStatus.NONE:
        floor = int(rule.params.get("floor", EducationLevel.LITERACY))
        levels = int(rule.params.get("veteran_levels", 1))
        reduced = EducationLevel(max(floor, min(int(required), int(required) - levels)))
    params = {"education": education, "place": _place(t, c), "required": t.education_name(reduced)}
    if d.education < reduced:
        return CheckResult(rule, Outcome.FAIL, "below_band", params)
    message = "pass_veteran" if d.education < required else "pass"
    return CheckResult(rule, Outcome.PASS, message, params)


def _check_national_id(rule: Rule, d: Dossier, _c: CheckContext, _t: RulesTable) -> CheckResult:
    digits = to_ascii_digits(d.national_id).strip()
    params: dict[str, Any] = {"national_id": Digits(digits)}
    if len(digits) != NATIONAL_ID_LENGTH or not (digits.isascii() and digits.isdigit()):
        return CheckResult(rule, Outcome.FAIL, "malformed", params)
    if len(set(digits)) == 1:
        return CheckResult(rule, Outcome.FAIL, "identical_digits", params)
    expected = national_id_check_digit(digits[:9])
    if int(digits[9]) != expected:
        params["expected"] = Digits(str(expected))
        return CheckResult(rule, Outcome.FAIL, "check_digit", params)
    return CheckResult(rule, Outcome.PASS, "pass", params)


def _check_military(rule: Rule, d: Dossier, _c: CheckContext, _t: RulesTable) -> CheckResult:
    if d.gender is Gender.FEMALE:
        return CheckResult(rule, Outcome.PASS, "not_applicable")
    match d.military_status:
        case MilitaryStatus.CARD:
            return CheckResult(rule, Outcome.PASS, "card")
        case MilitaryStatus.PERMANENT_EXEMPTION:
            return CheckResult(rule, Outcome.PASS, "exemption")
        case MilitaryStatus.NONE:
            return CheckResult(rule, Outcome.FAIL, "none")
    return CheckResult(rule, Outcome.UNKNOWN, "not_recorded")


def _check_criminal_record(
    rule: Rule, d: Dossier, ctx: CheckContext, _t: RulesTable
) -> CheckResult:
    certificate = d.document(DocumentKind.CRIMINAL_RECORD)
    if certificate is None:
        return CheckResult(rule, Outcome.FAIL, "missing")
    if certificate.issued_on is None:
        return CheckResult(rule, Outcome.UNKNOWN, "no_issue_date")
    registered = _registered_on(d)
    params: dict[str, Any] = {"issued_on": certificate.issued_on, "registered_on": registered}
    if certificate.issued_on > registered:
        return CheckResult(rule, Outcome.UNKNOWN, "issued_after_registration", params)
    try:
        validity = ctx.cycle.deadline(CRIMINAL_RECORD_VALIDITY)
    except DomainError:  # the cycle's calendar sets no validity: the members judge it
        return CheckResult(rule, Outcome.UNKNOWN, "no_calendar", params)
    params.update(days=(registered - certificate.issued_on).days, validity=validity.days)
    if not validity.is_open(certificate.issued_on, registered):
        return CheckResult(rule, Outcome.FAIL, "expired", params)
    return CheckResult(rule, Outcome.PASS, "pass", params)


def registration_opens(cycle: ElectionCycle, constituency: Constituency) -> date:
    """The day registration opened for the constituency's track (DomainError if unknown)."""
    track = cycle.track_for(constituency.kind.value, constituency.population)
    return cycle.registration_date_bounds(track)[0]


def _check_art41(rule: Rule, d: Dossier, ctx: CheckContext, _t: RulesTable) -> CheckResult:
    post = d.art41_post
    if post is None:
        return CheckResult(rule, Outcome.PASS, "no_post")
    if ctx.constituency is None:
        return CheckResult(rule, Outcome.UNKNOWN, "no_calendar")
    try:
        opens = registration_opens(ctx.cycle, ctx.constituency)
        due = ctx.cycle.deadline(ART41_RESIGNATION).due(opens)
    except DomainError:
        return CheckResult(rule, Outcome.UNKNOWN, "no_calendar")
    params: dict[str, Any] = {"post": post.title, "opens": opens, "due": due}
    if post.resigned_on is None:
        return CheckResult(rule, Outcome.FAIL, "not_resigned", params)
    params["resigned_on"] = post.resigned_on
    if post.resigned_on > due:
        return CheckResult(rule, Outcome.FAIL, "late", params)
    return CheckResult(rule, Outcome.PASS, "pass", params)


def _check_duplicates(rule: Rule, d: Dossier, ctx: CheckContext, t: RulesTable) -> CheckResult:
    others = ctx.other_registrations
    if others is None:
        return CheckResult(rule, Outcome.UNKNOWN, "not_checked")
    # A withdrawn registration no longer competes with this one.
    live = [o for o in others if o.status is not CandidateStatus.WITHDRAWN]
    if not live:
        return CheckResult(rule, Outcome.PASS, "pass")
    listed = [
        t.phrase(
            "message",
            "other_registration",
            registration_id=Code(o.registration_id),
            constituency=o.constituency_name or o.constituency_code,
        )
        for o in live
    ]
    return CheckResult(rule, Outcome.FAIL, "duplicate", {"others": listed})


def _check_residence(rule: Rule, d: Dossier, ctx: CheckContext, _t: RulesTable) -> CheckResult:
    names = ctx.constituency_names
    params = {
        "residence": names.get(d.residence_constituency_code, d.residence_constituency_code),
        "constituency": names.get(d.constituency_code)
        or (ctx.constituency.name if ctx.constituency else d.constituency_code),
    }
    if d.residence_constituency_code == d.constituency_code:
        return CheckResult(rule, Outcome.PASS, "pass", params)
    return CheckResult(rule, Outcome.FAIL, "elsewhere", params)


def _document_required(item: Mapping[str, Any], d: Dossier) -> bool:
    match item.get("when", "always"):
        case "always":
            return True
        case "education_at_least":
            return d.education >= int(item["level"])
        case "man_with_service_under":
            # The card proves a claimed status; a man claiming none fails "military".
            claims = d.military_status in (MilitaryStatus.CARD, MilitaryStatus.PERMANENT_EXEMPTION)
            if d.gender is not Gender.MALE or not claims:
                return False
            registered = _registered_on(d)
            return d.birth_date > registered or not at_least_years_old(
                d.birth_date, registered, int(item["age"])
            )
        case "art41_post":
            return d.art41_post is not None
    raise DomainError(f"unknown document condition {item.get('when')!r}")


def _check_documents(rule: Rule, d: Dossier, _c: CheckContext, t: RulesTable) -> CheckResult:
    uploaded = {doc.kind.value for doc in d.documents}
    required = [
        item["kind"] for item in rule.params.get("required", ()) if _document_required(item, d)
    ]
    missing = [kind for kind in required if kind not in uploaded]
    if missing:
        names = [t.phrase("document", kind) for kind in missing]
        return CheckResult(rule, Outcome.FAIL, "missing", {"missing": names})
    present = [t.phrase("document", kind) for kind in required]
    return CheckResult(rule, Outcome.PASS, "pass", {"present": present})


_CHECKS: Final[dict[str, CheckFunction]] = {
    "minimum_age": _check_age,
    "education_band": _check_education,
    "national_id": _check_national_id,
    "military_service": _check_military,
    "criminal_record_certificate": _check_criminal_record,
    "art41_resignation": _check_art41,
    "duplicate_registration": _check_duplicates,
    "residence": _check_residence,
    "required_documents": _check_documents,
}
# The schema and the interpreter know the same checks (manual ones are not run here).
assert set(_CHECKS) | {"manual"} == set(CHECK_SPECS)


# --- running the table -----------------------------------------------------------------


def evaluate(dossier: Dossier, context: CheckContext, table: RulesTable) -> list[CheckResult]:
    """Every automatic (and store) check of the table on one dossier, in table order."""
    return [_CHECKS[rule.check](rule, dossier, context, table) for rule in table.automatic]


def manual_results(
    table: RulesTable, assessments: Mapping[str, ManualAssessment]
) -> list[CheckResult]:
    """The manual criteria: unknown until a member records a judgement."""
    results: list[CheckResult] = []
    for rule in table.manual:
        found = assessments.get(rule.code)
        if found is None:
            results.append(CheckResult(rule, Outcome.UNKNOWN, "manual_pending"))
        else:
            outcome = Outcome.PASS if found.met else Outcome.FAIL
            message = "manual_met" if found.met else "manual_not_met"
            results.append(CheckResult(rule, outcome, message, {"note": found.note}, found))
    return results


def failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.outcome is Outcome.FAIL]


def rejection_grounds(
    results: Sequence[CheckResult], table: RulesTable, lang: str = "fa"
) -> tuple[tuple[LegalBasis, ...], str]:
    """Legal basis and reasoning for a ruling draft, from the failed checks.

    One line per failed check: its legal basis, title and evidence (no bidi isolates:
    the text goes into a stored document). Bases are de-duplicated, in table order.
    """
    failed = failures(results)
    basis: list[LegalBasis] = []
    lines: list[str] = []
    for result in failed:
        if result.basis not in basis:
            basis.append(result.basis)
        cited = legal_basis_text(result.basis, lang)
        evidence = result.evidence(table, lang, isolate=False)
        lines.append(f"{cited} ({result.rule.title(lang)}): {evidence}")
    return tuple(basis), "\n".join(lines)
