"""Member key enrolment on a workstation: key pair, CSR out, certificate in.

The private key is created here and never leaves the workstation in clear: it is kept
as an encrypted PKCS#8 PEM under the member's passphrase, inside the keystore (the OS
keyring, else the encrypted keystore file in the data directory; never plaintext). The
certificate the central CA returns is accepted only when it chains to the trusted
central CA, is not revoked, names the member's own board and role as this store
records them, and certifies the very key created here.

A member may instead keep the key on a hardware token (PKCS#11, see ``token_keys``):
the key is generated on the token and never leaves it, the keystore records only where
it is, and the token PIN takes the passphrase's place in every call below.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ..adapters.keystore import Keystore, open_keystore
from ..domain.boards import BoardMember
from ..signing.bundle import CLOCK_SKEW
from ..signing.errors import KeyNotFound, SigningError, TrustError
from ..signing.keys import KEY_SERVICE, MemberKeys, Signer, check_new_passphrase
from ..signing.pki import CertificateBinding, binding_of, chain_problem, usage_problem
from ..signing.trust import fingerprint
from ..store import NotFound, Store, UnitOfWork
from . import token_keys
from .certificates import CertificateService, anchor_in, stored_certificate
from .token_keys import TokenKeyRef

Clock = Callable[[], datetime]
KEYSTORE_FILE = "keystore.json"  # the encrypted-file fallback, inside the data directory
KEYSTORE_PASSPHRASE_ENV = "SUPERVISOR_KEYSTORE_PASSPHRASE"
PUBLIC_KEY_SERVICE = f"{KEY_SERVICE}/public"


def utc_now() -> datetime:
    return datetime.now(UTC)


def keystore_opener(
    data_root: Path, passphrase: str | Callable[[], str] | None
) -> Callable[[], Keystore]:
    """Opens the OS keyring, else ``<data>/keystore.json`` under ``passphrase``, else raises
    ``KeystoreUnavailable`` (with its Persian message) when used."""

    def open_() -> Keystore:
        return open_keystore(fallback_path=data_root / KEYSTORE_FILE, passphrase=passphrase)

    return open_


@dataclass(frozen=True, slots=True)
class MemberKeyStatus:
    member_id: str
    has_key: bool
    certificate_serial: str | None
    certificate_not_after: datetime | None
    board_id: str | None
    token: TokenKeyRef | None = None  # set when the key lives on a hardware token


class EnrolmentError(SigningError):
    """A key, CSR or certificate step of enrolment was refused."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


class MemberKeyService:
    def __init__(
        self,
        store: Store,
        keystore: Keystore | Callable[[], Keystore],
        certificates: CertificateService,
        now: Clock = utc_now,
    ) -> None:
        self._store = store
        self._keystore_source = keystore
        self._keystore: Keystore | None = keystore if isinstance(keystore, Keystore) else None
        self._lock = threading.Lock()
        self._certificates = certificates
        self._now = now

    # The keystore opens on first use: the OS keyring (or the master passphrase prompt)
    # is only touched when a member actually works with a key.
    @property
    def keystore(self) -> Keystore:
        with self._lock:
            if self._keystore is None:
                source = self._keystore_source
                assert callable(source)
                self._keystore = source()
            return self._keystore

    @property
    def keys(self) -> MemberKeys:
        return MemberKeys(self.keystore)

    def _member(self, member_id: str) -> BoardMember:
        with self._store.unit_of_work(read_only=True) as uow:
            member = uow.boards.member(member_id)
        if member is None:
            raise NotFound(f"board member {member_id} is not known to this workstation")
        return member

    def _active_member(self, member_id: str) -> BoardMember:
        member = self._member(member_id)
        if not member.active:
            raise EnrolmentError(
                f"member {member_id} is no longer active on board {member.board_id}",
                f"عضو {member_id} دیگر عضو فعال هیات نیست.",
            )
        return member

    def create_key(self, member_id: str, passphrase: str, *, replace: bool = False) -> str:
        """Generate the member's P-256 key here; returns the public key's SHA-256 (hex)."""
        member = self._active_member(member_id)
        check_new_passphrase(passphrase)
        if not replace and self.token_key(member_id) is not None:
            raise EnrolmentError(
                f"member {member_id} already has a key on a hardware token (use --replace)",
                f"کلید عضو {member_id} روی توکن سخت‌افزاری است؛ برای جایگزینی --replace را بدهید.",
            )
        public = self.keys.create(member_id, passphrase, replace=replace)
        token_keys.delete_ref(self.keystore, member_id)  # now signs in software
        pem = public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
        self.keystore.set(PUBLIC_KEY_SERVICE, member_id, pem)
        digest = _spki_sha256(public)
        with self._store.unit_of_work() as uow:
            uow.audit.append(
                member_id,
                "member_key.created",
                member_id,
                {"board_id": member.board_id, "public_key_sha256": digest, "replaced": replace},
                at=self._now(),
            )
        return digest

    def create_token_key(
        self,
        member_id: str,
        pin: str,
        *,
        module: str,
        token_label: str | None = None,
        key_label: str | None = None,
        adopt: bool = False,
        replace: bool = False,
    ) -> TokenKeyRef:
        """Generate the member's P-256 key on a hardware token (or adopt the one labelled
        ``key_label``) and record that the member signs with it. Never stores the PIN."""
        member = self._active_member(member_id)
        if self.has_key(member_id) and not replace:
            raise EnrolmentError(
                f"member {member_id} already has a key on this workstation (use --replace)",
                f"عضو {member_id} از پیش کلیدی روی این رایانه دارد؛ برای جایگزینی --replace "
                "را بدهید.",
            )
        ref, public = token_keys.provision(
            module,
            token_label=token_label,
            key_label=key_label or f"nezarat-{member_id}",
            pin=pin,
            adopt=adopt,
        )
        # Only now, with the key on the token, forget any software key: a certificate
        # stays only when it certifies this very key (an adopted key enrolled before).
        old_cert = self.keys.certificate(member_id)
        self.keys.delete(member_id)
        if old_cert is not None and old_cert.public_key() == public:
            self.keys.store_certificate(member_id, old_cert)
        self.keystore.set(PUBLIC_KEY_SERVICE, member_id, _spki_pem(public))
        token_keys.save_ref(self.keystore, member_id, ref)
        with self._store.unit_of_work() as uow:
            uow.audit.append(
                member_id,
                "member_key.created",
                member_id,
                {
                    "board_id": member.board_id,
                    "public_key_sha256": _spki_sha256(public),
                    "replaced": replace,
                    "hardware_token": ref.token_label,
                    "adopted": adopt,
                },
                at=self._now(),
            )
        return ref

    def token_key(self, member_id: str) -> TokenKeyRef | None:
        """Where the member's key is on a hardware token; None for a software key (or none)."""
        return token_keys.load_ref(self.keystore, member_id)

    def uses_token(self, member_id: str) -> bool:
        """True when the member signs with a hardware token (the secret asked is its PIN)."""
        return self.token_key(member_id) is not None

    def has_key(self, member_id: str) -> bool:
        return self.keys.has_key(member_id) or self.uses_token(member_id)

    def csr(self, member_id: str, passphrase: str) -> bytes:
        """The PEM certificate request to send to the central board (needs the passphrase,
        or the token PIN for a token member: the token signs the request)."""
        member = self._member(member_id)
        with self._store.unit_of_work(read_only=True) as uow:
            board = uow.boards.get(member.board_id)
        if board is None:
            raise NotFound(f"board {member.board_id} is not known to this workstation")
        ref = self.token_key(member_id)
        if ref is not None:
            request = token_keys.csr(ref, passphrase, member, board)
        else:
            request = self.keys.csr(member, board, passphrase)
        return request.public_bytes(serialization.Encoding.PEM)

    def import_certificate(self, pem: bytes) -> CertificateBinding:
        """Accept the CA's certificate for a member whose key lives on this workstation."""
        try:
            cert = x509.load_pem_x509_certificate(pem)
        except ValueError as exc:
            raise EnrolmentError(
                f"not a PEM certificate: {exc}", "پرونده گواهی PEM خوانا نیست."
            ) from None
        binding = binding_of(cert)
        member = self._member(binding.member_id)
        self._check_binding(binding, member)
        now = self._now()
        with self._store.unit_of_work() as uow:
            anchor = anchor_in(uow)
            if anchor is None:
                raise TrustError(
                    "import the central board's trust bundle before member certificates",
                    "نخست بستهٔ اعتماد هیات مرکزی را وارد کنید، سپس گواهی اعضا را.",
                )
            # A CA machine whose clock runs a little ahead must not make a fresh
            # certificate look "not yet valid" here.
            start = cert.not_valid_before_utc
            at = start if now < start <= now + CLOCK_SKEW else now
            problem = chain_problem(cert, anchor, at) or usage_problem(cert)
            revoked = self._revoked(uow, cert)
            if problem or revoked:
                raise TrustError(
                    f"the certificate of {member.id} is not usable: {problem or revoked}",
                    f"گواهی {member.id} قابل استفاده نیست: از مرجع هیات مرکزی نیست، "
                    "منقضی یا باطل شده است.",
                )
            public = self.keystore.get(PUBLIC_KEY_SERVICE, member.id)
            if public is None or not self.has_key(member.id):
                raise KeyNotFound(
                    f"member {member.id} has no key on this workstation; "
                    "the certificate must go to the workstation that made the request"
                )
            if public.encode("ascii") != cert.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ):
                raise EnrolmentError(
                    f"the certificate certifies another key than member {member.id}'s key "
                    "on this workstation",
                    f"این گواهی برای کلید دیگری جز کلید عضو {member.id} روی این رایانه است.",
                )
            uow.signing.add_certificate(stored_certificate(cert, "member", now))
            uow.audit.append(
                member.id,
                "member_certificate.imported",
                member.id,
                {
                    "serial": f"{cert.serial_number:x}",
                    "fingerprint": fingerprint(cert),
                    "board_id": binding.board_id,
                    "role": binding.role,
                },
                at=now,
            )
            # Last: the keystore is outside the transaction, so write it only once the
            # store has accepted everything.
            self.keys.store_certificate(member.id, cert)
        return binding

    def status(self, member_id: str) -> MemberKeyStatus:
        member = self._member(member_id)
        cert = self.keys.certificate(member_id)
        return MemberKeyStatus(
            member_id,
            self.has_key(member_id),
            f"{cert.serial_number:x}" if cert else None,
            cert.not_valid_after_utc if cert else None,
            member.board_id,
            self.token_key(member_id),
        )

    def signer(self, member_id: str, passphrase: str) -> Signer:
        """Unlock the member's key (``passphrase`` is the token PIN for a token member);
        ``WrongPassphrase`` means nothing can be signed."""
        ref = self.token_key(member_id)
        if ref is None:
            return self.keys.signer(member_id, passphrase)
        cert = self.keys.certificate(member_id)
        if cert is None:
            raise EnrolmentError(
                f"member {member_id} has no certificate yet; ask the central CA",
                f"عضو {member_id} هنوز گواهی ندارد؛ گواهی را از هیات مرکزی بگیرید و وارد کنید.",
            )
        return token_keys.signer(ref, passphrase, cert)

    def change_passphrase(self, member_id: str, old: str, new: str) -> None:
        if self.uses_token(member_id):
            raise EnrolmentError(
                f"member {member_id} signs with a hardware token: change its PIN with the "
                "token's own tools",
                "کلید این عضو روی توکن سخت‌افزاری است؛ رمز (PIN) را با ابزار خود توکن تغییر دهید.",
            )
        self.keys.change_passphrase(member_id, old, new)
        with self._store.unit_of_work() as uow:
            uow.audit.append(
                member_id, "member_key.passphrase_changed", member_id, {}, at=self._now()
            )

    @staticmethod
    def _check_binding(binding: CertificateBinding, member: BoardMember) -> None:
        wrong = [
            f"{what} {got!r} (the store says {want!r})"
            for what, got, want in (
                ("board", binding.board_id, member.board_id),
                ("role", binding.role, member.role.value),
                ("national id", binding.national_id, member.national_id),
            )
            if got != want
        ]
        if wrong:
            raise EnrolmentError(
                f"the certificate of {member.id} names another " + ", ".join(wrong),
                f"هیات، سمت یا کد ملی درج‌شده در گواهی {member.id} با اطلاعات این عضو یکی نیست.",
            )

    @staticmethod
    def _revoked(uow: UnitOfWork, cert: x509.Certificate) -> str | None:
        for row in uow.signing.crls():
            crl = x509.load_pem_x509_crl(row.pem.encode("ascii"))
            if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
                return f"revoked (CRL {row.crl_number})"
        return None


def _spki_pem(key: ec.EllipticCurvePublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def _spki_sha256(key: ec.EllipticCurvePublicKey) -> str:
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()
