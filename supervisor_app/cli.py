"""Headless commands over the same services the GUI uses.

Every command takes ``--data-dir`` (else ``SUPERVISOR_DATA_DIR``, else the platform's
user data directory). Exit codes: 0 success, 1 a check failed, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import time
from datetime import UTC, datetime

from . import __version__
from .app import AppContext, build_context
from .paths import DataPaths, resolve_data_dir

log = logging.getLogger("supervisor_app")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="supervisor-app",
        description="Nezarat (نظارت): desktop client of the election supervisory boards. "
        "Without a command it opens the window.",
    )
    parser.add_argument("--data-dir", help="workstation data directory (overrides "
                        "SUPERVISOR_DATA_DIR)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--quit-after-ms", type=int, default=None,
                     help="close the window after this long (smoke tests of a build)")
    gui.set_defaults(func=cmd_gui)

    demo = sub.add_parser("demo-data", help="build a store filled with deterministic demo data")
    demo.add_argument("--candidates", type=int, default=5000, help="number of dossiers")
    demo.add_argument("--seed", type=int, default=1404, help="random seed (same seed, same data)")
    demo.add_argument("--replace", action="store_true",
                      help="move an existing store aside (kept under backups/) and start anew")
    demo.set_defaults(func=cmd_demo_data)

    status = sub.add_parser("status", help="what this workstation holds")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(func=cmd_status)

    audit = sub.add_parser("audit-verify", help="check the hash chain of the audit log")
    audit.set_defaults(func=cmd_audit_verify)
    return parser


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    paths = resolve_data_dir(args.data_dir)
    func = getattr(args, "func", cmd_gui)
    try:
        return int(func(args, paths))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _open(paths: DataPaths) -> AppContext:
    from .store.database import StoreError

    try:
        return build_context(paths)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def cmd_gui(args: argparse.Namespace, paths: DataPaths) -> int:
    from .ui.run import display_available, run_gui

    ok, message = display_available()
    if not ok:
        print(message, file=sys.stderr)
        return 2
    context = _open(paths)
    try:
        return run_gui(context, quit_after_ms=getattr(args, "quit_after_ms", None))
    finally:
        context.close()


def cmd_demo_data(args: argparse.Namespace, paths: DataPaths) -> int:
    from .services.demo_data import generate_demo_dataset
    from .store.bulk import bulk_import

    if args.candidates < 0:
        print("error: --candidates must be zero or more", file=sys.stderr)
        return 2
    if paths.database.exists():
        if not args.replace:
            print(f"error: a store already exists at {paths.database}; "
                  "use --replace to move it aside and build a new demo store", file=sys.stderr)
            return 2
        _move_store_aside(paths)
    started = time.perf_counter()
    dataset = generate_demo_dataset(args.candidates, args.seed)
    generated = time.perf_counter()
    context = _open(paths)
    try:
        counts = bulk_import(context.store, dataset)
        context.services.audit.record(
            "cli", "demo_data.loaded", "store",
            {"candidates": args.candidates, "seed": args.seed},
        )
        context.settings.demo = True
        if dataset.cycles and not context.settings.cycle_code:
            context.settings.cycle_code = dataset.cycles[0].code
        context.settings.save(paths.settings_file)
    finally:
        context.close()
    done = time.perf_counter()
    size = paths.database.stat().st_size
    print(json.dumps({
        "database": str(paths.database),
        "counts": counts,
        "generate_seconds": round(generated - started, 2),
        "load_seconds": round(done - generated, 2),
        "total_seconds": round(done - started, 2),
        "database_bytes": size,
    }, ensure_ascii=False, indent=2))
    return 0


def _move_store_aside(paths: DataPaths) -> None:
    """Never delete a user's store: move the database and its WAL files into backups/."""
    paths.ensure()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("", "-wal", "-shm"):
        src = paths.database.with_name(paths.database.name + suffix)
        if src.exists():
            shutil.move(src, paths.backups / f"{src.name}.replaced-{stamp}")


def cmd_status(args: argparse.Namespace, paths: DataPaths) -> int:
    context = _open(paths)
    try:
        overview = context.services.overview.summary()
    finally:
        context.close()
    data = {
        "version": __version__,
        "data_dir": str(paths.root),
        "cycle": overview.cycle_title,
        "board": overview.board_name,
        "counts": overview.counts,
        "pending_outbox": overview.pending_outbox,
        "last_sync_at": overview.last_sync_at.isoformat() if overview.last_sync_at else None,
        "audit_events": overview.audit_events,
        "audit_intact": overview.audit_intact,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def cmd_audit_verify(args: argparse.Namespace, paths: DataPaths) -> int:
    context = _open(paths)
    try:
        broken = context.services.audit.verify()
        count = context.services.audit.count()
    finally:
        context.close()
    if broken is None:
        print(f"audit log intact: {count} events")
        return 0
    print(str(broken), file=sys.stderr)
    return 1


