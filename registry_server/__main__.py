"""``registry-server``: create the schema, optionally seed demo data, then serve.

    registry-server --database sqlite:///registry.sqlite3 --host 127.0.0.1 --port 8700 \\
        --seed-demo 5000 --seed 1404
    registry-server --database URL trust set --ca ca-cert.pem   # install the central CA
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from datetime import timedelta

from .db import create_schema, make_engine
from .seed import DEMO_PASSWORD, SeedError, member_passphrase, seed_demo
from .service import RULING_SESSION_WINDOW, Registry, Settings
from .trust_cli import add_trust_commands, run_trust

log = logging.getLogger("registry_server")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="registry-server",
        description="Nezarat reference registration system and sync server (API: /api/v1).",
    )
    parser.add_argument("--database", default="sqlite:///registry.sqlite3",
                        help="SQLAlchemy URL: sqlite:///FILE (default registry.sqlite3) or "
                        "postgresql+psycopg://USER@HOST:PORT/DB")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--seed-demo", type=int, metavar="N", default=None,
                        help="load N demo dossiers, demo accounts and a demo CA into an "
                        "empty database before serving")
    parser.add_argument("--seed", type=int, default=1404, help="demo data seed (default 1404)")
    parser.add_argument("--no-demo-pki", action="store_true",
                        help="with --seed-demo: skip the demo CA and member keys")
    parser.add_argument("--token-ttl-hours", type=float, default=12.0)
    parser.add_argument("--min-app-version", default="0.1.0")
    parser.add_argument("--ruling-window-days", type=float,
                        default=RULING_SESSION_WINDOW / timedelta(days=1),
                        help="accept a sealed ruling up to this many days after its session "
                        "(default %(default)g)")
    parser.add_argument("--seed-only", action="store_true",
                        help="create and seed the database, then exit without serving")
    parser.add_argument("--log-level", default="info")
    add_trust_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = make_engine(args.database)
    create_schema(engine)
    if args.command == "trust":  # an operator command: never serves
        return run_trust(args, engine)
    if args.seed_demo is not None:
        started = time.perf_counter()
        try:
            demo = seed_demo(engine, args.seed_demo, args.seed, with_pki=not args.no_demo_pki)
        except SeedError as exc:
            print(f"registry-server: {exc}", file=sys.stderr)
            return 2
        print(f"seeded {args.seed_demo} demo dossiers (seed {args.seed}) in "
              f"{time.perf_counter() - started:.1f} s")
        print(f"demo accounts (password {DEMO_PASSWORD!r}):")
        for a in demo:
            extra = f" observer {a.observer_id}" if a.observer_id else ""
            print(f"  {a.username:16} {a.role:10} board {a.board_id}{extra}")
        if not args.no_demo_pki:
            print("demo member keys: GET /api/v1/demo/member-keys "
                  f"(passphrase {member_passphrase('<member_id>')!r})")
        sys.stdout.flush()
    if args.seed_only:
        return 0
    settings = Settings(token_ttl=timedelta(hours=args.token_ttl_hours),
                        min_app_version=args.min_app_version,
                        ruling_session_window=timedelta(days=args.ruling_window_days))
    import uvicorn

    from .app import create_app

    app = create_app(Registry(engine, settings))
    print(f"serving http://{args.host}:{args.port}/api/v1 (database {engine.url!r})",
          flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level.lower(),
                access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
