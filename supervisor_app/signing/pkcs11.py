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

The app signs through :class:`TokenSigner`, which logs in for each signature and logs
out right after: callers (ruling service, PDF signer) treat signers as plain objects and
never close them, and PKCS#11 refuses a second login while a session stays open.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
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
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass, TokenFlag
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

from supervisor_app.domain.boards import Board, BoardMember

from .errors import KeyNotFound, SigningError, TokenError, WrongPassphrase
from .pki import CURVE, member_subject

# Sessions of TokenSigner never overlap within this process (see the module docstring).
_TOKEN_LOCK = threading.RLock()


def _library(library_path: str) -> Any:
    if not Path(library_path).is_file():
        raise TokenError(
            f"PKCS#11 module {library_path} not found: install the token's software or "
            "give the right path",
            f"ماژول PKCS#11 در مسیر {library_path} پیدا نشد؛ نرم‌افزار توکن را نصب کنید "
            "یا مسیر درست را بدهید.",
        )
    try:
        return pkcs11.lib(library_path)
    except pkcs11.PKCS11Error as exc:
        raise TokenError(
            f"cannot load the PKCS#11 module {library_path}: {exc}",
            f"ماژول PKCS#11 در مسیر {library_path} بارگذاری نشد؛ مسیر ماژول توکن را بررسی کنید.",
        ) from None


def find_token(library_path: str, token_label: str | None) -> Any:
    """The initialised token labelled ``token_label`` (or the only one, when None)."""
    lib = _library(library_path)
    try:
        slots = lib.get_slots(token_present=True)
    except pkcs11.PKCS11Error as exc:
        raise TokenError(
            f"the PKCS#11 module cannot list its slots: {exc}",
            "فهرست توکن‌ها از ماژول PKCS#11 خوانده نشد؛ توکن را دوباره وصل کنید.",
        ) from None
    tokens = []
    for slot in slots:
        try:
            token = slot.get_token()
        except pkcs11.PKCS11Error:  # pulled out while listing, or a stale slot: not there
            continue
        if token.flags & TokenFlag.TOKEN_INITIALIZED and token_label in (None, token.label):
            tokens.append(token)
    if not tokens:
        named = f" {token_label!r}" if token_label else ""
        raise TokenError(
            f"hardware token{named} not found: plug it in and try again",
            f"توکن سخت‌افزاری{' «' + token_label + '»' if token_label else ''} پیدا نشد؛ "
            "توکن را به رایانه وصل کنید و دوباره امتحان کنید.",
        )
    if len(tokens) > 1:
        raise TokenError(
            "more than one token is present: name one with --token-label",
            "بیش از یک توکن وصل است؛ برچسب توکن را مشخص کنید.",
        )
    return tokens[0]


def _login(token: Any, pin: str, *, rw: bool) -> Any:
    try:
        return token.open(user_pin=pin, rw=rw)
    except (pkcs11.PinIncorrect, pkcs11.PinInvalid, pkcs11.PinLenRange):
        exc = WrongPassphrase("wrong token PIN: the key was not unlocked and nothing was signed")
        exc.message_fa = "رمز (PIN) توکن سخت‌افزاری نادرست است؛ کلید باز نشد و هیچ امضایی انجام نشد."
        raise exc from None
    except pkcs11.PinLocked:
        exc = WrongPassphrase("the token PIN is locked after too many wrong attempts")
        exc.message_fa = (
            "رمز (PIN) توکن پس از چند تلاش نادرست قفل شده است؛ با ابزار توکن آن را باز کنید."
        )
        raise exc from None
    except pkcs11.UserAlreadyLoggedIn:
        # PKCS#11 login is per process: accepting this would let any PIN through.
        raise SigningError(
            "the token is already unlocked by another signer in this program; close it first"
        ) from None
    except (pkcs11.TokenNotPresent, pkcs11.DeviceRemoved, pkcs11.SlotIDInvalid):
        raise TokenError(
            "the hardware token was removed: plug it in and try again",
            "توکن سخت‌افزاری جدا شده است؛ آن را وصل کنید و دوباره امتحان کنید.",
        ) from None
    except pkcs11.PKCS11Error as exc:
        raise _token_failed(exc) from None


def _token_failed(exc: Exception) -> TokenError:
    return TokenError(
        f"the hardware token refused the operation: {type(exc).__name__} {exc}".strip(),
        "توکن سخت‌افزاری کار را انجام نداد؛ توکن را دوباره وصل کنید و امتحان کنید.",
    )


def _open_session(library_path: str, token_label: str | None, pin: str, *, rw: bool) -> Any:
    return _login(find_token(library_path, token_label), pin, rw=rw)


def _load_public(public: Any) -> ec.EllipticCurvePublicKey:
    key = serialization.load_der_public_key(encode_ec_public_key(public))
    if not (isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, CURVE)):
        raise TokenError(
            "the token key is not an ECDSA P-256 key",
            "کلید روی توکن از نوع ECDSA P-256 نیست و برای امضای آرا به کار نمی‌رود.",
        )
    return key


def _generate(session: Any, key_label: str, key_id: bytes | None) -> Any:
    params = session.create_domain_parameters(
        KeyType.EC,
        {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
        local=True,
    )
    public, _ = params.generate_keypair(
        store=True,
        id=key_id,
        label=key_label,
        private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
    )
    return public


def generate_token_key(
    library_path: str, *, token_label: str | None, pin: str, key_label: str
) -> ec.EllipticCurvePublicKey:
    """Generate a P-256 key pair on the token (private part non-extractable)."""
    with _open_session(library_path, token_label, pin, rw=True) as session:
        public = _generate(session, key_label, None)
        return _load_public(public)


@dataclass(frozen=True, slots=True)
class TokenKey:
    """Where a member's key lives on a token, and its public half."""

    token_label: str
    key_label: str
    key_id: bytes
    public_key: ec.EllipticCurvePublicKey


def provision_token_key(
    library_path: str, *, token_label: str | None, pin: str, key_label: str, adopt: bool
) -> TokenKey:
    """Generate a fresh key labelled ``key_label`` on the token, or (``adopt``) use the one
    already there. Never overwrites a key, and adopts only sensitive, non-extractable P-256
    keys: a key that could be read off the token would not be a hardware key."""
    with _TOKEN_LOCK:
        token = find_token(library_path, token_label)
        with _login(token, pin, rw=True) as session:
            existing = list(
                session.get_objects(
                    {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: key_label}
                )
            )
            if existing and not adopt:
                raise TokenError(
                    f"the token already holds a key labelled {key_label!r}: adopt it "
                    "(--adopt) or choose another --key-label",
                    f"روی توکن از پیش کلیدی با برچسب «{key_label}» هست؛ یا همان را بپذیرید "
                    "(--adopt) یا برچسب دیگری بدهید.",
                )
            try:
                if adopt:
                    public, key_id = _adoptable(session, existing, key_label)
                else:
                    key_id = os.urandom(16)
                    public = _generate(session, key_label, key_id)
            except pkcs11.PKCS11Error as exc:  # e.g. a token without P-256 or out of space
                raise _token_failed(exc) from None
            key = _load_public(public)
    return TokenKey(token.label, key_label, key_id, key)


def _flag(key: Any, attribute: Any) -> bool:
    try:
        return bool(key[attribute])
    except pkcs11.PKCS11Error:  # a token that cannot tell is not trusted with it
        return False


def _adoptable(session: Any, existing: list[Any], key_label: str) -> tuple[Any, bytes]:
    if not existing:
        missing = KeyNotFound(f"the token holds no key labelled {key_label!r}")
        missing.message_fa = f"روی توکن کلیدی با برچسب «{key_label}» نیست."
        raise missing
    if len(existing) > 1:
        raise TokenError(
            f"the token holds several keys labelled {key_label!r}",
            f"روی توکن چند کلید با برچسب «{key_label}» هست؛ یکی را با برچسب دیگری مشخص کنید.",
        )
    private = existing[0]
    if private[Attribute.KEY_TYPE] != KeyType.EC or not (
        private[Attribute.SENSITIVE] and not private[Attribute.EXTRACTABLE]
    ):
        raise TokenError(
            f"the key {key_label!r} is not an EC key that stays on the token (sensitive, "
            "not extractable)",
            f"کلید «{key_label}» کلید EC غیرقابل‌استخراج نیست و پذیرفته نمی‌شود.",
        )
    # A member's key is made on the member's own token and never existed anywhere else:
    # an imported key (not LOCAL) or one that was ever readable may have copies.
    if not (
        _flag(private, Attribute.LOCAL)
        and _flag(private, Attribute.ALWAYS_SENSITIVE)
        and _flag(private, Attribute.NEVER_EXTRACTABLE)
    ):
        raise TokenError(
            f"the key {key_label!r} was not generated on this token or was once extractable "
            "(LOCAL, ALWAYS_SENSITIVE, NEVER_EXTRACTABLE must all hold)",
            f"کلید «{key_label}» روی همین توکن ساخته نشده یا زمانی قابل‌استخراج بوده است؛ "
            "چنین کلیدی پذیرفته نمی‌شود. کلید تازه‌ای روی توکن بسازید.",
        )
    try:
        key_id = bytes(private[Attribute.ID])
    except pkcs11.PKCS11Error:
        key_id = b""
    try:
        public = session.get_key(
            ObjectClass.PUBLIC_KEY, KeyType.EC, label=key_label, id=key_id or None
        )
    except (pkcs11.NoSuchKey, pkcs11.MultipleObjectsReturned):
        missing = KeyNotFound(f"the token holds no single public key labelled {key_label!r}")
        missing.message_fa = f"کلید عمومی «{key_label}» روی توکن پیدا نشد."
        raise missing from None
    return public, key_id


class Pkcs11Signer:
    """A signer whose key lives on a PKCS#11 token. Close it (or use ``with``) when done."""

    def __init__(
        self,
        library_path: str,
        *,
        token_label: str | None,
        pin: str,
        key_label: str,
        key_id: bytes | None = None,
        certificate: x509.Certificate | None = None,
    ) -> None:
        self._session = _open_session(library_path, token_label, pin, rw=False)
        try:
            self._key = self._session.get_key(
                ObjectClass.PRIVATE_KEY, KeyType.EC, label=key_label, id=key_id or None
            )
            public = self._session.get_key(
                ObjectClass.PUBLIC_KEY, KeyType.EC, label=key_label, id=key_id or None
            )
            loaded = _load_public(public)
        except (pkcs11.NoSuchKey, pkcs11.MultipleObjectsReturned) as exc:
            self._session.close()
            missing = KeyNotFound(f"no single EC key labelled {key_label!r} on the token")
            missing.message_fa = f"کلید «{key_label}» روی این توکن نیست؛ توکن همین عضو را وصل کنید."
            raise missing from exc
        except BaseException:
            self._session.close()
            raise
        self._public_key = loaded
        if certificate is not None and certificate.public_key() != loaded:
            self._session.close()
            raise TokenError(
                "the certificate does not belong to the token's key",
                "گواهی ثبت‌شده برای کلید روی این توکن نیست.",
            )
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


class TokenSigner:
    """A :class:`~.keys.Signer` over a token key that logs in for each signature only.

    The constructor logs in once to prove the PIN, the key and the certificate (a wrong
    PIN raises :class:`WrongPassphrase` before anything exists to sign with). The PIN is
    then kept in this object, like an unlocked software key is, for as long as the caller
    holds it; without the token it unlocks nothing.
    """

    def __init__(
        self,
        library_path: str,
        *,
        token_label: str | None,
        pin: str,
        key_label: str,
        key_id: bytes | None = None,
        certificate: x509.Certificate,
    ) -> None:
        self._open_args: dict[str, Any] = {
            "token_label": token_label,
            "pin": pin,
            "key_label": key_label,
            "key_id": key_id,
            "certificate": certificate,
        }
        self._library_path = library_path
        self._certificate = certificate
        with _TOKEN_LOCK, self._open() as probe:
            self._public_key = probe.public_key()

    def _open(self) -> Pkcs11Signer:
        return Pkcs11Signer(self._library_path, **self._open_args)

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public_key

    @property
    def certificate(self) -> x509.Certificate:
        return self._certificate

    def sign(self, data: bytes) -> bytes:
        with _TOKEN_LOCK, self._open() as signer:
            try:
                return signer.sign(data)
            except pkcs11.PKCS11Error as exc:  # e.g. the token pulled out mid-signature
                raise _token_failed(exc) from None


def token_csr(
    signer: Pkcs11Signer | TokenSigner, member: BoardMember, board: Board
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


def csr_on_token(
    library_path: str,
    *,
    token_label: str | None,
    pin: str,
    key_label: str,
    key_id: bytes | None,
    member: BoardMember,
    board: Board,
) -> x509.CertificateSigningRequest:
    """Log in, have the token sign the member's CSR, log out."""
    with (
        _TOKEN_LOCK,
        Pkcs11Signer(
            library_path, token_label=token_label, pin=pin, key_label=key_label, key_id=key_id
        ) as signer,
    ):
        return token_csr(signer, member, board)
