"""Wire codecs: every record kind round-trips exactly, and malformed input names its field."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime

import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.candidates import (
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
    Objection,
    QualificationDecision,
)
from supervisor_app.domain.complaints import ComplaintEvent, ComplaintEventKind
from supervisor_app.domain.election_day import (
    Attachment,
    ComplainantKind,
    Complaint,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from supervisor_app.domain.wire import WireError
from supervisor_app.services.demo_data import generate_demo_dataset

DATASET_KINDS = {
    "cycle": "cycles", "province": "provinces", "county": "counties", "district": "districts",
    "constituency": "constituencies", "board": "boards", "member": "members",
    "branch": "branches", "observer": "observers", "dossier": "dossiers",
}


@pytest.fixture(scope="module")
def demo():
    return generate_demo_dataset(300, 1404)


def _records():
    """One hand-built record of every kind the demo dataset does not contain."""
    at = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
    return {
        "decision": QualificationDecision(
            "4d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "R-1404-0000001",
            DecisionStage.SUPERVISORY, "B-C0801", DecisionOutcome.REJECTED,
            (LegalBasis("37", "ز"),), "فاقد مدرک", date(2026, 2, 20)),
        "objection": Objection("5d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "R-1404-0000001",
                               "4d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", date(2026, 2, 22),
                               "اعتراض دارم.", "B-P08"),
        "observer_report": ObserverReport(
            "6d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "0801-C1-B001", at,
            OffenceCategory.SEAL_BREAKING, Severity.HIGH, "پلمب صندوق شکسته بود.",
            "OBS-000001", ("علی",), (Attachment("a.jpg", "f" * 64, 10, "image/jpeg"),), at),
        "complaint": Complaint("7d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "مریم", "0012345679",
                               ComplainantKind.CANDIDATE, at, "شکایت", "0801-C1",
                               ["0801-C1-B001"], ["6d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b"]),
        "complaint_event": ComplaintEvent(
            "ad7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "7d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", 2,
            at, ComplaintEventKind.ESCALATED, "demo-county", "خارج از صلاحیت", "B-P08"),
        "ruling_ref": wire.RulingRef("8d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "B-C0801", 3,
                                     date(2026, 2, 21), "qualification", "R-1404-0000001",
                                     None, 3, "a" * 64, "b" * 64),
        "pki": wire.PkiRecord("central-ca", "-----BEGIN CERTIFICATE-----", "-----BEGIN X509"),
        "audit_head": wire.AuditHead("9d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b", "B-C0801", "ws-1",
                                     12, "c" * 64, at),
    }


def test_every_demo_record_round_trips_exactly(demo):
    """decode(encode(x)) == x and encode(decode(w)) == w for every demo record."""
    for kind, attr in DATASET_KINDS.items():
        for obj in getattr(demo, attr):
            data = wire.encode(kind, obj)
            back = wire.decode(kind, copy.deepcopy(data))
            assert back == obj
            assert wire.encode(kind, back) == data


def test_every_other_kind_round_trips_exactly():
    """The pushed kinds, ruling refs, PKI and audit heads round-trip too."""
    records = _records()
    assert set(records) | set(DATASET_KINDS) == set(wire.CODECS)
    for kind, obj in records.items():
        data = wire.encode(kind, obj)
        assert wire.decode(kind, data) == obj
        assert wire.normalise(kind, data) == data


def test_record_ids_come_from_the_kinds_id_field(demo):
    """record_id picks code / id / registration_id per kind."""
    assert wire.record_id("dossier", wire.encode_dossier(demo.dossiers[0])) == (
        demo.dossiers[0].registration_id)
    assert wire.record_id("branch", wire.encode_branch(demo.branches[0])) == demo.branches[0].code


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("national_id"), "national_id"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d.update(education=True), "education"),
        (lambda d: d.update(education=2.0), "education"),
        (lambda d: d.update(education=9), "education"),
        (lambda d: d.update(gender="other"), "gender"),
        (lambda d: d.update(birth_date="1980-1-2"), "birth_date"),
        (lambda d: d.update(registered_at="2026-01-11 08:30:00"), "registered_at"),
        (lambda d: d.update(first_name=""), "first_name"),
        (lambda d: d.update(first_name="ا" * 65), "first_name"),
        (lambda d: d.update(address="x\x00y"), "address"),
        (lambda d: d.update(address="\ud800"), "address"),
        (lambda d: d.update(constituency_code="a b"), "constituency_code"),
        (lambda d: d.update(revision=-1), "revision"),
        (lambda d: d.update(revision=2**60), "revision"),
        (lambda d: d["documents"][0].update(sha256="A" * 64), "documents[0].sha256"),
        (lambda d: d["documents"][0].update(size=0), "documents[0].size"),
        (lambda d: d.update(documents=[{}] * 17), "documents"),
        (lambda d: d["inquiries"].append({"authority": "police"}), "inquiries"),
        (lambda d: d.update(art41_post={"title": "x"}), "art41_post.resigned_on"),
        (lambda d: d.update(status=None), "status"),
    ],
)
def test_malformed_dossier_names_the_field(demo, mutate, field):
    """Each kind of malformation raises WireError whose field path points at it."""
    data = wire.encode_dossier(demo.dossiers[0])
    mutate(data)
    with pytest.raises(WireError) as caught:
        wire.decode_dossier(data)
    assert caught.value.field.startswith(field), caught.value


def test_domain_rules_surface_as_wire_errors():
    """A rejection without a legal basis, an anonymous complaint: refused on decode."""
    records = _records()
    decision = wire.encode("decision", records["decision"])
    decision["legal_basis"] = []
    with pytest.raises(WireError):
        wire.decode("decision", decision)
    complaint = wire.encode("complaint", records["complaint"])
    complaint["complainant_name"] = "   "
    with pytest.raises(WireError):
        wire.decode("complaint", complaint)


def test_non_objects_and_unknown_kinds_are_errors():
    """A list where an object belongs, or an unknown kind, raises WireError."""
    with pytest.raises(WireError) as caught:
        wire.decode("province", ["01", "x"])
    assert caught.value.field == ""
    with pytest.raises(WireError) as caught:
        wire.decode("nonsense", {})
    assert caught.value.field == "kind"


def test_nested_paths_include_the_prefix():
    """decode(kind, data, path) prefixes field paths, as the server does for payloads."""
    with pytest.raises(WireError) as caught:
        wire.decode("province", {"code": "01", "name": ""}, "payload")
    assert caught.value.field == "payload.name"


def test_uuid_form():
    """Outbox ids are canonical lowercase UUIDs."""
    assert wire.is_uuid("4d7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b")
    assert not wire.is_uuid("4D7E2A8E-9B1C-4F0E-8A55-0C1D2E3F4A5B")
    assert not wire.is_uuid("4d7e2a8e9b1c4f0e8a550c1d2e3f4a5b")


def test_a_ruling_ref_published_before_refs_had_a_status_decodes_as_sealed():
    """An old ruling_ref (no ``status``, as kept verbatim in older stores) decodes as
    sealed; any other missing field is still an error naming it."""
    data = wire.encode("ruling_ref", _records()["ruling_ref"])
    data.pop("status")
    assert wire.decode_ruling_ref(copy.deepcopy(data)).status == "sealed"
    assert "status" not in data  # the caller's stored record is left as it was
    data.pop("ledger_seq")
    with pytest.raises(WireError) as caught:
        wire.decode_ruling_ref(data)
    assert caught.value.field == "ledger_seq"
