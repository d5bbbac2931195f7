"""Signed ledger heads on the server: signature, certificate and board checked like a
ruling's; continuity with the board's ledger (gap, fork) and the device's audit chain
(fork, rollback); an identical head is stored once."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from cryptography import x509
from sqlalchemy import select

from registry_server.db import ledger_heads, read_tx
from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import (
    assemble_bundle,
    ledger_entry_for,
    ruling_payload,
    sign_payload,
)
from supervisor_app.signing.keys import Signer
from supervisor_app.signing.ledger import AuditPosition, Ledger, LedgerEntry, SignedHead
from supervisor_app.signing.pki import binding_of, cert_pem, crl_pem

COUNTY = "demo-county"
BOARD = "B-C0801"


@pytest.fixture(scope="module")
def live(private_live):
    """This module seals rulings of B-C0801: its own server, so the shared one's ledgers
    stay as test_rulings expects them."""
    return private_live


class Board:
    """B-C0801 as its workstation would act: seal rulings, sign heads, push both."""

    def __init__(self, live: Any) -> None:
        self.live = live
        self.board = next(b for b in live.dataset.boards if b.id == BOARD)
        self.roster = [m for m in live.dataset.members if m.board_id == BOARD]
        self.voting = [m.id for m in self.roster if m.votes]
        self.ledger = Ledger(BOARD)
        self.device = live.device_of(COUNTY)
        self.audit_seq = 100  # this device's audit chain grows between heads

    def now(self):
        return self.live.registry.now()

    def ruling(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The next sealed ruling (signed by three members) and its push item."""
        present = self.voting[:3]
        ruling = Ruling(
            id=str(uuid.uuid4()),
            board_id=BOARD,
            serial=self.ledger.next_seq,
            issued_on=date.today(),
            subject=RulingSubject.QUALIFICATION,
            subject_ref="R-1404-0000001",
            legal_basis=(LegalBasis("37", "ز"),),
            reasoning="داوطلب فاقد مدرک تحصیلی لازم است.",
            decision="رد صلاحیت تأیید می‌شود.",
            present_member_ids=tuple(present),
            absent_member_ids=tuple(m for m in self.voting if m not in present),
            votes=tuple(MemberVote(m, Vote.APPROVE) for m in present),
        )
        payload = ruling_payload(
            ruling,
            self.board,
            self.roster,
            session_at=self.now() - timedelta(hours=1),
            ledger_seq=self.ledger.next_seq,
            prev_ledger_hash=self.ledger.head_hash,
        )
        signers = self.live.pki.signers
        sigs = [sign_payload(payload, m, signers[m]) for m in present]
        bundle = assemble_bundle(
            payload,
            sigs,
            ca_certificate=self.live.pki.ca.certificate_pem,
            crl=self.live.pki.crl_pem(),
        )
        item = self.live.item("ruling", {"bundle": bundle.decode()}, item_id=ruling.id)
        return payload, item

    def seal(self) -> dict[str, Any]:
        """A ruling accepted by the server and entered in the local ledger."""
        payload, item = self.ruling()
        assert push(self.live, [item])[0]["status"] == "created"
        self.ledger.append(ledger_entry_for(payload))
        return payload

    def head(
        self,
        member: str | None = None,
        *,
        audit_seq: int | None = None,
        audit_hash: str | None = None,
        signer: Signer | None = None,
    ) -> SignedHead:
        """A version-2 head of the local ledger at the next audit position (by default)."""
        member = member or self.voting[0]
        if audit_seq is None:
            self.audit_seq += 10
            audit_seq = self.audit_seq
        audit = AuditPosition(self.device, audit_seq, audit_hash or f"{audit_seq:064x}")
        return self.ledger.sign_head(
            signer or self.live.pki.signers[member], member, at=self.now(), audit=audit
        )


def head_item(head: SignedHead, item_id: str | None = None) -> dict[str, Any]:
    item_id = item_id or str(uuid.uuid4())
    return {
        "id": item_id,
        "kind": "ledger_head",
        "payload": {"id": item_id, **head.as_dict()},
        "content_hash": "",
    }


def push(live: Any, items: list[dict[str, Any]], username: str = COUNTY) -> list[dict]:
    for item in items:
        item["content_hash"] = live.outbox_hash(item["kind"], item["payload"])
    response = live.push(username, items)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def rejected(result: dict[str, Any]) -> tuple[str, bool]:
    assert result["status"] == "rejected", result
    error = result["error"]
    assert error["message_fa"], error  # every refusal says what happened in Persian
    return error["code"], error["details"]["retryable"]


def stored_heads(live: Any) -> list[Any]:
    with read_tx(live.registry.engine) as conn:
        return conn.execute(select(ledger_heads).order_by(ledger_heads.c.pk)).all()


@pytest.fixture(scope="module")
def board(live):
    return Board(live)


def test_head_after_its_ruling_is_accepted_and_stored_once(live, board):
    """Ruling and head in one batch: both created; the same item again is a duplicate and
    the same signed head under a new id is accepted without a second row."""
    payload, ruling = board.ruling()
    board.ledger.append(ledger_entry_for(payload))
    head = board.head()
    item = head_item(head)
    assert [r["status"] for r in push(live, [ruling, item])] == ["created", "created"]
    rows = [r for r in stored_heads(live) if r.sha256 == head.sha256()]
    assert len(rows) == 1
    row = rows[0]
    assert (row.board_id, row.seq, row.hash, row.member_id) == (
        BOARD,
        head.seq,
        head.hash,
        head.member_id,
    )
    assert (row.device_id, row.audit_seq, row.audit_hash) == (
        board.device,
        head.audit.seq,
        head.audit.hash,
    )
    assert json.loads(row.body) == head.as_dict()
    assert push(live, [dict(item)])[0]["status"] == "duplicate"
    assert push(live, [head_item(head)])[0]["status"] == "created"
    assert len([r for r in stored_heads(live) if r.sha256 == head.sha256()]) == 1


def test_forged_or_altered_head_signature_is_rejected(live, board):
    """A head certified by a look-alike CA, or whose signature is over other bytes, is
    refused as head_invalid naming the failed check."""
    board.seal()
    member = board.voting[1]
    forged = board.head(member, signer=live.pki.forged_signers[member])
    code, retryable = rejected(push(live, [head_item(forged)])[0])
    assert code == "head_invalid" and not retryable
    altered = board.head(member)
    altered = replace(altered, signature=live.pki.signers[member].sign(b"something else"))
    result = push(live, [head_item(altered)])[0]
    assert rejected(result) == ("head_invalid", False)
    assert result["error"]["details"]["checks"] == ["head_signature_invalid"]
    assert (
        "certificate_untrusted" in push(live, [head_item(forged)])[0]["error"]["details"]["checks"]
    )
    assert push(live, [head_item(board.head(member))])[0]["status"] == "created"


def test_head_by_a_member_of_another_board_is_rejected(live, board):
    """A member of Tehran's board cannot sign Rey's head; nor can Rey push Tehran's."""
    board.seal()
    other = next(m for m in live.dataset.members if m.board_id == "B-C0802")
    signer = live.pki.signers[other.id]
    genuine = board.head()
    assert genuine.board_id == BOARD
    stolen = replace(genuine, member_id=other.id, certificate_pem=cert_pem(signer.certificate))
    stolen = replace(stolen, signature=signer.sign(stolen.signed_bytes()))
    result = push(live, [head_item(stolen)])[0]
    assert rejected(result) == ("head_invalid", False)
    assert {"wrong_board", "not_on_roster"} <= set(result["error"]["details"]["checks"])
    theirs = Ledger("B-C0802").sign_head(signer, other.id, at=board.now(), audit=genuine.audit)
    assert rejected(push(live, [head_item(theirs)])[0]) == ("board_mismatch", False)


def test_head_of_a_revoked_member_is_rejected(live, board):
    """A member whose key the CA revoked (key compromise) cannot sign a head."""
    board.seal()
    victim = board.voting[-1]  # rulings here are signed by the first three
    cert: x509.Certificate = live.pki.signers[victim].certificate
    now = board.now()
    live.pki.ca.revoke(
        cert.serial_number, x509.ReasonFlags.key_compromise, at=now - timedelta(hours=1)
    )
    live.set_crl(crl_pem(live.pki.ca.crl(now=now - timedelta(minutes=5))))
    assert binding_of(cert).board_id == BOARD
    result = push(live, [head_item(board.head(victim))])[0]
    assert rejected(result) == ("head_invalid", False)
    assert "certificate_revoked" in result["error"]["details"]["checks"]


def test_head_beyond_the_servers_ledger_is_a_gap_until_the_ruling_arrives(live, board):
    """A head of entry n+1 before ruling n+1: ledger_gap, retryable; accepted once the
    ruling is in."""
    payload, ruling = board.ruling()
    board.ledger.append(ledger_entry_for(payload))
    item = head_item(board.head())
    assert rejected(push(live, [item])[0]) == ("ledger_gap", True)
    assert push(live, [ruling])[0]["status"] == "created"
    assert push(live, [item])[0]["status"] == "created"


def test_head_naming_another_hash_for_a_ledger_position_is_a_fork(live, board):
    """A head whose ledger diverged from the server's (another entry at its last seq) is a
    permanent ledger_fork."""
    board.seal()
    entry = board.ledger.entry_at(len(board.ledger))
    assert entry is not None
    elsewhere = Ledger(BOARD, board.ledger.entries[:-1])
    elsewhere.append(LedgerEntry.make(BOARD, entry.seq, str(uuid.uuid4()), "c" * 64, entry.prev))
    member = board.voting[0]
    forked = board.head()
    forked = elsewhere.sign_head(
        live.pki.signers[member], member, at=board.now(), audit=forked.audit
    )
    assert (forked.seq, forked.hash) != (entry.seq, entry.hash)
    assert rejected(push(live, [head_item(forked)])[0]) == ("ledger_fork", False)
    assert push(live, [head_item(board.head())])[0]["status"] == "created"


def test_head_behind_the_devices_last_signed_head_is_a_rollback(live, board):
    """After a head of entry n, the same device's head of an earlier entry (a workstation
    whose ledger went back, e.g. restored from an old copy) is refused."""
    board.seal()
    assert push(live, [head_item(board.head())])[0]["status"] == "created"
    member = board.voting[0]
    older = Ledger(BOARD, board.ledger.entries[:-1]).sign_head(
        live.pki.signers[member], member, at=board.now(), audit=board.head().audit
    )
    assert older.seq == len(board.ledger) - 1
    assert rejected(push(live, [head_item(older)])[0]) == ("ledger_rollback", False)
    genesis = Ledger(BOARD).sign_head(
        live.pki.signers[member], member, at=board.now(), audit=board.head().audit
    )
    assert genesis.hash == GENESIS_HASH
    assert rejected(push(live, [head_item(genesis)])[0]) == ("ledger_rollback", False)


def test_device_audit_chain_may_neither_fork_nor_go_back(live, board):
    """Another hash at an audit position the device reported is audit_fork (signed or
    plain heads alike); a position behind the device's last signed head is
    audit_rollback."""
    board.seal()
    first = board.head()
    assert push(live, [head_item(first)])[0]["status"] == "created"
    assert first.audit is not None
    fork = board.head(audit_seq=first.audit.seq, audit_hash="e" * 64)
    assert rejected(push(live, [head_item(fork)])[0]) == ("audit_fork", False)
    plain = {
        "id": str(uuid.uuid4()),
        "board_id": BOARD,
        "device_id": board.device,
        "seq": first.audit.seq,
        "hash": "d" * 64,
        "at": "2026-02-20T10:00:00+00:00",
    }
    result = push(live, [{"id": plain["id"], "kind": "audit_head", "payload": plain}])[0]
    assert rejected(result) == ("audit_fork", False)
    back = board.head(audit_seq=first.audit.seq - 5)
    assert rejected(push(live, [head_item(back)])[0]) == ("audit_rollback", False)
    assert push(live, [head_item(board.head())])[0]["status"] == "created"


def test_malformed_heads_and_roles_are_refused(live, board):
    """A version-1 head, a head naming another device, a mismatched id, and an observer's
    push are each refused before anything is stored."""
    board.seal()
    member = board.voting[0]
    v1 = board.ledger.sign_head(live.pki.signers[member], member, at=board.now())
    assert rejected(push(live, [head_item(v1)])[0]) == ("invalid_payload", False)
    head = board.head()
    assert head.audit is not None
    elsewhere = board.head(audit_seq=head.audit.seq + 1)
    elsewhere = replace(elsewhere, audit=replace(elsewhere.audit, device_id="dev-other"))
    elsewhere = replace(
        elsewhere, signature=live.pki.signers[member].sign(elsewhere.signed_bytes())
    )
    assert rejected(push(live, [head_item(elsewhere)])[0]) == ("invalid_payload", False)
    item = head_item(head)
    item["payload"]["id"] = str(uuid.uuid4())
    assert rejected(push(live, [item])[0]) == ("id_mismatch", False)
    observer = push(live, [head_item(head)], username="demo-observer")[0]
    assert rejected(observer) == ("kind_not_allowed", False)
