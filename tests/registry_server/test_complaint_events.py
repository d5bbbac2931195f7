"""Complaint history entries (kind ``complaint_event``) on the server, and the server's own
record of an annulment awaiting the central board's approval."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.audit import GENESIS_HASH
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.signing.bundle import (
    assemble_bundle,
    ledger_entry_for,
    parse_bundle,
    ruling_payload,
    sign_payload,
)
from supervisor_app.signing.keys import SoftwareSigner, create_csr, generate_private_key

COUNTY = "demo-county"
PLACE = "0801-C1"


def _results(response):
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _outcomes(response):
    return [
        r["status"] if r["status"] in ("created", "duplicate") else r["error"]["code"]
        for r in _results(response)
    ]


def event(
    complaint_id: str,
    position: int,
    kind: str = "note",
    *,
    target=None,
    text: str = "صورتجلسه شعبه درخواست شد.",
) -> dict:
    if kind == "registered":
        target, text = "registered", ""
    return {
        "id": str(uuid.uuid4()),
        "complaint_id": complaint_id,
        "position": position,
        "at": f"2026-05-03T10:0{position % 10}:00+00:00",
        "kind": kind,
        "actor": "دبیر هیات",
        "text": text,
        "target": target,
    }


@pytest.fixture(scope="module")
def live(private_live):
    """This module seals rulings (ledger positions) and files complaints: its own server,
    so the shared one's ledgers stay as test_rulings expects them."""
    return private_live


def filed(live, username: str = COUNTY, place: str = PLACE) -> dict:
    """A complaint pushed with its first history entry."""
    complaint = live.complaint(place, [], live.board_of(username))
    first = event(complaint["id"], 0, "registered")
    assert _outcomes(
        live.push(
            username, [live.item("complaint", complaint), live.item("complaint_event", first)]
        )
    ) == ["created", "created"]
    return complaint


def records(live, username: str, kind: str) -> dict[str, dict]:
    with live.as_user(username) as c:
        items, _ = live.pull_all(c, "records")
    return {i["id"]: i for i in items if i["kind"] == kind}


def test_history_entries_are_created_in_order_and_published_in_scope(live):
    """Entries after the complaint and their predecessor are created, resent as duplicates,
    and reach the boards whose area holds the complaint, not a neighbouring county."""
    complaint = filed(live)
    note = event(complaint["id"], 1)
    escalated = event(
        complaint["id"], 2, "escalated", target=live.board_of("demo-provincial"), text=""
    )
    items = [live.item("complaint_event", note), live.item("complaint_event", escalated)]
    assert _outcomes(live.push(COUNTY, items)) == ["created", "created"]
    assert _outcomes(live.push(COUNTY, items)) == ["duplicate", "duplicate"]
    for username, visible in (
        ("demo-county", True),
        ("demo-provincial", True),
        ("demo-central", True),
        ("demo-county-2", False),
    ):
        got = records(live, username, "complaint_event")
        assert (escalated["id"] in got) == visible, username
        if visible:
            assert (
                wire.decode_complaint_event(got[escalated["id"]]["data"]).target
                == (escalated["target"])
            )
    # The escalated-to provincial board writes the next entry.
    assign = event(complaint["id"], 3, "assigned", target="M-P08-1", text="رئیس هیات")
    assert _outcomes(live.push("demo-provincial", [live.item("complaint_event", assign)])) == [
        "created"
    ]


def test_same_id_with_other_content_is_a_conflict(live):
    """An entry is immutable: the same id with other text is a 409-style conflict."""
    complaint = filed(live)
    note = event(complaint["id"], 1)
    assert _outcomes(live.push(COUNTY, [live.item("complaint_event", note)])) == ["created"]
    changed = copy.deepcopy(note)
    changed["text"] = "متن دیگر"
    result = _results(live.push(COUNTY, [live.item("complaint_event", changed)]))[0]
    assert result["status"] == "conflict" and result["error"]["code"] == "conflict"


def test_an_entry_waits_for_its_complaint_and_predecessor(live):
    """Before the complaint, or beyond a gap: missing_predecessor, retryable; a position
    another entry holds: history_conflict (not retryable)."""
    complaint = live.complaint(PLACE, [], live.board_of(COUNTY))
    early = event(complaint["id"], 0, "registered")
    first = _results(live.push(COUNTY, [live.item("complaint_event", early)]))[0]
    assert first["error"]["code"] == "missing_predecessor"
    assert first["error"]["details"]["retryable"] is True
    assert _outcomes(
        live.push(COUNTY, [live.item("complaint", complaint), live.item("complaint_event", early)])
    ) == ["created", "created"]
    gap = _results(live.push(COUNTY, [live.item("complaint_event", event(complaint["id"], 2))]))[0]
    assert gap["error"]["code"] == "missing_predecessor" and gap["error"]["details"]["retryable"]
    assert _outcomes(
        live.push(COUNTY, [live.item("complaint_event", event(complaint["id"], 1))])
    ) == ["created"]
    taken = _results(live.push(COUNTY, [live.item("complaint_event", event(complaint["id"], 1))]))[
        0
    ]
    assert taken["error"]["code"] == "history_conflict"
    assert taken["error"]["details"]["retryable"] is False and taken["error"]["message_fa"]


def test_only_boards_in_scope_write_a_complaints_history(live):
    """Another county's board: out_of_scope; an observer: kind_not_allowed; a clerk may not
    push at all; an escalation to an unknown board: unknown_reference."""
    complaint = filed(live)
    other = _results(
        live.push("demo-county-2", [live.item("complaint_event", event(complaint["id"], 1))])
    )[0]
    assert other["error"]["code"] == "out_of_scope"
    observer = _results(
        live.push("demo-observer", [live.item("complaint_event", event(complaint["id"], 1))])
    )[0]
    assert observer["error"]["code"] == "kind_not_allowed"
    clerk = live.push("demo-clerk", [live.item("complaint_event", event(complaint["id"], 1))])
    assert clerk.status_code == 403
    nowhere = event(complaint["id"], 1, "escalated", target="B-NOWHERE", text="")
    result = _results(live.push(COUNTY, [live.item("complaint_event", nowhere)]))[0]
    assert result["error"]["code"] == "unknown_reference"


def test_a_malformed_entry_is_refused_with_its_field(live):
    """A note without text, or a negative position, breaks the wire form."""
    complaint = filed(live)
    empty = event(complaint["id"], 1, text=" ")
    negative = event(complaint["id"], 1)
    negative["position"] = -1
    got = _results(
        live.push(
            COUNTY, [live.item("complaint_event", empty), live.item("complaint_event", negative)]
        )
    )
    assert [r["error"]["code"] for r in got] == ["invalid_payload", "invalid_payload"]
    assert got[1]["error"]["details"]["field"] == "payload.position"


# --- the server's record of an annulment awaiting approval --------------------------------


def _ledger_head(live, board_id: str) -> tuple[int, str]:
    """The next ledger position of ``board_id`` on the server and the hash it continues."""
    refs = [
        r
        for r in records(live, "demo-central", "ruling_ref").values()
        if r["data"]["board_id"] == board_id
    ]
    if not refs:
        return 1, GENESIS_HASH
    last = max(refs, key=lambda r: r["data"]["ledger_seq"])
    with live.as_user("demo-central") as c:
        bundle = c.get(f"/rulings/{last['id']}/bundle").content
    return last["data"]["ledger_seq"] + 1, ledger_entry_for(parse_bundle(bundle).payload).hash


def _sealed(
    live, board_id: str, signers, *, subject: RulingSubject, ref: str, extra: dict[str, str]
) -> tuple[str, bytes]:
    board = next(b for b in live.dataset.boards if b.id == board_id)
    roster = [m for m in live.dataset.members if m.board_id == board_id]
    voting = [m.id for m in roster if m.votes]
    seq, prev = _ledger_head(live, board_id)
    ruling = Ruling(
        str(uuid.uuid4()),
        board_id,
        seq,
        date.today(),
        subject,
        ref,
        (LegalBasis("70", "ح"),),
        "پلمب صندوق شکسته بود.",
        "ابطال صندوق",
        tuple(voting),
        votes=tuple(MemberVote(m, Vote.APPROVE) for m in voting),
        extra=extra,
    )
    payload = ruling_payload(
        ruling,
        board,
        roster,
        session_at=live.registry.now() - timedelta(hours=1),
        ledger_seq=seq,
        prev_ledger_hash=prev,
    )
    sigs = [sign_payload(payload, m, signers[m]) for m in voting]
    data = assemble_bundle(
        payload, sigs, ca_certificate=live.pki.ca.certificate_pem, crl=live.pki.crl_pem()
    )
    return ruling.id, data


@pytest.fixture(scope="module")
def central_signers(live):
    """Keys and certificates of the central board's members from the test CA."""
    central = live.board_of("demo-central")
    board = next(b for b in live.dataset.boards if b.id == central)
    out = {}
    for m in live.dataset.members:
        if m.board_id == central:
            key = generate_private_key()
            cert = live.pki.ca.issue(
                create_csr(key, m, board),
                board_id=central,
                role=m.role,
                valid_days=30,
                now=datetime.now(UTC) - timedelta(days=1),
            )
            out[m.id] = SoftwareSigner(key, cert)
    return out


def test_the_server_keeps_an_annulment_awaiting_until_the_central_board_approves(
    live, central_signers
):
    """A county annulment's ref says awaiting_approval; the central approval (visible to the
    county, whose area it concerns) turns it to sealed with a new revision."""
    county_board = live.board_of(COUNTY)
    complaint = filed(live)
    annulment_id, annulment = _sealed(
        live,
        county_board,
        live.pki.signers,
        subject=RulingSubject.ANNULMENT,
        ref=complaint["id"],
        extra={"outcome": "annulment", "complaint_id": complaint["id"]},
    )
    assert _outcomes(
        live.push(
            COUNTY, [live.item("ruling", {"bundle": annulment.decode()}, item_id=annulment_id)]
        )
    ) == ["created"]
    before = records(live, COUNTY, "ruling_ref")[annulment_id]
    assert before["data"]["status"] == "awaiting_approval"

    central = live.board_of("demo-central")
    approval_id, approval = _sealed(
        live,
        central,
        central_signers,
        subject=RulingSubject.ANNULMENT,
        ref=annulment_id,
        extra={"approves": annulment_id, "approval": "approved"},
    )
    assert _outcomes(
        live.push(
            "demo-central",
            [live.item("ruling", {"bundle": approval.decode()}, item_id=approval_id)],
        )
    ) == ["created"]

    refs = records(live, COUNTY, "ruling_ref")
    after = refs[annulment_id]
    assert after["data"]["status"] == "sealed"
    assert after["revision"] == before["revision"] + 1 and after["seq"] > before["seq"]
    assert refs[approval_id]["data"]["status"] == "sealed"  # the county sees the approval
    with live.as_user(COUNTY) as c:
        assert c.get(f"/rulings/{approval_id}/bundle").content == approval
    assert approval_id not in records(live, "demo-county-2", "ruling_ref")
    assert wire.encode_ruling_ref(wire.decode_ruling_ref(after["data"])) == after["data"]


def test_a_refused_entry_is_taken_under_the_same_id_at_the_next_free_position(live):
    """Two workstations wrote position 1: the second is refused (history_conflict) and
    nothing of it is recorded, so the same id sent again at position 2 is created; once
    stored, that id at yet another position is a conflict, not a second entry."""
    complaint = filed(live)
    first = event(complaint["id"], 1)
    second = event(complaint["id"], 1, text="یادداشت رایانهٔ دوم")
    assert _outcomes(live.push(COUNTY, [live.item("complaint_event", first)])) == ["created"]
    assert _outcomes(live.push(COUNTY, [live.item("complaint_event", second)])) == [
        "history_conflict"
    ]
    moved = {**second, "position": 2}
    assert _outcomes(live.push(COUNTY, [live.item("complaint_event", moved)])) == ["created"]
    again = {**second, "position": 3}
    result = _results(live.push(COUNTY, [live.item("complaint_event", again)]))[0]
    assert result["status"] == "conflict"
    got = records(live, COUNTY, "complaint_event")
    assert got[second["id"]]["data"]["position"] == 2


def test_the_central_board_reopens_a_countys_complaint(live):
    """After refusing an annulment the central board writes the complaint's next entry,
    kind reopened (target: its ruling); the county board receives it."""
    complaint = filed(live)
    decided = event(complaint["id"], 1, "decided", target=str(uuid.uuid4()), text="annulment")
    assert _outcomes(live.push(COUNTY, [live.item("complaint_event", decided)])) == ["created"]
    reopened = event(
        complaint["id"],
        2,
        "reopened",
        target=str(uuid.uuid4()),
        text="درخواست ابطال از سوی هیات مرکزی تأیید نشد",
    )
    assert _outcomes(live.push("demo-central", [live.item("complaint_event", reopened)])) == [
        "created"
    ]
    got = records(live, COUNTY, "complaint_event")
    assert wire.decode_complaint_event(got[reopened["id"]]["data"]).kind.value == "reopened"
