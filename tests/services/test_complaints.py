"""Complaints through the service, over a real store: registration rules, the filing
deadline from the cycle calendar, the append-only history, escalation, outbox and audit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain import wire
from supervisor_app.domain.boards import BoardMember, MemberRole
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.complaints import (
    ComplaintEvent,
    ComplaintEventKind,
    registration_of,
    replay,
)
from supervisor_app.domain.cycle import (
    COMPLAINT_DECISION,
    COMPLAINT_FILING,
    RelativeDeadline,
    Stage,
    StageWindow,
    Track,
)
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.election_day import (
    ComplainantKind,
    ComplaintStatus,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from supervisor_app.domain.jalali import format_jalali
from supervisor_app.domain.outbox import OutboxKind
from supervisor_app.domain.review import Refusal
from supervisor_app.domain.rulings import ComplaintOutcome, RulingStatus, RulingSubject
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.complaints import ComplaintService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.rulings import RulingService
from supervisor_app.store import Store, StoreError, open_store
from supervisor_app.store.bulk import bulk_import

ELECTION_DAY = date(2026, 5, 1)
DEADLINE = date(2026, 5, 5)  # results on 2 May (the complaints stage opens) + 3 days
T0 = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)
NATIONAL_ID = "0012345679"


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        self.at += timedelta(seconds=1)  # every step later than the one before
        return self.at


def _with_complaint_calendar(ds: Dataset) -> Dataset:
    """The shared test geography with a complaints stage, its deadlines and a provincial
    board roster."""
    cycle = ds.cycles[0]
    windows = cycle.windows + tuple(
        StageWindow(
            Stage.COMPLAINTS,
            track,
            ELECTION_DAY + timedelta(days=1),
            ELECTION_DAY + timedelta(days=8),
        )
        for track in Track
    )
    ds.cycles = [
        dataclasses.replace(
            cycle,
            election_day=ELECTION_DAY,
            windows=windows,
            deadlines=(
                *cycle.deadlines,
                RelativeDeadline(COMPLAINT_FILING, "results_announced", 3),
                RelativeDeadline(COMPLAINT_DECISION, "complaint_filed", 5),
            ),
        )
    ]
    ds.members = [
        *ds.members,
        *(
            BoardMember(f"P{i}", "B23", f"نماینده {i}", f"00000001{i}{i}"[-10:], role)
            for i, role in enumerate(
                (MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.MEMBER), start=1
            )
        ),
    ]
    return ds


@pytest.fixture
def store(tmp_path: Path, geography: Dataset) -> Iterator[Store]:
    s = open_store(tmp_path / "store.sqlite3")
    bulk_import(s, _with_complaint_calendar(geography))
    with s.unit_of_work() as uow:
        uow.reports.add(
            ObserverReport(
                "6d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b",
                "BR1",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                OffenceCategory.SEAL_BREAKING,
                Severity.HIGH,
                "پلمب صندوق شکسته بود.",
            )
        )
    yield s
    s.close()


def county(store: Store, clock: Clock | None = None) -> ComplaintService:
    return ComplaintService(store, board_id="B2301", now=clock or Clock(T0), actor="دبیر شهرستان")


def register(service: ComplaintService, **changes: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = dict(
        complainant_name="مريم رضايي",
        complainant_national_id="۰۰۱۲۳۴۵۶۷۹",
        complainant_kind=ComplainantKind.CANDIDATE,
        subject="ممانعت از حضور نماینده نامزد در شعبه",
        constituency_code="K1",
        branch_codes=["BR1"],
    )
    values.update(changes)
    return service.register(**values)  # type: ignore[arg-type]


def outbox(store: Store) -> list:  # type: ignore[type-arg]
    with store.unit_of_work(read_only=True) as uow:
        return sorted(uow.outbox.pending(1000), key=lambda i: (i.created_at, i.id))


# --- registration --------------------------------------------------------------------------


@pytest.mark.parametrize("name, national_id", [("", NATIONAL_ID), ("مریم رضایی", ""), ("  ", "  ")])
def test_anonymous_complaint_is_refused_with_a_persian_reason(store, name, national_id):
    """No name or no national id: refused (Persian reason), nothing stored or queued."""
    with pytest.raises(Refusal) as caught:
        register(county(store), complainant_name=name, complainant_national_id=national_id)
    assert "anonymous" in str(caught.value)
    assert "بی‌نام" in caught.value.message_fa and "کد ملی" in caught.value.message_fa
    with store.unit_of_work(read_only=True) as uow:
        assert uow.complaints.count() == 0 and uow.outbox.count() == 0


def test_invalid_national_id_is_refused(store):
    """A national id failing its check digit is refused before anything is written."""
    with pytest.raises(Refusal) as caught:
        register(county(store), complainant_national_id="0012345678")
    assert "کد ملی" in caught.value.message_fa
    assert outbox(store) == []


def test_registration_normalises_and_queues_the_registration_and_its_first_entry(store):
    """Persian ی, ASCII id; outbox: the complaint as filed, then history entry 0."""
    complaint = register(county(store))
    assert complaint.complainant_name == "مریم رضایی"
    assert complaint.complainant_national_id == NATIONAL_ID
    assert complaint.status is ComplaintStatus.REGISTERED and complaint.board_id == "B2301"
    assert complaint.filed_on_deadline == DEADLINE
    items = outbox(store)
    assert [i.kind for i in items] == [OutboxKind.COMPLAINT, OutboxKind.COMPLAINT_EVENT]
    assert items[0].payload == wire.encode_complaint(complaint)
    assert items[1].payload["position"] == 0 and items[1].payload["kind"] == "registered"


def test_late_complaint_is_rejected_with_the_deadline_in_jalali(store):
    """Filed the day after the filing deadline: kept on record as REJECTED, reason and
    Jalali deadline in its history; filed on the last day (Tehran time) it is accepted."""
    service = county(store, Clock(datetime(2026, 5, 6, 6, 0, tzinfo=UTC)))  # keyed in later
    late = register(service, filed_at=datetime(2026, 5, 5, 21, 0, tzinfo=UTC))  # 6 May, Tehran
    assert late.status is ComplaintStatus.REJECTED and late.filed_on_deadline == DEADLINE
    first = service.history(late.id)[0]
    assert first.kind is ComplaintEventKind.REGISTERED and first.target == "rejected"
    assert format_jalali(DEADLINE) in first.text and format_jalali(DEADLINE) == "۱۴۰۵/۰۲/۱۵"
    with pytest.raises(Refusal):
        service.assign(late.id, "M1")
    in_time = register(service, filed_at=datetime(2026, 5, 5, 19, 0, tzinfo=UTC))  # 22:30
    assert in_time.status is ComplaintStatus.REGISTERED
    rejected = next(i for i in outbox(store) if i.id == late.id)
    assert rejected.payload["status"] == "rejected"


def test_received_on_the_last_day_and_keyed_in_the_next_morning_is_in_time(store):
    """A paper complaint received on the deadline day (Tehran wall clock, naive) but keyed in
    the morning after is REGISTERED; its filing time is when it was received, and the
    registration audit records both that and when it was keyed in."""
    keyed = datetime(2026, 5, 6, 5, 0, tzinfo=UTC)  # 6 May 08:30 Tehran, a day late
    service = county(store, Clock(keyed - timedelta(seconds=1)))
    c = register(service, filed_at=datetime(2026, 5, 5, 23, 40))  # 5 May 23:40 Tehran
    assert c.status is ComplaintStatus.REGISTERED and c.filed_on_deadline == DEADLINE
    assert c.filed_at == datetime(2026, 5, 5, 20, 10, tzinfo=UTC)
    with store.unit_of_work(read_only=True) as uow:
        filed = uow.audit.for_subject(c.id)[0]
    assert filed.action == "complaint.filed"
    assert datetime.fromisoformat(filed.details["received_at"]) == c.filed_at
    assert datetime.fromisoformat(filed.details["keyed_at"]) == keyed
    assert service.history(c.id)[0].at == keyed  # the history says when it was keyed in
    late = register(service)  # received now: after the deadline
    assert late.status is ComplaintStatus.REJECTED


def test_a_complaint_cannot_be_received_in_the_future(store):
    """A receiving time after now is refused in Persian; the current minute is not."""
    service = county(store, Clock(datetime(2026, 5, 3, 7, 0, 30, tzinfo=UTC)))
    with pytest.raises(Refusal) as caught:
        register(service, filed_at=datetime(2026, 5, 3, 7, 5, tzinfo=UTC))
    assert "future" in str(caught.value) and "پس از اکنون" in caught.value.message_fa
    assert outbox(store) == []
    assert register(service, filed_at=datetime(2026, 5, 3, 10, 30)).status is (  # Tehran
        ComplaintStatus.REGISTERED
    )


def test_a_missing_or_unknown_constituency_is_refused_in_persian(store):
    """No constituency chosen, or one this workstation does not hold: a Refusal with a
    Persian reason, nothing stored."""
    for code, fa in (("", "انتخاب کنید"), ("K-NOWHERE", "شناخته نیست")):
        with pytest.raises(Refusal) as caught:
            register(county(store), constituency_code=code)
        assert fa in caught.value.message_fa
    assert outbox(store) == []


def test_branches_must_be_in_the_constituency_and_reports_must_exist(store):
    """A branch of another constituency, or an unknown report, is refused."""
    with pytest.raises(Refusal, match="not in constituency"):
        register(county(store), branch_codes=["BR2"])
    with pytest.raises(Refusal, match="no observer report"):
        register(county(store), report_ids=["no-such-report"])


# --- history -------------------------------------------------------------------------------


def test_handling_history_is_ordered_append_only_and_queued_in_order(store):
    """Assign, note, link report and branch, escalate: positions 0…5 in order; each one an
    audit event and a complaint_event outbox item after the one before."""
    service = county(store)
    c = register(service, branch_codes=[])
    assert service.assign(c.id, "M2").status is ComplaintStatus.ASSIGNED
    assert service.add_note(c.id, "صورتجلسه شعبه درخواست شد.").status is (
        ComplaintStatus.INVESTIGATING
    )
    service.link_report(c.id, "6d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b")
    service.link_branch(c.id, "BR1")
    escalated = service.escalate(c.id, "شکایت از عملکرد هیات شهرستان است.")
    assert escalated.status is ComplaintStatus.ESCALATED
    assert escalated.escalated_to_board_id == "B23" and escalated.assigned_to is None
    assert escalated.branch_codes == ["BR1"]
    assert escalated.report_ids == ["6d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b"]

    history = service.history(c.id)
    assert [e.position for e in history] == [0, 1, 2, 3, 4, 5]
    assert [e.kind.value for e in history] == [
        "registered",
        "assigned",
        "note",
        "report_linked",
        "branch_linked",
        "escalated",
    ]
    assert history[1].target == "M2" and history[1].text == "عضو 2"
    assert [e.at for e in history] == sorted(e.at for e in history)

    items = outbox(store)
    events = [i for i in items if i.kind is OutboxKind.COMPLAINT_EVENT]
    assert [i.payload["position"] for i in events] == [0, 1, 2, 3, 4, 5]
    assert items[0].kind is OutboxKind.COMPLAINT  # the registration goes first
    # The pushed registration is the complaint as filed, whatever happened since.
    assert items[0].payload["status"] == "registered" and items[0].payload["branch_codes"] == []
    with store.unit_of_work(read_only=True) as uow:
        actions = [e.action for e in uow.audit.for_subject(c.id)]
    assert actions == [
        "complaint.filed",
        "complaint.assigned",
        "complaint.note",
        "complaint.report_linked",
        "complaint.branch_linked",
        "complaint.escalated",
    ]
    # The state is exactly the registration with its history replayed (what every
    # board's workstation computes from the synced records).
    assert replay(registration_of(escalated, history), history) == escalated


def test_history_entries_are_never_overwritten(store):
    """The repository refuses a taken position and the same id with other content."""
    service = county(store)
    c = register(service)
    first = service.history(c.id)[0]
    with store.unit_of_work() as uow, pytest.raises(StoreError, match="taken"):
        uow.complaint_events.add(
            ComplaintEvent(
                "ad7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b",
                c.id,
                0,
                T0,
                ComplaintEventKind.REGISTERED,
                "x",
                "",
                "registered",
            )
        )
    with store.unit_of_work() as uow, pytest.raises(StoreError, match="different content"):
        uow.complaint_events.add(dataclasses.replace(first, actor="another"))
    with store.unit_of_work() as uow:
        assert uow.complaint_events.add(first) is False  # the identical entry: a no-op
    assert service.history(c.id) == [first]


def test_escalation_hands_the_complaint_to_the_higher_board_only(store):
    """After escalation the county may not act; the provincial board assigns its own
    member and escalates to the central board, which cannot escalate further."""
    clock = Clock(T0)
    county_service = county(store, clock)
    c = register(county_service)
    county_service.escalate(c.id, "")
    with pytest.raises(Refusal) as caught:
        county_service.add_note(c.id, "یادداشت دیرهنگام")
    assert "هیات دیگری" in caught.value.message_fa
    provincial = ComplaintService(store, board_id="B23", now=clock, actor="دبیر استان")
    with pytest.raises(Refusal):
        provincial.assign(c.id, "M1")  # a county member
    assert provincial.assign(c.id, "P1").status is ComplaintStatus.ASSIGNED
    assert provincial.escalate(c.id, "").escalated_to_board_id == "B0"
    central = ComplaintService(store, board_id="B0", now=clock)
    with pytest.raises(Refusal, match="no higher board"):
        central.escalate(c.id, "")
    entry = central.list_complaints()[0]
    assert entry.handling_board_id == "B0" and entry.complaint.status is ComplaintStatus.ESCALATED


def test_list_counts_down_to_the_decision_deadline(store):
    """The decision is due 5 days after filing; days left count from the service's today."""
    service = ComplaintService(
        store, board_id="B2301", now=Clock(T0), today=lambda: date(2026, 5, 6)
    )
    register(service)
    entry = service.list_complaints()[0]
    assert entry.decision_due == date(2026, 5, 8) and entry.days_left == 2
    assert entry.constituency_name == "شهر تجریش"


def test_a_ruling_is_drafted_only_on_an_assigned_complaint_of_this_board(store):
    """Drafting needs the complaint assigned and handled by the drafting board; an
    annulment names the complaint's branches and has subject ANNULMENT."""
    service = county(store)
    certificates = CertificateService(store)
    rulings = RulingService(store, MemberKeyService(store, MemoryKeystore(), certificates))
    c = register(service)
    args = dict(
        board_id="B2301",
        reasoning="پلمب صندوق شکسته بود.",
        legal_basis=[LegalBasis("70", "ح")],
        present_member_ids=["M1", "M2", "M3", "M4"],
    )
    with pytest.raises(Refusal, match="assign it first"):
        rulings.draft_complaint_ruling(c.id, ComplaintOutcome.ANNULMENT, **args)
    service.assign(c.id, "M1")
    with pytest.raises(Refusal, match="handled by board"):
        rulings.draft_complaint_ruling(
            c.id, ComplaintOutcome.DISMISSED, **{**args, "board_id": "B23"}
        )
    draft = rulings.draft_complaint_ruling(c.id, ComplaintOutcome.ANNULMENT, **args)
    assert draft.subject is RulingSubject.ANNULMENT and draft.status is RulingStatus.DRAFT
    assert draft.extra == {"outcome": "annulment", "complaint_id": c.id, "annulled_branches": "BR1"}
    assert draft.absent_member_ids == ("M5", "M6")
    assert [v.member_id for v in draft.votes] == ["M1", "M2", "M3", "M4"]
    detail = service.detail(c.id)
    assert [r.id for r in detail.rulings] == [draft.id]
    assert detail.entry.ruling_status is RulingStatus.DRAFT
