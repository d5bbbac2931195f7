"""A county imports its branch registry and observer roster; they reach the registry server.

Real server (``registry-server`` in a subprocess, its own database: the branches made here
change the reference feed other modules compare), real workstations: the import puts the
new rows in the outbox, a report on a new branch by a new observer follows them, one sync
delivers all three in order, a second workstation of the county pulls them, a corrected
file travels as a new revision, and a correction made from an outdated copy comes back
as a conflict with advice instead of overwriting the other workstation's.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from supervisor_app.domain.election_day import Branch, OffenceCategory, Severity
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.outbox import OutboxStatus
from supervisor_app.domain.roster_push import roster_hash
from supervisor_app.services.reports import ReportService
from supervisor_app.services.roster_import import ImportResult, RosterImportService
from supervisor_app.services.sync import ADVICE

harness = sys.modules["nezarat_sync_harness"]
BRANCH_HEADERS = "کد شعبه,حوزه انتخابیه,نشانی,شناسه صندوق"
OBSERVER_HEADERS = "نام و نام خانوادگی,کد ملی,شماره حکم,کد شعبه,سرناظر"
NEW_A, NEW_B = "0801-C1-N01", "0801-C1-N02"
HEAD_NID = make_national_id("004993708")
OBS_NID = make_national_id("123456789")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = harness.RegistryProcess(tmp_path_factory.mktemp("roster-registry"), dossiers=20).start()
    try:
        yield s
    finally:
        s.stop()


def _csv(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def _import_branches(ws: Any, path: Path) -> ImportResult:
    service = RosterImportService(ws.store, actor="دبیرخانه")
    preview = service.preview_branches(path)
    assert preview.ok, preview.all_errors
    return service.apply(preview)


def _server_reference(api: Any, kind: str) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in api.feed_all("reference") if i["kind"] == kind}


def test_an_imported_roster_reaches_the_server_before_the_report_naming_it(
    server, workstation, tmp_path
):
    """Import → report → one sync: the server holds the branch, the observers and the
    report; another workstation of the county pulls them; corrections and conflicts."""
    ws1 = workstation(server.url, "demo-county", name="ws1")
    assert ws1.sync.sync().converged  # the county's constituencies
    branches = _csv(
        tmp_path / "branches.csv",
        BRANCH_HEADERS,
        f"{NEW_A},0801-C1,تهران، خیابان آزادی، دبستان سعدی,EVM-N01",
        f"{NEW_B},0801-C1,تهران، خیابان جمهوری، مسجد جامع,",
    )
    observers = _csv(
        tmp_path / "observers.csv",
        OBSERVER_HEADERS,
        f"مریم احمدی,{HEAD_NID},1405/ن/901,,",
        f"زهرا کریمی,{OBS_NID},1405/ن/902,{NEW_A},{HEAD_NID}",
    )
    service = RosterImportService(ws1.store, actor="دبیرخانه")
    preview = service.preview_observers(observers, branches=service.preview_branches(branches))
    assert preview.ok, preview.all_errors
    result = service.apply(preview)
    assert result.branches is not None
    assert (result.branches.queued, result.queued) == (2, 2)
    observer_id = f"OBS-{OBS_NID}"
    report = ReportService(ws1.store, attachments=ws1.root / "attachments").record(
        NEW_A,
        category=OffenceCategory.LATE_OPENING,
        severity=Severity.HIGH,
        description="شعبه با یک ساعت تأخیر باز شد.",
        observer_id=observer_id,
    )

    first = ws1.sync.sync()
    assert first.converged, first.as_dict()
    assert first.pushed == {"created": 5}  # in order: nothing had to wait for a second pass
    api = harness.Api(server.url, "demo-county")
    on_server = _server_reference(api, "branch")
    assert on_server[NEW_A]["data"]["device_ids"] == ["EVM-N01"]
    observers_there = _server_reference(api, "observer")
    assert observers_there[observer_id]["data"]["head_observer_id"] == f"OBS-{HEAD_NID}"
    assert f"OBS-{HEAD_NID}" in observers_there
    records = {i["id"]: i for i in api.feed_all("records")}
    assert records[report.id]["data"]["branch_code"] == NEW_A
    assert ws1.sync.verify().matches

    ws2 = workstation(server.url, "demo-county", name="ws2")
    assert ws2.sync.sync().converged
    with ws2.store.unit_of_work(read_only=True) as uow:
        assert uow.branches.get(NEW_A) == Branch(
            NEW_A, "0801-C1", "تهران، خیابان آزادی، دبستان سعدی", ("EVM-N01",)
        )
        assert uow.observers.get(observer_id).branch_code == NEW_A
        assert uow.reports.get(report.id) is not None
    neighbour = harness.Api(server.url, "demo-county-2")
    assert NEW_A not in _server_reference(neighbour, "branch")

    # ws2 corrects an address; the change is made from the server's version.
    _import_branches(
        ws2,
        _csv(
            tmp_path / "fixed.csv",
            BRANCH_HEADERS,
            f"{NEW_B},0801-C1,تهران، خیابان جمهوری، پلاک ۱۲,",
        ),
    )
    assert ws2.sync.sync().converged
    fixed = _server_reference(api, "branch")[NEW_B]
    assert fixed["revision"] == 1 and fixed["data"]["address"].endswith("پلاک ۱۲")

    # ws1 has not pulled it and corrects the same branch otherwise: a conflict, not an
    # overwrite; after the sync ws1 holds the server's version and the user is told why.
    _import_branches(
        ws1, _csv(tmp_path / "other.csv", BRANCH_HEADERS, f"{NEW_B},0801-C1,تهران، میدان انقلاب,")
    )
    clash = ws1.sync.sync()
    assert clash.pushed == {"conflict": 1} and clash.needs_attention == 1
    (attention,) = ws1.sync.attention()
    assert (attention.kind, attention.code) == ("branch", "conflict")
    assert (attention.advice, attention.advice_fa) == ADVICE["branch:conflict"]
    with ws1.store.unit_of_work(read_only=True) as uow:
        assert roster_hash(uow.branches.get(NEW_B)) == fixed["content_sha256"]
        assert uow.outbox.count(OutboxStatus.CONFLICT) == 1
    assert _server_reference(api, "branch")[NEW_B]["data"] == fixed["data"]

    # Importing the file again now bases the change on the server's version: accepted.
    _import_branches(ws1, tmp_path / "other.csv")
    assert ws1.sync.sync().pushed == {"created": 1}
    assert _server_reference(api, "branch")[NEW_B]["data"]["address"] == "تهران، میدان انقلاب"


def test_a_branch_of_another_county_is_refused_with_advice(server, workstation, tmp_path):
    """A county workstation holding a neighbour's constituency (e.g. a copied store) imports
    a branch there: the server refuses it (out_of_scope) and the sync page says what to do."""
    ws = workstation(server.url, "demo-county", name="ws-scope")
    assert ws.sync.sync().converged
    with ws.store.unit_of_work() as uow:
        (place,) = [c for c in uow.geography.constituencies() if c.code == "0801-C1"]
        uow.geography.add_constituencies(
            [replace(place, code="0802-C1", county_code="0802", district_code=None)]
        )
    _import_branches(ws, _csv(tmp_path / "rey.csv", BRANCH_HEADERS, "0802-C1-N77,0802-C1,ری,"))
    report = ws.sync.sync()
    assert report.pushed == {"rejected": 1}
    (attention,) = ws.sync.attention()
    assert (attention.kind, attention.code) == ("branch", "out_of_scope")
    assert attention.advice_fa == ADVICE["branch:out_of_scope"][1]
    assert "0802-C1-N77" not in _server_reference(harness.Api(server.url, "demo-central"), "branch")
