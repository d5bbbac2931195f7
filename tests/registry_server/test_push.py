"""The push contract (after ODK Central): created, duplicate, conflict, rejected."""

from __future__ import annotations

import copy
import uuid

import pytest

COUNTY = "demo-county"


def _results(response):
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _dossier(live, client, registration_id):
    items, _ = live.pull_all(client, "dossiers")
    found = [i for i in items if i["id"] == registration_id]
    assert len(found) == 1
    return found[0]


def test_new_record_is_created_and_resend_is_a_duplicate(live):
    """A new id is created; the identical resend succeeds as a duplicate and stores nothing new."""
    d = live.take_dossier("0801", status="executive_approved")
    item = live.item("decision", live.decision(d.registration_id, "B-C0801"))
    first = _results(live.push(COUNTY, [item]))[0]
    assert first["status"] == "created" and first["seq"] > 0
    again = _results(live.push(COUNTY, [item]))[0]
    assert again["status"] == "duplicate"
    assert again["seq"] == first["seq"]
    with live.as_user(COUNTY) as c:
        records, _ = live.pull_all(c, "records")
    assert [r["id"] for r in records].count(item["id"]) == 1


def test_same_id_with_different_content_is_a_conflict(live):
    """Same id, different content: a per-item conflict (HTTP 200) naming the stored hash."""
    d = live.take_dossier("0801", status="executive_approved")
    payload = live.decision(d.registration_id, "B-C0801")
    created = _results(live.push(COUNTY, [live.item("decision", payload)]))[0]
    changed = copy.deepcopy(payload)
    changed["reason"] = "متن دیگری"
    result = _results(live.push(COUNTY, [live.item("decision", changed)]))[0]
    assert result["status"] == "conflict"
    assert result["error"]["code"] == "conflict"
    assert result["error"]["message_fa"]
    assert result["error"]["details"]["server_content_hash"] == created["content_hash"]


def test_invalid_payload_is_rejected_with_the_field(live):
    """A payload that breaks the wire form is rejected, naming the offending field."""
    d = live.take_dossier("0801")
    payload = live.decision(d.registration_id, "B-C0801")
    payload["outcome"] = "maybe"
    result = _results(live.push(COUNTY, [live.item("decision", payload)]))[0]
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "invalid_payload"
    assert result["error"]["details"]["field"] == "payload.outcome"


def test_rejection_without_legal_basis_is_refused(live):
    """Domain rules hold on the wire: a rejection must cite article and reason."""
    d = live.take_dossier("0801")
    payload = live.decision(d.registration_id, "B-C0801", outcome="rejected")
    payload["legal_basis"] = []
    result = _results(live.push(COUNTY, [live.item("decision", payload)]))[0]
    assert result["error"]["code"] == "invalid_payload"


def test_content_hash_is_recomputed_by_the_server(live):
    """An item whose content_hash does not match its payload is rejected."""
    d = live.take_dossier("0801")
    item = live.item("decision", live.decision(d.registration_id, "B-C0801"))
    item["content_hash"] = "0" * 64
    result = _results(live.push(COUNTY, [item]))[0]
    assert result["error"]["code"] == "content_hash_mismatch"
    assert result["error"]["details"]["server_content_hash"] == live.outbox_hash(
        "decision", item["payload"])


def test_item_id_must_equal_the_payload_id(live):
    """The outbox id is the record id: a mismatch is rejected."""
    d = live.take_dossier("0801")
    payload = live.decision(d.registration_id, "B-C0801")
    item = live.item("decision", payload, item_id=str(uuid.uuid4()))
    assert _results(live.push(COUNTY, [item]))[0]["error"]["code"] == "id_mismatch"


@pytest.mark.parametrize(
    ("field", "value"),
    [("schema_version", 99), ("cycle_code", "1400-6"), ("board_id", "B-C0802"),
     ("device_id", "someone-elses-device"), ("app_version", "0.0.1")],
)
def test_mismatched_stamp_rejects_the_whole_batch(live, field, value):
    """A wrong stamp is a 409 for the batch and nothing of it is stored."""
    d = live.take_dossier("0801")
    good = live.item("decision", live.decision(d.registration_id, "B-C0801"))
    other = live.item("observer_report", live.report(
        next(b.code for b in live.dataset.branches if b.code.startswith("0801-"))))
    response = live.push(COUNTY, [good, other], **{field: value})
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "stamp_mismatch"
    assert error["details"]["field"] == field
    # Nothing was stored: the same items now arrive as new.
    assert [r["status"] for r in _results(live.push(COUNTY, [good, other]))] == [
        "created", "created"]


def test_batch_results_keep_item_order_and_mix_outcomes(live):
    """One batch can hold created, duplicate, conflict and rejected items, answered in order."""
    d1 = live.take_dossier("0801", status="executive_approved")
    d2 = live.take_dossier("0801")
    first = live.item("decision", live.decision(d1.registration_id, "B-C0801"))
    assert _results(live.push(COUNTY, [first]))[0]["status"] == "created"
    changed = copy.deepcopy(first["payload"])
    changed["reason"] = "تغییر"
    bad = live.decision(d2.registration_id, "B-C0801")
    bad["decided_on"] = "20-02-2026"
    fresh = live.item("decision", live.decision(d2.registration_id, "B-C0801"))
    items = [fresh, first, live.item("decision", changed), live.item("decision", bad)]
    statuses = [r["status"] for r in _results(live.push(COUNTY, items))]
    assert statuses == ["created", "duplicate", "conflict", "rejected"]


def test_supervisory_decision_moves_the_dossier_and_republishes_it(live):
    """An approving supervisory decision moves the dossier along the state machine."""
    d = live.take_dossier("0801", status="executive_approved")
    with live.as_user(COUNTY) as c:
        before = _dossier(live, c, d.registration_id)
        item = live.item("decision", live.decision(d.registration_id, "B-C0801"))
        assert _results(live.push(COUNTY, [item]))[0]["status"] == "created"
        after = _dossier(live, c, d.registration_id)
    assert after["data"]["status"] == "supervisory_approved"
    assert after["revision"] == before["revision"] + 1 == after["data"]["revision"]
    assert after["seq"] > before["seq"]


def test_objection_before_its_decision_is_retryable(live):
    """Out-of-order delivery: an objection whose decision has not arrived is retryable."""
    d = live.take_dossier("0801", status="executive_approved")
    decision = live.decision(d.registration_id, "B-C0801", outcome="rejected")
    objection = {
        "id": str(uuid.uuid4()), "registration_id": d.registration_id,
        "against_decision_id": decision["id"], "filed_on": "2026-02-22",
        "text": "مدرک تحصیلی اینجانب معتبر است.", "routed_to_board_id": "B-P08",
        "status": "filed",
    }
    early = _results(live.push(COUNTY, [live.item("objection", objection)]))[0]
    assert early["status"] == "rejected"
    assert early["error"]["code"] == "missing_predecessor"
    assert early["error"]["details"]["retryable"] is True
    statuses = [r["status"] for r in _results(live.push(
        COUNTY, [live.item("decision", decision), live.item("objection", objection)]))]
    assert statuses == ["created", "created"]


def test_observer_report_and_complaint_are_accepted_in_scope(live):
    """Observer reports and complaints inside the county are created."""
    branches = [b for b in live.dataset.branches if b.code.startswith("0801-C1-")]
    report = live.report(branches[0].code)
    complaint = live.complaint("0801-C1", [branches[0].code], "B-C0801")
    complaint["report_ids"] = [report["id"]]
    results = _results(live.push(COUNTY, [live.item("observer_report", report),
                                          live.item("complaint", complaint)]))
    assert [r["status"] for r in results] == ["created", "created"]


def test_executive_decisions_are_not_accepted(live):
    """Executive-board decisions come from the executive board, not from this API."""
    d = live.take_dossier("0801")
    payload = live.decision(d.registration_id, None, stage="executive")
    result = _results(live.push(COUNTY, [live.item("decision", payload)]))[0]
    assert result["error"]["details"]["field"] == "payload.stage"


def test_decision_naming_another_board_is_refused(live):
    """A decision must be the pushing board's own."""
    d = live.take_dossier("0801")
    payload = live.decision(d.registration_id, "B-C0802")
    result = _results(live.push(COUNTY, [live.item("decision", payload)]))[0]
    assert result["error"]["code"] == "board_mismatch"


def test_audit_heads_detect_forks(live):
    """The same audit-chain position reported with another hash is an audit fork."""
    head = {"id": str(uuid.uuid4()), "board_id": "B-C0801", "device_id": "dev-demo-county",
            "seq": 41, "hash": "a" * 64, "at": "2026-02-20T10:00:00+00:00"}
    assert _results(live.push(COUNTY, [live.item("audit_head", head)]))[0]["status"] == "created"
    fork = {**head, "id": str(uuid.uuid4()), "hash": "b" * 64}
    result = _results(live.push(COUNTY, [live.item("audit_head", fork)]))[0]
    assert result["error"]["code"] == "audit_fork"


def test_an_audit_head_behind_what_the_device_reported_is_a_rollback(live):
    """A plain head earlier than one the device already reported (its log restored from an
    older copy) is audit_rollback; the same head again, and a later one, are accepted."""
    head = {"id": str(uuid.uuid4()), "board_id": "B-C0801", "device_id": "dev-demo-county",
            "seq": 70, "hash": "c" * 64, "at": "2026-02-20T10:00:00+00:00"}
    assert _results(live.push(COUNTY, [live.item("audit_head", head)]))[0]["status"] == "created"
    back = {**head, "id": str(uuid.uuid4()), "seq": 65, "hash": "9" * 64}
    result = _results(live.push(COUNTY, [live.item("audit_head", back)]))[0]
    assert result["error"]["code"] == "audit_rollback"
    again = {**head, "id": str(uuid.uuid4())}  # the same position and hash, another id
    assert _results(live.push(COUNTY, [live.item("audit_head", again)]))[0]["status"] == "created"
    later = {**head, "id": str(uuid.uuid4()), "seq": 71, "hash": "8" * 64}
    assert _results(live.push(COUNTY, [live.item("audit_head", later)]))[0]["status"] == "created"


def test_too_many_items_is_a_validation_error(live):
    """More than 200 items in a batch is refused as a whole with 422."""
    d = live.take_dossier("0801")
    items = [live.item("decision", live.decision(d.registration_id, "B-C0801"))
             for _ in range(201)]
    response = live.push(COUNTY, items)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
