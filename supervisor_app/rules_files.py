"""Eligibility rules tables as files: one JSON file per election cycle, plus a default.

The app ships ``resources/rules/<cycle code>.json`` and ``resources/rules/default.json``.
A deployment adds or replaces a cycle's table without a new build by dropping
``<cycle code>.json`` into the directory named by ``rules_dir`` in ``settings.json``.
Looking up cycle C takes the first file that exists of: ``<rules_dir>/C.json``, the
bundled ``C.json``, ``<rules_dir>/default.json``, the bundled ``default.json``.

A file is UTF-8 JSON and is validated strictly (``domain/rules_schema.py``): a broken
file stops the review with a message naming the file, the rule and the field, in English
and Persian; it is never skipped silently in favour of another table, because that would
change verdicts without anyone noticing. Stored check results carry the table's
``version``: bump it whenever a file's content changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Final

from .domain.eligibility import RulesTable
from .domain.errors import RulesTableError
from .paths import resources_dir

__all__ = [
    "DEFAULT_TABLE",
    "RulesLibrary",
    "bundled_rules_dir",
    "load_rules_file",
    "parse_rules",
]

DEFAULT_TABLE: Final = "default"
SUFFIX: Final = ".json"
# A cycle code becomes a file name only if it cannot leave the directory.
_SAFE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")


def bundled_rules_dir() -> Path:
    return resources_dir() / "rules"


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of repeated keys: '"minimum_age": 25, "minimum_age": 18' would
    # silently mean 18. A rules file that says two things under one name is refused.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RepeatedKey(key)
        out[key] = value
    return out


def parse_rules(data: bytes, cycle_code: str, source: str = "") -> RulesTable:
    """A table from the bytes of a rules file; RulesTableError says what is wrong where."""
    try:
        text = data.decode("utf-8-sig")  # a BOM from Windows Notepad is harmless
    except UnicodeDecodeError as exc:
        raise RulesTableError(
            f"is not UTF-8 text (byte {exc.start}); save it as UTF-8",
            f"متن UTF-8 نیست (بایت {exc.start})؛ آن را با کدگذاری UTF-8 ذخیره کنید",
            source,
        ) from None
    try:
        parsed = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except _RepeatedKey as exc:
        raise RulesTableError(
            f'names "{exc.key}" twice in one object; keep one of them',
            f"کلید «{exc.key}» در یک شیء دو بار آمده است؛ یکی از آن دو را نگه دارید",
            source,
        ) from None
    except json.JSONDecodeError as exc:
        raise RulesTableError(
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            f"JSON معتبر نیست: {exc.msg} در سطر {exc.lineno}، ستون {exc.colno}",
            source,
        ) from None
    try:
        return RulesTable.from_data(cycle_code, parsed)
    except RulesTableError as exc:
        raise exc.in_file(source) from None


def load_rules_file(path: Path, cycle_code: str | None = None) -> RulesTable:
    """Read and validate one file; the cycle code defaults to the file's name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulesTableError(
            f"cannot be read ({exc.strerror or exc})",
            f"خوانده نمی‌شود ({exc.strerror or exc})",
            str(path),
        ) from None
    return parse_rules(data, cycle_code or path.stem, str(path))


class RulesLibrary:
    """Finds and loads the rules table of a cycle (see the module docstring)."""

    def __init__(self, rules_dir: Path | None = None, bundled: Path | None = None) -> None:
        self.rules_dir = rules_dir
        self.bundled = bundled if bundled is not None else bundled_rules_dir()

    @classmethod
    def from_setting(cls, rules_dir: str, base: Path | None = None) -> RulesLibrary:
        """The library for the ``rules_dir`` setting (empty: the bundled tables only); a
        relative folder is relative to ``base`` (the data directory), never to wherever
        the program happened to be started from."""
        if not rules_dir.strip():
            return cls(None)
        folder = Path(rules_dir).expanduser()
        if not folder.is_absolute() and base is not None:
            folder = base / folder
        return cls(folder)

    def _folders(self) -> list[Path]:
        if self.rules_dir is not None and not self.rules_dir.is_dir():
            raise RulesTableError(
                "the rules directory set in settings.json (rules_dir) does not exist",
                "پوشه قواعدی که در settings.json (rules_dir) تعیین شده وجود ندارد",
                str(self.rules_dir),
            )
        return [f for f in (self.rules_dir, self.bundled) if f is not None]

    def path_for(self, cycle_code: str) -> Path:
        """The file that holds ``cycle_code``'s table (its own, else the default)."""
        folders = self._folders()
        names = [DEFAULT_TABLE]
        if cycle_code and _SAFE_CODE.match(cycle_code) and cycle_code != DEFAULT_TABLE:
            names.insert(0, cycle_code)
        for name in names:
            for folder in folders:
                candidate = folder / f"{name}{SUFFIX}"
                if candidate.is_file():
                    return candidate
        raise RulesTableError(
            "no rules table found, not even default.json; reinstall the application",
            "هیچ جدول قواعدی، حتی default.json، پیدا نشد؛ برنامه را دوباره نصب کنید",
            " | ".join(str(f) for f in folders),
        )

    def for_cycle(self, cycle_code: str) -> RulesTable:
        """The validated table of ``cycle_code`` (named after the cycle, whichever file)."""
        path = self.path_for(cycle_code)
        table = load_rules_file(path, cycle_code)
        self._check_version_changed(path, table)
        return table

    def _check_version_changed(self, path: Path, table: RulesTable) -> None:
        """A deployment's copy of a bundled file, edited without a new version, would leave
        stored check results computed by the old rules: refuse it."""
        shipped = self.bundled / path.name
        if path.parent == self.bundled or not shipped.is_file():
            return
        original = load_rules_file(shipped, table.cycle_code)
        if original.version == table.version and original != table:
            raise RulesTableError(
                f'differs from the bundled {path.name} but keeps its version "{table.version}";'
                " give it a new version so that stored check results are recomputed",
                f"با {path.name} همراه برنامه فرق دارد ولی همان نسخه «{table.version}» را دارد؛"
                " به آن نسخه تازه‌ای بدهید تا نتیجه‌های ذخیره‌شده بررسی‌ها از نو حساب شوند",
                str(path),
            )

    def cycles(self) -> dict[str, Path]:
        """Every table available, by name: deployment files shadow bundled ones."""
        found: dict[str, Path] = {}
        for folder in reversed(self._folders()):
            for path in sorted(folder.glob(f"*{SUFFIX}")):
                found[path.stem] = path
        return dict(sorted(found.items()))
