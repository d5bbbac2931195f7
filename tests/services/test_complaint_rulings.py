"""Rulings on complaints drafted, signed by the members' own keys and sealed, for every
outcome; and the central board's approval or refusal of a county's annulment.

A template workstation (the test geography with a central board roster, the central CA,
every voting member enrolled with a real key and certificate) is built once per module;
each test works on its own copy.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain import wire
from supervisor_app.domain.boards import BoardMember, MemberRole
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.complaints import ComplaintEventKind
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.election_day import ComplainantKind, Complaint, ComplaintStatus
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.outbox import OutboxKind
from supervisor_app.domain.review import Refusal
from supervisor_app.domain.rulings import ComplaintOutcome, Ruling, RulingStatus, RulingSubject
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.complaints import REOPENED_TEXT, ComplaintService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.rulings import COMPLAINT_DECISIONS, RulingService
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import

T0 = datetime(2026, 5, 3, 6, 0, tzinfo=UTC)
CA_PASS = "central-ca-passphrase"
COUNTY, CENTRAL = "B2301", "B0"
COUNTY_VOTERS = ["M1", "M2", "M3", "M4", "M5"]  # M6 is an alternate
CENTRAL_VOTERS = [f"C{i}" for i in range(1, 6)]


def passphrase(member_id: str) -> str:
    return f"passphrase-of-{member_id}"


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        self.at += timedelta(seconds=1)
        return self.at


def _central_members() -> list[BoardMember]:
    roles = [
        MemberRole.CHAIR,
        MemberRole.DEPUTY,
        MemberRole.SECRETARY,
        MemberRole.MEMBER,
        MemberRole.MEMBER,
    ]
    return [
        BoardMember(m, CENTRAL, f"عضو مرکزی {i}", make_national_id(f"{900 + i:09d}"), role)
        for i, (m, role) in enumerate(zip(CENTRAL_VOTERS, roles, strict=True), start=1)
    ]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # The shared test geography (tests/conftest.py; its fixture is per test, this is not).
    geography_dataset = sys.modules["tests.conftest"].geography_dataset
    root = tmp_path_factory.mktemp("template")
    clock = Clock(T0)
    store = open_store(root / "store.sqlite3")
    ds: Dataset = geography_dataset()
    # Certificates need valid national ids (the shared roster's are placeholders).
    county = [
        dataclasses.replace(m, national_id=make_national_id(f"{800 + i:09d}"))
        for i, m in enumerate(ds.members)
    ]
    ds.members = [*county, *_central_members()]
    bulk_import(store, ds)
    certificates = CertificateService(store, clock)
    info = certificates.init_ca(root / "ca", "هیات مرکزی نظارت — مرجع گواهی", CA_PASS)
    certificates.import_trust_bundle(
        certificates.trust_bundle(root / "ca", CA_PASS), pin=info.fingerprint
    )
    keystore = MemoryKeystore()
    members = MemberKeyService(store, keystore, certificates, clock)
    for member_id in [*COUNTY_VOTERS, *CENTRAL_VOTERS]:
        members.create_key(member_id, passphrase(member_id), replace=True)
        cert = certificates.issue(
            root / "ca", CA_PASS, members.csr(member_id, passphrase(member_id))
        )
        members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
    store.checkpoint()
    store.close()
    return {"root": root, "secrets": keystore.raw()}


@dataclass
class World:
    store: Store
    complaints: ComplaintService
    central_complaints: ComplaintService
    rulings: RulingService

    def complaint(self) -> Complaint:
        """A complaint about branch BR1, assigned to M1 and investigated."""
        c = self.complaints.register(
            complainant_name="مریم رضایی",
            complainant_national_id="0012345679",
            complainant_kind=ComplainantKind.CANDIDATE,
            subject="شکستن پلمب صندوق",
            constituency_code="K1",
            branch_codes=["BR1"],
        )
        self.complaints.assign(c.id, "M1")
        self.complaints.add_note(c.id, "صورتجلسه شعبه و گزارش ناظران بررسی شد.")
        return c

    def seal(self, ruling: Ruling, voters: list[str]) -> Any:
        """Every present member signs with their own key; the last signature seals."""
        result = None
        for member_id in voters:
            result = self.rulings.sign(
                ruling.id, member_id, passphrase(member_id), start_if_draft=True
            )
        assert result is not None and result.sealed is not None, result
        return result.sealed

    def decide(self, complaint_id: str, outcome: ComplaintOutcome) -> Ruling:
        return self.rulings.draft_complaint_ruling(
            complaint_id,
            outcome,
            board_id=COUNTY,
            reasoning="مستندات پرونده بررسی شد.",
            legal_basis=[LegalBasis("70", "ح")],
            present_member_ids=COUNTY_VOTERS,
        )

    def answer(self, annulment_id: str, *, approve: bool) -> Ruling:
        return self.rulings.draft_annulment_approval(
            annulment_id,
            board_id=CENTRAL,
            approve=approve,
            reasoning="مستندات ابطال بررسی شد.",
            present_member_ids=CENTRAL_VOTERS,
        )


@pytest.fixture
def world(template: dict[str, Any], tmp_path: Path) -> Iterator[World]:
    shutil.copy(template["root"] / "store.sqlite3", tmp_path / "store.sqlite3")
    clock = Clock(T0 + timedelta(hours=1))
    store = open_store(tmp_path / "store.sqlite3")
    keystore = MemoryKeystore()
    for (service, name), secret in template["secrets"].items():
        keystore.set(service, name, secret)
    certificates = CertificateService(store, clock)
    members = MemberKeyService(store, keystore, certificates, clock)
    yield World(
        store,
        ComplaintService(store, board_id=COUNTY, now=clock, actor="دبیر شهرستان"),
        ComplaintService(store, board_id=CENTRAL, now=clock, actor="دبیر مرکزی"),
        RulingService(store, members, now=clock),
    )
    store.close()


@pytest.mark.parametrize(
    "outcome",
    [
        ComplaintOutcome.DISMISSED,
        ComplaintOutcome.UPHELD,
        ComplaintOutcome.RECOUNT,
        ComplaintOutcome.JUDICIAL_REFERRAL,
    ],
)
def test_each_outcome_is_sealed_and_decides_the_complaint(world: World, outcome):
    """Drafted, signed by the five voting members and sealed at once (no central approval):
    the complaint is DECIDED by that ruling, its last history entry names it and the
    outcome, both are queued for the server, and the closed complaint takes no more."""
    c = world.complaint()
    draft = world.decide(c.id, outcome)
    assert draft.subject is RulingSubject.COMPLAINT
    assert draft.decision == COMPLAINT_DECISIONS[outcome]
    sealed = world.seal(draft, COUNTY_VOTERS)
    assert sealed.status is RulingStatus.SEALED
    assert world.rulings.verify(world.rulings.bundle(draft.id)).ok

    detail = world.complaints.detail(c.id)
    assert detail.entry.complaint.status is ComplaintStatus.DECIDED
    assert detail.entry.ruling_id == draft.id
    assert detail.entry.ruling_status is RulingStatus.SEALED
    last = detail.history[-1]
    assert (last.kind, last.target, last.text) == (
        ComplaintEventKind.DECIDED,
        draft.id,
        outcome.value,
    )
    with world.store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.get(draft.id).kind is OutboxKind.RULING
        assert uow.outbox.get(last.id).payload == wire.encode_complaint_event(last)
    with pytest.raises(Refusal, match="closed"):
        world.complaints.add_note(c.id, "یادداشت پس از رأی")
    with pytest.raises(Refusal):
        world.decide(c.id, ComplaintOutcome.UPHELD)


def test_an_approved_annulment_is_final_and_the_complaint_stays_decided(world: World):
    """A county annulment waits for the central board; its approval makes it SEALED and
    leaves the complaint DECIDED, its history unchanged."""
    c = world.complaint()
    annulment = world.decide(c.id, ComplaintOutcome.ANNULMENT)
    assert world.seal(annulment, COUNTY_VOTERS).status is RulingStatus.AWAITING_APPROVAL
    assert world.complaints.get(c.id).status is ComplaintStatus.DECIDED
    history = world.complaints.history(c.id)

    approval = world.seal(world.answer(annulment.id, approve=True), CENTRAL_VOTERS)
    assert approval.approved_id == annulment.id
    assert world.rulings.get(annulment.id).status is RulingStatus.SEALED
    assert world.complaints.get(c.id).status is ComplaintStatus.DECIDED
    assert world.complaints.history(c.id) == history


def test_a_refused_annulment_reopens_the_complaint_at_the_county_board(world: World):
    """The central board refuses: the annulment is SUPERSEDED; the complaint is back under
    investigation at the county board, still assigned to M1, with a history entry saying
    «درخواست ابطال از سوی هیات مرکزی تأیید نشد» (queued for the server); the county can then
    rule again, and that ruling decides it."""
    c = world.complaint()
    annulment = world.decide(c.id, ComplaintOutcome.ANNULMENT)
    world.seal(annulment, COUNTY_VOTERS)
    refusal = world.answer(annulment.id, approve=False)
    assert world.seal(refusal, CENTRAL_VOTERS).approved_id == annulment.id
    assert world.rulings.get(annulment.id).status is RulingStatus.SUPERSEDED

    detail = world.complaints.detail(c.id)
    state = detail.entry.complaint
    assert state.status is ComplaintStatus.INVESTIGATING and state.assigned_to == "M1"
    assert detail.entry.handling_board_id == COUNTY
    reopened = detail.history[-1]
    assert (reopened.kind, reopened.target, reopened.text) == (
        ComplaintEventKind.REOPENED,
        refusal.id,
        REOPENED_TEXT,
    )
    assert REOPENED_TEXT == "درخواست ابطال از سوی هیات مرکزی تأیید نشد"
    assert [e.kind for e in detail.history[-2:]] == [
        ComplaintEventKind.DECIDED,
        ComplaintEventKind.REOPENED,
    ]
    with world.store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.get(reopened.id).kind is OutboxKind.COMPLAINT_EVENT
        actions = [e.action for e in uow.audit.for_subject(c.id)]
    assert actions[-1] == "complaint.reopened"
    with pytest.raises(Refusal):  # the central board does not handle it
        world.rulings.draft_complaint_ruling(
            c.id,
            ComplaintOutcome.DISMISSED,
            board_id=CENTRAL,
            reasoning="x",
            legal_basis=[],
            present_member_ids=CENTRAL_VOTERS,
        )

    world.complaints.add_note(c.id, "بازشماری آرای شعبه لازم است.")
    recount = world.decide(c.id, ComplaintOutcome.RECOUNT)
    assert world.seal(recount, COUNTY_VOTERS).status is RulingStatus.SEALED
    detail = world.complaints.detail(c.id)
    assert detail.entry.complaint.status is ComplaintStatus.DECIDED
    assert detail.entry.ruling_id == recount.id
    assert detail.history[-1].target == recount.id
