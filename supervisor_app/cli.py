"""Headless commands over the same services the GUI uses.

Every command takes ``--data-dir`` (else ``SUPERVISOR_DATA_DIR``, else the platform's
user data directory). Exit codes: 0 success, 1 a check failed, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from logging.handlers import RotatingFileHandler
from typing import Any

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
    _add_signing_commands(sub)
    _add_sync_commands(sub)
    _add_backup_commands(sub)
    from .printing.cli import add_print_commands  # print ruling / candidate-list / rulings

    add_print_commands(sub)
    from .cli_reports import add_report_commands  # report add / list

    add_report_commands(sub)
    from .cli_import import add_import_commands  # import branches / observers (.xlsx, .csv)

    add_import_commands(sub)
    from .cli_rules import add_rules_commands  # rules check FILE / show --cycle C

    add_rules_commands(sub)
    return parser


def _accept_global_options_after_command(parser: argparse.ArgumentParser) -> None:
    """Let `status --data-dir X` work as well as `--data-dir X status`."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for command in getattr(action, "choices", {}).values():
            command.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
            command.add_argument("-v", "--verbose", action="store_true",
                                 default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _configure_logging(paths: DataPaths, verbose: bool) -> None:
    """Warnings to stderr; everything from INFO up also to logs/nezarat.log (rotated)."""
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(fmt)
    root.addHandler(console)
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            paths.logs / "nezarat.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:  # an unwritable data directory must not stop the CLI here
        log.warning("cannot write the log file under %s: %s", paths.logs, exc)
        return
    handler.setFormatter(fmt)
    root.addHandler(handler)


def main(argv: list[str]) -> int:
    parser = _parser()
    _accept_global_options_after_command(parser)
    args = parser.parse_args(argv)
    paths = resolve_data_dir(args.data_dir)
    _configure_logging(paths, args.verbose)
    func = getattr(args, "func", cmd_gui)
    try:
        return int(func(args, paths))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _open(paths: DataPaths, keystore_passphrase: str | None = None) -> AppContext:
    from .store.database import StoreError

    try:
        return build_context(paths, keystore_passphrase=(
            None if keystore_passphrase is None else lambda: keystore_passphrase))
    except (StoreError, OSError) as exc:
        # A data directory that is a file, unwritable, or on a full disk: say so plainly.
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def cmd_gui(args: argparse.Namespace, paths: DataPaths) -> int:
    from .ui.run import (
        ask_master_passphrase_at_start,
        display_available,
        first_run_needed,
        master_passphrase_needed,
        run_first_run,
        run_gui,
    )

    ok, message = display_available()
    if not ok:
        print(message, file=sys.stderr)
        return 2
    quit_after_ms = getattr(args, "quit_after_ms", None)
    # A new workstation (no store, no settings) is set up by the wizard first; cancelling
    # it leaves nothing behind and ends the program.
    if first_run_needed(paths) and not run_first_run(paths, quit_after_ms=quit_after_ms):
        return 0
    passphrase: str | None = None
    if quit_after_ms is None and master_passphrase_needed(paths):
        # No OS keyring: the encrypted keystore file's passphrase, asked once and checked
        # on the GUI thread before the services (and their background work) start. Cancel
        # opens the window anyway; what needs a secret then says why it cannot run.
        passphrase = ask_master_passphrase_at_start(paths)
    context = _open(paths, passphrase)
    try:
        return run_gui(context, quit_after_ms=getattr(args, "quit_after_ms", None))
    finally:
        context.close()


def cmd_demo_data(args: argparse.Namespace, paths: DataPaths) -> int:
    from .services.demo_store import StoreExists, build_demo_store

    if args.candidates < 0:
        print("error: --candidates must be zero or more", file=sys.stderr)
        return 2
    try:
        report = build_demo_store(paths, args.candidates, args.seed, replace=args.replace)
    except StoreExists:
        print(f"error: a store already exists at {paths.database}; "
              "use --replace to move it aside and build a new demo store", file=sys.stderr)
        return 2
    print(json.dumps({
        "database": str(paths.database),
        "counts": report.counts,
        "generate_seconds": round(report.generate_seconds, 2),
        "load_seconds": round(report.load_seconds, 2),
        "total_seconds": round(report.generate_seconds + report.load_seconds, 2),
        "database_bytes": paths.database.stat().st_size,
        "replaced_store_kept_at": report.replaced,
    }, ensure_ascii=False, indent=2))
    return 0


def cmd_status(args: argparse.Namespace, paths: DataPaths) -> int:
    context = _open(paths)
    try:
        overview = context.services.overview.summary()
        local = context.services.sync.local_status()  # per-kind digests (issue 3)
        trust = context.services.sync.trust_state()  # the central CA, confirmed or not
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
    data.update(_sync_status(local))
    data["trust"] = trust.as_dict()
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


# --- signed rulings: ca, trust, keys, ruling, verify, ledger (issue 5) ---------------------
#
# Secrets are never taken from the command line: passphrases come from a terminal prompt
# or, for scripts, one line each on stdin (--passphrase-stdin). Without an OS keyring the
# member keys live in <data-dir>/keystore.json under the master passphrase from
# SUPERVISOR_KEYSTORE_PASSPHRASE (or a prompt).


def _add_signing_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def secret_flag(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--passphrase-stdin", action="store_true",
                       help=f"read the {what} passphrase as one line from stdin")

    ca = sub.add_parser("ca", help="the central board's certificate authority")
    ca_sub = ca.add_subparsers(dest="ca_command", metavar="ACTION", required=True)
    p = ca_sub.add_parser("init", help="create the central CA in an empty directory")
    p.add_argument("--ca-dir", required=True, help="directory that will hold the CA")
    p.add_argument("--name", required=True, help="the CA's name (Persian is fine)")
    p.add_argument("--days", type=int, default=None, help="validity of the CA certificate")
    secret_flag(p, "new CA")
    p.set_defaults(func=cmd_ca_init)
    p = ca_sub.add_parser("issue", help="certify a member's CSR for their board and role")
    p.add_argument("--ca-dir", required=True)
    p.add_argument("--csr", required=True, help="the member's certificate request (PEM)")
    p.add_argument("--out", required=True, help="where to write the certificate (PEM)")
    p.add_argument("--board", help="approved board (only for members this store lacks)")
    p.add_argument("--role", help="approved role (only for members this store lacks)")
    p.add_argument("--days", type=int, default=None, help="validity in days")
    p.add_argument("--publish", action="store_true",
                   help="also publish it through the registry server (signed in as central)")
    secret_flag(p, "CA")
    p.set_defaults(func=cmd_ca_issue)
    p = ca_sub.add_parser("revoke", help="revoke a certificate (effective with the next CRL)")
    p.add_argument("--ca-dir", required=True)
    p.add_argument("--serial", required=True, help="certificate serial number (hex)")
    p.add_argument("--reason", default="unspecified",
                   help="keyCompromise, superseded, cessationOfOperation, affiliationChanged...")
    secret_flag(p, "CA")
    p.set_defaults(func=cmd_ca_revoke)
    p = ca_sub.add_parser("crl", help="issue a fresh revocation list (and a trust bundle)")
    p.add_argument("--ca-dir", required=True)
    p.add_argument("--out", required=True, help="where to write the CRL (PEM)")
    p.add_argument("--bundle", help="also write the trust bundle for workstations here")
    p.add_argument("--days", type=int, default=None, help="days until the next CRL is due")
    secret_flag(p, "CA")
    p.set_defaults(func=cmd_ca_crl)

    trust = sub.add_parser("trust", help="this workstation's trusted CA, certificates, CRLs")
    trust_sub = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    p = trust_sub.add_parser("import", help="import the central board's trust bundle")
    p.add_argument("file")
    p.add_argument("--ca-fingerprint",
                   help="SHA-256 fingerprint of the central CA (required the first time)")
    p.set_defaults(func=cmd_trust_import)
    p = trust_sub.add_parser("show", help="the trusted CA and the current CRL")
    p.set_defaults(func=cmd_trust_show)
    from .cli_trust import add_ca_commands, add_trust_commands  # publish-crl; pin, members

    add_ca_commands(ca_sub, secret_flag)
    add_trust_commands(trust_sub)

    from .cli_keys import add_keys_commands, add_pin_flag  # keys, software or hardware token

    add_keys_commands(sub, secret_flag)

    ruling = sub.add_parser("ruling", help="draft, sign, seal, export and show rulings")
    r_sub = ruling.add_subparsers(dest="ruling_command", metavar="ACTION", required=True)
    p = r_sub.add_parser("list", help="rulings with their status and signatures")
    p.add_argument("--board")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ruling_list)
    p = r_sub.add_parser("draft", help="create a draft from a JSON file (prints its id)")
    p.add_argument("file")
    p.set_defaults(func=cmd_ruling_draft)
    p = r_sub.add_parser("correct", help="draft a correction that supersedes a sealed ruling")
    p.add_argument("ruling")
    p.add_argument("file", help="JSON with the fields that change")
    p.set_defaults(func=cmd_ruling_correct)
    p = r_sub.add_parser("start", help="freeze a draft for signing (serial, ledger place)")
    p.add_argument("ruling")
    p.set_defaults(func=cmd_ruling_start)
    p = r_sub.add_parser("sign", help="a present member signs (starts signing a draft)")
    p.add_argument("ruling", nargs="?", help="the ruling (omit with --request)")
    p.add_argument("--member", required=True)
    p.add_argument("--vote", choices=["approve", "reject", "abstain"],
                   help="the vote you mean to sign; refused if the ruling records another")
    p.add_argument("--no-seal", action="store_true",
                   help="do not seal even if this is the last present member")
    p.add_argument("--request", help="sign a signing request file on your own workstation")
    p.add_argument("--out", help="with --request: where to write the signature file")
    secret_flag(p, "member's")
    add_pin_flag(p)
    p.set_defaults(func=cmd_ruling_sign)
    p = r_sub.add_parser("request", help="write a signing request for a member elsewhere")
    p.add_argument("ruling")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_ruling_request)
    p = r_sub.add_parser("add-signature", help="add a signature file made elsewhere")
    p.add_argument("file")
    p.set_defaults(func=cmd_ruling_add_signature)
    p = r_sub.add_parser("seal", help="seal a ruling whose quorum has signed")
    p.add_argument("ruling")
    p.add_argument("--member", required=True, help="the member who seals and signs the "
                   "board ledger's new head")
    secret_flag(p, "member's")
    add_pin_flag(p)
    p.set_defaults(func=cmd_ruling_seal)
    p = r_sub.add_parser("return", help="take a ruling in signing back to draft")
    p.add_argument("ruling")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_ruling_return)
    p = r_sub.add_parser("export", help="write a sealed ruling's bundle and/or openssl folder")
    p.add_argument("ruling")
    p.add_argument("--out", help="bundle file to write (.json)")
    p.add_argument("--openssl", metavar="DIR", help="folder of files plain openssl verifies")
    p.set_defaults(func=cmd_ruling_export)
    p = r_sub.add_parser("import", help="store a ruling sealed on another workstation")
    p.add_argument("file")
    p.set_defaults(func=cmd_ruling_import)
    p = r_sub.add_parser("show", help="a ruling, its members' votes and signatures")
    p.add_argument("ruling")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ruling_show)

    p = sub.add_parser("verify", help="verify a ruling bundle or ruling PDF (exit 0 only if valid)")
    p.add_argument("file", help="ruling bundle (.json) or a printed ruling (.pdf)")
    p.add_argument("--ledger", help="the board's exported ledger, for the inclusion check "
                   "(needed when this workstation does not hold the board's ledger)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)

    ledger = sub.add_parser("ledger", help="boards' ledgers of sealed rulings")
    l_sub = ledger.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    p = l_sub.add_parser("export", help="write a board's ledger (JSON) for auditors")
    p.add_argument("--board", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_ledger_export)


class _Refused(Exception):
    """A CLI-level refusal with English and Persian text and an exit code."""

    def __init__(self, message: str, message_fa: str, code: int = 2) -> None:
        super().__init__(message)
        self.message_fa = message_fa
        self.code = code


def _read_secret(args: argparse.Namespace, prompt: str, *, confirm: bool = False) -> str:
    import getpass

    if getattr(args, "passphrase_stdin", False):
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise _Refused("no passphrase on stdin", "گذرواژه‌ای از ورودی خوانده نشد.")
        return line
    if not sys.stdin.isatty():
        raise _Refused("no terminal to ask for the passphrase: use --passphrase-stdin",
                       "ترمینالی برای پرسیدن گذرواژه نیست؛ از --passphrase-stdin استفاده کنید.")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("again / تکرار: ") != value:
        raise _Refused("the two passphrases differ", "دو گذرواژه یکی نیستند.")
    return value


def _keystore_prompt() -> str:
    import getpass

    from .adapters.keystore import KeystoreUnavailable
    from .services.members import KEYSTORE_PASSPHRASE_ENV

    if not sys.stdin.isatty():
        raise KeystoreUnavailable(
            "no OS keyring and no keystore master passphrase: set "
            f"{KEYSTORE_PASSPHRASE_ENV} or run in a terminal"
        )
    return getpass.getpass("Keystore master passphrase / گذرواژهٔ اصلی کلیدستان: ")


def _run_signing(args: argparse.Namespace, paths: DataPaths, body: Any) -> int:
    """Open the context, run ``body(context)`` and turn refusals into clear messages."""
    from .adapters.keystore import KeystoreError
    from .domain.errors import DomainError
    from .services.rulings import UnsupportedDocument
    from .signing.errors import NotSealed, SigningError
    from .store.database import StoreError

    try:
        context = build_context(paths, keystore_passphrase=_keystore_prompt)
    except (StoreError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return int(body(context))
    except _Refused as exc:
        _print_error(str(exc), exc.message_fa)
        return exc.code
    except UnsupportedDocument as exc:
        _print_error(str(exc), exc.message_fa)
        return 2
    except NotSealed as exc:
        _print_error("the ruling was not sealed:", exc.message_fa)
        for check in exc.report.failures:
            print(f"  - {check.message_en}\n    {check.message_fa}", file=sys.stderr)
        return 1
    except (SigningError, KeystoreError) as exc:
        _print_error(str(exc), getattr(exc, "message_fa", "خطا در امضای دیجیتال."))
        return 1
    except StoreError as exc:  # NotFound included
        _print_error(str(exc), "رکورد خواسته‌شده روی این رایانه پیدا نشد یا قابل استفاده نیست.")
        return 1
    except DomainError as exc:
        _print_error(str(exc), "این کار با قواعد رأی سازگار نیست.")
        return 1
    except (OSError, ValueError) as exc:
        _print_error(str(exc), "پرونده خوانده یا نوشته نشد، یا محتوای آن معتبر نیست.")
        return 2
    finally:
        context.close()


def _print_error(message_en: str, message_fa: str) -> None:
    print(f"error: {message_en}", file=sys.stderr)
    print(f"خطا: {message_fa}", file=sys.stderr)


def _read_file(name: str) -> bytes:
    from pathlib import Path

    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise _Refused(f"cannot read {name}: {exc.strerror}",
                       f"پروندهٔ {name} خوانده نشد.") from None


def _write_file(name: str, data: bytes) -> None:
    from pathlib import Path

    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def cmd_ca_init(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    from .signing.ca import DEFAULT_CA_DAYS

    def body(context: AppContext) -> int:
        passphrase = _read_secret(args, "New CA passphrase / گذرواژهٔ مرجع: ", confirm=True)
        info = context.services.certificates.init_ca(
            Path(args.ca_dir), args.name, passphrase, valid_days=args.days or DEFAULT_CA_DAYS
        )
        print(f"central CA created in {info.directory}")
        print(f"SHA-256 fingerprint: {info.fingerprint}")
        print("Give this fingerprint to every board (by phone or letter): workstations pin it "
              "with 'trust import --ca-fingerprint'.")
        return 0

    return _run_signing(args, paths, body)


def cmd_ca_issue(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    from cryptography.hazmat.primitives import serialization

    from .services.certificates import DEFAULT_MEMBER_CERT_DAYS
    from .signing.pki import binding_of

    def body(context: AppContext) -> int:
        csr = _read_file(args.csr)
        passphrase = _read_secret(args, "CA passphrase / گذرواژهٔ مرجع: ")
        cert = context.services.certificates.issue(
            Path(args.ca_dir), passphrase, csr, board_id=args.board, role=args.role,
            valid_days=args.days or DEFAULT_MEMBER_CERT_DAYS,
        )
        _write_file(args.out, cert.public_bytes(serialization.Encoding.PEM))
        b = binding_of(cert)
        print(f"certificate {cert.serial_number:x} for {b.member_id} ({b.role}, board "
              f"{b.board_id}), valid until {cert.not_valid_after_utc.date()}: {args.out}")
        if args.publish:
            from .cli_trust import publish_issued

            publish_issued(context, cert)
        return 0

    return _run_signing(args, paths, body)


def cmd_ca_revoke(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    def body(context: AppContext) -> int:
        passphrase = _read_secret(args, "CA passphrase / گذرواژهٔ مرجع: ")
        try:
            serial = int(args.serial.replace(":", ""), 16)
        except ValueError:
            raise _Refused(f"{args.serial!r} is not a hexadecimal serial number",
                           "شمارهٔ سریال باید عددی در مبنای شانزده باشد.") from None
        revocation = context.services.certificates.revoke(
            Path(args.ca_dir), passphrase, serial, args.reason
        )
        print(f"revoked {revocation.serial:x} ({revocation.reason.value}) at "
              f"{revocation.revoked_at.isoformat()}; issue a new CRL with 'ca crl'")
        return 0

    return _run_signing(args, paths, body)


def cmd_ca_crl(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from .signing.ca import DEFAULT_CRL_DAYS
    from .signing.trust import build_trust_bundle, fingerprint

    def body(context: AppContext) -> int:
        passphrase = _read_secret(args, "CA passphrase / گذرواژهٔ مرجع: ")
        certificates = context.services.certificates
        crl = certificates.crl(Path(args.ca_dir), passphrase,
                               valid_days=args.days or DEFAULT_CRL_DAYS)
        _write_file(args.out, crl.public_bytes(serialization.Encoding.PEM))
        print(f"CRL with {len(list(crl))} revocation(s), next update "
              f"{crl.next_update_utc.isoformat() if crl.next_update_utc else '-'}: {args.out}")
        if args.bundle:
            ca = certificates.open_ca(Path(args.ca_dir), passphrase)
            crl = x509.load_pem_x509_crl(Path(args.out).read_bytes())
            _write_file(args.bundle, build_trust_bundle(ca.certificate, ca.issued(), crl))
            print(f"trust bundle (CA {fingerprint(ca.certificate)}): {args.bundle}")
        return 0

    return _run_signing(args, paths, body)


def cmd_trust_import(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        # The fingerprint given here, else the one configured (trust pin, installer).
        pin = args.ca_fingerprint or context.settings.ca_fingerprint or None
        result = context.services.certificates.import_trust_bundle(
            _read_file(args.file), pin=pin
        )
        if result.anchor_set:
            print(f"central CA pinned: {result.anchor_fingerprint}")
            if args.ca_fingerprint:  # checked against the CA: it is now the confirmed pin
                context.services.sync.pin_ca(args.ca_fingerprint)
        print(f"{result.new_certificates} new member certificate(s); CRL "
              f"{result.crl_number if result.crl_number is not None else '-'}"
              f"{' (new)' if result.crl_new else ''}")
        return 0

    return _run_signing(args, paths, body)


def cmd_trust_show(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli_trust import print_trust_state

    def body(context: AppContext) -> int:
        state = context.services.sync.trust_state(count_members=True)
        print_trust_state(state)
        return 0 if state.ca_fingerprint else 1

    return _run_signing(args, paths, body)


def _ruling_from_json(data: dict[str, Any]) -> Any:
    import uuid
    from datetime import date

    from .domain.candidates import LegalBasis
    from .domain.rulings import MemberVote, Ruling, RulingSubject, Vote

    try:
        return Ruling(
            id=data.get("id") or str(uuid.uuid4()),
            board_id=data["board_id"],
            serial=None,
            issued_on=date.fromisoformat(data["issued_on"]),
            subject=RulingSubject(data["subject"]),
            subject_ref=data["subject_ref"],
            legal_basis=tuple(
                LegalBasis(b["article"], b.get("clause", "")) for b in data.get("legal_basis", [])
            ),
            reasoning=data.get("reasoning", ""),
            decision=data["decision"],
            present_member_ids=tuple(data["present"]),
            absent_member_ids=tuple(data.get("absent", [])),
            votes=tuple(
                MemberVote(v["member_id"], Vote(v["vote"]), v.get("dissent_note", ""))
                for v in data.get("votes", [])
            ),
            supersedes_id=None,
            meeting_type=data.get("meeting_type", "regular"),
            extra={str(k): str(v) for k, v in data.get("extra", {}).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _Refused(f"the draft file is incomplete or invalid: {exc!r}",
                       "پروندهٔ پیش‌نویس ناقص یا نامعتبر است.") from None


def _load_json(name: str) -> dict[str, Any]:
    try:
        data = json.loads(_read_file(name).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Refused(f"{name} is not JSON: {exc}", f"پروندهٔ {name} JSON معتبر نیست.") from None
    if not isinstance(data, dict):
        raise _Refused(f"{name} must hold a JSON object", "پرونده باید یک شیء JSON باشد.")
    return data


def cmd_ruling_list(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        items = context.services.rulings.list_rulings(board_id=args.board)
        if args.json:
            print(json.dumps([
                {"id": i.id, "board_id": i.board_id, "serial": i.serial,
                 "issued_on": i.issued_on.isoformat(), "subject": i.subject.value,
                 "subject_ref": i.subject_ref, "status": i.status.value,
                 "present": i.present, "signed": i.signed,
                 "required_present": i.required_present, "supersedes": i.supersedes_id}
                for i in items
            ], ensure_ascii=False, indent=2))
            return 0
        for i in items:
            print(f"{i.id}  {i.board_id}  #{i.serial or '-'}  {i.issued_on}  {i.status.value:<17}"
                  f" signed {i.signed}/{i.present} (quorum {i.required_present})  "
                  f"{i.subject.value} {i.subject_ref}")
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_draft(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        ruling = context.services.rulings.create_draft(_ruling_from_json(_load_json(args.file)))
        print(ruling.id)
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_correct(args: argparse.Namespace, paths: DataPaths) -> int:
    from datetime import date

    from .domain.candidates import LegalBasis
    from .domain.rulings import MemberVote, Vote

    def body(context: AppContext) -> int:
        data = _load_json(args.file)
        changes: dict[str, Any] = {}
        try:
            for key in ("reasoning", "decision", "subject_ref", "meeting_type"):
                if key in data:
                    changes[key] = str(data[key])
            if "issued_on" in data:
                changes["issued_on"] = date.fromisoformat(data["issued_on"])
            if "legal_basis" in data:
                changes["legal_basis"] = tuple(
                    LegalBasis(b["article"], b.get("clause", "")) for b in data["legal_basis"]
                )
            if "present" in data:
                changes["present_member_ids"] = tuple(data["present"])
            if "absent" in data:
                changes["absent_member_ids"] = tuple(data["absent"])
            if "votes" in data:
                changes["votes"] = tuple(
                    MemberVote(v["member_id"], Vote(v["vote"]), v.get("dissent_note", ""))
                    for v in data["votes"]
                )
            if "extra" in data:
                changes["extra"] = {str(k): str(v) for k, v in data["extra"].items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise _Refused(f"the correction file is invalid: {exc!r}",
                           "پروندهٔ اصلاحیه نامعتبر است.") from None
        ruling = context.services.rulings.draft_correction(args.ruling, **changes)
        print(ruling.id)
        return 0

    return _run_signing(args, paths, body)


def _print_signing_status(status: Any) -> None:
    ruling = status.ruling
    print(f"ruling {ruling.id}: board {ruling.board_id}, serial {ruling.serial or '-'}, "
          f"{ruling.status.value}")
    if status.payload_sha256:
        print(f"payload SHA-256: {status.payload_sha256}")
    for s in status.signers:
        vote = s.vote.value if s.vote else "no vote"
        dissent = f" — dissent: {s.dissent_note}" if s.dissent_note else ""
        print(f"  {'✓' if s.signed else '·'} {s.member_id} {s.full_name} ({s.role}): "
              f"{vote}{dissent}")
    print(f"signed {status.signed} of {len(status.signers)} present; quorum needs "
          f"{status.required_present} signatures and {status.required_votes} approving")


def cmd_ruling_start(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        _print_signing_status(context.services.rulings.start_signing(args.ruling))
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_sign(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli_keys import secret_prompt  # the token PIN for a token member
    from .domain.rulings import RulingStatus, Vote

    def body(context: AppContext) -> int:
        rulings = context.services.rulings
        if args.request:
            if not args.out:
                raise _Refused("--request needs --out for the signature file",
                               "با --request باید --out را هم بدهید.")
            passphrase = _read_secret(args, secret_prompt(context, args.member))
            _write_file(args.out, rulings.sign_request(_read_file(args.request), args.member,
                                                       passphrase))
            print(f"signature of {args.member}: {args.out} (return it to the board)")
            return 0
        if not args.ruling:
            raise _Refused("name the ruling to sign (or give --request)",
                           "شناسهٔ رأی را بدهید.")
        ruling = rulings.get(args.ruling)
        was_draft = ruling is not None and ruling.status is RulingStatus.DRAFT
        passphrase = _read_secret(args, secret_prompt(context, args.member))
        result = rulings.sign(
            args.ruling, args.member, passphrase,
            expected_vote=Vote(args.vote) if args.vote else None, auto_seal=not args.no_seal,
            start_if_draft=True,
        )
        if was_draft:
            status = rulings.signing_status(args.ruling)
            print(f"signing started: serial {status.ruling.serial}, payload SHA-256 "
                  f"{status.payload_sha256}")
        print(f"{args.member} signed ruling {args.ruling}: {result.signed} of "
              f"{result.present} present members have signed (quorum {result.required_present})")
        if result.sealed:
            _print_sealed(result.sealed)
        elif result.not_sealed is not None:
            print("everyone present signed but the ruling cannot be sealed:")
            for check in result.not_sealed.failures:
                print(f"  - {check.message_en}\n    {check.message_fa}")
            return 1
        return 0

    return _run_signing(args, paths, body)


def _print_sealed(sealed: Any) -> None:
    print(f"ruling {sealed.ruling_id} SEALED ({sealed.status.value}): serial {sealed.serial}, "
          f"ledger entry {sealed.ledger_seq}, signed by {', '.join(sealed.signers)}")
    print(f"رأی مهر شد: شماره {sealed.serial}، ردیف {sealed.ledger_seq} دفتر هیات")
    if sealed.superseded_id:
        print(f"it supersedes ruling {sealed.superseded_id}")


def cmd_ruling_request(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        _write_file(args.out, context.services.rulings.signing_request(args.ruling))
        print(f"signing request: {args.out}")
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_add_signature(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        result = context.services.rulings.add_signature(_read_file(args.file))
        print(f"signature of {result.member_id} added: {result.signed} of {result.present} "
              "present members have signed")
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_seal(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli_keys import secret_prompt  # the token PIN for a token member

    def body(context: AppContext) -> int:
        passphrase = _read_secret(args, secret_prompt(context, args.member))
        _print_sealed(context.services.rulings.seal(args.ruling, args.member, passphrase))
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_return(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        context.services.rulings.return_to_draft(args.ruling, args.reason)
        print(f"ruling {args.ruling} is a draft again; its signatures were discarded")
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_export(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    def body(context: AppContext) -> int:
        if not args.out and not args.openssl:
            raise _Refused("give --out FILE and/or --openssl DIR",
                           "--out یا --openssl را بدهید.")
        rulings = context.services.rulings
        if args.out:
            print(f"ruling bundle: {rulings.export_bundle(args.ruling, Path(args.out))}")
        if args.openssl:
            readme = rulings.export_openssl(args.ruling, Path(args.openssl))
            print(f"openssl folder: {readme.parent} (commands in {readme.name})")
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_import(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        ruling = context.services.rulings.import_bundle(_read_file(args.file))
        print(f"ruling {ruling.id} of board {ruling.board_id} (serial {ruling.serial}) "
              f"imported: {ruling.status.value}")
        return 0

    return _run_signing(args, paths, body)


def cmd_ruling_show(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        status = context.services.rulings.signing_status(args.ruling)
        r = status.ruling
        if args.json:
            print(json.dumps({
                "id": r.id, "board_id": r.board_id, "serial": r.serial,
                "status": r.status.value, "issued_on": r.issued_on.isoformat(),
                "subject": r.subject.value, "subject_ref": r.subject_ref,
                "decision": r.decision, "supersedes": r.supersedes_id,
                "payload_sha256": status.payload_sha256,
                "signers": [{"member_id": s.member_id, "vote": s.vote.value if s.vote else None,
                             "dissent_note": s.dissent_note, "signed": s.signed}
                            for s in status.signers],
                "required_present": status.required_present,
                "required_votes": status.required_votes,
            }, ensure_ascii=False, indent=2))
            return 0
        _print_signing_status(status)
        print(f"subject: {r.subject.value} {r.subject_ref}; decision: {r.decision}")
        if r.supersedes_id:
            print(f"supersedes: {r.supersedes_id}")
        return 0

    return _run_signing(args, paths, body)


def cmd_verify(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        data = _read_file(args.file)
        ledger = _read_file(args.ledger) if args.ledger else None
        if data.lstrip()[:5] == b"%PDF-":  # a printed ruling: PDF signatures + its bundle
            from .printing.cli import verify_pdf_command

            return verify_pdf_command(context, data, ledger, as_json=args.json)
        outcome = context.services.rulings.verify(data, ledger_file=ledger)
        report = outcome.report
        if args.json:
            print(json.dumps({
                "ok": outcome.ok, "ruling_id": report.ruling_id, "board_id": report.board_id,
                "ruling_hash": report.ruling_hash, "valid_signers": list(report.valid_signers),
                "ledger": outcome.ledger_source, "ledger_position": report.ledger_position,
                "failures": [{"code": c.code, "member": c.member, "en": c.message_en,
                              "fa": c.message_fa} for c in outcome.failures],
                "notes": [{"en": en, "fa": fa} for en, fa in outcome.notes],
            }, ensure_ascii=False, indent=2))
            return 0 if outcome.ok else 1
        print(f"ruling {report.ruling_id or '?'} of board {report.board_id or '?'}")
        if report.ruling_hash:
            print(f"payload SHA-256: {report.ruling_hash}")
        for en, fa in outcome.notes:
            print(f"note: {en}\nتوجه: {fa}")
        if outcome.ok:
            where = {"file": "the given ledger", "workstation": "this workstation's ledger"}
            ledger_text = (f"; included in {where[outcome.ledger_source]}"
                           if outcome.ledger_source in where else "")
            print(f"VALID: {len(report.valid_signers)} valid signatures "
                  f"({', '.join(report.valid_signers)}), chain to the central CA, not revoked, "
                  f"quorum met{ledger_text}.")
            print("معتبر: امضاها، زنجیرهٔ گواهی تا مرجع هیات مرکزی، ابطال‌نشدن گواهی‌ها، "
                  "حد نصاب و ثبت در دفتر هیات همه درست است.")
            return 0
        print("NOT VALID — نامعتبر:", file=sys.stderr)
        for check in outcome.failures:
            print(f"  [{check.code}] {check.message_en}\n      {check.message_fa}",
                  file=sys.stderr)
        return 1

    return _run_signing(args, paths, body)


def cmd_ledger_export(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        data, signed = context.services.rulings.ledger_json(args.board)
        _write_file(args.out, data)
        entries = json.loads(data)["entries"]
        print(f"ledger of {args.board}: {len(entries)} entries, "
              f"{'head signed' if signed else 'head NOT signed for the last entry'}: {args.out}")
        return 0

    return _run_signing(args, paths, body)


# --- the registry link: login, logout, sync (issue 3) --------------------------------------
#
# The password is never taken from the command line: a terminal prompt, or one line on
# stdin (--password-stdin). It and the session token go to the keystore (the OS keyring,
# else <data-dir>/keystore.json encrypted under SUPERVISOR_KEYSTORE_PASSPHRASE or a
# prompted master passphrase); settings.json keeps only the server, user and board.

KEYSTORE_HELP = (
    "there is no OS keyring to keep the registry password and token. Unlock one "
    "(gnome-keyring on Linux, Keychain on macOS, Credential Manager on Windows), or use the "
    "encrypted keystore file {path}: set SUPERVISOR_KEYSTORE_PASSPHRASE to its master "
    "passphrase (or run in a terminal to be asked). Nothing is ever kept in plaintext."
)
KEYSTORE_HELP_FA = (
    "کلیدستان سیستم‌عامل برای نگه‌داری گذرواژه و نشست در دسترس نیست. یا کلیدستان سیستم را "
    "فعال کنید، یا پروندهٔ رمزشدهٔ کلیدستان را به کار ببرید: گذرواژهٔ اصلی آن را در "
    "SUPERVISOR_KEYSTORE_PASSPHRASE بگذارید (یا در ترمینال اجرا کنید تا پرسیده شود). هیچ چیز "
    "بی‌رمز ذخیره نمی‌شود."
)


def _add_sync_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("login", help="sign this workstation in to the registry server")
    p.add_argument("--server", required=True, help="the registry's address, e.g. "
                   "http://127.0.0.1:8700")
    p.add_argument("--user", required=True, help="the board account's user name")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password as one line from stdin (for scripts)")
    p.add_argument("--ca-fingerprint", metavar="SHA256",
                   help="the central CA's fingerprint as the central board announced it: "
                   "sync then trusts only that CA (see 'trust pin')")
    p.set_defaults(func=cmd_login)

    p = sub.add_parser("logout", help="sign out and forget the stored password and token")
    p.set_defaults(func=cmd_logout)

    p = sub.add_parser("sync", help="send the outbox and fetch the registry's changes now")
    p.add_argument("--server", help="the registry's address (must be the one signed in to)")
    p.add_argument("--verify", action="store_true",
                   help="then compare per-kind counts and digests with the server's "
                   "(exit 1 when they differ)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_sync)


def _sync_status(local: Any) -> dict[str, Any]:
    """The consistency part of ``status``: per-kind count and digest, outbox, cursors."""
    return {
        "kinds": {kind: d.as_dict() for kind, d in local.kinds.items()},
        "outbox": local.outbox,
        "pending": local.pending,
        "cursor": local.cursor,
        "cursors": {key.rsplit(".", 1)[-1]: value for key, value in local.cursors.items()},
    }


def _run_sync_command(paths: DataPaths, body: Any) -> int:
    """Open the context (keystore prompt allowed) and turn failures into clear messages."""
    from .adapters.keystore import KeystoreError, KeystoreUnavailable
    from .adapters.registry_client import Refused, RegistryError
    from .services.session_auth import NotSignedIn
    from .services.sync_lock import SyncBusy
    from .store.database import StoreError

    try:
        context = build_context(paths, keystore_passphrase=_keystore_prompt)
    except (StoreError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return int(body(context))
    except _Refused as exc:
        _print_error(str(exc), exc.message_fa)
        return exc.code
    except KeystoreUnavailable:
        _print_error(KEYSTORE_HELP.format(path=paths.root / "keystore.json"), KEYSTORE_HELP_FA)
        return 2
    except KeystoreError as exc:
        _print_error(str(exc), getattr(exc, "message_fa", "کلیدستان خوانده یا نوشته نشد."))
        return 2
    except NotSignedIn as exc:
        _print_error(f"{exc} (supervisor-app login --server URL --user NAME)", exc.message_fa)
        return 2
    except SyncBusy as exc:
        _print_error(str(exc), exc.message_fa)
        return 1
    except Refused as exc:
        _print_error(str(exc), exc.message_fa)
        return 1 if exc.status != 401 else 2
    except RegistryError as exc:
        _print_error(str(exc), exc.message_fa)
        return 1
    except ValueError as exc:  # e.g. a server address that is not http(s)
        _print_error(str(exc), "ورودی نامعتبر است.")
        return 2
    finally:
        context.close()


def _read_password(args: argparse.Namespace) -> str:
    import getpass

    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise _Refused("no password on stdin", "گذرواژه‌ای از ورودی خوانده نشد.")
        return line
    if not sys.stdin.isatty():
        raise _Refused("no terminal to ask for the password: use --password-stdin",
                       "ترمینالی برای پرسیدن گذرواژه نیست؛ از --password-stdin استفاده کنید.")
    return getpass.getpass(f"Password of {args.user} / گذرواژه: ")


def cmd_login(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        _ = context.services.session.keystore  # no secure place for secrets: stop before asking
        password = _read_password(args)
        if args.ca_fingerprint:  # before the first sync, which takes the CA from the server
            from .signing.errors import TrustError

            try:
                context.services.sync.pin_ca(args.ca_fingerprint)
            except TrustError as exc:
                raise _Refused(str(exc), exc.message_fa) from exc
        signed = context.services.session.login(args.server, args.user, password)
        print(f"signed in to {signed.server_url} as {signed.username} ({signed.role}, board "
              f"{signed.board_id or '-'}, cycle {signed.cycle_code or '-'}); the session "
              f"ends {signed.expires_at}; credentials kept in "
              f"{context.services.session.keystore.description}")
        print(f"وارد شدید: {signed.username}")
        if signed.origin_changed:
            print("note: another server or account than before; the next sync reads every "
                  "feed again from the start")
        return 0

    return _run_sync_command(paths, body)


def cmd_logout(args: argparse.Namespace, paths: DataPaths) -> int:
    def body(context: AppContext) -> int:
        session = context.services.session
        if not session.signed_in:
            print("not signed in")
            return 0
        told = session.logout()
        print("signed out; the stored password and token were deleted"
              + ("" if told else " (the server was not reachable to revoke the token)"))
        print("خروج انجام شد.")
        return 0

    return _run_sync_command(paths, body)


def cmd_sync(args: argparse.Namespace, paths: DataPaths) -> int:
    from .adapters.registry_client import api_base

    def body(context: AppContext) -> int:
        session, sync = context.services.session, context.services.sync
        if not session.signed_in:
            where = args.server or "URL"
            raise _Refused(
                f"not signed in: run supervisor-app login --server {where} --user NAME",
                "این رایانه وارد سامانه نشده است؛ ابتدا login را اجرا کنید.",
            )
        if args.server and api_base(args.server) != api_base(context.settings.server_url):
            raise _Refused(
                f"signed in to {context.settings.server_url}, not {api_base(args.server)}: "
                f"run supervisor-app login --server {args.server} --user NAME first",
                "این رایانه به سرور دیگری وارد شده است؛ ابتدا به این سرور وارد شوید.",
            )
        report = sync.sync()
        result: dict[str, Any] = {"sync": report.as_dict()}
        ok = report.converged
        verify = None
        if args.verify and report.online and not report.error:
            verify = sync.verify()
            ok = ok and verify.matches
            result["verify"] = {
                "matches": verify.matches,
                "server_cursor": verify.server_cursor,
                "local_cursor": verify.local.cursor,
                "kinds": {
                    kind: {"local": verify.local.kinds[kind].as_dict()
                           if kind in verify.local.kinds else None,
                           "server": verify.server_kinds[kind].as_dict()
                           if kind in verify.server_kinds else None,
                           "matches": kind not in verify.differences}
                    for kind in sorted(set(verify.local.kinds) | set(verify.server_kinds))
                },
            }
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True))
        else:
            _print_sync_report(report, sync.attention() if report.needs_attention else [])
            if verify is not None:
                _print_verify(verify)
        return 0 if ok else 1

    return _run_sync_command(paths, body)


def _print_sync_report(report: Any, attention: list[Any]) -> None:
    pushed = ", ".join(f"{k} {v}" for k, v in sorted(report.pushed.items())) or "nothing"
    pulled = ", ".join(f"{k} {v}" for k, v in report.pulled.items()) or "nothing"
    print(f"pushed: {pushed}; pulled: {pulled} ({report.seconds:.1f} s)")
    if report.skipped_feeds:
        print(f"not readable by this account: {', '.join(report.skipped_feeds)}")
    if report.converged:
        print("converged: everything sent and acknowledged, every feed read to its end")
        print("همگام‌سازی کامل شد: همه چیز ارسال و تأیید شد و همه تغییرات دریافت شد.")
        return
    if report.cancelled:
        _print_error("the sync was cancelled", "همگام‌سازی لغو شد.")
    if report.error:
        _print_error(report.error, report.error_fa or "همگام‌سازی کامل نشد.")
    if report.pending:
        print(f"not converged: {report.pending} outbox items are still waiting to be sent",
              file=sys.stderr)
    if not report.caught_up and not report.error and not report.cancelled:
        print("not converged: the feeds were not read to their end", file=sys.stderr)
    for item in attention:
        print(f"needs attention: {item.kind} {item.id} {item.status} ({item.code}): "
              f"{item.message}\n  {item.message_fa}\n  {item.advice_fa}", file=sys.stderr)


def _print_verify(verify: Any) -> None:
    print(f"verify: server cursor {verify.server_cursor}, this workstation "
          f"{verify.local.cursor}")
    for kind in sorted(set(verify.local.kinds) | set(verify.server_kinds)):
        ours, theirs = verify.local.kinds.get(kind), verify.server_kinds.get(kind)
        same = kind not in verify.differences
        ours_text = f"{ours.count} {ours.digest[:12]}" if ours else "-"
        theirs_text = f"{theirs.count} {theirs.digest[:12]}" if theirs else "-"
        line = f"  {kind:16} here {ours_text:20} server {theirs_text:20} "
        print(line + ("same" if same else "DIFFERENT"), file=sys.stdout if same else sys.stderr)
    if verify.matches:
        print("this workstation holds exactly what the server holds for its scope")
        print("این رایانه دقیقاً همان داده‌های سرور را در حوزه خود دارد.")
    else:
        print(f"DIFFERENT: {', '.join(sorted(verify.differences))}", file=sys.stderr)
        print("داده‌های این رایانه با سرور یکی نیست.", file=sys.stderr)


# --- backups and diagnostics (issue 8) -----------------------------------------------------


def _add_backup_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="back up the local store, list or restore backups")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    p = actions.add_parser("create", help="back the store up now (checked, into backups/)")
    p.add_argument("--if-due", action="store_true",
                   help="only when the daily backup is due, then rotate (for a scheduler)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_backup_create)
    p = actions.add_parser("list", help="this workstation's backups, newest first")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_backup_list)
    p = actions.add_parser("restore", help="replace the store with a backup (the current "
                           "store is backed up first)")
    p.add_argument("file", help="the backup file (e.g. from backup list)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_backup_restore)

    diagnostics = sub.add_parser("diagnostics", help="a support bundle without secrets")
    actions = diagnostics.add_subparsers(dest="diagnostics_command", metavar="ACTION",
                                         required=True)
    p = actions.add_parser("save", help="write logs, status, settings (secrets removed), "
                           "versions and the data directory's file list into one zip")
    p.add_argument("-o", "--output", required=True, help="the zip file to write")
    p.set_defaults(func=cmd_diagnostics_save)


def _backup_json(info: Any) -> dict[str, Any]:
    return {"file": str(info.path), "kind": info.kind, "created_at": info.created_at.isoformat(),
            "bytes": info.size}


def cmd_backup_create(args: argparse.Namespace, paths: DataPaths) -> int:
    from .services.backup import BackupError, BackupService

    service = BackupService.for_data_dir(paths)
    try:
        info = service.daily_if_due() if args.if_due else service.create()
        if info is not None and not args.if_due:
            service.rotate()
    except BackupError as exc:
        _print_error(str(exc), exc.message_fa)
        return 1
    if args.json:
        print(json.dumps(_backup_json(info) if info else None, ensure_ascii=False, indent=2))
    elif info is None:
        print("no backup due (the last one is recent enough)")
    else:
        print(f"backup written and checked: {info.path} ({info.size} bytes)")
        print("نسخهٔ پشتیبان نوشته و بررسی شد.")
    return 0


def cmd_backup_list(args: argparse.Namespace, paths: DataPaths) -> int:
    from .services.backup import BackupService

    backups = BackupService.for_data_dir(paths).list()
    if args.json:
        print(json.dumps([_backup_json(b) for b in backups], ensure_ascii=False, indent=2))
        return 0
    if not backups:
        print(f"no backups in {paths.backups}")
    for b in backups:
        print(f"{b.created_at:%Y-%m-%d %H:%M} UTC  {b.kind:14} {b.size:>12}  {b.path}")
    return 0


def _describe_store(label: str, summary: Any) -> str:
    counts = ", ".join(f"{k} {'-' if v is None else v}" for k, v in summary.counts.items())
    changed = summary.last_change.isoformat(timespec="minutes") if summary.last_change else "?"
    return f"{label}: {summary.path}\n  last change {changed}; {counts}"


def cmd_backup_restore(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    from .services.backup import BackupError, BackupService

    service = BackupService.for_data_dir(paths)
    try:
        plan = service.plan_restore(Path(args.file))
    except BackupError as exc:
        _print_error(str(exc), exc.message_fa)
        return 1
    print(_describe_store("restore from", plan.backup))
    if plan.current is None:
        print(f"into the fresh data directory {paths.root} (nothing is replaced)")
    else:
        print(_describe_store("this replaces", plan.current))
        print("  (the current store is backed up first, as a before-restore backup)")
    if not args.yes:
        if not sys.stdin.isatty():
            _print_error("no terminal to confirm the restore: add --yes",
                         "ترمینالی برای تأیید نیست؛ --yes را اضافه کنید.")
            return 2
        if input("Type yes to restore / برای بازگردانی yes بنویسید: ").strip().lower() != "yes":
            print("nothing was changed")
            return 1
    try:
        result = service.restore(Path(args.file))
    except BackupError as exc:
        _print_error(str(exc), exc.message_fa)
        return 1
    if result.safety_copy is not None:
        print(f"the previous store was kept as {result.safety_copy.path}")
    print(f"restored{' (upgraded from an older version)' if result.migrated else ''}; "
          "restart the app if it is open")
    print("بازگردانی انجام شد؛ اگر برنامه باز است آن را دوباره باز کنید.")
    return 0


def cmd_diagnostics_save(args: argparse.Namespace, paths: DataPaths) -> int:
    from pathlib import Path

    from .services.diagnostics import DiagnosticsService, workstation_status

    context: AppContext | None = None
    if paths.database.is_file():
        try:
            context = build_context(paths)
        except Exception as exc:  # a broken store is what support most needs to hear about
            log.warning("diagnostics: the store did not open: %s", exc)
    try:
        status = (
            (lambda: workstation_status(context.services.overview, context.services.sync, paths))
            if context is not None else None
        )
        target = DiagnosticsService(paths, status=status).save_bundle(Path(args.output))
    finally:
        if context is not None:
            context.close()
    print(f"diagnostic bundle written: {target} (no passwords, tokens or keys inside)")
    print("بستهٔ عیب‌یابی نوشته شد (بدون گذرواژه و کلید).")
    return 0
