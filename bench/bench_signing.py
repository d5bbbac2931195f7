"""Time to seal a 5-member ruling, and verifications per second of a 5-signature bundle.

Usage:  .venv/bin/python bench/bench_signing.py [--rounds 50] [--seconds 3]

"Seal" = for each of the 5 members: unlock the encrypted PKCS#8 key with the passphrase
and sign the canonical payload; then assemble the bundle and run the strict sealing
verification (chain, CRL, board binding, quorum). Verification is the full
``verify_bundle`` of that sealed bundle. The ``service_*`` figures do the same through
``RulingService`` over a real SQLite store: draft → freeze → five members each unlock
and sign (each signature checked against the trust store before it is stored) → the
fifth seals (strict verification, ledger entry, signed ledger head, audit event and
outbox item in one unit of work); ``service_seal_step`` is ``seal()`` alone after three
signatures; service verification reads the trust store and the board's ledger.
Prints one JSON object; copy the figures into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cryptography

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import (
    assemble_bundle,
    ruling_payload,
    seal_ruling,
    sign_payload,
    verify_bundle,
)
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.keys import MemberKeys
from supervisor_app.signing.ledger import Ledger

NOW = datetime.now(UTC).replace(microsecond=0)
ROLES = [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY, MemberRole.MEMBER,
         MemberRole.MEMBER]


def _setup(tmp: Path):
    ca = init_ca(tmp / "ca", "هیات مرکزی نظارت", "bench-ca-passphrase",
                 now=NOW - timedelta(days=1))
    board = Board("board-bench", BoardLevel.COUNTY, "هیات نظارت شهرستان", "0101",
                  "board-central", QuorumRule(5))
    members = [BoardMember(f"m{i}", board.id, f"عضو {i}", make_national_id(f"{100000001 + i:09d}"),
                           role) for i, role in enumerate(ROLES, start=1)]
    keys = MemberKeys(MemoryKeystore())
    for m in members:
        keys.create(m.id, f"passphrase-{m.id}")
        csr = keys.csr(m, board, f"passphrase-{m.id}")
        keys.store_certificate(m.id, ca.issue(csr, board_id=board.id, role=m.role,
                                              valid_days=365, now=NOW - timedelta(hours=1)))
    return ca, board, members, keys, ca.crl(now=NOW - timedelta(minutes=1))


def _payload(board: Board, members: list[BoardMember], ledger: Ledger) -> dict:
    ids = tuple(m.id for m in members)
    ruling = Ruling(
        id=str(uuid.uuid4()), board_id=board.id, serial=1, issued_on=NOW.date(),
        subject=RulingSubject.QUALIFICATION, subject_ref="REG-1",
        legal_basis=(LegalBasis("37", "ز"),), reasoning="دلیل " * 40, decision="رد صلاحیت",
        present_member_ids=ids,
        votes=(*(MemberVote(m, Vote.APPROVE) for m in ids[:4]),
               MemberVote(ids[4], Vote.REJECT, "مخالف " * 20)),
    )
    return ruling_payload(ruling, board, members, session_at=NOW, ledger_seq=ledger.next_seq,
                          prev_ledger_hash=ledger.head_hash)


def _service_setup(tmp: Path):
    """A store with the board, the CA pinned, five enrolled members: the real services."""
    from cryptography.hazmat.primitives import serialization

    from supervisor_app.domain.dataset import Dataset
    from supervisor_app.services.certificates import CertificateService
    from supervisor_app.services.members import MemberKeyService
    from supervisor_app.services.rulings import RulingService
    from supervisor_app.store import open_store
    from supervisor_app.store.bulk import bulk_import

    clock = lambda: NOW  # noqa: E731 - one fixed instant keeps every round comparable
    store = open_store(tmp / "store.sqlite3")
    central = Board("board-central", BoardLevel.CENTRAL, "هیات مرکزی", None, None, QuorumRule(5))
    board = Board("board-bench", BoardLevel.COUNTY, "هیات نظارت شهرستان", "0101",
                  "board-central", QuorumRule(5))
    members = [BoardMember(f"m{i}", board.id, f"عضو {i}", make_national_id(f"{100000001 + i:09d}"),
                           role) for i, role in enumerate(ROLES, start=1)]
    bulk_import(store, Dataset(boards=[central, board], members=members))
    certs = CertificateService(store, clock)
    info = certs.init_ca(tmp / "svc-ca", "هیات مرکزی نظارت", "bench-ca-passphrase")
    certs.import_trust_bundle(certs.trust_bundle(tmp / "svc-ca", "bench-ca-passphrase"),
                              pin=info.fingerprint)
    keys = MemberKeyService(store, MemoryKeystore(), certs, clock)
    for m in members:
        keys.create_key(m.id, f"passphrase-{m.id}")
        cert = certs.issue(tmp / "svc-ca", "bench-ca-passphrase",
                           keys.csr(m.id, f"passphrase-{m.id}"))
        keys.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
    return store, RulingService(store, keys, now=clock), board, members


def _service_draft(rulings, board: Board, members: list[BoardMember]) -> str:
    ids = tuple(m.id for m in members)
    ruling = Ruling(
        id=str(uuid.uuid4()), board_id=board.id, serial=None, issued_on=NOW.date(),
        subject=RulingSubject.QUALIFICATION, subject_ref="REG-1",
        legal_basis=(LegalBasis("37", "ز"),), reasoning="دلیل " * 40, decision="رد صلاحیت",
        present_member_ids=ids,
        votes=(*(MemberVote(m, Vote.APPROVE) for m in ids[:4]),
               MemberVote(ids[4], Vote.REJECT, "مخالف " * 20)),
    )
    return rulings.create_draft(ruling).id


def bench_service(tmp: Path, rounds: int, seconds: float) -> dict[str, float]:
    """Sealing through RulingService with the store: every write in its unit of work."""
    store, rulings, board, members = _service_setup(tmp)
    try:
        flow_ms, seal_ms, sign_ms = [], [], []
        last = ""
        for n in range(rounds):
            ruling_id = _service_draft(rulings, board, members)
            if n % 2 == 0:  # the whole flow: freeze, five signatures, the fifth seals
                started = time.perf_counter()
                rulings.start_signing(ruling_id)
                for m in members:
                    t = time.perf_counter()
                    result = rulings.sign(ruling_id, m.id, f"passphrase-{m.id}")
                    sign_ms.append((time.perf_counter() - t) * 1000)
                assert result.sealed is not None
                flow_ms.append((time.perf_counter() - started) * 1000)
            else:  # three sign, then the chair seals: the seal step on its own
                rulings.start_signing(ruling_id)
                for m in members[:3]:
                    rulings.sign(ruling_id, m.id, f"passphrase-{m.id}")
                started = time.perf_counter()
                rulings.seal(ruling_id, members[0].id, f"passphrase-{members[0].id}")
                seal_ms.append((time.perf_counter() - started) * 1000)
            last = ruling_id
        bundle = rulings.bundle(last)
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            assert rulings.verify(bundle).ok
            count += 1
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    return {
        "service_draft_to_sealed_5_signatures_ms_median": round(statistics.median(flow_ms), 2),
        "service_sign_one_member_ms_median": round(statistics.median(sign_ms), 2),
        "service_seal_step_ms_median": round(statistics.median(seal_ms), 2),
        "service_verifications_per_second_with_ledger": round(count / elapsed, 1),
        "service_rounds": rounds,
        "service_ledger_length_at_end": rounds,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nezarat-bench-") as tmp:
        ca, board, members, keys, crl = _setup(Path(tmp))
        ledger = Ledger(board.id)
        seal_ms, sign_ms = [], []
        bundle = b""
        for _ in range(args.rounds):
            payload = _payload(board, members, ledger)
            started = time.perf_counter()
            sigs = [sign_payload(payload, m.id, keys.signer(m.id, f"passphrase-{m.id}"))
                    for m in members]
            signed = time.perf_counter()
            bundle = seal_ruling(payload, sigs, ca_certificate=ca.certificate, crl=crl, now=NOW,
                                 quorum=board.quorum, roster=members)
            done = time.perf_counter()
            sign_ms.append((signed - started) * 1000)
            seal_ms.append((done - started) * 1000)
        assemble_only = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            assemble_bundle(payload, sigs, ca_certificate=ca.certificate, crl=crl)
            assemble_only.append((time.perf_counter() - started) * 1000)

        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < args.seconds:
            assert verify_bundle(bundle, ca.certificate_pem, at=NOW).ok
            count += 1
        elapsed = time.perf_counter() - started
        service = bench_service(Path(tmp), args.rounds, args.seconds)
    print(json.dumps({
        "benchmark": "signing",
        "members": len(members),
        "seal_5_member_ms_median": round(statistics.median(seal_ms), 2),
        "unlock_and_sign_5_ms_median": round(statistics.median(sign_ms), 2),
        "assemble_only_ms_median": round(statistics.median(assemble_only), 2),
        "bundle_bytes": len(bundle),
        "verifications_per_second": round(count / elapsed, 1),
        "verify_ms_mean": round(elapsed / count * 1000, 2),
        "rounds": args.rounds,
        **service,
        "machine": f"{platform.machine()} python {platform.python_version()} "
                   f"cryptography {cryptography.__version__}",
    }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
