"""Member key pairs: generated on the member's workstation, stored encrypted, unlocked to sign.

The private key never leaves the workstation in clear: it is serialised as an encrypted
PKCS#8 PEM (``BestAvailableEncryption``: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC; openssl
reads it with ``openssl pkcs8``) under the member's own passphrase, and that PEM is kept
in a :class:`~supervisor_app.adapters.keystore.Keystore` (OS keyring or encrypted file).
A wrong passphrase raises :class:`WrongPassphrase` before any signer exists, so nothing
can be signed with it.

Passphrases are compared after NFC, Arabic ي/ك → Persian ی/ک and Persian/Arabic digits
→ ASCII, so switching between an Arabic and a Persian keyboard layout cannot lock a
member out of their key.
"""

from __future__ import annotations

import unicodedata
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from supervisor_app.adapters.keystore import Keystore
from supervisor_app.domain.boards import Board, BoardMember
from supervisor_app.domain.persian import to_ascii_digits

from .errors import KeyNotFound, SigningError, WrongPassphrase
from .pki import CURVE, member_subject

KEY_SERVICE = "nezarat/member-key"
MIN_PASSPHRASE_LENGTH = 8
_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def passphrase_bytes(passphrase: str) -> bytes:
    """The bytes a passphrase stands for (see the module docstring for the folding)."""
    folded = to_ascii_digits(unicodedata.normalize("NFC", passphrase).translate(_LETTERS))
    return folded.encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise SigningError(f"a key passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters")


def generate_private_key() -> ec.EllipticCurvePrivateKey:
    """A fresh ECDSA P-256 key from the OS random generator."""
    return ec.generate_private_key(CURVE())


def encrypt_private_key(key: ec.EllipticCurvePrivateKey, passphrase: str) -> str:
    """Encrypted PKCS#8 PEM (``-----BEGIN ENCRYPTED PRIVATE KEY-----``)."""
    check_new_passphrase(passphrase)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase_bytes(passphrase)),
    ).decode("ascii")


def decrypt_private_key(pem: str, passphrase: str) -> ec.EllipticCurvePrivateKey:
    """Unlock an encrypted PKCS#8 PEM; :class:`WrongPassphrase` when it does not open."""
    if "ENCRYPTED PRIVATE KEY" not in pem:
        # Refuse unencrypted keys outright: one must never have been stored.
        raise SigningError("stored key is not encrypted; refusing to use it")
    try:
        key = serialization.load_pem_private_key(
            pem.encode("ascii"), password=passphrase_bytes(passphrase)
        )
    except (ValueError, TypeError):
        raise WrongPassphrase(
            "wrong passphrase (or the stored key is damaged): the key was not unlocked "
            "and nothing was signed"
        ) from None
    if not (isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, CURVE)):
        raise SigningError("stored key is not an ECDSA P-256 key")
    return key


def create_csr(
    key: ec.EllipticCurvePrivateKey, member: BoardMember, board: Board
) -> x509.CertificateSigningRequest:
    """A CSR whose subject follows :mod:`supervisor_app.signing.pki` (the CA re-checks it)."""
    if member.board_id != board.id:
        raise SigningError(f"member {member.id} belongs to board {member.board_id}, not {board.id}")
    subject = member_subject(
        member_id=member.id,
        full_name=member.full_name,
        national_id=member.national_id,
        board_id=board.id,
        board_name=board.name,
        role=member.role.value,
    )
    return x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())


class Signer(Protocol):
    """Anything that signs bytes with ECDSA-SHA256 for one certificate (software or token)."""

    @property
    def certificate(self) -> x509.Certificate: ...

    def sign(self, data: bytes) -> bytes:
        """DER-encoded ECDSA signature over SHA-256(``data``)."""
        ...


class SoftwareSigner:
    """A signer over an unlocked in-memory key (the key stays inside this object)."""

    def __init__(self, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate) -> None:
        if key.public_key() != certificate.public_key():
            raise SigningError("the certificate does not belong to this private key")
        self._key = key
        self._certificate = certificate

    @property
    def certificate(self) -> x509.Certificate:
        return self._certificate

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data, ec.ECDSA(hashes.SHA256()))


class MemberKeys:
    """Members' keys and certificates on one workstation, kept in a keystore."""

    def __init__(self, keystore: Keystore, *, service: str = KEY_SERVICE) -> None:
        self._keystore = keystore
        self._service = service
        self._cert_service = f"{service}/certificate"

    def has_key(self, member_id: str) -> bool:
        return self._keystore.get(self._service, member_id) is not None

    def create(
        self, member_id: str, passphrase: str, *, replace: bool = False
    ) -> ec.EllipticCurvePublicKey:
        """Generate and store a new key pair; refuses to overwrite one unless ``replace``."""
        if self.has_key(member_id) and not replace:
            raise SigningError(f"member {member_id} already has a key on this workstation")
        key = generate_private_key()
        self._keystore.set(self._service, member_id, encrypt_private_key(key, passphrase))
        return key.public_key()

    def stored_pem(self, member_id: str) -> str:
        pem = self._keystore.get(self._service, member_id)
        if pem is None:
            raise KeyNotFound(f"no key stored for member {member_id}")
        return pem

    def unlock(self, member_id: str, passphrase: str) -> ec.EllipticCurvePrivateKey:
        return decrypt_private_key(self.stored_pem(member_id), passphrase)

    def csr(
        self, member: BoardMember, board: Board, passphrase: str
    ) -> x509.CertificateSigningRequest:
        return create_csr(self.unlock(member.id, passphrase), member, board)

    def change_passphrase(self, member_id: str, old: str, new: str) -> None:
        key = self.unlock(member_id, old)
        self._keystore.set(self._service, member_id, encrypt_private_key(key, new))

    def store_certificate(self, member_id: str, certificate: x509.Certificate) -> None:
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        self._keystore.set(self._cert_service, member_id, pem)

    def certificate(self, member_id: str) -> x509.Certificate | None:
        pem = self._keystore.get(self._cert_service, member_id)
        return None if pem is None else x509.load_pem_x509_certificate(pem.encode("ascii"))

    def signer(
        self, member_id: str, passphrase: str, certificate: x509.Certificate | None = None
    ) -> SoftwareSigner:
        """Unlock the member's key; :class:`WrongPassphrase` means no signer was made."""
        cert = certificate or self.certificate(member_id)
        if cert is None:
            raise SigningError(f"member {member_id} has no certificate yet; ask the central CA")
        return SoftwareSigner(self.unlock(member_id, passphrase), cert)

    def delete(self, member_id: str) -> None:
        self._keystore.delete(self._service, member_id)
        self._keystore.delete(self._cert_service, member_id)
