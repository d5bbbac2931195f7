"""Members whose key lives on a hardware token (PKCS#11): where it is, and how to reach it.

The workstation records, in the keystore next to software keys, which PKCS#11 module,
token label and key (label and CKA_ID) hold a member's key; never the PIN. The PIN is
asked each time, exactly where a software key's passphrase is. ``python-pkcs11`` is an
optional dependency (the ``tokens`` extra): it is imported only when a token is used.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from ..adapters.keystore import Keystore
from ..domain.boards import Board, BoardMember
from ..signing.errors import TokenError
from ..signing.keys import KEY_SERVICE, Signer

TOKEN_SERVICE = f"{KEY_SERVICE}/token"


@dataclass(frozen=True, slots=True)
class TokenKeyRef:
    """A member's key on a token: PKCS#11 module path, token label, key label and id (hex)."""

    module: str
    token_label: str
    key_label: str
    key_id: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TokenKeyRef:
        data = json.loads(text)
        return cls(
            str(data["module"]),
            str(data["token_label"]),
            str(data["key_label"]),
            str(data.get("key_id", "")),
        )


def load_ref(keystore: Keystore, member_id: str) -> TokenKeyRef | None:
    text = keystore.get(TOKEN_SERVICE, member_id)
    return None if text is None else TokenKeyRef.from_json(text)


def save_ref(keystore: Keystore, member_id: str, ref: TokenKeyRef) -> None:
    keystore.set(TOKEN_SERVICE, member_id, ref.to_json())


def delete_ref(keystore: Keystore, member_id: str) -> None:
    keystore.delete(TOKEN_SERVICE, member_id)


def _pkcs11() -> ModuleType:
    try:
        from ..signing import pkcs11
    except ImportError:
        raise TokenError(
            "hardware tokens need python-pkcs11: pip install 'nezarat[tokens]'",
            "برای کار با توکن سخت‌افزاری بستهٔ python-pkcs11 باید نصب باشد.",
        ) from None
    return pkcs11


def provision(
    module: str, *, token_label: str | None, key_label: str, pin: str, adopt: bool
) -> tuple[TokenKeyRef, ec.EllipticCurvePublicKey]:
    """Generate (or adopt) the key on the token; the reference to record for the member."""
    path = str(Path(module).expanduser().absolute())
    key = _pkcs11().provision_token_key(
        path, token_label=token_label, pin=pin, key_label=key_label, adopt=adopt
    )
    return TokenKeyRef(path, key.token_label, key.key_label, key.key_id.hex()), key.public_key


def signer(ref: TokenKeyRef, pin: str, certificate: x509.Certificate) -> Signer:
    """Unlock with the PIN (``WrongPassphrase`` when wrong); signs on the token."""
    signer: Signer = _pkcs11().TokenSigner(
        ref.module,
        token_label=ref.token_label,
        pin=pin,
        key_label=ref.key_label,
        key_id=bytes.fromhex(ref.key_id) or None,
        certificate=certificate,
    )
    return signer


def csr(
    ref: TokenKeyRef, pin: str, member: BoardMember, board: Board
) -> x509.CertificateSigningRequest:
    """The member's certificate request, signed on the token by the key it certifies."""
    request: x509.CertificateSigningRequest = _pkcs11().csr_on_token(
        ref.module,
        token_label=ref.token_label,
        pin=pin,
        key_label=ref.key_label,
        key_id=bytes.fromhex(ref.key_id) or None,
        member=member,
        board=board,
    )
    return request
