"""The central board's certificate authority: a self-signed P-256 root that certifies members.

State lives in one directory, so ``supervisor-app ca init|issue|revoke|crl`` can be thin
wrappers over :func:`init_ca`, :func:`open_ca` and the :class:`CertificateAuthority`
methods::

    ca.json        {"format": "nezarat-ca", "version": 1, "name": ..., "crl_number": n}
    ca-key.pem     the CA key, encrypted PKCS#8 under the CA passphrase (mode 0600)
    ca-cert.pem    the root certificate (distribute to every workstation as the trust anchor)
    issued/<serial-hex>.pem   every certificate issued
    revoked.json   [{"serial": "<hex>", "reason": "<ReasonFlags value>", "revoked_at": iso}]
    crl.pem        the latest CRL written by :meth:`CertificateAuthority.crl`

The CA sets the board binding itself (see :mod:`supervisor_app.signing.pki`): a CSR that
asks for another board or role than the one the central board approves is refused.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from supervisor_app.domain.boards import MemberRole
from supervisor_app.domain.national_id import is_valid_national_id

from .errors import CertificateAuthorityError
from .keys import decrypt_private_key, encrypt_private_key, generate_private_key
from .pki import CURVE, MEMBER_EKU, as_utc, cert_pem, crl_pem, member_subject

CA_FORMAT = "nezarat-ca"
CA_VERSION = 1
DEFAULT_CA_DAYS = 20 * 365
DEFAULT_CRL_DAYS = 7
# Reasons a CRL entry may carry; "unspecified" is written without a reason extension.
REASONS = {flag.value: flag for flag in x509.ReasonFlags}


@dataclass(frozen=True, slots=True)
class Revocation:
    serial: int
    reason: x509.ReasonFlags
    revoked_at: datetime


def _write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _now(now: datetime | None) -> datetime:
    # Certificates carry whole seconds; trimming keeps "valid at now" exact.
    return as_utc(now or datetime.now(UTC)).replace(microsecond=0)


class CertificateAuthority:
    """An opened CA (its key unlocked). Create with :func:`init_ca` or :func:`open_ca`."""

    def __init__(
        self, directory: Path, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate
    ) -> None:
        self.directory = directory
        self._key = key
        self.certificate = certificate

    # --- state files -------------------------------------------------------------------

    @property
    def _state_path(self) -> Path:
        return self.directory / "ca.json"

    def _state(self) -> dict[str, Any]:
        return json.loads(self._state_path.read_text(encoding="utf-8"))

    def _save_state(self, state: dict[str, Any]) -> None:
        _write_atomic(self._state_path, json.dumps(state, indent=1).encode("utf-8"))

    @property
    def name(self) -> str:
        return str(self._state()["name"])

    @property
    def certificate_pem(self) -> str:
        return cert_pem(self.certificate)

    def issued(self) -> list[x509.Certificate]:
        folder = self.directory / "issued"
        return [
            x509.load_pem_x509_certificate(p.read_bytes()) for p in sorted(folder.glob("*.pem"))
        ]

    def find(self, serial: int) -> x509.Certificate | None:
        path = self.directory / "issued" / f"{serial:x}.pem"
        return x509.load_pem_x509_certificate(path.read_bytes()) if path.exists() else None

    def revocations(self) -> list[Revocation]:
        path = self.directory / "revoked.json"
        if not path.exists():
            return []
        return [
            Revocation(
                int(row["serial"], 16),
                REASONS[row["reason"]],
                datetime.fromisoformat(row["revoked_at"]),
            )
            for row in json.loads(path.read_text(encoding="utf-8"))
        ]

    # --- operations --------------------------------------------------------------------

    def issue(
        self,
        csr: x509.CertificateSigningRequest,
        *,
        board_id: str,
        role: MemberRole | str,
        valid_days: int,
        board_name: str | None = None,
        now: datetime | None = None,
    ) -> x509.Certificate:
        """Certify a member for exactly one board and role, after checking the CSR."""
        role = MemberRole(role)
        if not csr.is_signature_valid:
            raise CertificateAuthorityError("the CSR's self-signature is invalid")
        key = csr.public_key()
        if not (isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, CURVE)):
            raise CertificateAuthorityError("member keys must be ECDSA P-256")
        if valid_days < 1:
            raise CertificateAuthorityError("valid_days must be at least 1")

        def one(oid: x509.ObjectIdentifier) -> str:
            values = csr.subject.get_attributes_for_oid(oid)
            return str(values[0].value) if len(values) == 1 else ""

        full_name, national_id, member_id = (
            one(NameOID.COMMON_NAME),
            one(NameOID.SERIAL_NUMBER),
            one(NameOID.USER_ID),
        )
        if not full_name or not member_id:
            raise CertificateAuthorityError("the CSR must name the member (CN) and member id (UID)")
        if not is_valid_national_id(national_id) or not national_id.isascii():
            raise CertificateAuthorityError(f"the CSR's national id {national_id!r} is invalid")
        asked_board, asked_role = one(NameOID.ORGANIZATIONAL_UNIT_NAME), one(NameOID.TITLE)
        if asked_board and asked_board != board_id:
            raise CertificateAuthorityError(
                f"the CSR asks for board {asked_board!r}, "
                f"but the member is approved for {board_id!r}"
            )
        if asked_role and asked_role != role.value:
            raise CertificateAuthorityError(
                f"the CSR asks for role {asked_role!r}, "
                f"but the member is approved as {role.value!r}"
            )
        board_name = board_name or one(NameOID.ORGANIZATION_NAME)
        if not board_name:
            raise CertificateAuthorityError("a board name is required")

        start = _now(now)
        end = min(start + timedelta(days=valid_days), self.certificate.not_valid_after_utc)
        cert = (
            x509.CertificateBuilder()
            .subject_name(
                member_subject(
                    member_id=member_id,
                    full_name=full_name,
                    national_id=national_id,
                    board_id=board_id,
                    board_name=board_name,
                    role=role.value,
                )
            )
            .issuer_name(self.certificate.subject)
            .public_key(key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(sign=True, ca=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage(list(MEMBER_EKU)), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
            .sign(self._key, hashes.SHA256())
        )
        _write_atomic(
            self.directory / "issued" / f"{cert.serial_number:x}.pem", cert_pem(cert).encode()
        )
        return cert

    def revoke(
        self,
        serial: int,
        reason: x509.ReasonFlags | str = x509.ReasonFlags.unspecified,
        *,
        at: datetime | None = None,
    ) -> Revocation:
        """Record a revocation; it takes effect in the next :meth:`crl`."""
        reason = REASONS[reason] if isinstance(reason, str) else reason
        if reason in (x509.ReasonFlags.remove_from_crl,):
            raise CertificateAuthorityError("removeFromCRL is not a revocation reason")
        if self.find(serial) is None:
            raise CertificateAuthorityError(f"this CA never issued serial {serial:x}")
        existing = self.revocations()
        if any(r.serial == serial for r in existing):
            raise CertificateAuthorityError(f"serial {serial:x} is already revoked")
        revocation = Revocation(serial, reason, _now(at))
        rows = [
            {
                "serial": f"{r.serial:x}",
                "reason": r.reason.value,
                "revoked_at": r.revoked_at.isoformat(),
            }
            for r in [*existing, revocation]
        ]
        _write_atomic(self.directory / "revoked.json", json.dumps(rows, indent=1).encode())
        return revocation

    def crl(
        self, *, now: datetime | None = None, valid_days: int = DEFAULT_CRL_DAYS
    ) -> x509.CertificateRevocationList:
        """A freshly signed CRL of every revocation so far (also written to ``crl.pem``)."""
        start = _now(now)
        state = self._state()
        number = int(state.get("crl_number", 0)) + 1
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(start)
            .next_update(start + timedelta(days=valid_days))
            .add_extension(x509.CRLNumber(number), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
        )
        for r in self.revocations():
            entry = (
                x509.RevokedCertificateBuilder()
                .serial_number(r.serial)
                .revocation_date(r.revoked_at)
            )
            if r.reason is not x509.ReasonFlags.unspecified:
                entry = entry.add_extension(x509.CRLReason(r.reason), critical=False)
            builder = builder.add_revoked_certificate(entry.build())
        crl = builder.sign(self._key, hashes.SHA256())
        state["crl_number"] = number
        self._save_state(state)
        _write_atomic(self.directory / "crl.pem", crl_pem(crl).encode())
        return crl


def init_ca(
    directory: Path,
    name: str,
    passphrase: str,
    *,
    valid_days: int = DEFAULT_CA_DAYS,
    now: datetime | None = None,
) -> CertificateAuthority:
    """Create a new root CA in an empty (or missing) directory."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise CertificateAuthorityError(f"{directory} is not empty; refusing to overwrite a CA")
    key = generate_private_key()
    start = _now(now)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    _write_atomic(directory / "ca-key.pem", encrypt_private_key(key, passphrase).encode(), 0o600)
    _write_atomic(directory / "ca-cert.pem", cert_pem(cert).encode())
    state = {"format": CA_FORMAT, "version": CA_VERSION, "name": name, "crl_number": 0}
    _write_atomic(directory / "ca.json", json.dumps(state, indent=1).encode())
    return CertificateAuthority(directory, key, cert)


def open_ca(directory: Path, passphrase: str) -> CertificateAuthority:
    """Open an existing CA; :class:`~.errors.WrongPassphrase` if the passphrase is wrong."""
    directory = Path(directory)
    try:
        state = json.loads((directory / "ca.json").read_text(encoding="utf-8"))
        key_pem = (directory / "ca-key.pem").read_text(encoding="ascii")
        cert = x509.load_pem_x509_certificate((directory / "ca-cert.pem").read_bytes())
    except (OSError, ValueError) as exc:
        raise CertificateAuthorityError(f"{directory} does not hold a CA: {exc}") from exc
    if state.get("format") != CA_FORMAT or state.get("version") != CA_VERSION:
        raise CertificateAuthorityError(f"{directory}: unsupported CA state format")
    key = decrypt_private_key(key_pem, passphrase)
    if key.public_key() != cert.public_key():
        raise CertificateAuthorityError("the CA key does not match the CA certificate")
    return CertificateAuthority(directory, key, cert)
