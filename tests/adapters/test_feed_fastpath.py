"""The compiled dossier validator is a fast accept: never laxer than the reference decoder."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.adapters import feed_fastpath
from supervisor_app.domain import wire
from supervisor_app.domain.digest import wire_canonical_json
from supervisor_app.services.demo_data import generate_demo_dataset


@pytest.fixture(scope="module")
def dossiers() -> list[dict[str, Any]]:
    return [wire.encode_dossier(d) for d in generate_demo_dataset(400, 1404).dossiers]


def _reference_accepts(data: Any) -> bool:
    try:
        wire.decode_dossier(copy.deepcopy(data))
    except wire.WireError:
        return False
    return True


def test_every_canonical_demo_dossier_is_accepted(dossiers):
    """Canonical bytes of every demo dossier pass the fast path (so pulls stay fast)."""
    assert all(feed_fastpath.accept_dossier(wire_canonical_json(d)) for d in dossiers)


def test_a_non_canonical_spelling_goes_to_the_reference_path(dossiers):
    """Whitespace or another key order is valid JSON but not the hashed spelling."""
    d = dossiers[0]
    assert not feed_fastpath.accept_dossier(json.dumps(d, ensure_ascii=False).encode())
    assert not feed_fastpath.accept_dossier(json.dumps(d, sort_keys=True).encode())  # \\u escapes


MUTATIONS = [
    lambda d: d.pop("national_id"),
    lambda d: d.update(extra=1),
    lambda d: d.update(education=True),
    lambda d: d.update(education=2.0),
    lambda d: d.update(education=9),
    lambda d: d.update(gender="other"),
    lambda d: d.update(birth_date="1980-1-2"),
    lambda d: d.update(birth_date="1980-02-30"),
    lambda d: d.update(registered_at="2026-01-11 08:30:00"),
    lambda d: d.update(registered_at="2026-01-11T08:30:00Z"),
    lambda d: d.update(first_name=""),
    lambda d: d.update(first_name="ا" * 65),
    lambda d: d.update(address="x\x00y"),
    lambda d: d.update(address="line\nbreak"),
    lambda d: d.update(national_id="012345678\n"),
    lambda d: d.update(constituency_code="a b"),
    lambda d: d.update(revision=-1),
    lambda d: d.update(revision=2**60),
    lambda d: d["documents"][0].update(sha256="A" * 64) if d["documents"] else None,
    lambda d: d["documents"][0].update(size=0) if d["documents"] else None,
    lambda d: d["documents"][0].update(size=2 * 1024 * 1024, kind="id_card")
    if d["documents"] else None,
    lambda d: d.update(documents=[{}] * 17),
    lambda d: d["inquiries"].append({"authority": "police"}),
    lambda d: d.update(art41_post={"title": "x"}),
    lambda d: d.update(art41_post={"title": "x", "resigned_on": "2020-13-01"}),
    lambda d: d.update(status=None),
    lambda d: d.update(mobile=123),
]


@pytest.mark.parametrize("mutate", MUTATIONS)
def test_the_fast_path_never_accepts_what_the_reference_refuses(dossiers, mutate):
    """For each malformation: fast accept implies reference accept, on canonical bytes."""
    for d in dossiers[:40]:
        data = copy.deepcopy(d)
        mutate(data)
        raw = wire_canonical_json(data)
        if feed_fastpath.accept_dossier(raw):
            assert _reference_accepts(data), data


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 2**54), st.text(max_size=70),
    st.sampled_from(["2026-01-11T08:30:00", "2026-01-11T08:30:00+03:30", "1990-01-01",
                     "male", "female", "pending", "0012345679", "X" * 64, "f" * 64]),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, 399), key=st.sampled_from(sorted(wire.encode_dossier(
    generate_demo_dataset(1, 1404).dossiers[0]))), value=_scalars)
def test_random_field_values_agree_with_the_reference(dossiers, index, key, value):
    """Any single field set to any scalar: the fast path accepts only what the reference does."""
    data = copy.deepcopy(dossiers[index])
    data[key] = value
    raw = wire_canonical_json(data)
    if feed_fastpath.accept_dossier(raw):
        assert _reference_accepts(data)
        assert wire.encode_dossier(wire.decode_dossier(data)) == data


def test_the_fast_path_data_equals_what_json_reads(dossiers):
    """The rows are written from the fast path's values: they must be json.loads' values."""
    for d in dossiers:
        raw = wire_canonical_json(d)
        assert feed_fastpath.dossier_data(raw) == json.loads(raw) == d
