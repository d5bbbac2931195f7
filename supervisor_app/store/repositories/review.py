"""The review workspace's queries: the filtered, Persian-sorted dossier list, stored
check results, manual assessments, and what the checks need about other dossiers.

The list pages by offset in ``name_sort`` order (Persian alphabetical order of surname,
then first name). Far pages are read backwards from the end, so jumping to the last
row costs as little as showing the first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, Select, and_, delete, func, insert, literal, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...domain.candidates import CandidateStatus, Dossier
from ...domain.eligibility import ManualAssessment
from ...domain.persian import search_key
from ...domain.review import (
    ANY_FAILED_CHECK,
    SOON_DAYS,
    DeadlineFilter,
    DossierFilter,
    statuses_of,
)
from ..tables import (
    DecisionRow,
    DossierCheckFlagRow,
    DossierReviewRow,
    ManualAssessmentRow,
    ObjectionRow,
)
from .base import IN_CHUNK, Repository, chunked, count_rows, table_of
from .dossiers import (
    _MATCH,
    CONSTITUENCIES,
    COUNTIES,
    DOSSIERS,
    FTS,
    SORT_HITS_MAX,
    _dossier,
    fts_query,
    stored_documents,
)

# Above this many full-text hits the page is found by walking the name index and keeping
# hits (cost ~ index entries walked), below it by sorting the hits (cost ~ hits); the
# dossier search's measured crossover (re-measured for this list: hits cluster by name,
# so a walk may cross half the index before it finds a page).
WALK_MIN_HITS = SORT_HITS_MAX
# Above this share of all dossiers (1 in N), a search made of letters only tests each row
# of the name index directly (``name_key`` LIKE), instead of first gathering every hit's
# id from the full-text index: a first letter typed matches ~half the list, and gathering
# 140,000 ids took ~50 ms where the walk takes ~1 ms (measured on 300,000 dossiers).
DENSE_HITS_SHARE = 12


def _is_arabic_letter(ch: str) -> bool:
    # Letters of the Arabic blocks only: no digit or Latin letter can be an id's prefix, and
    # no character the full-text tokenizer folds or splits differently from search_key.
    return ("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f") and (
        unicodedata.category(ch)[0] == "L"
    )


def dense_terms(user_text: str) -> list[str] | None:
    """The query's words as LIKE patterns over ``' ' || name_key``, when only names can
    match them (no ASCII letter or digit: national and registration ids are ASCII), so
    the test is exactly the full-text prefix match; else None."""
    words = search_key(user_text).split()
    if not words or not all(_is_arabic_letter(ch) for w in words for ch in w):
        return None
    # name_key is search_terms' words joined by single spaces: a term starts with w
    # exactly when " w" occurs in " " + name_key. LIKE's own wildcards are escaped.
    escaped = (w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words)
    return [f"% {w}%" for w in escaped]

REVIEW = table_of(DossierReviewRow)
FLAGS = table_of(DossierCheckFlagRow)
MANUAL = table_of(ManualAssessmentRow)
DECISIONS = table_of(DecisionRow)
OBJECTIONS = table_of(ObjectionRow)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """What gets stored about one dossier's automatic checks."""

    dossier_id: int
    revision: int
    rules_version: str
    failed: tuple[str, ...]  # rule codes
    unknown: tuple[str, ...]
    due_on: date | None


@dataclass(frozen=True, slots=True)
class Registration:
    """A dossier as seen by the duplicate check: who, where, in what state."""

    registration_id: str
    national_id: str
    constituency_code: str
    constituency_name: str
    status: CandidateStatus


# Columns of one list row, in the order services.review.ReviewRow takes them.
LIST_COLUMNS = (
    DOSSIERS.c.registration_id,
    DOSSIERS.c.national_id,
    DOSSIERS.c.first_name,
    DOSSIERS.c.last_name,
    DOSSIERS.c.father_name,
    DOSSIERS.c.birth_date,
    DOSSIERS.c.gender,
    DOSSIERS.c.education,
    DOSSIERS.c.constituency_code,
    func.coalesce(CONSTITUENCIES.c.name, "").label("constituency_name"),
    func.coalesce(COUNTIES.c.name, "").label("county_name"),
    DOSSIERS.c.status,
    REVIEW.c.failed_count,
    REVIEW.c.failed_codes,
    REVIEW.c.due_on,
)


class ReviewRepository(Repository):
    # --- the list ---------------------------------------------------------------------

    def count(self, f: DossierFilter, today: date) -> int:
        match = fts_query(f.text)
        if match is not None and _only_text(f):
            stmt = select(func.count()).select_from(FTS).where(_MATCH)
            return self._session.execute(stmt, {"match": match}).scalar_one()
        stmt = self._where(select(func.count()).select_from(DOSSIERS), f, today, match)
        return self._session.execute(stmt, {"match": match} if match else {}).scalar_one()

    def page(
        self,
        f: DossierFilter,
        today: date,
        limit: int,
        offset: int,
        total: int | None = None,
    ) -> list[Row[Any]]:
        """Rows ``offset`` … ``offset + limit - 1`` of the filtered list in Persian order.

        With ``total`` (the list's count) a page in the second half is read backwards
        from the end: SQLite then skips ``total - offset`` index entries, not ``offset``.
        """
        if limit <= 0:
            return []
        # The rows always come back in list order; only the way SQLite finds them changes.
        backwards = total is not None and offset > total // 2
        if backwards:
            assert total is not None
            end = min(total, offset + limit)
            limit = end - offset
            if limit <= 0:
                return []
            offset = total - end
        match = fts_query(f.text)
        walk = False
        dense: list[str] | None = None
        self._last_hits: int | None = None
        if match is not None:
            hits = self._last_hits = self._fts_hits(match)
            rows_in_store = count_rows(self._session, DOSSIERS)
            if hits >= rows_in_store:
                match = None  # every dossier matches ("0", "1" of the 1404-… ids): no filter
            else:
                walk = hits > WALK_MIN_HITS
                if hits * DENSE_HITS_SHARE > rows_in_store:
                    dense = dense_terms(f.text)
                    if dense is not None:
                        match = None  # the name index walk tests the names itself
        # First the page's ids in order (the name index alone, or the hits' sort keys),
        # then the columns of those rows only: joining before LIMIT would fetch and join
        # every hit of a broad search before keeping a hundred.
        ids = self._where(
            select(DOSSIERS.c.id.label("pid"), DOSSIERS.c.name_sort.label("ns")),
            f,
            today,
            match,
            walk_name_index=walk,
            dense=dense,
        )
        if backwards:
            ids = ids.order_by(DOSSIERS.c.name_sort.desc(), DOSSIERS.c.id.desc())
        else:
            ids = ids.order_by(DOSSIERS.c.name_sort, DOSSIERS.c.id)
        page = ids.limit(limit).offset(offset).subquery("page")
        stmt = (
            select(*LIST_COLUMNS)
            .select_from(
                page.join(DOSSIERS, DOSSIERS.c.id == page.c.pid)
                .outerjoin(CONSTITUENCIES, CONSTITUENCIES.c.code == DOSSIERS.c.constituency_code)
                .outerjoin(COUNTIES, COUNTIES.c.code == CONSTITUENCIES.c.county_code)
                .outerjoin(REVIEW, REVIEW.c.dossier_id == DOSSIERS.c.id)
            )
            .order_by(page.c.ns, page.c.pid)
        )
        rows = list(self._session.execute(stmt, {"match": match} if match else {}))
        return rows

    def first_page(
        self, f: DossierFilter, today: date, limit: int
    ) -> tuple[list[Row[Any]], int | None]:
        """The first page and, when it comes for free, the list's count: a short page is
        the whole list, and a plain search counted its hits to plan the page."""
        rows = self.page(f, today, limit, 0)
        if len(rows) < limit:
            return rows, len(rows)
        if _only_text(f):
            if fts_query(f.text) is None:
                return rows, count_rows(self._session, DOSSIERS)
            return rows, self._last_hits
        return rows, None

    def _fts_hits(self, match: str) -> int:
        stmt = select(func.count()).select_from(FTS).where(_MATCH)
        return self._session.execute(stmt, {"match": match}).scalar_one()

    @staticmethod
    def _where(
        stmt: Select[Any],
        f: DossierFilter,
        today: date,
        match: str | None,
        *,
        walk_name_index: bool = False,
        dense: Sequence[str] | None = None,
    ) -> Select[Any]:
        d = DOSSIERS.c
        for pattern in dense or ():
            stmt = stmt.where((literal(" ") + d.name_key).like(pattern, escape="\\"))
        if match is not None:
            hits = select(FTS.c.rowid).where(_MATCH)
            # Many hits: "id + 0" keeps SQLite walking the name index and picking hits
            # until the page is full instead of sorting them all (measured on 300k).
            stmt = stmt.where((d.id + 0).in_(hits) if walk_name_index else d.id.in_(hits))
        if f.constituency_code is not None:
            stmt = stmt.where(d.constituency_code == f.constituency_code)
        if f.county_code is not None:
            in_county = select(CONSTITUENCIES.c.code).where(
                CONSTITUENCIES.c.county_code == f.county_code
            )
            stmt = stmt.where(d.constituency_code.in_(in_county))
        if f.status is not None:
            stmt = stmt.where(d.status == f.status.value)
        if f.stage is not None:
            stmt = stmt.where(d.status.in_([s.value for s in statuses_of(f.stage)]))
        if f.gender is not None:
            stmt = stmt.where(d.gender == f.gender)
        if f.education is not None:
            stmt = stmt.where(d.education == f.education)
        if f.failed_check == ANY_FAILED_CHECK:
            failed = select(REVIEW.c.dossier_id).where(REVIEW.c.failed_count > 0)
            stmt = stmt.where(d.id.in_(failed))
        elif f.failed_check is not None:
            flagged = select(FLAGS.c.dossier_id).where(
                FLAGS.c.code == f.failed_check, FLAGS.c.outcome == "fail"
            )
            stmt = stmt.where(d.id.in_(flagged))
        if f.deadline is not None:
            due = REVIEW.c.due_on
            condition = {
                DeadlineFilter.TODAY: due == today,
                DeadlineFilter.SOON: and_(due >= today, due <= today + timedelta(SOON_DAYS)),
                DeadlineFilter.OVERDUE: due < today,
            }[f.deadline]
            stmt = stmt.where(d.id.in_(select(REVIEW.c.dossier_id).where(condition)))
        return stmt

    def position_of(self, f: DossierFilter, today: date, registration_id: str) -> int | None:
        """Row number of a dossier in the filtered list (None if it is not in it)."""
        row = self._session.execute(
            select(DOSSIERS.c.id, DOSSIERS.c.name_sort).where(
                DOSSIERS.c.registration_id == registration_id
            )
        ).first()
        if row is None:
            return None
        match = fts_query(f.text)
        params = {"match": match} if match else {}
        inside = self._where(
            select(func.count()).select_from(DOSSIERS).where(DOSSIERS.c.id == row.id),
            f,
            today,
            match,
        )
        if not self._session.execute(inside, params).scalar_one():
            return None
        before = self._where(
            select(func.count())
            .select_from(DOSSIERS)
            .where(
                or_(
                    DOSSIERS.c.name_sort < row.name_sort,
                    and_(DOSSIERS.c.name_sort == row.name_sort, DOSSIERS.c.id < row.id),
                )
            ),
            f,
            today,
            match,
        )
        return int(self._session.execute(before, params).scalar_one())

    # --- what the checks need -----------------------------------------------------------

    def stale_ids(self, rules_version: str) -> list[int]:
        """Dossiers without stored results, or with results of an older revision/table."""
        r = REVIEW.c
        stmt = (
            select(DOSSIERS.c.id)
            .select_from(DOSSIERS.outerjoin(REVIEW, r.dossier_id == DOSSIERS.c.id))
            .where(
                or_(
                    r.dossier_id.is_(None),
                    r.revision != DOSSIERS.c.revision,
                    r.rules_version != rules_version,
                )
            )
            .order_by(DOSSIERS.c.id)
        )
        return list(self._session.execute(stmt).scalars())

    def duplicated_national_ids(self) -> set[str]:
        stmt = (
            select(DOSSIERS.c.national_id).group_by(DOSSIERS.c.national_id).having(func.count() > 1)
        )
        return set(self._session.execute(stmt).scalars())

    def ids_of_national_ids(self, national_ids: Iterable[str]) -> list[int]:
        ids: list[int] = []
        for part in chunked(sorted(set(national_ids)), IN_CHUNK):
            stmt = select(DOSSIERS.c.id).where(DOSSIERS.c.national_id.in_(part))
            ids.extend(self._session.execute(stmt).scalars())
        return ids

    def flagged_ids(self, code: str) -> list[int]:
        stmt = select(FLAGS.c.dossier_id).where(FLAGS.c.code == code)
        return list(self._session.execute(stmt).scalars())

    def load_for_checks(self, ids: Sequence[int]) -> list[tuple[int, Dossier]]:
        """Dossiers with their documents (not inquiries, which no automatic check reads).

        The bulk path of ``refresh_checks`` (300,000 dossiers): documents are rebuilt
        without re-validating what was validated on its way into the store.
        """
        result: list[tuple[int, Dossier]] = []
        for part in chunked(list(ids), IN_CHUNK):
            rows = self._session.execute(
                select(DOSSIERS).where(DOSSIERS.c.id.in_(part)).order_by(DOSSIERS.c.id)
            ).all()
            result.extend(
                (row.id, _dossier(row, stored_documents(row.documents), [])) for row in rows
            )
        return result

    def registrations(self, national_ids: Iterable[str]) -> dict[str, list[Registration]]:
        """Every dossier of the given national ids, grouped by national id."""
        found: dict[str, list[Registration]] = {}
        for part in chunked(sorted(set(national_ids)), IN_CHUNK):
            stmt = (
                select(
                    DOSSIERS.c.registration_id,
                    DOSSIERS.c.national_id,
                    DOSSIERS.c.constituency_code,
                    func.coalesce(CONSTITUENCIES.c.name, ""),
                    DOSSIERS.c.status,
                )
                .select_from(
                    DOSSIERS.outerjoin(
                        CONSTITUENCIES, CONSTITUENCIES.c.code == DOSSIERS.c.constituency_code
                    )
                )
                .where(DOSSIERS.c.national_id.in_(part))
                .order_by(DOSSIERS.c.registered_at, DOSSIERS.c.id)
            )
            for rid, nid, code, name, status in self._session.execute(stmt):
                found.setdefault(nid, []).append(
                    Registration(rid, nid, code, name, CandidateStatus(status))
                )
        return found

    def dossier_id(self, registration_id: str) -> int | None:
        stmt = select(DOSSIERS.c.id).where(DOSSIERS.c.registration_id == registration_id)
        return self._session.execute(stmt).scalar()

    def latest_decision_days(self, registration_ids: Iterable[str]) -> dict[str, date]:
        """Day of each dossier's latest decision (anchors the objection deadline)."""
        found: dict[str, date] = {}
        for part in chunked(sorted(set(registration_ids)), IN_CHUNK):
            stmt = (
                select(DECISIONS.c.registration_id, func.max(DECISIONS.c.decided_on))
                .where(DECISIONS.c.registration_id.in_(part))
                .group_by(DECISIONS.c.registration_id)
            )
            found.update({rid: day for rid, day in self._session.execute(stmt) if day})
        return found

    def latest_objection_days(self, registration_ids: Iterable[str]) -> dict[str, date]:
        """Day each dossier's latest objection was filed (anchors its decision deadline)."""
        found: dict[str, date] = {}
        for part in chunked(sorted(set(registration_ids)), IN_CHUNK):
            stmt = (
                select(OBJECTIONS.c.registration_id, func.max(OBJECTIONS.c.filed_on))
                .where(OBJECTIONS.c.registration_id.in_(part))
                .group_by(OBJECTIONS.c.registration_id)
            )
            found.update({rid: day for rid, day in self._session.execute(stmt) if day})
        return found

    # --- stored results ---------------------------------------------------------------

    def save_results(self, records: Sequence[ReviewRecord]) -> None:
        if not records:
            return
        rows = [
            {
                "dossier_id": r.dossier_id,
                "revision": r.revision,
                "rules_version": r.rules_version,
                "failed_count": len(r.failed),
                "unknown_count": len(r.unknown),
                "failed_codes": ",".join(r.failed),
                "due_on": r.due_on,
            }
            for r in records
        ]
        stmt = sqlite_insert(REVIEW)
        stmt = stmt.on_conflict_do_update(
            index_elements=["dossier_id"],
            set_={k: stmt.excluded[k] for k in rows[0] if k != "dossier_id"},
        )
        self._session.execute(stmt, rows)
        for part in chunked([r.dossier_id for r in records], IN_CHUNK):
            self._session.execute(delete(FLAGS).where(FLAGS.c.dossier_id.in_(part)))
        flags = [
            {"dossier_id": r.dossier_id, "code": code, "outcome": outcome}
            for r in records
            for outcome, codes in (("fail", r.failed), ("unknown", r.unknown))
            for code in codes
        ]
        if flags:
            self._session.execute(insert(FLAGS), flags)

    def stored_many(self, ids: Sequence[int]) -> dict[int, ReviewRecord]:
        """The stored results of the given dossiers, as records (for change detection)."""
        found: dict[int, ReviewRecord] = {}
        for part in chunked(list(ids), IN_CHUNK):
            rows = self._session.execute(select(REVIEW).where(REVIEW.c.dossier_id.in_(part)))
            for r in rows:
                found[r.dossier_id] = ReviewRecord(
                    r.dossier_id,
                    r.revision,
                    r.rules_version,
                    tuple(c for c in r.failed_codes.split(",") if c),
                    (),
                    r.due_on,
                )
            flags = self._session.execute(
                select(FLAGS.c.dossier_id, FLAGS.c.code).where(
                    FLAGS.c.dossier_id.in_(part), FLAGS.c.outcome == "unknown"
                )
            )
            for dossier_id, code in flags:
                record = found.get(dossier_id)
                if record is not None:
                    found[dossier_id] = replace(record, unknown=(*record.unknown, code))
        return found

    def set_due(self, dossier_id: int, due_on: date | None) -> None:
        self._session.execute(
            update(REVIEW).where(REVIEW.c.dossier_id == dossier_id).values(due_on=due_on)
        )

    def stored(self, dossier_id: int) -> Row[Any] | None:
        return self._session.execute(
            select(REVIEW).where(REVIEW.c.dossier_id == dossier_id)
        ).first()

    def count_checked(self) -> int:
        return self._session.execute(select(func.count()).select_from(REVIEW)).scalar_one()

    def set_status(self, registration_id: str, status: CandidateStatus) -> None:
        """Move a dossier's status (the caller checked the transition)."""
        self._session.execute(
            update(DOSSIERS)
            .where(DOSSIERS.c.registration_id == registration_id)
            .values(status=status.value)
        )

    # --- manual assessments -----------------------------------------------------------

    def manual(self, registration_id: str) -> dict[str, ManualAssessment]:
        stmt = select(MANUAL).where(MANUAL.c.registration_id == registration_id)
        return {
            r.code: ManualAssessment(r.code, bool(r.met), r.note, r.actor, r.recorded_at)
            for r in self._session.execute(stmt)
        }

    def save_manual(self, registration_id: str, assessment: ManualAssessment) -> None:
        row = {
            "registration_id": registration_id,
            "code": assessment.code,
            "met": assessment.met,
            "note": assessment.note,
            "actor": assessment.actor,
            "recorded_at": assessment.recorded_at,
        }
        stmt = sqlite_insert(MANUAL)
        stmt = stmt.on_conflict_do_update(
            index_elements=["registration_id", "code"],
            set_={k: stmt.excluded[k] for k in row if k not in ("registration_id", "code")},
        )
        self._session.execute(stmt, [row])


def _only_text(f: DossierFilter) -> bool:
    """True when the filter is a search and nothing else."""
    return DossierFilter(text=f.text) == f
