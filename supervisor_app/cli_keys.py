"""``keys create|csr|import-cert|show``: a member's signing key, in software or on a token.

Registered by ``supervisor_app.cli`` in its signing commands. A software key is made
here and kept encrypted under the member's passphrase; with ``--pkcs11-module`` the key
is generated on a hardware token (or an existing one adopted with ``--adopt``) and the
workstation records only where it is. For a token member every command that needs the
key asks for the token PIN where it would ask for the passphrase (``--pin-stdin`` is
the same switch as ``--passphrase-stdin``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import AppContext
    from .paths import DataPaths

__all__ = ["add_keys_commands", "add_pin_flag", "secret_prompt"]


def add_pin_flag(p: argparse.ArgumentParser) -> None:
    """``--pin-stdin``: the token PIN as one line on stdin (same as ``--passphrase-stdin``)."""
    p.add_argument(
        "--pin-stdin",
        dest="passphrase_stdin",
        action="store_true",
        help="for a member whose key is on a hardware token: read the token PIN from stdin",
    )


def secret_prompt(context: AppContext, member_id: str) -> str:
    """What to ask for: the token PIN for a token member, else the key passphrase."""
    if context.services.members.uses_token(member_id):
        return f"PIN of the hardware token of {member_id} / رمز (PIN) توکن سخت‌افزاری: "
    return f"Passphrase of {member_id} / گذرواژه: "


def add_keys_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    secret_flag: Callable[[argparse.ArgumentParser, str], None],
) -> None:
    keys = sub.add_parser("keys", help="a member's signing key on this workstation")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    p = keys_sub.add_parser(
        "create", help="generate the member's key pair here (or on a hardware token)"
    )
    p.add_argument("--member", required=True)
    p.add_argument("--replace", action="store_true", help="replace an existing key")
    token = p.add_argument_group("hardware token (PKCS#11)")
    token.add_argument(
        "--pkcs11-module",
        metavar="PATH",
        help="generate the key on a token through this PKCS#11 module "
        "(e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so)",
    )
    token.add_argument("--token-label", help="the token to use (default: the only one present)")
    token.add_argument("--key-label", help="label of the key on the token (nezarat-MEMBER)")
    token.add_argument(
        "--adopt", action="store_true", help="use the key already on the token under --key-label"
    )
    secret_flag(p, "member's new")
    add_pin_flag(p)
    p.set_defaults(func=cmd_keys_create)
    p = keys_sub.add_parser("csr", help="write the certificate request for the central CA")
    p.add_argument("--member", required=True)
    p.add_argument("--out", required=True)
    secret_flag(p, "member's")
    add_pin_flag(p)
    p.set_defaults(func=cmd_keys_csr)
    p = keys_sub.add_parser("import-cert", help="accept the certificate the CA issued")
    p.add_argument("file")
    p.set_defaults(func=cmd_keys_import_cert)
    p = keys_sub.add_parser("show", help="whether a member has a key and a certificate here")
    p.add_argument("--member", required=True)
    p.set_defaults(func=cmd_keys_show)


def cmd_keys_create(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _read_secret, _Refused, _run_signing

    def body(context: AppContext) -> int:
        members = context.services.members
        if args.pkcs11_module is None:
            if args.token_label or args.key_label or args.adopt:
                raise _Refused(
                    "--token-label, --key-label and --adopt need --pkcs11-module",
                    "گزینه‌های توکن بدون --pkcs11-module معنا ندارند.",
                )
            passphrase = _read_secret(
                args, f"New passphrase for {args.member} / گذرواژهٔ تازه: ", confirm=True
            )
            digest = members.create_key(args.member, passphrase, replace=args.replace)
            print(
                f"key created for {args.member} (public key SHA-256 {digest}), kept encrypted "
                f"in the {members.keystore.description}"
            )
            return 0
        _ = members.keystore  # no secure place to record the token: stop before the PIN
        pin = _read_secret(args, "Token PIN / رمز (PIN) توکن سخت‌افزاری: ")
        ref = members.create_token_key(
            args.member,
            pin,
            module=args.pkcs11_module,
            token_label=args.token_label,
            key_label=args.key_label,
            adopt=args.adopt,
            replace=args.replace,
        )
        done = "adopted" if args.adopt else "generated"
        print(
            f"key {done} for {args.member} on hardware token {ref.token_label!r} "
            f"(key label {ref.key_label!r}); it never leaves the token"
        )
        print(f"کلید عضو {args.member} روی توکن سخت‌افزاری «{ref.token_label}» ساخته شد.")
        return 0

    return _run_signing(args, paths, body)


def cmd_keys_csr(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _read_secret, _run_signing, _write_file

    def body(context: AppContext) -> int:
        secret = _read_secret(args, secret_prompt(context, args.member))
        _write_file(args.out, context.services.members.csr(args.member, secret))
        print(f"certificate request for {args.member}: {args.out} (send it to the central board)")
        return 0

    return _run_signing(args, paths, body)


def cmd_keys_import_cert(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _read_file, _run_signing

    def body(context: AppContext) -> int:
        b = context.services.members.import_certificate(_read_file(args.file))
        print(f"certificate accepted for {b.member_id} ({b.role}, board {b.board_id})")
        return 0

    return _run_signing(args, paths, body)


def cmd_keys_show(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _run_signing

    def body(context: AppContext) -> int:
        st = context.services.members.status(args.member)
        if st.token is not None:
            where = (
                f"key on hardware token {st.token.token_label!r} (key label "
                f"{st.token.key_label!r}, PKCS#11 module {st.token.module})"
            )
        elif st.has_key:
            where = "software key on this workstation (encrypted under the passphrase)"
        else:
            where = "no key here"
        cert = (
            f"certificate {st.certificate_serial} until {st.certificate_not_after}"
            if st.certificate_serial
            else "no certificate yet"
        )
        print(f"member {st.member_id} (board {st.board_id}): {where}; {cert}")
        return 0 if st.has_key and st.certificate_serial else 1

    return _run_signing(args, paths, body)
