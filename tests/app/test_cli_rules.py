"""``supervisor-app rules check|show`` as an IT officer runs them (a real subprocess each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from supervisor_app.rules_files import bundled_rules_dir


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )


def test_rules_check_prints_the_criteria_of_a_valid_file(tmp_path):
    """A valid file: exit 0, its version and every criterion with article and clause."""
    proc = run_cli(
        "rules", "check", str(bundled_rules_dir() / "1405-7.json"), data_dir=tmp_path / "data"
    )
    assert proc.returncode == 0, proc.stderr
    assert "version: 1405-7/1" in proc.stdout
    assert "Art. 37(ب)" in proc.stdout and "[minimum_age=25]" in proc.stdout
    assert "ماده ۴۳" in proc.stdout and proc.stdout.rstrip().endswith("valid")


def test_rules_check_refuses_a_malformed_file_with_both_messages(tmp_path):
    """A wrong parameter type: exit 1, the file, rule and field in English and Persian."""
    data = json.loads((bundled_rules_dir() / "default.json").read_text(encoding="utf-8"))
    data["rules"][0]["params"]["minimum_age"] = "25"
    path = tmp_path / "1409-8.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("rules", "check", str(path), "--json", data_dir=tmp_path / "data")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["valid"] is False
    assert f'rules file {path}: rule "age", field "params.minimum_age"' in report["error"]
    assert "قاعده «age»، فیلد «params.minimum_age»" in report["error_fa"]
    missing = run_cli("rules", "check", str(tmp_path / "none.json"), data_dir=tmp_path / "data")
    assert missing.returncode == 2


def test_rules_show_follows_rules_dir_and_the_cycle_in_settings(tmp_path):
    """show: the configured cycle's file in rules_dir wins; another cycle gets the default."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    data = json.loads((bundled_rules_dir() / "default.json").read_text(encoding="utf-8"))
    data["version"] = "1409-8/1"
    (rules_dir / "1409-8.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (data_dir / "settings.json").write_text(
        json.dumps({"rules_dir": str(rules_dir), "cycle_code": "1409-8"}), "utf-8"
    )
    shown = json.loads(run_cli("rules", "show", "--json", data_dir=data_dir).stdout)
    assert (shown["cycle"], shown["version"]) == ("1409-8", "1409-8/1")
    assert shown["file"] == str(rules_dir / "1409-8.json")
    other = json.loads(
        run_cli("rules", "show", "--cycle", "1413-9", "--json", data_dir=data_dir).stdout
    )
    assert other["file"] == str(bundled_rules_dir() / "default.json")
