"""Sealed ruling bundles: what the verifier accepts and every way it must refuse."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import QuorumRule
from supervisor_app.domain.canonical import canonical_bytes, canonical_json, sha256_hex
from supervisor_app.domain.errors import DomainError
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import (
    BUNDLE_FORMAT,
    parse_bundle,
    payload_bytes,
    ruling_payload,
    seal_ruling,
    sign_payload,
    verify_bundle,
)
from supervisor_app.signing.errors import NotSealed, SigningError
from supervisor_app.signing.keys import MemberKeys
from supervisor_app.signing.pki import crl_pem
from supervisor_app.signing.report import MESSAGES

ALL_A = ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"]


def _verify(pki, bundle, **kwargs):
    kwargs.setdefault("at", pki.t_seal)
    return verify_bundle(bundle, pki.ca_pem, **kwargs)


def _flip(data: bytes, position: int, mask: int) -> bytes:
    out = bytearray(data)
    out[position] ^= mask
    return bytes(out)


# --- the good case ------------------------------------------------------------------------


def test_sealed_bundle_verifies(pki, sealed):
    """A bundle sealed by all five members verifies with no failures."""
    report = _verify(pki, sealed, quorum=pki.board_a.quorum, roster=pki.roster(pki.board_a))
    assert report.ok, report.failures
    assert report.valid_signers == tuple(ALL_A)
    assert report.board_id == pki.board_a.id
    assert report.ruling_hash == sha256_hex(payload_bytes(parse_bundle(sealed).payload))


def test_bundle_is_canonical_json_with_the_documented_fields(pki, sealed):
    """The bundle is RFC 8785 JSON with payload, signatures, CA, CRL and ledger entry."""
    document = json.loads(sealed)
    assert document["format"] == BUNDLE_FORMAT and document["version"] == 1
    assert set(document) == {"format", "version", "payload", "payload_sha256", "signatures",
                             "ca_certificate", "crl", "ledger_entry"}
    assert [s["member_id"] for s in document["signatures"]] == ALL_A
    assert document["ca_certificate"] == pki.ca_pem
    assert document["ledger_entry"]["seq"] == 1
    assert document["ledger_entry"]["ruling_hash"] == document["payload_sha256"]


def test_payload_carries_votes_dissent_quorum_and_ledger_position(pki):
    """Everything a ruling says, including dissent and the ledger link, is in the signed bytes."""
    payload, _ = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3", "a-m4"],
                           approve=["a-m1", "a-m2", "a-m3"], signers=[])
    assert payload["absent"] == [{"member_id": "a-m5", "full_name": pki.members["a-m5"].full_name,
                                  "role": "member"}]
    assert payload["votes"][3] == {"member_id": "a-m4", "vote": "reject",
                                   "dissent_note": "به نظر اینجانب مدرک تحصیلی کافی است."}
    assert payload["quorum"] == {"full_membership": 5, "required_present": 3,
                                 "required_votes": 3, "met": True}
    assert payload["ledger"] == {"seq": 1, "prev": "0" * 64}
    assert payload["issued_on_jalali"] == "1404/10/25"
    assert payload["legal_basis"][0] == {"article": "37", "clause": "ز"}
    signed = payload_bytes(payload)
    assert signed.startswith(b"nezarat-1//ruling//")
    assert signed == canonical_bytes("ruling", payload)
    assert "مدرک تحصیلی کافی".encode() in signed


def test_dissenting_member_still_signs_and_decision_carries(pki):
    """Four present, three approve and one dissents: all four sign and the ruling seals."""
    payload, sigs = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3", "a-m4"],
                              approve=["a-m1", "a-m2", "a-m3"])
    bundle = pki.seal(payload, sigs)
    assert _verify(pki, bundle).valid_signers == ("a-m1", "a-m2", "a-m3", "a-m4")


# --- tampering ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_flipping_any_byte_of_the_payload_region_is_detected(pki, sealed):
    """Every single-bit flip inside the signed payload makes verification fail."""
    start = sealed.index(b'"payload":')
    end = sealed.index(b',"payload_sha256":')
    undetected = [
        i for i in range(start, end)
        if _verify(pki, _flip(sealed, i, 0x01)).ok
    ]
    assert undetected == []


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_flipping_any_byte_anywhere_is_detected(pki, sealed, data):
    """A byte changed anywhere (certificates, CRL, signatures, ledger entry too) is detected."""
    position = data.draw(st.integers(0, len(sealed) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="mask")
    report = _verify(pki, _flip(sealed, position, mask))
    assert not report.ok
    assert all(c.message_en and c.message_fa for c in report.failures)


def test_reformatted_bundle_is_rejected_as_not_canonical(pki, sealed):
    """Pretty-printing the JSON (same content, other bytes) is reported as not canonical."""
    pretty = json.dumps(json.loads(sealed), indent=2, ensure_ascii=False).encode()
    assert _verify(pki, pretty).codes() == {"not_canonical"}


def test_garbage_is_reported_not_raised(pki):
    """Bytes that are not a bundle give a failed report, never an exception."""
    for junk in (b"", b"\xff\xfe", b"[]", b'{"format":"x"}', b"1e999"):
        report = _verify(pki, junk)
        assert not report.ok and report.codes() <= {"malformed", "not_canonical"}


def test_altered_vote_breaks_every_signature(pki, sealed):
    """Changing a vote (re-canonicalised, hash recomputed) invalidates all signatures."""
    document = json.loads(sealed)
    document["payload"]["votes"][4]["vote"] = "reject"
    document["payload_sha256"] = sha256_hex(payload_bytes(document["payload"]))
    report = _verify(pki, canonical_json(document))
    assert "signature_invalid" in report.codes()
    assert report.valid_signers == ()


# --- who may sign -------------------------------------------------------------------------


def test_signature_of_another_boards_member_is_rejected(pki):
    """A board-B member's signature on a board-A ruling is rejected and not counted."""
    payload, sigs = pki.build(pki.board_a, ALL_A, signers=["a-m1", "a-m2", "b-m1"])
    report = _verify(pki, pki.assemble(payload, sigs))
    assert {"wrong_board", "not_present", "quorum_not_met"} <= report.codes()
    wrong = [c for c in report.failures if c.code == "wrong_board"]
    assert wrong[0].member == "b-m1" and "هیات دیگری" in wrong[0].message_fa
    with pytest.raises(NotSealed):
        pki.seal(payload, sigs)


def test_other_boards_signature_relabelled_as_a_member_is_rejected(pki):
    """A board-B signature passed off under a board-A member's id is rejected."""
    payload, sigs = pki.build(pki.board_a, ALL_A, signers=["a-m1", "a-m2", "b-m2"])
    relabelled = [dataclasses.replace(sigs[2], member_id="a-m3")]
    report = _verify(pki, pki.assemble(payload, sigs[:2] + relabelled))
    assert {"wrong_board", "member_mismatch", "quorum_not_met"} <= report.codes()


def test_signer_not_listed_as_present_is_rejected(pki):
    """A board member who was absent cannot sign the ruling."""
    payload, sigs = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3"],
                              signers=["a-m1", "a-m2", "a-m3", "a-m5"])
    report = _verify(pki, pki.assemble(payload, sigs))
    assert report.codes() == {"not_present"}


def test_member_missing_from_authoritative_roster_is_rejected(pki):
    """With the board's roster given, a signer marked inactive does not count."""
    payload, sigs = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3"])
    roster = [dataclasses.replace(m, active=m.id != "a-m3") for m in pki.roster(pki.board_a)]
    report = _verify(pki, pki.assemble(payload, sigs), roster=roster)
    assert {"not_on_roster", "quorum_not_met"} <= report.codes()


def test_duplicate_signature_counts_once(pki):
    """The same member's signature twice is flagged and counts once toward quorum."""
    payload, sigs = pki.build(pki.board_a, ALL_A, signers=["a-m1", "a-m2"])
    report = _verify(pki, pki.assemble(payload, [*sigs, sigs[1]]))
    assert {"duplicate_signer", "quorum_not_met"} <= report.codes()


def test_sign_payload_refuses_a_certificate_of_someone_else(pki):
    """A member cannot sign under another member's id."""
    payload, _ = pki.build(pki.board_a, ALL_A, signers=[])
    with pytest.raises(SigningError):
        sign_payload(payload, "a-m2", pki.signers["a-m1"])


# --- time and revocation ------------------------------------------------------------------


def test_expired_certificate_is_rejected(pki):
    """A signature made with a certificate that had expired by the session is rejected."""
    payload, sigs = pki.build(pki.board_a, ALL_A,
                              signers=["a-m1", "a-m2", pki.special["expired"]])
    report = _verify(pki, pki.assemble(payload, sigs))
    expired = [c for c in report.failures if c.code == "certificate_expired"]
    assert expired and expired[0].member == "a-m4"
    assert "quorum_not_met" in report.codes()
    with pytest.raises(NotSealed) as err:
        pki.seal(payload, sigs)
    assert "certificate_expired" in err.value.report.codes()


def test_revoked_certificate_is_rejected(pki):
    """A signature with a certificate revoked for key compromise is rejected."""
    payload, sigs = pki.build(pki.board_a, ALL_A,
                              signers=["a-m1", "a-m2", pki.special["revoked"]])
    report = _verify(pki, pki.assemble(payload, sigs))
    revoked = [c for c in report.failures if c.code == "certificate_revoked"]
    assert revoked and revoked[0].member == "a-m5" and "keyCompromise" in revoked[0].detail
    assert "quorum_not_met" in report.codes()


def test_key_compromise_reported_later_invalidates_an_old_ruling(pki):
    """A newer CRL revoking a signer for key compromise makes an already sealed ruling fail."""
    side = MemberKeys(MemoryKeystore())
    member = pki.members["a-m2"]
    side.create(member.id, "another passphrase")
    cert = pki.ca.issue(side.csr(member, pki.board_a, "another passphrase"),
                        board_id=pki.board_a.id, role=member.role, valid_days=365,
                        now=pki.t_issue)
    fresh = side.signer(member.id, "another passphrase", cert)
    payload, sigs = pki.build(pki.board_a, ALL_A, signers=["a-m1", fresh, "a-m3"])
    bundle = pki.seal(payload, sigs)
    later = pki.t_seal + timedelta(days=3)
    pki.ca.revoke(cert.serial_number, "keyCompromise", at=pki.t_seal + timedelta(days=1))
    newer = pki.ca.crl(now=later)
    assert _verify(pki, bundle, at=later).ok
    report = _verify(pki, bundle, at=later, extra_crls=[crl_pem(newer)])
    assert {"certificate_revoked", "quorum_not_met"} <= report.codes()


def test_superseded_after_the_session_keeps_the_signature_but_blocks_sealing(pki):
    """Revoked as superseded after the session: valid for the archive, refused at sealing."""
    payload, sigs = pki.build(pki.board_a, ALL_A,
                              signers=["a-m1", "a-m2", pki.special["superseded"]])
    bundle = pki.assemble(payload, sigs)
    assert _verify(pki, bundle).ok
    with pytest.raises(NotSealed) as err:
        pki.seal(payload, sigs)
    assert "certificate_revoked" in err.value.report.codes()


def test_session_in_the_future_is_rejected(pki, sealed):
    """Verifying before the ruling's session time is reported as signed in the future."""
    report = _verify(pki, sealed, at=pki.t_session - timedelta(days=1))
    assert "signed_in_future" in report.codes()


def test_stale_crl_blocks_sealing(pki):
    """Sealing with a CRL past its next-update date is refused."""
    payload, sigs = pki.build(pki.board_a, ALL_A)
    with pytest.raises(NotSealed) as err:
        seal_ruling(payload, sigs, ca_certificate=pki.ca_pem, crl=pki.crl,
                    now=pki.t_seal + timedelta(days=30))
    assert "crl_stale" in err.value.report.codes()


# --- quorum -------------------------------------------------------------------------------


def test_one_signature_short_of_quorum_is_not_sealed(pki):
    """Quorum 3 of 5: two valid signatures do not seal, and the verifier rejects the bundle."""
    payload, sigs = pki.build(pki.board_a, ALL_A, signers=["a-m1", "a-m2"])
    with pytest.raises(NotSealed) as err:
        pki.seal(payload, sigs)
    assert "quorum_not_met" in err.value.report.codes()
    assert "حد نصاب" in err.value.report.failures[0].message_fa
    report = _verify(pki, pki.assemble(payload, sigs))
    assert "quorum_not_met" in report.codes()
    payload3, sigs3 = pki.build(pki.board_a, ALL_A, signers=["a-m1", "a-m2", "a-m3"])
    assert _verify(pki, pki.seal(payload3, sigs3)).ok


def test_three_member_board_needs_two(pki):
    """Board B (3 members) seals with 2 signatures and not with 1."""
    payload, sigs = pki.build(pki.board_b, ["b-m1", "b-m2", "b-m3"], signers=["b-m1", "b-m2"])
    assert _verify(pki, pki.seal(payload, sigs)).ok
    payload1, sigs1 = pki.build(pki.board_b, ["b-m1", "b-m2", "b-m3"], signers=["b-m3"])
    with pytest.raises(NotSealed):
        pki.seal(payload1, sigs1)


def test_majority_of_signed_approvals_is_required(pki):
    """Three sign but only two approve: the decision lacks its majority."""
    payload, sigs = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3"], approve=["a-m1", "a-m2"])
    with pytest.raises(NotSealed) as err:
        pki.seal(payload, sigs)
    assert err.value.report.codes() == {"majority_not_met"}


def test_payload_understating_the_quorum_is_rejected(pki):
    """A ruling that writes a laxer quorum than the board's rule is refused."""
    lax = dataclasses.replace(pki.board_a, quorum=QuorumRule(5, quorum=2, majority=2))
    payload, sigs = pki.build(lax, ALL_A, signers=["a-m1", "a-m2"])
    assert _verify(pki, pki.assemble(payload, sigs)).ok  # self-consistent without the rule
    report = _verify(pki, pki.assemble(payload, sigs), quorum=pki.board_a.quorum)
    assert {"quorum_rule_mismatch", "quorum_not_met"} <= report.codes()


# --- trust anchor -------------------------------------------------------------------------


def test_forged_ca_with_the_same_name_is_rejected(pki):
    """A bundle sealed under a look-alike CA (same name, other key) is rejected."""
    payload, _ = pki.build(pki.board_a, ALL_A, signers=[])
    forged = [sign_payload(payload, m, pki.special[f"forged-{m}"])
              for m in ("a-m1", "a-m2", "a-m3")]
    bundle = pki.assemble(payload, forged, ca_pem=pki.forged_ca_pem, crl=pki.forged_crl)
    report = _verify(pki, bundle)
    expected = {"ca_mismatch", "crl_invalid", "certificate_untrusted", "quorum_not_met"}
    assert expected <= report.codes()
    assert report.valid_signers == ()
    # ...and the forger's own CA does accept it, so the anchor is what decides.
    assert verify_bundle(bundle, pki.forged_ca_pem, at=pki.t_seal).ok


def test_forged_certificates_mixed_into_a_genuine_bundle_are_rejected(pki):
    """Look-alike member certificates next to the real CA and CRL are untrusted."""
    payload, sigs = pki.build(pki.board_a, ALL_A, signers=["a-m4", "a-m5"])
    forged = sign_payload(payload, "a-m1", pki.special["forged-a-m1"])
    report = _verify(pki, pki.assemble(payload, [forged, *sigs]))
    untrusted = [c for c in report.failures if c.code == "certificate_untrusted"]
    assert [c.member for c in untrusted] == ["a-m1"]
    assert "quorum_not_met" in report.codes()


def test_verifying_with_the_wrong_trust_anchor_fails(pki, sealed):
    """A genuine bundle does not verify against a different trust anchor."""
    report = verify_bundle(sealed, pki.forged_ca_pem, at=pki.t_seal)
    assert {"ca_mismatch", "certificate_untrusted", "crl_invalid"} <= report.codes()


def test_untrusted_extra_crl_is_reported(pki, sealed):
    """A CRL not signed by the trusted CA is reported instead of being used."""
    report = _verify(pki, sealed, extra_crls=[crl_pem(pki.forged_crl)])
    assert report.codes() == {"crl_invalid"}


# --- building -----------------------------------------------------------------------------


def _ruling(pki, **changes):
    base = Ruling(
        id=str(uuid.uuid4()), board_id=pki.board_a.id, serial=7, issued_on=pki.t_session.date(),
        subject=RulingSubject.COMPLAINT, subject_ref="C-1", legal_basis=(), reasoning="",
        decision="", present_member_ids=("a-m1", "a-m2", "a-m3"),
    )
    return dataclasses.replace(base, **changes)


def test_ruling_needs_serial_and_board_members(pki):
    """A payload is refused without a serial, with a non-member present, or for another board."""
    roster = pki.roster(pki.board_a)

    def build(ruling):
        return ruling_payload(ruling, pki.board_a, roster, session_at=pki.t_session,
                              ledger_seq=1, prev_ledger_hash="0" * 64)

    assert build(_ruling(pki))["serial"] == 7
    with pytest.raises(SigningError, match="serial"):
        build(_ruling(pki, serial=None))
    with pytest.raises(SigningError, match="not a member"):
        build(_ruling(pki, present_member_ids=("a-m1", "b-m1")))
    with pytest.raises(SigningError):
        build(_ruling(pki, board_id=pki.board_b.id))
    # A vote by an absent member is already refused by the domain when the ruling is built.
    with pytest.raises(DomainError, match="present"):
        build(_ruling(pki, votes=(MemberVote("a-m4", Vote.APPROVE),)))
    with pytest.raises(SigningError, match="genesis"):
        ruling_payload(_ruling(pki), pki.board_a, roster, session_at=pki.t_session,
                       ledger_seq=2, prev_ledger_hash="0" * 64)


def test_every_check_code_has_english_and_persian_text():
    """Each report code has an English and a Persian message template."""
    for code, (en, fa) in MESSAGES.items():
        assert en and fa, code
        assert any("\u0600" <= ch <= "\u06ff" for ch in fa), code
