"""The eligibility checklist: a per-cycle rules table drives every automatic check."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache

import pytest

from supervisor_app.domain.candidates import (
    Art41Post,
    CandidateStatus,
    Document,
    DocumentKind,
    Dossier,
    Gender,
    LegalBasis,
    MilitaryStatus,
    VeteranStatus,
)
from supervisor_app.domain.cycle import CRIMINAL_RECORD_VALIDITY
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.eligibility import (
    CheckContext,
    CheckMode,
    ManualAssessment,
    OtherRegistration,
    Outcome,
    RulesTable,
    evaluate,
    legal_basis_text,
    manual_results,
    rejection_grounds,
)
from supervisor_app.domain.errors import RulesTableError
from supervisor_app.domain.geography import Constituency, ConstituencyKind, EducationLevel
from supervisor_app.domain.jalali import from_jalali
from supervisor_app.rules_files import RulesLibrary
from supervisor_app.services.demo_data import (
    ARABIC_LETTERS,
    DUPLICATE_REGISTRATION,
    EXPIRED_CRIMINAL_RECORD,
    INSUFFICIENT_EDUCATION,
    INVALID_NATIONAL_ID,
    LATE_ART41_RESIGNATION,
    MISSING_DEGREE,
    NO_MILITARY_SERVICE,
    RESIDENCE_ELSEWHERE,
    UNDER_AGE,
    demo_cycle,
    generate_demo_dataset,
    tricky_cases,
)

# Which check each tricky kind of the demo generator must fail, and under which article.
EXPECTED: dict[str, tuple[str, LegalBasis]] = {
    UNDER_AGE: ("age", LegalBasis("37", "ب")),
    MISSING_DEGREE: ("documents", LegalBasis("42")),
    INSUFFICIENT_EDUCATION: ("education", LegalBasis("37", "ز")),
    INVALID_NATIONAL_ID: ("national_id", LegalBasis("42")),
    DUPLICATE_REGISTRATION: ("single_constituency", LegalBasis("43")),
    EXPIRED_CRIMINAL_RECORD: ("criminal_record", LegalBasis("37", "ه")),
    LATE_ART41_RESIGNATION: ("art41", LegalBasis("41")),
    NO_MILITARY_SERVICE: ("military", LegalBasis("37", "د")),
    RESIDENCE_ELSEWHERE: ("residence", LegalBasis("37", "و")),
}

CYCLE = demo_cycle()
TABLE = RulesLibrary().for_cycle(CYCLE.code)  # the bundled resources/rules/1405-7.json
CITY = Constituency("K1", "C1", None, "شهر نمونه", ConstituencyKind.CITY, 7, population=250_000)
SMALL_CITY = Constituency("K3", "C1", None, "شهرک", ConstituencyKind.CITY, 5, population=15_000)
VILLAGE = Constituency(
    "K2", "C1", "D1", "روستای نمونه", ConstituencyKind.VILLAGE, 3, households=150
)
REGISTERED = datetime(2026, 1, 12, 10, 0)  # 22 Dey 1404: the city registration window


@cache
def demo(n: int = 3000) -> Dataset:
    return generate_demo_dataset(n, 1404)


def evaluate_all(ds: Dataset) -> dict[str, dict[str, Outcome]]:
    """Registration id → rule code → outcome, duplicates looked up as the service does."""
    constituencies = {c.code: c for c in ds.constituencies}
    names = {c.code: c.name for c in ds.constituencies}
    by_person: dict[str, list[Dossier]] = defaultdict(list)
    for d in ds.dossiers:
        by_person[d.national_id].append(d)
    found: dict[str, dict[str, Outcome]] = {}
    for d in ds.dossiers:
        others = tuple(
            OtherRegistration(o.registration_id, o.constituency_code, names[o.constituency_code],
                              o.status)
            for o in by_person[d.national_id]
            if o is not d
        )
        context = CheckContext(ds.cycles[0], constituencies.get(d.constituency_code), names,
                               others)
        found[d.registration_id] = {r.code: r.outcome for r in evaluate(d, context, TABLE)}
    return found


def clean(**overrides: object) -> Dossier:
    """A dossier that passes every automatic check in CITY (bachelor's band)."""
    values: dict[str, object] = dict(
        registration_id="R-1",
        national_id="0012345679",
        first_name="علی",
        last_name="کریمی",
        father_name="حسن",
        birth_date=date(1980, 3, 21),
        birthplace="تهران",
        gender=Gender.MALE,
        mobile="09120000000",
        education=EducationLevel.BACHELOR,
        education_field="حقوق",
        degree_verification_code="123",
        occupation="وکیل",
        address="تهران",
        residence_constituency_code="K1",
        constituency_code="K1",
        registered_at=REGISTERED,
        military_status=MilitaryStatus.CARD,
        documents=[
            Document(kind, f"{kind.value}.pdf", "a" * 64, 1000, REGISTERED,
                     REGISTERED.date() - timedelta(days=10)
                     if kind is DocumentKind.CRIMINAL_RECORD else None)
            for kind in (
                DocumentKind.PHOTO,
                DocumentKind.QUESTIONNAIRE,
                DocumentKind.DEGREE,
                DocumentKind.MILITARY_CARD,
                DocumentKind.CRIMINAL_RECORD,
            )
        ],
    )
    values.update(overrides)
    return Dossier(**values)  # type: ignore[arg-type]


def results(d: Dossier, constituency: Constituency | None = CITY, others=()):
    context = CheckContext(CYCLE, constituency, {"K1": CITY.name, "K2": VILLAGE.name}, others)
    return {r.code: r for r in evaluate(d, context, TABLE)}


# --- the demo generator's tricky dossiers ---------------------------------------------------


def test_every_tricky_demo_dossier_fails_exactly_its_check_with_its_legal_basis():
    """Each tricky dossier fails the check it was built to break, under the right article."""
    ds = demo()
    outcomes = evaluate_all(ds)
    for kind, ids in tricky_cases(ds).items():
        assert ids, f"the demo data has no {kind} dossier"
        if kind == ARABIC_LETTERS:
            continue
        code, basis = EXPECTED[kind]
        assert TABLE.rule(code).basis == basis
        for rid in ids:
            failed = {c for c, o in outcomes[rid].items() if o is not Outcome.PASS}
            assert failed == {code}, (kind, rid, failed)


def test_clean_demo_dossiers_pass_every_automatic_check():
    """Dossiers that are not tricky (Arabic letters in names included) pass everything."""
    ds = demo()
    tricky = {rid for kind, ids in tricky_cases(ds).items() if kind != ARABIC_LETTERS
              for rid in ids}
    outcomes = evaluate_all(ds)
    flagged = {rid: o for rid, o in outcomes.items()
               if rid not in tricky and any(v is not Outcome.PASS for v in o.values())}
    assert flagged == {}
    assert len(outcomes) - len(tricky) > 2500


# --- individual rules -----------------------------------------------------------------------


def test_age_is_counted_in_full_jalali_years_on_the_registration_day():
    """25 on the Jalali birthday passes; one day short of it fails under Art. 37(ب)."""
    registered = from_jalali(1404, 10, 22)
    at = datetime(registered.year, registered.month, registered.day, 9, 0)
    turning = from_jalali(1379, 10, 22)
    assert results(clean(birth_date=turning, registered_at=at))["age"].outcome is Outcome.PASS
    young = results(clean(birth_date=turning + timedelta(days=1), registered_at=at))["age"]
    assert young.outcome is Outcome.FAIL
    assert legal_basis_text(young.basis) == "ماده ۳۷ بند ب"
    assert "۲۴ سال تمام" in young.evidence(TABLE, "fa")
    assert "24 full years" in young.evidence(TABLE, "en")


def test_education_band_with_former_member_and_veteran_exemptions():
    """Below the band fails; a former member of the same council is exempt; veterans get
    one level off (never below literacy)."""
    diploma = clean(education=EducationLevel.DIPLOMA)
    assert results(diploma)["education"].outcome is Outcome.FAIL
    assert "لیسانس" in results(diploma)["education"].evidence(TABLE)
    former = replace(diploma, previous_council_member_of="K1")
    assert results(former)["education"].message == "exempt_former_member"
    elsewhere = replace(diploma, previous_council_member_of="K9")
    assert results(elsewhere)["education"].outcome is Outcome.FAIL
    associate = clean(education=EducationLevel.ASSOCIATE, veteran_status=VeteranStatus.VETERAN)
    assert results(associate)["education"].outcome is Outcome.PASS
    assert results(diploma, SMALL_CITY)["education"].outcome is Outcome.FAIL
    child = replace(diploma, veteran_status=VeteranStatus.MARTYR_CHILD)
    assert results(child, SMALL_CITY)["education"].outcome is Outcome.PASS
    literate = clean(education=EducationLevel.NONE, veteran_status=VeteranStatus.VETERAN,
                     constituency_code="K2", residence_constituency_code="K2")
    assert results(literate, VILLAGE)["education"].outcome is Outcome.FAIL
    assert results(clean(), None)["education"].outcome is Outcome.UNKNOWN


def test_national_id_checks_digit_and_identical_digits():
    """A wrong check digit and ten identical digits both fail, saying which."""
    assert results(clean())["national_id"].outcome is Outcome.PASS
    wrong = results(clean(national_id="0012345678"))["national_id"]
    assert (wrong.outcome, wrong.message) == (Outcome.FAIL, "check_digit")
    same = results(clean(national_id="1111111111"))["national_id"]
    assert (same.outcome, same.message) == (Outcome.FAIL, "identical_digits")
    assert results(clean(national_id="12345"))["national_id"].message == "malformed"


def test_military_status_applies_to_men_only():
    """Women pass as not applicable; a man with neither card nor exemption fails."""
    woman = clean(gender=Gender.FEMALE, military_status=MilitaryStatus.NOT_APPLICABLE,
                  documents=[d for d in clean().documents
                             if d.kind is not DocumentKind.MILITARY_CARD])
    assert results(woman)["military"].outcome is Outcome.PASS
    assert results(woman)["documents"].outcome is Outcome.PASS
    none = results(clean(military_status=MilitaryStatus.NONE))
    assert none["military"].outcome is Outcome.FAIL
    assert none["documents"].outcome is Outcome.PASS  # no card to prove a status not claimed
    unknown = results(clean(military_status=MilitaryStatus.NOT_APPLICABLE))
    assert unknown["military"].outcome is Outcome.UNKNOWN


def test_criminal_record_certificate_validity_comes_from_the_cycle():
    """Issued 90 days before registration is still valid, 91 is not; none uploaded fails."""
    validity = CYCLE.deadline(CRIMINAL_RECORD_VALIDITY).days

    def issued(days: int) -> Dossier:
        docs = [d if d.kind is not DocumentKind.CRIMINAL_RECORD
                else replace(d, issued_on=REGISTERED.date() - timedelta(days=days))
                for d in clean().documents]
        return clean(documents=docs)

    assert results(issued(validity))["criminal_record"].outcome is Outcome.PASS
    late = results(issued(validity + 1))["criminal_record"]
    assert late.outcome is Outcome.FAIL
    assert "۹۰ روز" in late.evidence(TABLE)
    missing = clean(documents=[d for d in clean().documents
                               if d.kind is not DocumentKind.CRIMINAL_RECORD])
    assert results(missing)["criminal_record"].message == "missing"
    undated = clean(documents=[replace(d, issued_on=None) for d in clean().documents])
    assert results(undated)["criminal_record"].outcome is Outcome.UNKNOWN


def test_a_cycle_without_a_certificate_validity_leaves_the_certificate_to_the_members():
    """No validity in the cycle's calendar: the check is unknown with its Persian reason, and
    the other checks still run (it used to stop the whole evaluation)."""
    bare = replace(CYCLE, deadlines=tuple(d for d in CYCLE.deadlines
                                          if d.name != CRIMINAL_RECORD_VALIDITY))
    context = CheckContext(bare, CITY, {"K1": CITY.name, "K2": VILLAGE.name}, ())
    by_code = {r.code: r for r in evaluate(clean(), context, TABLE)}
    record = by_code["criminal_record"]
    assert record.outcome is Outcome.UNKNOWN and record.message == "no_calendar"
    assert "تقویم دوره" in record.evidence(TABLE)
    assert by_code["age"].outcome is Outcome.PASS


def test_art41_resignation_must_precede_registration_by_three_months():
    """The deadline is the cycle's rule counted back from the day registration opened."""
    opens = CYCLE.registration_date_bounds(CYCLE.track_for("city", CITY.population))[0]
    due = opens - timedelta(days=90)
    resignation = Document(DocumentKind.RESIGNATION, "r.pdf", "b" * 64, 10, REGISTERED)

    def holder(resigned: date | None) -> Dossier:
        return clean(art41_post=Art41Post("شهردار", resigned),
                     documents=[*clean().documents, resignation])

    assert results(holder(due))["art41"].outcome is Outcome.PASS
    assert results(holder(due + timedelta(days=1)))["art41"].message == "late"
    assert results(holder(None))["art41"].message == "not_resigned"
    assert results(clean())["art41"].message == "no_post"
    # The resignation certificate is itself a required document for post holders.
    no_certificate = clean(art41_post=Art41Post("شهردار", due))
    assert results(no_certificate)["documents"].outcome is Outcome.FAIL


def test_one_person_in_two_constituencies_is_flagged_with_the_other_registration():
    """Another live registration of the same national id fails Art. 43; a withdrawn one
    does not; without the lookup the check says it does not know."""
    other = OtherRegistration("R-2", "K2", "روستای نمونه", CandidateStatus.REGISTERED)
    found = results(clean(), others=(other,))["single_constituency"]
    assert found.outcome is Outcome.FAIL
    assert legal_basis_text(found.basis) == "ماده ۴۳"
    assert "R-2" in found.evidence(TABLE) and "روستای نمونه" in found.evidence(TABLE)
    withdrawn = replace(other, status=CandidateStatus.WITHDRAWN)
    assert results(clean(), others=(withdrawn,))["single_constituency"].outcome is Outcome.PASS
    assert results(clean(), others=None)["single_constituency"].outcome is Outcome.UNKNOWN


def test_missing_documents_are_named():
    """A claimed degree without its certificate fails, naming the missing document."""
    no_degree = clean(documents=[d for d in clean().documents if d.kind is not DocumentKind.DEGREE])
    found = results(no_degree)["documents"]
    assert found.outcome is Outcome.FAIL
    assert found.evidence(TABLE) == "بارگذاری نشده: مدرک تحصیلی"
    old_man = clean(birth_date=date(1960, 1, 1),
                    documents=[d for d in clean().documents
                               if d.kind is not DocumentKind.MILITARY_CARD])
    assert results(old_man)["documents"].outcome is Outcome.PASS  # card only under 50


def test_residence_outside_the_constituency_fails():
    """Living in another constituency fails Art. 37(و), naming where."""
    found = results(clean(residence_constituency_code="K2"))["residence"]
    assert found.outcome is Outcome.FAIL
    assert "روستای نمونه" in found.evidence(TABLE)


# --- the table is data ----------------------------------------------------------------------


def test_the_rules_table_is_data_a_cycle_can_change():
    """A cycle whose table asks for 30 years fails a 28-year-old; a bad check is refused."""
    data = json.loads(RulesLibrary().path_for(CYCLE.code).read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["code"] == "age":
            rule["params"]["minimum_age"] = 30
            rule["clause"] = "الف"
    table = RulesTable.from_data("X", data)
    young = clean(birth_date=date(1997, 6, 1))
    context = CheckContext(CYCLE, CITY)
    age = next(r for r in evaluate(young, context, table) if r.code == "age")
    assert age.outcome is Outcome.FAIL and age.basis == LegalBasis("37", "الف")
    data["rules"][0]["check"] = "astrology"
    with pytest.raises(RulesTableError):
        RulesTable.from_data("X", data)


def test_manual_criteria_are_unknown_until_members_judge_them():
    """Belief, no effective record and health wait for a judgement with a note."""
    codes = [r.code for r in TABLE.manual]
    assert codes == ["belief", "no_effective_record", "health"]
    assert all(r.mode is CheckMode.MANUAL for r in TABLE.manual)
    pending = manual_results(TABLE, {})
    assert {r.outcome for r in pending} == {Outcome.UNKNOWN}
    judged = manual_results(
        TABLE,
        {"health": ManualAssessment("health", False, "گواهی پزشکی ناقص", "m1",
                                    datetime(2026, 2, 20, 10, 0))},
    )
    health = next(r for r in judged if r.code == "health")
    assert health.outcome is Outcome.FAIL
    assert health.evidence(TABLE) == "احراز نشد: گواهی پزشکی ناقص"


def test_rejection_grounds_cite_every_failed_check_in_persian():
    """The ruling draft cites article and clause and the evidence of each failure."""
    bad = clean(national_id="1111111111", residence_constituency_code="K2")
    checks = list(results(bad).values())
    basis, reasoning = rejection_grounds(checks, TABLE)
    assert basis == (LegalBasis("42"), LegalBasis("37", "و"))
    lines = reasoning.splitlines()
    assert lines[0].startswith("ماده ۴۲ (کد ملی معتبر):")
    assert lines[1].startswith("ماده ۳۷ بند و (سکونت در حوزه انتخابیه):")
    assert "\u2066" not in reasoning  # no bidi isolates in a stored document
