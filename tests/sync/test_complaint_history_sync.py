"""Complaints through several workstations and the real server: two workstations of one
board writing the same history position offline, the central board refusing an
annulment, and ruling records stored by an older version.

The registry runs as ``registry-server --seed-demo`` (demo CA, members' keys served to
their own board), shared by the session: each test works on complaints of its own.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import insert, select, update

from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.complaints import ComplaintEventKind
from supervisor_app.domain.election_day import ComplainantKind, Complaint, ComplaintStatus
from supervisor_app.domain.rulings import ComplaintOutcome, RulingStatus
from supervisor_app.services.complaints import REOPENED_TEXT, ComplaintService
from supervisor_app.services.members import PUBLIC_KEY_SERVICE, MemberKeyService
from supervisor_app.services.rulings import RulingService
from supervisor_app.services.sync import SyncService
from supervisor_app.settings import Settings
from supervisor_app.signing.keys import KEY_SERVICE
from supervisor_app.store import Store
from supervisor_app.store.mirror import PULLED

harness = sys.modules["nezarat_sync_harness"]
FILED_AT = datetime(2026, 5, 2, 10, 0, tzinfo=UTC)  # the day after voting (11 Ordibehesht)


@dataclass
class Desk:
    """One workstation of a board, with the services its secretary and members use."""

    store: Store
    settings: Settings
    members: MemberKeyService
    rulings: RulingService
    complaints: ComplaintService
    sync: SyncService
    voting: list[str]

    def synced(self) -> Any:
        report = self.sync.sync()
        assert report.converged, report.as_dict()
        assert report.import_problems == 0, self.sync.attention()
        return report

    def enrol(self, server_url: str, username: str) -> None:
        """The demo members' keys and certificates, as enrolment would have left them."""
        for member in harness.Api(server_url, username).get("/demo/member-keys")["members"]:
            cert = x509.load_pem_x509_certificate(member["certificate_pem"].encode())
            public = cert.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            keystore = self.members.keystore
            keystore.set(KEY_SERVICE, member["member_id"], member["private_key_pem"])
            keystore.set(PUBLIC_KEY_SERVICE, member["member_id"], public.decode("ascii"))
            self.members.import_certificate(member["certificate_pem"].encode())

    def seal(self, ruling_id: str) -> Any:
        """Every present member signs with their own key; the last signature seals."""
        result = None
        for member_id in self.voting:
            result = self.rulings.sign(
                ruling_id, member_id, f"member-{member_id}", start_if_draft=True
            )
        assert result is not None and result.sealed is not None
        return result.sealed

    def file_complaint(self) -> Complaint:
        """A complaint about a branch of constituency 0801, assigned to a member."""
        with self.store.unit_of_work(read_only=True) as uow:
            branch = next(
                b
                for c in uow.geography.constituencies("0801")
                for b in uow.branches.for_constituency(c.code)
            )
        complaint = self.complaints.register(
            complainant_name="مریم رضایی",
            complainant_national_id="0012345679",
            complainant_kind=ComplainantKind.CANDIDATE,
            subject="شکسته شدن پلمب صندوق پیش از شمارش آرا",
            constituency_code=branch.constituency_code,
            branch_codes=[branch.code],
            filed_at=FILED_AT,
        )
        self.complaints.assign(complaint.id, self.voting[0])
        return complaint

    def decide(self, complaint_id: str, outcome: ComplaintOutcome) -> str:
        draft = self.rulings.draft_complaint_ruling(
            complaint_id,
            outcome,
            board_id=self.settings.board_id,
            reasoning="صورتجلسه شعبه و گزارش ناظران بررسی شد.",
            legal_basis=[LegalBasis("70", "ح")],
            present_member_ids=self.voting,
        )
        return draft.id


def open_desk(root: Path, server_url: str, username: str, *, keys: bool = False) -> Desk:
    w = harness.board_services(root, server_url, username)
    store, settings = w.store, w.settings
    members, rulings, complaints, sync = w.members, w.rulings, w.complaints, w.sync
    desk = Desk(store, settings, members, rulings, complaints, sync, [])
    desk.synced()  # reference data, dossiers, the central CA, the board's rulings so far
    with store.unit_of_work(read_only=True) as uow:
        desk.voting = [m.id for m in uow.boards.members(settings.board_id) if m.votes]
    if keys:
        desk.enrol(server_url, username)
    return desk


def server_history(registry: Any, complaint_id: str) -> list[tuple[str, int, str]]:
    """(id, position, text) of the complaint's entries as the server publishes them."""
    items = harness.Api(registry.url, "demo-county").feed_all("records")
    entries = [
        i["data"]
        for i in items
        if i["kind"] == "complaint_event" and i["data"]["complaint_id"] == complaint_id
    ]
    return sorted(((e["id"], e["position"], e["text"]) for e in entries), key=lambda e: e[1])


def local_history(desk: Desk, complaint_id: str) -> list[tuple[str, int, str]]:
    return [(e.id, e.position, e.text) for e in desk.complaints.history(complaint_id)]


def test_two_workstations_writing_the_same_position_offline_converge_on_the_server(
    registry, tmp_path
):
    """Both workstations of the county board note the complaint at position 2 while
    offline. The first to sync keeps it; the second's push is refused, its pull moves its
    note to position 3 and the same sync sends it again: no entry lost, and both
    workstations end with the server's history."""
    first = open_desk(tmp_path / "first", registry.url, "demo-county")
    second = open_desk(tmp_path / "second", registry.url, "demo-county")
    try:
        complaint = first.file_complaint()
        first.synced()
        second.synced()
        assert local_history(second, complaint.id) == local_history(first, complaint.id)

        first.complaints.add_note(complaint.id, "از ناظر شعبه توضیح خواسته شد.")
        second.complaints.add_note(complaint.id, "صورتجلسه شعبه دریافت شد.")
        mine = second.complaints.history(complaint.id)[-1]
        assert mine.position == 2

        first.synced()
        report = second.sync.sync()
        assert report.pushed == {"rejected": 1, "created": 1}, report.as_dict()
        assert report.converged and report.needs_attention == 0, report.as_dict()
        assert second.sync.attention() == []
        first.synced()

        server = server_history(registry, complaint.id)
        assert local_history(first, complaint.id) == server
        assert local_history(second, complaint.id) == server
        by_position = {position: (entry_id, text) for entry_id, position, text in server}
        assert by_position[2][1] == "از ناظر شعبه توضیح خواسته شد."
        assert by_position[3] == (mine.id, "صورتجلسه شعبه دریافت شد.")
        with second.store.unit_of_work(read_only=True) as uow:
            moved = [
                e
                for e in uow.audit.for_subject(complaint.id)
                if e.action == "complaint.entry_moved"
            ]
        assert [m.details for m in moved] == [{"event_id": mine.id, "from": 2, "to": 3}]
        for desk in (first, second):
            state = desk.complaints.get(complaint.id)
            assert state.status is ComplaintStatus.INVESTIGATING
            assert desk.sync.verify().matches
    finally:
        first.store.close()
        second.store.close()


def test_a_central_refusal_sends_the_complaint_back_to_the_county_board(registry, tmp_path):
    """County: annulment sealed awaiting approval, synced. Central: refuses it by a sealed
    ruling, synced. County: the next sync makes the annulment SUPERSEDED and the complaint
    is under investigation again with the central board's entry; the county rules again
    (recount), and everything reaches the server."""
    county = open_desk(tmp_path / "county", registry.url, "demo-county", keys=True)
    try:
        complaint = county.file_complaint()
        annulment = county.decide(complaint.id, ComplaintOutcome.ANNULMENT)
        assert county.seal(annulment).status is RulingStatus.AWAITING_APPROVAL
        county.synced()

        central = open_desk(tmp_path / "central", registry.url, "demo-central", keys=True)
        try:
            refusal = central.rulings.draft_annulment_approval(
                annulment,
                board_id=central.settings.board_id,
                approve=False,
                reasoning="مستندات برای ابطال کافی نیست.",
                present_member_ids=central.voting,
            )
            assert central.seal(refusal.id).approved_id == annulment
            central.synced()
        finally:
            central.store.close()

        report = county.synced()
        assert report.imported["rulings"] == 1
        assert county.rulings.get(annulment).status is RulingStatus.SUPERSEDED
        detail = county.complaints.detail(complaint.id)
        assert detail.entry.complaint.status is ComplaintStatus.INVESTIGATING
        assert detail.entry.handling_board_id == county.settings.board_id
        last = detail.history[-1]
        assert (last.kind, last.target, last.text) == (
            ComplaintEventKind.REOPENED,
            refusal.id,
            REOPENED_TEXT,
        )

        recount = county.decide(complaint.id, ComplaintOutcome.RECOUNT)
        assert county.seal(recount).status is RulingStatus.SEALED
        county.synced()
        assert county.complaints.get(complaint.id).status is ComplaintStatus.DECIDED
        assert [e[1] for e in server_history(registry, complaint.id)] == [0, 1, 2, 3, 4]
        assert county.sync.verify().matches
    finally:
        county.store.close()


def test_ruling_records_stored_by_an_older_version_or_damaged_never_stop_the_sync(
    registry, proxy, tmp_path
):
    """A ruling record mirrored before records had a status (kept verbatim) still leads to
    its ruling being imported; a stored record no decoder can read becomes an attention
    item in Persian, and the sync finishes."""
    county = open_desk(tmp_path / "county", registry.url, "demo-county", keys=True)
    other = open_desk(tmp_path / "other", proxy.url, "demo-county")
    try:
        complaint = county.file_complaint()
        ruling = county.decide(complaint.id, ComplaintOutcome.DISMISSED)
        county.seal(ruling)
        county.synced()

        # The other workstation mirrors the record but cannot fetch the bundle yet ...
        proxy.add(
            "refuse", f"/rulings/{ruling}", method="GET", times=None, status=404, code="not_found"
        )
        report = other.sync.sync()
        assert report.import_problems == 1 and other.rulings.get(ruling) is None
        proxy.clear()
        # ... and the record is in the form an older version stored (no status).
        with other.store.unit_of_work() as uow:
            body = uow.session.execute(
                select(PULLED.c.body).where(PULLED.c.kind == "ruling_ref", PULLED.c.id == ruling)
            ).scalar_one()
            old = body.replace(',"status":"sealed"', "")
            assert old != body and '"status"' not in old
            uow.session.execute(
                update(PULLED)
                .where(PULLED.c.kind == "ruling_ref", PULLED.c.id == ruling)
                .values(body=old)
            )

        report = other.synced()
        assert report.imported["rulings"] == 1
        assert other.rulings.get(ruling).status is RulingStatus.SEALED
        assert other.complaints.get(complaint.id).status is ComplaintStatus.DECIDED

        with other.store.unit_of_work() as uow:
            uow.session.execute(
                insert(PULLED),
                [
                    {
                        "kind": "ruling_ref",
                        "id": "damaged",
                        "seq": 1,
                        "revision": 0,
                        "content_sha256": "0" * 64,
                        "body": '{"ruling_id": "damaged"}',
                    },
                    {
                        "kind": "ruling_ref",
                        "id": "not-json",
                        "seq": 2,
                        "revision": 0,
                        "content_sha256": "0" * 64,
                        "body": "{not json",
                    },
                ],
            )
        report = other.sync.sync()
        assert report.error == "" and report.caught_up, report.as_dict()
        assert report.import_problems == 2
        problems = [a for a in other.sync.attention() if a.code == "ruling_record"]
        assert sorted(a.id for a in problems) == ["damaged", "not-json"]
        assert all(a.message_fa and "مسئول فناوری" in a.advice_fa for a in problems)
    finally:
        county.store.close()
        other.store.close()
