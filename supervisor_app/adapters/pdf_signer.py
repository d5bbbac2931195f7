"""PAdES signatures inside PDFs (pyHanko), made by any app ``Signer`` (software or token).

Three steps, in this order (pyHanko's rule: every signature field exists before the first
signature, or adding a field later changes what earlier signatures cover):

1. :func:`prepare` rewrites the PDF once: it embeds the attachments (the sealed ruling
   bundle) as associated files and adds one invisible signature field per expected
   signer;
2. :func:`sign` fills one field, as an incremental update, with a PAdES baseline
   (B-B) signature: CMS ``ETSI.CAdES.detached``, ECDSA P-256 with SHA-256, the
   signer's certificate and the central CA inside;
3. :func:`read_signatures` validates every signature (integrity, chain to the trusted CA
   at the claimed signing time, revocation from the given CRLs, key usage, and what was
   changed after each one) and :func:`attachments` returns the embedded files.

Signing goes through the app's ``Signer`` protocol, so a software key and a PKCS#11 token
work the same. There is no timestamp authority on the boards' network: the signing time
is the one the signer states (it is inside the signed attributes), which is also how the
ruling bundle itself is checked (at the session time).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from supervisor_app.signing.keys import Signer

__all__ = [
    "Attachment",
    "PdfSignatureError",
    "SignatureStatus",
    "attachments",
    "prepare",
    "read_signatures",
    "sign",
]

_MAX_ECDSA_DER = 72  # DER ECDSA-P256 signature: at most 72 bytes (dry-run placeholder)


class PdfSignatureError(Exception):
    """The PDF could not be prepared or signed."""


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class _ProtocolSigner(signers.Signer):
    """pyHanko signer over the app's Signer protocol (ECDSA-SHA256 over the given bytes)."""

    def __init__(self, signer: Signer, extra_certs: Sequence[x509.Certificate]) -> None:
        super().__init__(
            signing_cert=_asn1_cert(signer.certificate),
            cert_registry=SimpleCertificateStore.from_certs(
                [_asn1_cert(c) for c in extra_certs]
            ),
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        )
        self._signer = signer

    async def async_sign_raw(self, data: bytes, digest_algorithm: str,
                             dry_run: bool = False) -> bytes:
        if digest_algorithm != "sha256":
            raise PdfSignatureError(f"member keys sign SHA-256 only, not {digest_algorithm}")
        if dry_run:
            return bytes(_MAX_ECDSA_DER)
        return self._signer.sign(data)


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing-time attribute is the app's clock, not the OS clock."""

    def __init__(self, meta: signers.PdfSignatureMetadata, *, signer: signers.Signer,
                 signed_at: datetime | None) -> None:
        super().__init__(meta, signer=signer)
        self._signed_at = signed_at

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        if self._signed_at is not None:
            session.system_time = self._signed_at.astimezone(UTC)
        return session


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str  # ASCII file name
    data: bytes
    description: str = ""
    mime_type: str = "application/json"


def prepare(
    pdf: bytes,
    *,
    field_names: Sequence[str],
    files: Sequence[Attachment] = (),
    created_at: datetime | None = None,
) -> bytes:
    """One clean revision with ``files`` embedded and every signature field in place."""
    try:
        writer = copy_into_new_writer(PdfFileReader(io.BytesIO(pdf)))
        for item in files:
            stream = embed.EmbeddedFileObject.from_file_data(
                writer, item.data, mime_type=item.mime_type,
                params=embed.EmbeddedFileParams(creation_date=created_at,
                                                modification_date=created_at),
            )
            spec = embed.FileSpec(
                file_spec_string=item.name, file_name=item.name, embedded_data=stream,
                description=item.description or None,
            )
            # No /AF relationship: pyHanko would raise the file to PDF 2.0 for it, and
            # PDF 1.7 readers list plain EmbeddedFiles as attachments anyway.
            embed.embed_file(writer, spec)
        for name in field_names:
            fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=name))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (ValueError, KeyError, PyHankoSigningError) as exc:
        raise PdfSignatureError(f"cannot prepare the PDF for signing: {exc}") from exc


def sign(
    pdf: bytes,
    field_name: str,
    signer: Signer,
    *,
    extra_certs: Sequence[x509.Certificate] = (),
    name: str = "",
    reason: str = "",
    location: str = "",
    signed_at: datetime | None = None,
) -> bytes:
    """Fill signature field ``field_name`` (an incremental update); returns the new PDF."""
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=name or None,
        reason=reason or None,
        location=location or None,
    )
    pdf_signer = _TimedPdfSigner(meta, signer=_ProtocolSigner(signer, extra_certs),
                                 signed_at=signed_at)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out = pdf_signer.sign_pdf(writer)
    except (PyHankoSigningError, ValueError, KeyError) as exc:
        raise PdfSignatureError(f"cannot sign field {field_name}: {exc}") from exc
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class SignatureStatus:
    """One PDF signature as the verifier sees it."""

    field_name: str
    certificate: x509.Certificate | None
    signed_at: datetime | None
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks
    trusted: bool  # the certificate chains to the trusted CA and is not revoked
    covers_whole_file: bool  # nothing was appended after this signature
    changes_allowed: bool  # whatever was appended after it only added signatures
    problem: str = ""  # pyHanko's summary when something failed

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.changes_allowed


def read_signatures(
    pdf: bytes,
    trust_roots: Iterable[x509.Certificate],
    *,
    crls: Iterable[x509.CertificateRevocationList] = (),
    at: datetime | None = None,
) -> list[SignatureStatus]:
    """Validate every signature of ``pdf`` against ``trust_roots`` (no network access).

    Each certificate is judged at ``at`` or, by default, at the signing time it states.
    """
    reader = PdfFileReader(io.BytesIO(pdf))
    roots = [_asn1_cert(c) for c in trust_roots]
    crl_ders = [c.public_bytes(serialization.Encoding.DER) for c in crls]
    results = []
    for embedded in reader.embedded_signatures:
        claimed = embedded.self_reported_timestamp
        moment = at or claimed or datetime.now(UTC)
        context = ValidationContext(
            trust_roots=roots, crls=crl_ders, allow_fetching=False,
            revocation_mode="soft-fail", moment=moment, best_signature_time=moment,
        )
        try:
            status = validate_pdf_signature(
                embedded, signer_validation_context=context,
                key_usage_settings=KeyUsageConstraints(key_usage={"non_repudiation"}),
            )
        except Exception as exc:  # a damaged signature must read as invalid, not crash
            results.append(SignatureStatus(embedded.field_name, None, claimed, False, False,
                                           False, False, False, f"{type(exc).__name__}: {exc}"))
            continue
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
        coverage = getattr(status.coverage, "name", "")
        level = getattr(status.modification_level, "name", "")
        results.append(SignatureStatus(
            field_name=embedded.field_name,
            certificate=cert,
            signed_at=claimed,
            intact=bool(status.intact),
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            covers_whole_file=coverage == "ENTIRE_FILE",
            changes_allowed=coverage == "ENTIRE_FILE" or (
                coverage == "ENTIRE_REVISION" and level in ("NONE", "LTA_UPDATES", "FORM_FILLING")
                and bool(status.docmdp_ok)
            ),
            problem="" if status.bottom_line else status.summary(),
        ))
    return results


def attachments(pdf: bytes) -> dict[str, bytes]:
    """The embedded files of ``pdf`` by name (from the document's EmbeddedFiles tree)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    names = reader.root.get("/Names")
    if names is None:
        return {}
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return {}
    found: dict[str, bytes] = {}

    def walk(node: generic.DictionaryObject) -> None:
        entries = node.get("/Names")
        if entries is not None:
            entries = entries.get_object()
            for i in range(0, len(entries), 2):
                spec = entries[i + 1].get_object()
                stream = spec["/EF"].get_object()["/F"].get_object()
                found[str(entries[i])] = stream.data
        for kid in node.get("/Kids", generic.ArrayObject()):
            walk(kid.get_object())

    walk(tree.get_object())
    return found
