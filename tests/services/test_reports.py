"""ReportService: recording observer reports, branch lookup, comparison and drafts."""

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from supervisor_app.domain import wire
from supervisor_app.domain.election_day import OffenceCategory, Severity
from supervisor_app.domain.jalali import IRAN_TZ
from supervisor_app.domain.outbox import OutboxKind, OutboxStatus
from supervisor_app.domain.report_comparison import ComparedField, corrected_report_id
from supervisor_app.services.reports import ReportError, ReportService
from supervisor_app.store import open_store
from supervisor_app.store.repositories.audit import AuditRepository

NOW = datetime(2026, 5, 1, 8, 0, 30, 123456, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def service(seeded_store, tmp_path):
    return ReportService(
        seeded_store, attachments=tmp_path / "attachments", now=lambda: NOW, actor="tester"
    )


def counts(store) -> tuple[int, int, int]:
    with store.unit_of_work(read_only=True) as uow:
        return uow.reports.count(), uow.outbox.count(), uow.audit.count()


def record(service, branch="BR1", **kw):
    values = dict(
        category="late_opening",
        severity="medium",
        description="شعبه ساعت ۸:۳۰ باز شد",
        observed_at=NOW - timedelta(hours=1),
    )
    values.update(kw)
    return service.record(branch, **values)


def test_record_writes_report_outbox_item_and_audit_event(service, seeded_store):
    """One call stores the report, its outbox item (the server's wire form) and an audit event."""
    before = counts(seeded_store)
    r = record(service, witnesses=["علي رضايي", " زهرا  "], observer_id="O2")
    assert counts(seeded_store) == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert r.recorded_at == NOW
    assert r.witnesses == ("علی رضایی", "زهرا")  # Persian letters, tidy spacing
    assert r.observed_at == datetime(2026, 5, 1, 7, 0, 30, tzinfo=UTC)  # whole seconds
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.reports.get(r.id) == r
        item = uow.outbox.get(r.id)
        event = uow.audit.last()
    assert item.kind is OutboxKind.OBSERVER_REPORT and item.status is OutboxStatus.PENDING
    assert item.payload == wire.encode_observer_report(r)
    assert wire.normalise("observer_report", item.payload) == item.payload  # server decodes it
    assert (event.action, event.subject, event.actor) == (
        "observer_report.recorded",
        r.id,
        "tester",
    )
    assert event.details["branch_code"] == "BR1"


def test_record_is_all_or_nothing(service, seeded_store, monkeypatch):
    """If the audit event cannot be written, neither the report nor its outbox item remain."""
    before = counts(seeded_store)

    def broken(*args, **kwargs):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(AuditRepository, "append", broken)
    with pytest.raises(RuntimeError):
        record(service)
    assert counts(seeded_store) == before


def test_unknown_branch_is_refused_in_both_languages(service, seeded_store):
    """A branch code this store does not hold is refused, in English and Persian; nothing kept."""
    before = counts(seeded_store)
    with pytest.raises(ReportError) as caught:
        record(service, branch="BR99")
    assert "BR99" in str(caught.value) and "شعبه" in caught.value.message_fa
    assert counts(seeded_store) == before


def test_unknown_observer_and_bad_values_are_refused(service):
    """An unknown observer, category or severity, an empty text or a future time: refused."""
    for kw in (
        {"observer_id": "NOBODY"},
        {"category": "jaywalking"},
        {"severity": "huge"},
        {"description": "  \n "},
        {"observed_at": NOW + timedelta(hours=1)},
    ):
        with pytest.raises(ReportError) as caught:
            record(service, **kw)
        assert caught.value.message_fa
    assert service.count() == 0


def test_identical_retry_is_idempotent_and_a_changed_one_refused(service, seeded_store):
    """The same client id and content twice: one report, one outbox item, one audit event."""
    rid = "6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f"
    first = record(service, report_id=rid)
    after_first = counts(seeded_store)
    later = ReportService(
        seeded_store, attachments=Path("unused"), now=lambda: NOW + timedelta(minutes=3)
    )
    assert record(later, report_id=rid) == first  # the stored one, recorded_at unchanged
    assert counts(seeded_store) == after_first
    with pytest.raises(ReportError) as caught:
        record(service, report_id=rid, severity="high")
    assert "اصلاحیه" in caught.value.message_fa
    assert counts(seeded_store) == after_first


def test_naive_observation_time_is_tehran_time(service):
    """A time without zone is read as Tehran wall-clock time and stored in UTC."""
    r = record(service, observed_at=datetime(2026, 5, 1, 10, 15))
    assert r.observed_at == datetime(2026, 5, 1, 10, 15, tzinfo=IRAN_TZ).astimezone(UTC)
    assert r.observed_at.tzinfo is UTC


def test_attachments_are_copied_content_addressed(service, tmp_path):
    """A photo is copied to attachments/<sha256>; sha, size and media type are recorded."""
    photo = tmp_path / "عکس صندوق.png"
    photo.write_bytes(PNG)
    scan = tmp_path / "scan"  # no extension: recognised by its first bytes
    scan.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    r = record(service, attachments=[photo, scan])
    sha = hashlib.sha256(PNG).hexdigest()
    first, second = r.attachments
    assert (first.filename, first.sha256, first.size, first.media_type) == (
        "عکس صندوق.png",
        sha,
        len(PNG),
        "image/png",
    )
    assert second.media_type == "application/pdf"
    assert service.attachment_path(sha).read_bytes() == PNG
    assert not [
        p for p in service.attachment_path(sha).parent.iterdir() if p.name.startswith(".incoming")
    ]


def test_unacceptable_attachments_are_refused_before_anything_is_stored(service, tmp_path):
    """Missing, empty or non-photo/PDF files are refused and no report is written."""
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ" + b"\x00" * 10)
    for path in (tmp_path / "missing.pdf", empty, program):
        with pytest.raises(ReportError):
            record(service, attachments=[path])
    assert service.count() == 0


def test_correction_is_a_new_report_that_names_the_old_one(service):
    """A correction leaves the old report as it was and replaces it in the comparison."""
    old = record(service, category="vote_buying")
    other = record(service, observed_at=NOW - timedelta(minutes=55))
    fixed = record(service, corrects=old.id, description="نوع تخلف اشتباه ثبت شده بود")
    assert service.get(old.id) == old
    assert corrected_report_id(fixed) == old.id
    assert len(service.reports_of("BR1")) == 3
    comparison = service.compare_branch("BR1")
    assert {r.id for r in comparison.reports} == {other.id, fixed.id}
    assert ComparedField.CATEGORY in comparison.agreements
    with_old = service.compare_branch("BR1", include_corrected=True)
    assert ComparedField.CATEGORY in with_old.disagreements
    with pytest.raises(ReportError):
        record(service, branch="BR2", corrects=old.id)  # another branch's report


def test_compare_branch_uses_the_time_window(service):
    """Two reports 20 minutes apart agree on time for a 30-minute window only."""
    record(service, observed_at=NOW - timedelta(minutes=60))
    record(service, observed_at=NOW - timedelta(minutes=40))
    assert (
        ComparedField.OBSERVED_AT in service.compare_branch("BR1", timedelta(minutes=30)).agreements
    )
    assert (
        ComparedField.OBSERVED_AT
        in service.compare_branch("BR1", timedelta(minutes=10)).disagreements
    )


def test_branch_lookup_by_prefix_as_typed(service):
    """Lower case, Persian digits and stray spaces still find the branch, with its place."""
    found = service.branches_with_prefix(" br")
    assert [b.code for b in found] == ["BR1", "BR2"]
    assert found[0].constituency_name == "شهر تجریش" and found[0].address
    assert [b.code for b in service.branches_with_prefix("BR۱")] == ["BR1"]
    assert service.branches_with_prefix("BR", limit=1)[0].code == "BR1"
    assert service.branches_with_prefix("X") == []
    assert service.find_branch("br2").code == "BR2"
    assert service.find_branch("BR") is None
    assert [o.id for o in service.observers_of("BR1")] == ["O2"]


def test_recent_lists_latest_first_with_place_and_outbox_state(service):
    """Recent reports: latest observation first, with constituency name and outbox status."""
    a = record(service, observed_at=NOW - timedelta(hours=2))
    b = record(service, branch="BR2", observed_at=NOW - timedelta(hours=1))
    items = service.recent()
    assert [i.report.id for i in items] == [b.id, a.id]
    assert items[0].constituency_name == "روستای کند"
    assert {i.outbox_status for i in items} == {"pending"}


def test_drafts_save_load_discard(service):
    """A draft is saved, read back, replaced and discarded per slot."""
    assert service.load_draft("entry") is None
    service.save_draft("entry", {"branch": "BR1", "description": "شعبه"})
    service.save_draft("other", {"branch": "BR2"})
    service.save_draft("entry", {"branch": "BR1", "description": "شعبه دیر"})
    assert service.load_draft("entry") == {"branch": "BR1", "description": "شعبه دیر"}
    assert service.discard_draft("entry") is True
    assert service.load_draft("entry") is None
    assert service.discard_draft("entry") is False
    assert service.load_draft("other") == {"branch": "BR2"}


def test_a_saved_draft_is_committed_for_other_connections(service, store_path):
    """save_draft returns after commit: another connection to the file sees the draft."""
    service.save_draft("entry", {"description": "در حال نوشتن"})
    other = open_store(store_path)
    try:
        with other.unit_of_work(read_only=True) as uow:
            assert uow.report_drafts.get("entry") == {"description": "در حال نوشتن"}
    finally:
        other.close()


def test_store_is_wal_with_synchronous_full(seeded_store):
    """A recorded report or draft survives a power cut only if each commit is synced: FULL."""
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert uow.session.execute(text("PRAGMA synchronous")).scalar() == 2


def test_recording_deletes_the_draft_in_the_same_transaction(service):
    """A recorded report removes its draft; a refused one leaves the draft for fixing."""
    service.save_draft("entry", {"branch": "BR99"})
    with pytest.raises(ReportError):
        record(service, branch="BR99", draft_slot="entry")
    assert service.load_draft("entry") == {"branch": "BR99"}
    record(service, draft_slot="entry")
    assert service.load_draft("entry") is None


def test_enum_values_are_accepted_as_enums_or_strings(service):
    """Category and severity can be given as the enums or their values."""
    r = record(service, category=OffenceCategory.SEAL_BREAKING, severity=Severity.CRITICAL)
    assert (r.category, r.severity) == (OffenceCategory.SEAL_BREAKING, Severity.CRITICAL)
