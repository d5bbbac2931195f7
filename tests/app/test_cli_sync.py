"""login, logout, sync, sync --verify and status --json, run as a user runs them (real
subprocesses) against a real registry server on loopback, on a machine without an OS
keyring (the encrypted keystore file under its master passphrase)."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from supervisor_app.adapters.keystore import EncryptedFileKeystore
from supervisor_app.domain import wire
from supervisor_app.services.session_auth import KEY_SERVICE


def _harness():
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
PASSPHRASE = harness.workstation_env()["SUPERVISOR_KEYSTORE_PASSPHRASE"]


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    server = harness.RegistryProcess(tmp_path_factory.mktemp("registry-cli"), 300).start()
    yield server
    server.stop()


def login(data: Path, server: str, user: str = "demo-county", password: str | None = None,
          **kwargs):
    return harness.cli(data, "login", "--server", server, "--user", user, "--password-stdin",
                       stdin=(password or harness.DEMO_PASSWORD) + "\n", **kwargs)


@pytest.fixture(scope="module")
def synced(registry, tmp_path_factory) -> Path:
    """A workstation signed in as the demo county board and synced once."""
    data = tmp_path_factory.mktemp("ws")
    assert login(data, registry.url).returncode == 0
    proc = harness.cli(data, "sync")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return data


def test_login_keeps_secrets_only_in_the_encrypted_keystore(registry, tmp_path):
    """login --password-stdin: settings get server, user and board; the password and token
    live only in the keystore (here the encrypted file), nowhere in plaintext."""
    proc = login(tmp_path, registry.url)
    assert proc.returncode == 0, proc.stderr
    assert "demo-county" in proc.stdout and "encrypted file" in proc.stdout
    settings = json.loads((tmp_path / "settings.json").read_text("utf-8"))
    assert settings["server_url"] == registry.url + "/api/v1"
    assert (settings["username"], settings["board_id"]) == ("demo-county", "B-C0801")
    stored = EncryptedFileKeystore(tmp_path / "keystore.json", PASSPHRASE)
    secret = json.loads(stored.get(KEY_SERVICE, f"{registry.url}/api/v1|demo-county"))
    assert secret["password"] == harness.DEMO_PASSWORD and len(secret["token"]) >= 40
    for path in tmp_path.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert harness.DEMO_PASSWORD.encode() not in raw, path
            assert secret["token"].encode() not in raw, path


def test_without_a_keyring_or_passphrase_login_explains_the_fallback(registry, tmp_path):
    """No OS keyring and no master passphrase: exit 2 with a clear English and Persian
    message naming the encrypted-file fallback; nothing is stored, nothing sent."""
    proc = login(tmp_path, registry.url, env={"SUPERVISOR_KEYSTORE_PASSPHRASE": ""})
    assert proc.returncode == 2
    assert "SUPERVISOR_KEYSTORE_PASSPHRASE" in proc.stderr and "keystore.json" in proc.stderr
    assert "plaintext" in proc.stderr and "کلیدستان" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "keystore.json").exists()
    settings = tmp_path / "settings.json"
    assert not settings.exists() or not json.loads(settings.read_text("utf-8"))["username"]


def test_a_wrong_password_is_refused_in_persian(registry, tmp_path):
    """A wrong password: exit 2 with the server's Persian message; no account is stored."""
    proc = login(tmp_path, registry.url, password="not-the-password")
    assert proc.returncode == 2
    assert "نام کاربری یا گذرواژه نادرست است" in proc.stderr


def test_status_json_has_per_kind_counts_and_digests_equal_to_the_servers(registry, synced):
    """status --json: every feed kind with count and digest (equal to the server's after a
    sync), the pending outbox and the cursor."""
    proc = harness.cli(synced, "status", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data["kinds"]) == set(wire.FEED_KINDS)
    server = harness.Api(registry.url, "demo-county").status()
    assert data["kinds"] == server["kinds"]
    assert data["pending"] == 0 and data["outbox"]["pending"] == 0
    assert data["cursor"] == server["cursor"] and set(data["cursors"]) == {
        "reference", "dossiers", "records"}


def test_sync_verify_passes_then_names_the_kind_that_differs(registry, synced, tmp_path):
    """sync --verify exits 0 when every digest matches; after a local row is altered it
    exits 1 and names the kind that differs."""
    ok = harness.cli(synced, "sync", "--verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "converged" in ok.stdout and "exactly what the server holds" in ok.stdout
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("store.sqlite3", "settings.json", "keystore.json"):
        (copy / name).write_bytes((synced / name).read_bytes())
    with sqlite3.connect(copy / "store.sqlite3") as db:
        db.execute("UPDATE dossiers SET occupation = 'دستکاری' WHERE id = "
                   "(SELECT min(id) FROM dossiers)")
    bad = harness.cli(copy, "sync", "--verify", "--json")
    assert bad.returncode == 1
    result = json.loads(bad.stdout)
    assert result["sync"]["converged"] and not result["verify"]["matches"]
    differing = [k for k, v in result["verify"]["kinds"].items() if not v["matches"]]
    assert differing == ["dossier"]
    text = harness.cli(copy, "sync", "--verify")
    assert "dossier" in text.stderr and "DIFFERENT" in text.stderr


def test_sync_refuses_clearly_when_not_signed_in_or_for_another_server(registry, synced,
                                                                       tmp_path):
    """sync without a login, or --server naming another server: exit 2, saying what to do."""
    fresh = harness.cli(tmp_path, "sync", "--server", registry.url)
    assert fresh.returncode == 2 and "login --server" in fresh.stderr
    other = harness.cli(synced, "sync", "--server", "http://127.0.0.1:9")
    assert other.returncode == 2 and "signed in to" in other.stderr


def test_logout_forgets_the_secrets(registry, tmp_path):
    """logout revokes the token and deletes password and token from the keystore."""
    assert login(tmp_path, registry.url).returncode == 0
    proc = harness.cli(tmp_path, "logout")
    assert proc.returncode == 0 and "signed out" in proc.stdout
    stored = EncryptedFileKeystore(tmp_path / "keystore.json", PASSPHRASE)
    assert stored.get(KEY_SERVICE, f"{registry.url}/api/v1|demo-county") is None
    assert harness.cli(tmp_path, "sync").returncode == 2
