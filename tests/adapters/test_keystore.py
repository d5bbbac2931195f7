"""Keystores: the real OS keyring (Secret Service), the encrypted file fallback, the fake."""

from __future__ import annotations

import base64
import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest

from supervisor_app.adapters.keystore import (
    EncryptedFileKeystore,
    KeyringKeystore,
    KeystoreError,
    KeystoreUnavailable,
    MemoryKeystore,
    WrongKeystorePassphrase,
    is_secure_backend,
    open_keystore,
)
from supervisor_app.signing.keys import KEY_SERVICE, MemberKeys

REPO = Path(__file__).resolve().parents[2]

# --- the in-memory fake --------------------------------------------------------------------


def test_memory_keystore_gets_sets_and_deletes():
    """The fake stores by (service, name), replaces, and deletes idempotently."""
    store = MemoryKeystore()
    assert store.get("svc", "a") is None
    store.set("svc", "a", "one")
    store.set("svc", "a", "two")
    store.set("other", "a", "three")
    assert store.get("svc", "a") == "two" and store.get("other", "a") == "three"
    store.delete("svc", "a")
    store.delete("svc", "a")
    assert store.get("svc", "a") is None


# --- the encrypted file fallback ------------------------------------------------------------


def test_encrypted_file_roundtrip_across_reopen(tmp_path):
    """Secrets written to the encrypted file are read back after reopening with the passphrase."""
    path = tmp_path / "keys.json"
    store = EncryptedFileKeystore(path, "master passphrase")
    store.set("nezarat/member-key", "a-m1", "secret-پنهان")
    store.set("nezarat/member-key", "a-m2", "another")
    store.delete("nezarat/member-key", "a-m2")
    again = EncryptedFileKeystore(path, "master passphrase")
    assert again.get("nezarat/member-key", "a-m1") == "secret-پنهان"
    assert again.get("nezarat/member-key", "a-m2") is None


def test_encrypted_file_hides_secrets_and_names(tmp_path):
    """The file holds neither the secret nor the service or entry names in clear; mode 0600."""
    path = tmp_path / "keys.json"
    EncryptedFileKeystore(path, "master passphrase").set("nezarat/member-key", "a-m1", "TOPSECRET")
    raw = path.read_bytes()
    for clear in (b"TOPSECRET", b"nezarat/member-key", b"a-m1"):
        assert clear not in raw
    document = json.loads(raw)
    assert document["format"] == "nezarat-keystore" and document["version"] == 1
    assert document["kdf"]["name"] == "scrypt" and document["cipher"] == "AES-256-GCM"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_wrong_master_passphrase_is_a_clear_error(tmp_path):
    """Opening the file with a wrong passphrase raises WrongKeystorePassphrase (with Persian)."""
    path = tmp_path / "keys.json"
    EncryptedFileKeystore(path, "master passphrase").set("s", "n", "v")
    with pytest.raises(WrongKeystorePassphrase, match="passphrase is wrong") as err:
        EncryptedFileKeystore(path, "not the passphrase")
    assert "گذرواژه" in err.value.message_fa


def test_tampered_file_is_detected(tmp_path):
    """A changed ciphertext byte or a changed header fails authentication."""
    path = tmp_path / "keys.json"
    EncryptedFileKeystore(path, "master passphrase").set("s", "n", "v")
    document = json.loads(path.read_bytes())
    ciphertext = bytearray(base64.b64decode(document["ciphertext"]))
    ciphertext[0] ^= 1
    path.write_text(json.dumps({**document, "ciphertext": base64.b64encode(ciphertext).decode()}))
    with pytest.raises(WrongKeystorePassphrase):
        EncryptedFileKeystore(path, "master passphrase")
    path.write_text(json.dumps({**document, "kdf": {**document["kdf"], "p": 2}}))
    with pytest.raises(WrongKeystorePassphrase):
        EncryptedFileKeystore(path, "master passphrase")


def test_weakened_kdf_and_unknown_version_are_refused(tmp_path):
    """Lowered scrypt cost or an unknown file version is refused before any decryption."""
    path = tmp_path / "keys.json"
    EncryptedFileKeystore(path, "master passphrase").set("s", "n", "v")
    document = json.loads(path.read_bytes())
    path.write_text(json.dumps({**document, "kdf": {**document["kdf"], "n": 2**10}}))
    with pytest.raises(KeystoreError, match="scrypt"):
        EncryptedFileKeystore(path, "master passphrase")
    path.write_text(json.dumps({**document, "version": 2}))
    with pytest.raises(KeystoreError, match="version"):
        EncryptedFileKeystore(path, "master passphrase")


def test_empty_master_passphrase_refused(tmp_path):
    """An empty master passphrase is refused."""
    with pytest.raises(KeystoreError):
        EncryptedFileKeystore(tmp_path / "k.json", "")


# --- choosing a keystore ---------------------------------------------------------------------


def test_fail_and_null_backends_are_not_secure():
    """keyring's fail and null backends are never taken for a keystore."""
    assert not is_secure_backend(keyring.backends.fail.Keyring())
    assert not is_secure_backend(keyring.backends.null.Keyring())
    with pytest.raises(KeystoreUnavailable):
        KeyringKeystore(keyring.backends.fail.Keyring())


def test_no_keyring_and_no_fallback_refuses_clearly():
    """No OS keyring and no master passphrase: open_keystore refuses (never plaintext)."""
    with pytest.raises(KeystoreUnavailable, match="gnome-keyring") as err:
        open_keystore(backend=keyring.backends.fail.Keyring())
    assert "کلیدستان" in err.value.message_fa


def test_no_keyring_falls_back_to_the_encrypted_file(tmp_path):
    """Without an OS keyring, a path and master passphrase give the encrypted file keystore."""
    asked = []

    def ask() -> str:
        asked.append(True)
        return "master passphrase"

    store = open_keystore(backend=keyring.backends.null.Keyring(),
                          fallback_path=tmp_path / "k.json", passphrase=ask)
    assert isinstance(store, EncryptedFileKeystore) and asked == [True]


def test_headless_process_without_dbus_gets_no_keyring(tmp_path):
    """In a process with no D-Bus session, keyring has no backend and open_keystore refuses."""
    code = textwrap.dedent(
        """
        from supervisor_app.adapters.keystore import KeystoreUnavailable, open_keystore
        try:
            open_keystore()
        except KeystoreUnavailable as exc:
            print("refused:", exc)
        else:
            print("opened")
        """
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/x",
           "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("refused:"), out.stdout + out.stderr


# --- the real Secret Service ----------------------------------------------------------------


def test_secret_service_roundtrip(secret_service):
    """KeyringKeystore stores, reads, replaces and deletes through a real gnome-keyring."""
    from keyring.backends import SecretService

    store = KeyringKeystore(SecretService.Keyring())
    assert "SecretService" in store.description
    store.set("nezarat/test", "entry", "value-۱")
    assert store.get("nezarat/test", "entry") == "value-۱"
    store.set("nezarat/test", "entry", "value-2")
    assert store.get("nezarat/test", "entry") == "value-2"
    store.delete("nezarat/test", "entry")
    store.delete("nezarat/test", "entry")
    assert store.get("nezarat/test", "entry") is None


def test_open_keystore_picks_the_secret_service_when_present(secret_service, tmp_path):
    """With a Secret Service on the session bus, keyring's own detection leads to the OS keyring."""
    code = textwrap.dedent(
        """
        from supervisor_app.adapters.keystore import open_keystore
        print(open_keystore().description)
        """
    )
    env = {**secret_service.env, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO,
                         capture_output=True, text=True, check=True)
    assert "SecretService" in out.stdout, out.stdout + out.stderr


def test_member_key_in_secret_service_is_encrypted_twice(secret_service):
    """A member key in gnome-keyring is an encrypted PKCS#8 PEM, and is not in clear on disk."""
    from keyring.backends import SecretService

    store = KeyringKeystore(SecretService.Keyring())
    keys = MemberKeys(store)
    public = keys.create("ss-member", "member passphrase", replace=True)
    stored = store.get(KEY_SERVICE, "ss-member")
    assert stored is not None and stored.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert keys.unlock("ss-member", "member passphrase").public_key() == public
    on_disk = b"".join(p.read_bytes() for p in secret_service.keyrings_dir.glob("*.keyring"))
    assert on_disk and b"ENCRYPTED PRIVATE KEY" not in on_disk and b"ss-member" not in on_disk
    keys.delete("ss-member")
    assert not keys.has_key("ss-member")
