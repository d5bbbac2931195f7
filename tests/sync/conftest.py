"""Fixtures of the sync scenario matrix: one real registry server per session, a fault
proxy per test, and in-process workstations (a store, a session, the sync engine)."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.adapters.registry_client import RegistryClient
from supervisor_app.domain import wire
from supervisor_app.domain.candidates import (
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
    Objection,
    ObjectionStatus,
    QualificationDecision,
)
from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity
from supervisor_app.domain.outbox import OutboxItem, OutboxKind
from supervisor_app.services.session_auth import SessionAuth
from supervisor_app.services.sync import SyncService
from supervisor_app.services.sync_retry import RetryPolicy
from supervisor_app.settings import Settings
from supervisor_app.store import Store, open_store


def _load_harness() -> Any:
    name = "nezarat_sync_harness"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("harness.py"))
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


harness = _load_harness()
DOSSIERS = 1500
FAST = RetryPolicy(attempts=5, base=0.02, factor=2.0, max_delay=0.2)


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """``registry-server --seed-demo 1500`` on loopback for the whole session."""
    server = harness.RegistryProcess(tmp_path_factory.mktemp("registry"), DOSSIERS).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def proxy(registry: Any) -> Iterator[Any]:
    """A fault-injecting proxy in front of the server (passes everything by default)."""
    p = harness.FaultProxy(registry.url)
    try:
        yield p
    finally:
        p.close()


@dataclass
class Workstation:
    """One workstation: its store, session and sync engine, in this process."""

    root: Path
    store: Store
    settings: Settings
    auth: SessionAuth
    sync: SyncService

    def close(self) -> None:
        self.store.close()

    # --- what a service would record: the record and its outbox item, one transaction ---

    def record_decision(self, registration_id: str, *, outcome: str = "approved",
                        decision_id: str | None = None, reason: str = "",
                        at: datetime | None = None, keep: bool = True
                        ) -> QualificationDecision:
        rejected = outcome == "rejected"
        decision = QualificationDecision(
            id=decision_id or str(uuid.uuid4()),
            registration_id=registration_id,
            stage=DecisionStage.SUPERVISORY,
            board_id=self.settings.board_id,
            outcome=DecisionOutcome(outcome),
            legal_basis=(LegalBasis("37", "ز"),) if rejected else (),
            reason=reason or ("فاقد مدرک تحصیلی لازم" if rejected else ""),
            decided_on=date(2026, 2, 20),
        )
        with self.store.unit_of_work() as uow:
            if keep:  # a dossier this store does not hold cannot have a local decision
                uow.decisions.add(decision)
            uow.outbox.add(OutboxItem(decision.id, OutboxKind.DECISION,
                                      wire.encode_decision(decision), at or _now()))
        return decision

    def record_objection(self, decision: QualificationDecision, routed_to: str,
                         at: datetime | None = None) -> Objection:
        objection = Objection(
            id=str(uuid.uuid4()), registration_id=decision.registration_id,
            against_decision_id=decision.id, filed_on=date(2026, 2, 22),
            text="به رد صلاحیت اعتراض دارم؛ مدرک تحصیلی پیوست است.",
            routed_to_board_id=routed_to, status=ObjectionStatus.FILED,
        )
        with self.store.unit_of_work() as uow:
            uow.outbox.add(OutboxItem(objection.id, OutboxKind.OBJECTION,
                                      wire.encode_objection(objection), at or _now()))
        return objection

    def record_report(self, branch_code: str, n: int = 0) -> ObserverReport:
        report = ObserverReport(
            id=str(uuid.uuid4()), branch_code=branch_code,
            observed_at=datetime(2026, 5, 1, 9, 30, n % 60),
            category=OffenceCategory.LATE_OPENING, severity=Severity.MEDIUM,
            description=f"شعبه با تأخیر باز شد (گزارش {n}).", observer_id=None,
        )
        with self.store.unit_of_work() as uow:
            uow.reports.add(report)
            uow.outbox.add(OutboxItem(report.id, OutboxKind.OBSERVER_REPORT,
                                      wire.encode_observer_report(report), _now()))
        return report

    def counts(self) -> dict[str, int]:
        return {k: d.count for k, d in self.sync.local_status().kinds.items()}


def _now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Callable[..., Workstation]]:
    """``workstation(server_url, username)``: signed in, not yet synced."""
    made: list[Workstation] = []

    def make(server_url: str, username: str = "demo-county", *,
             policy: RetryPolicy = FAST, name: str | None = None,
             page_sizes: dict[str, int] | None = None,
             timeout: tuple[float, float] = (5.0, 30.0),
             process_pull_min: int | None = None) -> Workstation:
        root = tmp_path / (name or f"ws{len(made)}")
        root.mkdir()
        store = open_store(root / "store.sqlite3")
        settings = Settings()
        auth = SessionAuth(store, settings, root / "settings.json", MemoryKeystore(),
                           client_factory=lambda url: RegistryClient(url, timeout=timeout))
        auth.login(server_url, username, harness.DEMO_PASSWORD)
        ws = Workstation(root, store, settings, auth,
                         SyncService(store, auth, data_root=root, policy=policy,
                                     page_sizes=page_sizes, **(
                                         {} if process_pull_min is None
                                         else {"process_pull_min": process_pull_min})))
        made.append(ws)
        return ws

    yield make
    for ws in made:
        ws.close()


def server_kinds(api: Any) -> dict[str, dict[str, Any]]:
    return api.status()["kinds"]


def local_kinds(ws: Workstation) -> dict[str, dict[str, Any]]:
    return {k: d.as_dict() for k, d in ws.sync.local_status().kinds.items()}
