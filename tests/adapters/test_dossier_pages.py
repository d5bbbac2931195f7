"""Whole dossier pages read in one call: the same items as reading them one by one, and
every defect still refused with the item-by-item reading's own message."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from supervisor_app.adapters import feed_fastpath
from supervisor_app.adapters.registry_client import MalformedResponse, parse_feed_page
from supervisor_app.domain import wire
from supervisor_app.domain.digest import record_hash, wire_canonical_json
from supervisor_app.services.demo_data import generate_demo_dataset

from .test_feed_fastpath import MUTATIONS, _reference_accepts
from .test_registry_client import item, page


@pytest.fixture(scope="module")
def dossiers() -> list[dict[str, Any]]:
    return [wire.encode_dossier(d) for d in generate_demo_dataset(60, 1405).dossiers]


def _page(dossiers: list[dict[str, Any]], first_seq: int = 10) -> bytes:
    items = [item("dossier", d, first_seq + n, revision=d["revision"])
             for n, d in enumerate(dossiers)]
    return page(items, first_seq + len(dossiers) + 5)


def test_a_canonical_page_is_read_whole_with_the_same_items(dossiers):
    """The reference server's spelling takes the one-call path, and its items equal those
    of the same page read item by item (spaced out, so the one-call path declines it)."""
    body = _page(dossiers)
    assert feed_fastpath.dossier_page(body) is not None
    spaced = body.replace(b'"items":[', b'"items": [', 1)
    assert feed_fastpath.dossier_page(spaced) is None
    whole, by_item = parse_feed_page(body, after=3), parse_feed_page(spaced, after=3)
    assert whole == by_item
    assert len(whole.items) == len(dossiers) and whole.next_cursor == 10 + len(dossiers) + 5
    assert [msgspec_builtins(i.data) for i in whole.items] == dossiers


def msgspec_builtins(value: Any) -> Any:
    return feed_fastpath.msgspec.to_builtins(value)


def test_an_empty_page_and_a_mixed_page(dossiers):
    """No items at all reads as such; a page with another kind goes item by item."""
    assert parse_feed_page(page([], 40), after=3).items == []
    county = wire.encode_county(wire.decode_county({"code": "0801", "province_code": "08",
                                                    "name": "تهران"}))
    body = page([item("dossier", dossiers[0], 5, revision=dossiers[0]["revision"]),
                 item("county", county, 6)], 6)
    assert feed_fastpath.dossier_page(body) is None
    assert [i.kind for i in parse_feed_page(body, after=3).items] == ["dossier", "county"]


def _tamper(body: bytes, old: str, new: str) -> bytes:
    assert old.encode() in body
    return body.replace(old.encode(), new.encode(), 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b, d: _tamper(b, '"seq":11', '"seq":9'), "out of order"),
        (lambda b, d: _tamper(b, f'"next_cursor":{10 + 3 + 5}', '"next_cursor":11'),
         "out of order"),
        (lambda b, d: _tamper(b, f'"next_cursor":{10 + 3 + 5}', '"next_cursor":2'), "behind"),
        (lambda b, d: _tamper(b, record_hash("dossier", d[1]), "0" * 64), "content_sha256"),
        (lambda b, d: _tamper(b, f'"id":"{d[1]["registration_id"]}"', '"id":"R-other"'),
         "differs from its record"),
        (lambda b, d: _tamper(b, f'"revision":{d[2]["revision"]},"content',
                              f'"revision":{d[2]["revision"] + 1},"content'),
         "revision differs"),
        (lambda b, d: _tamper(b, '"seq":11,', '"seq":11,"seq":11,'), "repeated key"),
        (lambda b, d: _tamper(b, '"has_more":false', '"has_more":false,"has_more":true'),
         "repeated key"),
        (lambda b, d: _tamper(b, f'"national_id":"{d[0]["national_id"]}"',
                              '"national_id":"12345abcde"'), "national_id"),
        (lambda b, d: _tamper(b, f'"sha256":"{d[0]["documents"][0]["sha256"]}"',
                              '"sha256":"' + "A" * 64 + '"'), "sha256"),
        (lambda b, d: _tamper(b, f'"birth_date":"{d[0]["birth_date"]}"',
                              '"birth_date":"1980-02-30"'), "birth_date"),
        (lambda b, d: b.replace(d[1]["first_name"].encode(), b"\xff\xfe", 1), "not valid"),
        (lambda b, d: b.replace(d[1]["registration_id"].encode(), b"R-\xff", 1), "not valid"),
    ],
)
def test_a_defective_page_in_the_servers_spelling_is_refused_as_before(dossiers, change, message):
    """Each defect, in an otherwise canonical page, raises MalformedResponse naming it."""
    body = change(_page(dossiers[:3]), dossiers[:3])
    with pytest.raises(MalformedResponse, match=message):
        parse_feed_page(body, after=3)


@pytest.mark.parametrize("mutate", MUTATIONS)
def test_the_one_call_path_never_accepts_what_the_reference_refuses(dossiers, mutate):
    """One malformed dossier among valid ones: a page the one-call path accepts holds only
    dossiers the reference decoder accepts (hashes made to match, so only validity counts)."""
    for n in range(0, 40, 4):
        batch = copy.deepcopy(dossiers[n:n + 4])
        mutate(batch[1])
        items = [item("dossier", d, 10 + k, revision=d.get("revision", 0)
                      if isinstance(d.get("revision"), int) else 0)
                 for k, d in enumerate(batch)]
        body = page(items, 20)
        if feed_fastpath.dossier_page(body) is not None:
            assert all(_reference_accepts(d) for d in batch), json.dumps(batch[1])[:200]


def test_escapes_in_a_page_take_the_item_by_item_path(dossiers):
    """A quote inside a text is spelled with a backslash: read item by item, still exactly."""
    d = copy.deepcopy(dossiers[0])
    d["address"] = 'خیابان "آزادی"'
    body = page([item("dossier", d, 5, revision=d["revision"])], 5)
    assert b"\\" in body and feed_fastpath.dossier_page(body) is None
    parsed = parse_feed_page(body, after=3)
    assert parsed.items[0].record.address == 'خیابان "آزادی"'
    assert wire_canonical_json(wire.encode_dossier(parsed.items[0].record)) == \
        wire_canonical_json(d)
