"""Round trips of every other aggregate through its repository."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from supervisor_app.domain.boards import Board, BoardLevel, QuorumRule
from supervisor_app.domain.candidates import (
    DecisionOutcome,
    DecisionStage,
    Dossier,
    LegalBasis,
    Objection,
    ObjectionStatus,
    QualificationDecision,
)
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.election_day import (
    Attachment,
    ComplainantKind,
    Complaint,
    ComplaintStatus,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from supervisor_app.store import Store, StoreError

AT = datetime(2026, 5, 1, 10, 15, tzinfo=UTC)


def test_cycle_with_calendar_round_trips(seeded_store: Store, geography: Dataset):
    """A cycle comes back with its stage windows and deadlines, in order."""
    (cycle,) = geography.cycles
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.cycles.get(cycle.code) == cycle
        assert uow.cycles.latest() == cycle
        assert uow.cycles.all() == [cycle]
        assert uow.cycles.get("nope") is None


def test_cycle_upsert_replaces_its_calendar(seeded_store: Store, geography: Dataset):
    """Saving a cycle again replaces windows and deadlines instead of appending to them."""
    cycle = replace(geography.cycles[0], windows=geography.cycles[0].windows[:1], deadlines=())
    with seeded_store.unit_of_work() as uow:
        uow.cycles.add(cycle)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.cycles.get(cycle.code) == cycle
        assert uow.cycles.count() == 1


def test_geography_round_trips(seeded_store: Store, geography: Dataset):
    """Provinces, counties, districts and constituencies come back equal, filterable by parent."""
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.geography.provinces() == geography.provinces
        assert uow.geography.counties("P23") == geography.counties
        assert uow.geography.districts("C2301") == geography.districts
        assert uow.geography.constituencies("C2301") == geography.constituencies
        assert uow.geography.constituency("K2") == geography.constituencies[1]
        assert uow.geography.province("P23") == geography.provinces[0]
        assert uow.geography.county("C2301") == geography.counties[0]
        assert uow.geography.district("D230101") == geography.districts[0]
        assert uow.geography.constituency("nope") is None
        assert uow.geography.counts() == {
            "provinces": 1,
            "counties": 1,
            "districts": 1,
            "constituencies": 2,
        }


def test_boards_and_members_round_trip(seeded_store: Store, geography: Dataset):
    """Boards keep their quorum setting; members keep role and activity."""
    with seeded_store.unit_of_work() as uow:
        assert uow.boards.all() == sorted(geography.boards, key=lambda b: b.id)
        assert uow.boards.get("B2301") == geography.boards[2]
        assert uow.boards.all(BoardLevel.CENTRAL) == [geography.boards[0]]
        assert uow.boards.children("B0") == [geography.boards[1]]
        assert uow.boards.members("B2301") == geography.members
        inactive = replace(geography.members[0], active=False)
        uow.boards.add_member(inactive)
        assert uow.boards.member(inactive.id) == inactive
        assert inactive not in uow.boards.members("B2301", active_only=True)
        assert uow.boards.count() == 3 and uow.boards.count_members() == 6
        changed = Board("B2301", BoardLevel.COUNTY, "هیات", "C2301", "B23", QuorumRule(3))
        uow.boards.add(changed)
        assert uow.boards.get("B2301") == changed


def test_branches_and_observers_round_trip(seeded_store: Store, geography: Dataset):
    """Branches keep their device ids; observers keep branch and head observer."""
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.branches.get("BR1") == geography.branches[0]
        assert uow.branches.for_constituency("K2") == [geography.branches[1]]
        assert uow.observers.get("O2") == geography.observers[0]
        assert uow.observers.for_branch("BR1") == [geography.observers[0]]
        assert uow.branches.count() == 2 and uow.observers.count() == 2


def _report(report_id: str = "rep-1", **changes: object) -> ObserverReport:
    report = ObserverReport(
        id=report_id,
        branch_code="BR1",
        observed_at=AT,
        category=OffenceCategory.VOTE_BUYING,
        severity=Severity.HIGH,
        description="توزیع پول در صف رأی‌گیری",
        observer_id="O2",
        witnesses=("شاهد ۱", "شاهد ۲"),
        attachments=(Attachment("photo.jpg", "c" * 64, 2048, "image/jpeg"),),
        recorded_at=AT + timedelta(minutes=3),
    )
    return replace(report, **changes)


def test_observer_reports_are_append_only(seeded_store: Store):
    """A report round-trips; an identical resend is a no-op; different content is refused."""
    with seeded_store.unit_of_work() as uow:
        assert uow.reports.add(_report()) is True
        assert uow.reports.add(_report()) is False
        assert uow.reports.get("rep-1") == _report()
        assert uow.reports.for_branch("BR1") == [_report()]
        assert uow.reports.recent() == [_report()]
    with pytest.raises(StoreError, match="different content"), seeded_store.unit_of_work() as uow:
        uow.reports.add(_report(description="ویرایش شده"))
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.reports.get("rep-1") == _report()
        assert uow.reports.count() == 1


def test_complaint_round_trips_and_updates(seeded_store: Store):
    """Complaints keep branch and report lists; saving again updates status in place."""
    complaint = Complaint(
        id="cmp-1",
        complainant_name="حسین احمدی",
        complainant_national_id="0012345678",
        complainant_kind=ComplainantKind.CANDIDATE,
        filed_at=AT,
        subject="خرید رأی",
        constituency_code="K1",
        branch_codes=["BR1"],
        report_ids=["rep-1"],
        board_id="B2301",
        filed_on_deadline=date(2026, 5, 3),
    )
    with seeded_store.unit_of_work() as uow:
        uow.complaints.add(complaint)
        assert uow.complaints.get("cmp-1") == complaint
        complaint.move_to(ComplaintStatus.ASSIGNED)
        complaint.assigned_to = "M1"
        uow.complaints.add(complaint)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.complaints.get("cmp-1") == complaint
        assert uow.complaints.all(ComplaintStatus.ASSIGNED) == [complaint]
        assert uow.complaints.all(ComplaintStatus.DECIDED) == []
        assert uow.complaints.count() == 1


def _ruling(**changes: object) -> Ruling:
    ruling = Ruling(
        id="rul-1",
        board_id="B2301",
        serial=None,
        issued_on=date(2026, 2, 1),
        subject=RulingSubject.QUALIFICATION,
        subject_ref="R-000001",
        legal_basis=(LegalBasis("37", "ز"), LegalBasis("41")),
        reasoning="مدرک تحصیلی کافی نیست",
        decision="رد صلاحیت",
        present_member_ids=("M1", "M2", "M3", "M4"),
        absent_member_ids=("M5",),
        votes=(
            MemberVote("M1", Vote.APPROVE),
            MemberVote("M2", Vote.APPROVE),
            MemberVote("M3", Vote.APPROVE),
            MemberVote("M4", Vote.REJECT, "مخالفم"),
        ),
        extra={"room": "۲"},
    )
    return replace(ruling, **changes)


def test_ruling_with_votes_round_trips(
    seeded_store: Store, dossier_factory: Callable[..., Dossier]
):
    """Rulings keep legal basis, member lists, votes (with dissent) and extra fields."""
    with seeded_store.unit_of_work() as uow:
        uow.rulings.add(_ruling())
        assert uow.rulings.get("rul-1") == _ruling()
        assert uow.rulings.for_board("B2301") == [_ruling()]
        assert uow.rulings.for_subject("R-000001") == [_ruling()]
        assert uow.rulings.next_serial("B2301") == 1
        uow.rulings.add(_ruling(serial=1, status=RulingStatus.SIGNING, votes=()))
        assert uow.rulings.next_serial("B2301") == 2
        assert uow.rulings.get("rul-1") == _ruling(serial=1, status=RulingStatus.SIGNING, votes=())


def test_sealed_ruling_content_is_frozen_but_status_may_move(seeded_store: Store):
    """Once sealed, only the status changes (e.g. to superseded); edits raise StoreError."""
    sealed = _ruling(serial=1, status=RulingStatus.SEALED)
    with seeded_store.unit_of_work() as uow:
        uow.rulings.add(sealed)
    with pytest.raises(StoreError, match="frozen"), seeded_store.unit_of_work() as uow:
        uow.rulings.add(replace(sealed, decision="تایید صلاحیت"))
    with seeded_store.unit_of_work() as uow:
        uow.rulings.add(replace(sealed, status=RulingStatus.SUPERSEDED))
        assert uow.rulings.get("rul-1") == replace(sealed, status=RulingStatus.SUPERSEDED)


def test_rulings_serials_are_unique_per_board(seeded_store: Store):
    """Two rulings of one board cannot share a serial number."""
    with pytest.raises(Exception, match="UNIQUE"), seeded_store.unit_of_work() as uow:
        uow.rulings.add(_ruling(serial=5))
        uow.rulings.add(_ruling(id="rul-2", serial=5))


def test_decisions_and_objections_round_trip(
    seeded_store: Store, dossier_factory: Callable[..., Dossier]
):
    """A rejection with its legal basis, and the objection against it, come back equal."""
    decision = QualificationDecision(
        id="dec-1",
        registration_id="R-000001",
        stage=DecisionStage.SUPERVISORY,
        board_id="B2301",
        outcome=DecisionOutcome.REJECTED,
        legal_basis=(LegalBasis("37", "ز"),),
        reason="مدرک",
        decided_on=date(2026, 2, 1),
        ruling_id="rul-1",
    )
    objection = Objection("obj-1", "R-000001", "dec-1", date(2026, 2, 3), "اعتراض دارم", "B23")
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(dossier_factory(1))
        uow.rulings.add(_ruling())
        uow.decisions.add(decision)
        uow.objections.add(objection)
        objection.move_to(ObjectionStatus.UNDER_REVIEW)
        uow.objections.add(objection)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.decisions.get("dec-1") == decision
        assert uow.decisions.for_dossier("R-000001") == [decision]
        assert uow.objections.get("obj-1") == objection
        assert uow.objections.for_dossier("R-000001") == [objection]
        assert uow.objections.for_board("B23", ObjectionStatus.UNDER_REVIEW) == [objection]
        assert uow.objections.for_board("B23", ObjectionStatus.FILED) == []
        assert uow.decisions.count() == 1 and uow.objections.count() == 1


def test_sync_state_and_saved_filters(tmp_store: Store):
    """Key/value sync facts and named filters are stored, replaced and deleted."""
    when = datetime(2026, 1, 12, 6, 0, tzinfo=timezone(timedelta(hours=3, minutes=30)))
    with tmp_store.unit_of_work() as uow:
        assert uow.sync_state.last_sync_at() is None
        uow.sync_state.set_last_sync_at(when)
        uow.sync_state.set("cursor.dossiers", "100")
        uow.sync_state.set("cursor.dossiers", "250")
        uow.saved_filters.save("رد شده‌ها", {"status": "supervisory_rejected", "text": ""})
        uow.saved_filters.save("کند", {"constituency": "K2"})
    with tmp_store.unit_of_work() as uow:
        assert uow.sync_state.last_sync_at() == when
        assert uow.sync_state.items() == {
            "cursor.dossiers": "250",
            "last_sync_at": when.isoformat(),
        }
        assert uow.saved_filters.get("کند") == {"constituency": "K2"}
        assert list(uow.saved_filters.all()) == sorted(["رد شده‌ها", "کند"])
        assert uow.saved_filters.delete("کند") is True
        assert uow.saved_filters.delete("کند") is False
        uow.sync_state.delete("cursor.dossiers")
        assert uow.sync_state.get("cursor.dossiers") is None
        with pytest.raises(ValueError, match="timezone"):
            uow.sync_state.set_last_sync_at(datetime(2026, 1, 1))
