"""Trust commands over sync: ``ca publish-crl``, ``trust pin``, ``trust members``.

Registered by ``supervisor_app.cli`` on its ``ca`` and ``trust`` command groups.

* ``ca publish-crl`` (the central CA's workstation, signed in with a central-board
  account): issue a fresh CRL and upload it, with the member certificates the CA issued,
  to the registry server; every workstation pulls it with its next sync. Run it daily:
  a CRL is valid for 7 days and sealing needs a current one.
* ``trust pin FINGERPRINT``: the central CA's SHA-256 fingerprint as the central board
  announced it. Before the first sync, only that CA will be trusted; after a CA was
  trusted on first use, it confirms that CA (or refuses, when it is another one).
* ``trust members``: who holds a member certificate of the trusted CA, and its state.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

    from .app import AppContext
    from .paths import DataPaths
    from .services.trust_sync import TrustState

__all__ = ["add_ca_commands", "add_trust_commands", "print_trust_state", "publish_issued"]


def add_ca_commands(
    ca_sub: argparse._SubParsersAction[argparse.ArgumentParser],
    secret_flag: Callable[[argparse.ArgumentParser, str], None],
) -> None:
    p = ca_sub.add_parser(
        "publish-crl",
        help="issue a fresh revocation list and publish it (and the issued member "
        "certificates) through the registry server; run daily",
    )
    p.add_argument("--ca-dir", required=True)
    p.add_argument("--days", type=int, default=None, help="days until the CRL expires (7)")
    p.add_argument("--out", help="also write the CRL here (PEM)")
    p.add_argument(
        "--no-certificates",
        action="store_true",
        help="publish the CRL only, not the member certificates",
    )
    secret_flag(p, "CA")
    p.set_defaults(func=cmd_ca_publish_crl)


def add_trust_commands(trust_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = trust_sub.add_parser(
        "pin",
        help="set the central CA's SHA-256 fingerprint (as the central board announced "
        "it): only that CA is trusted through sync",
    )
    p.add_argument("fingerprint", help="64 hexadecimal digits (colons allowed)")
    p.set_defaults(func=cmd_trust_pin)
    p = trust_sub.add_parser("members", help="member certificates held here and their state")
    p.add_argument("--board", help="only this board's members")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_trust_members)


def print_trust_state(state: TrustState) -> None:
    from .services.trust_sync import grouped

    if state.ca_fingerprint is None:
        print(
            "no central CA is trusted on this workstation yet"
            + (f" (only {state.pin} will be)" if state.pin else "")
        )
        return
    print(f"central CA: {state.ca_name} ({state.ca_fingerprint})")
    print(f"  fingerprint: {grouped(state.ca_fingerprint)}")
    if state.confirmed:
        print("  confirmed: it is the fingerprint configured on this workstation")
    elif state.pin_mismatch:
        print(f"  DOES NOT MATCH the configured fingerprint {state.pin}: call the IT officer")
    else:
        print(
            "  trusted on first use, NOT confirmed: compare it with the fingerprint the "
            "central board announced, then run 'supervisor-app trust pin FINGERPRINT'"
        )
    print(f"member certificates: {state.member_certificates}")
    due = state.crl_next_update.isoformat() if state.crl_next_update else "-"
    print(
        f"CRL: {state.crl_number if state.crl_number is not None else '-'}, next update "
        f"{due}, {'current' if state.crl_current else 'NOT current: rulings cannot be sealed'}"
    )


def _refusal(exc: Exception) -> Exception:
    from .cli import _Refused

    return _Refused(str(exc), getattr(exc, "message_fa", "") or "سرور درخواست را نپذیرفت.", 1)


def cmd_ca_publish_crl(args: argparse.Namespace, paths: DataPaths) -> int:
    from .adapters.registry_client import RegistryError
    from .cli import _read_secret, _run_signing
    from .services.session_auth import NotSignedIn
    from .services.trust_sync import TrustPublisher
    from .signing.ca import DEFAULT_CRL_DAYS

    def body(context: AppContext) -> int:
        passphrase = _read_secret(args, "CA passphrase / گذرواژهٔ مرجع: ")
        publisher = TrustPublisher(context.services.certificates, context.services.sync)
        try:
            result = publisher.publish_crl(
                Path(args.ca_dir),
                passphrase,
                valid_days=args.days or DEFAULT_CRL_DAYS,
                with_certificates=not args.no_certificates,
                out=Path(args.out) if args.out else None,
            )
        except (RegistryError, NotSignedIn) as exc:
            raise _refusal(exc) from exc
        due = result.next_update.isoformat() if result.next_update else "-"
        print(
            f"CRL {result.crl_number} ({result.revoked} revoked, next update {due}) "
            f"{'published' if result.stored else 'was already on the server'}"
        )
        if not args.no_certificates:
            print(
                f"member certificates: {result.certificates_sent} sent, "
                f"{result.certificates_stored} new on the server"
            )
        print("فهرست ابطال منتشر شد؛ رایانه‌های هیات‌ها آن را با همگام‌سازی بعدی دریافت می‌کنند.")
        return 0

    return _run_signing(args, paths, body)


def publish_issued(context: AppContext, cert: x509.Certificate) -> None:
    """``ca issue --publish``: upload the new member certificate at once."""
    from .adapters.registry_client import RegistryError
    from .services.session_auth import NotSignedIn
    from .services.trust_sync import TrustPublisher

    publisher = TrustPublisher(context.services.certificates, context.services.sync)
    try:
        stored = publisher.publish_certificates([cert])
    except (RegistryError, NotSignedIn) as exc:
        raise _refusal(exc) from exc
    print("published to the registry server" if stored else "the server already had it")


def cmd_trust_pin(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _run_signing

    def body(context: AppContext) -> int:
        state = context.services.sync.pin_ca(args.fingerprint)
        if state.confirmed:
            print(f"the trusted central CA is confirmed: {state.ca_fingerprint}")
            print("مرجع گواهی مورد اعتماد تأیید شد.")
        else:
            print(f"pinned {state.pin}: the next sync trusts only this central CA")
            print("اثر انگشت ثبت شد؛ همگام‌سازی بعدی فقط همین مرجع را می‌پذیرد.")
        return 0

    return _run_signing(args, paths, body)


def cmd_trust_members(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _run_signing
    from .services.trust_sync import member_certificate_states

    def body(context: AppContext) -> int:
        states = member_certificate_states(context.store, board_id=args.board)
        if args.json:
            rows: list[dict[str, Any]] = [
                {
                    "member_id": s.member_id,
                    "board_id": s.board_id,
                    "role": s.role,
                    "full_name": s.full_name,
                    "serial": s.serial,
                    "not_after": s.not_after.isoformat(),
                    "state": s.state,
                }
                for s in states
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        for s in states:
            print(
                f"{s.board_id:12} {s.member_id:24} {s.role:12} {s.state:8} "
                f"until {s.not_after.date()}  serial {s.serial}  {s.full_name}"
            )
        if not states:
            print("no member certificates here")
        return 0

    return _run_signing(args, paths, body)
