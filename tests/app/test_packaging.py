"""A built wheel carries the translations and styles the window needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from supervisor_app import paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_translations_styles_and_migrations(tmp_path):
    """pip wheel . ships the Persian .qm, the stylesheet and every migration."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("nezarat-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith("share/nezarat/i18n/fa/nezarat_fa.qm") for n in names)
    assert any(n.endswith("share/nezarat/resources/styles/main.qss") for n in names)
    migrations = sorted(p.name for p in (ROOT / "supervisor_app/store/migrations/versions")
                        .glob("*.py"))
    for name in migrations:
        assert f"supervisor_app/store/migrations/versions/{name}" in names


def test_installed_layout_is_found_under_the_prefix(tmp_path, monkeypatch):
    """Outside a checkout, assets are looked up under <prefix>/share/nezarat."""
    monkeypatch.setattr(paths, "_checkout_root", lambda: tmp_path / "site-packages")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert paths.i18n_dir() == tmp_path / "prefix" / "share" / "nezarat" / "i18n" / "fa"


def test_checkout_layout_is_found_beside_the_package():
    """In a checkout the repository's i18n/fa holds the compiled translation."""
    assert (paths.i18n_dir() / "nezarat_fa.qm").is_file()
    assert (paths.resources_dir() / "styles" / "main.qss").is_file()
