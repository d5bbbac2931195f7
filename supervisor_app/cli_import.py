"""Headless roster import: ``supervisor-app import branches|observers FILE``.

Registered by ``supervisor_app.cli`` (``add_import_commands(sub)``). Prints the preview
(counts and every row problem in English and Persian) and writes only when no row has a
problem. Exit codes as elsewhere: 0 done (or a clean dry run), 1 rows with problems
(nothing written), 2 a file that cannot be read at all or bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain.persian import to_persian_digits

if TYPE_CHECKING:
    from .app import AppContext
    from .paths import DataPaths
    from .services.roster_import import ImportPreview, ImportResult, RosterImportService

__all__ = ["add_import_commands"]


def add_import_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = sub.add_parser(
        "import", help="import the branch registry or the observer roster (.xlsx or .csv)"
    )
    kinds = importing.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    p = kinds.add_parser("branches", help="branches: code, constituency, address, box ids")
    p.add_argument("file", help="an Excel (.xlsx) or CSV file with a header row")
    _common(p)
    p.set_defaults(func=cmd_import_branches)

    p = kinds.add_parser(
        "observers", help="observers: name, national id, letter number, branch, head observer"
    )
    p.add_argument("file", help="an Excel (.xlsx) or CSV file with a header row")
    p.add_argument(
        "--branches",
        metavar="FILE",
        help="a branch file to import in the same transaction (its branches count as known)",
    )
    _common(p)
    p.set_defaults(func=cmd_import_observers)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def roster_service(context: AppContext) -> RosterImportService:
    """The context's import service, or one built over its store."""
    service = getattr(context.services, "roster_import", None)
    if service is not None:
        return service  # type: ignore[no-any-return]
    from .services.roster_import import RosterImportService

    return RosterImportService(context.store, actor=context.settings.username or "workstation")


def cmd_import_branches(args: argparse.Namespace, paths: DataPaths) -> int:
    return _run(args, paths, lambda service: service.preview_branches(Path(args.file)))


def cmd_import_observers(args: argparse.Namespace, paths: DataPaths) -> int:
    def preview(service: RosterImportService) -> ImportPreview:
        branches = service.preview_branches(Path(args.branches)) if args.branches else None
        return service.preview_observers(Path(args.file), branches=branches)

    return _run(args, paths, preview)


def _run(args: argparse.Namespace, paths: DataPaths, make_preview: Any) -> int:
    from .cli import _open, _print_error
    from .services.roster_import import ImportFileError, ImportRefused

    context = _open(paths)
    try:
        service = roster_service(context)
        try:
            preview = make_preview(service)
        except ImportFileError as exc:
            if args.json:
                print(
                    json.dumps(
                        {"error": {"message_en": str(exc), "message_fa": exc.message_fa}},
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            _print_error(str(exc), exc.message_fa)
            return 2
        result: ImportResult | None = None
        if preview.ok and not args.dry_run:
            try:
                result = service.apply(preview)
            except ImportRefused as exc:
                _print_error(str(exc), exc.message_fa)
                return 1
    finally:
        context.close()
    if args.json:
        print(json.dumps(_as_json(preview, result), ensure_ascii=False, indent=2))
    else:
        _print_preview(preview, result, dry_run=args.dry_run)
    return 0 if preview.ok else 1


def _preview_json(preview: ImportPreview) -> dict[str, Any]:
    return {
        "kind": preview.kind.value,
        "file": str(preview.path),
        "sha256": preview.sha256,
        "format": preview.format,
        "sheet": preview.sheet,
        "encoding": preview.encoding,
        "delimiter": preview.delimiter,
        "header_row": preview.header.row_number,
        "columns": dict(preview.columns),
        "ignored_columns": list(preview.header.ignored),
        "counts": preview.counts,
        "errors": [
            {
                "row": e.row_number,
                "column": e.column,
                "message_en": e.message_en,
                "message_fa": e.message_fa,
            }
            for e in preview.errors
        ],
    }


def _result_json(result: ImportResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "new": result.new,
        "changed": result.changed,
        "unchanged": result.unchanged,
        "queued": result.queued,
    }


def _as_json(preview: ImportPreview, result: ImportResult | None) -> dict[str, Any]:
    data = _preview_json(preview)
    data["applied"] = result is not None
    data["result"] = _result_json(result)
    if preview.branches is not None:
        data["branches"] = _preview_json(preview.branches)
        data["branches"]["result"] = _result_json(result.branches if result else None)
    return data


def _print_one(preview: ImportPreview) -> None:
    where = (
        f"sheet «{preview.sheet}»"
        if preview.sheet
        else (f"{preview.encoding}, delimiter {preview.delimiter!r}")
    )
    c = preview.counts
    print(
        f"{preview.kind.value}: {preview.path} ({preview.format}, {where}; header on row "
        f"{preview.header.row_number}) sha256 {preview.sha256}"
    )
    if preview.header.ignored:
        print("ignored columns / ستون‌های نادیده‌گرفته: " + "، ".join(preview.header.ignored))
    print(
        f"rows {c['rows']}: new {c['new']}, changed {c['changed']}, "
        f"unchanged {c['unchanged']}, with problems {c['invalid']}"
    )
    fa = {k: to_persian_digits(v) for k, v in c.items()}
    print(
        f"ردیف‌ها: {fa['rows']} — تازه: {fa['new']}، تغییرکرده: {fa['changed']}، "
        f"بی‌تغییر: {fa['unchanged']}، دارای خطا: {fa['invalid']}"
    )
    for e in preview.errors:
        column = f", «{e.column}»" if e.column else ""
        column_fa = f"، «{e.column}»" if e.column else ""
        print(f"row {e.row_number}{column}: {e.message_en}", file=sys.stderr)
        print(
            f"  ردیف {to_persian_digits(e.row_number)}{column_fa}: {e.message_fa}", file=sys.stderr
        )


def _print_preview(preview: ImportPreview, result: ImportResult | None, *, dry_run: bool) -> None:
    if preview.branches is not None:
        _print_one(preview.branches)
    _print_one(preview)
    if not preview.ok:
        n = len(preview.all_errors)
        print(
            f"{n} problem(s): nothing was written; correct the file and run again", file=sys.stderr
        )
        print(
            f"{to_persian_digits(n)} خطا: هیچ چیز وارد نشد؛ فایل را اصلاح و دوباره اجرا کنید.",
            file=sys.stderr,
        )
    elif dry_run:
        print("dry run: nothing was written")
        print("اجرای آزمایشی: هیچ چیز وارد نشد.")
    elif result is not None:
        for r in (result.branches, result):
            if r is None:
                continue
            print(
                f"imported {r.file_name}: {r.new} new, {r.changed} changed, {r.unchanged} unchanged"
            )
            print(
                f"«{r.file_name}» وارد شد: {to_persian_digits(r.new)} تازه، "
                f"{to_persian_digits(r.changed)} تغییرکرده، "
                f"{to_persian_digits(r.unchanged)} بی‌تغییر."
            )
        queued = result.queued + (result.branches.queued if result.branches else 0)
        if queued:
            print(f"{queued} record(s) queued for the registry server (sent at the next sync)")
            print(
                f"{to_persian_digits(queued)} رکورد برای ارسال به سرور در صف است "
                "(در همگام‌سازی بعدی فرستاده می‌شود)."
            )
