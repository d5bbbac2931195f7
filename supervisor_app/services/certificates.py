"""The central CA's operations, and the trust store every workstation keeps.

*CA* (the central board, on the machine holding the CA directory): ``init_ca``,
``issue`` (a member's CSR, checked against the member's board and role as this
workstation's store knows them), ``revoke``, ``crl`` and ``trust_bundle`` (CA
certificate + every issued certificate + a fresh CRL, for distribution).

*Trust store* (every workstation): the central CA certificate pinned by fingerprint on
first import, member certificates and revocation lists, all checked against that CA
before they are stored. Verification and sealing read their trust from here only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

from ..domain.boards import MemberRole
from ..signing.ca import (
    DEFAULT_CA_DAYS,
    DEFAULT_CRL_DAYS,
    CertificateAuthority,
    Revocation,
    init_ca,
    open_ca,
)
from ..signing.errors import CertificateAuthorityError, NoTrustAnchor, TrustError
from ..signing.pki import binding_of, cert_pem, chain_problem, crl_pem, usage_problem
from ..signing.trust import (
    build_trust_bundle,
    crl_fingerprint,
    crl_number,
    fingerprint,
    normalise_fingerprint,
    parse_trust_bundle,
)
from ..store import Store, UnitOfWork
from ..store.repositories.signing import StoredCertificate, StoredCrl

Clock = Callable[[], datetime]
DEFAULT_MEMBER_CERT_DAYS = 2 * 365


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class CaInfo:
    directory: Path
    name: str
    fingerprint: str
    certificate: x509.Certificate


@dataclass(frozen=True, slots=True)
class TrustImport:
    """What an import added to the trust store."""

    anchor_fingerprint: str
    anchor_set: bool  # True when this import pinned the central CA for the first time
    new_certificates: int
    crl_number: int | None
    crl_new: bool


@dataclass(frozen=True, slots=True)
class TrustSummary:
    ca_name: str | None
    ca_fingerprint: str | None
    member_certificates: int
    crl_number: int | None
    crl_next_update: datetime | None
    crl_current: bool


def _common_name(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""


def _csr_attribute(csr: x509.CertificateSigningRequest, oid: x509.ObjectIdentifier) -> str:
    values = csr.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if len(values) == 1 else ""


def stored_certificate(cert: x509.Certificate, kind: str, at: datetime) -> StoredCertificate:
    binding = binding_of(cert)
    return StoredCertificate(
        fingerprint=fingerprint(cert),
        kind=kind,
        serial=f"{cert.serial_number:x}",
        member_id=(binding.member_id or None) if kind == "member" else None,
        board_id=(binding.board_id or None) if kind == "member" else None,
        role=(binding.role or None) if kind == "member" else None,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        pem=cert_pem(cert),
        imported_at=at,
    )


class CertificateService:
    def __init__(self, store: Store, now: Clock = utc_now, *, actor: str = "workstation") -> None:
        self._store = store
        self._now = now
        self._actor = actor

    # --- the central CA (on the machine that holds the CA directory) ----------------------

    def init_ca(
        self, directory: Path, name: str, passphrase: str, *, valid_days: int = DEFAULT_CA_DAYS
    ) -> CaInfo:
        """Create the central board's root CA in an empty directory."""
        ca = init_ca(Path(directory), name, passphrase, valid_days=valid_days, now=self._now())
        info = CaInfo(Path(directory), name, fingerprint(ca.certificate), ca.certificate)
        self._audit("ca.initialised", info.fingerprint, {"name": name})
        return info

    def open_ca(self, directory: Path, passphrase: str) -> CertificateAuthority:
        return open_ca(Path(directory), passphrase)

    def issue(
        self,
        directory: Path,
        passphrase: str,
        csr_pem: bytes,
        *,
        board_id: str | None = None,
        role: MemberRole | str | None = None,
        valid_days: int = DEFAULT_MEMBER_CERT_DAYS,
    ) -> x509.Certificate:
        """Certify a member's CSR for the board and role the store records for them.

        ``board_id``/``role`` are only needed for a member this store does not know; for
        a known member they must agree with the store (the CA never widens a binding).
        """
        try:
            csr = x509.load_pem_x509_csr(csr_pem)
        except ValueError as exc:
            raise CertificateAuthorityError(f"not a PEM certificate request: {exc}") from None
        member_id = _csr_attribute(csr, NameOID.USER_ID)
        role = MemberRole(role) if role is not None else None
        with self._store.unit_of_work(read_only=True) as uow:
            member = uow.boards.member(member_id) if member_id else None
            if member is not None:
                if board_id is not None and board_id != member.board_id:
                    raise CertificateAuthorityError(
                        f"member {member_id} sits on board {member.board_id}, not {board_id}"
                    )
                if role is not None and role is not member.role:
                    raise CertificateAuthorityError(
                        f"member {member_id} is {member.role.value}, not {role.value}"
                    )
                if not member.active:
                    raise CertificateAuthorityError(f"member {member_id} is no longer active")
                national_id = _csr_attribute(csr, NameOID.SERIAL_NUMBER)
                if national_id != member.national_id:
                    raise CertificateAuthorityError(
                        f"the CSR's national id {national_id!r} is not member {member_id}'s"
                    )
                board_id, role = member.board_id, member.role
            elif board_id is None or role is None:
                raise CertificateAuthorityError(
                    f"member {member_id or '?'} is not known to this workstation; "
                    "give the approved board and role explicitly"
                )
            board = uow.boards.get(board_id)
        ca = self.open_ca(directory, passphrase)
        cert = ca.issue(
            csr,
            board_id=board_id,
            role=role,
            valid_days=valid_days,
            board_name=board.name if board else None,
            now=self._now(),
        )
        self._audit(
            "ca.certificate_issued",
            member_id,
            {"board_id": board_id, "role": role.value, "serial": f"{cert.serial_number:x}"},
        )
        return cert

    def revoke(
        self, directory: Path, passphrase: str, serial: int | str, reason: str = "unspecified"
    ) -> Revocation:
        """Record a revocation in the CA; it reaches workstations with the next CRL."""
        number = int(serial, 16) if isinstance(serial, str) else serial
        ca = self.open_ca(directory, passphrase)
        try:
            revocation = ca.revoke(number, reason, at=self._now())
        except KeyError:
            raise CertificateAuthorityError(f"unknown revocation reason {reason!r}") from None
        self._audit("ca.certificate_revoked", f"{number:x}", {"reason": revocation.reason.value})
        return revocation

    def crl(
        self, directory: Path, passphrase: str, *, valid_days: int = DEFAULT_CRL_DAYS
    ) -> x509.CertificateRevocationList:
        crl = self.open_ca(directory, passphrase).crl(now=self._now(), valid_days=valid_days)
        self._audit("ca.crl_issued", str(crl_number(crl)), {})
        return crl

    def trust_bundle(
        self, directory: Path, passphrase: str, *, valid_days: int = DEFAULT_CRL_DAYS
    ) -> bytes:
        """CA certificate, every issued certificate and a fresh CRL, for every workstation."""
        ca = self.open_ca(directory, passphrase)
        crl = ca.crl(now=self._now(), valid_days=valid_days)
        return build_trust_bundle(ca.certificate, ca.issued(), crl)

    # --- the workstation's trust store -------------------------------------------------

    def anchor(self) -> x509.Certificate | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return anchor_in(uow)

    def require_anchor_pem(self) -> str:
        anchor = self.anchor()
        if anchor is None:
            raise NoTrustAnchor("no central CA is trusted on this workstation yet")
        return cert_pem(anchor)

    def import_trust_bundle(
        self, data: bytes, *, pin: str | None = None, allow_first_use: bool = False
    ) -> TrustImport:
        """Import a trust bundle (see ``signing.trust``); the first one needs ``pin``."""
        try:
            bundle = parse_trust_bundle(data)
        except ValueError as exc:
            raise TrustError(
                f"not a usable trust bundle: {exc}", "بستهٔ اعتماد خوانا یا معتبر نیست."
            ) from None
        return self.import_trust(
            bundle.ca_certificate,
            bundle.certificates,
            bundle.crl,
            pin=pin,
            allow_first_use=allow_first_use,
        )

    def import_trust(
        self,
        ca_certificate: x509.Certificate,
        certificates: Iterable[x509.Certificate] = (),
        crl: x509.CertificateRevocationList | None = None,
        *,
        pin: str | None = None,
        allow_first_use: bool = False,
    ) -> TrustImport:
        """Store the CA (pinned), member certificates and a CRL after checking each.

        The first CA is accepted only when its fingerprint equals ``pin`` (or, for a
        channel that is itself authenticated such as sync, ``allow_first_use``); later
        imports must carry the very same CA. Everything else must be signed by it.
        """
        now = self._now()
        certificates = list(certificates)
        with self._store.unit_of_work() as uow:
            anchor = anchor_in(uow)
            offered = fingerprint(ca_certificate)
            anchor_set = False
            if anchor is None:
                self._check_new_anchor(ca_certificate, offered, pin, allow_first_use)
                uow.signing.add_certificate(stored_certificate(ca_certificate, "ca", now))
                anchor, anchor_set = ca_certificate, True
            elif fingerprint(anchor) != offered:
                raise TrustError(
                    f"this bundle's CA ({offered[:16]}…) is not the central CA this workstation "
                    f"trusts ({fingerprint(anchor)[:16]}…); nothing was imported",
                    "مرجع گواهی این بسته همان مرجع مورد اعتماد این رایانه نیست؛ چیزی وارد نشد.",
                )
            new_certs = sum(self._add_member_certificate(uow, anchor, c, now) for c in certificates)
            crl_new = self._add_crl(uow, anchor, crl, now) if crl is not None else False
            uow.audit.append(
                self._actor,
                "trust.imported",
                fingerprint(anchor),
                {
                    "anchor_set": anchor_set,
                    "certificates": new_certs,
                    "crl_number": crl_number(crl) if crl is not None else None,
                },
                at=now,
            )
        return TrustImport(
            fingerprint(anchor),
            anchor_set,
            new_certs,
            crl_number(crl) if crl is not None else None,
            crl_new,
        )

    def import_crl(self, crl: x509.CertificateRevocationList) -> bool:
        """Store a newer CRL of the trusted CA (what sync delivers); True when it was new."""
        now = self._now()
        with self._store.unit_of_work() as uow:
            anchor = anchor_in(uow)
            if anchor is None:
                raise NoTrustAnchor("import the central CA before its revocation lists")
            return self._add_crl(uow, anchor, crl, now)

    def add_member_certificate(self, cert: x509.Certificate) -> bool:
        """Store one member certificate of the trusted CA; True when it was new."""
        now = self._now()
        with self._store.unit_of_work() as uow:
            anchor = anchor_in(uow)
            if anchor is None:
                raise NoTrustAnchor("import the central CA before member certificates")
            return self._add_member_certificate(uow, anchor, cert, now)

    def member_certificates(self, member_id: str) -> list[x509.Certificate]:
        with self._store.unit_of_work(read_only=True) as uow:
            rows = uow.signing.certificates(kind="member", member_id=member_id)
        return [x509.load_pem_x509_certificate(r.pem.encode("ascii")) for r in rows]

    def latest_crl(self) -> x509.CertificateRevocationList | None:
        with self._store.unit_of_work(read_only=True) as uow:
            row = uow.signing.latest_crl()
        return x509.load_pem_x509_crl(row.pem.encode("ascii")) if row else None

    def summary(self) -> TrustSummary:
        now = self._now()
        with self._store.unit_of_work(read_only=True) as uow:
            anchor = anchor_in(uow)
            members = len(uow.signing.certificates(kind="member"))
            crl = uow.signing.latest_crl()
        current = crl is not None and crl.last_update <= now <= (crl.next_update or now)
        return TrustSummary(
            _common_name(anchor) if anchor else None,
            fingerprint(anchor) if anchor else None,
            members,
            crl.crl_number if crl else None,
            crl.next_update if crl else None,
            current,
        )

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _check_new_anchor(
        ca: x509.Certificate, offered: str, pin: str | None, allow_first_use: bool
    ) -> None:
        if pin is not None:
            try:
                expected = normalise_fingerprint(pin)
            except ValueError as exc:
                raise TrustError(str(exc), "اثر انگشت واردشده معتبر نیست.") from None
            if expected != offered:
                raise TrustError(
                    f"the CA's fingerprint is {offered}, not the expected {expected}: "
                    "this is not the central board's CA",
                    "اثر انگشت این مرجع با اثر انگشت اعلام‌شدهٔ هیات مرکزی یکی نیست: "
                    "این مرجعِ هیات مرکزی نیست.",
                )
        elif not allow_first_use:
            raise TrustError(
                "the first trust import must name the central CA's fingerprint "
                f"(this bundle's CA is {offered}); confirm it with the central board",
                "نخستین ورود بستهٔ اعتماد باید با اثر انگشت مرجع هیات مرکزی همراه باشد؛ "
                "آن را از هیات مرکزی بپرسید.",
            )
        try:
            bc = ca.extensions.get_extension_for_class(x509.BasicConstraints).value
        except x509.ExtensionNotFound:
            bc = None
        if bc is None or not bc.ca or ca.issuer != ca.subject:
            raise TrustError(
                "the trust anchor must be a self-signed CA certificate",
                "گواهی مرجع باید گواهی خودامضای یک مرجع صدور باشد.",
            )

    @staticmethod
    def _add_member_certificate(
        uow: UnitOfWork, anchor: x509.Certificate, cert: x509.Certificate, now: datetime
    ) -> bool:
        member = binding_of(cert).member_id or "?"
        # Expired certificates are still needed to verify old rulings: check the chain
        # inside the certificate's own validity window.
        problem = chain_problem(cert, anchor, cert.not_valid_before_utc) or usage_problem(cert)
        if problem:
            raise TrustError(
                f"the certificate of {member} is not a member certificate of the trusted "
                f"central CA: {problem}",
                f"گواهی {member} گواهی عضویِ صادرشده از مرجع مورد اعتماد هیات مرکزی نیست.",
            )
        return uow.signing.add_certificate(stored_certificate(cert, "member", now))

    @staticmethod
    def _add_crl(
        uow: UnitOfWork,
        anchor: x509.Certificate,
        crl: x509.CertificateRevocationList,
        now: datetime,
    ) -> bool:
        if crl.issuer != anchor.subject or not crl.is_signature_valid(anchor.public_key()):
            raise TrustError(
                "the revocation list is not signed by the trusted central CA",
                "فهرست ابطال را مرجع مورد اعتماد هیات مرکزی امضا نکرده است.",
            )
        return uow.signing.add_crl(
            StoredCrl(
                fingerprint=crl_fingerprint(crl),
                crl_number=crl_number(crl),
                last_update=crl.last_update_utc,
                next_update=crl.next_update_utc,
                pem=crl_pem(crl),
                imported_at=now,
            )
        )

    def _audit(self, action: str, subject: str, details: dict[str, object]) -> None:
        with self._store.unit_of_work() as uow:
            uow.audit.append(self._actor, action, subject, dict(details), at=self._now())


def anchor_in(uow: UnitOfWork) -> x509.Certificate | None:
    """The pinned central CA certificate (the first one stored), or None."""
    rows = uow.signing.certificates(kind="ca")
    if not rows:
        return None
    first = min(rows, key=lambda r: r.imported_at)
    return x509.load_pem_x509_certificate(first.pem.encode("ascii"))


def crl_pems_in(uow: UnitOfWork) -> list[str]:
    return [row.pem for row in uow.signing.crls()]
