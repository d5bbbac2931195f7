"""Hardware-token signing over PKCS#11, against a real SoftHSM2 token."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

pkcs11 = pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed")

from supervisor_app.signing.bundle import verify_bundle  # noqa: E402
from supervisor_app.signing.errors import (  # noqa: E402
    KeyNotFound,
    SigningError,
    WrongPassphrase,
)
from supervisor_app.signing.pkcs11 import (  # noqa: E402
    Pkcs11Signer,
    generate_token_key,
    token_csr,
)

PIN = "4321-token"
SO_PIN = "87654321"
LABEL = "nezarat-test"
MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A freshly initialised SoftHSM2 token in a private directory; yields the module path."""
    module = next((p for p in MODULE_CANDIDATES if Path(p).exists()), None)
    if module is None or shutil.which("softhsm2-util") is None:
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2)")
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\n"
                    "log.level = ERROR\nslots.removable = false\n")
    with pytest.MonkeyPatch.context() as mp:
        # SoftHSM reads its configuration when the module is initialised: set it first.
        mp.setenv("SOFTHSM2_CONF", str(conf))
        subprocess.run(
            ["softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN,
             "--so-pin", SO_PIN],
            check=True, capture_output=True, env=os.environ.copy(),
        )
        generate_token_key(module, token_label=LABEL, pin=PIN, key_label="a-m1-token")
        yield module
        pkcs11.unload(module)


@pytest.fixture(scope="module")
def token_cert(token, pki):
    """a-m1 enrolled with a token key: CSR signed on the token, certificate from the CA."""
    with Pkcs11Signer(token, token_label=LABEL, pin=PIN, key_label="a-m1-token") as bare:
        csr = token_csr(bare, pki.members["a-m1"], pki.board_a)
    return pki.ca.issue(csr, board_id=pki.board_a.id, role="chair", valid_days=365,
                        now=pki.t_issue)


@pytest.fixture()
def token_signer(token, token_cert):
    """The token signer for a-m1, closed (logged out) after each test."""
    with Pkcs11Signer(token, token_label=LABEL, pin=PIN, key_label="a-m1-token",
                      certificate=token_cert) as signer:
        yield signer


def test_token_csr_is_valid_and_certified(token_signer, pki):
    """The token-signed CSR verifies and the CA certifies the token key for a-m1's board."""
    cert = token_signer.certificate
    assert cert.public_key() == token_signer.public_key()
    cert.verify_directly_issued_by(pki.ca.certificate)


def test_token_signature_seals_a_ruling(token_signer, pki):
    """A ruling signed by a token member and two software members seals and verifies."""
    payload, sigs = pki.build(pki.board_a, ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"],
                              signers=[token_signer, "a-m2", "a-m3"])
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
