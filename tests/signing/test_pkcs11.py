"""Hardware-token signing over PKCS#11, against a real SoftHSM2 token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.signing.softhsm import require_pkcs11, softhsm

pkcs11 = require_pkcs11()

from supervisor_app.signing.bundle import verify_bundle  # noqa: E402
from supervisor_app.signing.errors import (  # noqa: E402
    KeyNotFound,
    SigningError,
    TokenError,
    WrongPassphrase,
)
from supervisor_app.signing.pkcs11 import (  # noqa: E402
    Pkcs11Signer,
    TokenSigner,
    find_token,
    generate_token_key,
    provision_token_key,
    token_csr,
)

PIN = "4321-token"
LABEL = "nezarat-test"


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A freshly initialised SoftHSM2 token in a private directory; yields the module path."""
    with softhsm(tmp_path_factory.mktemp("softhsm"), {LABEL: PIN}) as module:
        generate_token_key(module, token_label=LABEL, pin=PIN, key_label="a-m1-token")
        yield module


@pytest.fixture(scope="module")
def token_cert(token, pki):
    """a-m1 enrolled with a token key: CSR signed on the token, certificate from the CA."""
    with Pkcs11Signer(token, token_label=LABEL, pin=PIN, key_label="a-m1-token") as bare:
        csr = token_csr(bare, pki.members["a-m1"], pki.board_a)
    return pki.ca.issue(csr, board_id=pki.board_a.id, role="chair", valid_days=365, now=pki.t_issue)


@pytest.fixture()
def token_signer(token, token_cert):
    """The token signer for a-m1, closed (logged out) after each test."""
    with Pkcs11Signer(
        token, token_label=LABEL, pin=PIN, key_label="a-m1-token", certificate=token_cert
    ) as signer:
        yield signer


def test_token_csr_is_valid_and_certified(token_signer, pki):
    """The token-signed CSR verifies and the CA certifies the token key for a-m1's board."""
    cert = token_signer.certificate
    assert cert.public_key() == token_signer.public_key()
    cert.verify_directly_issued_by(pki.ca.certificate)


def test_token_signature_seals_a_ruling(token_signer, pki):
    """A ruling signed by a token member and two software members seals and verifies."""
    payload, sigs = pki.build(
        pki.board_a,
        ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"],
        signers=[token_signer, "a-m2", "a-m3"],
    )
    bundle = pki.seal(payload, sigs)
    report = verify_bundle(bundle, pki.ca_pem, at=pki.t_seal)
    assert report.ok and report.valid_signers == ("a-m1", "a-m2", "a-m3")


def test_second_unlock_while_logged_in_is_refused(token_signer, token):
    """While a signer holds the token open, another unlock (any PIN) is refused, not waved on."""
    with pytest.raises(SigningError, match="already unlocked"):
        Pkcs11Signer(token, token_label=LABEL, pin="0000-wrong", key_label="a-m1-token")


def test_wrong_token_pin_is_wrong_passphrase(token):
    """A wrong PIN raises WrongPassphrase and yields no signer."""
    with pytest.raises(WrongPassphrase):
        Pkcs11Signer(token, token_label=LABEL, pin="0000-wrong", key_label="a-m1-token")


def test_missing_token_key_is_reported(token):
    """Asking for a key label the token does not hold raises KeyNotFound."""
    with pytest.raises(KeyNotFound):
        Pkcs11Signer(token, token_label=LABEL, pin=PIN, key_label="nobody")


def test_token_private_key_cannot_be_extracted(token):
    """The private key on the token is sensitive and not extractable."""
    lib = pkcs11.lib(token)
    with lib.get_token(token_label=LABEL).open(user_pin=PIN) as session:
        key = session.get_key(pkcs11.ObjectClass.PRIVATE_KEY, label="a-m1-token")
        assert key[pkcs11.Attribute.SENSITIVE] is True
        assert key[pkcs11.Attribute.EXTRACTABLE] is False
        with pytest.raises(pkcs11.PKCS11Error):
            key[pkcs11.Attribute.VALUE]


def test_provision_generates_and_refuses_to_overwrite(token):
    """A fresh labelled key is generated with an id; the same label again is refused."""
    key = provision_token_key(token, token_label=None, pin=PIN, key_label="fresh", adopt=False)
    assert key.token_label == LABEL and len(key.key_id) == 16
    with pytest.raises(TokenError, match="already holds a key"):
        provision_token_key(token, token_label=LABEL, pin=PIN, key_label="fresh", adopt=False)
    adopted = provision_token_key(token, token_label=LABEL, pin=PIN, key_label="fresh", adopt=True)
    assert adopted.public_key == key.public_key and adopted.key_id == key.key_id


def test_adopting_a_missing_or_extractable_key_is_refused(token):
    """Adoption needs an existing key that is sensitive and not extractable."""
    with pytest.raises(KeyNotFound):
        provision_token_key(token, token_label=LABEL, pin=PIN, key_label="nobody", adopt=True)
    from pkcs11.util.ec import encode_named_curve_parameters

    with pkcs11.lib(token).get_token(token_label=LABEL).open(user_pin=PIN, rw=True) as session:
        params = session.create_domain_parameters(
            pkcs11.KeyType.EC,
            {pkcs11.Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        params.generate_keypair(
            store=True,
            label="leaky",
            private_template={
                pkcs11.Attribute.SENSITIVE: False,
                pkcs11.Attribute.EXTRACTABLE: True,
            },
        )
    with pytest.raises(TokenError, match="stays on the token"):
        provision_token_key(token, token_label=LABEL, pin=PIN, key_label="leaky", adopt=True)


def test_adopting_a_key_imported_onto_the_token_is_refused(token):
    """A sensitive, non-extractable key that was imported (not generated on the token, so
    copies may exist elsewhere) is not adopted as a member's key."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from pkcs11.util.ec import encode_named_curve_parameters

    value = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    with pkcs11.lib(token).get_token(token_label=LABEL).open(user_pin=PIN, rw=True) as session:
        session.create_object({
            pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY,
            pkcs11.Attribute.KEY_TYPE: pkcs11.KeyType.EC,
            pkcs11.Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1"),
            pkcs11.Attribute.VALUE: value.to_bytes(32, "big"),
            pkcs11.Attribute.LABEL: "imported",
            pkcs11.Attribute.TOKEN: True,
            pkcs11.Attribute.PRIVATE: True,
            pkcs11.Attribute.SIGN: True,
            pkcs11.Attribute.SENSITIVE: True,
            pkcs11.Attribute.EXTRACTABLE: False,
        })
    with pytest.raises(TokenError, match="not generated on this token") as raised:
        provision_token_key(token, token_label=LABEL, pin=PIN, key_label="imported", adopt=True)
    assert "روی همین توکن ساخته نشده" in raised.value.message_fa


def test_token_signer_logs_in_per_signature(token, token_cert, pki):
    """TokenSigner holds no session between signatures, so two can coexist and both sign."""
    first = TokenSigner(
        token, token_label=LABEL, pin=PIN, key_label="a-m1-token", certificate=token_cert
    )
    second = TokenSigner(
        token, token_label=None, pin=PIN, key_label="a-m1-token", certificate=token_cert
    )
    payload, sigs = pki.build(
        pki.board_a, ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"], signers=[first, "a-m2", "a-m3"]
    )
    report = verify_bundle(pki.seal(payload, sigs), pki.ca_pem, at=pki.t_seal)
    assert report.ok
    assert second.sign(b"x") != b"" and first.public_key() == second.public_key()


def test_token_signer_wrong_pin_and_foreign_certificate(token, token_cert, pki):
    """A wrong PIN raises WrongPassphrase with a Persian PIN message; a foreign cert is refused."""
    with pytest.raises(WrongPassphrase) as wrong:
        TokenSigner(
            token,
            token_label=LABEL,
            pin="0000-wrong",
            key_label="a-m1-token",
            certificate=token_cert,
        )
    assert "PIN" in wrong.value.message_fa
    with pytest.raises(TokenError, match="does not belong"):
        TokenSigner(
            token,
            token_label=LABEL,
            pin=PIN,
            key_label="a-m1-token",
            certificate=pki.signers["a-m2"].certificate,
        )


def test_missing_module_and_absent_token_are_token_errors(token, tmp_path):
    """A module path that does not exist, or a token that is not there, say so in Persian."""
    with pytest.raises(TokenError, match="not found") as missing:
        find_token(str(tmp_path / "nope.so"), LABEL)
    assert "ماژول" in missing.value.message_fa
    with pytest.raises(TokenError, match="'elsewhere' not found") as absent:
        provision_token_key(token, token_label="elsewhere", pin=PIN, key_label="k", adopt=False)
    assert "وصل کنید" in absent.value.message_fa
