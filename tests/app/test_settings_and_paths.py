"""Settings survive bad files and unknown keys; the data directory is overridable."""

from __future__ import annotations

import json

from supervisor_app.paths import DATA_DIR_ENV, resolve_data_dir
from supervisor_app.settings import Settings


def test_cli_flag_beats_environment(tmp_path, monkeypatch):
    """--data-dir wins over SUPERVISOR_DATA_DIR, which wins over the platform default."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag").root == (tmp_path / "flag").resolve()
    assert resolve_data_dir(None).root == (tmp_path / "env").resolve()
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "nezarat" in str(resolve_data_dir(None).root)


def test_settings_round_trip_keeps_unknown_keys(tmp_path):
    """A key written by a newer version is kept when this version saves."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"server_url": "https://x", "future_key": [1, 2]}), "utf-8")
    settings = Settings.load(path)
    assert settings.server_url == "https://x"
    settings.board_id = "county-0101"
    settings.save(path)
    raw = json.loads(path.read_text("utf-8"))
    assert raw["future_key"] == [1, 2] and raw["board_id"] == "county-0101"


def test_broken_settings_file_is_moved_aside_not_lost(tmp_path):
    """An unreadable settings file gives defaults and is kept as settings.broken-<time>."""
    path = tmp_path / "settings.json"
    path.write_text("{not json", "utf-8")
    assert Settings.load(path) == Settings()
    (kept,) = tmp_path.glob("settings.broken-*")
    assert kept.read_text("utf-8") == "{not json"
    assert not path.exists()


def test_settings_json_that_is_not_an_object(tmp_path):
    """A JSON list in place of the settings object is treated as broken."""
    path = tmp_path / "settings.json"
    path.write_text("[1]", "utf-8")
    assert Settings.load(path) == Settings()


def test_wrongly_typed_settings_fall_back_to_defaults(tmp_path):
    """A value of the wrong type (a hand edit) is ignored; the others are kept."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": 5, "cycle_code": "1405-7", "demo": "yes"}), "utf-8")
    settings = Settings.load(path)
    assert settings.language == "fa" and settings.demo is False
    assert settings.cycle_code == "1405-7"
