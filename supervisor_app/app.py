"""Composition root: settings → store → services. Nothing here touches widgets.

The GUI (``supervisor_app.ui``) and the CLI (``supervisor_app.cli``) both start from
``build_context`` so they always work over the same services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .paths import DataPaths
from .settings import Settings

if TYPE_CHECKING:
    from .services.audit import AuditService
    from .services.dossiers import DossierService
    from .services.outbox import OutboxService
    from .services.overview import OverviewService
    from .store.database import Store


@dataclass(slots=True)
class Services:
    dossiers: DossierService
    overview: OverviewService
    audit: AuditService
    outbox: OutboxService


@dataclass(slots=True)
class AppContext:
    paths: DataPaths
    settings: Settings
    store: Store
    services: Services

    def close(self) -> None:
        self.store.close()


def build_context(paths: DataPaths) -> AppContext:
    """Open (and migrate) the workstation's store and wire the services over it."""
    from .services.audit import AuditService
    from .services.dossiers import DossierService
    from .services.outbox import OutboxService
    from .services.overview import OverviewService
    from .store.database import open_store

    paths.ensure()
    settings = Settings.load(paths.settings_file)
    # An older store is copied to backups/ before it is migrated in place.
    store = open_store(paths.database, backup_dir=paths.backups)
    services = Services(
        dossiers=DossierService(store),
        overview=OverviewService(
            store, cycle_code=settings.cycle_code, board_id=settings.board_id
        ),
        audit=AuditService(store),
        outbox=OutboxService(store),
    )
    return AppContext(paths=paths, settings=settings, store=store, services=services)
