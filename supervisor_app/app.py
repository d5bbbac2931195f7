"""Composition root: settings → store → services. Nothing here touches widgets.

The GUI (``supervisor_app.ui``) and the CLI (``supervisor_app.cli``) both start from
``build_context`` so they always work over the same services.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .paths import DataPaths
from .settings import Settings

if TYPE_CHECKING:
    from .services.audit import AuditService
    from .services.backup import BackupService
    from .services.certificates import CertificateService
    from .services.complaints import ComplaintService
    from .services.dashboard import DashboardService
    from .services.diagnostics import DiagnosticsService
    from .services.dossiers import DossierService
    from .services.first_run import FirstRunService
    from .services.members import MemberKeyService
    from .services.objections import ObjectionService
    from .services.outbox import OutboxService
    from .services.overview import OverviewService
    from .services.printing import PrintingService
    from .services.reports import ReportService
    from .services.review import ReviewService
    from .services.roster_import import RosterImportService
    from .services.rulings import RulingService
    from .services.session_auth import SessionAuth
    from .services.sessions import SessionService
    from .services.sync import SyncService
    from .store.database import Store


@dataclass(slots=True)
class Services:
    dossiers: DossierService
    overview: OverviewService
    audit: AuditService
    outbox: OutboxService
    certificates: CertificateService
    members: MemberKeyService
    rulings: RulingService
    review: ReviewService
    sessions: SessionService
    objections: ObjectionService
    session: SessionAuth  # signed in to the registry (token in the keystore)
    sync: SyncService
    backups: BackupService  # daily and on-demand copies of the store, restore
    diagnostics: DiagnosticsService  # About facts and the support bundle (no secrets)
    printing: PrintingService | None = None  # PDFs: rulings, notices, minutes, lists
    dashboard: DashboardService | None = None  # election-day counts and their export
    reports: ReportService | None = None  # observer reports, branch lookup, drafts
    roster_import: RosterImportService | None = None  # branches/observers from .xlsx/.csv
    complaints: ComplaintService | None = None  # complaints about the vote, their history
    first_run: FirstRunService | None = None  # what the first-run wizard lists


@dataclass(slots=True)
class AppContext:
    paths: DataPaths
    settings: Settings
    store: Store
    services: Services

    def close(self) -> None:
        self.store.close()


def build_context(
    paths: DataPaths, *, keystore_passphrase: Callable[[], str] | None = None
) -> AppContext:
    """Open (and migrate) the workstation's store and wire the services over it.

    ``keystore_passphrase`` asks for the master passphrase of the encrypted keystore
    file when there is no OS keyring and none is given in the environment.
    """
    from .rules_files import RulesLibrary
    from .services.audit import AuditService
    from .services.backup import BackupService
    from .services.certificates import CertificateService
    from .services.complaints import ComplaintService
    from .services.dashboard import DashboardService
    from .services.diagnostics import DiagnosticsService, workstation_status
    from .services.dossiers import DossierService
    from .services.first_run import FirstRunService
    from .services.members import KEYSTORE_PASSPHRASE_ENV, MemberKeyService, keystore_opener
    from .services.objections import ObjectionService
    from .services.outbox import OutboxService
    from .services.overview import OverviewService
    from .services.printing import PrintingService
    from .services.reports import ReportService
    from .services.review import ReviewService
    from .services.roster_import import RosterImportService
    from .services.rulings import RulingService
    from .services.session_auth import SessionAuth
    from .services.sessions import SessionService
    from .services.sync import SyncService
    from .store.database import open_store

    paths.ensure()
    settings = Settings.load(paths.settings_file)
    # An older store is copied to backups/ before it is migrated in place.
    store = open_store(paths.database, backup_dir=paths.backups)
    actor = settings.username or "workstation"
    certificates = CertificateService(store, actor=actor)
    # Member keys: the OS keyring, else the encrypted keystore file under the master
    # passphrase from the environment; opened only when a key is first used.
    members = MemberKeyService(
        store,
        keystore_opener(
            paths.root, os.environ.get(KEYSTORE_PASSPHRASE_ENV) or keystore_passphrase
        ),
        certificates,
    )
    # Registry credentials: the same keystore (OS keyring, else the encrypted file).
    session = SessionAuth(
        store,
        settings,
        paths.settings_file,
        keystore_opener(
            paths.root, os.environ.get(KEYSTORE_PASSPHRASE_ENV) or keystore_passphrase
        ),
    )
    review = ReviewService(
        store,
        today=_review_calendar(settings),
        actor=actor,
        cycle_code=settings.cycle_code,
        attachments=paths.attachments,
        rules=RulesLibrary.from_setting(settings.rules_dir, paths.root).for_cycle,
    )
    backups = BackupService.for_data_dir(paths, settings.extra)
    # Asked only when the About dialog or a support bundle needs them (``services`` below).
    diagnostics = DiagnosticsService(
        paths,
        status=lambda: workstation_status(services.overview, services.sync, paths),
        last_sync=lambda: services.sync.state().last_sync_at,
        last_backup=lambda: (latest.created_at if (latest := backups.latest()) else None),
        ca_fingerprint=lambda: services.sync.trust_state().ca_fingerprint,
    )
    services = Services(
        dossiers=DossierService(store),
        overview=OverviewService(
            store, cycle_code=settings.cycle_code, board_id=settings.board_id
        ),
        audit=AuditService(store),
        outbox=OutboxService(store),
        certificates=certificates,
        members=members,
        rulings=RulingService(store, members, actor=actor),
        review=review,
        sessions=SessionService(store, review, actor=actor),
        objections=ObjectionService(store, review, actor=actor),
        session=session,
        sync=SyncService(store, session, data_root=paths.root),
        backups=backups,
        diagnostics=diagnostics,
    )
    # Loads reportlab, HarfBuzz and pyHanko only when the first PDF is made.
    services.printing = PrintingService(
        store, font_path=settings.font_path, demo=settings.demo, rulings=services.rulings
    )
    # Attachments go where the sync uploads them from (``SyncService.attachment_path``).
    services.reports = ReportService(store, attachments=paths.attachments, actor=actor)
    services.dashboard = DashboardService(store)
    services.roster_import = RosterImportService(store, actor=actor)
    # Rulings of other boards arrive with sync, verified against the same trust store.
    services.sync = SyncService(
        store, session, data_root=paths.root, rulings=services.rulings, certificates=certificates
    )
    services.complaints = ComplaintService(
        store,
        board_id=settings.board_id,
        cycle_code=settings.cycle_code,
        today=_review_calendar(settings),
        actor=actor,
    )
    services.first_run = FirstRunService(store)
    return AppContext(paths=paths, settings=settings, store=store, services=services)


def _review_calendar(settings: Settings) -> Callable[[], date]:
    """The review's "today": the demo store describes a fixed day of the 1404 cycle, so
    its deadlines count from that day; a real store counts from the real date."""
    if settings.demo:
        from .services.demo_data import demo_reference_date

        return demo_reference_date
    return date.today
