"""Acceptance: a sealed ruling's signed ledger head, and the workstation's audit-chain head,
reach the real server through sync; the digests of both ends still agree.

The registry runs as ``registry-server --seed-demo`` (demo CA, members' keys served to
their own board), shared by the session; the workstation is the board's real services.
"""

from __future__ import annotations

import sqlite3
import sys
import uuid
from datetime import UTC, date, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.outbox import OutboxStatus
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.services.members import PUBLIC_KEY_SERVICE
from supervisor_app.signing.keys import KEY_SERVICE
from supervisor_app.signing.ledger import load_ledger, verify_ledger
from supervisor_app.signing.pki import cert_pem

harness = sys.modules["nezarat_sync_harness"]


def _enrol(w: Any, keys: dict[str, Any]) -> None:
    """The demo members' keys and certificates, as enrolment would have left them."""
    for member in keys["members"]:
        cert = x509.load_pem_x509_certificate(member["certificate_pem"].encode())
        public = cert.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        w.members.keystore.set(KEY_SERVICE, member["member_id"], member["private_key_pem"])
        w.members.keystore.set(PUBLIC_KEY_SERVICE, member["member_id"], public.decode("ascii"))
        w.members.import_certificate(member["certificate_pem"].encode())


def _server_rows(registry: Any, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{registry.database}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def _outbox_kinds(w: Any) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    with w.store.unit_of_work(read_only=True) as uow:
        for status in OutboxStatus:
            for item in uow.outbox.by_status(status, limit=1000):
                kinds.setdefault(item.kind.value, []).append(status.value)
    return kinds


def test_sealed_ruling_pushes_its_signed_head_and_digests_still_agree(registry, tmp_path):
    """Seal and sync: the server holds the ruling and the member-signed head naming the
    ledger entry and this device's audit position, exactly as the auditors' export has
    it; the head is not counted as a record sent nor kept once acknowledged; sync
    --verify finds both ends equal. Later audit events reach the server as a plain head."""
    w = harness.board_services(tmp_path / "county", registry.url, "demo-county")
    try:
        first = w.sync.sync()
        assert first.converged, first.as_dict()
        board_id = w.settings.board_id
        with w.store.unit_of_work(read_only=True) as uow:
            voting = [m.id for m in uow.boards.members(board_id) if m.votes]
        _enrol(w, harness.Api(registry.url, "demo-county").get("/demo/member-keys"))

        ruling = w.rulings.create_draft(
            Ruling(
                id=str(uuid.uuid4()),
                board_id=board_id,
                serial=None,
                issued_on=date.today(),
                subject=RulingSubject.QUALIFICATION,
                subject_ref="R-1404-0000001",
                legal_basis=(LegalBasis("37", "ز"),),
                reasoning="داوطلب مدرک تحصیلی لازم را ندارد.",
                decision="رد صلاحیت تأیید می‌شود.",
                present_member_ids=tuple(voting),
                votes=tuple(MemberVote(m, Vote.APPROVE) for m in voting),
            )
        )
        result = None
        for member_id in voting:
            result = w.rulings.sign(
                ruling.id, member_id, f"member-{member_id}", start_if_draft=True
            )
        assert result is not None and result.sealed is not None
        sealed = result.sealed
        assert _outbox_kinds(w) == {"ruling": ["pending"], "ledger_head": ["pending"]}

        report = w.sync.sync()
        assert report.converged, report.as_dict()
        assert report.pushed == {"created": 1}  # the ruling; the head is bookkeeping
        assert _outbox_kinds(w) == {"ruling": ["acknowledged"]}

        data, signed = w.rulings.ledger_json(board_id)
        _, head = load_ledger(data)
        assert signed and head is not None and head.audit is not None
        anchor = cert_pem(w.certificates.anchor())
        assert verify_ledger(data, anchor, at=datetime.now(UTC)).ok
        device = w.sync.auth.device_id()
        assert (head.seq, head.member_id, head.audit.device_id) == (
            sealed.ledger_seq,
            voting[-1],
            device,
        )
        with w.store.unit_of_work(read_only=True) as uow:
            sealed_event = [
                e for e in uow.audit.for_subject(ruling.id) if e.action == "ruling.sealed"
            ][-1]
        assert (head.audit.seq, head.audit.hash) == (sealed_event.seq, sealed_event.hash)
        rows = _server_rows(
            registry,
            "SELECT board_id, seq, hash, member_id, device_id, audit_seq, audit_hash, "
            "sha256 FROM ledger_heads WHERE device_id = ?",
            device,
        )
        assert rows == [
            (
                board_id,
                head.seq,
                head.hash,
                head.member_id,
                device,
                head.audit.seq,
                head.audit.hash,
                head.sha256(),
            )
        ]
        server_entry = _server_rows(
            registry,
            "SELECT hash FROM ledger_entries WHERE board_id = ? AND seq = ?",
            board_id,
            head.seq,
        )
        assert server_entry == [(head.hash,)]
        assert w.sync.verify().matches  # no new kind in the digests: both ends equal

        # Between seals the audit chain grows; the next sync reports its plain head.
        with w.store.unit_of_work() as uow:
            marker = uow.audit.append(
                "tester", "test.marker", "ledger-head-sync", {}, at=datetime.now(UTC)
            )
        again = w.sync.sync()
        assert again.converged and again.pushed == {}, again.as_dict()
        assert "audit_head" not in _outbox_kinds(w)
        reported = _server_rows(
            registry,
            "SELECT seq, hash FROM audit_heads WHERE device_id = ? AND seq >= ?",
            device,
            marker.seq,
        )
        assert reported, "the audit head did not reach the server"
        with w.store.unit_of_work(read_only=True) as uow:
            assert all(uow.audit.hash_at(seq) == digest for seq, digest in reported)
        assert w.sync.verify().matches
    finally:
        w.store.close()
