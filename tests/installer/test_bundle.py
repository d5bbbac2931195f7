"""The installable program: the Linux bundle built with the documented command starts and
shows the Persian window on a demo store; the Windows installer script installs every file
of the bundle, speaks Persian and keeps the user's data on uninstall."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "nezarat"
ISS = ROOT / "installer" / "nezarat.iss"
DESKTOP = ROOT / "installer" / "linux" / "nezarat.desktop"
INSTALLER_README = ROOT / "installer" / "README.md"
PERSIAN_TITLE = "نظارت — هیات نظارت"


def _load_build() -> Any:
    spec = importlib.util.spec_from_file_location("nezarat_build", ROOT / "installer" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()
iss = build.load_iss()  # installer/iss.py, the [Files] reader build.py uses too


def documented_build_command() -> list[str]:
    """The command installer/README.md documents: its first ``sh`` block's first line."""
    block = re.search(r"```sh\n([^\n]*)\n", INSTALLER_README.read_text(encoding="utf-8"))
    assert block, "installer/README.md has no sh block with the build command"
    return shlex.split(block.group(1).split("#", 1)[0])


@pytest.fixture(scope="module")
def bundle() -> Path:
    """dist/nezarat/, built by the one documented command, run as written from the
    repository root (a few minutes at most)."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is missing: install the build extra (pip install -e '.[build]')")
    command = documented_build_command()
    if not (ROOT / command[0]).is_file():
        pytest.fail(f"{command[0]} is missing: the documented command needs ./dev.sh setup")
    proc = subprocess.run([str(ROOT / command[0]), *command[1:]], cwd=ROOT, capture_output=True,
                          text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "bundle:" in proc.stdout
    return BUNDLE


def test_the_readmes_document_the_build_command_the_bundle_test_runs():
    """The installer README's command is the venv's Python on installer/build.py, and the
    top-level README's installer section names the same command."""
    command = documented_build_command()
    assert command == [".venv/bin/python", "installer/build.py"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Installer", 1)[1].split("\n## ", 1)[0]
    assert f"`{shlex.join(command)}`" in section


def _bundle_env(home: Path) -> dict[str, str]:
    """A bare environment: no Python, no checkout, no data directory from the developer."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def _run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "nezarat"), *args], cwd=home, env=_bundle_env(home),
        capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.mark.slow
def test_built_bundle_shows_the_persian_window_on_a_demo_store_and_exits_cleanly(
    bundle: Path, tmp_path: Path
):
    """Acceptance: the built bundle opens the Persian RTL window on a demo store and exits 0."""
    assert build.missing_files(bundle, windows=False) == []
    data = tmp_path / "data"
    made = _run(bundle, tmp_path, "--data-dir", str(data), "demo-data", "--candidates", "50")
    assert made.returncode == 0, made.stderr
    assert '"dossiers": 50' in made.stdout

    shown = _run(bundle, tmp_path, "--data-dir", str(data), "gui", "--quit-after-ms", "1500")
    assert shown.returncode == 0, shown.stderr
    log = (data / "logs" / "nezarat.log").read_text(encoding="utf-8")
    assert f"main window shown: {PERSIAN_TITLE} (right-to-left)" in log
    assert "not found in" not in log  # both translators (Qt's qtbase_fa and the app's) loaded
    # The font package is not in the bundle, so the font that loaded is _internal/fonts/.
    assert "could not load the shipped font" not in log
    assert not [f for f in build.bundle_files(bundle) if "fontpkg" in f]
    assert "Traceback" not in log and "Traceback" not in shown.stderr

    status = _run(bundle, tmp_path, "--data-dir", str(data), "status", "--json")
    assert status.returncode == 0 and '"dossiers": 50' in status.stdout
    backup = _run(bundle, tmp_path, "--data-dir", str(data), "backup", "create")
    assert backup.returncode == 0, backup.stderr
    zip_path = tmp_path / "support.zip"
    saved = _run(bundle, tmp_path, "--data-dir", str(data), "diagnostics", "save", "-o",
                 str(zip_path))
    assert saved.returncode == 0 and zip_path.is_file(), saved.stderr


@pytest.mark.slow
def test_built_bundle_opens_the_first_run_wizard_on_an_empty_data_directory(
    bundle: Path, tmp_path: Path
):
    """The built bundle starts a new workstation with the wizard; cancelling writes nothing."""
    data = tmp_path / "empty"
    proc = _run(bundle, tmp_path, "--data-dir", str(data), "gui", "--quit-after-ms", "1500")
    assert proc.returncode == 0, proc.stderr
    log = (data / "logs" / "nezarat.log").read_text(encoding="utf-8")
    assert "first-run wizard shown" in log and "first-run wizard cancelled" in log
    assert not (data / "store.sqlite3").exists() and not (data / "settings.json").exists()


@pytest.mark.slow
def test_bundle_carries_fonts_translations_migrations_and_no_unused_qt(bundle: Path):
    """Everything the app reads at run time is inside the bundle; heavy unused Qt is not."""
    internal = bundle / "_internal"
    files = build.bundle_files(bundle)
    assert (internal / "fonts" / "LICENSE").read_text(encoding="utf-8").find("OFL") >= 0 \
        or "Open Font License" in (internal / "fonts" / "LICENSE").read_text(encoding="utf-8")
    migrations = sorted(p.name for p in (ROOT / "supervisor_app/store/migrations/versions")
                        .glob("*.py"))
    shipped = sorted(p.name for p in (internal / "supervisor_app/store/migrations/versions")
                     .glob("*.py"))
    assert shipped == migrations
    qt_translations = [f for f in files if "/Qt6/translations/" in f]
    assert qt_translations and all(f.endswith(("_fa.qm", "_en.qm")) for f in qt_translations)
    unwanted = ("QtWebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Qt6Multimedia", "libgtk-3")
    assert [f for f in files if any(u in f for u in unwanted)] == []
    assert build.bundle_size(bundle) < 400 * 2**20


# --- the Inno Setup script ------------------------------------------------------------------

# What the program cannot run without, each named by a [Files] line of its own (not only
# swept up by a recursive line above its folder): the Persian catalogues, the font, the
# migrations' env.py, and (below) every platform plugin.
CRITICAL = (
    "_internal/i18n/fa/nezarat_fa.qm",
    "_internal/i18n/fa/qtbase_fa.qm",
    "_internal/PyQt6/Qt6/translations/qtbase_fa.qm",
    "_internal/fonts/NotoSansArabic[wdth,wght].ttf",
    "_internal/supervisor_app/store/migrations/env.py",
)
PLATFORMS = "_internal/PyQt6/Qt6/plugins/platforms"


@pytest.fixture(scope="module")
def script() -> Any:
    return iss.parse(ISS)


def _installers(entries: list[Any], name: str) -> list[tuple[Any, str]]:
    """The [Files] entries that install bundle file ``name``, with the destination."""
    found = [(e, e.installs(f"dist/nezarat/{name}")) for e in entries]
    return [(e, dest) for e, dest in found if dest is not None]


def test_inno_setup_files_entries_are_parsed_with_their_parameters(script):
    """[Files] parses into Source, DestDir, Flags and Excludes; every line is a bundle part."""
    entries = script.files()
    assert len(entries) > 20  # part by part, not one wildcard
    assert script.source_root() == ROOT  # SourceDir=.. : Sources are repository paths
    for entry in entries:
        assert entry.source.startswith("dist\\nezarat\\"), entry.line
        assert entry.dest_dir == "{app}" or entry.dest_dir.startswith("{app}\\"), entry.line
        assert "ignoreversion" in entry.flags and "external" not in entry.flags, entry.line
    exe = [e for e in entries if e.dest_dir == "{app}"]
    assert [e.source for e in exe] == ["dist\\nezarat\\nezarat.exe"]  # {#AppExe} expanded
    pyqt = next(e for e in entries if e.source == "dist\\nezarat\\_internal\\PyQt6\\*")
    assert pyqt.recursive and pyqt.excludes == ("\\Qt6\\plugins\\*", "\\Qt6\\translations\\*")
    # No line sweeps up the whole bundle or the whole of _internal.
    assert not [e for e in entries if e.recursive and e.folder.as_posix() in
                ("dist/nezarat", "dist/nezarat/_internal")]


@pytest.mark.slow
def test_inno_setup_files_section_names_every_file_of_the_built_bundle(bundle: Path, script):
    """Every [Files] Source matches built files and every built file is installed exactly
    once, at its own place under {app} (Windows-only names through their Linux stand-ins)."""
    files = build.bundle_files(bundle)
    assert len(files) > 100
    # install.sh and the desktop entry are copied in by build.py on Linux only.
    assert set(build.LINUX_EXTRAS) <= set(files)
    result = iss.bundle_coverage(script, bundle, linux=True, ignore=build.LINUX_EXTRAS,
                                 optional_sources=False)
    assert result.problems() == []
    # The stand-ins really stood in: the Linux program and runtime went through them.
    stood_in = iss.with_stand_ins(script.files(), iss.LINUX_STAND_INS)
    assert [d for _e, d in _installers(stood_in, "nezarat")] == ["{app}/nezarat"]
    assert any(f.startswith("_internal/libpython3") for f in files)


@pytest.mark.slow
def test_inno_setup_names_the_critical_files_each_by_its_own_line(bundle: Path, script):
    """The Persian catalogues, the font, env.py and the platform plugins are in the bundle
    and each is installed by one non-recursive line of its own folder."""
    entries = script.files()
    platforms = [f for f in build.bundle_files(bundle) if f.startswith(PLATFORMS + "/")]
    assert f"{PLATFORMS}/libqxcb.so" in platforms and f"{PLATFORMS}/libqoffscreen.so" in platforms
    for name in (*CRITICAL, *platforms):
        assert (bundle / name).is_file(), name
        found = _installers(entries, name)
        assert [dest for _e, dest in found] == [f"{{app}}/{name}"], name
        entry, folder = found[0][0], f"dist/nezarat/{name}".rsplit("/", 1)[0]
        assert not entry.recursive and entry.folder.as_posix() == folder, entry.line
    # The Windows names of what the program needs are installed too, at their place.
    for name in build.required_files(windows=True):
        assert [d for _e, d in _installers(entries, name)] == [f"{{app}}/{name}"], name


def test_inno_setup_script_is_persian_with_shortcuts_and_keeps_the_data(script):
    """The setup is Persian, has AppId and shortcuts, and its uninstall keeps the data dir."""
    setup, entries, defines = script.setup, script.entries, script.defines
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, or Inno reads the Persian as ANSI
    text = raw.decode("utf-8-sig")

    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["appid"])
    assert setup["appname"].startswith("نظارت")
    assert setup["privilegesrequired"] == "lowest"  # a secretary can install it
    assert setup["showlanguagedialog"] == "no"

    languages = script.section("languages")
    assert [e.get("Name") for e in languages] == ["farsi"]
    assert re.search(r'^Name: "farsi"; MessagesFile: "\{#FarsiIsl\}"\s*$', text, re.MULTILINE)
    for place in ('compiler:Languages\\Farsi.isl"', 'compiler:Languages\\Unofficial\\Farsi.isl"',
                  'windows\\Farsi.isl"'):
        assert place in text
    assert "#error" in text  # a missing Farsi.isl stops the build instead of going English
    assert (ROOT / "installer" / "windows" / "get-farsi-isl.ps1").is_file()
    custom = {e.get("name"): e.get("value") for e in script.section("custommessages")}
    kept = custom["farsi.DataKept"]
    letters = [c for c in kept if c.isalpha()]
    assert sum("\u0600" <= c <= "\u06ff" for c in letters) > 0.9 * len(letters)  # Persian
    assert "%1" in kept and "حذف نشد" in kept and not re.search("[يك]", kept)
    assert "CustomMessage('DataKept')" in text and "usPostUninstall" in text

    icons = script.section("icons")
    targets = {e.get("Name").split("\\")[0]: e for e in icons}
    assert "{group}" in targets and "{autodesktop}" in targets
    assert targets["{autodesktop}"].get("Tasks") == "desktopicon"
    exe = defines["AppExe"]
    assert exe == "nezarat.exe" and "nezarat.exe" in build.required_files(windows=True)
    assert all(e.get("Filename") in (f"{{app}}\\{exe}", "{uninstallexe}") for e in icons)
    assert any(e.get("Filename") == "{uninstallexe}" for e in icons)
    assert [e.get("Name") for e in script.section("tasks")] == ["desktopicon"]

    data_dir = defines["DataDir"]
    assert data_dir == "{localappdata}\\nezarat"
    dirs = script.section("dirs")
    assert any(e.get("Name") == data_dir and "uninsneveruninstall" in e.flags() for e in dirs)
    deletions = script.section("uninstalldelete") + script.section("installdelete")
    assert deletions, "the uninstaller should clean its own folder"
    for entry in deletions:
        name = entry.get("Name")
        assert name == "{app}" or name.startswith("{app}\\"), name
        assert "nezarat" not in name.lower().replace("{app}", "")
    user_places = ("{localappdata}", "{userappdata}", "{commonappdata}", "{userdocs}",
                   "{%", "{userprofile}")
    for entry in entries:
        if entry.section in ("files", "icons", "run", "uninstallrun", "uninstalldelete",
                             "installdelete"):
            assert not any(p in " ".join(entry.params.values()) for p in user_places), entry


def test_linux_desktop_entry_and_icons():
    """The .desktop entry is Persian-named and points at the program and its icons."""
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    keys = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert keys["Type"] == "Application" and keys["Name[fa]"] == "نظارت"
    assert keys["Exec"] == "/opt/nezarat/nezarat" and keys["Icon"] == "nezarat"
    assert keys["Terminal"] == "false"
    icons = ROOT / "resources" / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        assert (icons / f"nezarat-{size}.png").read_bytes().startswith(b"\x89PNG")
    assert (icons / "nezarat.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_linux_desktop_entry_passes_desktop_file_validate():
    """desktop-file-validate accepts the entry (dev.sh installs desktop-file-utils; in CI
    a missing validator is a failure, elsewhere a skip)."""
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):  # as tests/signing/softhsm.py
            pytest.fail("desktop-file-validate is missing: apt-get install desktop-file-utils")
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    proc = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == ""  # not even a hint or a warning


@pytest.fixture
def copied_bundle(bundle: Path, tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "nezarat-bundle"
    shutil.copytree(bundle, target, symlinks=True)
    yield target


@pytest.mark.slow
def test_linux_install_script_installs_for_the_user_and_uninstall_keeps_data(
    copied_bundle: Path, tmp_path: Path
):
    """install.sh installs per user; --uninstall removes the program and keeps the data."""
    home = tmp_path / "home"
    data = home / ".local" / "share" / "nezarat"
    data.mkdir(parents=True)
    (data / "store.sqlite3").write_bytes(b"keep me")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    subprocess.run(["sh", str(copied_bundle / "install.sh"), "--user"], env=env, check=True,
                   capture_output=True)
    entry = home / ".local/share/applications/nezarat.desktop"
    assert f"Exec={home}/.local/opt/nezarat/nezarat" in entry.read_text(encoding="utf-8")
    assert (home / ".local/share/icons/hicolor/256x256/apps/nezarat.png").is_file()
    subprocess.run(["sh", str(home / ".local/opt/nezarat/install.sh"), "--user", "--uninstall"],
                   env=env, check=True, capture_output=True)
    assert not entry.exists() and not (home / ".local/opt/nezarat").exists()
    assert (data / "store.sqlite3").read_bytes() == b"keep me"
