"""Content-addressed attachments: ETag, HTTP Range (206/416), conditional requests, resume."""

from __future__ import annotations

import hashlib
import os

import pytest

from supervisor_app.domain import wire


@pytest.fixture(scope="module")
def upload(live):
    """A 200 KiB file uploaded by the county board (so ranges have room)."""
    content = os.urandom(200 * 1024)
    sha = hashlib.sha256(content).hexdigest()
    with live.as_user("demo-county") as c:
        r = c.put(f"/attachments/{sha}", content=content,
                  headers={"Content-Type": "application/octet-stream"})
        assert r.status_code == 201
        again = c.put(f"/attachments/{sha}", content=content,
                      headers={"Content-Type": "application/octet-stream"})
        assert again.status_code == 200 and again.json() == {"sha256": sha, "size": len(content)}
    return sha, content


def test_demo_document_bytes_match_the_dossier_hash(live):
    """A dossier document downloads as the demo bytes whose SHA-256 the dossier records."""
    d = live.take_dossier("0801")
    doc = d.documents[0]
    with live.as_user("demo-county") as c:
        r = c.get(f"/attachments/{doc.sha256}")
    assert r.status_code == 200
    assert hashlib.sha256(r.content).hexdigest() == doc.sha256
    assert r.content == f"nezarat-demo/{d.registration_id}/{doc.kind.value}".encode()
    assert r.headers["etag"] == f'"{doc.sha256}"'
    assert r.headers["accept-ranges"] == "bytes"


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-99", 0, 99), ("bytes=1000-", 1000, 204799), ("bytes=-500", 204300, 204799),
     ("bytes=204700-999999", 204700, 204799), ("bytes=0-0", 0, 0)],
)
def test_single_ranges_answer_206_with_content_range(live, upload, header, start, end):
    """bytes=a-b, a-, -n and over-long ends give 206 and exactly those bytes."""
    sha, content = upload
    with live.as_user("demo-county") as c:
        r = c.get(f"/attachments/{sha}", headers={"Range": header})
    assert r.status_code == 206
    assert r.headers["content-range"] == f"bytes {start}-{end}/{len(content)}"
    assert r.content == content[start:end + 1]
    assert "content-encoding" not in r.headers


@pytest.mark.parametrize("header", ["bytes=204800-", "bytes=300000-300010", "bytes=-0"])
def test_unsatisfiable_ranges_answer_416(live, upload, header):
    """A range starting past the end is 416 with Content-Range: bytes */size."""
    sha, content = upload
    with live.as_user("demo-county") as c:
        r = c.get(f"/attachments/{sha}", headers={"Range": header})
    assert r.status_code == 416
    assert r.headers["content-range"] == f"bytes */{len(content)}"
    assert r.json()["error"]["code"] == "range_not_satisfiable"


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "items=0-9", "bytes=9-1", "bytes=x-"])
def test_ignored_ranges_serve_the_whole_file(live, upload, header):
    """Multi-range, other units and malformed ranges are ignored (RFC 9110): 200."""
    sha, content = upload
    with live.as_user("demo-county") as c:
        r = c.get(f"/attachments/{sha}", headers={"Range": header})
    assert r.status_code == 200 and r.content == content


def test_if_range_and_if_none_match(live, upload):
    """A stale If-Range gets the whole file; a matching If-None-Match gets 304."""
    sha, content = upload
    with live.as_user("demo-county") as c:
        stale = c.get(f"/attachments/{sha}", headers={"Range": "bytes=0-9",
                                                      "If-Range": '"other"'})
        fresh = c.get(f"/attachments/{sha}", headers={"Range": "bytes=0-9",
                                                      "If-Range": f'"{sha}"'})
        cached = c.get(f"/attachments/{sha}", headers={"If-None-Match": f'"{sha}"'})
    assert stale.status_code == 200 and len(stale.content) == len(content)
    assert fresh.status_code == 206 and fresh.content == content[:10]
    assert cached.status_code == 304 and cached.content == b""


def test_interrupted_download_resumes_to_the_same_hash(live, upload):
    """Downloading in resumed chunks reassembles the file; its SHA-256 matches the name."""
    sha, _content = upload
    got = b""
    with live.as_user("demo-county") as c:
        while True:
            r = c.get(f"/attachments/{sha}",
                      headers={"Range": f"bytes={len(got)}-{len(got) + 65535}"})
            if r.status_code == 416:
                break
            assert r.status_code == 206
            got += r.content
    assert hashlib.sha256(got).hexdigest() == sha


def test_head_gives_headers_without_a_body(live, upload):
    """HEAD answers size and ETag only."""
    sha, content = upload
    with live.as_user("demo-county") as c:
        r = c.head(f"/attachments/{sha}")
    assert r.status_code == 200
    assert int(r.headers["content-length"]) == len(content)
    assert r.content == b""


def test_upload_must_hash_to_its_name(live):
    """An upload whose bytes do not hash to the path is refused."""
    with live.as_user("demo-county") as c:
        r = c.put(f"/attachments/{'a' * 64}", content=b"hello",
                  headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 422


def test_unknown_and_malformed_names(live):
    """An unknown hash is 404; a name that is not a SHA-256 is 422."""
    with live.as_user("demo-county") as c:
        assert c.get(f"/attachments/{'e' * 64}").status_code == 404
        assert c.get("/attachments/not-a-hash").status_code == 422


def test_observer_report_attachment_becomes_visible_in_scope(live):
    """A file cited by an observer report is readable by the boards above the branch."""
    content = b"photo of the sealed box"
    sha = hashlib.sha256(content).hexdigest()
    observer = live.accounts["demo-observer"].observer_id
    branch = next(o.branch_code for o in live.dataset.observers if o.id == observer)
    with live.as_user("demo-observer") as c:
        assert c.put(f"/attachments/{sha}", content=content,
                     headers={"Content-Type": "application/octet-stream"}).status_code in (200, 201)
    report = live.report(branch, observer_id=observer)
    report["attachments"] = [{"filename": "box.jpg", "sha256": sha, "size": len(content),
                              "media_type": "image/jpeg"}]
    r = live.push("demo-observer", [live.item("observer_report", report)])
    assert r.json()["results"][0]["status"] == "created", r.text
    with live.as_user("demo-county") as c:
        assert c.get(f"/attachments/{sha}").content == content
    with live.as_user("demo-county-2") as c:
        assert c.get(f"/attachments/{sha}").status_code == 404


# --- size limit: phone photos and scans up to the wire limit ---------------------------------

MIB = 1024 * 1024
OCTETS = {"Content-Type": "application/octet-stream"}


def _chunks(content: bytes, size: int = 256 * 1024):
    for start in range(0, len(content), size):
        yield content[start : start + size]


@pytest.mark.parametrize("size", [3 * MIB, wire.MAX_ATTACHMENT_BYTES])
def test_attachments_up_to_the_wire_limit_are_stored_whole(live, size):
    """A 3 MiB photo and a file of exactly 16 MiB upload (201) and download unchanged."""
    content = os.urandom(size)
    sha = hashlib.sha256(content).hexdigest()
    with live.as_user("demo-county") as c:
        r = c.put(f"/attachments/{sha}", content=content, headers=OCTETS)
        assert r.status_code == 201, r.text
        assert r.json() == {"sha256": sha, "size": size}
        got = c.get(f"/attachments/{sha}")
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == sha


def test_chunked_attachment_without_length_is_stored(live):
    """A streamed upload without Content-Length (2.5 MiB in chunks) is stored and verified."""
    content = os.urandom(5 * MIB // 2)
    sha = hashlib.sha256(content).hexdigest()
    with live.as_user("demo-county") as c:
        r = c.put(f"/attachments/{sha}", content=_chunks(content), headers=OCTETS)
        assert r.status_code == 201, r.text
        assert c.get(f"/attachments/{sha}").content == content


def test_attachments_over_the_wire_limit_are_413_declared_or_streamed(live):
    """One byte over 16 MiB is 413 by its Content-Length and when counted chunk by chunk."""
    content = os.urandom(wire.MAX_ATTACHMENT_BYTES + 1)
    sha = hashlib.sha256(content).hexdigest()
    with live.as_user("demo-county") as c:
        declared = c.put(f"/attachments/{sha}", content=content, headers=OCTETS)
    with live.as_user("demo-county") as c:
        streamed = c.put(f"/attachments/{sha}", content=_chunks(content), headers=OCTETS)
    for r in (declared, streamed):
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "payload_too_large"
    assert streamed.json()["error"]["details"]["limit"] == wire.MAX_ATTACHMENT_BYTES
    with live.as_user("demo-county") as c:
        assert c.get(f"/attachments/{sha}").status_code == 404  # nothing was stored


def test_streamed_upload_must_hash_to_its_name(live):
    """A chunked upload whose bytes do not hash to the path is 422 and not stored."""
    content = os.urandom(2 * MIB)
    wrong = hashlib.sha256(content + b"x").hexdigest()
    with live.as_user("demo-county") as c:
        r = c.put(f"/attachments/{wrong}", content=_chunks(content), headers=OCTETS)
        assert r.status_code == 422
        assert c.get(f"/attachments/{wrong}").status_code == 404


def test_a_role_that_may_not_upload_is_refused_before_the_body(live):
    """A read-only clerk's upload is 403 (the route refuses before reading the file)."""
    content = os.urandom(MIB)
    sha = hashlib.sha256(content).hexdigest()
    with live.as_user("demo-clerk") as c:
        r = c.put(f"/attachments/{sha}", content=content, headers=OCTETS)
    assert r.status_code == 403
