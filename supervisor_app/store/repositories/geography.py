"""Provinces, counties, districts and constituencies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, select

from ...domain.geography import Constituency, ConstituencyKind, County, District, Province
from ..tables import ConstituencyRow, CountyRow, DistrictRow, ProvinceRow
from .base import Repository, as_list, count_rows, table_of, upsert

PROVINCES = table_of(ProvinceRow)
COUNTIES = table_of(CountyRow)
DISTRICTS = table_of(DistrictRow)
CONSTITUENCIES = table_of(ConstituencyRow)


def province_values(p: Province) -> dict[str, Any]:
    return {"code": p.code, "name": p.name}


def county_values(c: County) -> dict[str, Any]:
    return {"code": c.code, "province_code": c.province_code, "name": c.name}


def district_values(d: District) -> dict[str, Any]:
    return {"code": d.code, "county_code": d.county_code, "name": d.name}


def constituency_values(c: Constituency) -> dict[str, Any]:
    return {
        "code": c.code,
        "county_code": c.county_code,
        "district_code": c.district_code,
        "name": c.name,
        "kind": c.kind.value,
        "seats": c.seats,
        "population": c.population,
        "households": c.households,
        "proportional": c.proportional,
    }


def _constituency(row: Row[Any]) -> Constituency:
    return Constituency(
        code=row.code,
        county_code=row.county_code,
        district_code=row.district_code,
        name=row.name,
        kind=ConstituencyKind(row.kind),
        seats=row.seats,
        population=row.population,
        households=row.households,
        proportional=row.proportional,
    )


class GeographyRepository(Repository):
    # --- writes (upserts: pulling the same geography twice is harmless) -------------

    def add_provinces(self, items: Iterable[Province]) -> None:
        upsert(self._session, PROVINCES, [province_values(p) for p in items], ["code"])

    def add_counties(self, items: Iterable[County]) -> None:
        upsert(self._session, COUNTIES, [county_values(c) for c in items], ["code"])

    def add_districts(self, items: Iterable[District]) -> None:
        upsert(self._session, DISTRICTS, [district_values(d) for d in items], ["code"])

    def add_constituencies(self, items: Iterable[Constituency]) -> None:
        rows = [constituency_values(c) for c in as_list(items)]
        upsert(self._session, CONSTITUENCIES, rows, ["code"])

    # --- reads ----------------------------------------------------------------------

    def province(self, code: str) -> Province | None:
        row = self._session.execute(select(PROVINCES).where(PROVINCES.c.code == code)).first()
        return Province(row.code, row.name) if row else None

    def provinces(self) -> list[Province]:
        rows = self._session.execute(select(PROVINCES).order_by(PROVINCES.c.code))
        return [Province(r.code, r.name) for r in rows]

    def county(self, code: str) -> County | None:
        row = self._session.execute(select(COUNTIES).where(COUNTIES.c.code == code)).first()
        return County(row.code, row.province_code, row.name) if row else None

    def counties(self, province_code: str | None = None) -> list[County]:
        stmt = select(COUNTIES).order_by(COUNTIES.c.code)
        if province_code is not None:
            stmt = stmt.where(COUNTIES.c.province_code == province_code)
        return [County(r.code, r.province_code, r.name) for r in self._session.execute(stmt)]

    def district(self, code: str) -> District | None:
        row = self._session.execute(select(DISTRICTS).where(DISTRICTS.c.code == code)).first()
        return District(row.code, row.county_code, row.name) if row else None

    def districts(self, county_code: str | None = None) -> list[District]:
        stmt = select(DISTRICTS).order_by(DISTRICTS.c.code)
        if county_code is not None:
            stmt = stmt.where(DISTRICTS.c.county_code == county_code)
        return [District(r.code, r.county_code, r.name) for r in self._session.execute(stmt)]

    def constituency(self, code: str) -> Constituency | None:
        stmt = select(CONSTITUENCIES).where(CONSTITUENCIES.c.code == code)
        row = self._session.execute(stmt).first()
        return _constituency(row) if row else None

    def constituencies(self, county_code: str | None = None) -> list[Constituency]:
        stmt = select(CONSTITUENCIES).order_by(CONSTITUENCIES.c.code)
        if county_code is not None:
            stmt = stmt.where(CONSTITUENCIES.c.county_code == county_code)
        return [_constituency(r) for r in self._session.execute(stmt)]

    def counts(self) -> dict[str, int]:
        return {
            "provinces": count_rows(self._session, PROVINCES),
            "counties": count_rows(self._session, COUNTIES),
            "districts": count_rows(self._session, DISTRICTS),
            "constituencies": count_rows(self._session, CONSTITUENCIES),
        }
