"""Shared fixtures: a real store on a temporary SQLite file, and small domain datasets."""

from __future__ import annotations

import os

# Before anything imports Qt: tests run headless.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from supervisor_app.domain.boards import (
    Board,
    BoardLevel,
    BoardMember,
    MemberRole,
    QuorumRule,
)
from supervisor_app.domain.candidates import (
    Art41Post,
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
    OBJECTION_DEADLINE,
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
)
from supervisor_app.store import Store, open_store

T0 = datetime(2026, 1, 11, 8, 30, tzinfo=UTC)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def tmp_store(store_path: Path) -> Iterator[Store]:
    """An opened (migrated) store on a fresh SQLite file, closed at teardown."""
    store = open_store(store_path)
    try:
        yield store
    finally:
        store.close()


def geography_dataset() -> Dataset:
    """One province, county and district; a city and a village; boards, branches, a cycle."""
    cycle = ElectionCycle(
        code="7",
        title="هفتمین دوره انتخابات شوراها",
        election_day=date(2026, 5, 1),
        windows=(
            StageWindow(Stage.REGISTRATION, Track.CITY, date(2026, 1, 11), date(2026, 1, 17)),
            StageWindow(Stage.REGISTRATION, Track.VILLAGE, date(2026, 2, 13), date(2026, 2, 19)),
        ),
        deadlines=(RelativeDeadline(OBJECTION_DEADLINE, "notification", 4),),
    )
    return Dataset(
        cycles=[cycle],
        provinces=[Province("P23", "تهران")],
        counties=[County("C2301", "P23", "شمیرانات")],
        districts=[District("D230101", "C2301", "لواسانات")],
        constituencies=[
            Constituency(
                "K1", "C2301", None, "شهر تجریش", ConstituencyKind.CITY, 7, population=250_000
            ),
            Constituency(
                "K2", "C2301", "D230101", "روستای کند", ConstituencyKind.VILLAGE, 3, households=180
            ),
        ],
        boards=[
            Board("B0", BoardLevel.CENTRAL, "هیات مرکزی نظارت", None, None, QuorumRule(5)),
            Board(
                "B23",
                BoardLevel.PROVINCIAL,
                "هیات عالی نظارت استان تهران",
                "P23",
                "B0",
                QuorumRule(3),
            ),
            Board(
                "B2301",
                BoardLevel.COUNTY,
                "هیات نظارت شمیرانات",
                "C2301",
                "B23",
                QuorumRule(5, quorum=4, majority=3),
            ),
        ],
        members=[
            BoardMember(f"M{i}", "B2301", f"عضو {i}", f"00000000{i}{i}"[-10:], role)
            for i, role in enumerate(
                [
                    MemberRole.CHAIR,
                    MemberRole.DEPUTY,
                    MemberRole.SECRETARY,
                    MemberRole.MEMBER,
                    MemberRole.MEMBER,
                    MemberRole.ALTERNATE,
                ],
                start=1,
            )
        ],
        branches=[
            Branch("BR1", "K1", "مدرسه شهید بهشتی", ("DEV-1", "DEV-2")),
            Branch("BR2", "K2", "مسجد جامع"),
        ],
        observers=[
            Observer("O2", "ناظر دوم", "0012345679", "H-2", "BR1", head_observer_id="O1"),
            Observer("O1", "سرناظر", "0012345678", "H-1", None),
        ],
    )


def make_dossier(
    n: int,
    *,
    first_name: str = "علی",
    last_name: str = "محمدی",
    father_name: str = "حسن",
    national_id: str | None = None,
    constituency_code: str = "K1",
    **overrides: Any,
) -> Dossier:
    """A rich dossier (documents, inquiries, Art. 41 post) numbered ``n``."""
    values: dict[str, Any] = dict(
        registration_id=f"R-{n:06d}",
        national_id=national_id or f"{n:010d}",
        first_name=first_name,
        last_name=last_name,
        father_name=father_name,
        birth_date=date(1980, 3, 21) + timedelta(days=n),
        birthplace="تهران",
        gender=Gender.MALE,
        mobile="09120000000",
        education=EducationLevel.BACHELOR,
        education_field="حقوق",
        degree_verification_code="DV-1",
        occupation="وکیل",
        address="تهران، خیابان ولیعصر، پلاک ۱۲",
        residence_constituency_code=constituency_code,
        constituency_code=constituency_code,
        registered_at=T0 + timedelta(minutes=n),
        military_status=MilitaryStatus.CARD,
        veteran_status=VeteranStatus.VETERAN,
        previous_council_member_of=None,
        art41_post=Art41Post("شهردار", date(2025, 9, 1)),
        executive_opinion="",
        documents=[
            Document(DocumentKind.PHOTO, "photo.jpg", "a" * 64, 2_000_000, T0),
            Document(
                DocumentKind.CRIMINAL_RECORD,
                "record.pdf",
                "b" * 64,
                120_000,
                T0,
                issued_on=date(2025, 12, 1),
            ),
        ],
        inquiries=[
            Inquiry(InquiryAuthority.POLICE, date(2026, 1, 20), None, InquiryResult.PENDING),
            Inquiry(
                InquiryAuthority.JUDICIARY,
                date(2026, 1, 20),
                date(2026, 1, 25),
                InquiryResult.CLEAR,
                "بدون سابقه",
            ),
        ],
        revision=3,
    )
    values.update(overrides)
    return Dossier(**values)


@pytest.fixture
def seeded_store(tmp_store: Store) -> Store:
    """tmp_store holding geography_dataset() (no dossiers)."""
    from supervisor_app.store.bulk import bulk_import

    bulk_import(tmp_store, geography_dataset())
    return tmp_store


@pytest.fixture
def dossier_factory() -> Callable[..., Dossier]:
    return make_dossier


@pytest.fixture
def geography() -> Dataset:
    return geography_dataset()
