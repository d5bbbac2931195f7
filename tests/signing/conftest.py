"""A real PKI for the signing tests: the central CA, a 5-member and a 3-member board.

Built once per session (keys, CSRs and certificates are real P-256 objects issued by
the CA code under test). Times are fixed so every test is deterministic.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from cryptography import x509

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import (
    MemberSignature,
    assemble_bundle,
    ruling_payload,
    seal_ruling,
    sign_payload,
)
from supervisor_app.signing.ca import CertificateAuthority, init_ca
from supervisor_app.signing.keys import MemberKeys, SoftwareSigner
from supervisor_app.signing.ledger import Ledger
from supervisor_app.signing.pki import binding_of

T_ISSUE = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)  # member certificates issued
T_SESSION = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)  # the board meets and signs
T_SEAL = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)  # sealed and verified
CA_PASSPHRASE = "central-ca-passphrase"


def passphrase_of(member_id: str) -> str:
    return f"passphrase-of-{member_id}"


@dataclass
class Pki:
    ca: CertificateAuthority
    ca_pem: str
    crl: x509.CertificateRevocationList
    board_a: Board
    board_b: Board
    members: dict[str, BoardMember]
    keystore: MemoryKeystore
    keys: MemberKeys
    signers: dict[str, SoftwareSigner]
    # Extra signers with special certificates: "expired", "revoked", "forged"
    special: dict[str, SoftwareSigner] = field(default_factory=dict)
    forged_ca_pem: str = ""
    forged_crl: x509.CertificateRevocationList | None = None

    t_issue = T_ISSUE
    t_session = T_SESSION
    t_seal = T_SEAL

    def roster(self, board: Board) -> list[BoardMember]:
        return [m for m in self.members.values() if m.board_id == board.id]

    def build(
        self, board: Board, present: Sequence[str], **kwargs: Any
    ) -> tuple[dict[str, Any], list[MemberSignature]]:
        """A payload for ``board`` and the signatures of ``signers`` (default: all present)."""
        return _build(self, board, present, **kwargs)

    def assemble(
        self,
        payload: dict[str, Any],
        sigs: Sequence[MemberSignature],
        *,
        ca_pem: str | None = None,
        crl: Any = None,
    ) -> bytes:
        """Bundle bytes without the sealing checks (to feed the verifier bad bundles)."""
        return assemble_bundle(payload, sigs, ca_certificate=ca_pem or self.ca_pem,
                               crl=crl if crl is not None else self.crl)

    def seal(
        self, payload: dict[str, Any], sigs: Sequence[MemberSignature], **kwargs: Any
    ) -> bytes:
        board = self.board_a if payload["board"]["id"] == self.board_a.id else self.board_b
        return seal_ruling(payload, sigs, ca_certificate=self.ca_pem, crl=self.crl, now=T_SEAL,
                           quorum=board.quorum, roster=self.roster(board), **kwargs)


def _members(
    board: Board, prefix: str, roles: Sequence[MemberRole], seed: int
) -> list[BoardMember]:
    names = ["زهرا احمدی", "علی رضایی", "مریم کریمی", "حسین موسوی", "فاطمه حسینی"]
    return [
        BoardMember(
            id=f"{prefix}-m{i + 1}",
            board_id=board.id,
            full_name=names[i % len(names)],
            national_id=make_national_id(f"{seed + i:09d}"),
            role=role,
        )
        for i, role in enumerate(roles)
    ]


def _enrol(
    ca: CertificateAuthority,
    keys: MemberKeys,
    member: BoardMember,
    board: Board,
    *,
    now: datetime = T_ISSUE,
    valid_days: int = 365,
) -> SoftwareSigner:
    keys.create(member.id, passphrase_of(member.id), replace=True)
    csr = keys.csr(member, board, passphrase_of(member.id))
    cert = ca.issue(csr, board_id=board.id, role=member.role, valid_days=valid_days, now=now)
    keys.store_certificate(member.id, cert)
    return keys.signer(member.id, passphrase_of(member.id))


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    root = tmp_path_factory.mktemp("pki")
    ca = init_ca(root / "ca", "هیات مرکزی نظارت — مرجع گواهی", CA_PASSPHRASE,
                 now=T_ISSUE - timedelta(days=30))
    central = "board-central"
    board_a = Board("board-county-1", BoardLevel.COUNTY, "هیات نظارت شهرستان ری", "0101",
                    central, QuorumRule(5))
    board_b = Board("board-district-7", BoardLevel.DISTRICT, "هیات نظارت بخش کهریزک", "010107",
                    central, QuorumRule(3))
    a = _members(board_a, "a", [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY,
                                MemberRole.MEMBER, MemberRole.MEMBER], 123456780)
    b = _members(board_b, "b", [MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.MEMBER],
                 223456780)
    keystore = MemoryKeystore()
    keys = MemberKeys(keystore)
    signers = {m.id: _enrol(ca, keys, m, board_a) for m in a}
    signers |= {m.id: _enrol(ca, keys, m, board_b) for m in b}
    members = {m.id: m for m in [*a, *b]}

    # Special certificates live under their own keystore so the members' keys stay intact.
    side = MemberKeys(MemoryKeystore())
    special = {
        # a-m4's old certificate: issued 60 days before the session, valid 30 days
        "expired": _enrol(ca, side, members["a-m4"], board_a,
                          now=T_SESSION - timedelta(days=60), valid_days=30),
        # a-m5's second key, reported compromised before the session
        "revoked": _enrol(ca, side, members["a-m5"], board_a),
        # a-m3's key, certified again for a role change, then revoked as superseded after
        # the session: signatures made before the change stay valid
        "superseded": _enrol(ca, side, members["a-m3"], board_a),
    }
    ca.revoke(special["revoked"].certificate.serial_number, x509.ReasonFlags.key_compromise,
              at=T_ISSUE + timedelta(days=2))
    ca.revoke(special["superseded"].certificate.serial_number, x509.ReasonFlags.superseded,
              at=T_SESSION + timedelta(minutes=30))
    crl = ca.crl(now=T_SEAL - timedelta(minutes=10))

    # A forger's CA with the very same name, certifying a look-alike of a-m1..a-m3.
    forged = init_ca(root / "forged-ca", "هیات مرکزی نظارت — مرجع گواهی", "forger-passphrase",
                     now=T_ISSUE - timedelta(days=30))
    forger_keys = MemberKeys(MemoryKeystore())
    for member_id in ("a-m1", "a-m2", "a-m3"):
        special[f"forged-{member_id}"] = _enrol(forged, forger_keys, members[member_id], board_a)
    return Pki(
        ca=ca, ca_pem=ca.certificate_pem, crl=crl, board_a=board_a, board_b=board_b,
        members=members, keystore=keystore, keys=keys, signers=signers, special=special,
        forged_ca_pem=forged.certificate_pem, forged_crl=forged.crl(now=T_SEAL),
    )


def make_ruling(
    board: Board,
    roster_ids: Sequence[str],
    present: Sequence[str],
    *,
    approve: Sequence[str] | None = None,
    serial: int = 1,
    supersedes: str | None = None,
) -> Ruling:
    """A qualification ruling where ``approve`` (default: all present) vote for it."""
    approve = list(present) if approve is None else list(approve)
    votes = tuple(
        MemberVote(m, Vote.APPROVE) if m in approve
        else MemberVote(m, Vote.REJECT, "به نظر اینجانب مدرک تحصیلی کافی است.")
        for m in present
    )
    return Ruling(
        id=str(uuid.uuid4()),
        board_id=board.id,
        serial=serial,
        issued_on=T_SESSION.date(),
        subject=RulingSubject.QUALIFICATION,
        subject_ref="REG-1404-000123",
        legal_basis=(LegalBasis("37", "ز"), LegalBasis("39")),
        reasoning="داوطلب فاقد مدرک تحصیلی لازم برای شهر بیش از بیست هزار نفر است.",
        decision="رد صلاحیت داوطلب تأیید می‌شود.",
        present_member_ids=tuple(present),
        absent_member_ids=tuple(m for m in roster_ids if m not in present),
        votes=votes,
        supersedes_id=supersedes,
    )


def _build(
    pki: Pki,
    board: Board,
    present: Sequence[str],
    *,
    signers: Sequence[str | SoftwareSigner] | None = None,
    approve: Sequence[str] | None = None,
    ledger: Ledger | None = None,
    serial: int = 1,
    supersedes: str | None = None,
    session_at: datetime = T_SESSION,
) -> tuple[dict[str, Any], list[MemberSignature]]:
    roster = pki.roster(board)
    ruling = make_ruling(board, [m.id for m in roster], present, approve=approve,
                         serial=serial, supersedes=supersedes)
    ledger = ledger if ledger is not None else Ledger(board.id)
    payload = ruling_payload(
        ruling, board, roster, session_at=session_at, ledger_seq=ledger.next_seq,
        prev_ledger_hash=ledger.head_hash, objection_deadline=date(2026, 1, 19),
        objection_venue="هیات عالی نظارت استان تهران", notify=["فرمانداری ری"],
    )
    sigs = []
    for s in signers if signers is not None else present:
        signer = pki.signers[s] if isinstance(s, str) else s
        sigs.append(sign_payload(payload, binding_of(signer.certificate).member_id, signer))
    return payload, sigs


@pytest.fixture(scope="session")
def sealed(pki: Pki) -> bytes:
    """A sealed ruling of board A signed by all five members (entry 1 of its ledger)."""
    payload, sigs = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"])
    return pki.seal(payload, sigs)


