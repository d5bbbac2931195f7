"""Acceptance: a county board's annulment stays "awaiting central approval" until a
central-board ruling approves it, through both boards' workstations and the real server.

The registry runs as ``registry-server --seed-demo`` (demo CA, members' keys served to
their own board). Each workstation is a store, a signed-in session, the members' keys in a
keystore, and the services a board uses: complaints, rulings (sign and seal), sync.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.election_day import ComplainantKind, ComplaintStatus
from supervisor_app.domain.rulings import ComplaintOutcome, RulingStatus, RulingSubject
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.complaints import ComplaintService
from supervisor_app.services.members import PUBLIC_KEY_SERVICE, MemberKeyService
from supervisor_app.services.rulings import RulingService
from supervisor_app.services.sync import SyncService
from supervisor_app.settings import Settings
from supervisor_app.signing.keys import KEY_SERVICE
from supervisor_app.store import Store

harness = sys.modules["nezarat_sync_harness"]
FILED_AT = datetime(2026, 5, 2, 10, 0, tzinfo=UTC)  # the day after voting (11 Ordibehesht)


@dataclass
class Board:
    """One board's workstation, with everything a board member uses."""

    store: Store
    settings: Settings
    certificates: CertificateService
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

    def enrol(self, keys: dict[str, Any]) -> None:
        """The demo members' keys and certificates, as enrolment would have left them."""
        for member in keys["members"]:
            cert = x509.load_pem_x509_certificate(member["certificate_pem"].encode())
            public = cert.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            keystore = self.members.keystore
            keystore.set(KEY_SERVICE, member["member_id"], member["private_key_pem"])
            keystore.set(PUBLIC_KEY_SERVICE, member["member_id"], public.decode("ascii"))
            self.members.import_certificate(member["certificate_pem"].encode())

    def sign_all(self, ruling_id: str) -> Any:
        """Every present member signs with their own key; the last signature seals."""
        result = None
        for member_id in self.voting:
            result = self.rulings.sign(
                ruling_id, member_id, f"member-{member_id}", start_if_draft=True
            )
        return result

    def ruling_status(self, ruling_id: str) -> RulingStatus:
        ruling = self.rulings.get(ruling_id)
        assert ruling is not None, f"ruling {ruling_id} is not on this workstation"
        return ruling.status


def open_board(root: Path, server_url: str, username: str) -> Board:
    w = harness.board_services(root, server_url, username)
    store, settings, certificates = w.store, w.settings, w.certificates
    members, rulings, complaints, sync = w.members, w.rulings, w.complaints, w.sync
    board = Board(store, settings, certificates, members, rulings, complaints, sync, [])
    board.synced()  # reference data, dossiers, the central CA
    with store.unit_of_work(read_only=True) as uow:
        board.voting = [m.id for m in uow.boards.members(settings.board_id) if m.votes]
    board.enrol(harness.Api(server_url, username).get("/demo/member-keys"))
    return board


def server_ref(registry: Any, ruling_id: str, username: str = "demo-county") -> dict:
    refs = [
        i
        for i in harness.Api(registry.url, username).feed_all("records")
        if i["kind"] == "ruling_ref" and i["id"] == ruling_id
    ]
    assert len(refs) == 1
    return refs[0]["data"]


def test_county_annulment_waits_for_the_central_board_then_is_final(registry, tmp_path):
    """County: complaint → annulment sealed AWAITING_APPROVAL, synced (repeated syncs keep it
    waiting); central: sees it waiting, approves by a sealed ruling, syncs; county: the next
    sync makes its annulment SEALED. The server's ref of the annulment follows along."""
    county = open_board(tmp_path / "county", registry.url, "demo-county")
    assert county.certificates.anchor() is not None  # the CA came with the first sync
    try:
        # --- the county board registers and handles the complaint ---------------------
        with county.store.unit_of_work(read_only=True) as uow:
            branch = next(
                b
                for c in uow.geography.constituencies("0801")
                for b in uow.branches.for_constituency(c.code)
            )
        complaint = county.complaints.register(
            complainant_name="مریم رضایی",
            complainant_national_id="0012345679",
            complainant_kind=ComplainantKind.CANDIDATE,
            subject="شکسته شدن پلمب صندوق پیش از شمارش آرا",
            constituency_code=branch.constituency_code,
            branch_codes=[branch.code],
            filed_at=FILED_AT,
        )
        assert complaint.status is ComplaintStatus.REGISTERED
        county.complaints.assign(complaint.id, county.voting[0])
        county.complaints.add_note(complaint.id, "صورتجلسه شعبه و گزارش ناظران بررسی شد.")

        draft = county.rulings.draft_complaint_ruling(
            complaint.id,
            ComplaintOutcome.ANNULMENT,
            board_id=county.settings.board_id,
            reasoning="پلمب صندوق پیش از شمارش شکسته شده و صحت آرا احراز نمی‌شود.",
            legal_basis=[LegalBasis("70", "ح")],
            present_member_ids=county.voting,
        )
        assert draft.subject is RulingSubject.ANNULMENT
        sealed = county.sign_all(draft.id).sealed
        assert sealed is not None and sealed.status is RulingStatus.AWAITING_APPROVAL
        assert county.complaints.get(complaint.id).status is ComplaintStatus.DECIDED

        report = county.synced()
        assert report.pushed.get("created") == 1 + 4 + 1  # complaint, 4 entries, ruling
        assert server_ref(registry, draft.id)["status"] == "awaiting_approval"
        for _ in range(2):  # nothing makes it final but the central board
            county.synced()
            assert county.ruling_status(draft.id) is RulingStatus.AWAITING_APPROVAL

        # --- the central board sees it waiting and approves it --------------------------
        central = open_board(tmp_path / "central", registry.url, "demo-central")
        try:
            assert central.ruling_status(draft.id) is RulingStatus.AWAITING_APPROVAL
            seen = central.complaints.detail(complaint.id)
            assert seen.entry.complaint.status is ComplaintStatus.DECIDED
            assert [e.kind.value for e in seen.history] == [
                "registered",
                "assigned",
                "note",
                "decided",
            ]
            assert [r.id for r in seen.rulings] == [draft.id]

            approval = central.rulings.draft_annulment_approval(
                draft.id,
                board_id=central.settings.board_id,
                approve=True,
                reasoning="مستندات ابطال کافی است.",
                present_member_ids=central.voting,
            )
            assert central.sign_all(approval.id).sealed.status is RulingStatus.SEALED
            assert central.ruling_status(draft.id) is RulingStatus.SEALED
            central.synced()
            assert server_ref(registry, draft.id)["status"] == "sealed"
        finally:
            central.store.close()

        # --- the county's next sync brings the approval: the annulment is final -------------
        report = county.synced()
        assert report.imported["rulings"] == 1
        assert county.ruling_status(draft.id) is RulingStatus.SEALED
        assert county.ruling_status(approval.id) is RulingStatus.SEALED
        assert county.rulings.verify(county.rulings.bundle(approval.id)).report.ok
        assert county.sync.verify().matches  # complaints and history as the server has them
    finally:
        county.store.close()
