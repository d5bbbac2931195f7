"""`supervisor-app print ruling --sign/--seal` end to end, and `verify` of a revoked signer.

The workstation is prepared through the CLI exactly as in ``tests/app/test_cli_signing.py``
(its ``Workstation`` runs ``cli.main`` in-process): demo data, `ca init`, five member keys,
`ca issue`, `trust import`, `keys import-cert`; a ruling is drafted, signed by three
members and sealed. Keys live in the encrypted keystore file (no OS keyring).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.test_cli_signing import (
    CA_PASS,
    MASTER,
    Workstation,
    _no_os_keyring,
    member,
    passphrase,
)

from .conftest import assert_pdfsig_valid, nss_db_trusting, pdftotext, words_only


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workstation]:
    """One board's workstation: five members with keys and certificates of the central CA."""
    root = tmp_path_factory.mktemp("cli-print")
    (root / "work").mkdir()
    with _no_os_keyring():
        w = Workstation(root / "data", root / "work", "")
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
        members = [member(n) for n in range(1, 6)]
        for m in members:
            w.ok("keys", "create", "--member", m, "--passphrase-stdin", stdin=passphrase(m) + "\n")
            w.ok(
                "keys",
                "csr",
                "--member",
                m,
                "--out",
                f"{m}.csr",
                "--passphrase-stdin",
                stdin=passphrase(m) + "\n",
            )
            w.ok(
                "ca",
                "issue",
                "--ca-dir",
                "ca",
                "--csr",
                f"{m}.csr",
                "--out",
                f"{m}.pem",
                "--passphrase-stdin",
                stdin=CA_PASS + "\n",
            )
        w.ok(
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
        w.ok("trust", "import", "trust.json", "--ca-fingerprint", w.fingerprint)
        for m in members:
            w.ok("keys", "import-cert", f"{m}.pem")
        yield w


@pytest.fixture(scope="module")
def sealed(ws: Workstation) -> str:
    """A ruling with all five present, signed by members 1-3 and sealed."""
    ruling = ws.draft([member(n) for n in range(1, 6)], reject=(member(5),))
    for n in (1, 2, 3):
        assert ws.sign(ruling, member(n)).code == 0
    assert ws.seal(ruling, member(1)).code == 0
    return ruling


@pytest.fixture(scope="module")
def nss(ws: Workstation, tmp_path_factory: pytest.TempPathFactory) -> str:
    ca_pem = (ws.work / "ca" / "ca-cert.pem").read_text()
    return nss_db_trusting(tmp_path_factory.mktemp("nss-cli"), ca_pem)


def _installed_verify(ws: Workstation, pdf: Path) -> subprocess.CompletedProcess[str]:
    """`supervisor-app verify FILE` through the installed console script."""
    env = {
        **os.environ,
        "SUPERVISOR_KEYSTORE_PASSPHRASE": MASTER,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    script = Path(sys.executable).parent / "supervisor-app"
    return subprocess.run(
        [str(script), "--data-dir", str(ws.data), "verify", str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_print_ruling_signed_and_sealed_through_the_cli(
    ws: Workstation, sealed: str, nss: str
) -> None:
    """`print ruling --sign M1 --sign M2 --seal M4`: pdfsig valid, `verify` exits 0."""
    out = ws.work / "signed.pdf"
    lines = [passphrase(member(1)), passphrase(member(2)), passphrase(member(4))]
    with _no_os_keyring():
        run = ws(
            "print",
            "ruling",
            sealed,
            "-o",
            str(out),
            "--sign",
            member(1),
            "--sign",
            member(2),
            "--seal",
            member(4),
            "--passphrase-stdin",
            stdin="\n".join(lines) + "\n",
        )
    assert run.code == 0, run.err
    assert f"signed in the PDF by: {member(1)}, {member(2)}, {member(4)}" in run.out
    assert_pdfsig_valid(out, nss, [f"member-{member(1)}", f"member-{member(2)}", "board-seal"])
    assert words_only("رد صلاحیت") in words_only(pdftotext(out))
    done = _installed_verify(ws, out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VALID" in done.stdout and "board-seal" in done.stdout
    assert f"3 valid member signatures ({member(1)}, {member(2)}, {member(3)})" in done.stdout


def test_wrong_passphrase_writes_no_pdf(ws: Workstation, sealed: str) -> None:
    """A wrong passphrase for --seal: exit non-zero, Persian reason, and no file."""
    out = ws.work / "never.pdf"
    with _no_os_keyring():
        run = ws(
            "print",
            "ruling",
            sealed,
            "-o",
            str(out),
            "--seal",
            member(4),
            "--passphrase-stdin",
            stdin="not-the-passphrase\n",
        )
    assert run.code != 0 and not out.exists()
    assert "گذرواژه" in run.err


def test_pdf_sealed_after_revocation_fails_verify_with_the_reason(
    ws: Workstation, sealed: str, nss: str
) -> None:
    """Revoked (keyCompromise) then used before the CRL arrived: once the new CRL is
    imported, `verify` of that PDF exits 1 naming the revocation; printing refuses it."""
    victim = member(5)  # on the board, did not sign the ruling: only the PDF seal is his
    serial = re.search(
        r"certificate ([0-9a-f]+) until", ws.ok("keys", "show", "--member", victim)
    ).group(1)
    ws.ok(
        "ca",
        "revoke",
        "--ca-dir",
        "ca",
        "--serial",
        serial,
        "--reason",
        "keyCompromise",
        "--passphrase-stdin",
        stdin=CA_PASS + "\n",
    )
    # This workstation does not know of the revocation yet: the seal is made.
    out = ws.work / "sealed-by-revoked.pdf"
    with _no_os_keyring():
        run = ws(
            "print",
            "ruling",
            sealed,
            "-o",
            str(out),
            "--seal",
            victim,
            "--passphrase-stdin",
            stdin=passphrase(victim) + "\n",
        )
    assert run.code == 0, run.err
    assert _installed_verify(ws, out).returncode == 0  # valid as far as it knows

    ws.ok(
        "ca",
        "crl",
        "--ca-dir",
        "ca",
        "--out",
        "crl2.pem",
        "--bundle",
        "trust2.json",
        "--passphrase-stdin",
        stdin=CA_PASS + "\n",
    )
    assert "CRL 2 (new)" in ws.ok("trust", "import", "trust2.json")
    done = _installed_verify(ws, out)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[pdf_signer_revoked]" in done.stderr and "keyCompromise" in done.stderr
    assert "باطل" in done.stderr
    assert "pdf_bundle_invalid" not in done.stderr  # the members' own signatures still hold

    again = ws.work / "refused.pdf"
    with _no_os_keyring():
        run = ws(
            "print",
            "ruling",
            sealed,
            "-o",
            str(again),
            "--seal",
            victim,
            "--passphrase-stdin",
            stdin=passphrase(victim) + "\n",
        )
    assert run.code == 1 and not again.exists()
    assert "revoked" in run.err and "باطل" in run.err
