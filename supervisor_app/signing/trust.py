"""Trust bundles: what the central CA hands every workstation (CA, member certificates, CRL).

A workstation trusts exactly one central CA, pinned by its SHA-256 fingerprint the first
time (read out by the central board through another channel: phone, letter, the
installer). Everything else it learns — member certificates and revocation lists — must
be signed by that CA, so a bundle can travel over any channel (sync, USB stick, e-mail).

File format (JSON, UTF-8)::

    {"format": "nezarat-trust-bundle", "version": 1,
     "ca_certificate": "<PEM>", "certificates": ["<member PEM>", ...], "crl": "<PEM>"}
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .pki import cert_pem, crl_pem, touch_crl

TRUST_FORMAT = "nezarat-trust-bundle"
TRUST_VERSION = 1


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, lowercase hex (what ``openssl x509 -fingerprint
    -sha256`` prints, without the colons)."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def crl_fingerprint(crl: x509.CertificateRevocationList) -> str:
    return hashlib.sha256(crl.public_bytes(serialization.Encoding.DER)).hexdigest()


def normalise_fingerprint(text: str) -> str:
    """Accept ``AB:CD:…`` (openssl) or plain hex, any case; return plain lowercase hex."""
    cleaned = text.replace(":", "").replace(" ", "").strip().lower()
    if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
        raise ValueError("a SHA-256 fingerprint has 64 hexadecimal digits")
    return cleaned


def crl_number(crl: x509.CertificateRevocationList) -> int:
    try:
        return int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        return 0


@dataclass(frozen=True, slots=True)
class TrustBundle:
    ca_certificate: x509.Certificate
    certificates: tuple[x509.Certificate, ...]
    crl: x509.CertificateRevocationList | None


def build_trust_bundle(
    ca_certificate: x509.Certificate,
    certificates: Iterable[x509.Certificate],
    crl: x509.CertificateRevocationList | None,
) -> bytes:
    document = {
        "format": TRUST_FORMAT,
        "version": TRUST_VERSION,
        "ca_certificate": cert_pem(ca_certificate),
        "certificates": sorted(cert_pem(c) for c in certificates),
        "crl": crl_pem(crl) if crl is not None else None,
    }
    return json.dumps(document, indent=1).encode("utf-8")


def parse_trust_bundle(data: bytes) -> TrustBundle:
    """Decode a trust bundle; ValueError when it is not one (nothing is trusted here)."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a trust bundle: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != TRUST_FORMAT:
        raise ValueError("not a Nezarat trust bundle")
    if document.get("version") != TRUST_VERSION:
        raise ValueError(f"unsupported trust bundle version {document.get('version')!r}")
    certs = document.get("certificates")
    if not isinstance(certs, list) or not all(isinstance(c, str) for c in certs):
        raise ValueError("certificates must be a list of PEM strings")
    ca_text, crl_text = document.get("ca_certificate"), document.get("crl")
    if not isinstance(ca_text, str) or not (crl_text is None or isinstance(crl_text, str)):
        raise ValueError("ca_certificate must be PEM text and crl PEM text or null")
    ca = x509.load_pem_x509_certificate(ca_text.encode("ascii"))
    members = tuple(x509.load_pem_x509_certificate(c.encode("ascii")) for c in certs)
    crl = touch_crl(x509.load_pem_x509_crl(crl_text.encode("ascii"))) if crl_text else None
    return TrustBundle(ca, members, crl)
