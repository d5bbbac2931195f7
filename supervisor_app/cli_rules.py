"""Eligibility rules tables from the command line: ``supervisor-app rules check|show``.

Registered by ``supervisor_app.cli`` (``add_rules_commands(sub)``). ``check FILE``
validates a rules file before it is dropped into the rules directory; ``show`` prints
the table this workstation would use for a cycle and which file it comes from. Neither
opens the store. Exit codes: 0 valid, 1 the table is malformed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .domain.eligibility import RulesTable
    from .paths import DataPaths

__all__ = ["add_rules_commands"]


def add_rules_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = sub.add_parser("rules", help="check and show eligibility rules tables")
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    p = actions.add_parser("check", help="validate a rules file and print its criteria")
    p.add_argument("file", type=Path, help="a rules table, e.g. 1409-8.json")
    p.add_argument("--cycle", help="the cycle it is for (default: the file's name)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_rules_check)

    p = actions.add_parser("show", help="the table this workstation uses for a cycle, and its file")
    p.add_argument(
        "--cycle", help="cycle code (default: cycle_code in settings.json, else the default)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_rules_show)


def cmd_rules_check(args: argparse.Namespace, paths: DataPaths) -> int:
    from .domain.errors import RulesTableError
    from .rules_files import load_rules_file

    path: Path = args.file
    if not path.is_file():
        print(f"error: {path} is not a file", file=sys.stderr)
        return 2
    try:
        table = load_rules_file(path, args.cycle)
    except RulesTableError as exc:
        return _invalid(exc, args.json)
    _print_table(table, path, args.json)
    return 0


def cmd_rules_show(args: argparse.Namespace, paths: DataPaths) -> int:
    from .domain.errors import RulesTableError
    from .rules_files import DEFAULT_TABLE, RulesLibrary
    from .settings import Settings

    settings = Settings.load(paths.settings_file)
    cycle = args.cycle or settings.cycle_code or _store_cycle(paths) or DEFAULT_TABLE
    library = RulesLibrary.from_setting(settings.rules_dir, paths.root)
    try:
        path = library.path_for(cycle)
        table = library.for_cycle(cycle)
    except RulesTableError as exc:
        return _invalid(exc, args.json)
    _print_table(table, path, args.json)
    return 0


def _store_cycle(paths: DataPaths) -> str:
    """The cycle the window reviews when none is set: the store's latest (as the window)."""
    if not paths.database.exists():
        return ""
    from .store import open_store

    store = open_store(paths.database)
    try:
        with store.unit_of_work(read_only=True) as uow:
            latest = uow.cycles.latest()
        return latest.code if latest is not None else ""
    finally:
        store.close()


def _invalid(exc: Any, as_json: bool) -> int:
    if as_json:
        print(
            json.dumps(
                {"valid": False, "error": str(exc), "error_fa": exc.message_fa},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"invalid: {exc}", file=sys.stderr)
        print(exc.message_fa, file=sys.stderr)
    return 1


def _print_table(table: RulesTable, path: Path, as_json: bool) -> None:
    from .domain.eligibility import legal_basis_text

    if as_json:
        print(
            json.dumps(
                {
                    "valid": True,
                    "file": str(path),
                    "cycle": table.cycle_code,
                    "version": table.version,
                    "criteria": [
                        {
                            "code": r.code,
                            "check": r.check,
                            "mode": r.mode.value,
                            "article": r.basis.article,
                            "clause": r.basis.clause,
                            "title": dict(r.titles),
                            "params": dict(r.params),
                        }
                        for r in table.rules
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print(f"file:    {path}")
    print(f"cycle:   {table.cycle_code}")
    print(f"version: {table.version}")
    print(f"criteria ({len(table.rules)}):")
    width = max(len(r.code) for r in table.rules)
    for r in table.rules:
        params = ", ".join(f"{k}={_param(v)}" for k, v in r.params.items())
        basis = legal_basis_text(r.basis, "en")
        print(f"  {r.code:<{width}}  {r.mode.value:<9}  {basis:<12}  {r.title('en')}")
        print(f"  {'':<{width}}  {'':<9}  {legal_basis_text(r.basis, 'fa'):<12}  {r.title('fa')}")
        if params:
            print(f"  {'':<{width}}  {'':<9}  {'':<12}  [{params}]")
    print("valid")


def _param(value: Any) -> str:
    if isinstance(value, list):
        return f"{len(value)} items"
    return json.dumps(value, ensure_ascii=False)
