"""Candidate dossiers (their documents and inquiries stored with them), and full-text search."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Row, Select, column, func, select, table, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...domain import wire
from ...domain.candidates import (
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
from ...domain.digest import wire_canonical_json
from ...domain.geography import EducationLevel
from ...domain.persian import persian_sort_key, search_key, search_terms, to_ascii_digits
from ...services.views import DossierSummary
from ..tables import ConstituencyRow, CountyRow, DossierRow
from .base import Repository, as_list, count_rows, table_of

DOSSIERS = table_of(DossierRow)
CONSTITUENCIES = table_of(ConstituencyRow)
COUNTIES = table_of(CountyRow)
# The FTS5 virtual table is created by the migration, not by the metadata.
FTS = table("dossier_fts", column("rowid", Integer))
_MATCH = text("dossier_fts MATCH :match")
# Above this many full-text hits, walking the name index beats sorting the hits
# (measured on 300k dossiers: ~30 ms either way near this size).
SORT_HITS_MAX = 5_000


# --- derived columns -----------------------------------------------------------------


# Names repeat a lot (a few thousand first and last names cover most people), so the
# per-name work is cached: it is most of the Python time of a bulk load.
_cached_search_terms = lru_cache(maxsize=65_536)(search_terms)


def name_key(first_name: str, last_name: str, father_name: str) -> str:
    """What the FTS index holds for names: search_terms of each name, joined.

    Per name, so a compound's joined form never spans two names (a test pins it).
    """
    parts = (
        _cached_search_terms(first_name),
        _cached_search_terms(last_name),
        _cached_search_terms(father_name),
    )
    return " ".join(part for part in parts if part)


@lru_cache(maxsize=65_536)
def _order_chars(text_value: str) -> str:
    # Each primary collation element (group, weight) of persian_sort_key becomes two
    # characters whose code-point order is the element's order, so SQLite's binary
    # comparison of the whole string sorts in Persian alphabetical order.
    out: list[str] = []
    for group, weight in persian_sort_key(text_value)[0]:
        point = weight + 0x30
        if point >= 0xD800:  # skip the surrogate block, which UTF-8 cannot hold
            point = min(point + 0x800, 0x10FFFF)
        out.append(chr(0x21 + group))
        out.append(chr(point))
    return "".join(out)


def name_sort(last_name: str, first_name: str) -> str:
    """Sort key: last name, then first name, in Persian alphabetical order."""
    # \x01 sorts below every element, so a surname sorts before its extensions.
    return _order_chars(last_name) + "\x01" + _order_chars(first_name)


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 query: every normalised token becomes a quoted prefix term.

    Quoting makes operators (AND, OR, NOT, NEAR), column filters, ``*`` and ``"`` in the
    user's text plain words; terms are ANDed. None when nothing searchable is left.
    """
    tokens = search_key(user_text).split()
    if not tokens:
        return None
    return " ".join('"' + tok.replace('"', '""') + '"*' for tok in tokens)


# --- row mapping ---------------------------------------------------------------------


def dossier_values(d: Dossier) -> dict[str, Any]:
    return {
        "registration_id": d.registration_id,
        "national_id": d.national_id,
        "first_name": d.first_name,
        "last_name": d.last_name,
        "father_name": d.father_name,
        "name_key": name_key(d.first_name, d.last_name, d.father_name),
        "name_sort": name_sort(d.last_name, d.first_name),
        "birth_date": d.birth_date,
        "birthplace": d.birthplace,
        "gender": d.gender.value,
        "mobile": d.mobile,
        "education": int(d.education),
        "education_field": d.education_field,
        "degree_verification_code": d.degree_verification_code,
        "occupation": d.occupation,
        "address": d.address,
        "residence_constituency_code": d.residence_constituency_code,
        "constituency_code": d.constituency_code,
        "registered_at": d.registered_at,
        "military_status": d.military_status.value,
        "veteran_status": d.veteran_status.value,
        "previous_council_member_of": d.previous_council_member_of,
        "art41_title": d.art41_post.title if d.art41_post else None,
        "art41_resigned_on": d.art41_post.resigned_on if d.art41_post else None,
        "executive_opinion": d.executive_opinion,
        "status": d.status.value,
        "revision": d.revision,
        "documents": documents_json(d.documents),
        "inquiries": inquiries_json(d.inquiries),
    }


# A dossier's documents and inquiries are stored as the canonical JSON array of their
# wire forms (``dossiers.documents`` / ``dossiers.inquiries``): the same text whichever
# path wrote them (a pulled page, an import, a local edit).


def documents_json(documents: Iterable[Document]) -> str:
    return wire_canonical_json([wire.encode_document(x) for x in documents]).decode("utf-8")


def inquiries_json(inquiries: Iterable[Inquiry]) -> str:
    return wire_canonical_json([wire.encode_inquiry(x) for x in inquiries]).decode("utf-8")


_KINDS = {kind.value: kind for kind in DocumentKind}
_AUTHORITIES = {a.value: a for a in InquiryAuthority}
_RESULTS = {r.value: r for r in InquiryResult}
_DOCUMENT_FIELDS = ("kind", "filename", "sha256", "size", "uploaded_at", "issued_on")
_parse_datetime = lru_cache(maxsize=8192)(datetime.fromisoformat)  # stamps repeat a lot
_parse_date = lru_cache(maxsize=8192)(date.fromisoformat)


def _opt_date(value: str | None) -> date | None:
    return None if value is None else _parse_date(value)


def stored_documents(text_value: str) -> list[Document]:
    """A stored dossier's documents, rebuilt without the checks they passed on the way in
    (``refresh_checks`` reads 300,000 dossiers' documents at once)."""
    out: list[Document] = []
    for x in json.loads(text_value):
        document = object.__new__(Document)
        values = (
            _KINDS[x["kind"]], x["filename"], x["sha256"], x["size"],
            _parse_datetime(x["uploaded_at"]), _opt_date(x["issued_on"]),
        )
        for name, value in zip(_DOCUMENT_FIELDS, values, strict=True):
            object.__setattr__(document, name, value)
        out.append(document)
    return out


def stored_inquiries(text_value: str) -> list[Inquiry]:
    return [
        Inquiry(
            authority=_AUTHORITIES[x["authority"]],
            sent_on=_parse_date(x["sent_on"]),
            received_on=_opt_date(x["received_on"]),
            result=_RESULTS[x["result"]],
            note=x["note"],
        )
        for x in json.loads(text_value)
    ]


def dossier_upsert_statement() -> Any:
    """INSERT … ON CONFLICT(registration_id) DO UPDATE, keeping the row's id (rowid)."""
    stmt = sqlite_insert(DOSSIERS)
    changes = {
        c.name: stmt.excluded[c.name]
        for c in DOSSIERS.columns
        if c.name not in ("id", "registration_id")
    }
    return stmt.on_conflict_do_update(index_elements=["registration_id"], set_=changes)


def _dossier(row: Row[Any], documents: list[Document], inquiries: list[Inquiry]) -> Dossier:
    return Dossier(
        registration_id=row.registration_id,
        national_id=row.national_id,
        first_name=row.first_name,
        last_name=row.last_name,
        father_name=row.father_name,
        birth_date=row.birth_date,
        birthplace=row.birthplace,
        gender=Gender(row.gender),
        mobile=row.mobile,
        education=EducationLevel(row.education),
        education_field=row.education_field,
        degree_verification_code=row.degree_verification_code,
        occupation=row.occupation,
        address=row.address,
        residence_constituency_code=row.residence_constituency_code,
        constituency_code=row.constituency_code,
        registered_at=row.registered_at,
        military_status=MilitaryStatus(row.military_status),
        veteran_status=VeteranStatus(row.veteran_status),
        previous_council_member_of=row.previous_council_member_of,
        art41_post=(
            Art41Post(row.art41_title, row.art41_resigned_on)
            if row.art41_title is not None
            else None
        ),
        executive_opinion=row.executive_opinion,
        status=CandidateStatus(row.status),
        documents=documents,
        inquiries=inquiries,
        revision=row.revision,
    )


class DossierRepository(Repository):
    # --- writes ---------------------------------------------------------------------

    def add(self, dossier: Dossier) -> None:
        """Insert or update one dossier, replacing its documents and inquiries."""
        self.add_all([dossier])

    def add_all(self, dossiers: Iterable[Dossier]) -> None:
        items = as_list(dossiers)
        if not items:
            return
        self._session.execute(dossier_upsert_statement(), [dossier_values(d) for d in items])

    # --- single dossiers ------------------------------------------------------------

    def get(self, registration_id: str) -> Dossier | None:
        stmt = select(DOSSIERS).where(DOSSIERS.c.registration_id == registration_id)
        row = self._session.execute(stmt).first()
        return self._load(row) if row else None

    def find_by_national_id(self, national_id: str) -> list[Dossier]:
        """Every dossier of one person (digits may be typed in Persian)."""
        key = to_ascii_digits(national_id).strip()
        stmt = (
            select(DOSSIERS)
            .where(DOSSIERS.c.national_id == key)
            .order_by(DOSSIERS.c.registered_at, DOSSIERS.c.id)
        )
        return [self._load(row) for row in self._session.execute(stmt).all()]

    @staticmethod
    def _load(row: Row[Any]) -> Dossier:
        return _dossier(row, stored_documents(row.documents), stored_inquiries(row.inquiries))

    # --- lists ----------------------------------------------------------------------

    def count(self) -> int:
        return count_rows(self._session, DOSSIERS)

    def count_by_status(self) -> dict[str, int]:
        stmt = select(DOSSIERS.c.status, func.count()).group_by(DOSSIERS.c.status)
        return {status: n for status, n in self._session.execute(stmt)}

    def count_matching(
        self,
        text_query: str = "",
        *,
        constituency_code: str | None = None,
        status: str | None = None,
    ) -> int:
        match = fts_query(text_query)
        if match is not None and constituency_code is None and status is None:
            return self._fts_hits(match)
        stmt = self._where(select(func.count()).select_from(DOSSIERS), constituency_code, status)
        if match is not None:
            stmt = stmt.where(DOSSIERS.c.id.in_(select(FTS.c.rowid).where(_MATCH)))
        return self._session.execute(stmt, {"match": match} if match else {}).scalar_one()

    def _fts_hits(self, match: str) -> int:
        stmt = select(func.count()).select_from(FTS).where(_MATCH)
        return self._session.execute(stmt, {"match": match}).scalar_one()

    def search(
        self,
        text_query: str = "",
        limit: int = 200,
        offset: int = 0,
        *,
        constituency_code: str | None = None,
        status: str | None = None,
    ) -> list[DossierSummary]:
        """A page of dossiers in Persian alphabetical order of (last name, first name).

        With ``text_query`` only dossiers whose names, national id or registration id
        have every typed word as a prefix (after search_key normalisation).
        """
        match = fts_query(text_query)
        stmt = select(
            DOSSIERS.c.registration_id,
            DOSSIERS.c.national_id,
            DOSSIERS.c.first_name,
            DOSSIERS.c.last_name,
            DOSSIERS.c.father_name,
            DOSSIERS.c.birth_date,
            DOSSIERS.c.gender,
            DOSSIERS.c.constituency_code,
            func.coalesce(CONSTITUENCIES.c.name, "").label("constituency_name"),
            func.coalesce(COUNTIES.c.name, "").label("county_name"),
            DOSSIERS.c.status,
        ).select_from(
            DOSSIERS.outerjoin(
                CONSTITUENCIES, CONSTITUENCIES.c.code == DOSSIERS.c.constituency_code
            ).outerjoin(COUNTIES, COUNTIES.c.code == CONSTITUENCIES.c.county_code)
        )
        stmt = self._where(stmt, constituency_code, status)
        if match is not None:
            in_fts = select(FTS.c.rowid).where(_MATCH)
            unfiltered = constituency_code is None and status is None
            if unfiltered and self._fts_hits(match) > SORT_HITS_MAX:
                # Many hits: walk the name_sort index and keep the hits until the page is
                # full ("id + 0" stops SQLite from driving the query by the hit list).
                stmt = stmt.where((DOSSIERS.c.id + 0).in_(in_fts))
            else:
                # Few hits: fetch them by rowid and sort them.
                stmt = stmt.where(DOSSIERS.c.id.in_(in_fts))
        stmt = stmt.order_by(DOSSIERS.c.name_sort, DOSSIERS.c.id).limit(limit).offset(offset)
        rows = self._session.execute(stmt, {"match": match} if match else {})
        return [DossierSummary(*row) for row in rows]

    @staticmethod
    def _where(stmt: Select[Any], constituency_code: str | None, status: str | None) -> Select[Any]:
        if constituency_code is not None:
            stmt = stmt.where(DOSSIERS.c.constituency_code == constituency_code)
        if status is not None:
            stmt = stmt.where(DOSSIERS.c.status == status)
        return stmt
