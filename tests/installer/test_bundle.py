"""The installable program: the Linux bundle built with the documented command starts and
shows the Persian window on a demo store; the Windows installer script installs every file
of the bundle, speaks Persian and keeps the user's data on uninstall."""

from __future__ import annotations

import fnmatch
import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "nezarat"
ISS = ROOT / "installer" / "nezarat.iss"
DESKTOP = ROOT / "installer" / "linux" / "nezarat.desktop"
BUILD_COMMAND = [sys.executable, str(ROOT / "installer" / "build.py")]  # as the README says
PERSIAN_TITLE = "نظارت — هیات نظارت"


def _load_build() -> Any:
    spec = importlib.util.spec_from_file_location("nezarat_build", ROOT / "installer" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()


@pytest.fixture(scope="module")
def bundle() -> Path:
    """dist/nezarat/, built by the one documented command (a few minutes at most)."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is missing: install the build extra (pip install -e '.[build]')")
    proc = subprocess.run(BUILD_COMMAND, cwd=ROOT, capture_output=True, text=True, timeout=900,
                          check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "bundle:" in proc.stdout
    return BUNDLE


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


@dataclass(frozen=True)
class IssEntry:
    section: str
    params: dict[str, str]

    def get(self, key: str) -> str:
        return self.params.get(key.lower(), "")

    def flags(self) -> set[str]:
        return {f.lower() for f in self.get("Flags").split()}


def _parse_iss(path: Path) -> tuple[dict[str, str], list[IssEntry], dict[str, str]]:
    """([Setup] directives, entries of the other sections, ISPP #defines), ISPP expanded
    for plain #define values (what this script uses)."""
    text = path.read_text(encoding="utf-8-sig")
    defines = dict(re.findall(r'^\s*#\s*define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))

    def expand(value: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value)

    setup: dict[str, str] = {}
    entries: list[IssEntry] = []
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#", "//")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            section = header.group(1).lower()
            continue
        if section == "code":
            continue
        if section == "setup":
            key, _, value = line.partition("=")
            setup[key.strip().lower()] = expand(value.strip())
            continue
        if section in ("custommessages", "messages"):
            key, _, value = line.partition("=")
            entries.append(IssEntry(section, {"name": key.strip(), "value": value.strip()}))
            continue
        params = {
            m.group(1).lower(): expand(m.group(2).replace('""', '"') if m.group(2) is not None
                                       else m.group(3).strip())
            for m in re.finditer(r'(\w+):\s*(?:"((?:[^"]|"")*)"|([^;]*))', line)
        }
        entries.append(IssEntry(section, params))
    return setup, entries, defines


@pytest.fixture(scope="module")
def iss() -> tuple[dict[str, str], list[IssEntry], dict[str, str]]:
    return _parse_iss(ISS)


def _source_base(setup: dict[str, str]) -> PurePosixPath:
    """Where relative Source paths start: SourceDir, relative to the script's folder."""
    base = PurePosixPath(ISS.parent.relative_to(ROOT).as_posix())
    for part in PurePosixPath(setup.get("sourcedir", ".").replace("\\", "/")).parts:
        base = base.parent if part == ".." else base / part
    return base


def _installed_as(entry: IssEntry, base: PurePosixPath, repo_path: str) -> str | None:
    """Where [Files] ``entry`` installs the repository file ``repo_path`` ({app}-relative
    destination with /), or None when the entry does not cover it (Inno's semantics for
    wildcards, recursesubdirs and Excludes)."""
    source = PurePosixPath(*(base / entry.get("Source").replace("\\", "/")).parts)
    folder, pattern = source.parent, source.name
    path = PurePosixPath(repo_path)
    try:
        relative = path.relative_to(folder)
    except ValueError:
        return None
    recursive = "recursesubdirs" in entry.flags()
    if len(relative.parts) > 1 and not recursive:
        return None
    if not fnmatch.fnmatch(relative.name.lower(), pattern.lower()):
        return None
    for exclude in filter(None, (e.strip() for e in entry.get("Excludes").split(","))):
        exclude = exclude.replace("\\", "/")
        if exclude.startswith("/"):
            if fnmatch.fnmatch("/" + relative.as_posix(), exclude):
                return None
        elif any(fnmatch.fnmatch(part, exclude) for part in relative.parts):
            return None
    dest = entry.get("DestDir").replace("\\", "/")
    return f"{dest}/{relative.as_posix()}" if recursive else f"{dest}/{relative.name}"


def _covered(entries: list[IssEntry], base: PurePosixPath, bundle_relative: str) -> list[str]:
    repo_path = f"dist/nezarat/{bundle_relative}"
    found = [_installed_as(e, base, repo_path) for e in entries if e.section == "files"]
    return [f for f in found if f is not None]


@pytest.mark.slow
def test_inno_setup_files_section_installs_every_file_of_the_built_bundle(bundle: Path, iss):
    """[Files] installs every built file (and the Windows-only ones) at its place under {app}."""
    setup, entries, _defines = iss
    base = _source_base(setup)
    assert base == PurePosixPath(".")  # SourceDir=.. : sources are repository paths
    files = build.bundle_files(bundle)
    assert len(files) > 100
    wrong = {f: _covered(entries, base, f) for f in files}
    assert {f: d for f, d in wrong.items() if d != [f"{{app}}/{f}"]} == {}
    for needed in build.required_files(windows=True):
        assert _covered(entries, base, needed) == [f"{{app}}/{needed}"], needed
    assert not [e for e in entries if e.section == "files"
                and not e.get("Source").lower().startswith("dist\\nezarat\\")]


def test_inno_setup_script_is_persian_with_shortcuts_and_keeps_the_data(iss):
    """The setup is Persian, has AppId and shortcuts, and its uninstall keeps the data dir."""
    setup, entries, defines = iss
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, or Inno reads the Persian as ANSI
    text = raw.decode("utf-8-sig")

    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["appid"])
    assert setup["appname"].startswith("نظارت")
    assert setup["privilegesrequired"] == "lowest"  # a secretary can install it

    languages = [e for e in entries if e.section == "languages"]
    assert [e.get("Name") for e in languages] == ["farsi"]
    assert re.search(r'^Name: "farsi"; MessagesFile: "\{#FarsiIsl\}"\s*$', text, re.MULTILINE)
    for place in ('compiler:Languages\\Farsi.isl"', 'compiler:Languages\\Unofficial\\Farsi.isl"',
                  'windows\\Farsi.isl"'):
        assert place in text
    assert "#error" in text  # a missing Farsi.isl stops the build instead of going English
    assert (ROOT / "installer" / "windows" / "get-farsi-isl.ps1").is_file()
    custom = {e.get("name"): e.get("value") for e in entries if e.section == "custommessages"}
    assert re.search("[\u0600-\u06ff]", custom["farsi.DataKept"])

    icons = [e for e in entries if e.section == "icons"]
    targets = {e.get("Name").split("\\")[0]: e for e in icons}
    assert "{group}" in targets and "{autodesktop}" in targets
    assert targets["{autodesktop}"].get("Tasks") == "desktopicon"
    exe = defines["AppExe"]
    assert exe == "nezarat.exe" and "nezarat.exe" in build.required_files(windows=True)
    assert all(e.get("Filename") in (f"{{app}}\\{exe}", "{uninstallexe}") for e in icons)
    assert any(e.get("Filename") == "{uninstallexe}" for e in icons)
    assert [e.get("Name") for e in entries if e.section == "tasks"] == ["desktopicon"]

    data_dir = defines["DataDir"]
    assert data_dir == "{localappdata}\\nezarat"
    dirs = [e for e in entries if e.section == "dirs"]
    assert any(e.get("Name") == data_dir and "uninsneveruninstall" in e.flags() for e in dirs)
    deletions = [e for e in entries if e.section in ("uninstalldelete", "installdelete")]
    assert deletions, "the uninstaller should clean its own folder"
    for entry in deletions:
        name = entry.get("Name")
        assert name == "{app}" or name.startswith("{app}\\"), name
        assert "nezarat" not in name.lower().replace("{app}", "")
    user_places = ("{localappdata}", "{userappdata}", "{commonappdata}", "{userdocs}")
    for entry in entries:
        if entry.section in ("files", "icons", "run", "uninstallrun", "uninstalldelete",
                             "installdelete"):
            assert not any(p in " ".join(entry.params.values()) for p in user_places), entry


def test_linux_desktop_entry_and_icons():
    """The .desktop entry is valid, Persian-named and points at the program and its icons."""
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
    validator = shutil.which("desktop-file-validate")
    if validator:
        proc = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr


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
