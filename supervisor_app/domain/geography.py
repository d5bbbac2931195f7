"""Geography: province → county → district → constituency, and the education band rule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from .errors import DomainError


class ConstituencyKind(StrEnum):
    CITY = "city"
    VILLAGE = "village"


class EducationLevel(int, Enum):
    """Ordered so that comparisons mean 'at least'."""

    NONE = 0
    LITERACY = 1
    DIPLOMA = 2  # دیپلم
    ASSOCIATE = 3  # فوق‌دیپلم / کاردانی
    BACHELOR = 4  # لیسانس / کارشناسی
    MASTER = 5  # فوق‌لیسانس / کارشناسی ارشد
    DOCTORATE = 6  # دکتری


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class County:
    code: str
    province_code: str
    name: str


@dataclass(frozen=True, slots=True)
class District:
    code: str
    county_code: str
    name: str


@dataclass(frozen=True, slots=True)
class Constituency:
    """A city or village council seat area.

    Cities carry ``population``; villages carry ``households``. ``proportional`` marks
    the list model (Tehran from 1405).
    """

    code: str
    county_code: str
    district_code: str | None
    name: str
    kind: ConstituencyKind
    seats: int
    population: int | None = None
    households: int | None = None
    proportional: bool = False

    def __post_init__(self) -> None:
        if self.seats < 1:
            raise DomainError(f"constituency {self.code}: seats must be positive")
        if self.kind is ConstituencyKind.CITY and self.population is None:
            raise DomainError(f"city constituency {self.code} needs a population")
        if self.kind is ConstituencyKind.VILLAGE and self.households is None:
            raise DomainError(f"village constituency {self.code} needs a household count")


@dataclass(frozen=True, slots=True)
class EducationBand:
    """One row of the minimum-education table (band ز of Art. 37), as data per cycle."""

    kind: ConstituencyKind
    upper_bound: int | None  # population (city) or households (village); None = no bound
    minimum: EducationLevel


# The 1403 amendment's table; a cycle may carry its own copy.
DEFAULT_EDUCATION_BANDS: tuple[EducationBand, ...] = (
    EducationBand(ConstituencyKind.VILLAGE, 200, EducationLevel.LITERACY),
    EducationBand(ConstituencyKind.VILLAGE, None, EducationLevel.DIPLOMA),
    EducationBand(ConstituencyKind.CITY, 20_000, EducationLevel.ASSOCIATE),
    EducationBand(ConstituencyKind.CITY, None, EducationLevel.BACHELOR),
)


def minimum_education(
    constituency: Constituency, bands: tuple[EducationBand, ...] = DEFAULT_EDUCATION_BANDS
) -> EducationLevel:
    """The minimum education a candidate needs for this constituency."""
    size = (
        constituency.population
        if constituency.kind is ConstituencyKind.CITY
        else constituency.households
    )
    assert size is not None  # guaranteed by Constituency.__post_init__
    for band in sorted(
        (b for b in bands if b.kind is constituency.kind),
        key=lambda b: (b.upper_bound is None, b.upper_bound or 0),
    ):
        if band.upper_bound is None or size <= band.upper_bound:
            return band.minimum
    raise DomainError(f"no education band covers constituency {constituency.code}")
