"""The consistency digest: a fixed definition both ends compute identically."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain import wire
from supervisor_app.domain.canonical import canonical_bytes
from supervisor_app.domain.digest import (
    EMPTY_DIGEST,
    DigestError,
    KindDigest,
    differences,
    digest_all,
    digest_records,
    kind_digest,
    record_hash,
    record_hash_reference,
    wire_canonical_bytes,
)
from supervisor_app.services.demo_data import generate_demo_dataset


def test_digest_follows_the_documented_definition():
    """sha256 over sorted '<id> <hash>\\n' lines; count = number of lines."""
    pairs = [("b", "2" * 64), ("a", "1" * 64)]
    expected = hashlib.sha256(f"a {'1' * 64}\nb {'2' * 64}\n".encode()).hexdigest()
    assert kind_digest(pairs) == KindDigest(2, expected)


def test_order_does_not_matter_and_content_does():
    """Any input order gives the same digest; one changed hash changes it."""
    pairs = [(f"R-{i:04d}", f"{i:064x}") for i in range(50)]
    assert kind_digest(pairs) == kind_digest(reversed(pairs))
    changed = [*pairs[:-1], (pairs[-1][0], "f" * 64)]
    assert kind_digest(changed).digest != kind_digest(pairs).digest


def test_empty_kind_and_duplicates():
    """Nothing hashes to sha256(b''); an id twice is an error, not a silent miscount."""
    assert kind_digest([]) == KindDigest(0, EMPTY_DIGEST)
    with pytest.raises(DigestError):
        kind_digest([("a", "1" * 64), ("a", "2" * 64)])


def test_ids_sort_by_code_point_not_locale():
    """Persian and Latin ids sort by Unicode code point (Python str order)."""
    pairs = [("ی", "1" * 64), ("ک", "2" * 64), ("Z", "3" * 64)]
    lines = "".join(f"{i} {h}\n" for i, h in sorted(pairs))
    assert kind_digest(pairs).digest == hashlib.sha256(lines.encode()).hexdigest()


def test_record_hash_is_the_canonical_bytes_hash_for_demo_records():
    """The fast path equals sha256(canonical_bytes(kind, wire)) on real records."""
    ds = generate_demo_dataset(200, 1404)
    samples = [("dossier", wire.encode_dossier(d)) for d in ds.dossiers]
    samples += [("cycle", wire.encode_cycle(ds.cycles[0]))]
    samples += [("board", wire.encode_board(b)) for b in ds.boards[:50]]
    samples += [("observer", wire.encode_observer(o)) for o in ds.observers[:50]]
    for kind, data in samples:
        assert wire_canonical_bytes(kind, data) == canonical_bytes(kind, data)
        assert record_hash(kind, data) == record_hash_reference(kind, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.text(st.characters(exclude_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(st.characters(max_codepoint=127), max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_fast_canonical_path_equals_rfc8785(value):
    """For float-free JSON with ASCII keys (every wire record), both encoders agree."""
    assert wire_canonical_bytes("k", value) == canonical_bytes("k", value)


def test_digest_records_and_differences():
    """digest_records hashes wire forms; differences lists only kinds that differ."""
    ours = digest_all({"province": [("01", record_hash("province", {"code": "01",
                                                                     "name": "x"}))]},
                      ["province", "county"])
    theirs = {"province": digest_records("province", [("01", {"code": "01", "name": "x"})]),
              "county": KindDigest(1, "0" * 64)}
    assert ours["province"] == theirs["province"]
    assert set(differences(ours, theirs)) == {"county"}
    assert KindDigest.from_dict(ours["county"].as_dict()) == ours["county"]
