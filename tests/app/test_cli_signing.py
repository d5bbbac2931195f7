"""Signed rulings through the command line, as a central board and a county board would.

One workstation (a demo store with no dossiers) is set up once per module through the
CLI itself: `ca init`, five members `keys create` + `keys csr`, `ca issue`, `ca crl
--bundle`, `trust import --ca-fingerprint`, `keys import-cert`. Keys go to the real
encrypted keystore file (no OS keyring). Most commands run in-process through
``cli.main`` (the same code as the installed entry point); the README's openssl block
runs in a real shell with the installed ``supervisor-app``.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from supervisor_app.cli import main

ROOT = Path(__file__).resolve().parents[2]
BOARD = "B-C0109"  # a county board of the demo data (seed 1404): 5 members + 2 alternates
OTHER_BOARD = "B-C0110"
MASTER = "keystore-master-passphrase"
CA_PASS = "central-ca-passphrase"


def member(n: int, board: str = BOARD) -> str:
    return f"{board}-M{n}"


def passphrase(member_id: str) -> str:
    return f"pass-of-{member_id}"


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class Workstation:
    data: Path
    work: Path
    fingerprint: str

    def __call__(self, *args: str, stdin: str = "") -> Run:
        """Run one CLI command in-process against this workstation."""
        out, err = io.StringIO(), io.StringIO()
        root = logging.getLogger()
        handlers = list(root.handlers)
        saved_stdin, saved_cwd = sys.stdin, Path.cwd()
        sys.stdin = io.StringIO(stdin)
        os.chdir(self.work)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--data-dir", str(self.data), *args])
        finally:
            sys.stdin = saved_stdin
            os.chdir(saved_cwd)
            for handler in root.handlers[:]:  # main() adds log handlers on every call
                if handler not in handlers:
                    root.removeHandler(handler)
                    handler.close()
        return Run(code, out.getvalue(), err.getvalue())

    def ok(self, *args: str, stdin: str = "") -> str:
        run = self(*args, stdin=stdin)
        assert run.code == 0, run.err
        return run.out

    def draft(self, present: list[str], *, board: str = BOARD, reject: tuple[str, ...] = ()) -> str:
        everyone = [member(n, board) for n in range(1, 6)]
        document = {
            "board_id": board, "issued_on": "2026-02-20", "subject": "qualification",
            "subject_ref": "R-1404-0000042", "legal_basis": [{"article": "37", "clause": "ز"}],
            "reasoning": "داوطلب مدرک کارشناسی ندارد.", "decision": "رد صلاحیت",
            "present": present, "absent": [m for m in everyone if m not in present],
            "votes": [
                {"member_id": m, "vote": "reject" if m in reject else "approve",
                 "dissent_note": "مدرک کافی است" if m in reject else ""}
                for m in present
            ],
        }
        path = self.work / f"draft-{len(list(self.work.glob('draft-*')))}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return self.ok("ruling", "draft", str(path)).strip()

    def sign(self, ruling: str, member_id: str, *extra: str) -> Run:
        return self("ruling", "sign", ruling, "--member", member_id, "--passphrase-stdin",
                    *extra, stdin=passphrase(member_id) + "\n")

    def seal(self, ruling: str, member_id: str) -> Run:
        return self("ruling", "seal", ruling, "--member", member_id, "--passphrase-stdin",
                    stdin=passphrase(member_id) + "\n")

    def status(self, ruling: str) -> dict:
        return json.loads(self.ok("ruling", "show", ruling, "--json"))


@contextlib.contextmanager
def _no_os_keyring() -> Iterator[None]:
    """Force the encrypted-file keystore, whatever keyring this machine has."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SUPERVISOR_KEYSTORE_PASSPHRASE", MASTER)
            yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workstation]:
    root = tmp_path_factory.mktemp("cli-signing")
    (root / "work").mkdir()
    with _no_os_keyring():
        w = Workstation(root / "data", root / "work", "")
        w.ok("demo-data", "--candidates", "0", "--seed", "1404")
        out = w.ok("ca", "init", "--ca-dir", "ca", "--name", "هیات مرکزی نظارت — مرجع گواهی",
                   "--passphrase-stdin", stdin=CA_PASS + "\n")
        w.fingerprint = re.search(r"fingerprint: ([0-9a-f]{64})", out).group(1)
        members = [member(n, b) for b in (BOARD, OTHER_BOARD) for n in range(1, 6)]
        for m in members:
            w.ok("keys", "create", "--member", m, "--passphrase-stdin",
                 stdin=passphrase(m) + "\n")
            w.ok("keys", "csr", "--member", m, "--out", f"{m}.csr", "--passphrase-stdin",
                 stdin=passphrase(m) + "\n")
            w.ok("ca", "issue", "--ca-dir", "ca", "--csr", f"{m}.csr", "--out", f"{m}.pem",
                 "--passphrase-stdin", stdin=CA_PASS + "\n")
        w.ok("ca", "crl", "--ca-dir", "ca", "--out", "crl.pem", "--bundle", "trust.json",
             "--passphrase-stdin", stdin=CA_PASS + "\n")
        w.ok("trust", "import", "trust.json", "--ca-fingerprint", w.fingerprint)
        for m in members:
            w.ok("keys", "import-cert", f"{m}.pem")
        yield w


@pytest.fixture(scope="module")
def sealed_ruling(ws: Workstation) -> str:
    """A ruling of BOARD drafted with all five present, signed by three, then sealed."""
    ruling = ws.draft([member(n) for n in range(1, 6)], reject=(member(5),))
    for n in (1, 2, 3):
        assert ws.sign(ruling, member(n)).code == 0
    run = ws.seal(ruling, member(1))
    assert run.code == 0, run.err
    ws.ok("ruling", "export", ruling, "--out", "sealed.json")
    return ruling


def test_full_flow_three_of_five_sign_then_sealed(ws: Workstation, sealed_ruling: str):
    """ca init → keys → csr → ca issue → trust → import-cert → draft → 3 of 5 sign → sealed."""
    status = ws.status(sealed_ruling)
    assert status["status"] == "sealed" and status["serial"] == 1
    assert [s["member_id"] for s in status["signers"] if s["signed"]] == [
        member(1), member(2), member(3)]
    dissent = next(s for s in status["signers"] if s["member_id"] == member(5))
    assert dissent["vote"] == "reject" and dissent["dissent_note"] == "مدرک کافی است"
    run = ws("verify", "sealed.json")
    assert run.code == 0, run.err
    assert "VALID" in run.out and "معتبر" in run.out and "this workstation's ledger" in run.out
    listed = json.loads(ws.ok("ruling", "list", "--json", "--board", BOARD))
    assert listed[0]["id"] == sealed_ruling and listed[0]["signed"] == 3


def test_keys_live_encrypted_in_the_keystore_file(ws: Workstation, sealed_ruling: str):
    """Without an OS keyring the keys are in keystore.json (mode 600), nothing in clear."""
    path = ws.data / "keystore.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert b"PRIVATE KEY" not in raw and member(1).encode() not in raw


def test_two_of_five_are_not_sealed_with_a_clear_message(ws: Workstation, sealed_ruling: str):
    """Two signatures: `ruling seal` exits 1 naming the quorum in English and Persian."""
    ruling = ws.draft([member(n) for n in range(1, 6)])
    try:
        assert ws.sign(ruling, member(1)).code == 0
        assert ws.sign(ruling, member(2)).code == 0
        run = ws.seal(ruling, member(1))
        assert run.code == 1
        assert "Quorum not met: 2 valid signatures" in run.err and "حد نصاب" in run.err
        assert ws.status(ruling)["status"] == "signing"
    finally:
        ws.ok("ruling", "return", ruling, "--reason", "test over")


def test_wrong_passphrase_is_a_clear_error_and_no_signature(ws: Workstation, sealed_ruling: str):
    """A wrong passphrase exits 1 with a Persian and English message; nothing is signed."""
    ruling = ws.draft([member(n) for n in range(1, 6)])
    run = ws("ruling", "sign", ruling, "--member", member(1), "--passphrase-stdin",
             stdin="not-my-passphrase\n")
    assert run.code == 1
    assert "wrong passphrase" in run.err and "گذرواژه نادرست است" in run.err
    status = ws.status(ruling)
    assert status["status"] == "draft"  # not even frozen for signing
    assert not any(s["signed"] for s in status["signers"])


def test_sealed_ruling_cannot_be_signed_or_returned(ws: Workstation, sealed_ruling: str):
    """A sealed ruling refuses further signatures and going back to draft."""
    assert ws.sign(sealed_ruling, member(4)).code == 1
    run = ws("ruling", "return", sealed_ruling, "--reason", "edit it")
    assert run.code == 1 and "not in signing" in run.err


@pytest.mark.parametrize(("old", "new", "code", "persian"), [
    (b'"serial":1,', b'"serial":7,', "signature_invalid", "با متن رأی نمی‌خواند"),
    (b'"vote":"reject"', b'"vote":"approve"', "signature_invalid", "با متن رأی نمی‌خواند"),
    (b'"seq":1', b'"seq":2', "ledger_entry", "ردیف دفتر"),  # the bundle's ledger entry
])
def test_tampered_bundle_fails_verify_naming_the_failure(
    ws: Workstation, sealed_ruling: str, old: bytes, new: bytes, code: str, persian: str
):
    """A changed bundle file makes `verify` exit 1 and name what failed, in both languages."""
    data = (ws.work / "sealed.json").read_bytes()
    assert old in data
    (ws.work / "tampered.json").write_bytes(data.replace(old, new, 1))
    run = ws("verify", "tampered.json")
    assert run.code == 1
    assert "NOT VALID" in run.err and f"[{code}]" in run.err and persian in run.err


def test_flipped_byte_anywhere_fails_verify(ws: Workstation, sealed_ruling: str):
    """Flipping single bytes across the file: every variant exits non-zero."""
    data = (ws.work / "sealed.json").read_bytes()
    for position in range(0, len(data), max(1, len(data) // 23)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        (ws.work / "flipped.json").write_bytes(bytes(flipped))
        assert ws("verify", "flipped.json").code == 1, position


def test_verify_a_broken_pdf_fails_clearly(ws: Workstation):
    """A file that starts like a PDF but is not one fails verification, in both languages."""
    (ws.work / "ruling.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    run = ws("verify", "ruling.pdf")
    assert run.code == 1
    assert "pdf_unreadable" in run.err and "خوانا" in run.err


def test_ledger_export_and_verify_with_the_ledger_file(ws: Workstation, sealed_ruling: str):
    """`ledger export` writes a signed ledger; `verify --ledger` checks inclusion with it."""
    out = ws.ok("ledger", "export", "--board", BOARD, "--out", "ledger.json")
    assert "head signed" in out
    document = json.loads((ws.work / "ledger.json").read_text("utf-8"))
    assert document["entries"][0]["ruling_id"] == sealed_ruling and document["head"]
    verdict = json.loads(ws.ok("verify", "sealed.json", "--ledger", "ledger.json", "--json"))
    assert verdict["ok"] and verdict["ledger"] == "file"
    assert verdict["ledger_position"] == "included"
    document["entries"][0]["ruling_hash"] = "0" * 64
    (ws.work / "bad-ledger.json").write_text(json.dumps(document), encoding="utf-8")
    run = ws("verify", "sealed.json", "--ledger", "bad-ledger.json")
    assert run.code == 1 and "[ledger_hash]" in run.err


def test_verify_without_the_boards_ledger_fails_until_it_is_given(
    ws: Workstation, sealed_ruling: str, tmp_path: Path
):
    """An auditor's workstation without the ledger exits 1 (`ledger_not_checked`); with it, 0."""
    ws.ok("ledger", "export", "--board", BOARD, "--out", "auditor-ledger.json")
    auditor = Workstation(tmp_path / "data", ws.work, "")
    with _no_os_keyring():
        auditor.ok("demo-data", "--candidates", "0", "--seed", "1404")
        auditor.ok("trust", "import", "trust.json", "--ca-fingerprint", ws.fingerprint)
        run = auditor("verify", "sealed.json")
        assert run.code == 1 and "VALID:" not in run.out
        assert "[ledger_not_checked]" in run.err and "--ledger FILE" in run.err
        assert "دفتر این هیات روی این رایانه نیست" in run.err
        run = auditor("verify", "sealed.json", "--json")
        verdict = json.loads(run.out)
        assert run.code == 1 and not verdict["ok"] and verdict["ledger"] == "none"
        assert [f["code"] for f in verdict["failures"]] == ["ledger_not_checked"]
        verdict = json.loads(auditor.ok("verify", "sealed.json", "--ledger",
                                        "auditor-ledger.json", "--json"))
        assert verdict["ok"] and verdict["ledger_position"] == "included"


def test_forged_ca_is_rejected(ws: Workstation, sealed_ruling: str, tmp_path: Path):
    """A look-alike CA: its trust bundle is refused and rulings it certifies fail verify."""
    from supervisor_app.adapters.keystore import MemoryKeystore
    from supervisor_app.domain.boards import (
        Board,
        BoardLevel,
        BoardMember,
        MemberRole,
        QuorumRule,
    )
    from supervisor_app.domain.national_id import make_national_id
    from supervisor_app.signing.bundle import assemble_bundle, parse_bundle, sign_payload
    from supervisor_app.signing.ca import init_ca
    from supervisor_app.signing.keys import MemberKeys
    from supervisor_app.signing.trust import build_trust_bundle

    forger = init_ca(tmp_path / "forged", "هیات مرکزی نظارت — مرجع گواهی", "forger-pass")
    (ws.work / "forged-trust.json").write_bytes(
        build_trust_bundle(forger.certificate, [], forger.crl()))
    run = ws("trust", "import", "forged-trust.json")
    assert run.code == 1 and "not the central CA" in run.err

    payload = parse_bundle((ws.work / "sealed.json").read_bytes()).payload
    board = Board(BOARD, BoardLevel.COUNTY, payload["board"]["name"], "0109", "B-P01",
                  QuorumRule(5))
    keys = MemberKeys(MemoryKeystore())
    sigs = []
    for row in payload["present"][:3]:
        m = BoardMember(row["member_id"], BOARD, row["full_name"],
                        make_national_id("123456789"), MemberRole(row["role"]))
        keys.create(m.id, "forged-passphrase")
        cert = forger.issue(keys.csr(m, board, "forged-passphrase"), board_id=BOARD, role=m.role,
                            valid_days=30)
        keys.store_certificate(m.id, cert)
        sigs.append(sign_payload(payload, m.id, keys.signer(m.id, "forged-passphrase")))
    (ws.work / "forged.json").write_bytes(
        assemble_bundle(payload, sigs, ca_certificate=forger.certificate, crl=forger.crl()))
    run = ws("verify", "forged.json")
    assert run.code == 1
    assert "[ca_mismatch]" in run.err and "[certificate_untrusted]" in run.err


def test_revoked_member_cannot_sign(ws: Workstation, sealed_ruling: str):
    """`ca revoke` + a new CRL through `trust import`: the member's signature is refused."""
    victim = member(4, OTHER_BOARD)
    shown = ws.ok("keys", "show", "--member", victim)
    serial = re.search(r"certificate ([0-9a-f]+) until", shown).group(1)
    ws.ok("ca", "revoke", "--ca-dir", "ca", "--serial", serial, "--reason", "keyCompromise",
          "--passphrase-stdin", stdin=CA_PASS + "\n")
    ws.ok("ca", "crl", "--ca-dir", "ca", "--out", "crl2.pem", "--bundle", "trust2.json",
          "--passphrase-stdin", stdin=CA_PASS + "\n")
    assert "CRL 2 (new)" in ws.ok("trust", "import", "trust2.json")
    ruling = ws.draft([member(n, OTHER_BOARD) for n in range(1, 6)], board=OTHER_BOARD)
    try:
        run = ws.sign(ruling, victim)
        assert run.code == 1 and "revoked" in run.err and "باطل" in run.err
    finally:
        ws.ok("ruling", "return", ruling, "--reason", "test over")


_CORRECTION_OUTPUT: dict[Path, str] = {}


def _correct_once(ws: Workstation, sealed_ruling: str) -> str:
    """Draft, sign and seal one correction of the sealed ruling (once per workstation)."""
    if ws.work not in _CORRECTION_OUTPUT:
        (ws.work / "fix.json").write_text(json.dumps({"decision": "رد صلاحیت (اصلاحیه)"}),
                                          encoding="utf-8")
        fixed = ws.ok("ruling", "correct", sealed_ruling, "fix.json").strip()
        for n in (1, 2, 3):
            assert ws.sign(fixed, member(n)).code == 0
        out = ws.ok("ruling", "seal", fixed, "--member", member(2), "--passphrase-stdin",
                    stdin=passphrase(member(2)) + "\n")
        ws.ok("ruling", "export", fixed, "--out", "corrected.json")
        _CORRECTION_OUTPUT[ws.work] = f"{fixed}\n{out}"
    return _CORRECTION_OUTPUT[ws.work]


def test_correction_supersedes_through_the_cli(ws: Workstation, sealed_ruling: str):
    """`ruling correct` drafts a superseding ruling; sealing it supersedes the old one."""
    fixed, _, out = _correct_once(ws, sealed_ruling).partition("\n")
    assert f"supersedes ruling {sealed_ruling}" in out
    assert ws.status(sealed_ruling)["status"] == "superseded"
    assert ws.status(fixed)["supersedes"] == sealed_ruling


def test_import_elsewhere_refuses_reorder_and_replay(ws: Workstation, sealed_ruling: str,
                                                    tmp_path: Path):
    """A second workstation imports the board's rulings only in ledger order and only once."""
    _correct_once(ws, sealed_ruling)  # independent of test order
    other = Workstation(tmp_path / "data", ws.work, "")
    with _no_os_keyring():
        other.ok("demo-data", "--candidates", "0", "--seed", "1404")
        other.ok("trust", "import", "trust.json", "--ca-fingerprint", ws.fingerprint)
        run = other("ruling", "import", "corrected.json")
        assert run.code == 1 and "does not continue the ledger" in run.err
        other.ok("ruling", "import", "sealed.json")
        run = other("ruling", "import", "sealed.json")
        assert run.code == 1 and "already in the ledger" in run.err
        assert "superseded" not in other.ok("ruling", "import", "corrected.json")
        assert other.status(sealed_ruling)["status"] == "superseded"
        assert other("verify", "corrected.json").code == 0


def test_signing_on_a_members_own_workstation(ws: Workstation, sealed_ruling: str):
    """`ruling request` → `ruling sign --request` elsewhere → `ruling add-signature` → seal."""
    present = [member(n, OTHER_BOARD) for n in (1, 2, 3)]
    ruling = ws.draft(present, board=OTHER_BOARD)
    ws.ok("ruling", "start", ruling)
    ws.ok("ruling", "request", ruling, "--out", "request.json")
    for m in present[:2]:
        ws.ok("ruling", "sign", "--request", "request.json", "--member", m, "--out",
              f"{m}.sig.json", "--passphrase-stdin", stdin=passphrase(m) + "\n")
        ws.ok("ruling", "add-signature", f"{m}.sig.json")
    assert ws.sign(ruling, present[2]).code == 0  # the last present member: sealed
    assert ws.status(ruling)["status"] == "sealed"


def _readme_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Verifying a ruling with openssl"):]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "the README section has no sh code block"
    return match.group(1)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not installed")
def test_readme_openssl_commands_verify_an_exported_ruling(ws: Workstation, sealed_ruling: str,
                                                           tmp_path: Path):
    """The README's openssl block, run as written in a shell, verifies a sealed ruling."""
    block = _readme_block()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "RULING": sealed_ruling,
        "SUPERVISOR_DATA_DIR": str(ws.data),
        "SUPERVISOR_KEYSTORE_PASSPHRASE": MASTER,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(["sh", "-c", block], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Verified OK") == 3 and done.stdout.count(": OK") == 3
    assert ws.fingerprint.upper() in done.stdout.replace(":", "")
    assert f"OU={BOARD}" in done.stdout and '"ruling_id":"' + sealed_ruling in done.stdout

    # Tampering with the signed bytes makes the same commands fail (export step skipped).
    payload = tmp_path / "ruling-openssl" / "payload.bin"
    data = bytearray(payload.read_bytes())
    data[40] ^= 0x01
    payload.write_bytes(bytes(data))
    rest = "\n".join(line for line in block.splitlines() if "ruling export" not in line)
    again = subprocess.run(["sh", "-c", rest], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=300, check=False)
    assert again.returncode != 0
    assert "Verification failure" in again.stdout + again.stderr
