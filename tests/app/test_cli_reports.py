"""``supervisor-app report add|list`` as a user runs them (a real subprocess each)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BRANCH = "0101-C1-B001"


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo")
    proc = run_cli("demo-data", "--candidates", "0", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    return data_dir


def test_report_add_records_report_and_outbox_item(demo_dir, tmp_path):
    """report add --json stores the report with witnesses and a photo, and queues it for sync."""
    photo = tmp_path / "box.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\x01" * 200)
    proc = run_cli(
        "report",
        "add",
        "--branch",
        BRANCH.lower(),
        "--category",
        "seal_breaking",
        "--severity",
        "critical",
        "--description",
        "لاک صندوق شکسته بود",
        "--observed-at",
        "۱۴۰۵/۰۲/۱۱ ۰۹:۳۰",
        "--witness",
        "علی کریمی",
        "--witness",
        "زهرا",
        "--attach",
        str(photo),
        "--json",
        data_dir=demo_dir,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["branch_code"] == BRANCH and data["witnesses"] == ["علی کریمی", "زهرا"]
    assert data["observed_at"] == "2026-05-01T06:00:00+00:00"  # 09:30 Tehran (+03:30)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert data["attachments"][0]["sha256"] == sha
    assert (demo_dir / "attachments" / sha).read_bytes() == photo.read_bytes()
    with sqlite3.connect(demo_dir / "store.sqlite3") as db:
        kind, status = db.execute(
            "SELECT kind, status FROM outbox_items WHERE id = ?", (data["id"],)
        ).fetchone()
    assert (kind, status) == ("observer_report", "pending")

    listed = run_cli("report", "list", "--branch", BRANCH, "--json", data_dir=demo_dir)
    assert listed.returncode == 0, listed.stderr
    assert data["id"] in [r["id"] for r in json.loads(listed.stdout)]
    text = run_cli("report", "list", data_dir=demo_dir)
    assert data["id"] in text.stdout and "seal_breaking" in text.stdout


def test_report_add_refuses_unknown_branch_in_both_languages(demo_dir):
    """An unknown branch code exits 2 with an English and a Persian explanation."""
    proc = run_cli(
        "report",
        "add",
        "--branch",
        "NOPE-1",
        "--category",
        "late_opening",
        "--severity",
        "low",
        "--description",
        "x",
        data_dir=demo_dir,
    )
    assert proc.returncode == 2
    assert "NOPE-1" in proc.stderr and "شعبه" in proc.stderr
    bad_time = run_cli(
        "report",
        "add",
        "--branch",
        BRANCH,
        "--category",
        "late_opening",
        "--severity",
        "low",
        "--description",
        "x",
        "--observed-at",
        "دیروز",
        data_dir=demo_dir,
    )
    assert bad_time.returncode == 2 and "observed-at" in bad_time.stderr
