"""Importing a central approval on a workstation that does not follow the central ledger
(detached), and an annulment that arrives after the approval deciding on it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.rulings import RulingService
from supervisor_app.signing.errors import LedgerError
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import

CA_PASS = "central-ca-passphrase"
CENTRAL = Board("B0", BoardLevel.CENTRAL, "هیات مرکزی نظارت", None, None, QuorumRule(3))
COUNTY = Board("BC", BoardLevel.COUNTY, "هیات نظارت شهرستان ری", "0101", "B0", QuorumRule(3))
ROLES = (MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.MEMBER)
MEMBERS = [
    BoardMember(f"{b.id}-m{i + 1}", b.id, f"عضو {i + 1}", make_national_id(f"{k}{i:08d}"), r)
    for k, b in enumerate((CENTRAL, COUNTY), start=1)
    for i, r in enumerate(ROLES)
]
NOW = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)


def passphrase(member_id: str) -> str:
    return f"passphrase-of-{member_id}"


class Workstation:
    def __init__(self, root: Path, members: list[BoardMember]) -> None:
        root.mkdir()
        self.store: Store = open_store(root / "store.sqlite3")
        bulk_import(self.store, Dataset(boards=[CENTRAL, COUNTY], members=members))
        self.certificates = CertificateService(self.store, lambda: NOW)
        self.members = MemberKeyService(
            self.store, MemoryKeystore(), self.certificates, lambda: NOW
        )
        self.rulings = RulingService(self.store, self.members, now=lambda: NOW)

    def sealed(
        self, board: Board, *, subject: RulingSubject, ref: str, extra: dict[str, str]
    ) -> Ruling:
        ids = [m.id for m in MEMBERS if m.board_id == board.id]
        draft = self.rulings.create_draft(
            Ruling(
                str(uuid.uuid4()),
                board.id,
                None,
                date.today(),
                subject,
                ref,
                (LegalBasis("70", "ح"),),
                "دلایل",
                "تصمیم",
                tuple(ids),
                votes=tuple(MemberVote(m, Vote.APPROVE) for m in ids),
                extra=extra,
            )
        )
        for m in ids:
            self.rulings.sign(draft.id, m, passphrase(m), start_if_draft=True)
        return self.rulings.get(draft.id)  # type: ignore[return-value]


@pytest.fixture
def boards(tmp_path: Path) -> Iterator[tuple[Workstation, Workstation]]:
    """A workstation holding every key, and a county workstation without the central
    roster, both trusting the same CA."""
    signer = Workstation(tmp_path / "signer", MEMBERS)
    info = signer.certificates.init_ca(tmp_path / "ca", "مرجع گواهی", CA_PASS)
    bundle = signer.certificates.trust_bundle(tmp_path / "ca", CA_PASS)
    signer.certificates.import_trust_bundle(bundle, pin=info.fingerprint)
    for m in MEMBERS:
        signer.members.create_key(m.id, passphrase(m.id))
        cert = signer.certificates.issue(
            tmp_path / "ca", CA_PASS, signer.members.csr(m.id, passphrase(m.id))
        )
        signer.members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
    county = Workstation(tmp_path / "county", [m for m in MEMBERS if m.board_id == "BC"])
    county.certificates.import_trust_bundle(bundle, pin=info.fingerprint)
    yield signer, county
    signer.store.close()
    county.store.close()


def test_approval_beyond_a_ledger_gap_imports_detached_and_waits_for_its_annulment(boards):
    """The county never saw central ruling 1: approval 2 is refused in ledger mode (gap),
    imported detached (ledger untouched, votes kept in the bundle only); the annulment
    arriving afterwards is made final by it at once."""
    signer, county = boards
    signer.sealed(CENTRAL, subject=RulingSubject.QUALIFICATION, ref="R-1", extra={})
    annulment = signer.sealed(
        COUNTY, subject=RulingSubject.ANNULMENT, ref="complaint-1", extra={"outcome": "annulment"}
    )
    assert annulment.status is RulingStatus.AWAITING_APPROVAL
    approval = signer.sealed(
        CENTRAL,
        subject=RulingSubject.ANNULMENT,
        ref=annulment.id,
        extra={"approves": annulment.id, "approval": "approved"},
    )
    assert signer.rulings.get(annulment.id).status is RulingStatus.SEALED

    approval_bundle = signer.rulings.bundle(approval.id)
    with pytest.raises(LedgerError):
        county.rulings.import_bundle(approval_bundle)
    imported = county.rulings.import_bundle(approval_bundle, detached=True)
    assert imported.status is RulingStatus.SEALED and imported.votes == ()
    assert county.rulings.ledger_boards() == []  # the central ledger is not followed here
    assert county.rulings.verify(approval_bundle).report.ok

    arrived = county.rulings.import_bundle(signer.rulings.bundle(annulment.id))
    assert arrived.id == annulment.id
    assert county.rulings.get(annulment.id).status is RulingStatus.SEALED
    assert county.rulings.ledger_boards() == ["BC"]
