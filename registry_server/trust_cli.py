"""``registry-server trust set|show``: the operator installs the central CA and checks what
the server trusts and serves to workstations.

    registry-server --database URL trust set --ca ca-cert.pem [--crl crl.pem] [--replace]
    registry-server --database URL trust show [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from .db import read_tx
from .errors import ApiError
from .pki import TrustInfo, install_ca, trust_info


def add_trust_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    trust = sub.add_parser(
        "trust",
        help="the central CA and revocation list this server trusts and serves to workstations",
    )
    actions = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    p = actions.add_parser("set", help="install the central CA (replacing one needs --replace)")
    p.add_argument(
        "--ca",
        required=True,
        metavar="FILE",
        help="the central CA certificate, PEM (ca-cert.pem of 'supervisor-app ca init')",
    )
    p.add_argument(
        "--crl",
        metavar="FILE",
        help="also the CA's current revocation list (PEM); "
        "else the central board publishes it with 'supervisor-app ca publish-crl'",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace a different installed CA (its CRL is dropped; every "
        "workstation refuses the new CA until its IT officer pins it)",
    )
    p = actions.add_parser("show", help="the installed CA, the current CRL and what is served")
    p.add_argument("--json", action="store_true")


def colon_form(fp: str) -> str:
    """``AB:CD:…``, as ``openssl x509 -fingerprint -sha256`` prints it."""
    return ":".join(fp[i : i + 2] for i in range(0, len(fp), 2)).upper()


def _print_info(info: TrustInfo) -> None:
    if info.ca_fingerprint is None:
        print("no central CA installed: rulings are refused (no_trust_anchor)")
        return
    print(f"central CA: {info.ca_name}")
    print(f"  SHA-256 fingerprint: {info.ca_fingerprint}")
    print(f"                       {colon_form(info.ca_fingerprint)}")
    if info.crl_number is None:
        print("CRL: none yet (the central board publishes it: supervisor-app ca publish-crl)")
    else:
        due = info.crl_next_update.isoformat() if info.crl_next_update else "-"
        expired = info.crl_next_update is not None and info.crl_next_update <= datetime.now(UTC)
        print(
            f"CRL: number {info.crl_number}, {info.revoked} revoked, next update {due}"
            f"{' (EXPIRED: boards cannot seal rulings)' if expired else ''}"
        )
    if info.served_ca_fingerprint is None:
        print("served to workstations: nothing yet (the pki record follows the first CRL)")
    elif info.served_ca_fingerprint != info.ca_fingerprint:
        print(
            f"served to workstations: the previous CA {info.served_ca_fingerprint} until the "
            "new CA's first CRL is published"
        )
    else:
        print(f"served to workstations: this CA with CRL {info.served_crl_number}")
    print(f"member certificates published: {info.member_certificates}")


def run_trust(args: argparse.Namespace, engine: Engine) -> int:
    if args.trust_command == "show":
        with read_tx(engine) as conn:
            info = trust_info(conn)
        if args.json:
            print(json.dumps(info.as_dict(), ensure_ascii=False, indent=2))
        else:
            _print_info(info)
        return 0 if info.ca_fingerprint else 1
    try:
        ca_data = Path(args.ca).read_bytes()
        crl_data = Path(args.crl).read_bytes() if args.crl else None
    except OSError as exc:
        print(f"registry-server: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        info, changed = install_ca(
            engine, ca_data, now=datetime.now(UTC), replace=args.replace, crl_data=crl_data
        )
    except ApiError as exc:
        print(f"registry-server: {exc.message}", file=sys.stderr)
        return 1 if exc.code in ("ca_installed", "crl_not_newer") else 2
    print("central CA installed" if changed else "this central CA was already installed")
    _print_info(info)
    if changed:
        print(
            "Every board's IT officer compares this fingerprint with the one the central "
            "board announced (supervisor-app trust pin FINGERPRINT)."
        )
    return 0
