"""The demo data generator: deterministic, realistic, and carrying its tricky cases."""

from __future__ import annotations

import hashlib
import itertools
import pickle
import subprocess
import sys
from collections import Counter
from dataclasses import astuple, fields
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest

from supervisor_app.domain.boards import BoardLevel, MemberRole
from supervisor_app.domain.candidates import (
    CANDIDATE_MACHINE,
    MAX_DOCUMENT_BYTES,
    CandidateStatus,
    DocumentKind,
    Gender,
    InquiryResult,
    MilitaryStatus,
)
from supervisor_app.domain.cycle import (
    ART41_RESIGNATION,
    COMPLAINT_DECISION,
    COMPLAINT_FILING,
    CONSTITUENCY_CHANGE,
    CRIMINAL_RECORD_VALIDITY,
    OBJECTION_DEADLINE,
    OBJECTION_DECISION,
    Stage,
    Track,
)
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.geography import ConstituencyKind, EducationLevel, minimum_education
from supervisor_app.domain.jalali import from_jalali, full_years_between, to_jalali
from supervisor_app.domain.national_id import is_valid_national_id, national_id_check_digit
from supervisor_app.services import demo_names
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
    TRICKY_KINDS,
    UNDER_AGE,
    city_seats,
    demo_cycle,
    demo_reference_date,
    generate_demo_dataset,
    tricky_cases,
)

ARABIC = ("\u064a", "\u0643")  # ي ك
CITY_SEATS = {5, 7, 9, 11, 13, 15, 21}


@cache
def dataset(n: int, seed: int = 1404) -> Dataset:
    """Generated once per (n, seed) for the whole module; tests must not mutate it."""
    return generate_demo_dataset(n, seed)


def _statuses_reachable() -> set[CandidateStatus]:
    seen, todo = {CandidateStatus.REGISTERED}, [CandidateStatus.REGISTERED]
    while todo:
        for nxt in CANDIDATE_MACHINE.allowed(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_same_seed_gives_equal_datasets():
    """Two runs with the same arguments give equal datasets, pickled to the same bytes."""
    a = generate_demo_dataset(300, 7)
    b = generate_demo_dataset(300, 7)
    assert a == b
    assert pickle.dumps(a) == pickle.dumps(b)


def test_same_seed_is_byte_identical_across_processes():
    """Hash randomisation cannot change the data: two interpreters pickle the same bytes."""
    code = (
        "import hashlib, pickle\n"
        "from supervisor_app.services.demo_data import generate_demo_dataset\n"
        "print(hashlib.sha256(pickle.dumps(generate_demo_dataset(200, 5))).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
            env={"PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)},
        ).stdout.strip()
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1
    assert digests == {hashlib.sha256(pickle.dumps(generate_demo_dataset(200, 5))).hexdigest()}


def test_different_seed_gives_different_data():
    """Another seed changes people, geography details and dossiers."""
    a, b = dataset(300), dataset(300, 1405)
    assert a.dossiers != b.dossiers
    assert [c.households for c in a.constituencies] != [c.households for c in b.constituencies]


def test_geography_boards_and_branches_do_not_depend_on_the_dossier_count():
    """Everything but the dossiers is drawn first, so it is the same for any n."""
    small, large = dataset(50), dataset(1000)
    for name in ("provinces", "counties", "districts", "constituencies", "boards", "members",
                 "branches", "observers"):
        assert getattr(small, name) == getattr(large, name), name


def test_zero_and_few_candidates_work():
    """n = 0 and n below the forced-tricky threshold give valid, smaller datasets."""
    assert generate_demo_dataset(0).dossiers == []
    few = generate_demo_dataset(10)
    assert len(few.dossiers) == 10
    with pytest.raises(ValueError):
        generate_demo_dataset(-1)


def test_all_31_provinces_with_real_names_and_many_counties():
    """31 provinces with their Persian names; 150+ real counties spread by province size."""
    d = dataset(50)
    names = [p.name for p in d.provinces]
    assert len(names) == len(set(names)) == 31
    for name in ("تهران", "خراسان رضوی", "فارس", "اصفهان", "سیستان و بلوچستان",
                 "کهگیلویه و بویراحمد", "آذربایجان غربی", "چهارمحال و بختیاری"):
        assert name in names
    assert len(d.counties) >= 150
    per_province = Counter(c.province_code for c in d.counties)
    by_name = {p.name: per_province[p.code] for p in d.provinces}
    assert min(by_name["تهران"], by_name["خراسان رضوی"], by_name["فارس"],
               by_name["اصفهان"]) > by_name["قم"] + 10
    assert all(per_province[p.code] >= 1 for p in d.provinces)


def test_every_constituency_is_valid():
    """Codes unique, parents exist, sizes in range, seats by the documented bands."""
    d = dataset(50)
    counties = {c.code for c in d.counties}
    districts = {x.code: x for x in d.districts}
    codes = [c.code for c in d.constituencies]
    assert len(codes) == len(set(codes))
    for c in d.constituencies:
        assert c.county_code in counties
        assert c.district_code is not None
        assert districts[c.district_code].county_code == c.county_code
        if c.kind is ConstituencyKind.VILLAGE:
            assert c.households is not None and 50 <= c.households <= 1500
            assert c.seats == (3 if c.households <= 430 else 5)
            assert not c.proportional
        else:
            assert c.population is not None and c.population >= 5000
            assert c.seats in CITY_SEATS
            assert c.seats == city_seats(c.population, capital=c.proportional)
        minimum_education(c)  # some band covers it
    tehran = [c for c in d.constituencies if c.proportional]
    assert [(c.name, c.seats) for c in tehran] == [("تهران", 21)]
    assert tehran[0].population == 9_000_000
    # Every county: one central city council plus several villages.
    per_county = Counter((c.county_code, c.kind) for c in d.constituencies)
    for county in counties:
        assert per_county[(county, ConstituencyKind.CITY)] >= 1
        assert per_county[(county, ConstituencyKind.VILLAGE)] >= 3


def test_city_seat_bands():
    """Seat bands: ≤50k 5, ≤100k 7, ≤200k 9, ≤500k 11, ≤1M 13, above 15, capital 21."""
    assert [city_seats(p) for p in (15_000, 50_000, 50_001, 150_000, 450_000, 900_000,
                                    3_300_000)] == [5, 5, 7, 9, 11, 13, 15]
    assert city_seats(9_000_000, capital=True) == 21


def test_cycle_calendar_and_deadlines():
    """Election day, registration windows and deadlines come out as the law and DOMAIN say."""
    cycle = demo_cycle()
    assert cycle.code == "1405-7"
    assert cycle.election_day == from_jalali(1405, 2, 11)
    assert cycle.election_day.weekday() == 4  # Friday
    assert cycle.registration_date_bounds(Track.CITY) == (
        from_jalali(1404, 10, 21), from_jalali(1404, 10, 27))
    assert cycle.registration_date_bounds(Track.BIG_CITY) == cycle.registration_date_bounds(
        Track.CITY)
    assert cycle.registration_date_bounds(Track.VILLAGE) == (
        from_jalali(1404, 11, 24), from_jalali(1404, 11, 30))
    stages = list(Stage)
    for track in Track:
        windows = [cycle.window(stage, track) for stage in stages]
        for earlier, later in itertools.pairwise(windows):
            assert earlier.end < later.start, (track, earlier.stage, later.stage)
        assert cycle.window(Stage.FINAL_LISTS, track).end < cycle.window(
            Stage.CAMPAIGN, track).start
        assert cycle.window(Stage.CAMPAIGN, track).end < cycle.election_day - timedelta(days=1)
    days = {name: cycle.deadline(name).days for name in (
        OBJECTION_DEADLINE, OBJECTION_DECISION, COMPLAINT_FILING, COMPLAINT_DECISION,
        CRIMINAL_RECORD_VALIDITY, ART41_RESIGNATION, CONSTITUENCY_CHANGE)}
    assert days == {OBJECTION_DEADLINE: 4, OBJECTION_DECISION: 10, COMPLAINT_FILING: 3,
                    COMPLAINT_DECISION: 5, CRIMINAL_RECORD_VALIDITY: 90,
                    ART41_RESIGNATION: -90, CONSTITUENCY_CHANGE: -15}
    change = cycle.deadline(CONSTITUENCY_CHANGE).due(cycle.election_day)
    assert change == cycle.election_day - timedelta(days=15)
    ref = demo_reference_date()
    assert cycle.registration_date_bounds(Track.VILLAGE)[1] < ref < cycle.election_day


def test_boards_members_and_quorum():
    """One central (5), 31 provincial (3), a county board per county (5 + 2 alternates),
    a district board per district (3); default quorum over the voting members."""
    d = dataset(50)
    by_level = Counter(b.level for b in d.boards)
    assert by_level == {BoardLevel.CENTRAL: 1, BoardLevel.PROVINCIAL: 31,
                        BoardLevel.COUNTY: len(d.counties), BoardLevel.DISTRICT: len(d.districts)}
    ids = {b.id for b in d.boards}
    assert all(b.parent_id is None or b.parent_id in ids for b in d.boards)
    roles: dict[str, list[MemberRole]] = {}
    for m in d.members:
        roles.setdefault(m.board_id, []).append(m.role)
        assert is_valid_national_id(m.national_id)
        assert m.full_name.strip()
    central = next(b for b in d.boards if b.level is BoardLevel.CENTRAL)
    assert sorted(roles[central.id]) == sorted(
        [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY,
         MemberRole.EXECUTIVE_SECRETARY, MemberRole.MEMBER])
    for board in d.boards:
        voting = sum(r is not MemberRole.ALTERNATE for r in roles[board.id])
        expected = {BoardLevel.CENTRAL: 5, BoardLevel.PROVINCIAL: 3, BoardLevel.COUNTY: 5,
                    BoardLevel.DISTRICT: 3}[board.level]
        assert voting == board.quorum.full_membership == expected
        assert roles[board.id].count(MemberRole.CHAIR) == 1
        if board.level is BoardLevel.COUNTY:
            assert roles[board.id].count(MemberRole.ALTERNATE) == 2
    assert len({m.id for m in d.members}) == len(d.members)


def test_branches_devices_and_observers():
    """Every constituency has branches with unique EVM devices; observers hang off branches
    and head observers, with unique appointment letters and valid ids."""
    d = dataset(50)
    branches = {b.code: b for b in d.branches}
    assert len(branches) == len(d.branches)
    assert {b.constituency_code for b in d.branches} == {c.code for c in d.constituencies}
    devices = [dev for b in d.branches for dev in b.device_ids]
    assert len(devices) == len(set(devices)) and all(x.startswith("EVM-") for x in devices)
    assert all(b.address.strip() for b in d.branches)
    heads = {o.id for o in d.observers if o.branch_code is None}
    assert heads
    for o in d.observers:
        assert is_valid_national_id(o.national_id)
        if o.branch_code is not None:
            assert o.branch_code in branches
            assert o.head_observer_id in heads
    letters = [o.appointment_letter for o in d.observers]
    assert len(letters) == len(set(letters))
    # Capped: a 300k-candidate dataset still has thousands, not millions, of these.
    assert len(d.branches) < 10_000 and len(d.observers) < 30_000


@pytest.mark.parametrize("n", [50, 1000])
def test_every_tricky_kind_is_present(n):
    """From 50 dossiers on, every tricky kind is there at least once."""
    found = tricky_cases(dataset(n))
    assert set(found) == set(TRICKY_KINDS)
    assert {kind for kind, ids in found.items() if not ids} == set()
    # The invalid ids include both a bad check digit and ten identical digits.
    by_id = {x.registration_id: x for x in dataset(n).dossiers}
    invalid = [by_id[rid].national_id for rid in found[INVALID_NATIONAL_ID]]
    assert any(len(set(nid)) == 1 for nid in invalid)
    assert any(len(set(nid)) > 1 for nid in invalid)


def test_tricky_cases_are_rare_and_each_dossier_has_at_most_one_kind():
    """Tricky dossiers stay a small minority and do not pile several problems on one."""
    d = dataset(5000)
    found = tricky_cases(d)
    kinds_of: dict[str, list[str]] = {}
    for kind, ids in found.items():
        for rid in ids:
            kinds_of.setdefault(rid, []).append(kind)
    assert all(len(kinds) == 1 for kinds in kinds_of.values())
    assert len(kinds_of) < 0.04 * len(d.dossiers)


def test_tricky_cases_really_break_their_rule():
    """Spot checks of each kind against the raw data, independent of tricky_cases' code."""
    d = dataset(1000)
    cycle = d.cycles[0]
    places = {c.code: c for c in d.constituencies}
    found = tricky_cases(d)
    by_id = {x.registration_id: x for x in d.dossiers}
    for rid in found[UNDER_AGE]:
        x = by_id[rid]
        assert full_years_between(x.birth_date, x.registered_at.date()) == 24
        assert full_years_between(x.birth_date, cycle.election_day) == 24
    for rid in found[MISSING_DEGREE]:
        assert by_id[rid].document(DocumentKind.DEGREE) is None
    diploma_in_big_city = False
    for rid in found[INSUFFICIENT_EDUCATION]:
        x = by_id[rid]
        assert x.education < minimum_education(places[x.constituency_code])
        place = places[x.constituency_code]
        if x.education is EducationLevel.DIPLOMA and place.kind is ConstituencyKind.CITY:
            diploma_in_big_city |= (place.population or 0) > 20_000
    assert diploma_in_big_city
    for rid in found[ARABIC_LETTERS]:
        assert any(ch in by_id[rid].last_name for ch in ARABIC)
    for rid in found[EXPIRED_CRIMINAL_RECORD]:
        x = by_id[rid]
        certificate = x.document(DocumentKind.CRIMINAL_RECORD)
        assert certificate is not None and certificate.issued_on is not None
        assert (x.registered_at.date() - certificate.issued_on).days > 90
    for rid in found[LATE_ART41_RESIGNATION]:
        x = by_id[rid]
        place = places[x.constituency_code]
        opens = cycle.registration_date_bounds(cycle.track_for(place.kind.value,
                                                               place.population))[0]
        assert x.art41_post is not None and x.art41_post.resigned_on is not None
        assert (opens - x.art41_post.resigned_on).days < 90
    for rid in found[NO_MILITARY_SERVICE]:
        x = by_id[rid]
        assert x.gender is Gender.MALE and x.military_status is MilitaryStatus.NONE
        assert x.document(DocumentKind.MILITARY_CARD) is None
    for rid in found[RESIDENCE_ELSEWHERE]:
        x = by_id[rid]
        assert x.residence_constituency_code in places
        assert x.residence_constituency_code != x.constituency_code


def test_one_person_registered_in_two_constituencies():
    """The duplicate pair shares national id, name, father and birth, in two councils."""
    d = dataset(50)
    rids = tricky_cases(d)[DUPLICATE_REGISTRATION]
    assert len(rids) == 2
    a, b = (next(x for x in d.dossiers if x.registration_id == rid) for rid in rids)
    assert is_valid_national_id(a.national_id)
    assert a.national_id == b.national_id
    assert (a.first_name, a.last_name, a.father_name, a.birth_date) == (
        b.first_name, b.last_name, b.father_name, b.birth_date)
    assert a.constituency_code != b.constituency_code
    assert a.registration_id != b.registration_id


def test_national_ids_valid_except_the_deliberate_ones():
    """Every dossier id is well formed; only the tricky ones fail validation; ids repeat
    only for the duplicate registrations, and never collide with members or observers."""
    d = dataset(5000)
    found = tricky_cases(d)
    invalid = {x.registration_id for x in d.dossiers if not is_valid_national_id(x.national_id)}
    assert invalid == set(found[INVALID_NATIONAL_ID])
    assert 2 <= len(invalid) <= 2 + 0.005 * len(d.dossiers)
    for x in d.dossiers:
        assert len(x.national_id) == 10 and x.national_id.isdigit()
        if x.registration_id in invalid and len(set(x.national_id)) > 1:
            assert int(x.national_id[9]) != national_id_check_digit(x.national_id[:9])
    repeated = {nid for nid, k in Counter(x.national_id for x in d.dossiers).items() if k > 1}
    duplicates = {x.registration_id for x in d.dossiers if x.national_id in repeated}
    assert duplicates == set(found[DUPLICATE_REGISTRATION])
    staff = {m.national_id for m in d.members} | {o.national_id for o in d.observers}
    assert not staff & {x.national_id for x in d.dossiers}


def test_registration_ids_unique_and_in_registration_order():
    """R-1404-nnnnnnn, unique, numbered in the order the registrations came in."""
    d = dataset(5000)
    rids = [x.registration_id for x in d.dossiers]
    assert len(rids) == len(set(rids))
    assert rids == [f"R-1404-{k:07d}" for k in range(1, len(rids) + 1)]
    times = [x.registered_at for x in d.dossiers]
    assert times == sorted(times)


def test_birth_dates_and_registration_times_within_bounds():
    """Registered inside the track's window, 08:00–24:00; ages 24–77, 25+ unless tricky."""
    d = dataset(1000)
    cycle = d.cycles[0]
    places = {c.code: c for c in d.constituencies}
    under_age = set(tricky_cases(d)[UNDER_AGE])
    for x in d.dossiers:
        c = places[x.constituency_code]
        first, last = cycle.registration_date_bounds(cycle.track_for(c.kind.value, c.population))
        assert first <= x.registered_at.date() <= last
        assert 8 <= x.registered_at.hour <= 23
        age = full_years_between(x.birth_date, x.registered_at.date())
        assert 24 <= age <= 77
        assert (age < 25) == (x.registration_id in under_age)


def test_dossier_contents_are_consistent():
    """Gender, military status, documents, inquiries and residence fit together."""
    d = dataset(1000)
    places = {c.code: c for c in d.constituencies}
    found = tricky_cases(d)
    tricky = {rid for ids in found.values() for rid in ids}
    for x in d.dossiers:
        assert x.constituency_code in places and x.residence_constituency_code in places
        assert x.mobile.startswith("09") and len(x.mobile) == 11 and x.mobile.isdigit()
        assert x.first_name and x.last_name and x.father_name and x.birthplace and x.address
        if x.gender is Gender.FEMALE:
            assert x.military_status is MilitaryStatus.NOT_APPLICABLE
        else:
            assert x.military_status is not MilitaryStatus.NOT_APPLICABLE
        kinds = [doc.kind for doc in x.documents]
        assert len(kinds) == len(set(kinds))
        assert {DocumentKind.PHOTO, DocumentKind.QUESTIONNAIRE,
                DocumentKind.CRIMINAL_RECORD} <= set(kinds)
        assert all(0 < doc.size <= MAX_DOCUMENT_BYTES for doc in x.documents)
        age = full_years_between(x.birth_date, x.registered_at.date())
        served = x.military_status in (MilitaryStatus.CARD, MilitaryStatus.PERMANENT_EXEMPTION)
        assert (DocumentKind.MILITARY_CARD in kinds) == (served and age < 50)
        assert (DocumentKind.RESIGNATION in kinds) == (x.art41_post is not None)
        assert (x.degree_verification_code is None) == (x.education < EducationLevel.DIPLOMA)
        assert len(x.inquiries) in (0, 4)
        if x.registration_id not in tricky:
            assert x.education >= minimum_education(places[x.constituency_code])
            assert x.residence_constituency_code == x.constituency_code
    sha = [doc.sha256 for x in d.dossiers for doc in x.documents]
    assert len(sha) == len(set(sha))


def test_status_spread_at_the_reference_date():
    """On 1 Esfand 1404 villages are all registered and cities mid-review; most dossiers
    are registered or executive-approved; every status is reachable by the machine."""
    d = dataset(5000)
    places = {c.code: c for c in d.constituencies}
    reachable = _statuses_reachable()
    counts = Counter(x.status for x in d.dossiers)
    assert set(counts) <= reachable
    share = (counts[CandidateStatus.REGISTERED] + counts[CandidateStatus.EXECUTIVE_APPROVED]) / len(
        d.dossiers)
    assert share > 0.5
    for x in d.dossiers:
        if places[x.constituency_code].kind is ConstituencyKind.VILLAGE:
            assert x.status in (CandidateStatus.REGISTERED, CandidateStatus.WITHDRAWN)
    assert counts[CandidateStatus.SUPERVISORY_APPROVED] > 0
    assert 0 < counts[CandidateStatus.WITHDRAWN] < 0.03 * len(d.dossiers)
    results = Counter(i.result for x in d.dossiers for i in x.inquiries)
    assert results[InquiryResult.CLEAR] > 10 * results[InquiryResult.ADVERSE] > 0
    assert results[InquiryResult.PENDING] > 0


def test_tricky_dossiers_await_the_supervisory_board():
    """The executive board "missed" the tricky cases: none is past the executive stage."""
    d = generate_demo_dataset(1000, today=from_jalali(1405, 2, 1))
    tricky = {rid for ids in tricky_cases(d).values() for rid in ids}
    allowed = {CandidateStatus.REGISTERED, CandidateStatus.EXECUTIVE_APPROVED,
               CandidateStatus.EXECUTIVE_REJECTED}
    assert all(x.status in allowed for x in d.dossiers if x.registration_id in tricky)


def test_today_moves_statuses_along_the_calendar():
    """Before inquiries nothing is decided; by campaign time most have electoral codes."""
    early = generate_demo_dataset(300, today=from_jalali(1404, 10, 27))
    assert {x.status for x in early.dossiers} == {CandidateStatus.REGISTERED}
    assert all(not x.inquiries for x in early.dossiers)
    today = from_jalali(1405, 2, 5)  # campaign
    late = generate_demo_dataset(300, today=today)
    counts = Counter(x.status for x in late.dossiers)
    assert counts[CandidateStatus.CODE_ISSUED] > 0.7 * len(late.dossiers)
    assert counts[CandidateStatus.FINAL_REJECTED] > 0
    # Still open only where an inquiry never came back or for the (tricky) missed ones.
    assert set(counts) <= {
        CandidateStatus.CODE_ISSUED, CandidateStatus.FINAL_REJECTED, CandidateStatus.WITHDRAWN,
        CandidateStatus.REGISTERED, CandidateStatus.EXECUTIVE_APPROVED,
        CandidateStatus.EXECUTIVE_REJECTED,
    }
    for x in late.dossiers:
        assert all(i.received_on is None or i.received_on <= today for i in x.inquiries)


def test_registration_clamped_to_today_inside_the_window():
    """With today inside a registration window, nobody registers in the future."""
    today = from_jalali(1404, 10, 23)
    d = generate_demo_dataset(300, today=today)
    cycle = d.cycles[0]
    places = {c.code: c for c in d.constituencies}
    for x in d.dossiers:
        c = places[x.constituency_code]
        if c.kind is ConstituencyKind.CITY:
            assert x.registered_at.date() <= today
        else:  # village registration has not opened: the whole window is used
            assert x.registered_at.date() >= cycle.registration_date_bounds(Track.VILLAGE)[0]


def test_no_arabic_letters_outside_the_tricky_names():
    """Arabic ي/ك appear only in the names of the arabic_letters dossiers."""
    d = dataset(1000)
    arabic = set(tricky_cases(d)[ARABIC_LETTERS])

    def texts(obj: object) -> list[str]:
        return [v for v in astuple(obj) if isinstance(v, str)]

    for name in ("provinces", "counties", "districts", "constituencies", "boards", "members",
                 "branches", "observers"):
        for obj in getattr(d, name):
            assert not any(ch in t for t in texts(obj) for ch in ARABIC), obj
    for x in d.dossiers:
        values = [getattr(x, f.name) for f in fields(x)]
        strings = [v for v in values if isinstance(v, str)]
        strings += [p.title for p in [x.art41_post] if p is not None]
        strings += [i.note for i in x.inquiries]
        if x.registration_id in arabic:
            strings = [s for s in strings if s not in (x.first_name, x.last_name, x.father_name)]
        assert not any(ch in s for s in strings for ch in ARABIC), x.registration_id
    cycle = d.cycles[0]
    assert not any(ch in cycle.title for ch in ARABIC)


def test_name_lists_are_rich_and_persian():
    """150+ given names, 300+ surnames with پ چ ژ گ آ initials and ZWNJ compounds."""
    given = demo_names.MALE_NAMES + demo_names.FEMALE_NAMES
    assert len(set(given)) >= 150
    surnames = demo_names.SURNAMES
    assert len(set(surnames)) == len(surnames) >= 300
    for initial in "پچژگآ":
        assert sum(s.startswith(initial) for s in surnames) >= 5, initial
    assert sum("\u200c" in s for s in surnames) >= 30
    every = given + surnames + demo_names.VILLAGE_NAMES
    assert not any(ch in s for s in every for ch in ARABIC)


def test_scale_5000_is_quick_and_proportionate():
    """5,000 dossiers: cities get more candidates per seat than villages; Tehran the most."""
    d = dataset(5000)
    places = {c.code: c for c in d.constituencies}
    per_kind = Counter(places[x.constituency_code].kind for x in d.dossiers)
    seats = Counter()
    for c in d.constituencies:
        seats[c.kind] += c.seats
    city_rate = per_kind[ConstituencyKind.CITY] / seats[ConstituencyKind.CITY]
    village_rate = per_kind[ConstituencyKind.VILLAGE] / seats[ConstituencyKind.VILLAGE]
    assert city_rate > village_rate
    busiest = Counter(x.constituency_code for x in d.dossiers).most_common(1)[0][0]
    assert places[busiest].proportional
    assert to_jalali(d.dossiers[0].registered_at).month == 10  # cities register first
