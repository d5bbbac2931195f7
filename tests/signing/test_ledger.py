"""A board's ledger of sealed rulings: replay, reorder, gaps and forks are all refused."""

from __future__ import annotations

import json
from datetime import timedelta, timezone

import pytest
from cryptography import x509

from supervisor_app.signing.bundle import record_in_ledger, verify_bundle
from supervisor_app.signing.errors import LedgerError, ReplayedRuling, SigningError
from supervisor_app.signing.ledger import (
    AuditPosition,
    Ledger,
    LedgerEntry,
    head_checks,
    load_ledger,
    verify_ledger,
)

ALL_A = ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"]


def _chain(pki, count: int, *, board=None):
    """``count`` sealed rulings of one board, each built on the ledger so far."""
    board = board or pki.board_a
    present = ALL_A if board is pki.board_a else ["b-m1", "b-m2", "b-m3"]
    ledger = Ledger(board.id)
    bundles = []
    for serial in range(1, count + 1):
        payload, sigs = pki.build(board, present, ledger=ledger, serial=serial)
        bundle = pki.seal(payload, sigs, ledger=ledger)
        record_in_ledger(ledger, bundle, pki.ca_pem, at=pki.t_seal)
        bundles.append(bundle)
    return ledger, bundles


def _replay_into(pki, bundles):
    ledger = Ledger(pki.board_a.id)
    for bundle in bundles:
        record_in_ledger(ledger, bundle, pki.ca_pem, at=pki.t_seal)
    return ledger


def test_sealed_rulings_chain_in_order(pki):
    """Three rulings recorded in order form seq 1..3, each pointing at the previous hash."""
    ledger, _ = _chain(pki, 3)
    entries = ledger.entries
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev == "0" * 64
    assert entries[1].prev == entries[0].hash and entries[2].prev == entries[1].hash
    assert all(e.hash_ok() for e in entries)


def test_verify_bundle_reports_inclusion_in_the_ledger(pki):
    """A recorded ruling verifies as included; the next one as continuing the head."""
    ledger, bundles = _chain(pki, 2)
    report = verify_bundle(bundles[0], pki.ca_pem, at=pki.t_seal, ledger=ledger)
    assert report.ok and report.ledger_position == "included"
    payload, sigs = pki.build(pki.board_a, ALL_A, ledger=ledger, serial=3)
    nxt = verify_bundle(pki.assemble(payload, sigs), pki.ca_pem, at=pki.t_seal, ledger=ledger)
    assert nxt.ok and nxt.ledger_position == "next"


def test_same_bundle_submitted_twice_is_a_replay(pki):
    """Submitting a recorded bundle again raises ReplayedRuling and leaves the ledger as it was."""
    ledger, bundles = _chain(pki, 2)
    with pytest.raises(ReplayedRuling):
        record_in_ledger(ledger, bundles[0], pki.ca_pem, at=pki.t_seal)
    with pytest.raises(ReplayedRuling):
        record_in_ledger(ledger, bundles[1], pki.ca_pem, at=pki.t_seal)
    assert len(ledger) == 2


def test_rulings_submitted_out_of_order_are_rejected(pki):
    """Ruling 2 before ruling 1 does not continue the ledger (reorder detected)."""
    _, bundles = _chain(pki, 2)
    fresh = Ledger(pki.board_a.id)
    report = verify_bundle(bundles[1], pki.ca_pem, at=pki.t_seal, ledger=fresh)
    assert "ledger_gap" in report.codes()
    with pytest.raises(LedgerError):
        record_in_ledger(fresh, bundles[1], pki.ca_pem, at=pki.t_seal)
    assert len(fresh) == 0
    assert len(_replay_into(pki, bundles)) == 2  # the right order still works


def test_skipping_a_ruling_is_a_gap(pki):
    """Ruling 3 after ruling 1 (2 missing) is rejected."""
    _, bundles = _chain(pki, 3)
    ledger = _replay_into(pki, bundles[:1])
    with pytest.raises(LedgerError):
        record_in_ledger(ledger, bundles[2], pki.ca_pem, at=pki.t_seal)


def test_two_rulings_for_one_position_is_a_fork(pki):
    """A second, different ruling signed for an occupied seq is reported as a fork."""
    ledger, _ = _chain(pki, 1)
    before = Ledger(pki.board_a.id)  # both rulings were signed on the empty ledger
    payload, sigs = pki.build(pki.board_a, ALL_A, ledger=before, serial=9)
    rival = pki.assemble(payload, sigs)
    report = verify_bundle(rival, pki.ca_pem, at=pki.t_seal, ledger=ledger)
    assert "ledger_fork" in report.codes()
    with pytest.raises(LedgerError):
        record_in_ledger(ledger, rival, pki.ca_pem, at=pki.t_seal)


def test_next_position_on_another_predecessor_is_a_fork_not_a_gap(pki):
    """Entry n+1 built on a different entry n is a fork: no later arrival can mend it."""
    ledger, _ = _chain(pki, 1)
    other_history = Ledger(pki.board_a.id, [
        LedgerEntry.make(pki.board_a.id, 1, "r-elsewhere", "c" * 64, "0" * 64)])
    payload, sigs = pki.build(pki.board_a, ALL_A, ledger=other_history, serial=2)
    assert payload["ledger"]["seq"] == ledger.next_seq
    report = verify_bundle(pki.assemble(payload, sigs), pki.ca_pem, at=pki.t_seal, ledger=ledger)
    assert report.codes() == {"ledger_fork"}
    with pytest.raises(LedgerError, match="fork"):
        record_in_ledger(ledger, pki.assemble(payload, sigs), pki.ca_pem, at=pki.t_seal)
    assert len(ledger) == 1


def test_ruling_of_another_board_is_refused_by_the_ledger(pki):
    """A board-B ruling cannot be entered in board A's ledger."""
    _, bundles_b = _chain(pki, 1, board=pki.board_b)
    ledger_a = Ledger(pki.board_a.id)
    report = verify_bundle(bundles_b[0], pki.ca_pem, at=pki.t_seal, ledger=ledger_a)
    assert report.codes() == {"ledger_board"}
    with pytest.raises(LedgerError):
        record_in_ledger(ledger_a, bundles_b[0], pki.ca_pem, at=pki.t_seal)


def test_superseding_ruling_must_point_to_an_earlier_entry(pki):
    """A correction supersedes an earlier recorded ruling; an unknown one is reported."""
    ledger, bundles = _chain(pki, 1)
    first_id = json.loads(bundles[0])["payload"]["ruling_id"]
    payload, sigs = pki.build(pki.board_a, ALL_A, ledger=ledger, serial=2, supersedes=first_id)
    assert verify_bundle(pki.assemble(payload, sigs), pki.ca_pem, at=pki.t_seal,
                         ledger=ledger).ok
    bogus, bsigs = pki.build(pki.board_a, ALL_A, ledger=ledger, serial=2,
                             supersedes="00000000-0000-4000-8000-000000000000")
    report = verify_bundle(pki.assemble(bogus, bsigs), pki.ca_pem, at=pki.t_seal, ledger=ledger)
    assert report.codes() == {"supersedes_unknown"}


def test_append_refuses_entries_that_do_not_fit(pki):
    """Ledger.append refuses wrong board, bad hash, replay, fork and gaps."""
    ledger, _ = _chain(pki, 2)
    first, second = ledger.entries
    with pytest.raises(ReplayedRuling):
        ledger.append(LedgerEntry.make(pki.board_a.id, 3, first.ruling_id, first.ruling_hash,
                                       second.hash))
    with pytest.raises(LedgerError, match="fork"):
        ledger.append(LedgerEntry.make(pki.board_a.id, 2, "r-x", "a" * 64, first.hash))
    with pytest.raises(LedgerError, match="fork"):  # the next seq, another predecessor
        ledger.append(LedgerEntry.make(pki.board_a.id, 3, "r-v", "a" * 64, first.hash))
    with pytest.raises(LedgerError, match="missing or reordered"):
        ledger.append(LedgerEntry.make(pki.board_a.id, 4, "r-y", "a" * 64, second.hash))
    with pytest.raises(LedgerError):
        ledger.append(LedgerEntry.make(pki.board_b.id, 3, "r-z", "a" * 64, second.hash))
    forged = LedgerEntry(pki.board_a.id, 3, "r-w", "a" * 64, second.hash, "b" * 64)
    with pytest.raises(LedgerError, match="hash"):
        ledger.append(forged)


# --- export for auditors -------------------------------------------------------------------


def _export(pki, count: int = 3):
    ledger, _ = _chain(pki, count)
    head = ledger.sign_head(pki.signers["a-m3"], "a-m3", at=pki.t_seal)
    return ledger, ledger.to_json(head)


def test_exported_ledger_with_signed_head_verifies(pki):
    """An exported ledger with a member-signed head verifies and reloads identically."""
    ledger, data = _export(pki)
    report = verify_ledger(data, pki.ca_pem, at=pki.t_seal, crls=[pki.crl])
    assert report.ok, report.failures
    assert report.length == 3 and report.head_hash == ledger.head_hash
    loaded, head = load_ledger(data)
    assert loaded.entries == ledger.entries
    assert head is not None and head.member_id == "a-m3" and head.seq == 3


def _tamper(data: bytes, change) -> bytes:
    document = json.loads(data)
    change(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d["entries"].__setitem__(slice(0, 2), d["entries"][1::-1]), "ledger_gap"),
        (lambda d: d["entries"].pop(1), "ledger_gap"),
        (lambda d: d["entries"].append(dict(d["entries"][0])), "ledger_replay"),
        (lambda d: d["entries"].insert(2, dict(d["entries"][1])), "ledger_fork"),
        (lambda d: d["entries"][1].__setitem__("ruling_hash", "f" * 64), "ledger_hash"),
        (lambda d: d["entries"].pop(), "head_invalid"),
        (lambda d: d["head"]["payload"].__setitem__("signed_at", "2026-01-15T12:00:01+00:00"),
         "head_invalid"),
        (lambda d: d.__setitem__("head", None), "head_invalid"),
    ],
    ids=["reordered", "dropped", "replayed", "forked", "edited", "truncated", "head-edited",
         "unsigned"],
)
def test_tampered_ledger_export_is_detected(pki, change, code):
    """Reordering, dropping, duplicating or editing entries, or the head, is detected."""
    _, data = _export(pki)
    report = verify_ledger(_tamper(data, change), pki.ca_pem, at=pki.t_seal)
    assert code in report.codes(), report.failures
    assert not report.ok


def test_ledger_head_signed_by_another_board_is_refused(pki):
    """Only a member of the ledger's own board can sign its head."""
    ledger, _ = _chain(pki, 1)
    with pytest.raises(SigningError):
        ledger.sign_head(pki.signers["b-m1"], "b-m1", at=pki.t_seal)


def test_head_signed_under_a_forged_ca_is_refused(pki):
    """A head signed with a look-alike certificate does not verify against the real CA."""
    ledger, _ = _chain(pki, 1)
    head = ledger.sign_head(pki.special["forged-a-m1"], "a-m1", at=pki.t_seal)
    report = verify_ledger(ledger.to_json(head), pki.ca_pem, at=pki.t_seal)
    assert report.codes() == {"head_invalid"}


def test_broken_ledger_file_does_not_load(pki):
    """load_ledger refuses an export whose chain is broken."""
    _, data = _export(pki)
    broken = _tamper(data, lambda d: d["entries"].pop(0))
    with pytest.raises(LedgerError):
        load_ledger(broken)


# --- version 2: the head commits to the audit chain too -------------------------------------

AUDIT = AuditPosition("ws-test-1", 17, "ab" * 32)


def _export_v2(pki, count: int = 3, *, audit: AuditPosition = AUDIT):
    ledger, _ = _chain(pki, count)
    head = ledger.sign_head(pki.signers["a-m3"], "a-m3", at=pki.t_seal, audit=audit)
    return ledger, ledger.to_json(head)


def test_version_2_head_names_the_audit_position_and_verifies(pki):
    """A head signed with the device's audit position is version 2, verifies, and reloads
    with that position; the export says version 2."""
    ledger, data = _export_v2(pki)
    document = json.loads(data)
    assert document["version"] == 2
    assert document["head"]["payload"] == {
        "version": 2, "board_id": pki.board_a.id, "seq": 3, "hash": ledger.head_hash,
        "signed_at": pki.t_seal.isoformat(), "member_id": "a-m3",
        "device_id": AUDIT.device_id, "audit_seq": AUDIT.seq, "audit_hash": AUDIT.hash,
    }
    report = verify_ledger(data, pki.ca_pem, at=pki.t_seal, crls=[pki.crl])
    assert report.ok, report.failures
    _, head = load_ledger(data)
    assert head is not None and head.version == 2 and head.audit == AUDIT


@pytest.mark.parametrize(
    ("key", "value"),
    [("audit_seq", 16), ("audit_hash", "cd" * 32), ("device_id", "ws-other"), ("seq", 2)],
)
def test_editing_a_version_2_head_is_detected(pki, key, value):
    """Another audit position, device or ledger position in a signed head breaks it."""
    _, data = _export_v2(pki)
    report = verify_ledger(_tamper(data, lambda d: d["head"]["payload"].__setitem__(key, value)),
                           pki.ca_pem, at=pki.t_seal)
    assert report.codes() == {"head_invalid"}, report.failures


def test_version_2_head_downgraded_to_version_1_is_detected(pki):
    """Dropping the audit part (a version-1 head with the same signature) is refused: the
    two versions sign under different domain prefixes."""
    _, data = _export_v2(pki)

    def downgrade(document):
        for key in ("version", "device_id", "audit_seq", "audit_hash"):
            del document["head"]["payload"][key]

    report = verify_ledger(_tamper(data, downgrade), pki.ca_pem, at=pki.t_seal)
    assert report.codes() == {"head_invalid"}
    assert "does not match the ledger head" in report.failures[0].message_en


def test_version_1_export_still_verifies(pki):
    """An export written before version 2 (document and head version 1) still verifies."""
    _, data = _export(pki)
    old = _tamper(data, lambda d: d.__setitem__("version", 1))
    assert "version" not in json.loads(old)["head"]["payload"]
    report = verify_ledger(old, pki.ca_pem, at=pki.t_seal, crls=[pki.crl])
    assert report.ok, report.failures
    assert load_ledger(old)[1].version == 1


def test_head_payload_spelled_differently_is_unreadable(pki):
    """The same signing instant in another offset is not the canonical head: refused."""
    _, data = _export_v2(pki)
    tehran = pki.t_seal.astimezone(timezone(timedelta(hours=3, minutes=30))).isoformat()
    report = verify_ledger(
        _tamper(data, lambda d: d["head"]["payload"].__setitem__("signed_at", tehran)),
        pki.ca_pem, at=pki.t_seal)
    assert report.codes() == {"head_invalid"} and "unreadable" in report.failures[0].detail


def test_head_checks_name_revoked_expired_and_off_roster_signers(pki):
    """head_checks applies the ruling-signature rules to a head: a compromised key, an
    expired certificate and a signer off the given roster are each named."""
    ledger, _ = _chain(pki, 1)
    trusted = x509.load_pem_x509_certificate(pki.ca_pem.encode())
    roster = pki.roster(pki.board_a)
    good = ledger.sign_head(pki.signers["a-m1"], "a-m1", at=pki.t_seal, audit=AUDIT)
    assert head_checks(good, trusted, at=pki.t_seal, crls=[pki.crl], roster=roster) == []
    revoked = ledger.sign_head(pki.special["revoked"], "a-m5", at=pki.t_seal, audit=AUDIT)
    expired = ledger.sign_head(pki.special["expired"], "a-m4", at=pki.t_seal, audit=AUDIT)
    codes = {
        name: {c.code for c in head_checks(h, trusted, at=pki.t_seal, crls=[pki.crl],
                                           roster=roster)}
        for name, h in (("revoked", revoked), ("expired", expired))
    }
    assert codes["revoked"] == {"certificate_revoked"}
    assert "certificate_expired" in codes["expired"]  # (issued before this CA existed, too)
    off = [m for m in roster if m.id != "a-m1"]
    assert {c.code for c in head_checks(good, trusted, at=pki.t_seal, roster=off)} == {
        "not_on_roster"}
