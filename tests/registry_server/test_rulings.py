"""The server verifies sealed rulings (signatures, certificates, quorum) and board ledgers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

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
from supervisor_app.signing.keys import SoftwareSigner, create_csr, generate_private_key
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
               board=None, pki=None, session_at=None):
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
            ruling, board, self.roster,
            session_at=session_at or live_now(live) - timedelta(hours=1),
            ledger_seq=seq or self.seq, prev_ledger_hash=prev or self.prev,
        )
        return payload, self.sign(payload, signers or present, pki)

    def sign(self, payload, signers, pki=None):
        """The bundle of ``payload`` signed by ``signers`` (member ids)."""
        table = pki or self.live.pki.signers
        sigs = [sign_payload(payload, binding_of(table[m].certificate).member_id, table[m])
                for m in signers]
        return assemble_bundle(payload, sigs, ca_certificate=self.live.pki.ca.certificate_pem,
                               crl=self.live.pki.crl_pem())

    def quorate(self):
        """Three voting members none of whom is revoked (the revocation test moves its
        victim to the end of ``voting``)."""
        return self.voting[:3]

    def push_next(self):
        """Seal and push the next ruling, so that the board's ledger has a head."""
        payload, data = self.bundle(present=self.quorate())
        assert _push_ruling(self.live, data)["status"] == "created"
        self.accept(payload)
        return payload

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


@contextmanager
def _server_clock_ahead(live, ahead: timedelta) -> Iterator[None]:
    """The server's clock runs ``ahead`` of real time (a workstation pushing days later)."""
    settings = live.registry.settings
    real = settings.clock
    settings.clock = lambda: real() + ahead
    try:
        yield
    finally:
        settings.clock = real


def _push_later(live, data, ahead: timedelta):
    """Push a ruling as if ``ahead`` had passed since it was sealed (a fresh token: the
    cached one has expired by the server's clock)."""
    ruling_id = json.loads(data)["payload"]["ruling_id"]
    with _server_clock_ahead(live, ahead):
        token = live.login(COUNTY)["token"]
        body = live.batch(COUNTY, [live.item("ruling", {"bundle": data.decode("utf-8")},
                                             item_id=ruling_id)])
        with live.client(token) as c:
            response = c.post("/push", json=body)
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


def _signer_certified(live, member_id: str, *, at: datetime, days: int) -> SoftwareSigner:
    """A second key of ``member_id``, certified by the test CA from ``at`` for ``days``."""
    member = next(m for m in live.dataset.members if m.id == member_id)
    board = next(b for b in live.dataset.boards if b.id == member.board_id)
    key = generate_private_key()
    cert = live.pki.ca.issue(create_csr(key, member, board), board_id=board.id,
                             role=member.role, valid_days=days, now=at)
    return SoftwareSigner(key, cert)


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


def _flip_at(text: str, marker: str, offset: int) -> str:
    """``text`` with the character ``offset`` after ``marker`` changed (one bit of it)."""
    i = text.index(marker) + len(marker) + offset
    return text[:i] + chr(ord(text[i]) ^ 1) + text[i + 1:]


# Where to flip: the signed payload, the first signature and member certificate, the CA
# certificate, the CRL, the bundle's ledger entry and its payload hash.
FLIPS = [
    ('"decision":"', 0),
    ('"serial":', 0),
    ('"session_at":"', 3),
    ('"vote":"', 2),
    ('"signature":"', 20),
    ('"certificate":"-----BEGIN CERTIFICATE-----\\n', 100),
    ('"ca_certificate":"-----BEGIN CERTIFICATE-----\\n', 100),
    ('"crl":"-----BEGIN X509 CRL-----\\n', 50),
    ('"ledger_entry":{"board_id":"', 2),
    ('"payload_sha256":"', 10),
]


def test_flipped_byte_is_detected(live, chain):
    """A flip anywhere in a sealed bundle (payload, signature, certificates, CRL, ledger
    entry) is refused; the untouched bundle then takes the still-free ledger position."""
    payload, data = chain.bundle(present=chain.quorate())
    text = data.decode()
    for marker, offset in FLIPS:
        tampered = _flip_at(text, marker, offset)
        assert tampered != text
        result = _push_ruling(live, tampered.encode())
        assert result["status"] == "rejected", marker
        assert result["error"]["code"] in ("ruling_invalid", "invalid_payload"), marker
        if marker == '"decision":"':  # a signed field: the hash and every signature break
            checks = set(result["error"]["details"]["checks"])
            assert {"payload_hash", "signature_invalid"} <= checks
    assert _push_ruling(live, data)["status"] == "created"
    chain.accept(payload)


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


def test_ledger_gap_is_retryable_and_a_taken_position_is_a_fork(live, chain):
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
    refused = _push_ruling(live, fork)["error"]
    assert refused["code"] == "ledger_fork" and refused["details"]["retryable"] is False


def test_replayed_ruling_at_a_new_ledger_position_is_refused(live, chain):
    """The same ruling re-signed by its members for the next position is a replay; the
    position stays free for a new ruling."""
    recorded = chain.push_next()
    replayed = dict(recorded, ledger={"seq": chain.seq, "prev": chain.prev})
    result = _push_ruling(live, chain.sign(replayed, chain.quorate()))
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "ledger_replay"
    assert result["error"]["details"]["retryable"] is False
    chain.push_next()  # the position the replay claimed


def test_next_position_on_a_wrong_predecessor_is_a_permanent_fork(live, chain):
    """Entry n+1 whose predecessor hash is not the ledger's head is a fork, not a gap that
    would be retried for ever."""
    chain.push_next()
    _payload, data = chain.bundle(present=chain.quorate(), prev="ab" * 32)
    result = _push_ruling(live, data)
    assert result["error"]["code"] == "ledger_fork"
    assert result["error"]["details"]["retryable"] is False
    assert "ledger_fork" in result["error"]["details"]["checks"]


def test_ruling_sealed_offline_is_accepted_days_later(live, chain):
    """Sealed now and pushed ten days later, after a signer's certificate expired: the
    signatures were valid at the session, which is inside the server's window."""
    first = chain.quorate()[0]
    brief = _signer_certified(live, first, at=live_now(live) - timedelta(hours=2), days=1)
    payload, data = chain.bundle(present=chain.quorate(),
                                 pki={**live.pki.signers, first: brief})
    result = _push_later(live, data, timedelta(days=10))
    assert result["status"] == "created", result
    chain.accept(payload)


def test_ruling_pushed_after_the_window_is_refused_for_good(live, chain):
    """A session older than the window (14 days) is refused, not retried; in time it passes."""
    payload, data = chain.bundle(present=chain.quorate())
    late = _push_later(live, data, timedelta(days=15))
    assert late["status"] == "rejected"
    assert late["error"]["code"] == "session_out_of_window"
    assert late["error"]["details"]["checks"] == ["session_too_old"]
    assert late["error"]["details"]["retryable"] is False
    assert "قدیمی" in late["error"]["message_fa"]
    assert _push_ruling(live, data)["status"] == "created"
    chain.accept(payload)


def test_expired_certificate_is_rejected_even_with_a_backdated_session(live, chain):
    """A certificate expired at the session fails; backdating the session to when it was
    valid (re-signed by members valid then) is refused as earlier than the previous ruling."""
    chain.push_next()
    first = chain.quorate()[0]
    now = live_now(live)
    expired = _signer_certified(live, first, at=now - timedelta(hours=36), days=1)
    assert expired.certificate.not_valid_after_utc < now
    signers = {**live.pki.signers, first: expired}
    _payload, data = chain.bundle(present=chain.quorate(), pki=signers)
    result = _push_ruling(live, data)
    assert result["error"]["code"] == "ruling_invalid"
    assert "certificate_expired" in result["error"]["details"]["checks"]

    backdated = now - timedelta(hours=20)  # inside every signer's certificate
    _payload, data = chain.bundle(present=chain.quorate(), pki=signers, session_at=backdated)
    result = _push_ruling(live, data)
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "session_out_of_window"
    assert result["error"]["details"]["checks"] == ["session_before_predecessor"]


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
