"""The certificate profile shared by the CA, the members and the verifier.

A member certificate binds a person to one board and one role through subject
attributes that only the central board's CA sets (it overrides whatever the CSR asks):

=====================  ==========================  ==================================
attribute              OID                         value
=====================  ==========================  ==================================
CN (commonName)        2.5.4.3                     member's full name (Persian)
serialNumber           2.5.4.5                     national id (10 ASCII digits)
UID (userId)           0.9.2342.19200300.100.1.1   member id in the app
O (organizationName)   2.5.4.10                    board name (Persian)
OU (orgUnitName)       2.5.4.11                    board id   ← the verifier's board check
title                  2.5.4.12                    role (``MemberRole`` value)
=====================  ==========================  ==================================

Subject attributes (rather than a private extension) keep the binding visible in
``openssl x509 -text``, in PDF readers' signature panels and in pyHanko, without an
OID arc of our own. Keys are ECDSA P-256 and signatures ECDSA with SHA-256, which
openssl, poppler's ``pdfsig`` and Acrobat all verify. Member certificates carry key
usage digitalSignature + nonRepudiation (critical) and extended key usage
documentSigning (RFC 9336) + emailProtection (what Acrobat accepts for documents).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import (
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

CURVE = ec.SECP256R1
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning
MEMBER_EKU = (DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION)


@dataclass(frozen=True, slots=True)
class CertificateBinding:
    """Who a member certificate speaks for, as read from its CA-set subject."""

    member_id: str
    full_name: str
    national_id: str
    board_id: str
    board_name: str
    role: str
    serial: int


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    if len(values) != 1:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def binding_of(cert: x509.Certificate) -> CertificateBinding:
    """The member/board/role binding of a certificate (empty strings where missing)."""
    s = cert.subject
    return CertificateBinding(
        member_id=_attr(s, NameOID.USER_ID),
        full_name=_attr(s, NameOID.COMMON_NAME),
        national_id=_attr(s, NameOID.SERIAL_NUMBER),
        board_id=_attr(s, NameOID.ORGANIZATIONAL_UNIT_NAME),
        board_name=_attr(s, NameOID.ORGANIZATION_NAME),
        role=_attr(s, NameOID.TITLE),
        serial=cert.serial_number,
    )


def member_subject(
    *,
    member_id: str,
    full_name: str,
    national_id: str,
    board_id: str,
    board_name: str,
    role: str,
) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, full_name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, national_id),
            x509.NameAttribute(NameOID.USER_ID, member_id),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, board_name),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, board_id),
            x509.NameAttribute(NameOID.TITLE, role),
        ]
    )


def as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("datetimes in the signing core must be timezone-aware")
    return moment.astimezone(UTC)


def cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def crl_pem(crl: x509.CertificateRevocationList) -> str:
    return crl.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_cert_exact(pem: str) -> x509.Certificate:
    """Parse a PEM certificate and insist it is exactly our serialisation of it.

    PEM/base64 has slack (line breaks, padding bits) that decodes to the same DER; the
    exactness check makes every byte of a sealed bundle significant.
    """
    cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
    if cert_pem(cert) != pem:
        raise ValueError("certificate PEM is not in canonical form")
    # cryptography parses fields lazily: touch them now so damage surfaces here.
    _ = (cert.subject, cert.issuer, cert.not_valid_before_utc, cert.not_valid_after_utc)
    _ = (list(cert.extensions), cert.public_key(), cert.signature_hash_algorithm)
    return cert


def load_crl_exact(pem: str) -> x509.CertificateRevocationList:
    crl = x509.load_pem_x509_crl(pem.encode("ascii"))
    if crl_pem(crl) != pem:
        raise ValueError("CRL PEM is not in canonical form")
    return touch_crl(crl)


def touch_crl(crl: x509.CertificateRevocationList) -> x509.CertificateRevocationList:
    """Force cryptography's lazy parsing of a CRL so damage raises ValueError here."""
    _ = (crl.issuer, crl.last_update_utc, crl.next_update_utc, list(crl.extensions))
    _ = [(r.serial_number, r.revocation_date_utc, list(r.extensions)) for r in crl]
    return crl


def chain_problem(cert: x509.Certificate, ca: x509.Certificate, at: datetime) -> str | None:
    """Why ``cert`` does not chain to ``ca`` at ``at`` (signature, names, validity), or None.

    Path validation is cryptography's (RFC 5280 / web-PKI rules for the CA), with the
    end-entity extension policy relaxed because ours are document-signing certificates.
    """
    verifier = (
        PolicyBuilder()
        .store(Store([ca]))
        .time(as_utc(at))
        .max_chain_depth(0)
        .extension_policies(
            ca_policy=ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=ExtensionPolicy.permit_all(),
        )
        .build_client_verifier()
    )
    try:
        verifier.verify(cert, [])
    except VerificationError as exc:
        return str(exc)
    return None


def usage_problem(cert: x509.Certificate) -> str | None:
    """Why ``cert`` may not sign rulings (not an end entity, missing key usages), or None."""
    try:
        bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        if bc.ca:
            return "a CA certificate cannot sign rulings"
    except x509.ExtensionNotFound:
        return "no basicConstraints"
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return "no keyUsage"
    if not (ku.digital_signature and ku.content_commitment):
        return "keyUsage lacks digitalSignature or nonRepudiation"
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return "no extendedKeyUsage"
    if DOCUMENT_SIGNING not in list(eku):
        return "extendedKeyUsage lacks documentSigning"
    key = cert.public_key()
    if not (isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, CURVE)):
        return "key is not ECDSA P-256"
    return None
