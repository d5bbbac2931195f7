"""Read ``installer/nezarat.iss`` and check its [Files] section against a built bundle.

Used by ``tests/installer/test_bundle.py`` (against the Linux bundle, through
``LINUX_STAND_INS``) and by ``build.py`` (against the bundle it just built: on Windows
before Inno Setup compiles the installer, so a file the script does not name stops the
build instead of being left out of the setup).

Only what nezarat.iss uses is understood: ``#define NAME "value"`` (expanded where
``{#NAME}`` appears), [Setup] directives, [Messages]/[CustomMessages] lines and parameter
lines (``Name: "value"; Other: value``) of the other sections. [Code] and the other
preprocessor lines (#if, #error, ...) are skipped.

[Files] semantics, as Inno Setup documents them:

* ``Source`` is relative to ``SourceDir``; wildcards (``*``, ``?``) only in the file name,
  matched case-insensitively. With ``recursesubdirs`` the name pattern is matched in every
  sub-folder too and the sub-folder is kept under ``DestDir``.
* ``Excludes`` is a comma-separated list. A pattern with N backslashes is matched against
  N+1 components of the path below the Source folder: the first ones when the pattern
  starts with a backslash, else the last ones. So ``\\Qt6\\translations\\*`` drops that
  folder of the tree and ``python3*.dll`` drops such a file anywhere.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

_PARAM = re.compile(r'(\w+):\s*(?:"((?:[^"]|"")*)"|([^;]*))')
_DEFINE = re.compile(r'^\s*#\s*define\s+(\w+)\s+"([^"]*)"', re.MULTILINE)
_HEADER = re.compile(r"\[(\w+)\]")
_KEY_VALUE_SECTIONS = ("setup", "messages", "custommessages", "langoptions")

# PyInstaller lays native code out differently per platform, so a few Windows Sources have
# no file of that name in the Linux bundle. These are the Linux files that play the same
# part (same folder, same role), so the Linux bundle can stand in for the Windows one:
# - the program is nezarat.exe on Windows and nezarat on Linux;
# - the Python runtime is python3XY.dll / libpython3.X.so.1.0 at the top of _internal;
# - the other native libraries at the top of _internal are DLLs on Windows (C runtime,
#   OpenSSL, SQLite, libffi) and lib*.so* on Linux (the same roles plus the system and X11
#   libraries PyInstaller copies from the build machine, and links to Qt's and Pillow's);
# - compiled Python modules are *.pyd at the top of _internal on Windows; on Linux they are
#   *.so there and, for the standard library, in python3.X/lib-dynload/ (PyInstaller 6
#   keeps CPython's POSIX layout).
# Everything else (packages, Qt plugins and translations, data) has the same paths on both.
_PY = f"python{sys.version_info.major}.{sys.version_info.minor}"
LINUX_STAND_INS: dict[str, tuple[tuple[str, str, str], ...]] = {
    # Windows Source: ((Linux Source, DestDir, Excludes), ...)
    r"dist\nezarat\nezarat.exe": ((r"dist\nezarat\nezarat", "{app}", ""),),
    r"dist\nezarat\_internal\python3*.dll": (
        (r"dist\nezarat\_internal\libpython3*.so*", r"{app}\_internal", ""),
    ),
    r"dist\nezarat\_internal\*.dll": (
        (r"dist\nezarat\_internal\lib*.so*", r"{app}\_internal", "libpython3*"),
    ),
    r"dist\nezarat\_internal\*.pyd": (
        (r"dist\nezarat\_internal\*.so", r"{app}\_internal", ""),
        (
            rf"dist\nezarat\_internal\{_PY}\lib-dynload\*.so",
            rf"{{app}}\_internal\{_PY}\lib-dynload",
            "",
        ),
    ),
}


def wildcard_match(name: str, pattern: str) -> bool:
    """Windows wildcard match: ``*`` any run, ``?`` one character, no case, nothing else
    special (``NotoSansArabic[wdth,wght].ttf`` is a plain name, not a character class)."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, name, re.IGNORECASE | re.DOTALL) is not None


@dataclass(frozen=True)
class Entry:
    """One line of a parameter section ([Files], [Icons], [Dirs], ...) or of a key=value
    section ([CustomMessages]: params ``name`` and ``value``)."""

    section: str
    params: dict[str, str]

    def get(self, key: str) -> str:
        return self.params.get(key.lower(), "")

    def flags(self) -> frozenset[str]:
        return frozenset(f.lower() for f in self.get("Flags").split())


@dataclass(frozen=True)
class FileEntry:
    """A [Files] line: where its files come from and where they go."""

    source: str  # as written (ISPP expanded), backslashes
    dest_dir: str
    flags: frozenset[str] = frozenset()
    excludes: tuple[str, ...] = ()
    line: str = field(default="", compare=False)

    @classmethod
    def of(cls, entry: Entry) -> FileEntry:
        excludes = tuple(p.strip() for p in entry.get("Excludes").split(",") if p.strip())
        return cls(
            entry.get("Source"),
            entry.get("DestDir"),
            entry.flags(),
            excludes,
            " ".join(f"{k}: {v}" for k, v in entry.params.items()),
        )

    @property
    def recursive(self) -> bool:
        return "recursesubdirs" in self.flags

    @property
    def folder(self) -> PurePosixPath:
        """The Source folder (relative to SourceDir) with ``/``."""
        return PurePosixPath(self.source.replace("\\", "/")).parent

    @property
    def pattern(self) -> str:
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]

    def excluded(self, relative: PurePosixPath) -> bool:
        """Whether ``relative`` (below the Source folder) matches one of the Excludes."""
        parts = relative.parts
        for raw in self.excludes:
            front = raw.startswith("\\")
            wanted = raw.lstrip("\\").split("\\")
            if len(parts) < len(wanted):
                continue
            window = parts[: len(wanted)] if front else parts[len(parts) - len(wanted) :]
            if wildcard_match("\\".join(window), "\\".join(wanted)):
                return True
        return False

    def installs(self, path: str) -> str | None:
        """Where this entry installs ``path`` (relative to SourceDir, with ``/``): the
        destination with ``/`` (``{app}/_internal/...``), or None when it does not."""
        candidate = PurePosixPath(path)
        folder = self.folder
        if len(candidate.parts) <= len(folder.parts) or not all(
            a.lower() == b.lower() for a, b in zip(candidate.parts, folder.parts, strict=False)
        ):
            return None
        relative = PurePosixPath(*candidate.parts[len(folder.parts) :])
        if len(relative.parts) > 1 and not self.recursive:
            return None
        if not wildcard_match(relative.name, self.pattern) or self.excluded(relative):
            return None
        dest = self.dest_dir.replace("\\", "/").rstrip("/")
        return f"{dest}/{relative.as_posix()}"


@dataclass(frozen=True)
class Script:
    path: Path
    setup: dict[str, str]
    entries: list[Entry]
    defines: dict[str, str]

    def section(self, name: str) -> list[Entry]:
        return [e for e in self.entries if e.section == name.lower()]

    def files(self) -> list[FileEntry]:
        return [FileEntry.of(e) for e in self.section("files")]

    def source_root(self) -> Path:
        """The folder Source paths start from: SourceDir, relative to the script's folder."""
        return Path(
            os.path.normpath(self.path.absolute().parent / self.setup.get("sourcedir", "."))
        )


def parse(path: Path) -> Script:
    """The script's [Setup] directives, its other entries and its plain ``#define``s."""
    text = path.read_text(encoding="utf-8-sig")
    defines = dict(_DEFINE.findall(text))

    def expand(value: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value)

    setup: dict[str, str] = {}
    entries: list[Entry] = []
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#", "//")):
            continue
        header = _HEADER.fullmatch(line)
        if header:
            section = header.group(1).lower()
            continue
        if section == "code":
            continue
        if section in _KEY_VALUE_SECTIONS:
            key, _, value = line.partition("=")
            if section == "setup":
                setup[key.strip().lower()] = expand(value.strip())
            else:
                entries.append(Entry(section, {"name": key.strip(), "value": value.strip()}))
            continue
        params = {
            m.group(1).lower(): expand(
                m.group(2).replace('""', '"') if m.group(2) is not None else m.group(3).strip()
            )
            for m in _PARAM.finditer(line)
        }
        entries.append(Entry(section, params))
    return Script(path, setup, entries, defines)


def with_stand_ins(
    entries: Iterable[FileEntry], stand_ins: Mapping[str, tuple[tuple[str, str, str], ...]]
) -> list[FileEntry]:
    """``entries`` with each Windows-only Source replaced by the Linux files that stand in
    for it (flags kept). Raises KeyError naming a stand-in whose Source is not in the
    script, so the table cannot silently go stale."""
    entries = list(entries)
    sources = {e.source.lower() for e in entries}
    stale = [s for s in stand_ins if s.lower() not in sources]
    if stale:
        raise KeyError(f"stand-ins for Sources the script does not have: {stale}")
    lowered = {k.lower(): v for k, v in stand_ins.items()}
    result: list[FileEntry] = []
    for entry in entries:
        for source, dest, excludes in lowered.get(entry.source.lower(), ()):
            result.append(
                replace(
                    entry,
                    source=source,
                    dest_dir=dest,
                    excludes=tuple(filter(None, excludes.split(","))),
                )
            )
        if entry.source.lower() not in lowered:
            result.append(entry)
    return result


@dataclass(frozen=True)
class Coverage:
    """How [Files] covers a bundle; empty lists mean the script installs it exactly."""

    unmatched_sources: list[str]  # entries that install no file of the bundle
    not_installed: list[str]  # bundle files no entry installs
    installed_twice: dict[str, list[str]]  # bundle file -> the destinations
    misplaced: dict[str, str]  # bundle file -> where it would go instead of its own place

    @property
    def ok(self) -> bool:
        return not (
            self.unmatched_sources or self.not_installed or self.installed_twice or self.misplaced
        )

    def problems(self) -> list[str]:
        lines = [
            f"no file of the bundle matches [Files] Source: {s}" for s in self.unmatched_sources
        ]
        lines += [f"[Files] does not install: {f}" for f in self.not_installed]
        lines += [
            f"[Files] installs {f} more than once: {d}" for f, d in self.installed_twice.items()
        ]
        lines += [f"[Files] installs {f} at {d}" for f, d in self.misplaced.items()]
        return lines


def coverage(
    entries: Iterable[FileEntry],
    files: Iterable[str],
    *,
    bundle_prefix: str = "dist/nezarat",
    dest_root: str = "{app}",
    optional_sources: bool = True,
) -> Coverage:
    """Check [Files] against ``files`` (paths relative to the bundle, with ``/``): every
    file is installed exactly once, at ``{app}/<its path>``, and every entry installs at
    least one file (entries with ``skipifsourcedoesntexist`` may match none when
    ``optional_sources``)."""
    entries = list(entries)
    used: set[int] = set()
    not_installed: list[str] = []
    twice: dict[str, list[str]] = {}
    misplaced: dict[str, str] = {}
    for name in files:
        found = []
        for index, entry in enumerate(entries):
            dest = entry.installs(f"{bundle_prefix}/{name}")
            if dest is not None:
                used.add(index)
                found.append(dest)
        if not found:
            not_installed.append(name)
        elif len(found) > 1:
            twice[name] = found
        elif found[0].lower() != f"{dest_root}/{name}".lower():
            misplaced[name] = found[0]
    unmatched = [
        e.source
        for i, e in enumerate(entries)
        if i not in used and not (optional_sources and "skipifsourcedoesntexist" in e.flags)
    ]
    return Coverage(unmatched, not_installed, twice, misplaced)


def bundle_coverage(
    script: Script,
    bundle: Path,
    *,
    linux: bool,
    ignore: Iterable[str] = (),
    optional_sources: bool = True,
) -> Coverage:
    """[Files] of ``script`` against the bundle folder ``bundle`` (Linux: through
    ``LINUX_STAND_INS``); ``ignore`` names bundle files that are not for Windows."""
    root = script.source_root()
    prefix = Path(os.path.normpath(bundle.absolute())).relative_to(root).as_posix()
    skip = set(ignore)
    files = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
    entries = script.files()
    if linux:
        entries = with_stand_ins(entries, LINUX_STAND_INS)
    return coverage(
        entries,
        [f for f in files if f not in skip],
        bundle_prefix=prefix,
        optional_sources=optional_sources,
    )
