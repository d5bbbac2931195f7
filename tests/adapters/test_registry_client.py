"""The registry client: strict parsing of every answer, and errors typed by what to do."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from supervisor_app.adapters.registry_client import (
    MalformedResponse,
    NotAuthenticated,
    Refused,
    RegistryClient,
    RegistryUnreachable,
    ServerFailure,
    api_base,
    parse_counts,
    parse_feed_page,
    parse_push_results,
    parse_status,
)
from supervisor_app.domain import wire
from supervisor_app.domain.digest import record_hash, wire_canonical_json
from supervisor_app.domain.geography import County, Province


def item(kind: str, data: dict[str, Any], seq: int, *, digest: str | None = None,
         revision: int = 0) -> str:
    """One feed item spelled as the server splices it (canonical data text)."""
    body = wire_canonical_json(data).decode()
    return (f'{{"kind":"{kind}","id":{json.dumps(wire.record_id(kind, data))},"seq":{seq},'
            f'"revision":{revision},"content_sha256":"{digest or record_hash(kind, data)}",'
            f'"data":{body}}}')


def page(items: list[str], next_cursor: int, has_more: bool = False) -> bytes:
    more = "true" if has_more else "false"
    return f'{{"items":[{",".join(items)}],"next_cursor":{next_cursor},"has_more":{more}}}'.encode()


PROVINCE = wire.encode_province(Province("08", "تهران"))
COUNTY = wire.encode_county(County("0801", "08", "تهران"))


def test_a_valid_page_decodes_every_record():
    """A page parses into validated items carrying the decoded domain objects."""
    parsed = parse_feed_page(page([item("province", PROVINCE, 5), item("county", COUNTY, 9)],
                                  12), after=3)
    assert [(i.kind, i.id, i.seq) for i in parsed.items] == [("province", "08", 5),
                                                            ("county", "0801", 9)]
    assert parsed.items[1].record == County("0801", "08", "تهران")
    assert parsed.next_cursor == 12 and parsed.has_more is False


def test_unknown_kinds_are_ignored_and_reported():
    """Forward compatibility: items of kinds this client does not know are skipped."""
    extra = '{"kind":"weather","id":"x","seq":4,"revision":0,"content_sha256":"' + "0" * 64 + \
        '","data":{"sunny":true},"new_field":1}'
    parsed = parse_feed_page(page([extra, item("province", PROVINCE, 6)], 6), after=0)
    assert [i.kind for i in parsed.items] == ["province"]
    assert parsed.skipped_kinds == {"weather"}


def test_a_differently_spelled_but_equal_record_is_accepted():
    """The hash is checked on the canonical form when the text is spelled otherwise."""
    spaced = json.dumps({"items": [{"kind": "province", "id": "08", "seq": 1, "revision": 0,
                                    "content_sha256": record_hash("province", PROVINCE),
                                    "data": PROVINCE}], "next_cursor": 1, "has_more": False},
                        indent=2, ensure_ascii=True).encode()
    assert parse_feed_page(spaced, after=0).items[0].record == Province("08", "تهران")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (page([item("province", PROVINCE, 5)], 12)[:-9], "not valid JSON"),
        (b'{"items": [], "next_cursor": 1.5, "has_more": false}', "next_cursor"),
        (b'{"items": [], "next_cursor": 2, "has_more": "no"}', "has_more"),
        (b'{"items": [], "next_cursor": 1, "has_more": false}', "behind"),
        (page([item("province", PROVINCE, 9), item("county", COUNTY, 8)], 12), "out of order"),
        (page([item("province", PROVINCE, 13)], 12), "out of order"),
        (page([item("province", PROVINCE, 5, digest="0" * 64)], 12), "content_sha256"),
        (page([item("province", {**PROVINCE, "name": ""}, 5)], 12), "items[0].data.name"),
        (page([item("province", {**PROVINCE, "extra": 1}, 5)], 12), "not a known field"),
        (page([item("province", PROVINCE, 5).replace('"id":"08"', '"id":"09"')], 12),
         "differs from its record"),
        (b'{"items": [], "items": [], "next_cursor": 2, "has_more": false}', "not valid JSON"),
        (b'{"next_cursor": 2, "has_more": false}', "not valid JSON"),
        (b'\xff\xfe', "not valid JSON"),
    ],
)
def test_a_defective_page_is_refused_before_anything_is_used(body, message):
    """Truncated, malformed, out-of-order, tampered or invalid pages raise MalformedResponse."""
    with pytest.raises(MalformedResponse, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_feed_page(body, after=2)


def test_push_results_must_answer_every_item_in_order():
    """One result per sent item, same ids, known statuses; otherwise MalformedResponse."""
    sent = [("a", "decision"), ("b", "decision")]
    good = json.dumps({"results": [
        {"id": "a", "kind": "decision", "status": "created", "seq": 3, "content_hash": "x"},
        {"id": "b", "kind": "decision", "status": "conflict", "content_hash": "x",
         "error": {"code": "conflict", "message_fa": "ناسازگار"}}], "cursor": 3}).encode()
    outcomes = parse_push_results(good, sent)
    assert [o.status for o in outcomes] == ["created", "conflict"]
    assert outcomes[1].error == {"code": "conflict", "message_fa": "ناسازگار"}
    for bad in (b'{"results": []}',
                good.replace(b'"id": "b"', b'"id": "c"'),
                good.replace(b'"conflict", "content_hash"', b'"maybe", "content_hash"'),
                b"{"):
        with pytest.raises(MalformedResponse):
            parse_push_results(bad, sent)


def test_status_digests_are_parsed_and_checked():
    """GET /status: cursor and per-kind count/digest, each checked."""
    body = json.dumps({"cursor": 7, "cycle_code": "1405-7",
                       "kinds": {"dossier": {"count": 2, "digest": "a" * 64}}}).encode()
    status = parse_status(body)
    assert status.cursor == 7 and status.kinds["dossier"].count == 2
    with pytest.raises(MalformedResponse):
        parse_status(body.replace(b'"count": 2', b'"count": -2'))


def test_server_addresses_are_normalised_to_the_api_base():
    """http://host:port, with or without /api/v1 or a trailing slash, is one base URL."""
    assert api_base("http://127.0.0.1:8700") == "http://127.0.0.1:8700/api/v1"
    assert api_base("http://127.0.0.1:8700/api/v1/") == "http://127.0.0.1:8700/api/v1"
    with pytest.raises(ValueError):
        api_base("ftp://example")


# --- errors over real HTTP ----------------------------------------------------------------


class Scripted(BaseHTTPRequestHandler):
    """Answers each path with a scripted (status, headers, body)."""

    protocol_version = "HTTP/1.1"
    answers: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        status, headers, body = self.answers[self.path.split("?")[0]]
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET


def error(code: str, fa: str = "") -> bytes:
    return json.dumps({"error": {"code": code, "message": code, "message_fa": fa,
                                 "details": {"field": "x"}}}).encode()


@pytest.fixture
def scripted() -> Iterator[str]:
    Scripted.answers = {
        "/api/v1/status": (503, {"Retry-After": "7"}, error("internal")),
        "/api/v1/records": (429, {}, error("rate_limited")),
        "/api/v1/auth/me": (401, {}, error("unauthenticated", "دوباره وارد شوید")),
        "/api/v1/dossiers": (403, {}, error("forbidden", "اجازه ندارد")),
        "/api/v1/reference": (200, {}, b'{"items": [], "next_cursor": 0, "has_more": tru'),
        "/api/v1/health": (200, {}, b'{"status": "ok"}'),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_errors_are_typed_by_what_the_caller_should_do(scripted):
    """5xx/429 retryable (with Retry-After), 401 sign in again, other 4xx refused with the
    server's code and Persian message, bad JSON malformed, no server unreachable."""
    with RegistryClient(scripted, token="t") as client:
        with pytest.raises(ServerFailure) as failure:
            client.status()
        assert failure.value.retryable and failure.value.retry_after == 7
        with pytest.raises(ServerFailure):
            client.feed("records", 0, 10)
        with pytest.raises(NotAuthenticated) as unauthenticated:
            client.me()
        assert unauthenticated.value.message_fa == "دوباره وارد شوید"
        with pytest.raises(Refused) as refused:
            client.feed("dossiers", 0, 10)
        assert (refused.value.status, refused.value.code) == (403, "forbidden")
        assert not refused.value.retryable and refused.value.details == {"field": "x"}
        with pytest.raises(MalformedResponse) as malformed:
            client.feed("reference", 0, 10)
        assert malformed.value.retryable
        assert client.health()
    with RegistryClient("http://127.0.0.1:9", token="t", timeout=(0.5, 0.5)) as nowhere:
        with pytest.raises(RegistryUnreachable) as unreachable:
            nowhere.status()
        assert unreachable.value.retryable and not nowhere.health()


def test_without_a_token_nothing_is_sent():
    """A call that needs a token fails locally as NotAuthenticated when there is none."""
    with RegistryClient("http://127.0.0.1:9") as client, pytest.raises(NotAuthenticated):
        client.status()


def test_counts_are_parsed_and_checked():
    """/counts gives a non-negative integer per kind; anything else is a clear error."""
    assert parse_counts(b'{"cursor": 7, "counts": {"dossier": 3, "province": 0}}') == {
        "dossier": 3, "province": 0}
    for bad in (b'{"cursor": 7, "counts": {"dossier": -1}}',
                b'{"cursor": 7, "counts": {"dossier": true}}',
                b'{"cursor": 7, "counts": {"dossier": "3"}}',
                b'{"counts": {}}', b'{"cursor": 7}', b'[1]', b'{"cursor": 7, "counts"'):
        with pytest.raises(MalformedResponse):
            parse_counts(bad)
