"""Deterministic, realistic demo data for the 7th council term (1404–1405).

``generate_demo_dataset(n, seed)`` builds a whole :class:`Dataset`: the cycle calendar,
all 31 provinces with 311 real counties, districts, city and village constituencies,
the four levels of supervisory boards with their members, polling branches, observers
and ``n`` candidate dossiers. Only ``random.Random(seed)`` is used, in one fixed order,
so the same arguments always give an equal dataset. Geography, boards, branches and
observers are drawn before any dossier, so they depend on the seed only, not on ``n``.

Choices (all documented here so that screenshots and tests can rely on them):

* Reference date: without ``today`` the data describe 1 Esfand 1404 (the day after
  village registration closed): village dossiers are all ``registered`` with inquiries
  out; city dossiers are in the supervisory review (mostly ``executive_approved`` or
  ``supervisory_approved``). ``today`` moves every status along its track's calendar.
* Seats: villages 3 (≤ 430 households, i.e. about 1,500 people) or 5; cities by
  population ≤50k: 5, ≤100k: 7, ≤200k: 9, ≤500k: 11, ≤1M: 13, above: 15; Tehran 21
  with the proportional list model.
* Dossiers per constituency ∝ seats × candidates-per-seat: 2 in villages, in cities
  population/50,000 clamped to 3..25, Tehran 50 (a capital draws many more). About half
  the dossiers are for villages, 4% for Tehran.
* Branches: cities one per 20,000 people (2..150), villages 1 (2 above 800
  households); one electronic box per branch plus a spare in cities. Observers: 4 per
  city branch, 1 per village branch, 1 head observer per 10 branches of a constituency.
  None of this grows with ``n``.
* People: 14% women; ages 25–76 (mode 42); 85% of men hold a service card, 15% a
  permanent exemption; 5% veterans, 3% martyrs' children; 7% former council members;
  2% held an Art. 41 post (resigned 100–400 days before registration opened).
* Tricky dossiers (``TRICKY_KINDS``): each kind at ``TRICKY_RATES`` and, when
  ``n >= FORCED_TRICKY_MIN``, at least once (forced on the first generation slots).
  The executive board "missed" them: their status stops at ``registered`` or an
  executive decision so that the supervisory board has them to catch.
  :func:`tricky_cases` recomputes kind → registration ids from the data alone.
* Datetimes are naive Asia/Tehran wall-clock times (what ``domain.jalali`` formats);
  registrations fall between 08:00 and midnight, more on the last days of the window.
"""

from __future__ import annotations

import gc
import hashlib
import math
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, NamedTuple, TypeVar

from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import (
    Art41Post,
    CandidateStatus,
    Document,
    DocumentKind,
    Dossier,
    Gender,
    Inquiry,
    InquiryAuthority,
    InquiryResult,
    MilitaryStatus,
    VeteranStatus,
)
from supervisor_app.domain.cycle import (
    ART41_RESIGNATION,
    COMPLAINT_DECISION,
    COMPLAINT_FILING,
    CONSTITUENCY_CHANGE,
    CRIMINAL_RECORD_VALIDITY,
    OBJECTION_DEADLINE,
    OBJECTION_DECISION,
    ElectionCycle,
    RelativeDeadline,
    Stage,
    StageWindow,
    Track,
)
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.election_day import Branch, Observer
from supervisor_app.domain.geography import (
    Constituency,
    ConstituencyKind,
    County,
    District,
    EducationLevel,
    Province,
    minimum_education,
)
from supervisor_app.domain.jalali import from_jalali, full_years_between, to_jalali
from supervisor_app.domain.national_id import is_valid_national_id, make_national_id
from supervisor_app.domain.persian import to_persian_digits

from . import demo_names as names

__all__ = [
    "ARABIC_LETTERS",
    "CYCLE_CODE",
    "DUPLICATE_REGISTRATION",
    "EXPIRED_CRIMINAL_RECORD",
    "FORCED_TRICKY_MIN",
    "INSUFFICIENT_EDUCATION",
    "INVALID_NATIONAL_ID",
    "LATE_ART41_RESIGNATION",
    "MISSING_DEGREE",
    "NO_MILITARY_SERVICE",
    "RESIDENCE_ELSEWHERE",
    "TRICKY_KINDS",
    "TRICKY_RATES",
    "UNDER_AGE",
    "city_seats",
    "demo_cycle",
    "demo_reference_date",
    "document_sha256",
    "generate_demo_dataset",
    "tricky_cases",
    "village_seats",
]

# --- tricky kinds --------------------------------------------------------------------------

UNDER_AGE: Final = "under_age"  # 24 years and some days at registration
MISSING_DEGREE: Final = "missing_degree"  # claims a diploma or more, uploaded no degree
INSUFFICIENT_EDUCATION: Final = "insufficient_education"  # below the band, not exempt
ARABIC_LETTERS: Final = "arabic_letters"  # ي/ك in names, as pasted from other systems
INVALID_NATIONAL_ID: Final = "invalid_national_id"  # bad check digit or ten equal digits
DUPLICATE_REGISTRATION: Final = "duplicate_registration"  # one person, two constituencies
EXPIRED_CRIMINAL_RECORD: Final = "expired_criminal_record"  # issued > 90 days before
LATE_ART41_RESIGNATION: Final = "late_art41_resignation"  # resigned < 90 days before
NO_MILITARY_SERVICE: Final = "no_military_service"  # a man with neither card nor exemption
RESIDENCE_ELSEWHERE: Final = "residence_elsewhere"  # lives in another constituency

TRICKY_KINDS: Final[tuple[str, ...]] = (
    UNDER_AGE,
    MISSING_DEGREE,
    INSUFFICIENT_EDUCATION,
    ARABIC_LETTERS,
    INVALID_NATIONAL_ID,
    DUPLICATE_REGISTRATION,
    EXPIRED_CRIMINAL_RECORD,
    LATE_ART41_RESIGNATION,
    NO_MILITARY_SERVICE,
    RESIDENCE_ELSEWHERE,
)

# Share of dossiers of each kind (a duplicate pair counts as two dossiers).
TRICKY_RATES: Final[dict[str, float]] = {
    UNDER_AGE: 0.001,
    MISSING_DEGREE: 0.002,
    INSUFFICIENT_EDUCATION: 0.002,
    ARABIC_LETTERS: 0.004,
    INVALID_NATIONAL_ID: 0.001,
    DUPLICATE_REGISTRATION: 0.001,
    EXPIRED_CRIMINAL_RECORD: 0.002,
    LATE_ART41_RESIGNATION: 0.0005,
    NO_MILITARY_SERVICE: 0.001,
    RESIDENCE_ELSEWHERE: 0.003,
}

FORCED_TRICKY_MIN: Final = 50  # from this many dossiers on, every kind is present

# Internal variant of INVALID_NATIONAL_ID: "1111111111" passes the checksum but is no id.
_IDENTICAL_DIGITS: Final = "invalid_national_id/identical_digits"
# Forced slots in order; the duplicate pair takes two consecutive slots.
_FORCED: Final[tuple[str, ...]] = (
    UNDER_AGE,
    MISSING_DEGREE,
    INSUFFICIENT_EDUCATION,
    ARABIC_LETTERS,
    INVALID_NATIONAL_ID,
    _IDENTICAL_DIGITS,
    DUPLICATE_REGISTRATION,
    DUPLICATE_REGISTRATION,
    EXPIRED_CRIMINAL_RECORD,
    LATE_ART41_RESIGNATION,
    NO_MILITARY_SERVICE,
    RESIDENCE_ELSEWHERE,
)

_T = TypeVar("_T")
_ARABIC_YEH_KAF = re.compile("[\u064a\u0643]")
_TO_ARABIC = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})

# --- the cycle ----------------------------------------------------------------------------

CYCLE_CODE: Final = "1405-7"
CYCLE_TITLE: Final = "هفتمین دوره انتخابات شوراهای اسلامی شهر و روستا"
_ELECTION_DAY_JALALI: Final = (1405, 2, 11)  # Friday 11 Ordibehesht 1405
_REFERENCE_DAY_JALALI: Final = (1404, 12, 1)  # the demo's "today"
_REGISTRATION_JALALI: Final[dict[Track, tuple[tuple[int, int, int], tuple[int, int, int]]]] = {
    # Big cities register with the other cities; their later stages run longer.
    Track.CITY: ((1404, 10, 21), (1404, 10, 27)),
    Track.BIG_CITY: ((1404, 10, 21), (1404, 10, 27)),
    Track.VILLAGE: ((1404, 11, 24), (1404, 11, 30)),
}
# Days per stage after registration, laid end to end (DOMAIN.md: inquiries ~10, executive
# 7–14, county board 7–12, objections 4, objection review 5–10, final lists ~3).
# Nowruz holidays are not modelled.
_STAGE_DAYS: Final[dict[Track, tuple[tuple[Stage, int], ...]]] = {
    Track.BIG_CITY: (
        (Stage.INQUIRIES, 10), (Stage.EXECUTIVE_REVIEW, 14), (Stage.SUPERVISORY_REVIEW, 14),
        (Stage.OBJECTIONS, 4), (Stage.OBJECTION_REVIEW, 10), (Stage.FINAL_LISTS, 3),
    ),
    Track.CITY: (
        (Stage.INQUIRIES, 10), (Stage.EXECUTIVE_REVIEW, 14), (Stage.SUPERVISORY_REVIEW, 12),
        (Stage.OBJECTIONS, 4), (Stage.OBJECTION_REVIEW, 7), (Stage.FINAL_LISTS, 3),
    ),
    Track.VILLAGE: (
        (Stage.INQUIRIES, 10), (Stage.EXECUTIVE_REVIEW, 7), (Stage.SUPERVISORY_REVIEW, 7),
        (Stage.OBJECTIONS, 4), (Stage.OBJECTION_REVIEW, 7), (Stage.FINAL_LISTS, 3),
    ),
}
_CAMPAIGN_DAYS: Final = 8  # its last full day is the day before the eve of voting
_COMPLAINT_DAYS: Final = 8  # filing ~3 days after results, then ~5 days to decide

DEADLINES: Final[tuple[RelativeDeadline, ...]] = (
    RelativeDeadline(OBJECTION_DEADLINE, "notification", 4),
    RelativeDeadline(OBJECTION_DECISION, "objection_filed", 10),
    RelativeDeadline(COMPLAINT_FILING, "results_announced", 3),
    RelativeDeadline(COMPLAINT_DECISION, "complaint_filed", 5),
    RelativeDeadline(CRIMINAL_RECORD_VALIDITY, "certificate_issued", 90),
    # Negative: the due day lies before the anchor (resign at least 90 days before).
    RelativeDeadline(ART41_RESIGNATION, "registration_opens", -90),
    RelativeDeadline(CONSTITUENCY_CHANGE, "election_day", -15),
)


def demo_reference_date() -> date:
    """The demo's fixed "today" (1 Esfand 1404) used when no date is given."""
    return from_jalali(*_REFERENCE_DAY_JALALI)


def demo_cycle() -> ElectionCycle:
    """The 7th-term cycle with stage windows per track and the relative deadlines."""
    election_day = from_jalali(*_ELECTION_DAY_JALALI)
    campaign_end = election_day - timedelta(days=2)
    campaign_start = campaign_end - timedelta(days=_CAMPAIGN_DAYS - 1)
    windows: list[StageWindow] = []
    for track in (Track.CITY, Track.BIG_CITY, Track.VILLAGE):
        first, last = (from_jalali(*ymd) for ymd in _REGISTRATION_JALALI[track])
        windows.append(StageWindow(Stage.REGISTRATION, track, first, last))
        start = last + timedelta(days=1)
        for stage, days in _STAGE_DAYS[track]:
            end = start + timedelta(days=days - 1)
            windows.append(StageWindow(stage, track, start, end))
            start = end + timedelta(days=1)
        windows.append(StageWindow(Stage.CAMPAIGN, track, campaign_start, campaign_end))
        windows.append(StageWindow(Stage.ELECTION_DAY, track, election_day, election_day))
        windows.append(
            StageWindow(
                Stage.COMPLAINTS,
                track,
                election_day + timedelta(days=1),
                election_day + timedelta(days=_COMPLAINT_DAYS),
            )
        )
    return ElectionCycle(
        code=CYCLE_CODE,
        title=CYCLE_TITLE,
        election_day=election_day,
        windows=tuple(windows),
        deadlines=DEADLINES,
    )


# --- seats and sizes ----------------------------------------------------------------------

CITY_SEAT_BANDS: Final[tuple[tuple[int, int], ...]] = (
    (50_000, 5), (100_000, 7), (200_000, 9), (500_000, 11), (1_000_000, 13),
)
CITY_SEATS_ABOVE: Final = 15
CAPITAL_SEATS: Final = 21
VILLAGE_SMALL_HOUSEHOLDS: Final = 430  # ≈ 1,500 people, the law's 3-seat limit


def city_seats(population: int, *, capital: bool = False) -> int:
    """Council seats of a city by population band (the capital has 21)."""
    if capital:
        return CAPITAL_SEATS
    return next((seats for bound, seats in CITY_SEAT_BANDS if population <= bound),
                CITY_SEATS_ABOVE)


def village_seats(households: int) -> int:
    """Council seats of a village: 3, or 5 above about 1,500 people."""
    return 3 if households <= VILLAGE_SMALL_HOUSEHOLDS else 5


_CAPITAL_PER_SEAT: Final = 50.0
_VILLAGE_PER_SEAT: Final = 2.0
_BRANCH_PEOPLE: Final = 20_000
_MAX_CITY_BRANCHES: Final = 150
_OBSERVERS_PER_CITY_BRANCH: Final = 4
_OBSERVERS_PER_VILLAGE_BRANCH: Final = 1
_BRANCHES_PER_HEAD: Final = 10


def _candidates_per_seat(c: Constituency) -> float:
    if c.kind is ConstituencyKind.VILLAGE:
        return _VILLAGE_PER_SEAT
    if c.proportional:
        return _CAPITAL_PER_SEAT
    assert c.population is not None
    return min(25.0, max(3.0, c.population / 50_000))


def _branch_count(c: Constituency) -> int:
    if c.kind is ConstituencyKind.VILLAGE:
        assert c.households is not None
        return 1 if c.households <= 800 else 2
    assert c.population is not None
    return min(_MAX_CITY_BRANCHES, max(2, math.ceil(c.population / _BRANCH_PEOPLE)))


# --- people -------------------------------------------------------------------------------

FEMALE_SHARE: Final = 0.14


def _rank_table(items: Sequence[str], offset: int = 8) -> list[str]:
    """A list in which each item appears ∝ 1/(rank + offset): rng.choice is then Zipf-like."""
    table: list[str] = []
    for rank, item in enumerate(items):
        table.extend([item] * max(1, round(400 / (rank + offset))))
    return table


class _People:
    """Names and unique national ids; one instance per dataset so ids never repeat."""

    def __init__(self, rng: random.Random, county_count: int) -> None:
        self.rng = rng
        self.male = _rank_table(names.MALE_NAMES)
        self.female = _rank_table(names.FEMALE_NAMES)
        self.surnames = _rank_table(names.SURNAMES, offset=20)
        self.arabizable = [s for s in names.SURNAMES if "ی" in s or "ک" in s]
        # Real ids start with a 3-digit code of the issuing office: one per county.
        self.prefixes = [
            f"{p:03d}" for p in rng.sample(range(1, 1000), county_count) if p % 111 != 0
        ]
        while len(self.prefixes) < county_count:  # replace the few "111"-style prefixes
            p = f"{rng.randrange(1, 1000):03d}"
            if len(set(p)) > 1 and p not in self.prefixes:
                self.prefixes.append(p)
        self.used: set[str] = set()
        self.rnd = rng.random

    def national_id(self, county_index: int) -> str:
        prefix = self.prefixes[county_index]
        while True:
            nid = make_national_id(prefix + f"{int(self.rnd() * 1_000_000):06d}")
            if nid not in self.used:
                self.used.add(nid)
                return nid

    def invalid_national_id(self, county_index: int, identical: bool) -> str:
        """A well-formed id that fails validation (and collides with nobody)."""
        # Only nine such ids exist; once used up, fall back to a bad check digit.
        identical = identical and any(d * 10 not in self.used for d in "123456789")
        while True:
            if identical:
                nid = str(self.rng.randrange(1, 10)) * 10
            else:
                valid = make_national_id(
                    self.prefixes[county_index] + f"{self.rng.randrange(1_000_000):06d}"
                )
                wrong = (int(valid[9]) + self.rng.randrange(1, 10)) % 10
                nid = valid[:9] + str(wrong)
            if nid not in self.used:
                self.used.add(nid)
                return nid

    def full_name(self, female: bool) -> str:
        given = self.rng.choice(self.female if female else self.male)
        return f"{given} {self.rng.choice(self.surnames)}"


# --- geography ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    """What the dossier loop needs to know about one constituency, computed once."""

    constituency: Constituency
    county_index: int
    county_name: str
    district_name: str
    track: Track
    minimum: EducationLevel


@dataclass(slots=True)
class _Geography:
    provinces: list[Province]
    counties: list[County]
    districts: list[District]
    constituencies: list[Constituency]
    places: list[_Place]
    county_places: list[list[int]]  # place indices per county
    county_cities: list[str]
    province_of_county: list[int]


def _build_geography(rng: random.Random, cycle: ElectionCycle) -> _Geography:
    geo = _Geography([], [], [], [], [], [], [], [])
    for p_index, (province_name, block) in enumerate(names.PROVINCE_BLOCKS):
        p_code = f"{p_index + 1:02d}"
        geo.provinces.append(Province(p_code, province_name))
        for c_index, row in enumerate(names.parse_counties(block)):
            county_index = len(geo.counties)
            c_code = f"{p_code}{c_index + 1:02d}"
            geo.counties.append(County(c_code, p_code, row.name))
            geo.county_cities.append(row.city)
            geo.province_of_county.append(p_index)
            districts = [District(f"{c_code}1", c_code, "بخش مرکزی")]
            for d_index, d_name in enumerate(row.districts):
                districts.append(
                    District(f"{c_code}{d_index + 2}", c_code, "بخش " + d_name.rstrip("*"))
                )
            geo.districts.extend(districts)

            capital = p_index == 7 and row.name == "تهران"  # Tehran: 21 seats, lists
            towns: list[tuple[str, int, District, bool]] = [
                (row.city, row.population, districts[0], capital)
            ]
            for d_name, district in zip(row.districts, districts[1:], strict=True):
                # Half of the districts named after a town give that town its own council.
                if d_name.endswith("*") and rng.random() < 0.5:
                    towns.append((d_name[:-1], int(5_000 * 8 ** rng.random()), district, False))
            indices: list[int] = []
            for n, (town, population, district, is_capital) in enumerate(towns, start=1):
                constituency = Constituency(
                    code=f"{c_code}-C{n}",
                    county_code=c_code,
                    district_code=district.code,
                    name=town,
                    kind=ConstituencyKind.CITY,
                    seats=city_seats(population, capital=is_capital),
                    population=population,
                    proportional=is_capital,
                )
                indices.append(_add_place(geo, cycle, constituency, county_index, district))
            village_names = rng.sample(names.VILLAGE_NAMES, rng.randint(3, 8))
            for n, village in enumerate(village_names, start=1):
                district = rng.choice(districts)
                households = int(50 * 30 ** rng.random())  # log-uniform 50..1500
                constituency = Constituency(
                    code=f"{c_code}-V{n:02d}",
                    county_code=c_code,
                    district_code=district.code,
                    name=village,
                    kind=ConstituencyKind.VILLAGE,
                    seats=village_seats(households),
                    households=households,
                )
                indices.append(_add_place(geo, cycle, constituency, county_index, district))
            geo.county_places.append(indices)
    return geo


def _add_place(
    geo: _Geography,
    cycle: ElectionCycle,
    constituency: Constituency,
    county_index: int,
    district: District,
) -> int:
    county = geo.counties[county_index]
    geo.constituencies.append(constituency)
    geo.places.append(
        _Place(
            constituency=constituency,
            county_index=county_index,
            county_name=county.name,
            district_name=district.name,
            track=cycle.track_for(constituency.kind.value, constituency.population),
            minimum=minimum_education(constituency),
        )
    )
    return len(geo.places) - 1


# --- boards -------------------------------------------------------------------------------

_CENTRAL_ROLES: Final = (
    MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY,
    MemberRole.EXECUTIVE_SECRETARY, MemberRole.MEMBER,
)
_PROVINCIAL_ROLES: Final = (MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER)
_COUNTY_ROLES: Final = (
    MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY, MemberRole.MEMBER,
    MemberRole.MEMBER, MemberRole.ALTERNATE, MemberRole.ALTERNATE,
)
_DISTRICT_ROLES: Final = (MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.MEMBER)
CENTRAL_BOARD_ID: Final = "B-central"


def _build_boards(
    geo: _Geography, people: _People
) -> tuple[list[Board], list[BoardMember]]:
    boards: list[Board] = []
    members: list[BoardMember] = []
    rng = people.rng
    county_index_of = {c.code: i for i, c in enumerate(geo.counties)}
    tehran = county_index_of["0801"]

    def add(board: Board, roles: Sequence[MemberRole], county_index: int) -> None:
        boards.append(board)
        for n, role in enumerate(roles, start=1):
            members.append(
                BoardMember(
                    id=f"{board.id}-M{n}",
                    board_id=board.id,
                    full_name=people.full_name(rng.random() < 0.1),
                    national_id=people.national_id(county_index),
                    role=role,
                )
            )

    def quorum(roles: Sequence[MemberRole]) -> QuorumRule:
        # Alternates do not count towards the full membership (they replace absentees).
        return QuorumRule(full_membership=sum(r is not MemberRole.ALTERNATE for r in roles))

    add(
        Board(CENTRAL_BOARD_ID, BoardLevel.CENTRAL,
              "هیات مرکزی نظارت بر انتخابات شوراهای اسلامی شهر و روستا",
              None, None, quorum(_CENTRAL_ROLES)),
        _CENTRAL_ROLES, tehran,
    )
    first_county_of: dict[str, int] = {}
    for i, county in enumerate(geo.counties):
        first_county_of.setdefault(county.province_code, i)
    for province in geo.provinces:
        add(
            Board(f"B-P{province.code}", BoardLevel.PROVINCIAL,
                  f"هیات عالی نظارت استان {province.name}", province.code, CENTRAL_BOARD_ID,
                  quorum(_PROVINCIAL_ROLES)),
            _PROVINCIAL_ROLES, first_county_of[province.code],
        )
    for i, county in enumerate(geo.counties):
        add(
            Board(f"B-C{county.code}", BoardLevel.COUNTY, f"هیات نظارت شهرستان {county.name}",
                  county.code, f"B-P{county.province_code}", quorum(_COUNTY_ROLES)),
            _COUNTY_ROLES, i,
        )
    for district in geo.districts:
        county = geo.counties[county_index_of[district.county_code]]
        add(
            Board(f"B-D{district.code}", BoardLevel.DISTRICT,
                  f"هیات نظارت {district.name} شهرستان {county.name}", district.code,
                  f"B-C{county.code}", quorum(_DISTRICT_ROLES)),
            _DISTRICT_ROLES, county_index_of[district.county_code],
        )
    return boards, members


# --- branches and observers ---------------------------------------------------------------


def _build_election_day(
    geo: _Geography, people: _People
) -> tuple[list[Branch], list[Observer]]:
    rng = people.rng
    branches: list[Branch] = []
    observers: list[Observer] = []
    devices = 0

    def observer(branch_code: str | None, head: str | None, county_index: int) -> Observer:
        seq = len(observers) + 1
        item = Observer(
            id=f"OBS-{seq:06d}",
            full_name=people.full_name(rng.random() < 0.25),
            national_id=people.national_id(county_index),
            appointment_letter=f"1405/ن/{seq:06d}",
            branch_code=branch_code,
            head_observer_id=head,
        )
        observers.append(item)
        return item

    for place in geo.places:
        c = place.constituency
        city = c.kind is ConstituencyKind.CITY
        count = _branch_count(c)
        heads = [
            observer(None, None, place.county_index).id
            for _ in range(math.ceil(count / _BRANCHES_PER_HEAD))
        ]
        for n in range(1, count + 1):
            if city:
                street = rng.choice(names.STREETS)
                building = rng.choice(names.BRANCH_PLACES)
                named = rng.choice(names.BRANCH_PLACE_NAMES)
                where = f"{c.name}، خیابان {street}، {building} {named}"
            else:
                where = f"روستای {c.name}، {rng.choice(names.VILLAGE_BRANCH_PLACES)}"
            box_count = 2 if city else 1  # a spare box in cities
            device_ids = tuple(f"EVM-{devices + k:06d}" for k in range(1, box_count + 1))
            devices += box_count
            branch = Branch(f"{c.code}-B{n:03d}", c.code, where, device_ids)
            branches.append(branch)
            per_branch = _OBSERVERS_PER_CITY_BRANCH if city else _OBSERVERS_PER_VILLAGE_BRANCH
            head = heads[(n - 1) // _BRANCHES_PER_HEAD]
            for _ in range(per_branch):
                observer(branch.code, head, place.county_index)
    return branches, observers


# --- dossiers -----------------------------------------------------------------------------

# Education drawn per minimum band: (level, weight); everyone meets the band.
_EDUCATION_MIX: Final[dict[EducationLevel, tuple[tuple[EducationLevel, int], ...]]] = {
    EducationLevel.LITERACY: (
        (EducationLevel.LITERACY, 12), (EducationLevel.DIPLOMA, 40),
        (EducationLevel.ASSOCIATE, 15), (EducationLevel.BACHELOR, 26),
        (EducationLevel.MASTER, 7),
    ),
    EducationLevel.DIPLOMA: (
        (EducationLevel.DIPLOMA, 42), (EducationLevel.ASSOCIATE, 16),
        (EducationLevel.BACHELOR, 31), (EducationLevel.MASTER, 10),
        (EducationLevel.DOCTORATE, 1),
    ),
    EducationLevel.ASSOCIATE: (
        (EducationLevel.ASSOCIATE, 18), (EducationLevel.BACHELOR, 52),
        (EducationLevel.MASTER, 26), (EducationLevel.DOCTORATE, 4),
    ),
    EducationLevel.BACHELOR: (
        (EducationLevel.BACHELOR, 48), (EducationLevel.MASTER, 40),
        (EducationLevel.DOCTORATE, 12),
    ),
}
_REGISTRATION_DAY_WEIGHTS: Final = (8, 9, 10, 11, 13, 16, 23)  # the last-day rush
_MOBILE_PREFIXES: Final = (
    "0912", "0912", "0912", "0913", "0914", "0915", "0916", "0917", "0918", "0919", "0910",
    "0911", "0935", "0936", "0937", "0938", "0939", "0901", "0902", "0903", "0930", "0933",
    "0990", "0991", "0921", "0922",
)
_AUTHORITIES: Final = (
    InquiryAuthority.POLICE, InquiryAuthority.JUDICIARY, InquiryAuthority.INTELLIGENCE,
    InquiryAuthority.CIVIL_REGISTRATION,
)
# Which authority (index into _AUTHORITIES) reports the rare adverse answer.
_ADVERSE_FROM_INDEX: Final = (0,) * 8 + (1,) * 7 + (2,) * 3 + (3,) * 2
_ADVERSE_RATE: Final = 0.03
_STUCK_INQUIRY_RATE: Final = 0.004  # an authority that never answers: stays pending
_EXECUTIVE_REJECT_RATE: Final = 0.03  # besides adverse inquiries
_SUPERVISORY_REJECT_RATE: Final = 0.03  # of executive approvals
_SUPERVISORY_UPHOLD_RATE: Final = 0.75  # of executive rejections
_OBJECTION_RATE: Final = 0.55
_OBJECTION_ACCEPT_RATE: Final = 0.3
_WITHDRAW_RATE: Final = 0.015  # reached about two months after registration closes
_DOC_SIZES: Final[dict[DocumentKind, tuple[str, int, int]]] = {
    DocumentKind.PHOTO: ("photo.jpg", 40_000, 300_000),
    DocumentKind.QUESTIONNAIRE: ("questionnaire.pdf", 150_000, 900_000),
    DocumentKind.DEGREE: ("degree.pdf", 100_000, 800_000),
    DocumentKind.MILITARY_CARD: ("military_card.pdf", 80_000, 600_000),
    DocumentKind.RESIGNATION: ("resignation.pdf", 60_000, 400_000),
    DocumentKind.CRIMINAL_RECORD: ("criminal_record.pdf", 80_000, 500_000),
}


def document_sha256(registration_id: str, kind: DocumentKind) -> str:
    """The demo file's hash: sha256 of the bytes ``nezarat-demo/<registration id>/<kind>``."""
    return hashlib.sha256(f"nezarat-demo/{registration_id}/{kind.value}".encode()).hexdigest()


def _progress(window: StageWindow, today: date) -> float:
    """Share of a stage's work done by ``today`` (0 before it starts, 1 after it ends)."""
    if today < window.start:
        return 0.0
    if today > window.end:
        return 1.0
    return (today - window.start).days / ((window.end - window.start).days + 1)


@dataclass(frozen=True, slots=True)
class _TrackState:
    """Where one track's calendar stands on ``today``, plus its registration days."""

    days: tuple[datetime, ...]  # midnights of the open registration days, repeated by weight
    opens_ordinal: int
    inquiries_ordinal: int
    executive: float
    supervisory: float
    objections: float
    objection_review: float
    final_started: bool
    codes_issued: bool
    withdraw: float


def _track_state(cycle: ElectionCycle, track: Track, today: date) -> _TrackState:
    registration = cycle.window(Stage.REGISTRATION, track)
    days = [registration.start + timedelta(days=k) for k in range(7)]
    open_days = [d for d in days if d <= today] or days  # registration still to come: all
    final = cycle.window(Stage.FINAL_LISTS, track)
    return _TrackState(
        days=tuple(
            datetime(d.year, d.month, d.day)
            for d, weight in zip(open_days, _REGISTRATION_DAY_WEIGHTS, strict=False)
            for _ in range(weight)
        ),
        opens_ordinal=registration.start.toordinal(),
        inquiries_ordinal=cycle.window(Stage.INQUIRIES, track).start.toordinal(),
        executive=_progress(cycle.window(Stage.EXECUTIVE_REVIEW, track), today),
        supervisory=_progress(cycle.window(Stage.SUPERVISORY_REVIEW, track), today),
        objections=_progress(cycle.window(Stage.OBJECTIONS, track), today),
        objection_review=_progress(cycle.window(Stage.OBJECTION_REVIEW, track), today),
        final_started=today >= final.start,
        codes_issued=today > final.end,
        withdraw=_WITHDRAW_RATE * min(1.0, max(0, (today - registration.end).days) / 60),
    )


def _allocate(weights: Sequence[float], total: int) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, ties by index)."""
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _plan_kinds(rng: random.Random, n: int) -> list[str | None]:
    """The tricky kind of each generation slot: forced ones first, then at their rates."""
    kinds: list[str | None] = [None] * n
    start = 0
    if n >= FORCED_TRICKY_MIN:
        kinds[: len(_FORCED)] = _FORCED
        start = len(_FORCED)
    single = [(k, r) for k, r in TRICKY_RATES.items() if k != DUPLICATE_REGISTRATION]
    for i in range(start, n):
        r = rng.random()
        for kind, rate in single:
            if r < rate:
                if kind == INVALID_NATIONAL_ID and rng.random() < 0.1:
                    kind = _IDENTICAL_DIGITS
                kinds[i] = kind
                break
            r -= rate
    # Duplicate pairs: two consecutive free slots per pair.
    pairs = round(n * TRICKY_RATES[DUPLICATE_REGISTRATION] / 2)
    free = [i for i in range(start, n - 1) if kinds[i] is None and kinds[i + 1] is None]
    for i in sorted(rng.sample(free, min(pairs, len(free)))):
        if kinds[i] is None and kinds[i + 1] is None:
            kinds[i] = kinds[i + 1] = DUPLICATE_REGISTRATION
    return kinds


class _Identity(NamedTuple):
    """What a duplicate registration repeats: the person, not the dossier."""

    national_id: str
    first: str
    last: str
    father: str
    birth: date
    birthplace: str
    female: bool
    mobile: str


class _DossierFactory:
    """Builds dossiers one by one; holds the shared (interned) objects that keep 300k cheap.

    Draws use ``rng.random()`` arithmetic instead of ``choice``/``randint`` in the hot
    path: several times faster and just as deterministic.
    """

    def __init__(
        self,
        rng: random.Random,
        people: _People,
        geo: _Geography,
        cycle: ElectionCycle,
        today: date,
    ) -> None:
        self.rng = rng
        self.rnd = rng.random
        self.people = people
        self.geo = geo
        self.today = today
        self.today_ordinal = today.toordinal()
        self.tracks = {t: _track_state(cycle, t, today) for t in Track}
        self.education = {
            band: [level for level, w in mix for _ in range(w)]
            for band, mix in _EDUCATION_MIX.items()
        }
        self.fields = {EducationLevel(k): v for k, v in names.FIELDS_BY_LEVEL.items()}
        self.digits = [to_persian_digits(i) for i in range(1000)]
        self.counties_by_province: list[list[int]] = [[] for _ in geo.provinces]
        for i in range(len(geo.counties)):
            self.counties_by_province[geo.province_of_county[i]].append(i)
        # Shared immutable values: one object per distinct date, size and inquiry set.
        self.dates: dict[int, date] = {}
        self.sizes: dict[DocumentKind, list[int]] = {
            kind: [lo + (hi - lo) * k // 255 for k in range(256)]
            for kind, (_, lo, hi) in _DOC_SIZES.items()
        }
        self.inquiry_sets: dict[tuple[int, ...], tuple[tuple[Inquiry, ...], bool, bool]] = {}
        self.identities: dict[int, _Identity] = {}

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.rnd() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high], both ends included."""
        return low + int(self.rnd() * (high - low + 1))

    def day(self, ordinal: int) -> date:
        found = self.dates.get(ordinal)
        if found is None:
            found = self.dates[ordinal] = date.fromordinal(ordinal)
        return found

    def _document(
        self, rid: str, kind: DocumentKind, at: datetime, issued_on: date | None = None
    ) -> Document:
        size = self.sizes[kind][int(self.rnd() * 256)]
        return Document(kind, _DOC_SIZES[kind][0], document_sha256(rid, kind), size, at,
                        issued_on)

    def registration_time(self, place: _Place) -> datetime:
        state = self.tracks[place.track]
        return self.pick(state.days) + timedelta(seconds=self.between(8 * 3600, 24 * 3600 - 1))

    def build(
        self, rid: str, place: _Place, registered_at: datetime, kind: str | None, pair: int
    ) -> Dossier:
        rnd = self.rnd
        pick = self.pick
        c = place.constituency
        reg_ordinal = registered_at.toordinal()
        state = self.tracks[place.track]
        is_city = c.kind is ConstituencyKind.CITY

        identity = self.identities.get(pair) if pair >= 0 else None
        if identity is None:
            identity = self._identity(place, registered_at.date(), kind)
            if pair >= 0:
                self.identities[pair] = identity
        female = identity.female
        under_fifty = reg_ordinal - identity.birth.toordinal() < 50 * 365.2425

        # Education: at least the band, except the deliberately short one.
        if kind == INSUFFICIENT_EDUCATION:
            # Two levels short for a bachelor's band ("a diploma for a big city").
            short = 2 if place.minimum is EducationLevel.BACHELOR else 1
            education = EducationLevel(place.minimum - short)
        else:
            education = pick(self.education[place.minimum])
            if kind == MISSING_DEGREE and education < EducationLevel.DIPLOMA:
                education = EducationLevel.DIPLOMA
        field = pick(self.fields[education])
        verification = (
            None if education < EducationLevel.DIPLOMA
            else str(100_000_000_000 + int(rnd() * 900_000_000_000))
        )
        jobs = names.CITY_OCCUPATIONS if is_city else names.VILLAGE_OCCUPATIONS
        if female and rnd() < 0.3:
            jobs = names.FEMALE_EXTRA_OCCUPATIONS
        occupation = pick(jobs)

        residence = c.code
        home = place
        if kind == RESIDENCE_ELSEWHERE:
            others = [i for i in self.geo.county_places[place.county_index]
                      if self.geo.places[i] is not place]
            home = self.geo.places[pick(others)]
            residence = home.constituency.code
        address = self._address(home)

        if female:
            military = MilitaryStatus.NOT_APPLICABLE
        elif kind == NO_MILITARY_SERVICE:
            military = MilitaryStatus.NONE
        else:
            military = (MilitaryStatus.PERMANENT_EXEMPTION if rnd() < 0.15
                        else MilitaryStatus.CARD)
        # Exemptions would mask a too-low education, so the tricky one gets none.
        plain = kind == INSUFFICIENT_EDUCATION
        r = rnd()
        veteran = (VeteranStatus.NONE if plain or r >= 0.08
                   else VeteranStatus.VETERAN if r < 0.05 else VeteranStatus.MARTYR_CHILD)
        previous = c.code if not plain and rnd() < 0.07 else None
        art41: Art41Post | None = None
        if kind == LATE_ART41_RESIGNATION or rnd() < 0.02:
            late = kind == LATE_ART41_RESIGNATION
            before = self.between(10, 60) if late else self.between(100, 400)
            art41 = Art41Post(pick(names.ART41_POSTS), self.day(state.opens_ordinal - before))

        documents = [
            self._document(rid, DocumentKind.PHOTO, registered_at),
            self._document(rid, DocumentKind.QUESTIONNAIRE, registered_at),
        ]
        if education >= EducationLevel.DIPLOMA and kind != MISSING_DEGREE:
            documents.append(self._document(rid, DocumentKind.DEGREE, registered_at))
        if military is not MilitaryStatus.NONE and not female and under_fifty:
            documents.append(self._document(rid, DocumentKind.MILITARY_CARD, registered_at))
        if art41 is not None:
            documents.append(
                self._document(rid, DocumentKind.RESIGNATION, registered_at, art41.resigned_on)
            )
        issued_days = (self.between(100, 200) if kind == EXPIRED_CRIMINAL_RECORD
                       else self.between(1, 75))
        documents.append(
            self._document(rid, DocumentKind.CRIMINAL_RECORD, registered_at,
                           self.day(reg_ordinal - issued_days))
        )

        inquiries, adverse, complete = self._inquiries(state)
        status, opinion = self._status(state, adverse, complete, tricky=kind is not None)

        return Dossier(
            registration_id=rid,
            national_id=identity.national_id,
            first_name=identity.first,
            last_name=identity.last,
            father_name=identity.father,
            birth_date=identity.birth,
            birthplace=identity.birthplace,
            gender=Gender.FEMALE if female else Gender.MALE,
            mobile=identity.mobile,
            education=education,
            education_field=field,
            degree_verification_code=verification,
            occupation=occupation,
            address=address,
            residence_constituency_code=residence,
            constituency_code=c.code,
            registered_at=registered_at,
            military_status=military,
            veteran_status=veteran,
            previous_council_member_of=previous,
            art41_post=art41,
            executive_opinion=opinion,
            status=status,
            documents=documents,
            inquiries=list(inquiries),
        )

    def _identity(self, place: _Place, reg_day: date, kind: str | None) -> _Identity:
        """National id, names, birth, birthplace, gender and mobile of a new person."""
        rnd = self.rnd
        pick = self.pick
        people = self.people
        female = kind != NO_MILITARY_SERVICE and rnd() < FEMALE_SHARE
        first = pick(people.female if female else people.male)
        father = pick(people.male)
        if kind == ARABIC_LETTERS:
            # As pasted from another system: Arabic ي/ك for Persian ی/ک in every name.
            last = pick(people.arabizable).translate(_TO_ARABIC)
            first, father = first.translate(_TO_ARABIC), father.translate(_TO_ARABIC)
        else:
            last = pick(people.surnames)
        if kind == UNDER_AGE:
            # 24 Jalali years and 20–120 days: under 25 at registration and on voting day.
            j = to_jalali(reg_day)
            birth = self.day(from_jalali(j.year - 24, j.month, min(j.day, 29)).toordinal()
                             - self.between(20, 120))
        else:
            top = 49.0 if kind == NO_MILITARY_SERVICE else 76.0
            years = self.rng.triangular(25.1, top, 42.0)
            birth = self.day(reg_day.toordinal() - int(years * 365.2425))
        r = rnd()
        if r < 0.8:
            birth_county = place.county_index
        elif r < 0.95:
            birth_county = pick(
                self.counties_by_province[self.geo.province_of_county[place.county_index]])
        else:
            birth_county = int(rnd() * len(self.geo.counties))
        if kind == INVALID_NATIONAL_ID:
            national_id = people.invalid_national_id(birth_county, identical=False)
        elif kind == _IDENTICAL_DIGITS:
            national_id = people.invalid_national_id(birth_county, identical=True)
        else:
            national_id = people.national_id(birth_county)
        mobile = pick(_MOBILE_PREFIXES) + f"{int(rnd() * 10_000_000):07d}"
        return _Identity(national_id, first, last, father, birth,
                         self.geo.county_cities[birth_county], female, mobile)

    def _address(self, place: _Place) -> str:
        c = place.constituency
        plate = self.digits[self.between(1, 250)]
        if c.kind is ConstituencyKind.VILLAGE:
            return (f"شهرستان {place.county_name}، {place.district_name}، روستای {c.name}، "
                    f"پلاک {plate}")
        alley = (self.digits[self.between(1, 40)] if self.rnd() < 0.5
                 else "شهید " + self.pick(self.people.surnames))
        return f"{c.name}، خیابان {self.pick(names.STREETS)}، کوچه {alley}، پلاک {plate}"

    def _inquiries(self, state: _TrackState) -> tuple[tuple[Inquiry, ...], bool, bool]:
        """The four inquiries as of today: (inquiries, any adverse answer, all answered).

        Sent 0–2 days into the inquiry stage; each answer takes 2–9 days; now and then an
        authority never answers (stays pending) or answers adversely.
        """
        rnd = self.rnd
        sent = state.inquiries_ordinal + int(rnd() * 3)
        if sent > self.today_ordinal:
            return (), False, False
        r = rnd()
        adverse_from = self.pick(_ADVERSE_FROM_INDEX) if r < _ADVERSE_RATE else -1
        r = rnd()
        stuck = int(r / _STUCK_INQUIRY_RATE) if r < 4 * _STUCK_INQUIRY_RATE else -1
        bits = self.rng.getrandbits(12)
        key = (sent, adverse_from, stuck, bits)
        found = self.inquiry_sets.get(key)
        if found is None:
            found = self.inquiry_sets[key] = self._inquiry_set(sent, adverse_from, stuck, bits)
        return found

    def _inquiry_set(
        self, sent: int, adverse_from: int, stuck: int, bits: int
    ) -> tuple[tuple[Inquiry, ...], bool, bool]:
        inquiries: list[Inquiry] = []
        adverse = False
        complete = True
        for index, authority in enumerate(_AUTHORITIES):
            received = sent + 2 + (bits >> (3 * index) & 7)  # 2..9 days
            if index == stuck or received > self.today_ordinal:
                complete = False
                inquiries.append(Inquiry(authority, self.day(sent), None, InquiryResult.PENDING))
            elif index == adverse_from:
                adverse = True
                inquiries.append(Inquiry(authority, self.day(sent), self.day(received),
                                         InquiryResult.ADVERSE,
                                         names.ADVERSE_NOTES[authority.value]))
            else:
                inquiries.append(Inquiry(authority, self.day(sent), self.day(received),
                                         InquiryResult.CLEAR))
        return tuple(inquiries), adverse, complete

    def _status(
        self, state: _TrackState, adverse: bool, complete: bool, *, tricky: bool
    ) -> tuple[CandidateStatus, str]:
        """Status and executive opinion as of today, following CANDIDATE_MACHINE's edges."""
        rnd = self.rnd
        s = CandidateStatus
        status = s.REGISTERED
        opinion = ""
        if complete and rnd() < state.executive:
            rejected = adverse or rnd() < _EXECUTIVE_REJECT_RATE
            status = s.EXECUTIVE_REJECTED if rejected else s.EXECUTIVE_APPROVED
            opinion = self.pick(names.REJECTION_OPINIONS if rejected else names.APPROVAL_OPINIONS)
            # The executive board missed the tricky ones; the supervisory board has not
            # seen them yet.
            if not tricky and rnd() < state.supervisory:
                upheld = rnd() < (_SUPERVISORY_UPHOLD_RATE if rejected
                                  else _SUPERVISORY_REJECT_RATE)
                if upheld:
                    status = s.SUPERVISORY_REJECTED
                    if rnd() < _OBJECTION_RATE and rnd() < state.objections:
                        status = s.OBJECTION_FILED
                        if rnd() < state.objection_review:
                            status = (s.OBJECTION_ACCEPTED if rnd() < _OBJECTION_ACCEPT_RATE
                                      else s.OBJECTION_REJECTED)
                    if state.final_started:
                        status = (s.FINAL_APPROVED if status is s.OBJECTION_ACCEPTED
                                  else s.FINAL_REJECTED)
                else:
                    status = s.FINAL_APPROVED if state.final_started else s.SUPERVISORY_APPROVED
                if status is s.FINAL_APPROVED and state.codes_issued:
                    status = s.CODE_ISSUED
        if not tricky and status in _WITHDRAWABLE and rnd() < state.withdraw:
            status = s.WITHDRAWN
        return status, opinion


_WITHDRAWABLE: Final = frozenset({
    CandidateStatus.REGISTERED, CandidateStatus.EXECUTIVE_APPROVED,
    CandidateStatus.SUPERVISORY_APPROVED, CandidateStatus.FINAL_APPROVED,
    CandidateStatus.CODE_ISSUED,
})


def generate_demo_dataset(
    candidates: int, seed: int = 1404, *, today: date | None = None
) -> Dataset:
    """A complete, deterministic demo dataset with ``candidates`` dossiers.

    Same arguments, equal dataset. ``today`` (default :func:`demo_reference_date`) decides
    how far each track's calendar has run: inquiry answers and statuses. Registrations
    fall on the track's registration days up to ``today``; a track whose registration
    has not opened yet still gets its dossiers (spread over its whole window, all
    ``registered``), so the dataset always holds ``candidates`` dossiers. The wall clock
    is never read. Find the deliberately broken dossiers with :func:`tricky_cases`.
    """
    if candidates < 0:
        raise ValueError("candidates must be zero or more")
    today = today or demo_reference_date()
    # Millions of long-lived objects make the cyclic GC rescan everything again and again
    # (generation time grew faster than linearly); nothing here forms cycles.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(candidates, seed, today)
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(candidates: int, seed: int, today: date) -> Dataset:
    rng = random.Random(seed)
    cycle = demo_cycle()
    geo = _build_geography(rng, cycle)
    people = _People(rng, len(geo.counties))
    boards, members = _build_boards(geo, people)
    branches, observers = _build_election_day(geo, people)

    # Plan: a constituency, a tricky kind and a registration time per slot.
    counts = _allocate(
        [c.seats * _candidates_per_seat(c) for c in geo.constituencies], candidates
    )
    slot_place = [i for i, n in enumerate(counts) for _ in range(n)]
    rng.shuffle(slot_place)
    kinds = _plan_kinds(rng, candidates)
    big_cities = [i for i, p in enumerate(geo.places) if p.minimum is EducationLevel.BACHELOR]
    pair_of = [-1] * candidates
    for i, kind in enumerate(kinds):
        minimum = geo.places[slot_place[i]].minimum
        # Literacy has nothing below it; the forced case is the classic big-city one.
        if kind == INSUFFICIENT_EDUCATION and (
            minimum < EducationLevel.DIPLOMA
            or (i < len(_FORCED) and minimum is not EducationLevel.BACHELOR)
        ):
            slot_place[i] = rng.choice(big_cities)
        if kind == DUPLICATE_REGISTRATION and (i == 0 or pair_of[i - 1] != i - 1):
            pair_of[i] = pair_of[i + 1] = i
            first = geo.places[slot_place[i]]
            others = [k for k in geo.county_places[first.county_index] if k != slot_place[i]]
            slot_place[i + 1] = rng.choice(others)  # same county, another council
    factory = _DossierFactory(rng, people, geo, cycle, today)
    times = [factory.registration_time(geo.places[p]) for p in slot_place]

    dossiers: list[Dossier] = []
    for number, i in enumerate(sorted(range(candidates), key=lambda k: (times[k], k)), 1):
        dossiers.append(
            factory.build(f"R-1404-{number:07d}", geo.places[slot_place[i]], times[i],
                          kinds[i], pair_of[i])
        )
    return Dataset(
        cycles=[cycle],
        provinces=geo.provinces,
        counties=geo.counties,
        districts=geo.districts,
        constituencies=geo.constituencies,
        boards=boards,
        members=members,
        branches=branches,
        observers=observers,
        dossiers=dossiers,
    )


# --- finding the tricky dossiers again ----------------------------------------------------


def tricky_cases(dataset: Dataset) -> dict[str, list[str]]:
    """Kind → registration ids of the dossiers that break that rule, computed from the data.

    Every key of ``TRICKY_KINDS`` is present; ids keep the dataset's order. Uses the
    dataset's first cycle for the age limit and deadlines (the demo cycle if none).
    """
    cycle = dataset.cycles[0] if dataset.cycles else demo_cycle()
    validity = cycle.deadline(CRIMINAL_RECORD_VALIDITY)
    art41_rule = cycle.deadline(ART41_RESIGNATION)
    constituencies = {c.code: c for c in dataset.constituencies}
    minimum = {code: minimum_education(c) for code, c in constituencies.items()}
    opens = {
        code: cycle.registration_date_bounds(cycle.track_for(c.kind.value, c.population))[0]
        for code, c in constituencies.items()
    }
    id_counts = Counter(d.national_id for d in dataset.dossiers)
    found: dict[str, list[str]] = {kind: [] for kind in TRICKY_KINDS}
    near_limit = (cycle.minimum_age + 1) * 366  # only these need the exact Jalali count
    for d in dataset.dossiers:
        rid = d.registration_id
        reg_day = d.registered_at.date()
        if (reg_day - d.birth_date).days < near_limit and (
            full_years_between(d.birth_date, reg_day) < cycle.minimum_age
        ):
            found[UNDER_AGE].append(rid)
        if d.education >= EducationLevel.DIPLOMA and d.document(DocumentKind.DEGREE) is None:
            found[MISSING_DEGREE].append(rid)
        if d.constituency_code in minimum and d.previous_council_member_of != d.constituency_code:
            required = minimum[d.constituency_code]
            if d.veteran_status is not VeteranStatus.NONE:  # one level of exemption
                required = EducationLevel(max(EducationLevel.LITERACY, required - 1))
            if d.education < required:
                found[INSUFFICIENT_EDUCATION].append(rid)
        if _ARABIC_YEH_KAF.search(d.first_name + d.last_name + d.father_name):
            found[ARABIC_LETTERS].append(rid)
        if not is_valid_national_id(d.national_id):
            found[INVALID_NATIONAL_ID].append(rid)
        if id_counts[d.national_id] > 1:
            found[DUPLICATE_REGISTRATION].append(rid)
        certificate = d.document(DocumentKind.CRIMINAL_RECORD)
        if certificate is not None and certificate.issued_on is not None and not (
            validity.is_open(certificate.issued_on, reg_day)
        ):
            found[EXPIRED_CRIMINAL_RECORD].append(rid)
        if d.art41_post is not None:
            registration_opens = opens.get(d.constituency_code, reg_day)
            resigned = d.art41_post.resigned_on
            if resigned is None or resigned > art41_rule.due(registration_opens):
                found[LATE_ART41_RESIGNATION].append(rid)
        if d.gender is Gender.MALE and d.military_status is MilitaryStatus.NONE:
            found[NO_MILITARY_SERVICE].append(rid)
        if d.residence_constituency_code != d.constituency_code:
            found[RESIDENCE_ELSEWHERE].append(rid)
    return found
