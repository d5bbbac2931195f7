"""installer/iss.py: the reader of the Inno Setup script that build.py and the bundle test
use to check [Files] against a bundle (Inno's wildcard, recursion and Excludes rules)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_iss() -> Any:
    name = "nezarat_iss"  # the name build.load_iss() registers too
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "installer" / "iss.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


iss = _load_iss()


def _entry(source: str, dest: str, flags: str = "ignoreversion", excludes: str = "") -> Any:
    line = f'Source: "{source}"; DestDir: "{dest}"; Flags: {flags}'
    if excludes:
        line += f'; Excludes: "{excludes}"'
    params = {
        m.group(1).lower(): m.group(2) or m.group(3).strip() for m in iss._PARAM.finditer(line)
    }
    return iss.FileEntry.of(iss.Entry("files", params))


def test_wildcards_are_windows_ones_without_case_or_character_classes():
    """``*`` and ``?`` only; brackets are plain characters; case does not matter."""
    assert iss.wildcard_match("NotoSansArabic[wdth,wght].ttf", "NotoSansArabic[wdth,wght].ttf")
    assert not iss.wildcard_match("NotoSansArabicw.ttf", "NotoSansArabic[wdth,wght].ttf")
    assert iss.wildcard_match("Qt6Core.DLL", "*.dll")
    assert iss.wildcard_match("qt_fa.qm", "*_fa.qm") and not iss.wildcard_match(
        "qt_en.qm", "*_fa.qm"
    )
    assert iss.wildcard_match("a.b", "?.?") and not iss.wildcard_match("ab.b", "?.?")


def test_recursion_and_destination_follow_the_source_folder():
    """Without recursesubdirs only the folder's own files; with it, sub-folders are kept."""
    flat = _entry(r"dist\nezarat\_internal\*.pyd", r"{app}\_internal")
    deep = _entry(
        r"dist\nezarat\_internal\PIL\*", r"{app}\_internal\PIL", "ignoreversion recursesubdirs"
    )
    assert flat.installs("dist/nezarat/_internal/_ssl.pyd") == "{app}/_internal/_ssl.pyd"
    assert flat.installs("dist/nezarat/_internal/PIL/_imaging.pyd") is None
    assert flat.installs("dist/nezarat/_ssl.pyd") is None
    assert deep.installs("dist/nezarat/_internal/pil/sub/x.txt") == "{app}/_internal/PIL/sub/x.txt"
    assert deep.installs("dist/nezarat/_internal/PILLOW/x.txt") is None


def test_excludes_match_at_the_front_with_a_backslash_else_at_the_end():
    """Inno's documented examples: "\\foo" only at the base, "foo\\bar" anywhere,
    "\\foo\\bar" only at the base; a pattern ending in \\* drops a whole folder."""
    base = r"dist\src\*"

    def kept(excludes: str, path: str) -> bool:
        entry = _entry(base, "{app}", "recursesubdirs", excludes)
        return entry.installs(f"dist/src/{path}") is not None

    assert not kept(r"\foo", "foo") and kept(r"\foo", "sub/foo")
    assert not kept("foo", "foo") and not kept("foo", "sub/foo")
    assert not kept(r"foo\bar", "foo/bar") and not kept(r"foo\bar", "sub/foo/bar")
    assert not kept(r"\foo\bar", "foo/bar") and kept(r"\foo\bar", "sub/foo/bar")
    assert not kept(r"\Qt6\plugins\*", "Qt6/plugins/platforms/qwindows.dll")
    assert kept(r"\Qt6\plugins\*", "Qt6/bin/Qt6Core.dll")
    assert not kept("python3*.dll", "python311.dll") and kept("python3*.dll", "libssl-3.dll")
    assert not kept(r"a.txt, \b\*", "b/c.txt")  # a list, spaces allowed after the commas


def test_coverage_names_every_kind_of_gap():
    """Files left out, installed twice or elsewhere, and Sources that match nothing."""
    entries = [
        _entry(r"dist\nezarat\app.exe", "{app}"),
        _entry(r"dist\nezarat\_internal\*", r"{app}\_internal", "recursesubdirs"),
        _entry(r"dist\nezarat\_internal\fonts\*", r"{app}\_internal\fonts"),
        _entry(r"dist\nezarat\_internal\i18n\*", r"{app}\lang"),
        _entry(r"dist\nezarat\nothing\*", r"{app}\nothing"),
        _entry(r"dist\nezarat\maybe\*", r"{app}\maybe", "skipifsourcedoesntexist"),
    ]
    files = ["app.exe", "readme.txt", "_internal/fonts/a.ttf", "_internal/x.pyd"]
    result = iss.coverage(entries, [*files, "_internal/i18n/fa.qm"])
    assert result.not_installed == ["readme.txt"]
    assert list(result.installed_twice) == ["_internal/fonts/a.ttf", "_internal/i18n/fa.qm"]
    assert result.misplaced == {}
    assert result.unmatched_sources == [r"dist\nezarat\nothing\*"]
    strict = iss.coverage(entries, files, optional_sources=False)
    assert r"dist\nezarat\maybe\*" in strict.unmatched_sources
    elsewhere = iss.coverage(entries[3:4], ["_internal/i18n/fa.qm"])
    assert elsewhere.misplaced == {"_internal/i18n/fa.qm": "{app}/lang/fa.qm"}
    assert not result.ok and iss.coverage(entries[:1], ["app.exe"]).ok


def test_stand_ins_replace_windows_sources_and_refuse_stale_ones():
    """A Windows Source is checked through its Linux stand-ins; an unknown key is an error."""
    entries = [_entry(r"dist\nezarat\_internal\*.pyd", r"{app}\_internal")]
    stand_ins = {
        r"dist\nezarat\_internal\*.pyd": (
            (r"dist\nezarat\_internal\*.so", r"{app}\_internal", ""),
            (r"dist\nezarat\_internal\py\dyn\*.so", r"{app}\_internal\py\dyn", "_bad*"),
        )
    }
    replaced = iss.with_stand_ins(entries, stand_ins)
    assert [e.source for e in replaced] == [
        r"dist\nezarat\_internal\*.so",
        r"dist\nezarat\_internal\py\dyn\*.so",
    ]
    result = iss.coverage(
        replaced, ["_internal/_cffi.so", "_internal/py/dyn/_ssl.so", "_internal/py/dyn/_bad.so"]
    )
    assert result.not_installed == ["_internal/py/dyn/_bad.so"]
    with pytest.raises(KeyError, match="does not have"):
        iss.with_stand_ins(entries, {r"dist\nezarat\gone.dll": ()})


def test_the_script_installs_a_windows_layout_bundle_and_reports_a_new_folder():
    """The real [Files] installs the names PyInstaller uses on Windows, each once at its
    place, and a package folder it does not name is reported (build.py --installer stops)."""
    script = iss.parse(ROOT / "installer" / "nezarat.iss")
    windows = [
        "nezarat.exe",
        "_internal/base_library.zip",
        "_internal/python311.dll",
        "_internal/python3.dll",
        "_internal/VCRUNTIME140.dll",
        "_internal/libcrypto-3.dll",
        "_internal/sqlite3.dll",
        "_internal/_ssl.pyd",
        "_internal/_cffi_backend.cp311-win_amd64.pyd",
        "_internal/PyQt6/QtCore.pyd",
        "_internal/PyQt6/sip.cp311-win_amd64.pyd",
        "_internal/PyQt6/Qt6/bin/Qt6Core.dll",
        "_internal/PyQt6/Qt6/plugins/platforms/qwindows.dll",
        "_internal/PyQt6/Qt6/plugins/styles/qmodernwindowsstyle.dll",
        "_internal/PyQt6/Qt6/plugins/imageformats/qsvg.dll",
        "_internal/PyQt6/Qt6/translations/qtbase_fa.qm",
        "_internal/PyQt6/Qt6/translations/qt_en.qm",
        "_internal/i18n/fa/nezarat_fa.qm",
        "_internal/i18n/fa/qtbase_fa.qm",
        "_internal/fonts/NotoSansArabic[wdth,wght].ttf",
        "_internal/fonts/LICENSE",
        "_internal/resources/styles/main.qss",
        "_internal/supervisor_app/store/migrations/env.py",
        "_internal/supervisor_app/store/migrations/versions/0001_initial.py",
        "_internal/tzdata/zoneinfo/Asia/Tehran",
        "_internal/cryptography/hazmat/bindings/_rust.pyd",
        "_internal/PIL/_imaging.cp311-win_amd64.pyd",
    ]
    result = iss.coverage(script.files(), windows)
    assert (result.not_installed, result.installed_twice, result.misplaced) == ([], {}, {})
    grown = iss.coverage(script.files(), [*windows, "_internal/newlib/_speedups.pyd"])
    assert grown.not_installed == ["_internal/newlib/_speedups.pyd"]
    assert "[Files] does not install: _internal/newlib/_speedups.pyd" in grown.problems()
