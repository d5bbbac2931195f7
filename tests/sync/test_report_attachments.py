"""Observer reports with attachments, recorded through ReportService, synced to the real server.

Phone photos are several MB: a 3 MiB photo and a PDF reach the server whole (downloaded
back and hashed). One report's file the server refuses (413, injected by the proxy as a
server with a small limit answers), one whose file is missing here and one whose file was
damaged here are each rejected with a Persian reason and advice, and nothing else is held
up: the other reports are delivered and the pull still brings another workstation's report.
A transient failure of one upload keeps only that report pending, for the next sync.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from supervisor_app.domain.outbox import OutboxStatus
from supervisor_app.services.reports import ReportService
from supervisor_app.services.sync_attachments import ATTACHMENT_ADVICE

harness = sys.modules["nezarat_sync_harness"]
MIB = 1024 * 1024
PERSIAN = re.compile("[\u0600-\u06ff]")


def photo(folder: Path, name: str, size: int) -> Path:
    """A JPEG-looking file of ``size`` random bytes (distinct content, distinct hash)."""
    path = folder / name
    path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(size - 4))
    return path


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reports_of(ws: Any) -> ReportService:
    return ReportService(ws.store, attachments=ws.root / "attachments")


def record(service: ReportService, branch: str, text: str, files: list[Path] = ()) -> str:
    return service.record(
        branch,
        category="seal_breaking",
        severity="high",
        description=text,
        observed_at=datetime.now(UTC) - timedelta(hours=1),
        attachments=files,
    ).id


def statuses(ws: Any, ids: list[str]) -> dict[str, OutboxStatus]:
    with ws.store.unit_of_work(read_only=True) as uow:
        return uow.outbox.statuses(ids)


def server_reports(url: str) -> dict[str, dict[str, Any]]:
    api = harness.Api(url, "demo-county")
    return {i["id"]: i["data"] for i in api.feed_all("records") if i["kind"] == "observer_report"}


def download(url: str, sha: str) -> bytes | None:
    api = harness.Api(url, "demo-county")
    r = api.http.get(f"{api.base}/attachments/{sha}", timeout=60)
    return r.content if r.status_code == 200 else None


def test_one_bad_attachment_rejects_only_its_report(registry, proxy, workstation, tmp_path):
    """3 MiB photo and PDF arrive whole; refused, missing and damaged files reject only their
    reports, with Persian reasons; the pull still brings another workstation's report."""
    ws = workstation(proxy.url, "demo-county", name="clerk")
    assert ws.sync.sync().converged
    other = workstation(registry.url, "demo-county", name="other")
    assert other.sync.sync().converged
    service = reports_of(ws)
    branch, second = (b.code for b in service.branches_with_prefix("", 2))
    files = tmp_path / "files"
    files.mkdir()

    elsewhere = record(reports_of(other), second, "گزارش رایانهٔ دیگر")
    assert other.sync.sync().converged

    big = photo(files, "box-seal.jpg", 3 * MIB)
    scan = files / "minutes.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + os.urandom(200 * 1024))
    refused_file = photo(files, "queue.jpg", 2 * MIB)
    lost_file = photo(files, "lost.jpg", MIB)
    damaged_file = photo(files, "damaged.jpg", MIB)
    ok_big = record(service, branch, "لاک صندوق شکسته بود", [big, scan])
    plain = record(service, branch, "صف طولانی بود")
    refused = record(service, branch, "صف رأی‌دهندگان", [refused_file])
    lost = record(service, second, "عکس گم‌شده", [lost_file])
    damaged = record(service, second, "عکس خراب", [damaged_file])
    stored = ws.root / "attachments"
    (stored / sha_of(lost_file)).unlink()
    (stored / sha_of(damaged_file)).write_bytes(b"\xff\xd8\xff\xe0 not the recorded photo")
    proxy.add("refuse", f"/attachments/{sha_of(refused_file)}", method="PUT", times=None)

    report = ws.sync.sync()

    assert report.error == "" and report.caught_up, report.as_dict()
    assert report.needs_attention == 3 and report.pending == 0
    assert statuses(ws, [ok_big, plain, refused, lost, damaged]) == {
        ok_big: OutboxStatus.ACKNOWLEDGED,
        plain: OutboxStatus.ACKNOWLEDGED,
        refused: OutboxStatus.REJECTED,
        lost: OutboxStatus.REJECTED,
        damaged: OutboxStatus.REJECTED,
    }
    attention = {a.id: a for a in ws.sync.attention()}
    expected = {
        refused: ("attachment_too_large", "queue.jpg"),
        lost: ("attachment_missing", "lost.jpg"),
        damaged: ("attachment_corrupt", "damaged.jpg"),
    }
    for item_id, (code, name) in expected.items():
        item = attention[item_id]
        assert item.code == code and item.status == "rejected"
        assert name in item.message_fa and PERSIAN.search(item.message_fa)
        assert (item.advice, item.advice_fa) == ATTACHMENT_ADVICE[code]
    # The pull ran after the push: the other workstation's report is here.
    assert service.get(elsewhere) is not None

    on_server = server_reports(registry.url)
    assert {ok_big, plain, elsewhere} <= on_server.keys()
    assert not {refused, lost, damaged} & on_server.keys()
    for path in (big, scan):  # the bytes themselves, checked by their hash
        content = download(registry.url, sha_of(path))
        assert content is not None and hashlib.sha256(content).hexdigest() == sha_of(path)
    assert len(download(registry.url, sha_of(big)) or b"") == 3 * MIB
    assert [a["sha256"] for a in on_server[ok_big]["attachments"]] == [sha_of(big), sha_of(scan)]
    # A missing or damaged file is never uploaded in place of the recorded one.
    puts = {p for m, p, _a in proxy.log if m == "PUT"}
    assert f"/attachments/{sha_of(lost_file)}" not in puts
    assert f"/attachments/{sha_of(damaged_file)}" not in puts

    # The file put back, "Send again" delivers the report with it.
    (stored / sha_of(lost_file)).write_bytes(lost_file.read_bytes())
    ws.sync.send_again(lost)
    again = ws.sync.sync()
    assert again.error == "" and statuses(ws, [lost])[lost] is OutboxStatus.ACKNOWLEDGED
    assert download(registry.url, sha_of(lost_file)) == lost_file.read_bytes()


def test_a_transient_upload_failure_keeps_only_that_report_pending(
    registry, proxy, workstation, tmp_path
):
    """A file the server keeps failing (500) holds back its report alone; the next sync
    sends it once the server takes files again."""
    ws = workstation(proxy.url, "demo-county", name="flaky")
    assert ws.sync.sync().converged
    service = reports_of(ws)
    branch = service.branches_with_prefix("", 1)[0].code
    flaky_file = photo(tmp_path, "flaky.jpg", 3 * MIB)
    fine_file = photo(tmp_path, "fine.jpg", MIB)
    flaky = record(service, branch, "بار اول نمی‌رسد", [flaky_file])
    fine = record(service, branch, "می‌رسد", [fine_file])
    rule = proxy.add("error500", f"/attachments/{sha_of(flaky_file)}", method="PUT", times=None)

    report = ws.sync.sync()

    assert report.error == "" and report.caught_up
    assert rule.hits >= 2  # the sync's retries were used before it gave up on this file
    assert statuses(ws, [flaky, fine]) == {
        flaky: OutboxStatus.PENDING,
        fine: OutboxStatus.ACKNOWLEDGED,
    }
    assert report.pending == 1 and report.needs_attention == 0 and not report.converged
    assert download(registry.url, sha_of(flaky_file)) is None

    proxy.clear()
    assert ws.sync.sync().converged
    assert statuses(ws, [flaky])[flaky] is OutboxStatus.ACKNOWLEDGED
    assert download(registry.url, sha_of(flaky_file)) == flaky_file.read_bytes()
    assert flaky in server_reports(registry.url)
