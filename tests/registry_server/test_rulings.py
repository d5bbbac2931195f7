"""The server verifies sealed rulings (signatures, certificates, quorum) and board ledgers."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest
from cryptography import x509

from supervisor_app.domain import wire
from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import (
    assemble_bundle,
    ledger_entry_for,
    ruling_payload,
    sign_payload,
)
from supervisor_app.signing.pki import binding_of, crl_pem

COUNTY = "demo-county"
BOARD = "B-C0801"


class Chain:
    """Builds consecutive rulings of one board, as a workstation would."""

    def __init__(self, live, board_id=BOARD):
        self.live = live
        self.board = next(b for b in live.dataset.boards if b.id == board_id)
        self.roster = [m for m in live.dataset.members if m.board_id == board_id]
        self.voting = [m.id for m in self.roster if m.votes]
        self.seq = 1
        self.prev = GENESIS_HASH

    def bundle(self, *, present=None, signers=None, approve=None, seq=None, prev=None,
               board=None, pki=None):
        live = self.live
        present = list(present if present is not None else self.voting)
        approve = present if approve is None else approve
        board = board or self.board
        ruling = Ruling(
            id=str(uuid.uuid4()), board_id=board.id, serial=seq or self.seq,
            issued_on=date.today(), subject=RulingSubject.QUALIFICATION,
            subject_ref="R-1404-0000001", legal_basis=(LegalBasis("37", "ز"),),
            reasoning="داوطلب فاقد مدرک تحصیلی لازم است.", decision="رد صلاحیت تأیید می‌شود.",
            present_member_ids=tuple(present),
            absent_member_ids=tuple(m for m in self.voting if m not in present),
            votes=tuple(MemberVote(m, Vote.APPROVE if m in approve else Vote.REJECT)
                        for m in present),
        )
        payload = ruling_payload(
            ruling, board, self.roster, session_at=live_now(live) - timedelta(hours=1),
            ledger_seq=seq or self.seq, prev_ledger_hash=prev or self.prev,
        )
        table = pki or live.pki.signers
        sigs = [sign_payload(payload, binding_of(table[m].certificate).member_id, table[m])
                for m in (signers or present)]
        data = assemble_bundle(payload, sigs, ca_certificate=live.pki.ca.certificate_pem,
                               crl=live.pki.crl_pem())
        return payload, data

    def accept(self, payload):
        entry = ledger_entry_for(payload)
        self.seq, self.prev = entry.seq + 1, entry.hash


def live_now(live):
    return live.registry.now()


def _push_ruling(live, data, username=COUNTY, item_id=None):
    payload = {"bundle": data.decode("utf-8")}
    ruling_id = json.loads(data)["payload"]["ruling_id"]
    response = live.push(username, [live.item("ruling", payload, item_id=item_id or ruling_id)])
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


@pytest.fixture(scope="module")
def chain(live):
    return Chain(live)


def test_sealed_ruling_is_accepted_published_and_downloadable(live, chain):
    """A quorate, correctly signed ruling is accepted; its ref and exact bundle come back."""
    payload, data = chain.bundle()
    result = _push_ruling(live, data)
    assert result["status"] == "created", result
    chain.accept(payload)
    with live.as_user(COUNTY) as c:
        records, _ = live.pull_all(c, "records")
        ref = next(r for r in records if r["kind"] == "ruling_ref"
                   and r["id"] == payload["ruling_id"])
        assert wire.decode_ruling_ref(ref["data"]).ledger_seq == payload["ledger"]["seq"]
        got = c.get(f"/rulings/{payload['ruling_id']}/bundle")
    assert got.status_code == 200
    assert got.content == data
    assert _push_ruling(live, data)["status"] == "duplicate"


def test_ruling_one_signature_short_of_quorum_is_rejected(live, chain):
    """Two valid signatures where three are required: quorum not met."""
    _payload, data = chain.bundle(present=chain.voting[:3], signers=chain.voting[:2])
    result = _push_ruling(live, data)
    assert result["error"]["code"] == "ruling_invalid"
    assert "quorum_not_met" in result["error"]["details"]["checks"]


def test_ruling_without_majority_of_approving_signatures_is_rejected(live, chain):
    """Quorum present but only two approving votes of five: majority not met."""
    _payload, data = chain.bundle(present=chain.voting[:4], approve=chain.voting[:2])
    result = _push_ruling(live, data)
    assert "majority_not_met" in result["error"]["details"]["checks"]


def test_flipped_byte_is_detected(live, chain):
    """Changing one character of a sealed bundle makes it malformed or invalid."""
    _payload, data = chain.bundle()
    text = data.decode()
    i = text.index("رد صلاحیت")
    tampered = (text[:i] + "تأیید" + text[i + 9:]).encode()
    result = _push_ruling(live, tampered)
    assert result["status"] == "rejected"
    assert result["error"]["code"] in ("ruling_invalid", "invalid_payload")


def test_signature_by_a_member_of_another_board_is_rejected(live, chain):
    """A member of Rey's board cannot sign for Tehran's board."""
    other = next(m.id for m in live.dataset.members if m.board_id == "B-C0802")
    signers = {**live.pki.signers}
    signers[chain.voting[0]] = live.pki.signers[other]
    _payload, data = chain.bundle(pki=signers)
    result = _push_ruling(live, data)
    checks = result["error"]["details"]["checks"]
    assert {"wrong_board", "not_present"} <= set(checks)


def test_forged_ca_is_rejected(live, chain):
    """Certificates from a look-alike CA do not count."""
    _payload, data = chain.bundle(pki=live.pki.forged_signers)
    result = _push_ruling(live, data)
    assert "certificate_untrusted" in result["error"]["details"]["checks"]


def test_revoked_certificate_is_rejected(live, chain):
    """A signer whose certificate the CA revoked (key compromise) is not counted."""
    victim = chain.voting[0]
    serial = live.pki.signers[victim].certificate.serial_number
    if not any(r.serial == serial for r in live.pki.ca.revocations()):
        live.pki.ca.revoke(serial, x509.ReasonFlags.key_compromise,
                           at=live_now(live) - timedelta(days=1))
    live.set_crl(crl_pem(live.pki.ca.crl(now=live_now(live) - timedelta(minutes=5))))
    try:
        _payload, data = chain.bundle()
        result = _push_ruling(live, data)
        assert "certificate_revoked" in result["error"]["details"]["checks"]
    finally:
        # The revocation stays in the CA; later tests sign without the victim.
        chain.voting = [m for m in chain.voting if m != victim] + [victim]


def test_ledger_gap_is_retryable_and_fork_and_replay_are_refused(live, chain):
    """Entry n+2 before n+1 waits; a second ruling at a taken position is a fork."""
    signers = chain.voting[1:4]
    first_payload, first = chain.bundle(present=signers)
    second_payload, second = chain.bundle(
        present=signers, seq=chain.seq + 1, prev=ledger_entry_for(first_payload).hash)
    gap = _push_ruling(live, second)
    assert gap["error"]["code"] == "missing_predecessor"
    assert gap["error"]["details"]["retryable"] is True
    assert _push_ruling(live, first)["status"] == "created"
    chain.accept(first_payload)
    assert _push_ruling(live, second)["status"] == "created"
    chain.accept(second_payload)
    # Another ruling claiming the first position: a fork.
    _fork_payload, fork = chain.bundle(present=signers, seq=first_payload["ledger"]["seq"],
                                       prev=first_payload["ledger"]["prev"])
    assert _push_ruling(live, fork)["error"]["code"] == "ledger_fork"


def test_ruling_of_another_board_is_refused(live):
    """A county account cannot push a ruling of another board."""
    other = Chain(live, "B-C0802")
    _payload, data = other.bundle()
    assert _push_ruling(live, data)["error"]["code"] == "board_mismatch"


def test_ruling_item_id_must_be_the_ruling_id(live, chain):
    """The outbox id of a ruling is its ruling id."""
    _payload, data = chain.bundle()
    result = _push_ruling(live, data, item_id=str(uuid.uuid4()))
    assert result["error"]["code"] == "id_mismatch"


def test_not_a_bundle_is_an_invalid_payload(live):
    """Garbage in the bundle field is refused as an invalid payload."""
    rid = str(uuid.uuid4())
    response = live.push(COUNTY, [live.item("ruling", {"bundle": "{}"}, item_id=rid)])
    assert response.json()["results"][0]["error"]["code"] == "invalid_payload"


def test_binding_of_test_certificates_names_the_board(live):
    """The test PKI certifies members for their own board (sanity of the fixture)."""
    member = next(m for m in live.dataset.members if m.board_id == BOARD)
    assert binding_of(live.pki.signers[member.id].certificate).board_id == BOARD
