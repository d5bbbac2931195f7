"""Units of work: all or nothing, one per service call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from supervisor_app.domain.candidates import Dossier
from supervisor_app.domain.outbox import OutboxItem, OutboxKind
from supervisor_app.store import Store, UnitOfWork

AT = datetime(2026, 1, 11, 9, 0, tzinfo=UTC)


def test_unit_of_work_exposes_every_repository(tmp_store: Store):
    """The repositories the services use are attributes of the unit of work."""
    names = [
        "dossiers",
        "geography",
        "boards",
        "cycles",
        "branches",
        "observers",
        "reports",
        "complaints",
        "rulings",
        "decisions",
        "objections",
        "audit",
        "outbox",
        "sync_state",
        "saved_filters",
    ]
    with tmp_store.unit_of_work(read_only=True) as uow:
        assert isinstance(uow, UnitOfWork)
        assert all(hasattr(uow, name) for name in names)


def test_normal_exit_commits(seeded_store: Store, dossier_factory: Callable[..., Dossier]):
    """What a unit of work wrote is visible to the next one."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(dossier_factory(1))
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.get("R-000001") is not None


def test_unit_that_raises_leaves_nothing_written(
    seeded_store: Store, dossier_factory: Callable[..., Dossier]
):
    """An exception inside the block rolls back every write of the unit (record, outbox, audit)."""

    class Boom(Exception):
        pass

    with pytest.raises(Boom), seeded_store.unit_of_work() as uow:
        uow.dossiers.add(dossier_factory(1))
        uow.outbox.add(OutboxItem("o-1", OutboxKind.DECISION, {"x": 1}, AT))
        uow.audit.append("tester", "dossier.added", "R-000001", at=AT)
        uow.sync_state.set("cursor", "1")
        raise Boom
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.dossiers.count() == 0
        assert uow.dossiers.search("علی") == []  # the FTS index rolled back too
        assert uow.outbox.count() == 0
        assert uow.audit.count() == 0
        assert uow.sync_state.get("cursor") is None
