"""The diagnostic bundle: useful to support, and never carrying a secret."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from supervisor_app.adapters.keystore import EncryptedFileKeystore
from supervisor_app.paths import DataPaths
from supervisor_app.services.diagnostics import (
    REDACTED,
    DiagnosticsService,
    redact,
    scrub_text,
)
from supervisor_app.settings import Settings
from supervisor_app.signing.keys import encrypt_private_key
from supervisor_app.store import open_store

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Reg1stry-P@ss-۱۴۰۵"
MASTER = "master-pass-خیلی-امن-91"
MEMBER_PASSPHRASE = "member-passphrase-42-رمز"
TOKEN = secrets.token_urlsafe(32)
HEX_DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def _pem_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


@pytest.fixture
def planted(tmp_path: Path) -> tuple[DataPaths, list[str]]:
    """A data directory with a secret of every kind in every place a bundle reads from."""
    paths = DataPaths(tmp_path / "data").ensure()
    plain_pem = _pem_private_key()
    member_pem = encrypt_private_key(ec.generate_private_key(ec.SECP256R1()), MEMBER_PASSPHRASE)
    keystore = EncryptedFileKeystore(paths.root / "keystore.json", MASTER)
    keystore.set("nezarat/member-key", "M1", member_pem)
    keystore.set("nezarat/registry", "http://127.0.0.1:8700/api/v1|demo-county",
                 json.dumps({"password": PASSWORD, "token": TOKEN}))
    ciphertext = json.loads((paths.root / "keystore.json").read_text())["ciphertext"]
    paths.database.write_bytes(b"SQLite format 3\x00" + PASSWORD.encode() + b"\x00" * 64)

    settings = Settings(server_url="http://127.0.0.1:8700", username="demo-county",
                        board_id="B-C0801", cycle_code="1404")
    settings.extra.update({
        "registry_password": PASSWORD,
        "api_token": TOKEN,
        "proxy": f"http://demo-county:{PASSWORD}@proxy.local:3128",
        "nested": {"private_key": plain_pem, "note": f"passphrase={MEMBER_PASSPHRASE}"},
        "backup_keep_daily": 7,
    })
    settings.save(paths.settings_file)

    log_lines = [
        "2026-05-01 10:00:00,000 INFO supervisor_app.sync: pushed 3 items",
        f"2026-05-01 10:00:01,000 DEBUG urllib3: login password={PASSWORD} user=demo-county",
        f"2026-05-01 10:00:02,000 DEBUG requests: Authorization: Bearer {TOKEN}",
        f'2026-05-01 10:00:03,000 DEBUG client: response {{"token": "{TOKEN}", "role": "county"}}',
        f"2026-05-01 10:00:04,000 WARNING keys: passphrase: {MEMBER_PASSPHRASE}",
        f"2026-05-01 10:00:05,000 WARNING env: SUPERVISOR_KEYSTORE_PASSPHRASE={MASTER}",
        f"2026-05-01 10:00:06,000 ERROR keys: unexpected key material\n{plain_pem}",
        f"2026-05-01 10:00:07,000 ERROR keys: stored entry {member_pem}",
        f"2026-05-01 10:00:08,000 INFO sync: server http://demo-county:{PASSWORD}@127.0.0.1/",
        f"2026-05-01 10:00:09,000 INFO audit: chain head {HEX_DIGEST}",
        f"2026-05-01 10:00:10,000 INFO raw token in a message: {TOKEN}",
    ]
    (paths.logs / "nezarat.log").write_text("\n".join(log_lines) + "\n", encoding="utf-8")
    (paths.logs / "nezarat.log.1").write_text(f"old run: token={TOKEN}\n", encoding="utf-8")

    secret_values = [PASSWORD, MASTER, MEMBER_PASSPHRASE, TOKEN, ciphertext[:40]]
    secret_values += [line for line in plain_pem.splitlines() if "-----" not in line]
    secret_values += [line for line in member_pem.splitlines() if "-----" not in line]
    return paths, secret_values


def _bundle_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


def test_bundle_never_contains_passwords_tokens_keys_or_passphrases(planted, tmp_path):
    """No planted password, token, passphrase, key or keystore byte reaches the bundle."""
    paths, secret_values = planted

    def leaky_status() -> dict[str, object]:
        return {"server": "http://127.0.0.1:8700", "token": TOKEN, "pending_outbox": 3,
                "note": f"signed in with password {PASSWORD}"}

    service = DiagnosticsService(paths, status=leaky_status)
    bundle = service.save_bundle(tmp_path / "support" / "bundle")
    assert bundle.name == "bundle.zip"
    texts = _bundle_texts(bundle)
    everything = "\n".join(texts.values())
    for secret in secret_values:
        assert secret not in everything, secret
    assert "PRIVATE KEY-----\n" not in everything
    assert "store.sqlite3" not in texts and "keystore.json" not in texts
    assert not [n for n in texts if n.startswith(("backups/", "attachments/"))]
    raw = bundle.read_bytes()  # and not in the compressed bytes' plain parts either
    assert PASSWORD.encode() not in raw and TOKEN.encode() not in raw


def test_bundle_keeps_what_support_needs(planted, tmp_path):
    """Versions, status, redacted settings, file names and sizes, and the logs are there."""
    paths, _ = planted
    status = {"pending_outbox": 3, "counts": {"rulings": 2}}
    service = DiagnosticsService(paths, status=lambda: status)
    texts = _bundle_texts(service.save_bundle(tmp_path / "b.zip",
                                              runtime_versions={"Qt": "6.11.2"}))
    assert {"README.txt", "versions.json", "status.json", "settings.json", "files.txt",
            "logs/nezarat.log", "logs/nezarat.log.1"} <= set(texts)
    versions = json.loads(texts["versions.json"])
    assert versions["nezarat"] and versions["python"] and versions["Qt"] == "6.11.2"
    assert json.loads(texts["status.json"])["pending_outbox"] == 3
    settings = json.loads(texts["settings.json"])
    assert settings["server_url"] == "http://127.0.0.1:8700"
    assert settings["username"] == "demo-county" and settings["board_id"] == "B-C0801"
    assert settings["registry_password"] == REDACTED and settings["api_token"] == REDACTED
    assert settings["nested"]["private_key"] == REDACTED
    assert settings["backup_keep_daily"] == 7
    listing = texts["files.txt"]
    size = (paths.root / "keystore.json").stat().st_size
    assert "keystore.json" in listing and str(size) in listing  # name and size, no content
    assert "store.sqlite3" in listing and "logs/nezarat.log" in listing
    log = texts["logs/nezarat.log"]
    assert "pushed 3 items" in log and HEX_DIGEST in log and "user=demo-county" in log


def test_a_broken_status_still_gives_a_bundle(tmp_path):
    """A failing status (a broken store) is reported inside the bundle, not raised."""
    paths = DataPaths(tmp_path / "data").ensure()

    def broken() -> dict[str, object]:
        raise RuntimeError("database disk image is malformed")

    texts = _bundle_texts(DiagnosticsService(paths, status=broken).save_bundle(tmp_path / "x"))
    assert "malformed" in json.loads(texts["status.json"])["error"]
    assert json.loads(texts["settings.json"]) == {"settings": "no settings file"}


def test_scrubber_keeps_ordinary_text_and_paths():
    """Paths, digests, UUIDs, timestamps and Persian text pass through unchanged."""
    text = ("store /tmp/pytest-of-root/pytest-180/test_two_backups_in_one_second0/backups "
            "backup-20260501T101500Z-daily.sqlite3 ruling 3f2a1c9e-7d4b-4c1a-9e8f-1a2b3c4d5e6f "
            f"hash {HEX_DIGEST} رأی شمارهٔ ۱۲ صادر شد")
    assert scrub_text(text) == text
    assert scrub_text(f"password: '{PASSWORD}' ok") == f"password: '{REDACTED}' ok"
    assert redact({"a": {"Session_Token": "x", "list": [f"token={TOKEN}"]}}) == {
        "a": {"Session_Token": REDACTED, "list": [f"token={REDACTED}"]}
    }


def test_about_names_paths_versions_last_sync_and_backup(tmp_path):
    """about() gives the version, the data paths and the last sync and backup times."""
    paths = DataPaths(tmp_path / "data")
    synced = datetime(2026, 5, 1, 6, 30, tzinfo=UTC)
    info = DiagnosticsService(paths, last_sync=lambda: synced, last_backup=lambda: None).about(
        {"Qt": "6.11.2"}
    )
    assert info.data_dir == paths.root and info.backups == paths.backups
    assert info.last_sync_at == synced and info.last_backup_at is None
    assert info.versions["Qt"] == "6.11.2"


def test_cli_diagnostics_save_writes_a_scrubbed_zip(planted, tmp_path):
    """`supervisor-app diagnostics save -o FILE` writes the bundle (status from the store)."""
    paths, secret_values = planted
    paths.database.unlink()  # the planted fake is no database: put a real store there
    open_store(paths.database).close()
    env = {k: v for k, v in os.environ.items() if k != "SUPERVISOR_DATA_DIR"}
    out = tmp_path / "support.zip"
    proc = subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(paths.root),
         "diagnostics", "save", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    texts = _bundle_texts(out)
    assert "counts" in json.loads(texts["status.json"])
    everything = "\n".join(texts.values())
    for secret in secret_values:
        assert secret not in everything
