"""PAdES signatures in ruling PDFs: pdfsig validates them, verify checks PDF and bundle."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from supervisor_app.adapters import pdf_signer
from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.printing.verify import bundle_name, verify_ruling_pdf
from supervisor_app.services.printing import PrintError
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.keys import MemberKeys

from .conftest import (
    COUNTY,
    OTHER,
    T_SESSION,
    World,
    member_id,
    nss_db_trusting,
    pdfsig,
)

WritePdf = Callable[[bytes, str], Path]
M1, M2, M3, M4, M5 = (member_id(COUNTY, i) for i in range(1, 6))


@pytest.fixture(scope="module")
def signed(world: World) -> bytes:
    """The sealed ruling signed in the PDF by two of its signers, sealed by a third member."""
    return world.printing.ruling_pdf(
        world.sealed_id, signers={M1: world.signer(M1), M2: world.signer(M2)},
        seal=world.signer(M5),
    )


@pytest.fixture(scope="module")
def nss_db(world: World, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An NSS database that trusts the central CA, as a reader's trust store would."""
    return nss_db_trusting(tmp_path_factory.mktemp("nss"), world.ca_pem)


def _pdfsig(path: Path, nss: str) -> str:
    return pdfsig(path, nss)


def _verify(world: World, data: bytes) -> object:
    return verify_ruling_pdf(data, world.ca_certificate, at=T_SESSION + timedelta(days=1))


def test_pdfsig_validates_every_signature(world: World, signed: bytes, write_pdf: WritePdf,
                                          nss_db: str) -> None:
    """pdfsig finds the members' and the seal's signatures valid and trusted."""
    path = write_pdf(signed, "signed.pdf")
    out = _pdfsig(path, nss_db)
    fields = re.findall(r"Signature Field Name: (\S+)", out)
    assert fields == [f"member-{M1}", f"member-{M2}", "board-seal"]
    assert out.count("Signature Validation: Signature is Valid.") == 3, out
    assert out.count("Certificate Validation: Certificate is Trusted.") == 3, out
    assert out.count("Signature Type: ETSI.CAdES.detached") == 3
    assert out.rstrip().endswith("Total document signed") or "Total document signed" in out
    assert "زهرا احمدی" in out  # the signer's name from the certificate
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_verify_accepts_the_signed_ruling_pdf(world: World, signed: bytes) -> None:
    """The verifier checks every PDF signature and the embedded bundle, and both hold."""
    report = _verify(world, signed)
    assert report.ok, report.failures
    assert [(s.field_name, s.member_id, s.ok) for s in report.signatures] == [
        (f"member-{M1}", M1, True), (f"member-{M2}", M2, True), ("board-seal", M5, True)]
    assert report.bundle_report is not None
    assert set(report.bundle_report.valid_signers) == {M1, M2, M3, M4}
    assert report.ruling_id == world.sealed_id


def test_service_verify_uses_trust_store_and_ledger(world: World, signed: bytes) -> None:
    """The workstation's verify checks the PDF and the bundle against its ledger too."""
    outcome = world.printing.verify_pdf(signed)
    assert outcome.ok
    assert outcome.bundle is not None and outcome.bundle.ledger_source == "workstation"
    assert outcome.bundle.report.ledger_position == "included"


def test_board_seal_alone_carries_members_signatures_as_the_bundle(world: World) -> None:
    """Members who signed elsewhere: the printer's seal plus the embedded bundle verify."""
    data = world.printing.ruling_pdf(world.sealed_id, seal=world.signer(M5))
    report = _verify(world, data)
    assert report.ok, report.failures
    assert [s.field_name for s in report.signatures] == ["board-seal"]
    assert len(report.bundle_report.valid_signers) == 4


def test_unsigned_pdf_is_reported_as_unsigned(world: World) -> None:
    """A printout without PDF signatures is not valid, though its bundle still is."""
    report = _verify(world, world.printing.ruling_pdf(world.sealed_id))
    assert not report.ok
    assert report.codes() == {"pdf_unsigned"}
    assert report.bundle_report is not None and report.bundle_report.ok


def test_changes_after_signing_are_detected(world: World, signed: bytes) -> None:
    """New page content appended after the signatures makes the PDF invalid."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"q 1 0 0 rg 100 100 200 50 re f Q")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    report = _verify(world, out.getvalue())
    assert "pdf_modified" in report.codes()


def test_altered_bytes_break_the_signature(world: World, signed: bytes) -> None:
    """One changed byte inside the signed content fails the signature check."""
    index = signed.index(b"/Title")
    tampered = signed[:index] + b"/Titlf" + signed[index + 6:]
    report = _verify(world, tampered)
    assert "pdf_signature_invalid" in report.codes()


def test_field_signed_by_another_member_is_rejected(world: World) -> None:
    """A member's signature field signed with someone else's key does not count."""
    base = world.printing.ruling_pdf(world.sealed_id)
    prepared = pdf_signer.prepare(base, field_names=[f"member-{M1}"])
    # prepare() rewrites the file, which keeps the embedded bundle.
    data = pdf_signer.sign(prepared, f"member-{M1}", world.signer(M2),
                           extra_certs=[world.ca_certificate], signed_at=T_SESSION)
    assert bundle_name(world.sealed_id) in pdf_signer.attachments(data)
    assert "pdf_field_mismatch" in _verify(world, data).codes()


def test_signer_outside_the_board_is_rejected(world: World) -> None:
    """A member of another board cannot seal a ruling's PDF (service and verifier)."""
    other = member_id(OTHER, 1)
    with pytest.raises(PrintError):
        world.printing.ruling_pdf(world.sealed_id, seal=world.signer(other))
    base = pdf_signer.prepare(world.printing.ruling_pdf(world.sealed_id),
                              field_names=["board-seal"])
    data = pdf_signer.sign(base, "board-seal", world.signer(other),
                           extra_certs=[world.ca_certificate], signed_at=T_SESSION)
    assert "pdf_signer_other_board" in _verify(world, data).codes()


def test_certificate_of_another_ca_is_untrusted(world: World, tmp_path: Path) -> None:
    """A PDF signature under a certificate from a foreign CA is not trusted."""
    ca = init_ca(tmp_path / "rogue", "مرجع جعلی", "rogue-ca-passphrase",
                 now=T_SESSION - timedelta(days=5))
    member = BoardMember("rogue-1", COUNTY.id, "جاعل", make_national_id("777777771"),
                         MemberRole.CHAIR)
    board = Board(COUNTY.id, BoardLevel.COUNTY, COUNTY.name, "C2301", "B23", QuorumRule(5))
    keys = MemberKeys(MemoryKeystore())
    keys.create(member.id, "rogue-passphrase")
    cert = ca.issue(keys.csr(member, board, "rogue-passphrase"), board_id=COUNTY.id,
                    role=MemberRole.CHAIR, valid_days=365, now=T_SESSION - timedelta(days=4))
    signer = keys.signer(member.id, "rogue-passphrase", cert)
    base = pdf_signer.prepare(world.printing.ruling_pdf(world.sealed_id),
                              field_names=["board-seal"])
    data = pdf_signer.sign(base, "board-seal", signer, extra_certs=[ca.certificate],
                           signed_at=T_SESSION)
    assert "pdf_signer_untrusted" in _verify(world, data).codes()


def test_only_the_rulings_signers_sign_its_pdf(world: World) -> None:
    """The absent member and unsealed rulings cannot get member PDF signatures."""
    with pytest.raises(PrintError):
        world.printing.ruling_pdf(world.sealed_id, signers={M5: world.signer(M5)})
    with pytest.raises(PrintError):
        world.printing.ruling_pdf(world.sealed_id, signers={M1: world.signer(M2)})
    with pytest.raises(PrintError):
        world.printing.ruling_pdf(world.draft_id, seal=world.signer(M1))


def test_swapped_bundle_is_detected(world: World) -> None:
    """A PDF of one ruling carrying another board's bundle fails the board check."""
    other_bundle = world.rulings.bundle(world.other_board_ruling_id)
    base = world.printing.ruling_pdf(world.objection_ruling_id)
    # Rebuild the file with the other ruling's bundle instead of its own.
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(base))
    assert reader.root["/Names"]["/EmbeddedFiles"]
    plain = world.printing.documents.render(
        [world.printing.documents.ruling(world.printing.ruling_view(world.objection_ruling_id))],
        title="x", produced_at=T_SESSION,
    )
    prepared = pdf_signer.prepare(
        plain, field_names=["board-seal"],
        files=[pdf_signer.Attachment(bundle_name(world.other_board_ruling_id), other_bundle)],
    )
    data = pdf_signer.sign(prepared, "board-seal", world.signer(M5),
                           extra_certs=[world.ca_certificate], signed_at=T_SESSION)
    report = _verify(world, data)
    assert "pdf_signer_other_board" in report.codes()


def test_pdf_signature_times_follow_the_app_clock(world: World, signed: bytes) -> None:
    """The signing time inside each PDF signature is the workstation clock's, not the OS's."""
    statuses = pdf_signer.read_signatures(signed, [world.ca_certificate])
    assert {s.signed_at for s in statuses} == {T_SESSION}
    assert world.ca_certificate.public_bytes(serialization.Encoding.PEM).decode() == world.ca_pem
