"""Export a sealed ruling as plain files that stock ``openssl`` verifies, for auditors.

The folder holds ``payload.bin`` (exactly the signed bytes), ``ca.pem``, ``crl.pem``
and, per signature, ``member-N.pem`` (certificate) and ``member-N.sig`` (DER ECDSA
signature), plus ``README.txt`` with the commands and ``attime`` (the ``-attime``
value on one line, for scripts such as the one in the project README). Each command
line in the README starts with ``$ `` and needs no shell features, so it runs the same
in any shell.

``openssl verify`` checks certificate validity and CRL freshness at one instant; the
commands pass ``-attime`` = the CRL's issue time (the moment of sealing), so an export
keeps verifying after the CRL's next-update date or a certificate's expiry.
"""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path

from cryptography import x509

from .bundle import parse_bundle, payload_bytes
from .pki import binding_of

README_NAME = "README.txt"
ATTIME_NAME = "attime"  # the -attime value (Unix seconds) on one line
COMMAND_PREFIX = "$ "


def _attime(crl: x509.CertificateRevocationList, certs: list[x509.Certificate]) -> datetime:
    moment = crl.last_update_utc
    for cert in certs:  # a certificate issued after the CRL: check when both hold
        moment = max(moment, cert.not_valid_before_utc)
    return moment


def openssl_commands(count: int, attime: datetime) -> list[list[str]]:
    """The verification commands for ``count`` signatures, as argument lists."""
    commands: list[list[str]] = []
    epoch = str(int(attime.timestamp()))
    for n in range(1, count + 1):
        commands += [
            [
                "openssl", "verify", "-attime", epoch, "-CAfile", "ca.pem",
                "-crl_check", "-CRLfile", "crl.pem", f"member-{n}.pem",
            ],
            ["openssl", "x509", "-in", f"member-{n}.pem", "-pubkey", "-noout",
             "-out", f"member-{n}.pub"],
            ["openssl", "dgst", "-sha256", "-verify", f"member-{n}.pub",
             "-signature", f"member-{n}.sig", "payload.bin"],
        ]
    return commands


def export_for_openssl(bundle: bytes, directory: Path) -> Path:
    """Write the export folder for a sealed bundle; returns the README path.

    The bundle is only parsed here, not judged: run ``verify_bundle`` for the full
    checks (board binding, quorum, ledger) that openssl knows nothing about.
    """
    parsed = parse_bundle(bundle)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "payload.bin").write_bytes(payload_bytes(parsed.payload))
    (directory / "ca.pem").write_text(parsed.ca_certificate_pem, encoding="ascii")
    (directory / "crl.pem").write_text(parsed.crl_pem, encoding="ascii")
    certs = []
    lines = []
    for n, entry in enumerate(parsed.signatures, start=1):
        (directory / f"member-{n}.pem").write_text(entry.certificate_pem, encoding="ascii")
        (directory / f"member-{n}.sig").write_bytes(entry.signature)
        cert = x509.load_pem_x509_certificate(entry.certificate_pem.encode("ascii"))
        certs.append(cert)
        b = binding_of(cert)
        lines.append(
            f"  member-{n}: {entry.member_id} — {b.full_name} ({b.role}, board {b.board_id})"
        )
    attime = _attime(x509.load_pem_x509_crl(parsed.crl_pem.encode("ascii")), certs)
    # The same instant as a file, so a script can loop over member-*.pem without the README.
    (directory / ATTIME_NAME).write_text(f"{int(attime.timestamp())}\n", encoding="ascii")
    payload = parsed.payload
    readme = [
        "Nezarat — signed ruling, verifiable with openssl",
        "",
        f"Ruling {payload['ruling_id']}, board {payload['board']['id']}, "
        f"serial {payload['serial']}, issued {payload['issued_on']} "
        f"({payload['issued_on_jalali']}), ledger entry {payload['ledger']['seq']}.",
        f"SHA-256 of payload.bin: {parsed.payload_sha256}",
        "",
        "payload.bin is exactly what every member signed: the prefix",
        "'nezarat-1//ruling//' followed by the ruling as RFC 8785 canonical JSON.",
        "Signers:",
        *lines,
        "",
        "Run these commands in this folder; each must succeed ('OK' / 'Verified OK').",
        f"-attime {int(attime.timestamp())} is {attime.isoformat()}, when the revocation",
        "list was issued at sealing: certificates are checked as of that moment.",
        "",
        *(COMMAND_PREFIX + shlex.join(c) for c in openssl_commands(len(certs), attime)),
        "",
        "openssl does not know boards or quorum: 'supervisor-app' verifies that every",
        "signer belongs to the ruling's board, that quorum was met and the ledger holds.",
        "",
    ]
    path = directory / README_NAME
    path.write_text("\n".join(readme), encoding="utf-8")
    return path


def readme_commands(readme: Path) -> list[list[str]]:
    """The command lines of an export's README, as argument lists (for scripts and tests)."""
    return [
        shlex.split(line[len(COMMAND_PREFIX):])
        for line in readme.read_text(encoding="utf-8").splitlines()
        if line.startswith(COMMAND_PREFIX)
    ]
