"""Hardware-token members through the command line, against real SoftHSM2 tokens.

One workstation per module, prepared through ``cli.main`` as in ``test_cli_signing.py``:
member 1 first makes a software key and request, then moves to a key generated on the
token "board-token"; members 2 and 3 keep software keys; member 4 enrols on a second
token "spare", later pulled out. All are certified by the CA made with `ca init`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography import x509

from supervisor_app.adapters.keystore import EncryptedFileKeystore
from tests.app.test_cli_signing import (
    CA_PASS,
    MASTER,
    Run,
    Workstation,
    _no_os_keyring,
    member,
    passphrase,
)
from tests.signing.softhsm import delete_token, softhsm

TOKEN, SPARE = "board-token", "spare"
PIN = "1404-pin"
M1, M2, M3, M4, M5 = (member(n) for n in range(1, 6))


@dataclass
class TokenWorkstation(Workstation):
    module: str = ""  # the SoftHSM2 PKCS#11 module


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TokenWorkstation]:
    root = tmp_path_factory.mktemp("cli-keys")
    (root / "work").mkdir()
    with _no_os_keyring(), softhsm(root / "hsm", {TOKEN: PIN, SPARE: PIN}) as module:
        w = TokenWorkstation(root / "data", root / "work", "", module)
        w.ok("demo-data", "--candidates", "0", "--seed", "1404")
        out = w.ok(
            "ca",
            "init",
            "--ca-dir",
            "ca",
            "--name",
            "هیات مرکزی نظارت — مرجع گواهی",
            "--passphrase-stdin",
            stdin=CA_PASS + "\n",
        )
        w.fingerprint = re.search(r"fingerprint: ([0-9a-f]{64})", out).group(1)
        # Member 1's old software key: its request is certified below, to be refused.
        software(w, M1)
        w.ok(
            "keys",
            "csr",
            "--member",
            M1,
            "--out",
            "m1-software.csr",
            "--passphrase-stdin",
            stdin=passphrase(M1) + "\n",
        )
        yield w


def software(w: Workstation, m: str) -> None:
    w.ok("keys", "create", "--member", m, "--passphrase-stdin", stdin=passphrase(m) + "\n")


def token_create(w: TokenWorkstation, m: str, *extra: str) -> Run:
    return w(
        "keys",
        "create",
        "--member",
        m,
        "--pkcs11-module",
        w.module,
        "--pin-stdin",
        *extra,
        stdin=PIN + "\n",
    )


@pytest.fixture(scope="module")
def enrolled(ws: TokenWorkstation) -> TokenWorkstation:
    """Token keys for members 1 and 4, software keys for 2 and 3, all certified."""
    run = token_create(ws, M1, "--token-label", TOKEN)
    assert run.code == 1 and "already has a key" in run.err  # needs --replace
    run = token_create(ws, M1, "--replace")
    assert run.code == 1 and "more than one token" in run.err  # two tokens: name one
    run = token_create(ws, M1, "--replace", "--token-label", TOKEN)
    assert run.code == 0, run.err
    assert f"hardware token {TOKEN!r}" in run.out and "توکن سخت‌افزاری" in run.out
    assert token_create(ws, M4, "--token-label", SPARE).code == 0
    for m in (M2, M3):
        software(ws, m)
    for m in (M1, M4):
        ws.ok("keys", "csr", "--member", m, "--out", f"{m}.csr", "--pin-stdin", stdin=PIN + "\n")
    for m in (M2, M3):
        ws.ok(
            "keys",
            "csr",
            "--member",
            m,
            "--out",
            f"{m}.csr",
            "--passphrase-stdin",
            stdin=passphrase(m) + "\n",
        )
    for name in (M1, M2, M3, M4, "m1-software"):
        ws.ok(
            "ca",
            "issue",
            "--ca-dir",
            "ca",
            "--csr",
            f"{name}.csr",
            "--out",
            f"{name}.pem",
            "--passphrase-stdin",
            stdin=CA_PASS + "\n",
        )
    ws.ok(
        "ca",
        "crl",
        "--ca-dir",
        "ca",
        "--out",
        "crl.pem",
        "--bundle",
        "trust.json",
        "--passphrase-stdin",
        stdin=CA_PASS + "\n",
    )
    ws.ok("trust", "import", "trust.json", "--ca-fingerprint", ws.fingerprint)
    return ws


def test_token_key_replaces_the_software_key_and_signs_its_request(enrolled: Workstation):
    """`keys create --pkcs11-module` drops the software key; the token signs the CSR."""
    shown = enrolled("keys", "show", "--member", M1)
    assert shown.code == 1 and f"hardware token {TOKEN!r}" in shown.out  # no certificate yet
    assert "no certificate yet" in shown.out
    old = x509.load_pem_x509_csr((enrolled.work / "m1-software.csr").read_bytes())
    new = x509.load_pem_x509_csr((enrolled.work / f"{M1}.csr").read_bytes())
    assert new.is_signature_valid and new.public_key() != old.public_key()
    # Opened with the master passphrase: the token member's entries name the token and
    # hold its public key, never the PIN and no private key.
    store = EncryptedFileKeystore(enrolled.data / "keystore.json", MASTER)
    entries = {k: v for k, v in store._entries.items() if M1 in k}
    assert sorted(entries) == [("nezarat/member-key/public", M1),
                               ("nezarat/member-key/token", M1)]
    for value in entries.values():
        assert PIN not in value and "PRIVATE KEY" not in value


def test_certificate_of_another_key_is_refused(enrolled: Workstation):
    """The certificate of member 1's old software key does not match the token key."""
    run = enrolled("keys", "import-cert", "m1-software.pem")
    assert run.code == 1
    assert "certifies another key" in run.err and "کلید دیگری" in run.err
    assert "no certificate yet" in enrolled("keys", "show", "--member", M1).out


@pytest.fixture(scope="module")
def certified(enrolled: Workstation) -> Workstation:
    for m in (M1, M2, M3, M4):
        enrolled.ok("keys", "import-cert", f"{m}.pem")
    return enrolled


def test_keys_show_tells_token_from_software(certified: Workstation):
    """`keys show` names the token for member 1 and a software key for member 2."""
    token = certified.ok("keys", "show", "--member", M1)
    assert f"hardware token {TOKEN!r}" in token and "certificate " in token
    assert "software key" in certified.ok("keys", "show", "--member", M2)


def test_wrong_pin_signs_nothing(certified: Workstation):
    """A wrong token PIN: exit 1, English and Persian message, the draft stays unsigned."""
    ruling = certified.draft([M1, M2, M3, M4, M5])
    run = certified("ruling", "sign", ruling, "--member", M1, "--pin-stdin", stdin="0000-wrong\n")
    assert run.code == 1
    assert "wrong token PIN" in run.err and "رمز (PIN) توکن سخت‌افزاری نادرست است" in run.err
    status = certified.status(ruling)
    assert status["status"] == "draft"
    assert not any(s["signed"] for s in status["signers"])


def test_token_and_software_members_seal_a_ruling_that_verifies(certified: Workstation):
    """Member 1 signs on the token, 2 and 3 in software, 1 seals on the token: verify exits 0."""
    ruling = certified.draft([M1, M2, M3, M4, M5])
    run = certified("ruling", "sign", ruling, "--member", M1, "--pin-stdin", stdin=PIN + "\n")
    assert run.code == 0, run.err
    for m in (M2, M3):
        assert certified.sign(ruling, m).code == 0
    run = certified("ruling", "seal", ruling, "--member", M1, "--pin-stdin", stdin=PIN + "\n")
    assert run.code == 0, run.err
    certified.ok("ruling", "export", ruling, "--out", "token-sealed.json")
    run = certified("verify", "token-sealed.json")
    assert run.code == 0, run.err
    status = certified.status(ruling)
    assert status["status"] == "sealed"
    assert [s["member_id"] for s in status["signers"] if s["signed"]] == [M1, M2, M3]
    bundle = json.loads((certified.work / "token-sealed.json").read_text(encoding="utf-8"))
    signed_by = {s["member_id"]: s["certificate"] for s in bundle["signatures"]}
    token_key = x509.load_pem_x509_csr((certified.work / f"{M1}.csr").read_bytes()).public_key()
    assert x509.load_pem_x509_certificate(signed_by[M1].encode()).public_key() == token_key


def test_pulled_out_token_is_a_clear_error(certified: Workstation):
    """Member 4's token is removed: `ruling sign` exits 1 saying so; nothing is signed."""
    ruling = certified.draft([M1, M2, M3, M4, M5])
    delete_token(SPARE)
    run = certified("ruling", "sign", ruling, "--member", M4, "--pin-stdin", stdin=PIN + "\n")
    assert run.code == 1
    assert f"hardware token {SPARE!r} not found" in run.err and "وصل کنید" in run.err
    assert not any(s["signed"] for s in certified.status(ruling)["signers"])


def test_missing_module_is_a_clear_error_and_records_nothing(certified: Workstation):
    """`keys create` with a module path that does not exist: exit 1, member 5 has no key."""
    run = certified(
        "keys",
        "create",
        "--member",
        M5,
        "--pkcs11-module",
        str(certified.work / "missing-pkcs11.so"),
        "--pin-stdin",
        stdin=PIN + "\n",
    )
    assert run.code == 1
    assert "PKCS#11 module" in run.err and "ماژول PKCS#11" in run.err
    assert "no key here" in certified("keys", "show", "--member", M5).out
