"""Election day: branches, observers, observer reports and complaints."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, insert, select

from ...domain.election_day import (
    Attachment,
    Branch,
    ComplainantKind,
    Complaint,
    ComplaintStatus,
    Observer,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from ..errors import StoreError
from ..tables import BranchRow, ComplaintRow, ObserverReportRow, ObserverRow
from .base import IN_CHUNK, Repository, chunked, count_rows, table_of, upsert

BRANCHES = table_of(BranchRow)
OBSERVERS = table_of(ObserverRow)
REPORTS = table_of(ObserverReportRow)
COMPLAINTS = table_of(ComplaintRow)


def branch_values(b: Branch) -> dict[str, Any]:
    return {
        "code": b.code,
        "constituency_code": b.constituency_code,
        "address": b.address,
        "device_ids": list(b.device_ids),
    }


def _branch(row: Row[Any]) -> Branch:
    return Branch(row.code, row.constituency_code, row.address, tuple(row.device_ids))


def observer_values(o: Observer) -> dict[str, Any]:
    return {
        "id": o.id,
        "full_name": o.full_name,
        "national_id": o.national_id,
        "appointment_letter": o.appointment_letter,
        "branch_code": o.branch_code,
        "head_observer_id": o.head_observer_id,
    }


def _observer(row: Row[Any]) -> Observer:
    return Observer(
        id=row.id,
        full_name=row.full_name,
        national_id=row.national_id,
        appointment_letter=row.appointment_letter,
        branch_code=row.branch_code,
        head_observer_id=row.head_observer_id,
    )


def report_values(r: ObserverReport) -> dict[str, Any]:
    return {
        "id": r.id,
        "branch_code": r.branch_code,
        "observed_at": r.observed_at,
        "category": r.category.value,
        "severity": r.severity.value,
        "description": r.description,
        "observer_id": r.observer_id,
        "witnesses": list(r.witnesses),
        "attachments": [
            {"filename": a.filename, "sha256": a.sha256, "size": a.size, "media_type": a.media_type}
            for a in r.attachments
        ],
        "recorded_at": r.recorded_at,
    }


def _report(row: Row[Any]) -> ObserverReport:
    return ObserverReport(
        id=row.id,
        branch_code=row.branch_code,
        observed_at=row.observed_at,
        category=OffenceCategory(row.category),
        severity=Severity(row.severity),
        description=row.description,
        observer_id=row.observer_id,
        witnesses=tuple(row.witnesses),
        attachments=tuple(
            Attachment(a["filename"], a["sha256"], a["size"], a["media_type"])
            for a in row.attachments
        ),
        recorded_at=row.recorded_at,
    )


def complaint_values(c: Complaint) -> dict[str, Any]:
    return {
        "id": c.id,
        "complainant_name": c.complainant_name,
        "complainant_national_id": c.complainant_national_id,
        "complainant_kind": c.complainant_kind.value,
        "filed_at": c.filed_at,
        "subject": c.subject,
        "constituency_code": c.constituency_code,
        "branch_codes": list(c.branch_codes),
        "report_ids": list(c.report_ids),
        "status": c.status.value,
        "assigned_to": c.assigned_to,
        "board_id": c.board_id,
        "filed_on_deadline": c.filed_on_deadline,
        "escalated_to_board_id": c.escalated_to_board_id,
    }


def _complaint(row: Row[Any]) -> Complaint:
    return Complaint(
        id=row.id,
        complainant_name=row.complainant_name,
        complainant_national_id=row.complainant_national_id,
        complainant_kind=ComplainantKind(row.complainant_kind),
        filed_at=row.filed_at,
        subject=row.subject,
        constituency_code=row.constituency_code,
        branch_codes=list(row.branch_codes),
        report_ids=list(row.report_ids),
        status=ComplaintStatus(row.status),
        assigned_to=row.assigned_to,
        board_id=row.board_id,
        filed_on_deadline=row.filed_on_deadline,
        escalated_to_board_id=row.escalated_to_board_id,
    )


class BranchRepository(Repository):
    def add(self, branch: Branch) -> None:
        self.add_all([branch])

    def add_all(self, branches: Iterable[Branch]) -> None:
        upsert(self._session, BRANCHES, [branch_values(b) for b in branches], ["code"])

    def get(self, code: str) -> Branch | None:
        row = self._session.execute(select(BRANCHES).where(BRANCHES.c.code == code)).first()
        return _branch(row) if row else None

    def get_many(self, codes: Iterable[str]) -> dict[str, Branch]:
        """The stored branches among ``codes``, by code (absent codes are left out)."""
        found: dict[str, Branch] = {}
        for chunk in chunked(sorted(set(codes)), IN_CHUNK):
            stmt = select(BRANCHES).where(BRANCHES.c.code.in_(chunk))
            found.update((b.code, b) for b in map(_branch, self._session.execute(stmt)))
        return found

    def for_constituency(self, constituency_code: str) -> list[Branch]:
        stmt = (
            select(BRANCHES)
            .where(BRANCHES.c.constituency_code == constituency_code)
            .order_by(BRANCHES.c.code)
        )
        return [_branch(r) for r in self._session.execute(stmt)]

    def with_prefix(self, prefix: str, limit: int = 10) -> list[Branch]:
        """Branches whose code starts with ``prefix``, in code order (a range scan of the
        primary key, so it answers instantly however many branches there are)."""
        stmt = select(BRANCHES).order_by(BRANCHES.c.code).limit(limit)
        if prefix:
            stmt = stmt.where(BRANCHES.c.code >= prefix, BRANCHES.c.code < prefix + "\U0010ffff")
        return [_branch(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, BRANCHES)


class ObserverRepository(Repository):
    def add(self, observer: Observer) -> None:
        self.add_all([observer])

    def add_all(self, observers: Iterable[Observer]) -> None:
        upsert(self._session, OBSERVERS, [observer_values(o) for o in observers], ["id"])

    def get(self, observer_id: str) -> Observer | None:
        row = self._session.execute(select(OBSERVERS).where(OBSERVERS.c.id == observer_id)).first()
        return _observer(row) if row else None

    def with_national_ids(self, national_ids: Iterable[str]) -> list[Observer]:
        """Stored observers holding any of ``national_ids``, in id order."""
        found: list[Observer] = []
        for chunk in chunked(sorted(set(national_ids)), IN_CHUNK):
            stmt = select(OBSERVERS).where(OBSERVERS.c.national_id.in_(chunk))
            found.extend(_observer(r) for r in self._session.execute(stmt))
        return sorted(found, key=lambda o: o.id)

    def for_branch(self, branch_code: str) -> list[Observer]:
        stmt = (
            select(OBSERVERS).where(OBSERVERS.c.branch_code == branch_code).order_by(OBSERVERS.c.id)
        )
        return [_observer(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, OBSERVERS)


class ReportRepository(Repository):
    """Observer reports are append-only: corrections are new reports."""

    def add(self, report: ObserverReport) -> bool:
        """Store a report; False if the identical report was already there.

        The same id with different content raises StoreError (never overwritten).
        """
        existing = self.get(report.id)
        if existing is not None:
            if existing != report:
                raise StoreError(f"observer report {report.id} exists with different content")
            return False
        # A plain INSERT: absence was just checked in this transaction (an upsert's
        # statement costs more to build than the row does to write).
        self._session.execute(insert(REPORTS).values(**report_values(report)))
        return True

    def get(self, report_id: str) -> ObserverReport | None:
        row = self._session.execute(select(REPORTS).where(REPORTS.c.id == report_id)).first()
        return _report(row) if row else None

    def for_branch(self, branch_code: str) -> list[ObserverReport]:
        stmt = (
            select(REPORTS)
            .where(REPORTS.c.branch_code == branch_code)
            .order_by(REPORTS.c.observed_at, REPORTS.c.id)
        )
        return [_report(r) for r in self._session.execute(stmt)]

    def recent(self, limit: int = 200, offset: int = 0) -> list[ObserverReport]:
        stmt = (
            select(REPORTS)
            .order_by(REPORTS.c.observed_at.desc(), REPORTS.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [_report(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, REPORTS)


class ComplaintRepository(Repository):
    def add(self, complaint: Complaint) -> None:
        upsert(self._session, COMPLAINTS, [complaint_values(complaint)], ["id"])

    def get(self, complaint_id: str) -> Complaint | None:
        stmt = select(COMPLAINTS).where(COMPLAINTS.c.id == complaint_id)
        row = self._session.execute(stmt).first()
        return _complaint(row) if row else None

    def all(self, status: ComplaintStatus | None = None) -> list[Complaint]:
        stmt = select(COMPLAINTS).order_by(COMPLAINTS.c.filed_at, COMPLAINTS.c.id)
        if status is not None:
            stmt = stmt.where(COMPLAINTS.c.status == status.value)
        return [_complaint(r) for r in self._session.execute(stmt)]

    def count(self) -> int:
        return count_rows(self._session, COMPLAINTS)
