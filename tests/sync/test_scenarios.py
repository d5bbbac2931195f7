"""The sync scenario matrix against the real registry server on loopback.

Every scenario ends by comparing, per kind, the count and content digest this
workstation holds with what the server answers for the same account (``GET /status``):
equal digests mean no record lost, none duplicated and none different.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from supervisor_app.domain.outbox import OutboxStatus
from supervisor_app.services.sync_retry import RetryPolicy

harness = sys.modules["nezarat_sync_harness"]
DOSSIERS = 1500
NO_RETRY = RetryPolicy(attempts=1)


def server_kinds(registry: Any, username: str = "demo-county") -> dict[str, Any]:
    return harness.Api(registry.url, username).status()["kinds"]


def local_kinds(ws: Any) -> dict[str, Any]:
    return {k: d.as_dict() for k, d in ws.sync.local_status().kinds.items()}


def dossiers_of(ws: Any, status: str | None = None) -> list[str]:
    with ws.store.unit_of_work(read_only=True) as uow:
        rows = uow.dossiers.search(limit=5000, status=status)
    return sorted(r.registration_id for r in rows)


def outbox_status(ws: Any, item_id: str) -> OutboxStatus:
    with ws.store.unit_of_work(read_only=True) as uow:
        item = uow.outbox.get(item_id)
    assert item is not None, "an outbox item disappeared"
    return item.status


def server_records(registry: Any, kind: str, username: str = "demo-county") -> list[dict]:
    return [i for i in harness.Api(registry.url, username).feed_all("records")
            if i["kind"] == kind]


# --- pull ---------------------------------------------------------------------------------


def secondary_indexes(ws) -> int:
    """The dossier table's secondary indexes (a first pull drops them until its end)."""
    with ws.store.unit_of_work(read_only=True) as uow:
        return uow.session.execute(sa.text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")).scalar_one()


def test_first_sync_holds_exactly_what_the_server_holds(registry, workstation):
    """First sync: every feed read to its end; per-kind counts and digests equal the server's."""
    ws = workstation(registry.url, "demo-county")
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert report.pulled["dossiers"] > 0 and report.pulled["reference"] > 0
    assert local_kinds(ws) == server_kinds(registry)
    assert ws.sync.verify().matches
    assert secondary_indexes(ws) == 4


def test_feed_pages_travel_gzip_compressed(registry, proxy, workstation):
    """gzip: the client asks for it and every non-trivial feed page arrives compressed."""
    ws = workstation(proxy.url, "demo-county")
    assert ws.sync.sync().converged
    feeds = [(p, e) for p, e in proxy.encodings if p in ("/reference", "/dossiers")]
    assert feeds and all(e == "gzip" for _p, e in feeds)


def test_first_sync_in_many_small_pages_of_every_feed(registry, workstation):
    """Paging: a central-board pull in pages of 150 records gives the same digests."""
    ws = workstation(registry.url, "demo-central",
                     page_sizes={"reference": 1500, "dossiers": 150, "records": 150})
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert ws.counts()["dossier"] == DOSSIERS
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_incremental_sync_brings_exactly_the_changed_and_withdrawn_dossiers(registry, workstation):
    """Incremental: after changes and a withdrawal, the next sync pulls just those (revised)."""
    ws = workstation(registry.url, "demo-county")
    assert ws.sync.sync().converged
    registrar = harness.Api(registry.url, "demo-registry")
    county = [i for i in harness.Api(registry.url, "demo-county").feed_all("dossiers")]
    registered = [i for i in county if i["data"]["status"] == "registered"]
    changed = registered[:3]
    for item in changed:
        data = dict(item["data"], occupation="کارمند بازنشسته (ویرایش)")
        assert registrar.put_dossier(data)["status"] == "updated"
    withdrawn = registered[3]["id"]
    assert registrar.withdraw(withdrawn)["status"] == "updated"

    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert report.pulled == {"reference": 0, "dossiers": 4, "records": 0}
    with ws.store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get(withdrawn).status.value == "withdrawn"
        for item in changed:
            got = uow.dossiers.get(item["id"])
            assert got.occupation == "کارمند بازنشسته (ویرایش)"
            assert got.revision == item["revision"] + 1
    assert local_kinds(ws) == server_kinds(registry)
    assert ws.sync.sync().pulled == {"reference": 0, "dossiers": 0, "records": 0}


def test_a_page_cut_off_mid_body_resumes_after_the_last_committed_page(
    registry, proxy, workstation
):
    """Interrupted mid-page: the pages before stay, the cut page writes nothing; resuming
    gives every dossier exactly once."""
    ws = workstation(proxy.url, "demo-central", policy=NO_RETRY,
                     page_sizes={"dossiers": 200})
    proxy.add("drop_mid_body", "/dossiers", skip=2)  # the third page of dossiers
    report = ws.sync.sync()
    assert not report.converged and report.error
    assert "drop_mid_body" in proxy.actions()
    assert ws.counts()["dossier"] == 400  # two whole pages, nothing of the third
    cursor = ws.sync.local_status(digests=False).cursors["sync.cursor.dossiers"]
    assert cursor > 0
    assert secondary_indexes(ws) == 4  # the failed first pull put its deferred indexes back

    resumed = ws.sync.sync()
    assert resumed.converged, resumed.as_dict()
    assert resumed.pulled["dossiers"] == DOSSIERS - 400  # nothing fetched twice
    assert ws.counts()["dossier"] == DOSSIERS
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_dropped_reset_and_failed_answers_are_retried_within_one_sync(
    registry, proxy, workstation
):
    """Server 5xx, a reset connection and a body cut off are retried with backoff."""
    ws = workstation(proxy.url, "demo-county", page_sizes={"reference": 400, "dossiers": 20})
    proxy.add("error500", "/reference", times=2)
    proxy.add("reset", "/dossiers", skip=1)
    proxy.add("drop_mid_body", "/dossiers", skip=2)
    proxy.add("error500", "/health")
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    actions = proxy.actions()
    assert actions.count("error500") == 3 and "reset" in actions and "drop_mid_body" in actions
    assert local_kinds(ws) == server_kinds(registry)


def test_a_slow_answer_times_out_and_is_asked_again(registry, proxy, workstation):
    """Timeouts: an answer slower than the read timeout is abandoned and retried."""
    ws = workstation(proxy.url, "demo-county", timeout=(2.0, 0.5))
    proxy.add("delay", "/dossiers", seconds=1.5)
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert [m for m, p, a in proxy.log if p == "/dossiers"].count("GET") >= 2
    assert local_kinds(ws) == server_kinds(registry)


def test_truncated_json_gives_a_clear_error_and_writes_nothing(registry, proxy, workstation):
    """Truncated JSON (valid HTTP, cut document): a clear error; the dossier feed writes
    nothing and its cursor stays; the next sync completes."""
    ws = workstation(proxy.url, "demo-county", policy=RetryPolicy(attempts=2, base=0.01))
    proxy.add("truncate_json", "/dossiers", times=None)
    report = ws.sync.sync()
    assert not report.converged
    assert "not valid JSON" in report.error and "هیچ چیز" in report.error_fa
    assert ws.counts()["dossier"] == 0
    assert ws.sync.local_status(digests=False).cursors["sync.cursor.dossiers"] == 0
    proxy.clear()
    assert ws.sync.sync().converged
    assert local_kinds(ws) == server_kinds(registry)


def test_a_record_that_breaks_its_codec_is_refused_by_field(registry, proxy, workstation):
    """Malformed JSON (well-formed, invalid record): the error names the field; nothing written."""
    ws = workstation(proxy.url, "demo-county", policy=NO_RETRY)
    proxy.add("malformed_json", "/dossiers")
    report = ws.sync.sync()
    assert "data.birth_date" in report.error, report.error
    assert ws.counts()["dossier"] == 0


def test_a_record_that_does_not_match_its_hash_is_refused(registry, proxy, workstation):
    """A record altered in transit (valid, but not what content_sha256 vouches for) is refused."""
    ws = workstation(proxy.url, "demo-county", policy=NO_RETRY)
    proxy.add("tamper_record", "/dossiers")
    report = ws.sync.sync()
    assert "content_sha256" in report.error
    assert ws.counts()["dossier"] == 0


# --- push ---------------------------------------------------------------------------------


def test_a_lost_answer_is_resent_and_acknowledged_as_a_duplicate(registry, proxy, workstation):
    """Duplicate push: the server stored the batch but its answer was lost; the resend is a
    'duplicate', the item is acknowledged and the server holds it once."""
    ws = workstation(proxy.url, "demo-county")
    assert ws.sync.sync().converged
    decision = ws.record_decision(dossiers_of(ws)[0])
    proxy.add("lose_response", "/push", method="POST")
    report = ws.sync.sync()
    assert report.converged, report.as_dict()
    assert report.pushed == {"duplicate": 1}
    assert outbox_status(ws, decision.id) is OutboxStatus.ACKNOWLEDGED
    assert [r["id"] for r in server_records(registry, "decision")].count(decision.id) == 1
    assert local_kinds(ws) == server_kinds(registry)


def test_an_identical_record_from_another_workstation_is_a_success(registry, workstation):
    """Identical resend (same id, same content, another device): acknowledged, not duplicated."""
    first = workstation(registry.url, "demo-county", name="first")
    second = workstation(registry.url, "demo-county", name="second")
    assert first.sync.sync().converged and second.sync.sync().converged
    rid = dossiers_of(first)[1]
    decision = first.record_decision(rid)
    second.record_decision(rid, decision_id=decision.id)
    assert first.sync.sync().pushed == {"created": 1}
    again = second.sync.sync()
    assert again.pushed == {"duplicate": 1} and again.converged
    assert [r["id"] for r in server_records(registry, "decision")].count(decision.id) == 1


def test_same_id_with_different_content_is_a_conflict_shown_to_the_user(registry, workstation):
    """Same id, different content: CONFLICT with the server's Persian reason and what to do;
    the item is kept (never deleted) and the sync does not count as converged."""
    first = workstation(registry.url, "demo-county", name="first")
    second = workstation(registry.url, "demo-county", name="second")
    assert first.sync.sync().converged and second.sync.sync().converged
    rid = dossiers_of(first)[2]
    decision = first.record_decision(rid, outcome="approved")
    assert first.sync.sync().converged
    second.record_decision(rid, decision_id=decision.id, outcome="rejected")

    report = second.sync.sync()
    assert report.pushed == {"conflict": 1}
    assert report.needs_attention == 1 and not report.converged
    assert outbox_status(second, decision.id) is OutboxStatus.CONFLICT
    [item] = second.sync.attention()
    assert item.id == decision.id and item.code == "conflict"
    assert "شناسه" in item.message_fa and "دبیر هیات" in item.advice_fa
    # The server kept the first version; this workstation now mirrors it too, and still
    # holds its own version in the outbox for the board to decide on.
    server_copy = [r for r in server_records(registry, "decision") if r["id"] == decision.id]
    assert server_copy[0]["data"]["outcome"] == "approved"
    with second.store.unit_of_work(read_only=True) as uow:
        assert uow.outbox.get(decision.id).payload["outcome"] == "rejected"
        assert uow.outbox.count_unsent() == 1


def test_an_out_of_scope_record_is_rejected_with_its_reason_and_can_be_sent_again(
    registry, workstation
):
    """Rejected: REJECTED with the server's code and Persian reason; 'send again' re-queues."""
    ws = workstation(registry.url, "demo-county")
    assert ws.sync.sync().converged
    elsewhere = next(i["id"] for i in harness.Api(registry.url, "demo-county-2").feed_all(
        "dossiers"))
    decision = ws.record_decision(elsewhere, keep=False)
    report = ws.sync.sync()
    assert report.pushed == {"rejected": 1} and not report.converged
    [item] = ws.sync.attention()
    assert item.code == "out_of_scope" and item.message_fa and "حوزه" in item.advice_fa
    ws.sync.send_again(decision.id)
    assert outbox_status(ws, decision.id) is OutboxStatus.PENDING


def test_out_of_order_delivery_converges_in_one_sync(registry, workstation):
    """Out of order: an objection queued before its decision is refused as 'missing
    predecessor', stays pending, and is delivered after the decision in the same sync."""
    ws = workstation(registry.url, "demo-county")
    assert ws.sync.sync().converged
    now = datetime.now(UTC)
    decision = ws.record_decision(dossiers_of(ws)[3], outcome="rejected",
                                  at=now + timedelta(seconds=1))
    objection = ws.record_objection(decision, routed_to="B-P08", at=now)
    report = ws.sync.sync()
    assert report.pushed == {"retry_later": 1, "created": 2}, report.as_dict()
    assert report.converged
    assert outbox_status(ws, objection.id) is OutboxStatus.ACKNOWLEDGED
    assert local_kinds(ws) == server_kinds(registry)


def test_a_wrong_batch_stamp_stores_nothing_and_keeps_the_items_pending(registry, workstation):
    """Stamp mismatch (another election cycle): the batch is refused atomically, the error
    says which field, and every item stays pending for the next sync."""
    ws = workstation(registry.url, "demo-county")
    assert ws.sync.sync().converged
    ids = [ws.record_decision(rid).id for rid in dossiers_of(ws)[4:7]]
    right = ws.settings.cycle_code
    ws.settings.cycle_code = "1399-6"
    report = ws.sync.sync()
    assert "cycle_code" in report.error and report.error_fa
    assert {outbox_status(ws, i) for i in ids} == {OutboxStatus.PENDING}
    server_ids = {r["id"] for r in server_records(registry, "decision")}
    assert not server_ids & set(ids)
    ws.settings.cycle_code = right
    assert ws.sync.sync().pushed == {"created": 3}


def test_a_batch_left_in_flight_by_a_crash_goes_back_to_pending_and_is_resent(
    registry, workstation
):
    """Interrupted batch: items left SENDING (the process died) are resent by the next sync."""
    ws = workstation(registry.url, "demo-county")
    assert ws.sync.sync().converged
    decision = ws.record_decision(dossiers_of(ws)[7])
    with ws.store.unit_of_work() as uow:
        uow.outbox.mark(decision.id, OutboxStatus.SENDING)
    report = ws.sync.sync()
    assert report.pushed == {"created": 1} and report.converged
    assert outbox_status(ws, decision.id) is OutboxStatus.ACKNOWLEDGED


def test_an_expired_token_is_renewed_with_the_stored_credentials(registry, workstation):
    """401: the engine signs in again with the keystore's password and carries on."""
    ws = workstation(registry.url, "demo-county")
    with ws.auth.client() as client:
        client.logout()  # the stored token is now revoked on the server
    assert ws.sync.sync().converged


def test_cancel_stops_between_pages_and_the_next_sync_resumes(registry, proxy, workstation):
    """Cancel: the engine stops at the next page boundary; resuming completes with no gap."""
    import threading

    ws = workstation(proxy.url, "demo-central", page_sizes={"dossiers": 100})
    proxy.add("delay", "/dossiers", seconds=0.1, times=None)
    cancel = threading.Event()
    seen: list[Any] = []

    def progress(p: Any) -> None:
        seen.append(p)
        if p.phase == "dossiers" and p.done >= 300:
            cancel.set()

    report = ws.sync.sync(progress, cancel)
    assert report.cancelled and not report.converged
    assert 300 <= ws.counts()["dossier"] < DOSSIERS
    totals = {p.total for p in seen if p.phase == "dossiers"}
    assert DOSSIERS in totals  # the first pull knows how much is coming
    proxy.clear()
    assert ws.sync.sync().converged
    assert local_kinds(ws) == server_kinds(registry, "demo-central")


def test_attachments_are_fetched_lazily_verified_and_resumed(registry, proxy, workstation):
    """Attachments: downloaded on first use by SHA-256, resumed with Range after a cut,
    verified before being moved into attachments/ (and again when read back)."""
    ws = workstation(proxy.url, "demo-county", policy=NO_RETRY)
    assert ws.sync.sync().converged
    with ws.store.unit_of_work(read_only=True) as uow:
        dossier = uow.dossiers.get(dossiers_of(ws)[0])
    doc = dossier.documents[0]
    target = ws.sync.attachment_path(doc.sha256)
    assert not target.exists()  # nothing was downloaded by the sync itself
    part = target.with_name(target.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    expected = f"nezarat-demo/{dossier.registration_id}/{doc.kind.value}".encode()
    part.write_bytes(expected[:10])  # an earlier download stopped after 10 bytes
    path = ws.sync.fetch_attachment(doc.sha256)
    assert path == target and path.read_bytes() == expected and not part.exists()
    ranges = [h for h in proxy.log if h[1].startswith("/attachments/")]
    assert ranges, "the download went through the proxy"

    part.write_bytes(b"garbage that does not hash")  # a corrupt part is thrown away
    target.unlink()
    assert ws.sync.fetch_attachment(doc.sha256).read_bytes() == expected
    target.write_bytes(b"altered on disk")  # a file that no longer hashes is fetched again
    assert ws.sync.fetch_attachment(doc.sha256).read_bytes() == expected


# --- connectivity and accounts --------------------------------------------------------------


def test_offline_the_queue_is_kept_and_the_reason_given_in_persian(registry, proxy, workstation):
    """No server: the sync reports offline with a Persian reason; queued items stay pending."""
    ws = workstation(proxy.url, "demo-county")
    assert ws.sync.sync().converged
    decision = ws.record_decision(dossiers_of(ws)[8])
    proxy.close()  # the network is gone
    report = ws.sync.sync()
    assert not report.online and not report.converged
    assert report.error_fa and "در دسترس نیست" in report.error_fa
    assert outbox_status(ws, decision.id) is OutboxStatus.PENDING
    assert not ws.sync.probe()
    state = ws.sync.state()
    assert state.pending == 1 and state.last_error


def test_signing_in_as_another_account_reads_every_feed_again(registry, workstation):
    """Cursors belong to one server and account: another account starts the feeds over, and
    login and logout are recorded in the audit log."""
    ws = workstation(registry.url, "demo-county")
    assert ws.sync.sync().converged
    signed = ws.auth.login(registry.url, "demo-county-2", harness.DEMO_PASSWORD)
    assert signed.origin_changed and signed.board_id == "B-C0802"
    report = ws.sync.sync()
    assert report.converged and report.pulled["reference"] > 0
    assert ws.auth.logout() is True
    with ws.store.unit_of_work(read_only=True) as uow:
        actions = [e.action for e in uow.audit.for_subject(f"{registry.url}/api/v1")]
    assert actions == ["registry.login", "registry.login", "registry.logout"]
