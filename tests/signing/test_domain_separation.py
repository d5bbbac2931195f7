"""A signed message of one type never passes for another: the ``version//type//`` prefix
of every signature, and the format name of every signed file, keep them apart."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from cryptography import x509

from supervisor_app.domain.canonical import canonical_bytes
from supervisor_app.signing.bundle import (
    MalformedBundle,
    MemberSignature,
    parse_bundle,
    payload_bytes,
    record_in_ledger,
    verify_bundle,
)
from supervisor_app.signing.errors import LedgerError
from supervisor_app.signing.ledger import (
    HEAD_KIND,
    HEAD_KIND_V2,
    AuditPosition,
    Ledger,
    head_checks,
    load_ledger,
)
from supervisor_app.signing.pki import cert_pem
from supervisor_app.signing.requests import (
    MalformedRequest,
    build_signature_response,
    build_signing_request,
    parse_signature_response,
    parse_signing_request,
)

ALL_A = ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"]
AUDIT = AuditPosition("ws-test-1", 9, "ef" * 32)


def _ledger(pki) -> Ledger:
    """Board A's ledger holding one sealed ruling."""
    ledger = Ledger(pki.board_a.id)
    payload, sigs = pki.build(pki.board_a, ALL_A, ledger=ledger)
    record_in_ledger(ledger, pki.seal(payload, sigs, ledger=ledger), pki.ca_pem, at=pki.t_seal)
    return ledger


def _head(pki, ledger: Ledger | None = None, *, audit: AuditPosition | None = AUDIT):
    ledger = ledger or _ledger(pki)
    return ledger.sign_head(pki.signers["a-m2"], "a-m2", at=pki.t_seal, audit=audit)


def _head_codes(pki, head) -> set[str]:
    trusted = x509.load_pem_x509_certificate(pki.ca_pem.encode())
    return {c.code for c in head_checks(head, trusted, at=pki.t_seal, crls=[pki.crl])}


def test_a_ruling_signature_over_the_head_json_is_no_head_signature(pki):
    """The member's signature over the very head JSON signed as a *ruling* does not make a
    ledger head; the genuine head signature does."""
    head = _head(pki)
    assert _head_codes(pki, head) == set()
    as_ruling = pki.signers["a-m2"].sign(canonical_bytes("ruling", head.payload()))
    assert _head_codes(pki, replace(head, signature=as_ruling)) == {"head_signature_invalid"}


def test_a_head_signature_over_the_ruling_json_is_no_ruling_signature(pki):
    """A member's signature over a ruling payload signed as a *ledger head* does not count
    for the ruling: the verifier names that signature invalid."""
    payload, sigs = pki.build(pki.board_a, ALL_A)
    assert verify_bundle(pki.assemble(payload, sigs), pki.ca_pem, at=pki.t_seal).ok
    signer = pki.signers["a-m1"]
    wrong = signer.sign(canonical_bytes(HEAD_KIND_V2, payload))
    assert canonical_bytes(HEAD_KIND_V2, payload) != payload_bytes(payload)
    forged = [MemberSignature("a-m1", cert_pem(signer.certificate), wrong), *sigs[1:]]
    report = verify_bundle(pki.assemble(payload, forged), pki.ca_pem, at=pki.t_seal)
    assert [(c.code, c.member) for c in report.failures if c.code == "signature_invalid"] == [
        ("signature_invalid", "a-m1")
    ]


def test_head_versions_do_not_pass_for_each_other(pki):
    """A version-1 head's signature does not hold for a version-2 head of the same ledger
    position, nor a version-2 signature for its version-1 reading."""
    ledger = _ledger(pki)
    v1, v2 = _head(pki, ledger, audit=None), _head(pki, ledger)
    assert (v1.seq, v1.hash, v1.signed_at) == (v2.seq, v2.hash, v2.signed_at)
    assert _head_codes(pki, v1) == set() and _head_codes(pki, v2) == set()
    assert _head_codes(pki, replace(v2, signature=v1.signature)) == {"head_signature_invalid"}
    assert _head_codes(pki, replace(v1, signature=v2.signature)) == {"head_signature_invalid"}
    # Version 1 keeps its original prefix, so heads signed before version 2 still verify.
    assert v1.signed_bytes() == canonical_bytes(HEAD_KIND, v1.payload())


def test_signed_files_of_one_kind_are_refused_as_another(pki, sealed):
    """A signing request, a signature response, a sealed bundle and a ledger export are each
    refused where another of them is expected."""
    payload = json.loads(sealed)["payload"]
    request = build_signing_request(payload)
    first = parse_bundle(sealed).signatures[0]
    response = build_signature_response(
        payload, MemberSignature(first.member_id, first.certificate_pem, first.signature)
    )
    ledger = Ledger(pki.board_a.id)
    export = ledger.to_json()
    for data in (request, response, export):
        with pytest.raises(MalformedBundle):
            parse_bundle(data)
    for data in (response, sealed, export):
        with pytest.raises(MalformedRequest):
            parse_signing_request(data)
    for data in (request, sealed, export):
        with pytest.raises(MalformedRequest):
            parse_signature_response(data)
    for data in (request, response, sealed):
        with pytest.raises(LedgerError):
            load_ledger(data)


def test_a_type_cannot_smuggle_another_prefix():
    """A kind containing the separator is refused, so "ruling//x" cannot forge a prefix."""
    with pytest.raises(ValueError):
        canonical_bytes("ruling//ledger-head", {})
    assert canonical_bytes("ruling", {"a": 1}).startswith(b"nezarat-1//ruling//")
