"""An exported ruling verifies with the plain openssl commands written in its README."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from supervisor_app.signing.bundle import parse_bundle, payload_bytes
from supervisor_app.signing.openssl_export import export_for_openssl, readme_commands

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not installed")

ALL_A = ["a-m1", "a-m2", "a-m3", "a-m4", "a-m5"]


def _run(commands, cwd):
    return [subprocess.run(c, cwd=cwd, capture_output=True, text=True) for c in commands]


def test_export_writes_the_documented_files(pki, sealed, tmp_path):
    """The export holds payload.bin, ca.pem, crl.pem, member-N.pem/.sig and a README."""
    readme = export_for_openssl(sealed, tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert {"payload.bin", "ca.pem", "crl.pem", "README.txt"} <= names
    assert {f"member-{n}.{ext}" for n in range(1, 6) for ext in ("pem", "sig")} <= names
    assert (tmp_path / "payload.bin").read_bytes() == payload_bytes(parse_bundle(sealed).payload)
    text = readme.read_text(encoding="utf-8")
    assert "openssl verify" in text and "openssl dgst -sha256 -verify" in text
    assert len(readme_commands(readme)) == 15


def test_readme_commands_succeed_with_plain_openssl(sealed, tmp_path):
    """Every command in the README exits 0: chain + CRL check, key extraction, signature."""
    readme = export_for_openssl(sealed, tmp_path)
    results = _run(readme_commands(readme), tmp_path)
    failures = [(r.args, r.stdout, r.stderr) for r in results if r.returncode != 0]
    assert failures == []
    verify_lines = [r.stdout for r in results if r.args[1] == "verify"]
    assert all(line.strip().endswith(": OK") for line in verify_lines)
    dgst_lines = [r.stdout for r in results if r.args[1] == "dgst"]
    assert dgst_lines == ["Verified OK\n"] * 5


@pytest.mark.parametrize("position", [0, 18, 40, -1])
def test_flipped_payload_byte_fails_openssl_dgst(sealed, tmp_path, position):
    """After flipping one byte of payload.bin every openssl signature check fails."""
    readme = export_for_openssl(sealed, tmp_path)
    payload = bytearray((tmp_path / "payload.bin").read_bytes())
    payload[position] ^= 0x01
    (tmp_path / "payload.bin").write_bytes(bytes(payload))
    results = _run(readme_commands(readme), tmp_path)
    dgst = [r for r in results if r.args[1] == "dgst"]
    assert len(dgst) == 5 and all(r.returncode != 0 for r in dgst)
    assert all("Verification failure" in r.stdout + r.stderr for r in dgst)


def test_forged_ca_fails_openssl_verify(pki, sealed, tmp_path):
    """With a look-alike ca.pem (same name, other key), openssl verify refuses the members."""
    readme = export_for_openssl(sealed, tmp_path)
    (tmp_path / "ca.pem").write_text(pki.forged_ca_pem)
    results = _run(readme_commands(readme), tmp_path)
    assert all(r.returncode != 0 for r in results if r.args[1] == "verify")


def test_revoked_member_fails_openssl_crl_check(pki, tmp_path):
    """A signature by a revoked certificate is caught by openssl's -crl_check too."""
    payload, sigs = pki.build(pki.board_a, ALL_A,
                              signers=["a-m1", "a-m2", "a-m3", pki.special["revoked"]])
    readme = export_for_openssl(pki.assemble(payload, sigs), tmp_path)
    results = _run(readme_commands(readme), tmp_path)
    verify = [r for r in results if r.args[1] == "verify"]
    assert [r.returncode == 0 for r in verify] == [True, True, True, False]
    assert "revoked" in verify[3].stdout + verify[3].stderr
