"""Member keys: P-256, stored as encrypted PKCS#8, unlocked only by the right passphrase."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import MemberRole
from supervisor_app.signing.errors import KeyNotFound, SigningError, WrongPassphrase
from supervisor_app.signing.keys import KEY_SERVICE, MemberKeys, SoftwareSigner, passphrase_bytes


def _pem_der(pem: str) -> bytes:
    body = "".join(line for line in pem.splitlines() if not line.startswith("-----"))
    return base64.b64decode(body)


def test_created_key_is_p256(pki):
    """A member key is ECDSA on the P-256 curve."""
    keys = MemberKeys(MemoryKeystore())
    public = keys.create("m-1", "a long passphrase")
    assert isinstance(public, ec.EllipticCurvePublicKey)
    assert public.curve.name == "secp256r1"


def test_stored_key_is_encrypted_pkcs8_without_the_raw_scalar():
    """What reaches the keystore is an ENCRYPTED PRIVATE KEY PEM that hides the scalar."""
    store = MemoryKeystore()
    keys = MemberKeys(store)
    keys.create("m-1", "a long passphrase")
    stored = store.raw()[(KEY_SERVICE, "m-1")]
    assert stored.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    assert "BEGIN PRIVATE KEY" not in stored and "BEGIN EC PRIVATE KEY" not in stored
    scalar = keys.unlock("m-1", "a long passphrase").private_numbers().private_value
    raw = scalar.to_bytes(32, "big")
    der = _pem_der(stored)
    assert raw not in der
    assert raw.hex() not in stored.lower()
    assert base64.b64encode(raw).decode()[:40] not in stored


def test_wrong_passphrase_raises_and_signs_nothing(pki):
    """A wrong passphrase raises WrongPassphrase before any signer exists."""
    made: list[SoftwareSigner] = []
    with pytest.raises(WrongPassphrase) as err:
        made.append(pki.keys.signer("a-m1", "not the passphrase"))
    assert made == []
    assert "nothing was signed" in str(err.value)
    assert "هیچ امضایی" in err.value.message_fa


def test_missing_key_is_reported():
    """Asking for a key that was never created raises KeyNotFound."""
    with pytest.raises(KeyNotFound):
        MemberKeys(MemoryKeystore()).unlock("nobody", "whatever-passphrase")


def test_short_passphrase_refused():
    """A passphrase under eight characters is refused when the key is created."""
    with pytest.raises(SigningError):
        MemberKeys(MemoryKeystore()).create("m-1", "short")


def test_existing_key_not_overwritten_by_accident():
    """create() refuses to replace an existing key unless replace=True."""
    keys = MemberKeys(MemoryKeystore())
    first = keys.create("m-1", "a long passphrase")
    with pytest.raises(SigningError):
        keys.create("m-1", "a long passphrase")
    assert keys.create("m-1", "a long passphrase", replace=True) != first


def test_change_passphrase_keeps_the_key():
    """After a passphrase change the same key opens with the new one, not the old."""
    keys = MemberKeys(MemoryKeystore())
    public = keys.create("m-1", "old passphrase!")
    keys.change_passphrase("m-1", "old passphrase!", "new passphrase!")
    assert keys.unlock("m-1", "new passphrase!").public_key() == public
    with pytest.raises(WrongPassphrase):
        keys.unlock("m-1", "old passphrase!")


def test_passphrase_typed_on_arabic_layout_or_with_persian_digits_still_opens():
    """ي/ك and Persian digits fold to ی/ک and ASCII, so keyboard layout cannot lock a member out."""
    keys = MemberKeys(MemoryKeystore())
    public = keys.create("m-1", "کلید یاری 1404")
    assert keys.unlock("m-1", "كليد ياري ۱۴۰۴").public_key() == public
    assert passphrase_bytes("ي١") == passphrase_bytes("ی1")


def test_csr_names_member_and_board(pki):
    """The CSR subject carries name, national id, member id, board and role."""
    member = pki.members["a-m1"]
    csr = pki.keys.csr(member, pki.board_a, "passphrase-of-a-m1")
    assert csr.is_signature_valid
    subject = {a.oid: a.value for a in csr.subject}
    assert subject[NameOID.COMMON_NAME] == member.full_name
    assert subject[NameOID.SERIAL_NUMBER] == member.national_id
    assert subject[NameOID.USER_ID] == "a-m1"
    assert subject[NameOID.ORGANIZATIONAL_UNIT_NAME] == pki.board_a.id
    assert subject[NameOID.TITLE] == MemberRole.CHAIR.value


def test_csr_for_another_boards_member_refused(pki):
    """A CSR cannot pair a member with a board they do not belong to."""
    with pytest.raises(SigningError):
        pki.keys.csr(pki.members["b-m1"], pki.board_a, "passphrase-of-b-m1")


def test_signer_refuses_a_certificate_of_another_key(pki):
    """A software signer cannot be built from a key and someone else's certificate."""
    key = pki.keys.unlock("a-m1", "passphrase-of-a-m1")
    with pytest.raises(SigningError):
        SoftwareSigner(key, pki.signers["a-m2"].certificate)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not installed")
def test_openssl_opens_stored_key_only_with_the_passphrase(tmp_path):
    """The stored PEM is standard: openssl pkcs8 decrypts it with the passphrase, not without."""
    store = MemoryKeystore()
    MemberKeys(store).create("m-1", "a long passphrase")
    path = tmp_path / "key.pem"
    path.write_text(store.raw()[(KEY_SERVICE, "m-1")])
    ok = subprocess.run(
        ["openssl", "pkey", "-in", str(path), "-passin", "pass:a long passphrase", "-noout"],
        capture_output=True,
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        ["openssl", "pkey", "-in", str(path), "-passin", "pass:wrong passphrase", "-noout"],
        capture_output=True,
    )
    assert bad.returncode != 0
