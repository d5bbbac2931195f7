"""Rulings from draft to sealed through the services, over a real store, CA and keys.

A template workstation (store with three boards, the central CA, every member enrolled
with a real P-256 key and certificate, keys in a MemoryKeystore) is built once per
module; each test works on its own copy (store file, keystore, CA directory).
"""

from __future__ import annotations

import base64
import json
import shutil
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from supervisor_app.adapters.keystore import MemoryKeystore, WrongKeystorePassphrase
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.canonical import canonical_json
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.outbox import OutboxKind
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.members import (
    KEYSTORE_FILE,
    EnrolmentError,
    MemberKeyService,
    keystore_opener,
)
from supervisor_app.services.rulings import (
    RulingError,
    RulingService,
    UnsupportedDocument,
)
from supervisor_app.signing.bundle import (
    MemberSignature,
    assemble_bundle,
    parse_bundle,
    payload_bytes,
    ruling_hash,
    sign_payload,
)
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.errors import (
    LedgerError,
    NotSealed,
    ReplayedRuling,
    TrustError,
    WrongPassphrase,
)
from supervisor_app.signing.keys import MemberKeys, create_csr
from supervisor_app.signing.ledger import verify_ledger
from supervisor_app.signing.pki import cert_pem
from supervisor_app.signing.trust import build_trust_bundle
from supervisor_app.store import Store, StoreError, open_store
from supervisor_app.store.bulk import bulk_import
from supervisor_app.store.repositories.outbox import OutboxRepository

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
CA_PASS = "central-ca-passphrase"
ROLES = [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY, MemberRole.MEMBER,
         MemberRole.MEMBER]
CENTRAL = Board("B0", BoardLevel.CENTRAL, "هیات مرکزی نظارت", None, None, QuorumRule(5))
COUNTY = Board("BC", BoardLevel.COUNTY, "هیات نظارت شهرستان ری", "0101", "B0", QuorumRule(5))
OTHER = Board("BX", BoardLevel.COUNTY, "هیات نظارت شهرستان شمیرانات", "0102", "B0",
              QuorumRule(3))


def passphrase(member_id: str) -> str:
    return f"passphrase-of-{member_id}"


def _members() -> list[BoardMember]:
    people = []
    for k, board in enumerate((CENTRAL, COUNTY, OTHER), start=1):
        for i, role in enumerate(ROLES[: board.quorum.full_membership]):
            people.append(BoardMember(f"{board.id}-m{i + 1}", board.id, f"عضو {i + 1} {board.name}",
                                      make_national_id(f"{k * 1000 + i:09d}"), role))
    return people


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@dataclass
class World:
    root: Path
    store: Store
    clock: Clock
    keystore: MemoryKeystore
    certificates: CertificateService
    members: MemberKeyService
    rulings: RulingService
    ca_dir: Path
    ca_fingerprint: str

    def ids(self, board: Board) -> list[str]:
        return [f"{board.id}-m{i + 1}" for i in range(board.quorum.full_membership)]

    def draft(
        self,
        board: Board = COUNTY,
        present: Sequence[str] | None = None,
        *,
        reject: Sequence[str] = (),
        subject: RulingSubject = RulingSubject.QUALIFICATION,
        extra: dict[str, str] | None = None,
    ) -> Ruling:
        everyone = self.ids(board)
        present = list(everyone if present is None else present)
        ruling = Ruling(
            id=str(uuid.uuid4()), board_id=board.id, serial=None, issued_on=self.clock().date(),
            subject=subject, subject_ref="R-1404-0000123",
            legal_basis=(LegalBasis("37", "ز"),),
            reasoning="داوطلب مدرک تحصیلی لازم را ندارد.", decision="رد صلاحیت تأیید می‌شود.",
            present_member_ids=tuple(present),
            absent_member_ids=tuple(m for m in everyone if m not in present),
            votes=tuple(
                MemberVote(m, Vote.REJECT, "به نظر اینجانب مدرک کافی است.") if m in reject
                else MemberVote(m, Vote.APPROVE)
                for m in present
            ),
            extra=dict(extra or {}),
        )
        return self.rulings.create_draft(ruling)

    def sign(self, ruling_id: str, member_ids: Sequence[str], **kwargs: Any) -> Any:
        result = None
        for member_id in member_ids:
            result = self.rulings.sign(ruling_id, member_id, passphrase(member_id), **kwargs)
        return result

    def sealed(self, board: Board = COUNTY, signers: Sequence[str] | None = None,
               **kwargs: Any) -> Ruling:
        """A draft by the whole board, signed by ``signers`` (default 3) and sealed."""
        ruling = self.draft(board, **kwargs)
        self.rulings.start_signing(ruling.id)
        signers = list(signers or self.ids(board)[:3])
        if self.sign(ruling.id, signers).sealed is None:
            self.rulings.seal(ruling.id, signers[0], passphrase(signers[0]))
        return ruling


def _enrol(certificates: CertificateService, members: MemberKeyService, ca_dir: Path,
           member_id: str, *, days: int = 730) -> None:
    members.create_key(member_id, passphrase(member_id), replace=True)
    cert = certificates.issue(ca_dir, CA_PASS, members.csr(member_id, passphrase(member_id)),
                              valid_days=days)
    members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("template")
    clock = Clock(T0)
    store = open_store(root / "store.sqlite3")
    bulk_import(store, Dataset(boards=[CENTRAL, COUNTY, OTHER], members=_members()))
    certificates = CertificateService(store, clock)
    info = certificates.init_ca(root / "ca", "هیات مرکزی نظارت — مرجع گواهی", CA_PASS)
    certificates.import_trust_bundle(certificates.trust_bundle(root / "ca", CA_PASS),
                                     pin=info.fingerprint)
    keystore = MemoryKeystore()
    members = MemberKeyService(store, keystore, certificates, clock)
    for member in _members():
        _enrol(certificates, members, root / "ca", member.id)
    store.checkpoint()
    store.close()
    return {"root": root, "secrets": keystore.raw(), "fingerprint": info.fingerprint}


def _world(template: dict[str, Any], root: Path) -> World:
    shutil.copy(template["root"] / "store.sqlite3", root / "store.sqlite3")
    shutil.copytree(template["root"] / "ca", root / "ca")
    clock = Clock(T0 + timedelta(hours=1))
    store = open_store(root / "store.sqlite3")
    keystore = MemoryKeystore()
    for (service, name), secret in template["secrets"].items():
        keystore.set(service, name, secret)
    certificates = CertificateService(store, clock)
    members = MemberKeyService(store, keystore, certificates, clock)
    rulings = RulingService(store, members, now=clock)
    return World(root, store, clock, keystore, certificates, members, rulings, root / "ca",
                 template["fingerprint"])


@pytest.fixture
def world(template: dict[str, Any], tmp_path: Path) -> Iterator[World]:
    w = _world(template, tmp_path)
    yield w
    w.store.close()


# --- sealing ---------------------------------------------------------------------------------


def test_three_of_five_sign_then_seal_writes_bundle_ledger_audit_and_outbox(world: World):
    """3 of 5 present members sign, a member seals: bundle, ledger entry, audit, outbox item."""
    ruling = world.draft()
    status = world.rulings.start_signing(ruling.id)
    assert status.ruling.serial == 1 and status.payload_sha256
    signers = world.ids(COUNTY)[:3]
    world.sign(ruling.id, signers)
    sealed = world.rulings.seal(ruling.id, signers[0], passphrase(signers[0]))
    assert sealed.status is RulingStatus.SEALED and sealed.ledger_seq == 1
    assert sealed.signers == tuple(signers) and sealed.payload_sha256 == status.payload_sha256
    assert world.rulings.get(ruling.id).status is RulingStatus.SEALED
    bundle = world.rulings.bundle(ruling.id)
    outcome = world.rulings.verify(bundle)
    assert outcome.ok and outcome.ledger_source == "workstation"
    assert outcome.report.valid_signers == tuple(signers)
    with world.store.unit_of_work(read_only=True) as uow:
        item = uow.outbox.get(ruling.id)
        assert item is not None and item.kind is OutboxKind.RULING
        assert item.payload == {"bundle": bundle.decode("utf-8")}
        assert [e.ruling_id for e in uow.signing.ledger(COUNTY.id)] == [ruling.id]
        actions = [e.action for e in uow.audit.for_subject(ruling.id)]
        assert actions[-1] == "ruling.sealed" and actions.count("ruling.signed") == 3
        assert uow.signing.latest_head(COUNTY.id).seq == 1


def test_two_of_five_is_not_sealed_and_says_why(world: World):
    """Two signatures of five: NotSealed naming the missing quorum, in English and Persian."""
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    world.sign(ruling.id, world.ids(COUNTY)[:2])
    with pytest.raises(NotSealed) as caught:
        world.rulings.seal(ruling.id, "BC-m1", passphrase("BC-m1"))
    codes = caught.value.report.codes()
    assert "quorum_not_met" in codes
    check = next(c for c in caught.value.report.failures if c.code == "quorum_not_met")
    assert "2 valid signatures" in check.message_en and "حد نصاب" in check.message_fa
    assert world.rulings.get(ruling.id).status is RulingStatus.SIGNING
    with world.store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.count() == 0 and uow.signing.sealed(ruling.id) is None


def test_wrong_passphrase_is_a_clear_error_and_no_signature(world: World):
    """A wrong passphrase raises WrongPassphrase (Persian message) and stores no signature."""
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    with pytest.raises(WrongPassphrase) as caught:
        world.rulings.sign(ruling.id, "BC-m1", "not-the-passphrase")
    assert "گذرواژه نادرست" in caught.value.message_fa
    assert world.rulings.signing_status(ruling.id).signed == 0
    with world.store.unit_of_work(read_only=True) as uow:
        assert "ruling.signed" not in [e.action for e in uow.audit.for_subject(ruling.id)]


def test_wrong_passphrase_does_not_even_freeze_a_draft(world: World):
    """With start_if_draft, the passphrase is proved before the draft is frozen."""
    ruling = world.draft()
    with pytest.raises(WrongPassphrase):
        world.rulings.sign(ruling.id, "BC-m1", "not-the-passphrase", start_if_draft=True)
    assert world.rulings.get(ruling.id).status is RulingStatus.DRAFT
    result = world.rulings.sign(ruling.id, "BC-m1", passphrase("BC-m1"), start_if_draft=True)
    assert result.signed == 1 and world.rulings.get(ruling.id).serial == 1


def test_last_present_signature_seals_automatically(world: World):
    """When every present member (a quorum of 3 of 5) has signed, the ruling seals itself."""
    ruling = world.draft(present=world.ids(COUNTY)[:3])
    world.rulings.start_signing(ruling.id)
    first = world.sign(ruling.id, ["BC-m1", "BC-m2"])
    assert first.sealed is None and first.signed == 2
    last = world.sign(ruling.id, ["BC-m3"])
    assert last.sealed is not None and last.status is RulingStatus.SEALED


def test_vote_and_dissent_are_inside_the_signed_payload(world: World):
    """The dissenting vote and its note are in the bytes every signer signed."""
    ruling = world.sealed(reject=["BC-m4"], signers=["BC-m1", "BC-m2", "BC-m3", "BC-m4"])
    payload = parse_bundle(world.rulings.bundle(ruling.id)).payload
    vote = next(v for v in payload["votes"] if v["member_id"] == "BC-m4")
    assert vote == {"member_id": "BC-m4", "vote": "reject",
                    "dissent_note": "به نظر اینجانب مدرک کافی است."}
    assert "مدرک کافی است".encode() in payload_bytes(payload)


def test_signing_a_vote_other_than_the_recorded_one_is_refused(world: World):
    """expected_vote that differs from the frozen payload is refused before signing."""
    ruling = world.draft(reject=["BC-m4"])
    world.rulings.start_signing(ruling.id)
    with pytest.raises(RulingError) as caught:
        world.rulings.sign(ruling.id, "BC-m4", passphrase("BC-m4"), expected_vote=Vote.APPROVE)
    assert "reject" in str(caught.value) and "پیش‌نویس" in caught.value.message_fa
    assert world.rulings.signing_status(ruling.id).signed == 0


def test_absent_member_cannot_sign(world: World):
    """Only members listed as present sign."""
    ruling = world.draft(present=world.ids(COUNTY)[:4])
    world.rulings.start_signing(ruling.id)
    with pytest.raises(RulingError, match="not listed as present"):
        world.rulings.sign(ruling.id, "BC-m5", passphrase("BC-m5"))


# --- serials, freezing, immutability ---------------------------------------------------------


def test_serials_are_per_board_and_gap_free(world: World):
    """Serials count per board; a ruling taken back to draft gives its number back."""
    first = world.sealed()
    assert world.rulings.get(first.id).serial == 1
    abandoned = world.draft()
    world.rulings.start_signing(abandoned.id)
    assert world.rulings.get(abandoned.id).serial == 2
    world.rulings.return_to_draft(abandoned.id, "a member asked to reword the reasoning")
    assert world.rulings.get(abandoned.id).serial is None
    world.rulings.withdraw(abandoned.id)
    second = world.sealed()
    assert world.rulings.get(second.id).serial == 2
    other = world.sealed(OTHER)
    assert world.rulings.get(other.id).serial == 1


def test_one_ruling_per_board_is_in_signing_at_a_time(world: World):
    """A second ruling of the same board cannot start signing; another board's can."""
    a, b = world.draft(), world.draft()
    world.rulings.start_signing(a.id)
    with pytest.raises(RulingError, match="being signed"):
        world.rulings.start_signing(b.id)
    world.rulings.start_signing(world.draft(OTHER).id)


def test_payload_is_frozen_once_with_its_hash(world: World):
    """start_signing stores the canonical payload text and its hash; the draft is locked."""
    ruling = world.draft()
    status = world.rulings.start_signing(ruling.id)
    payload = world.rulings.frozen_payload(ruling.id)
    assert ruling_hash(payload) == status.payload_sha256
    with world.store.unit_of_work(read_only=True) as uow:
        assert uow.signing.signing_payload(ruling.id).payload == canonical_json(payload).decode()
    with pytest.raises(RulingError):
        world.rulings.update_draft(replace(ruling, decision="تصمیم دیگر"))
    with pytest.raises(RulingError):
        world.rulings.record_vote(ruling.id, "BC-m1", Vote.REJECT, "نظرم عوض شد")


def test_a_frozen_payload_altered_in_the_store_is_refused(world: World):
    """Editing the stored payload text behind the service's back stops signing."""
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    with world.store.unit_of_work() as uow:
        from sqlalchemy import update

        from supervisor_app.store.repositories.signing import SIGNING

        frozen = uow.signing.signing_payload(ruling.id)
        uow.session.execute(update(SIGNING).values(
            payload=frozen.payload.replace("رد صلاحیت", "تأیید صلاحیت")))
    with pytest.raises(RulingError, match="altered"):
        world.rulings.sign(ruling.id, "BC-m1", passphrase("BC-m1"))


def test_sealed_ruling_cannot_be_edited_service_refuses(world: World):
    """update_draft, record_vote and return_to_draft all refuse a sealed ruling."""
    ruling = world.sealed()
    stored = world.rulings.get(ruling.id)
    with pytest.raises(RulingError) as caught:
        world.rulings.update_draft(replace(stored, decision="متن دیگر", status=RulingStatus.DRAFT,
                                           serial=None))
    assert "اصلاح" in caught.value.message_fa
    with pytest.raises(RulingError):
        world.rulings.record_vote(ruling.id, "BC-m1", Vote.REJECT)
    with pytest.raises(RulingError):
        world.rulings.return_to_draft(ruling.id, "try")


def test_sealed_ruling_cannot_be_edited_store_refuses(world: World):
    """The rulings repository refuses any content change of a sealed ruling."""
    ruling = world.sealed()
    with pytest.raises(StoreError, match="frozen"), world.store.unit_of_work() as uow:
        stored = uow.rulings.get(ruling.id)
        uow.rulings.add(replace(stored, decision="متن دیگر"))
    with pytest.raises(StoreError, match="already sealed"), world.store.unit_of_work() as uow:
        record = uow.signing.sealed(ruling.id)
        uow.signing.add_sealed(replace(record, bundle=b"{}"))
    assert world.rulings.verify(world.rulings.bundle(ruling.id)).ok


# --- corrections and approvals ---------------------------------------------------------------


def test_correction_supersedes_the_old_ruling_and_says_so(world: World):
    """A correction is a new ruling: sealing it marks the old one superseded."""
    old = world.sealed()
    new = world.rulings.draft_correction(old.id, decision="رد صلاحیت با استناد به بند ح.")
    assert new.supersedes_id == old.id and new.id != old.id
    world.rulings.start_signing(new.id)
    result = world.sign(new.id, world.ids(COUNTY))
    assert result.sealed.superseded_id == old.id
    assert world.rulings.get(old.id).status is RulingStatus.SUPERSEDED
    payload = parse_bundle(world.rulings.bundle(new.id)).payload
    assert payload["supersedes"] == old.id and payload["serial"] == 2
    assert world.rulings.verify(world.rulings.bundle(new.id)).ok
    assert world.rulings.verify(world.rulings.bundle(old.id)).ok  # still in the ledger


def test_only_a_sealed_ruling_of_the_same_board_is_superseded(world: World):
    """Correcting a draft, or another board's ruling, is refused."""
    draft = world.draft()
    with pytest.raises(RulingError, match="only a sealed ruling"):
        world.rulings.draft_correction(draft.id)
    other = world.sealed(OTHER)
    stray = replace(draft, id=str(uuid.uuid4()), supersedes_id=other.id)
    world.rulings.create_draft(stray)
    with pytest.raises(RulingError, match="own board"):
        world.rulings.start_signing(stray.id)


def test_county_annulment_awaits_central_approval(world: World):
    """A county board's annulment seals as AWAITING_APPROVAL until the central board approves."""
    annulment = world.sealed(subject=RulingSubject.ANNULMENT)
    assert world.rulings.get(annulment.id).status is RulingStatus.AWAITING_APPROVAL
    approval = world.sealed(CENTRAL, subject=RulingSubject.ANNULMENT,
                            extra={"approves": annulment.id})
    assert world.rulings.get(approval.id).status is RulingStatus.SEALED
    assert world.rulings.get(annulment.id).status is RulingStatus.SEALED
    with world.store.unit_of_work(read_only=True) as uow:
        actions = [e.action for e in uow.audit.for_subject(annulment.id)]
    assert "ruling.annulment_approved" in actions


# --- verification: the acceptance bullets ----------------------------------------------------


@pytest.mark.parametrize("position", [0, 25, 400, 1200, -3])
def test_flipping_any_byte_of_a_sealed_bundle_is_detected(world: World, position: int):
    """verify fails on a bundle with one byte changed."""
    ruling = world.sealed()
    data = bytearray(world.rulings.bundle(ruling.id))
    data[position] ^= 0x04
    outcome = world.rulings.verify(bytes(data))
    assert not outcome.ok and outcome.failures


def test_signature_by_a_member_of_another_board_is_rejected(world: World):
    """A BX member's signature on a BC ruling: refused when added, and fails verification."""
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    payload = world.rulings.frozen_payload(ruling.id)
    intruder = world.members.signer("BX-m1", passphrase("BX-m1"))
    forged = MemberSignature("BC-m4", cert_pem(intruder.certificate),
                             intruder.sign(payload_bytes(payload)))
    from supervisor_app.signing.requests import build_signature_response

    with pytest.raises(RulingError) as caught:
        world.rulings.add_signature(build_signature_response(payload, forged))
    assert "another board" in str(caught.value) and "هیات دیگری" in caught.value.message_fa
    world.sign(ruling.id, ["BC-m1", "BC-m2"])
    with world.store.unit_of_work(read_only=True) as uow:
        sigs = [MemberSignature(s.member_id, s.certificate, base64.b64decode(s.signature))
                for s in uow.signing.signatures(ruling.id)]
    bundle = assemble_bundle(payload, [*sigs, forged], ca_certificate=world.certificates.anchor(),
                             crl=world.certificates.latest_crl())
    codes = world.rulings.verify(bundle).report.codes()
    assert {"wrong_board", "quorum_not_met"} <= codes


def test_revoked_certificate_cannot_sign_and_invalidates_its_sealed_rulings(world: World):
    """After a key-compromise revocation the member cannot sign and old seals fail verify."""
    sealed = world.sealed(signers=["BC-m1", "BC-m2", "BC-m3"])
    cert = world.members.keys.certificate("BC-m3")
    world.clock.advance(minutes=5)
    world.certificates.revoke(world.ca_dir, CA_PASS, cert.serial_number, "keyCompromise")
    world.certificates.import_crl(world.certificates.crl(world.ca_dir, CA_PASS))
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    with pytest.raises(RulingError) as caught:
        world.rulings.sign(ruling.id, "BC-m3", passphrase("BC-m3"))
    assert "revoked" in str(caught.value) and "باطل" in caught.value.message_fa
    outcome = world.rulings.verify(world.rulings.bundle(sealed.id))
    assert "certificate_revoked" in outcome.report.codes() and not outcome.ok


def test_expired_certificate_cannot_sign_and_fails_verify(world: World):
    """A certificate past its validity is refused at signing time and by the verifier."""
    _enrol(world.certificates, world.members, world.ca_dir, "BC-m5", days=1)
    world.clock.advance(days=2)
    world.certificates.import_crl(world.certificates.crl(world.ca_dir, CA_PASS))
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    with pytest.raises(RulingError) as caught:
        world.rulings.sign(ruling.id, "BC-m5", passphrase("BC-m5"))
    assert "was not valid" in str(caught.value)
    payload = world.rulings.frozen_payload(ruling.id)
    sigs = [sign_payload(payload, m, world.members.signer(m, passphrase(m)))
            for m in ("BC-m1", "BC-m2", "BC-m5")]  # BC-m5 signs anyway, outside the service
    bundle = assemble_bundle(payload, sigs, ca_certificate=world.certificates.anchor(),
                             crl=world.certificates.latest_crl())
    outcome = world.rulings.verify(bundle)
    assert "certificate_expired" in outcome.report.codes() and not outcome.ok
    assert outcome.report.valid_signers == ("BC-m1", "BC-m2")


def test_forged_ca_is_rejected_by_verify_and_by_trust_import(world: World):
    """A look-alike CA's bundle fails verification; its trust bundle is refused outright."""
    forger = init_ca(world.root / "forged", "هیات مرکزی نظارت — مرجع گواهی", "forger-pass",
                     now=world.clock())
    forged_keys = MemberKeys(MemoryKeystore())
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    payload = world.rulings.frozen_payload(ruling.id)
    sigs = []
    with world.store.unit_of_work(read_only=True) as uow:
        board = uow.boards.get(COUNTY.id)
        roster = {m.id: m for m in uow.boards.members(COUNTY.id)}
    for member_id in world.ids(COUNTY)[:3]:
        forged_keys.create(member_id, "forged-passphrase")
        csr = forged_keys.csr(roster[member_id], board, "forged-passphrase")
        cert = forger.issue(csr, board_id=COUNTY.id, role=roster[member_id].role, valid_days=30,
                            now=world.clock())
        forged_keys.store_certificate(member_id, cert)
        sigs.append(sign_payload(payload, member_id,
                                 forged_keys.signer(member_id, "forged-passphrase")))
    bundle = assemble_bundle(payload, sigs, ca_certificate=forger.certificate,
                             crl=forger.crl(now=world.clock()))
    codes = world.rulings.verify(bundle).report.codes()
    assert {"ca_mismatch", "certificate_untrusted", "crl_invalid", "quorum_not_met"} <= codes
    trust = build_trust_bundle(forger.certificate, forger.issued(), forger.crl(now=world.clock()))
    with pytest.raises(TrustError, match="not the central CA"):
        world.certificates.import_trust_bundle(trust)


def test_replayed_and_reordered_rulings_are_refused_on_import(
    world: World, template: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
):
    """Another workstation imports rulings only in ledger order, and never twice."""
    first, second = world.sealed(), world.sealed()
    b1, b2 = world.rulings.bundle(first.id), world.rulings.bundle(second.id)
    elsewhere = _world(template, tmp_path_factory.mktemp("elsewhere"))
    try:
        elsewhere.clock.at = world.clock()
        with pytest.raises(LedgerError) as caught:
            elsewhere.rulings.import_bundle(b2)
        assert not isinstance(caught.value, ReplayedRuling)
        assert elsewhere.rulings.import_bundle(b1).status is RulingStatus.SEALED
        with pytest.raises(ReplayedRuling):
            elsewhere.rulings.import_bundle(b1)
        elsewhere.rulings.import_bundle(b2)
        assert elsewhere.rulings.verify(b2).ok
        assert elsewhere.rulings.ledger_json(COUNTY.id)[0].count(b'"ruling_id"') == 2
    finally:
        elsewhere.store.close()


def test_replayed_ruling_under_a_new_ledger_position_fails_verify(world: World):
    """The same ruling re-signed for a later ledger position is reported as a replay."""
    ruling = world.sealed()
    payload = parse_bundle(world.rulings.bundle(ruling.id)).payload
    with world.store.unit_of_work(read_only=True) as uow:
        head = uow.signing.ledger(COUNTY.id)[-1]
    replayed = dict(payload, ledger={"seq": 2, "prev": head.hash})
    sigs = [sign_payload(replayed, m, world.members.signer(m, passphrase(m)))
            for m in world.ids(COUNTY)[:3]]
    bundle = assemble_bundle(replayed, sigs, ca_certificate=world.certificates.anchor(),
                             crl=world.certificates.latest_crl())
    outcome = world.rulings.verify(bundle)
    assert "ledger_replay" in outcome.report.codes() and not outcome.ok


def test_reordered_ruling_fails_verify_against_the_ledger(world: World):
    """A ruling claiming a later ledger position (a gap), or another board's ledger, fails."""
    world.sealed()
    world.sealed(OTHER)
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    skipped = dict(world.rulings.frozen_payload(ruling.id), ledger={"seq": 3, "prev": "ab" * 32})
    sigs = [sign_payload(skipped, m, world.members.signer(m, passphrase(m)))
            for m in world.ids(COUNTY)[:3]]
    bundle = assemble_bundle(skipped, sigs, ca_certificate=world.certificates.anchor(),
                             crl=world.certificates.latest_crl())
    assert "ledger_gap" in world.rulings.verify(bundle).report.codes()
    other_ledger, _ = world.rulings.ledger_json(OTHER.id)
    outcome = world.rulings.verify(bundle, ledger_file=other_ledger)
    assert "ledger_board" in outcome.report.codes() and not outcome.ok


def test_verify_without_the_ledger_fails_as_inclusion_not_checked(
    world: World, template: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
):
    """Without the board's ledger, verify is not ok (ledger_not_checked); with a file it is."""
    ruling = world.sealed()
    bundle = world.rulings.bundle(ruling.id)
    ledger_file, signed = world.rulings.ledger_json(COUNTY.id)
    assert signed
    elsewhere = _world(template, tmp_path_factory.mktemp("auditor"))
    try:
        elsewhere.clock.at = world.clock()
        bare = elsewhere.rulings.verify(bundle)
        assert bare.report.ok  # the signatures, chain and quorum hold ...
        assert not bare.ok and bare.ledger_source == "none"  # ... but inclusion is unknown
        missing = [c for c in bare.failures if c.code == "ledger_not_checked"]
        assert len(missing) == 1
        assert "--ledger" in missing[0].message_en and "بررسی نشد" in missing[0].message_fa
        full = elsewhere.rulings.verify(bundle, ledger_file=ledger_file)
        assert full.ok and full.ledger_source == "file" and full.ledger_report.ok
    finally:
        elsewhere.store.close()


def test_ledger_export_verifies_and_tampering_is_found(world: World):
    """The exported ledger has a signed head; an edited entry breaks it."""
    world.sealed()
    world.sealed()
    data, signed = world.rulings.ledger_json(COUNTY.id)
    anchor = cert_pem(world.certificates.anchor())
    assert signed and verify_ledger(data, anchor, at=world.clock()).ok
    document = json.loads(data)
    document["entries"][0]["ruling_hash"] = "0" * 64
    report = verify_ledger(json.dumps(document).encode(), anchor, at=world.clock())
    assert "ledger_hash" in report.codes()


def test_pdf_verification_is_not_supported_yet(world: World):
    """A PDF is refused with a clear bilingual message rather than misreported."""
    with pytest.raises(UnsupportedDocument) as caught:
        world.rulings.verify(b"%PDF-1.7\n...")
    assert "PDF" in str(caught.value) and "PDF" in caught.value.message_fa


# --- one unit of work ------------------------------------------------------------------------


def test_failure_after_seal_inside_the_unit_writes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    """Kill test: the outbox write raises after the seal: no bundle, entry, event or status."""
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    world.sign(ruling.id, world.ids(COUNTY)[:3])

    def crash(self: OutboxRepository, item: Any) -> None:
        raise RuntimeError("power cut")

    with monkeypatch.context() as patch:
        patch.setattr(OutboxRepository, "add", crash)
        with pytest.raises(RuntimeError, match="power cut"):
            world.rulings.seal(ruling.id, "BC-m1", passphrase("BC-m1"))
    with world.store.unit_of_work(read_only=True) as uow:
        assert uow.rulings.get(ruling.id).status is RulingStatus.SIGNING
        assert uow.signing.sealed(ruling.id) is None
        assert uow.signing.ledger(COUNTY.id) == [] and uow.signing.latest_head(COUNTY.id) is None
        assert uow.outbox.count() == 0
        assert "ruling.sealed" not in [e.action for e in uow.audit.for_subject(ruling.id)]
    sealed = world.rulings.seal(ruling.id, "BC-m1", passphrase("BC-m1"))
    assert sealed.ledger_seq == 1 and sealed.serial == 1


# --- signing on a member's own workstation ---------------------------------------------------


def test_member_signs_a_request_on_their_own_workstation(world: World):
    """Request file out, signature file back: the board's workstation adds and seals."""
    ruling = world.draft()
    world.rulings.start_signing(ruling.id)
    request = world.rulings.signing_request(ruling.id)
    responses = [world.rulings.sign_request(request, m, passphrase(m))
                 for m in world.ids(COUNTY)[:3]]
    for response in responses:
        world.rulings.add_signature(response)
    with pytest.raises(RulingError, match="already signed"):
        world.rulings.add_signature(responses[0])
    assert world.rulings.seal(ruling.id, "BC-m1", passphrase("BC-m1")).signers == (
        "BC-m1", "BC-m2", "BC-m3")


# --- enrolment and trust ---------------------------------------------------------------------


def test_certificate_for_another_board_or_key_is_refused(world: World):
    """import_certificate checks board, role and key against this workstation."""
    ca = world.certificates.open_ca(world.ca_dir, CA_PASS)
    with world.store.unit_of_work(read_only=True) as uow:
        member = uow.boards.member("BC-m2")
    key = world.members.keys.unlock("BC-m2", passphrase("BC-m2"))
    csr = create_csr(key, replace(member, board_id=OTHER.id), OTHER)  # asks for the wrong board
    wrong_board = ca.issue(csr, board_id=OTHER.id, role=MemberRole.DEPUTY, valid_days=30,
                           board_name=OTHER.name, now=world.clock())
    with pytest.raises(EnrolmentError, match="board"):
        world.members.import_certificate(wrong_board.public_bytes(serialization.Encoding.PEM))
    world.members.create_key("BC-m2", passphrase("BC-m2"), replace=True)  # old cert: other key
    old = world.members.keys.certificate("BC-m2")
    with pytest.raises(EnrolmentError, match="another key"):
        world.members.import_certificate(old.public_bytes(serialization.Encoding.PEM))


def test_ca_issue_checks_the_member_against_the_store(world: World):
    """The CA refuses a CSR naming another board or role than the store records."""
    csr = world.members.csr("BC-m1", passphrase("BC-m1"))
    from supervisor_app.signing.errors import CertificateAuthorityError

    with pytest.raises(CertificateAuthorityError, match="sits on board"):
        world.certificates.issue(world.ca_dir, CA_PASS, csr, board_id=OTHER.id)
    with pytest.raises(CertificateAuthorityError, match="is chair"):
        world.certificates.issue(world.ca_dir, CA_PASS, csr, role=MemberRole.MEMBER)


def test_first_trust_import_needs_the_right_fingerprint(world: World, tmp_path: Path):
    """A fresh workstation pins the CA only with the fingerprint the central board publishes."""
    store = open_store(tmp_path / "fresh.sqlite3")
    try:
        fresh = CertificateService(store, world.clock)
        bundle = world.certificates.trust_bundle(world.ca_dir, CA_PASS)
        with pytest.raises(TrustError, match="fingerprint"):
            fresh.import_trust_bundle(bundle)
        with pytest.raises(TrustError, match="not the expected"):
            fresh.import_trust_bundle(bundle, pin="00" * 32)
        result = fresh.import_trust_bundle(bundle, pin=world.ca_fingerprint.upper())
        assert result.anchor_set and result.new_certificates == 13
        assert fresh.summary().crl_current
    finally:
        store.close()


def test_end_to_end_through_the_encrypted_file_keystore(world: World, tmp_path: Path):
    """Key, CSR, certificate and a signature with keys kept in the encrypted keystore file."""
    opener = keystore_opener(tmp_path, "master-passphrase")
    members = MemberKeyService(world.store, opener, world.certificates, world.clock)
    rulings = RulingService(world.store, members, now=world.clock)
    for m in world.ids(COUNTY)[:3]:
        _enrol(world.certificates, members, world.ca_dir, m)
    ruling = world.draft(present=world.ids(COUNTY)[:3])
    rulings.start_signing(ruling.id)
    with pytest.raises(WrongPassphrase):
        rulings.sign(ruling.id, "BC-m1", "wrong-passphrase")
    for m in world.ids(COUNTY)[:3]:
        result = rulings.sign(ruling.id, m, passphrase(m))
    assert result.sealed is not None
    raw = (tmp_path / KEYSTORE_FILE).read_bytes()
    assert b"PRIVATE KEY" not in raw and b"BC-m1" not in raw and b"CERTIFICATE" not in raw
    with pytest.raises(WrongKeystorePassphrase):
        keystore_opener(tmp_path, "not-the-master")()
    reopened = keystore_opener(tmp_path, "master-passphrase")()
    assert "ENCRYPTED PRIVATE KEY" in MemberKeys(reopened).stored_pem("BC-m1")


def test_listing_shows_status_and_signatures(world: World):
    """list_rulings gives each ruling's status and how many present members signed."""
    sealed = world.sealed()
    pending = world.draft(OTHER)
    world.rulings.start_signing(pending.id)
    world.sign(pending.id, ["BX-m1"])
    rows = {r.id: r for r in world.rulings.list_rulings()}
    assert rows[sealed.id].status is RulingStatus.SEALED and rows[sealed.id].signed == 3
    assert rows[pending.id].status is RulingStatus.SIGNING and rows[pending.id].signed == 1
    assert rows[pending.id].required_present == 2 and rows[pending.id].board_name == OTHER.name
    assert [r.id for r in world.rulings.list_rulings(board_id=OTHER.id)] == [pending.id]


def test_drafts_name_only_board_members(world: World):
    """A draft listing a stranger as present is refused."""
    with pytest.raises(RulingError, match="not members"):
        world.draft(present=["BC-m1", "BX-m1"])


def test_issued_date_of_a_correction_defaults_to_today(world: World):
    """draft_correction copies the content, with today's date unless told otherwise."""
    old = world.sealed()
    world.clock.advance(days=1)
    new = world.rulings.draft_correction(old.id, issued_on=date(2026, 3, 5))
    assert new.issued_on == date(2026, 3, 5) and new.reasoning == old.reasoning
