"""Headless printing commands (``supervisor-app print …``) and PDF verification output.

Registered by ``supervisor_app.cli`` (``add_print_commands(sub)``); they run through the
same context, error handling and passphrase rules as the signing commands (secrets from
a terminal prompt or, with ``--passphrase-stdin``, one line each on stdin in the order
of ``--sign`` and then ``--seal``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supervisor_app.app import AppContext
    from supervisor_app.paths import DataPaths
    from supervisor_app.services.printing import PdfVerifyOutcome, PrintingService

__all__ = ["add_print_commands", "printing_service", "verify_pdf_command"]


def add_print_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    printing = sub.add_parser("print", help="print documents to PDF (rulings, notices, lists)")
    p_sub = printing.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True)

    p = p_sub.add_parser("ruling", help="a ruling; sealed ones embed their bundle and are "
                         "signed by --sign members and/or the --seal member")
    p.add_argument("ruling")
    p.add_argument("-o", "--out", required=True, help="PDF file to write")
    p.add_argument("--sign", action="append", default=[], metavar="MEMBER",
                   help="a member who signed the ruling signs the PDF too (repeatable)")
    p.add_argument("--seal", metavar="MEMBER",
                   help="the member printing seals the PDF (board-seal signature)")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the passphrases as lines from stdin (--sign order, then --seal)")
    p.set_defaults(func=cmd_print_ruling)

    p = p_sub.add_parser("notification", help="the notice of a ruling to its candidate")
    p.add_argument("ruling")
    p.add_argument("-o", "--out", required=True)
    p.set_defaults(func=cmd_print_notification)

    p = p_sub.add_parser("minutes", help="the minutes of a board session")
    p.add_argument("session")
    p.add_argument("-o", "--out", required=True)
    p.set_defaults(func=cmd_print_minutes)

    p = p_sub.add_parser("candidate-list", help="the public list of final candidates")
    p.add_argument("--constituency", required=True, help="constituency code")
    p.add_argument("-o", "--out", required=True)
    p.set_defaults(func=cmd_print_candidate_list)

    p = p_sub.add_parser("observer-summary", help="observer reports of a county, summarised")
    p.add_argument("--county", required=True, help="county code")
    p.add_argument("-o", "--out", required=True)
    p.set_defaults(func=cmd_print_observer_summary)

    p = p_sub.add_parser("rulings", help="many rulings in one PDF (a session or a filter)")
    p.add_argument("ids", nargs="*", help="ruling ids (or use --session / the filters)")
    p.add_argument("--session", help="every ruling a board session produced")
    p.add_argument("--board")
    p.add_argument("--status", help="draft, signing, sealed, awaiting_approval, superseded")
    p.add_argument("--from", dest="issued_from", help="issued on or after (Jalali 1404/10/01)")
    p.add_argument("--to", dest="issued_to", help="issued on or before (Jalali)")
    p.add_argument("--notifications", action="store_true",
                   help="add each candidate's notice after its ruling")
    p.add_argument("-o", "--out", required=True)
    p.set_defaults(func=cmd_print_rulings)


def printing_service(context: AppContext) -> PrintingService:
    """The context's printing service, or one built over its store and settings."""
    service = getattr(context.services, "printing", None)
    if service is not None:
        return service  # type: ignore[no-any-return]
    from supervisor_app.services.printing import PrintingService

    return PrintingService(context.store, font_path=context.settings.font_path,
                           demo=context.settings.demo,
                           rulings=getattr(context.services, "rulings", None))


def _run(args: argparse.Namespace, paths: DataPaths, body: Any) -> int:
    """Run ``body(context)`` with the CLI's context and refusal handling."""
    from supervisor_app.adapters.pdf_signer import PdfSignatureError
    from supervisor_app.cli import _print_error, _run_signing
    from supervisor_app.domain.jalali import JalaliDateError
    from supervisor_app.services.printing import PrintError

    def guarded(context: AppContext) -> int:
        try:
            return int(body(context))
        except PrintError as exc:
            _print_error(str(exc), exc.message_fa)
            return 1
        except PdfSignatureError as exc:
            _print_error(str(exc), "امضای PDF انجام نشد.")
            return 1
        except JalaliDateError as exc:
            _print_error(str(exc), "تاریخ باید به شکل ۱۴۰۴/۱۰/۲۱ باشد.")
            return 2

    return _run_signing(args, paths, guarded)


def _write(path: str, data: bytes) -> None:
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"PDF: {target} ({len(data):,} bytes)")


def cmd_print_ruling(args: argparse.Namespace, paths: DataPaths) -> int:
    from supervisor_app.cli import _read_secret
    from supervisor_app.cli_keys import secret_prompt

    def body(context: AppContext) -> int:
        members = context.services.members
        # A member on a hardware token is asked for its PIN, the others for the passphrase.
        signers = {m: members.signer(m, _read_secret(args, secret_prompt(context, m)))
                   for m in dict.fromkeys(args.sign)}
        seal = None
        if args.seal:
            seal = members.signer(args.seal,
                                  _read_secret(args, secret_prompt(context, args.seal)))
        _write(args.out, printing_service(context).ruling_pdf(args.ruling, signers=signers,
                                                              seal=seal))
        if signers or seal:
            print(f"signed in the PDF by: {', '.join([*signers, *([args.seal] if seal else [])])}")
        return 0

    return _run(args, paths, body)


def cmd_print_notification(args: argparse.Namespace, paths: DataPaths) -> int:
    return _run(args, paths, lambda c: _write(args.out, printing_service(c).notification_pdf(
        args.ruling)) or 0)


def cmd_print_minutes(args: argparse.Namespace, paths: DataPaths) -> int:
    return _run(args, paths, lambda c: _write(args.out, printing_service(c).minutes_pdf(
        args.session)) or 0)


def cmd_print_candidate_list(args: argparse.Namespace, paths: DataPaths) -> int:
    return _run(args, paths, lambda c: _write(args.out, printing_service(c).candidate_list_pdf(
        args.constituency)) or 0)


def cmd_print_observer_summary(args: argparse.Namespace, paths: DataPaths) -> int:
    return _run(args, paths, lambda c: _write(
        args.out, printing_service(c).observer_summary_pdf(args.county)) or 0)


def cmd_print_rulings(args: argparse.Namespace, paths: DataPaths) -> int:
    from supervisor_app.domain.jalali import parse_jalali
    from supervisor_app.domain.rulings import RulingStatus

    def body(context: AppContext) -> int:
        service = printing_service(context)
        if args.ids:
            ids = list(args.ids)
        elif args.session:
            ids = service.session_rulings(args.session)
        else:
            ids = service.find_rulings(
                board_id=args.board,
                status=RulingStatus(args.status) if args.status else None,
                issued_from=parse_jalali(args.issued_from) if args.issued_from else None,
                issued_to=parse_jalali(args.issued_to) if args.issued_to else None,
            )

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        data = service.rulings_batch_pdf(ids, notifications=args.notifications,
                                         progress=progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        _write(args.out, data)
        print(f"{len(ids)} rulings")
        return 0

    return _run(args, paths, body)


def verify_pdf_command(context: AppContext, data: bytes, ledger: bytes | None, *,
                       as_json: bool) -> int:
    """``supervisor-app verify ruling.pdf``: the PDF's signatures and its embedded bundle.

    Runs inside the CLI's ``_run_signing`` (which reports a missing trust anchor)."""
    outcome = printing_service(context).verify_pdf(data, ledger_file=ledger)
    if as_json:
        print(json.dumps(_as_json(outcome), ensure_ascii=False, indent=2))
        return 0 if outcome.ok else 1
    report = outcome.pdf
    print(f"ruling PDF of ruling {report.ruling_id or '?'}")
    for sig in report.signatures:
        state = "valid" if sig.ok else "NOT VALID"
        when = sig.signed_at.isoformat() if sig.signed_at else "?"
        print(f"  PDF signature {sig.field_name}: {sig.full_name} ({sig.member_id}, "
              f"{sig.role}, board {sig.board_id}) at {when}: {state}")
    bundle = outcome.bundle
    failures = [(f.code, f.message_en, f.message_fa) for f in report.failures]
    if bundle is not None:
        failures += [(c.code, c.message_en, c.message_fa) for c in bundle.failures]
        for en, fa in bundle.notes:
            print(f"note: {en}\nتوجه: {fa}")
        signers = ", ".join(bundle.report.valid_signers)
        print(f"embedded ruling bundle: {len(bundle.report.valid_signers)} valid member "
              f"signatures ({signers})")
    elif report.bundle_report is not None:
        failures += [(c.code, c.message_en, c.message_fa) for c in report.bundle_report.failures]
    if outcome.ok:
        print("VALID: every PDF signature and the embedded signed ruling check out.")
        print("معتبر: امضاهای PDF و رأی امضاشدهٔ پیوست آن همه درست است.")
        return 0
    print("NOT VALID — نامعتبر:", file=sys.stderr)
    for code, en, fa in dict.fromkeys(failures):
        print(f"  [{code}] {en}\n      {fa}", file=sys.stderr)
    return 1


def _as_json(outcome: PdfVerifyOutcome) -> dict[str, Any]:
    report = outcome.pdf
    bundle = outcome.bundle
    failures = [{"code": f.code, "en": f.message_en, "fa": f.message_fa}
                for f in report.failures]
    if bundle is not None:
        failures += [{"code": c.code, "member": c.member, "en": c.message_en,
                      "fa": c.message_fa} for c in bundle.failures]
    return {
        "ok": outcome.ok,
        "kind": "ruling-pdf",
        "ruling_id": report.ruling_id,
        "ruling_hash": report.bundle_report.ruling_hash if report.bundle_report else None,
        "pdf_signatures": [
            {"field": s.field_name, "member_id": s.member_id, "name": s.full_name,
             "board_id": s.board_id, "role": s.role, "ok": s.ok,
             "signed_at": s.signed_at.isoformat() if s.signed_at else None}
            for s in report.signatures
        ],
        "valid_signers": list(report.bundle_report.valid_signers)
        if report.bundle_report else [],
        "ledger": bundle.ledger_source if bundle is not None else None,
        "failures": failures,
    }
