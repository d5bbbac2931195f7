"""Build the one-folder bundle of Nezarat into ``dist/nezarat/`` (the one documented command).

    .venv/bin/python installer/build.py              # Linux (Windows: .venv\\Scripts\\python)
    .venv/bin/python installer/build.py --clean      # also drop PyInstaller's cache first
    .venv\\Scripts\\python installer\\build.py --installer   # Windows: then run Inno Setup

It needs the ``build`` extra (PyInstaller) in the venv. Steps: check that the compiled
translations exist, run ``installer/nezarat.spec``, add the Linux desktop entry and
installer script (Linux), check that every file the program needs is in the bundle,
print the bundle's size and the build time, and check that ``installer/nezarat.iss``
names every file of the bundle (``installer/iss.py``). With ``--installer`` (Windows),
that check must pass, then Inno Setup's ``ISCC.exe`` compiles ``installer/nezarat.iss``
into ``dist/installer/``.
Exit code 0 only when the bundle is complete.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "nezarat.spec"
ISS = HERE / "nezarat.iss"
DIST = ROOT / "dist"
BUNDLE = DIST / "nezarat"
WORK = ROOT / "build" / "pyinstaller"  # build/ is git-ignored
INTERNAL = "_internal"  # PyInstaller 6's contents directory (sys._MEIPASS)
WINDOWS = sys.platform == "win32"
EXECUTABLE = "nezarat.exe" if WINDOWS else "nezarat"
LINUX_EXTRAS = ("nezarat.desktop", "install.sh")  # copied beside the executable


def required_files(root: Path = ROOT, *, windows: bool = WINDOWS) -> list[str]:
    """Paths (relative to the bundle, with ``/``) the program cannot run without."""
    internal = INTERNAL
    needed = [
        "nezarat.exe" if windows else "nezarat",
        f"{internal}/fonts/NotoSansArabic[wdth,wght].ttf",
        f"{internal}/fonts/LICENSE",
        f"{internal}/i18n/fa/nezarat_fa.qm",
        f"{internal}/i18n/fa/qtbase_fa.qm",
        f"{internal}/PyQt6/Qt6/translations/qtbase_fa.qm",
        f"{internal}/resources/styles/main.qss",
        f"{internal}/resources/icons/nezarat.svg",
        f"{internal}/resources/icons/nezarat-256.png",
        f"{internal}/supervisor_app/store/migrations/env.py",
    ]
    versions = root / "supervisor_app" / "store" / "migrations" / "versions"
    needed += [
        f"{internal}/supervisor_app/store/migrations/versions/{p.name}"
        for p in sorted(versions.glob("*.py"))
    ]
    if windows:
        needed += [f"{internal}/PyQt6/Qt6/plugins/platforms/qwindows.dll"]
    else:
        needed += [
            f"{internal}/PyQt6/Qt6/plugins/platforms/libqxcb.so",
            f"{internal}/PyQt6/Qt6/plugins/platforms/libqoffscreen.so",
            *LINUX_EXTRAS,
        ]
    return needed


def missing_files(bundle: Path = BUNDLE, *, windows: bool = WINDOWS) -> list[str]:
    return [name for name in required_files(windows=windows) if not (bundle / name).is_file()]


def bundle_files(bundle: Path = BUNDLE) -> list[str]:
    """Every file in the bundle (symbolic links too), relative, with ``/``, sorted."""
    return sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())


def load_iss() -> ModuleType:
    """installer/iss.py (the Inno Setup script reader), importable from a test too."""
    name = "nezarat_iss"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "iss.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while decorating
        spec.loader.exec_module(module)
    return sys.modules[name]


def installer_script_problems(bundle: Path = BUNDLE, *, windows: bool = WINDOWS) -> list[str]:
    """What nezarat.iss's [Files] gets wrong about ``bundle``: files it leaves out or
    installs twice, Sources that match nothing. A Linux bundle is read through the
    Windows names' Linux stand-ins, without the Linux-only desktop entry and install.sh."""
    iss = load_iss()
    script = iss.parse(ISS)
    ignore = () if windows else LINUX_EXTRAS
    return iss.bundle_coverage(script, bundle, linux=not windows, ignore=ignore).problems()


def bundle_size(bundle: Path = BUNDLE) -> int:
    """Bytes on disk; PyInstaller links duplicate Qt libraries, so links count once."""
    return sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def _check_sources() -> None:
    qm = ROOT / "i18n" / "fa" / "nezarat_fa.qm"
    if not qm.is_file():
        raise SystemExit(f"{qm} is missing: run python i18n/build.py first")
    try:
        import PyInstaller  # noqa: F401
    except ModuleNotFoundError:
        raise SystemExit(
            "PyInstaller is not installed in this Python: pip install -e '.[build]'"
        ) from None


def run_pyinstaller(*, clean: bool) -> None:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    # A checkout's own data directory must never leak into the build (nor its tests).
    env = {k: v for k, v in os.environ.items() if k != "SUPERVISOR_DATA_DIR"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")  # the spec imports PyQt6 for its paths
    subprocess.run(command, check=True, cwd=ROOT, env=env)


def add_linux_extras() -> None:
    for name in LINUX_EXTRAS:
        target = BUNDLE / name
        shutil.copy2(HERE / "linux" / name, target)
    (BUNDLE / "install.sh").chmod(0o755)


def build_installer() -> Path:
    """Windows only: compile the Inno Setup script (ISCC.exe on PATH or in its usual place)."""
    import supervisor_app

    candidates = [shutil.which("iscc"), shutil.which("ISCC")]
    for env in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(env)
        if base:
            candidates += [str(Path(base) / "Inno Setup 6" / "ISCC.exe"),
                           str(Path(base) / "Programs" / "Inno Setup 6" / "ISCC.exe")]
    iscc = next((c for c in candidates if c and Path(c).is_file()), None)
    if iscc is None:
        raise SystemExit("Inno Setup 6 (ISCC.exe) was not found: install it from "
                         "https://jrsoftware.org/isdl.php")
    subprocess.run([iscc, f"/DAppVersion={supervisor_app.__version__}",
                    str(HERE / "nezarat.iss")], check=True, cwd=ROOT)
    return DIST / "installer"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/nezarat/ (PyInstaller, one folder).")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    parser.add_argument("--installer", action="store_true",
                        help="Windows: then compile installer/nezarat.iss with Inno Setup")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    _check_sources()
    started = time.perf_counter()
    run_pyinstaller(clean=args.clean)
    if not WINDOWS:
        add_linux_extras()
    missing = missing_files()
    seconds = time.perf_counter() - started
    if missing:
        for name in missing:
            print(f"missing from the bundle: {name}", file=sys.stderr)
        return 1
    files = bundle_files()
    print(f"bundle: {BUNDLE} ({len(files)} files, {bundle_size() / 2**20:.0f} MiB) "
          f"built in {seconds:.0f} s")
    # The installer must name every file: on Windows a gap stops the installer build; on
    # Linux it is a warning (the bundle itself is fine; tests/installer fails on it).
    problems = installer_script_problems()
    for problem in problems:
        print(f"installer/nezarat.iss: {problem}", file=sys.stderr)
    if problems and args.installer:
        return 1
    if args.installer:
        if not WINDOWS:
            print("--installer: Inno Setup runs on Windows only", file=sys.stderr)
            return 2
        print(f"installer: {build_installer()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
