"""The headless commands, run as a user would run them (a real subprocess each)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, data_dir: Path, env: dict[str, str] | None = None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=full_env, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo")
    proc = run_cli("demo-data", "--candidates", "300", "--seed", "7", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    return data_dir


def test_demo_data_builds_a_store_and_reports_counts(demo_dir):
    """demo-data writes store.sqlite3 with the asked number of dossiers, marked as demo."""
    with sqlite3.connect(demo_dir / "store.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 300
    settings = json.loads((demo_dir / "settings.json").read_text("utf-8"))
    assert settings["demo"] is True and settings["cycle_code"]


def test_status_json_reports_what_the_store_holds(demo_dir):
    """status --json prints counts, the pending outbox and an intact audit chain."""
    proc = run_cli("status", "--json", data_dir=demo_dir)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["counts"]["dossiers"] == 300
    assert data["counts"]["provinces"] == 31
    assert data["audit_intact"] is True and data["audit_events"] >= 1
    assert data["pending_outbox"] == 0


def test_demo_data_refuses_to_overwrite_without_replace(demo_dir):
    """An existing store is never overwritten silently."""
    proc = run_cli("demo-data", "--candidates", "10", data_dir=demo_dir)
    assert proc.returncode == 2
    assert "--replace" in proc.stderr


def test_demo_data_replace_moves_the_old_store_aside(tmp_path):
    """--replace keeps the previous store under backups/ instead of deleting it."""
    assert run_cli("demo-data", "--candidates", "60", data_dir=tmp_path).returncode == 0
    proc = run_cli("demo-data", "--candidates", "70", "--replace", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    kept = list((tmp_path / "backups").glob("store.sqlite3.replaced-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as db:
        assert db.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 60


def test_audit_verify_names_the_first_broken_event(tmp_path):
    """audit-verify exits 0 on an intact log and 1 naming the event after tampering."""
    assert run_cli("demo-data", "--candidates", "50", data_dir=tmp_path).returncode == 0
    ok = run_cli("audit-verify", data_dir=tmp_path)
    assert ok.returncode == 0 and "intact" in ok.stdout
    with sqlite3.connect(tmp_path / "store.sqlite3") as db:
        db.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1")
    bad = run_cli("audit-verify", data_dir=tmp_path)
    assert bad.returncode == 1
    assert "event 1" in bad.stderr


def test_not_a_database_gives_a_clear_error_and_is_untouched(tmp_path):
    """A store file that is not SQLite is refused with exit 2 and left as it was."""
    store = tmp_path / "store.sqlite3"
    store.write_bytes(b"this is not a database" * 100)
    before = store.read_bytes()
    proc = run_cli("status", data_dir=tmp_path)
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr
    assert store.read_bytes() == before


def test_gui_without_display_explains_how_to_run(tmp_path):
    """With no display the GUI command says how to run offscreen or under Xvfb."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert "QT_QPA_PLATFORM=offscreen" in proc.stderr and "xvfb-run" in proc.stderr


def test_gui_starts_offscreen_and_quits(demo_dir):
    """The GUI opens on a demo store offscreen and exits cleanly when asked to quit."""
    proc = run_cli("gui", "--quit-after-ms", "300", data_dir=demo_dir,
                   env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr


def test_global_options_work_after_the_command(demo_dir):
    """`status --data-dir DIR` works as well as `--data-dir DIR status`."""
    proc = subprocess.run(
        [sys.executable, "-m", "supervisor_app", "status", "--json", "--data-dir", str(demo_dir)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["counts"]["dossiers"] == 300


def test_commands_write_a_log_file(demo_dir):
    """Every run logs to logs/nezarat.log in the data directory (for support bundles)."""
    run_cli("status", data_dir=demo_dir)
    log = demo_dir / "logs" / "nezarat.log"
    assert log.is_file()


def test_data_dir_that_is_a_file_gives_a_clear_error(tmp_path):
    """A data directory path that is a regular file is refused with exit 2, no traceback."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    proc = run_cli("status", data_dir=blocker)
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr


def test_killed_demo_build_leaves_no_store_behind(tmp_path):
    """demo-data killed halfway leaves no store, so the next run builds a complete one."""
    import signal
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(tmp_path), "demo-data",
         "--candidates", "20000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    # Wait until the build has started writing its staging store, then kill it.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".demo-build-*/store.sqlite3")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not (tmp_path / "store.sqlite3").exists()
    again = run_cli("demo-data", "--candidates", "60", data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    assert not list(tmp_path.glob(".demo-build-*"))
