"""A pushed change of a branch or observer: its payload, its base version, strict decoding."""

from __future__ import annotations

import copy

import pytest

from supervisor_app.domain import wire
from supervisor_app.domain.digest import record_hash
from supervisor_app.domain.election_day import Branch, Observer
from supervisor_app.domain.roster_push import (
    change_of,
    decode_change,
    encode_change,
    roster_hash,
)

BRANCH = Branch("0801-C1-B900", "0801-C1", "مدرسهٔ شهید بهشتی، خیابان ولیعصر", ("EVM-1",))
OBSERVER = Observer("OBS-0012345679", "زهرا کریمی", "0012345679", "1405/ن/2", BRANCH.code, None)


def test_a_new_record_has_no_base_and_a_correction_names_the_version_it_replaces():
    """change_of: None → no base; an earlier version → that version's feed hash."""
    new = change_of(BRANCH, None)
    assert new.base_sha256 is None and new.key == BRANCH.code and new.kind == "branch"
    moved = Branch(BRANCH.code, BRANCH.constituency_code, "نشانی اصلاح‌شده", BRANCH.device_ids)
    fix = change_of(moved, BRANCH)
    assert fix.base_sha256 == record_hash("branch", wire.encode_branch(BRANCH))
    assert fix.base_sha256 == roster_hash(BRANCH) == new.record_sha256
    assert fix.id != new.id and wire.is_uuid(fix.id)


def test_the_payload_round_trips_for_both_kinds():
    """decode(encode(change)) is the change, for a branch and an observer."""
    for record, before in ((BRANCH, None), (OBSERVER, OBSERVER)):
        change = change_of(record, before)
        data = encode_change(change)
        assert set(data) == {"id", "record", "base_sha256"}
        assert decode_change(change.kind, copy.deepcopy(data)) == change
    assert change_of(OBSERVER, None).key == OBSERVER.id


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("base_sha256"), "payload.base_sha256"),
        (lambda d: d.update(extra=1), "payload.extra"),
        (lambda d: d.update(id="NOT-A-UUID"), "payload.id"),
        (lambda d: d.update(id=d["id"].upper()), "payload.id"),
        (lambda d: d.update(base_sha256="AB" * 32), "payload.base_sha256"),
        (lambda d: d.update(base_sha256=7), "payload.base_sha256"),
        (lambda d: d["record"].update(address="x" * 513), "payload.record.address"),
        (lambda d: d["record"].update(code="کد فارسی"), "payload.record.code"),
        (lambda d: d["record"].pop("device_ids"), "payload.record.device_ids"),
    ],
)
def test_a_malformed_payload_names_the_field(mutate, field):
    """Every shape error is a WireError naming where it is."""
    data = encode_change(change_of(BRANCH, None))
    mutate(data)
    with pytest.raises(wire.WireError) as error:
        decode_change("branch", data, "payload")
    assert error.value.field == field


def test_a_branch_payload_is_not_an_observer_payload():
    """The kind decides the record's codec; other kinds are refused."""
    data = encode_change(change_of(BRANCH, None))
    with pytest.raises(wire.WireError):
        decode_change("observer", data, "payload")
    with pytest.raises(wire.WireError):
        decode_change("decision", data, "payload")
    with pytest.raises(TypeError):
        change_of(OBSERVER, BRANCH)
