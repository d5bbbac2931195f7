"""Verifying a printed ruling PDF: its PAdES signatures *and* the sealed bundle inside it.

A ruling PDF is valid only when all of these hold:

* it carries at least one PAdES signature, every signature is intact, cryptographically
  valid, made with a certificate of the trusted central CA that was valid and not revoked
  when it signed (by the bundles' rule: a revocation for key compromise, or without a
  reason, counts whatever time the signature states), and nothing but further
  signatures was added after any of them (the last one covers the whole file);
* every PDF signer holds a certificate of the ruling's own board; a field named
  ``member-<id>`` is signed by that member, who also signed the ruling itself;
* exactly one ruling bundle (``*.nezarat.json``) is embedded, and it verifies on its own
  (:func:`supervisor_app.signing.bundle.verify_bundle`, or the caller's fuller check with
  the board's quorum rule and ledger).

The PDF signatures cover the embedded bundle, so the paper-facing document and the
members' signed ruling cannot be separated or swapped without the check failing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from supervisor_app.signing.bundle import (
    MalformedBundle,
    parse_bundle,
    verify_bundle,
)
from supervisor_app.signing.bundle import (
    _revocation_problem as revocation_problem,  # the one revocation rule, as for bundles
)
from supervisor_app.signing.pki import binding_of, cert_pem
from supervisor_app.signing.report import VerificationReport

if TYPE_CHECKING:
    from supervisor_app.adapters.pdf_signer import SignatureStatus

__all__ = [
    "BUNDLE_SUFFIX",
    "MEMBER_FIELD_PREFIX",
    "SEAL_FIELD",
    "PdfCheck",
    "PdfSignerInfo",
    "RulingPdfReport",
    "bundle_name",
    "verify_ruling_pdf",
]

BUNDLE_SUFFIX = ".nezarat.json"
MEMBER_FIELD_PREFIX = "member-"
SEAL_FIELD = "board-seal"

# code -> (English, Persian); {detail} is filled in.
MESSAGES: dict[str, tuple[str, str]] = {
    "pdf_unreadable": ("The file is not a readable PDF ({detail}).",
                       "پرونده PDF خوانایی نیست ({detail})."),
    "pdf_unsigned": ("The PDF carries no digital signature.",
                     "این PDF هیچ امضای دیجیتالی ندارد."),
    "pdf_signature_invalid": ("PDF signature {detail} does not match the document.",
                              "امضای PDF در فیلد {detail} با سند نمی‌خواند."),
    "pdf_signer_untrusted": ("PDF signature {detail} is not by a valid certificate of the "
                             "trusted central CA.",
                             "امضای PDF در فیلد {detail} با گواهی معتبرِ مرجع مورد اعتماد "
                             "هیات مرکزی نیست."),
    "pdf_signer_revoked": ("PDF signature {detail}: the signer's certificate is revoked.",
                           "گواهی امضاکنندهٔ PDF باطل شده است: {detail}."),
    "pdf_modified": ("The PDF was changed after signature {detail}.",
                     "PDF پس از امضای {detail} تغییر کرده است."),
    "pdf_signer_other_board": ("PDF signature {detail} is by someone outside the ruling's "
                               "board.",
                               "امضای PDF در فیلد {detail} از کسی بیرون از هیات صادرکنندهٔ "
                               "رأی است."),
    "pdf_field_mismatch": ("PDF signature field {detail} is signed by another member, or by a "
                           "member who did not sign the ruling.",
                           "فیلد امضای {detail} را عضو دیگری یا عضوی که رأی را امضا نکرده "
                           "امضا کرده است."),
    "pdf_no_bundle": ("No signed ruling bundle is embedded in the PDF.",
                      "پروندهٔ رأی امضاشده در این PDF پیوست نیست."),
    "pdf_many_bundles": ("More than one ruling bundle is embedded ({detail}).",
                         "بیش از یک پروندهٔ رأی در PDF پیوست است ({detail})."),
    "pdf_bundle_invalid": ("The embedded ruling bundle is not valid (see its checks).",
                           "پروندهٔ رأی پیوست‌شده معتبر نیست (جزئیات در بررسی‌های آن)."),
}


@dataclass(frozen=True, slots=True)
class PdfCheck:
    code: str
    detail: str
    message_en: str
    message_fa: str

    @classmethod
    def fail(cls, code: str, detail: str = "") -> PdfCheck:
        en, fa = MESSAGES[code]
        return cls(code, detail, en.format(detail=detail), fa.format(detail=detail))


@dataclass(frozen=True, slots=True)
class PdfSignerInfo:
    field_name: str
    member_id: str
    full_name: str
    board_id: str
    role: str
    signed_at: datetime | None
    ok: bool


@dataclass(slots=True)
class RulingPdfReport:
    """Everything checked about a ruling PDF; ``ok`` only if every check passed."""

    signatures: list[PdfSignerInfo] = field(default_factory=list)
    failures: list[PdfCheck] = field(default_factory=list)
    bundle: bytes | None = None
    bundle_report: VerificationReport | None = None
    ruling_id: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures and bool(self.signatures) and (
            self.bundle_report is not None and self.bundle_report.ok
        )

    def fail(self, code: str, detail: str = "") -> None:
        self.failures.append(PdfCheck.fail(code, detail))

    def codes(self) -> set[str]:
        return {f.code for f in self.failures}


def bundle_name(ruling_id: str) -> str:
    return f"ruling-{ruling_id}{BUNDLE_SUFFIX}"


BundleVerifier = Callable[[bytes], VerificationReport]


def verify_ruling_pdf(
    pdf: bytes | Path,
    trusted_ca: x509.Certificate,
    *,
    crls: Iterable[x509.CertificateRevocationList] = (),
    at: datetime,
    bundle_verifier: BundleVerifier | None = None,
) -> RulingPdfReport:
    """Check a ruling PDF's signatures and embedded bundle (see the module docstring).

    ``at`` is the verification time for the bundle; PDF signatures are judged at the
    signing time they state. ``bundle_verifier`` replaces the plain bundle check (the
    rulings service adds the board's quorum rule and ledger).
    """
    from supervisor_app.adapters import pdf_signer  # pyHanko: loaded when first needed

    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    report = RulingPdfReport()
    crl_list = list(crls)
    try:
        statuses = pdf_signer.read_signatures(data, [trusted_ca], crls=crl_list)
        files = pdf_signer.attachments(data)
    except Exception as exc:  # any parse failure is a failed check, never a crash
        report.fail("pdf_unreadable", f"{type(exc).__name__}: {exc}")
        return report

    bundles = {name: blob for name, blob in files.items() if name.endswith(BUNDLE_SUFFIX)}
    if not bundles:
        report.fail("pdf_no_bundle")
    elif len(bundles) > 1:
        report.fail("pdf_many_bundles", ", ".join(sorted(bundles)))
    else:
        report.bundle = next(iter(bundles.values()))
        if bundle_verifier is not None:
            report.bundle_report = bundle_verifier(report.bundle)
        else:
            report.bundle_report = verify_bundle(
                report.bundle, cert_pem(trusted_ca), at=at,
                extra_crls=[c.public_bytes(Encoding.PEM) for c in crl_list],
            )
        report.ruling_id = report.bundle_report.ruling_id
        if not report.bundle_report.ok:
            report.fail("pdf_bundle_invalid")

    board_id, ruling_signers = _bundle_facts(report.bundle)
    if not statuses:
        report.fail("pdf_unsigned")
    _check_signatures(report, statuses, board_id, ruling_signers, crl_list, at)
    return report


def _bundle_facts(bundle: bytes | None) -> tuple[str | None, set[str]]:
    if bundle is None:
        return None, set()
    try:
        parsed = parse_bundle(bundle)
    except MalformedBundle:
        return None, set()
    return parsed.payload["board"]["id"], {s.member_id for s in parsed.signatures}


def _check_signatures(
    report: RulingPdfReport,
    statuses: Sequence[SignatureStatus],
    board_id: str | None,
    ruling_signers: set[str],
    crls: Sequence[x509.CertificateRevocationList],
    at: datetime,
) -> None:
    for n, status in enumerate(statuses):
        name = status.field_name
        before = len(report.failures)
        revoked = (
            revocation_problem(status.certificate, crls, status.signed_at or at, at, False)
            if status.certificate is not None
            else None
        )
        if not (status.intact and status.valid):
            report.fail("pdf_signature_invalid", name)
        elif revoked:
            report.fail("pdf_signer_revoked", f"{name} ({revoked})")
        elif not status.trusted:
            report.fail("pdf_signer_untrusted", name)
        last = n == len(statuses) - 1
        if not status.changes_allowed or (last and not status.covers_whole_file):
            report.fail("pdf_modified", name)
        binding = binding_of(status.certificate) if status.certificate is not None else None
        if binding is not None and board_id is not None and binding.board_id != board_id:
            report.fail("pdf_signer_other_board", name)
        if name.startswith(MEMBER_FIELD_PREFIX):
            member = name[len(MEMBER_FIELD_PREFIX):]
            if binding is None or binding.member_id != member or member not in ruling_signers:
                report.fail("pdf_field_mismatch", name)
        report.signatures.append(PdfSignerInfo(
            field_name=name,
            member_id=binding.member_id if binding else "",
            full_name=binding.full_name if binding else "",
            board_id=binding.board_id if binding else "",
            role=binding.role if binding else "",
            signed_at=status.signed_at,
            ok=len(report.failures) == before,
        ))
