"""A real, private Secret Service for keystore tests: dbus-daemon + gnome-keyring-daemon.

The fixture starts its own session bus and an unlocked gnome-keyring (password on
stdin) under a temporary HOME, points DBUS_SESSION_BUS_ADDRESS at it for the tests of
one module, and kills both daemons at teardown. Debian/Ubuntu: ``apt-get install dbus
gnome-keyring``. Skipped (with that reason) only when the binaries are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

LOGIN_PASSWORD = b"login-keyring-password"


@dataclass(frozen=True)
class SecretService:
    address: str
    env: dict[str, str]
    keyrings_dir: Path  # where gnome-keyring keeps its (encrypted) keyring files


def _name_has_owner(address: str, name: str) -> bool:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                      interface="org.freedesktop.DBus")
    with open_dbus_connection(bus=address) as conn:
        reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)))
    return bool(reply.body[0])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    """A running, unlocked Secret Service on a private session bus."""
    missing = [exe for exe in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(exe)]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install dbus gnome-keyring)")
    pytest.importorskip("jeepney", reason="jeepney (a keyring dependency on Linux) is missing")
    root = tmp_path_factory.mktemp("secret-service")
    home, runtime = root / "home", root / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1",
         f"--address=unix:path={root / 'bus'}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
    )
    keyring_daemon: subprocess.Popen[bytes] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            pytest.fail("dbus-daemon did not print its address")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write(LOGIN_PASSWORD)
        keyring_daemon.stdin.close()
        # Wait for *our* daemon to own the name; touching the bus earlier could make it
        # auto-activate a second, locked gnome-keyring.
        deadline = time.monotonic() + 15
        while not _name_has_owner(address, "org.freedesktop.secrets"):
            if keyring_daemon.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gnome-keyring-daemon did not register org.freedesktop.secrets")
            time.sleep(0.05)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            yield SecretService(address, env, home / ".local" / "share" / "keyrings")
    finally:
        if keyring_daemon is not None:
            _stop(keyring_daemon)
        _stop(bus)
