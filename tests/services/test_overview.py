"""The overview (home page) and outbox services."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supervisor_app.domain.candidates import Dossier
from supervisor_app.domain.outbox import OutboxItem, OutboxKind, OutboxStatus
from supervisor_app.services.audit import AuditService
from supervisor_app.services.outbox import OutboxService
from supervisor_app.services.overview import OverviewService
from supervisor_app.store import Store

T0 = datetime(2026, 1, 11, 8, 0, tzinfo=UTC)


def test_empty_store_overview(tmp_store: Store):
    """A fresh store: no cycle or board, zero counts, nothing pending, never synced, intact."""
    overview = OverviewService(tmp_store).summary()
    assert (overview.cycle_title, overview.board_name) == ("", "")
    assert set(overview.counts.values()) == {0}
    assert overview.pending_outbox == 0 and overview.last_sync_at is None
    assert overview.audit_events == 0 and overview.audit_intact


def test_overview_summarises_the_workstation(
    seeded_store: Store, dossier_factory: Callable[..., Dossier]
):
    """Counts, the current cycle and board, pending outbox, last sync and audit state."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add_all([dossier_factory(i) for i in range(3)])
        uow.outbox.add(OutboxItem("o1", OutboxKind.DECISION, {"a": 1}, T0))
        uow.outbox.add(OutboxItem("o2", OutboxKind.RULING, {"a": 2}, T0))
        uow.outbox.mark("o2", OutboxStatus.SENDING)
        uow.outbox.mark("o2", OutboxStatus.ACKNOWLEDGED)
        uow.sync_state.set_last_sync_at(T0 + timedelta(hours=1))
    AuditService(seeded_store).record("admin", "demo.loaded", "store")

    overview = OverviewService(seeded_store).summary()
    assert overview.cycle_title == "هفتمین دوره انتخابات شوراها"
    assert overview.board_name == "هیات مرکزی نظارت"  # no board configured: the central one
    assert overview.counts["dossiers"] == 3
    assert overview.counts["constituencies"] == 2 and overview.counts["members"] == 6
    assert overview.pending_outbox == 1
    assert overview.last_sync_at == T0 + timedelta(hours=1)
    assert (overview.audit_events, overview.audit_intact) == (1, True)

    configured = OverviewService(seeded_store, cycle_code="7", board_id="B2301").summary()
    assert configured.board_name == "هیات نظارت شمیرانات"


def test_overview_reports_a_tampered_audit_log(tmp_store: Store, store_path: Path):
    """An edited audit event shows as audit_intact=False on the home page."""
    service = AuditService(tmp_store)
    service.record("a", "b", "c")
    service.record("a", "b", "d")
    with sqlite3.connect(store_path) as raw:
        raw.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 1")
    raw.close()
    overview = OverviewService(tmp_store).summary()
    assert overview.audit_events == 2 and not overview.audit_intact


def test_outbox_service_counts_everything_not_acknowledged(tmp_store: Store):
    """pending_count() includes sending, conflicting and rejected items; counts() per status."""
    with tmp_store.unit_of_work() as uow:
        for n, path in enumerate(
            [
                [],
                [OutboxStatus.SENDING],
                [OutboxStatus.SENDING, OutboxStatus.CONFLICT],
                [OutboxStatus.SENDING, OutboxStatus.REJECTED],
                [OutboxStatus.SENDING, OutboxStatus.ACKNOWLEDGED],
            ]
        ):
            uow.outbox.add(OutboxItem(f"o{n}", OutboxKind.COMPLAINT, {"n": n}, T0))
            for status in path:
                uow.outbox.mark(f"o{n}", status, error="server said no")
    service = OutboxService(tmp_store)
    assert service.pending_count() == 4
    assert service.counts() == {
        "pending": 1,
        "sending": 1,
        "acknowledged": 1,
        "conflict": 1,
        "rejected": 1,
    }
    assert [i.id for i in service.needing_attention()] == ["o2", "o3"]
