"""Member keys on a hardware token (smart card, USB token) over PKCS#11, via python-pkcs11.

The private key is generated on the token and never leaves it (sensitive, not
extractable); the token PIN plays the role of the passphrase: a wrong PIN raises
:class:`~.errors.WrongPassphrase` and nothing is signed. Signing uses ``CKM_ECDSA``
over a SHA-256 digest computed here, the most widely supported mechanism, and the raw
``r||s`` result is DER-encoded so signatures look exactly like software ones.

Because ``cryptography`` cannot build a CSR with an external key, :func:`token_csr`
assembles the PKCS#10 structure with asn1crypto (a python-pkcs11 dependency) and has
the token sign it; the result loads and checks with ``cryptography`` as usual.

Tested against SoftHSM2 (``softhsm2``); real tokens ship their own PKCS#11 module
(e.g. OpenSC's ``opensc-pkcs11.so``).
"""

from __future__ import annotations

import hashlib
from types import TracebackType
from typing import Any

import pkcs11
from asn1crypto import csr as asn1_csr
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

from supervisor_app.domain.boards import Board, BoardMember

from .errors import KeyNotFound, SigningError, WrongPassphrase
from .pki import CURVE, member_subject


def _open_session(library_path: str, token_label: str, pin: str, *, rw: bool) -> Any:
    try:
        token = pkcs11.lib(library_path).get_token(token_label=token_label)
    except (pkcs11.NoSuchToken, pkcs11.MultipleTokensReturned) as exc:
        raise SigningError(f"token {token_label!r} not found (or ambiguous)") from exc
    try:
        return token.open(user_pin=pin, rw=rw)
    except (pkcs11.PinIncorrect, pkcs11.PinInvalid, pkcs11.PinLenRange):
        raise WrongPassphrase(
            "wrong token PIN: the key was not unlocked and nothing was signed"
        ) from None
    except pkcs11.PinLocked:
        raise WrongPassphrase("the token PIN is locked after too many wrong attempts") from None
    except pkcs11.UserAlreadyLoggedIn:
        # PKCS#11 login is per process: accepting this would let any PIN through.
        raise SigningError(
            "the token is already unlocked by another signer in this program; close it first"
        ) from None


def generate_token_key(
    library_path: str, *, token_label: str, pin: str, key_label: str
) -> ec.EllipticCurvePublicKey:
    """Generate a P-256 key pair on the token (private part non-extractable)."""
    with _open_session(library_path, token_label, pin, rw=True) as session:
        params = session.create_domain_parameters(
            KeyType.EC,
            {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        public, _ = params.generate_keypair(
            store=True,
            label=key_label,
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
        )
        spki = encode_ec_public_key(public)
    key = serialization.load_der_public_key(spki)
    assert isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, CURVE)
    return key


class Pkcs11Signer:
    """A signer whose key lives on a PKCS#11 token. Close it (or use ``with``) when done."""

    def __init__(
        self,
        library_path: str,
        *,
        token_label: str,
        pin: str,
        key_label: str,
        certificate: x509.Certificate | None = None,
    ) -> None:
        self._session = _open_session(library_path, token_label, pin, rw=False)
        try:
            self._key = self._session.get_key(ObjectClass.PRIVATE_KEY, KeyType.EC, label=key_label)
            public = self._session.get_key(ObjectClass.PUBLIC_KEY, KeyType.EC, label=key_label)
        except (pkcs11.NoSuchKey, pkcs11.MultipleObjectsReturned) as exc:
            self._session.close()
            raise KeyNotFound(f"no single EC key labelled {key_label!r} on the token") from exc
        loaded = serialization.load_der_public_key(encode_ec_public_key(public))
        assert isinstance(loaded, ec.EllipticCurvePublicKey)
        self._public_key = loaded
        if certificate is not None and certificate.public_key() != loaded:
            self._session.close()
            raise SigningError("the certificate does not belong to the token's key")
        self._certificate = certificate

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public_key

    @property
    def certificate(self) -> x509.Certificate:
        if self._certificate is None:
            raise SigningError("this token key has no certificate yet")
        return self._certificate

    def sign(self, data: bytes) -> bytes:
        raw = self._key.sign(hashlib.sha256(data).digest(), mechanism=Mechanism.ECDSA)
        half = len(raw) // 2
        return encode_dss_signature(
            int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        )

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Pkcs11Signer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def token_csr(
    signer: Pkcs11Signer, member: BoardMember, board: Board
) -> x509.CertificateSigningRequest:
    """A PKCS#10 CSR for the token's key, signed by the token, same subject as software CSRs."""
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
    spki = signer.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    info = asn1_csr.CertificationRequestInfo(
        {
            "version": "v1",
            "subject": asn1_x509.Name.load(subject.public_bytes()),
            "subject_pk_info": asn1_keys.PublicKeyInfo.load(spki),
            "attributes": [],
        }
    )
    request = asn1_csr.CertificationRequest(
        {
            "certification_request_info": info,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signer.sign(info.dump()),
        }
    )
    csr = x509.load_der_x509_csr(request.dump())
    if not csr.is_signature_valid:
        raise SigningError("the token produced an invalid CSR signature")
    return csr
