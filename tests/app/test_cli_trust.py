"""Trust through sync from the command line: the central board publishes CRLs with
``ca publish-crl``; a county signs in with ``login --ca-fingerprint``, syncs, and ``trust
show`` / ``status`` say the CA is confirmed; ``trust pin`` refuses another CA."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from registry_server.__main__ import main as registry_main
from supervisor_app.cli import main

DEMO_PASSWORD = "nezarat-1405"
CA_PASS = "central-ca-passphrase"


def _harness():
    import importlib.util

    name = "nezarat_sync_harness"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "sync" / "harness.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


harness = _harness()


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class Station:
    data: Path
    work: Path

    def __call__(self, *args: str, stdin: str = "") -> Run:
        """One CLI command in-process against this workstation's data directory."""
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    root = tmp_path_factory.mktemp("cli-trust-registry")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry_server",
            "--database",
            f"sqlite:///{root / 'registry.sqlite3'}",
            "--seed-demo",
            "300",
            "--no-demo-pki",
            "--seed-only",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    registry = harness.RegistryProcess(root, 300).start()
    try:
        yield registry
    finally:
        registry.stop()


@pytest.fixture(scope="module")
def keystore_file() -> Iterator[None]:
    """The encrypted-file keystore (no OS keyring), its master passphrase from the env."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SUPERVISOR_KEYSTORE_PASSPHRASE", "keystore-master-passphrase")
            yield
    finally:
        keyring.set_keyring(previous)


def _station(root: Path, name: str) -> Station:
    (root / name / "work").mkdir(parents=True)
    return Station(root / name / "data", root / name / "work")


@dataclass
class Central:
    station: Station
    fingerprint: str
    first_publish: str


@pytest.fixture(scope="module")
def central(server, keystore_file, tmp_path_factory) -> Central:
    """The central board signed in; its CA created, installed on the server by the
    operator's command, and its first CRL published with `ca publish-crl --out`."""
    station = _station(tmp_path_factory.mktemp("cli-trust"), "central")
    station.ok(
        "login",
        "--server",
        server.url,
        "--user",
        "demo-central",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    out = station.ok(
        "ca",
        "init",
        "--ca-dir",
        "ca",
        "--name",
        "مرجع گواهی هیات مرکزی",
        "--passphrase-stdin",
        stdin=CA_PASS + "\n",
    )
    fp = re.search(r"fingerprint: ([0-9a-f]{64})", out).group(1)
    with contextlib.redirect_stdout(io.StringIO()):
        assert (
            registry_main(
                [
                    "--database",
                    f"sqlite:///{server.database}",
                    "trust",
                    "set",
                    "--ca",
                    str(station.work / "ca" / "ca-cert.pem"),
                ]
            )
            == 0
        )
    first = station.ok(
        "ca",
        "publish-crl",
        "--ca-dir",
        "ca",
        "--passphrase-stdin",
        "--out",
        "crl.pem",
        stdin=CA_PASS + "\n",
    )
    return Central(station, fp, first)


def test_publish_crl_pin_at_login_and_confirmed_trust_in_show_and_status(server, central, tmp_path):
    """`ca publish-crl` publishes CRL 1 then 2; a county signed in with `login
    --ca-fingerprint` syncs, and `trust show` and `status` report the CA confirmed and CRL
    2; `trust pin` with another fingerprint is refused; a county account may not publish."""
    assert "CRL 1 " in central.first_publish and "published" in central.first_publish
    crl = (central.station.work / "crl.pem").read_text()
    assert crl.startswith("-----BEGIN X509 CRL-----")
    again = central.station.ok(
        "ca", "publish-crl", "--ca-dir", "ca", "--passphrase-stdin", stdin=CA_PASS + "\n"
    )
    assert "CRL 2 " in again and "published" in again

    fp = central.fingerprint
    county = _station(tmp_path, "county")
    county.ok(
        "login",
        "--server",
        server.url,
        "--user",
        "demo-county",
        "--password-stdin",
        "--ca-fingerprint",
        fp.upper(),
        stdin=DEMO_PASSWORD + "\n",
    )
    county.ok("sync")
    shown = county.ok("trust", "show")
    assert fp in shown and "  confirmed" in shown and "CRL: 2," in shown
    status = json.loads(county.ok("status", "--json"))
    assert status["trust"]["ca_fingerprint"] == fp and status["trust"]["ca_confirmed"]
    assert status["trust"]["crl_number"] == 2 and status["trust"]["crl_current"]

    refused = county("trust", "pin", "ef" * 32)
    assert refused.code == 1 and "خطا:" in refused.err and fp[:16] in refused.err

    (county.work / "ca").symlink_to(central.station.work / "ca")
    forbidden = county(
        "ca", "publish-crl", "--ca-dir", "ca", "--passphrase-stdin", stdin=CA_PASS + "\n"
    )
    assert forbidden.code == 1 and "403" in forbidden.err


def test_trust_on_first_use_is_reported_unconfirmed_until_pinned(server, central, tmp_path):
    """Without a configured fingerprint `trust show` says the CA was trusted on first use and
    is not confirmed; `trust pin` with its fingerprint confirms it."""
    county = _station(tmp_path, "tofu")
    county.ok(
        "login",
        "--server",
        server.url,
        "--user",
        "demo-county-2",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    county.ok("sync")
    shown = county.ok("trust", "show")
    assert central.fingerprint in shown and "NOT confirmed" in shown
    assert not json.loads(county.ok("status", "--json"))["trust"]["ca_confirmed"]
    assert "confirmed" in county.ok("trust", "pin", central.fingerprint)
    assert "  confirmed" in county.ok("trust", "show")
