"""The central CA: a P-256 root, board-bound member certificates, revocation and CRLs."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from supervisor_app.domain.boards import BoardMember, MemberRole
from supervisor_app.signing.ca import init_ca, open_ca
from supervisor_app.signing.errors import CertificateAuthorityError, WrongPassphrase
from supervisor_app.signing.keys import generate_private_key
from supervisor_app.signing.pki import (
    DOCUMENT_SIGNING,
    binding_of,
    cert_pem,
    crl_pem,
    member_subject,
)

T0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


@pytest.fixture()
def fresh_ca(tmp_path):
    return init_ca(tmp_path / "ca", "مرجع آزمایشی", "test-ca-passphrase", now=T0)


def _csr(pki, member_id: str):
    member = pki.members[member_id]
    board = pki.board_a if member.board_id == pki.board_a.id else pki.board_b
    return pki.keys.csr(member, board, f"passphrase-of-{member_id}")


def test_root_is_a_self_signed_p256_ca(pki):
    """The root is self-signed, P-256/SHA-256, CA:TRUE pathlen 0, keyCertSign + cRLSign."""
    root = pki.ca.certificate
    root.verify_directly_issued_by(root)
    assert root.public_key().curve.name == "secp256r1"
    assert isinstance(root.signature_hash_algorithm, hashes.SHA256)
    bc = root.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical and bc.value.ca and bc.value.path_length == 0
    ku = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.key_cert_sign and ku.crl_sign and not ku.digital_signature
    assert root.not_valid_after_utc - root.not_valid_before_utc > timedelta(days=3650)


def test_member_certificate_binds_board_role_and_person(pki):
    """An issued certificate names the member, the board (OU) and the role (title)."""
    cert = pki.signers["b-m2"].certificate
    binding = binding_of(cert)
    member = pki.members["b-m2"]
    assert (binding.member_id, binding.board_id, binding.role) == ("b-m2", pki.board_b.id, "member")
    assert binding.national_id == member.national_id and binding.full_name == member.full_name
    assert binding.board_name == pki.board_b.name
    cert.verify_directly_issued_by(pki.ca.certificate)


def test_member_certificate_usages_allow_document_signing(pki):
    """Member certificates: not a CA, digitalSignature + nonRepudiation, documentSigning EKU."""
    cert = pki.signers["a-m1"].certificate
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and ku.value.content_commitment
    assert not ku.value.key_cert_sign
    eku = list(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    assert DOCUMENT_SIGNING in eku and ExtendedKeyUsageOID.EMAIL_PROTECTION in eku


def test_csr_asking_for_another_board_is_refused(pki):
    """The CA refuses a CSR whose OU names a board other than the one approved."""
    with pytest.raises(CertificateAuthorityError, match="board"):
        pki.ca.issue(_csr(pki, "a-m1"), board_id=pki.board_b.id, role="chair", valid_days=30,
                     now=T0)


def test_csr_asking_for_another_role_is_refused(pki):
    """The CA refuses a CSR whose title names a role other than the one approved."""
    with pytest.raises(CertificateAuthorityError, match="role"):
        pki.ca.issue(_csr(pki, "a-m4"), board_id=pki.board_a.id, role=MemberRole.CHAIR,
                     valid_days=30, now=T0)


def test_csr_with_invalid_national_id_is_refused(fresh_ca):
    """A CSR whose serialNumber is not a valid national id is refused."""
    key = generate_private_key()
    subject = member_subject(member_id="x", full_name="نام", national_id="1234567890",
                             board_id="b", board_name="هیات", role="member")
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    with pytest.raises(CertificateAuthorityError, match="national id"):
        fresh_ca.issue(csr, board_id="b", role="member", valid_days=30, now=T0)


def test_csr_without_member_id_is_refused(fresh_ca):
    """A CSR that does not name the member id (UID) is refused."""
    key = generate_private_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "نام"),
                         x509.NameAttribute(NameOID.SERIAL_NUMBER, "0012345679")])
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    with pytest.raises(CertificateAuthorityError):
        fresh_ca.issue(csr, board_id="b", role="member", valid_days=30, now=T0)


def test_ca_state_persists_and_reopens_with_passphrase(tmp_path, pki):
    """A reopened CA has the same root, the issued certificates and keeps issuing."""
    ca = init_ca(tmp_path / "ca", "مرجع", "test-ca-passphrase", now=T0)
    first = ca.issue(_csr(pki, "a-m2"), board_id=pki.board_a.id, role="deputy", valid_days=30,
                     now=T0)
    again = open_ca(tmp_path / "ca", "test-ca-passphrase")
    assert again.certificate == ca.certificate and again.name == "مرجع"
    assert [c.serial_number for c in again.issued()] == [first.serial_number]
    second = again.issue(_csr(pki, "a-m2"), board_id=pki.board_a.id, role="deputy",
                         valid_days=30, now=T0)
    second.verify_directly_issued_by(ca.certificate)


def test_open_ca_with_wrong_passphrase_fails(fresh_ca):
    """Opening the CA with a wrong passphrase raises WrongPassphrase."""
    with pytest.raises(WrongPassphrase):
        open_ca(fresh_ca.directory, "not the passphrase")


def test_ca_key_file_is_encrypted_and_private(fresh_ca):
    """The CA key on disk is an encrypted PKCS#8 PEM readable only by its owner."""
    path = fresh_ca.directory / "ca-key.pem"
    assert path.read_text().startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_init_refuses_to_overwrite_an_existing_ca(fresh_ca):
    """init_ca never overwrites a directory that already holds something."""
    with pytest.raises(CertificateAuthorityError):
        init_ca(fresh_ca.directory, "another", "test-ca-passphrase")


def test_revocation_appears_in_a_signed_crl(tmp_path, pki):
    """A revoked serial is listed with its reason in a CRL signed by the root."""
    ca = init_ca(tmp_path / "ca", "مرجع", "test-ca-passphrase", now=T0)
    cert = ca.issue(_csr(pki, "b-m1"), board_id=pki.board_b.id, role="chair", valid_days=30,
                    now=T0)
    empty = ca.crl(now=T0)
    assert len(list(empty)) == 0
    ca.revoke(cert.serial_number, x509.ReasonFlags.affiliation_changed, at=T0 + timedelta(days=1))
    crl = ca.crl(now=T0 + timedelta(days=1))
    assert crl.is_signature_valid(ca.certificate.public_key())
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    assert entry is not None
    reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    assert reason is x509.ReasonFlags.affiliation_changed
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    assert number == 2
    rows = json.loads((ca.directory / "revoked.json").read_text())
    assert rows[0]["serial"] == f"{cert.serial_number:x}"
    assert (ca.directory / "crl.pem").read_bytes().startswith(b"-----BEGIN X509 CRL-----")


def test_revoking_unknown_or_revoked_serial_is_refused(tmp_path, pki):
    """Only serials this CA issued can be revoked, and only once."""
    ca = init_ca(tmp_path / "ca", "مرجع", "test-ca-passphrase", now=T0)
    cert = ca.issue(_csr(pki, "b-m1"), board_id=pki.board_b.id, role="chair", valid_days=30,
                    now=T0)
    with pytest.raises(CertificateAuthorityError):
        ca.revoke(cert.serial_number + 1)
    ca.revoke(cert.serial_number, "keyCompromise")
    with pytest.raises(CertificateAuthorityError):
        ca.revoke(cert.serial_number)


def test_member_certificate_never_outlives_the_root(tmp_path):
    """Validity asked beyond the root's end is clipped to the root's end."""
    ca = init_ca(tmp_path / "ca", "مرجع", "test-ca-passphrase", valid_days=10, now=T0)
    member = BoardMember("m", "b", "نام", "0012345679", MemberRole.MEMBER)
    key = generate_private_key()
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(member_subject(member_id="m", full_name="نام", national_id="0012345679",
                                     board_id="b", board_name="هیات", role="member"))
        .sign(key, hashes.SHA256())
    )
    cert = ca.issue(request, board_id=member.board_id, role=member.role, valid_days=365, now=T0)
    assert cert.not_valid_after_utc == ca.certificate.not_valid_after_utc


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not installed")
def test_openssl_accepts_the_root_and_a_member_certificate(tmp_path, pki):
    """openssl verifies a member certificate against the root and the current CRL."""
    (tmp_path / "ca.pem").write_text(pki.ca_pem)
    (tmp_path / "crl.pem").write_text(crl_pem(pki.crl))
    (tmp_path / "m.pem").write_text(cert_pem(pki.signers["a-m1"].certificate))
    attime = str(int(pki.t_seal.timestamp()))
    out = subprocess.run(
        ["openssl", "verify", "-attime", attime, "-CAfile", "ca.pem", "-crl_check",
         "-CRLfile", "crl.pem", "m.pem"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
