"""One transaction with every repository on it: one per service call."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .repositories import (
    AuditRepository,
    BoardRepository,
    BranchRepository,
    ComplaintRepository,
    CycleRepository,
    DecisionRepository,
    DossierRepository,
    GeographyRepository,
    ObjectionRepository,
    ObserverRepository,
    OutboxRepository,
    ReportRepository,
    RulingRepository,
    SavedFilterRepository,
    SigningRepository,
    SyncStateRepository,
)
from .repositories.complaint_events import ComplaintEventRepository
from .repositories.dashboard import DashboardRepository
from .repositories.report_drafts import ReportDraftRepository
from .repositories.review import ReviewRepository
from .repositories.sessions import SessionRepository


class UnitOfWork:
    """Repositories sharing one Session (one connection, one SQLite transaction).

    Created by ``Store.unit_of_work()``, which commits or rolls back; never keep one
    beyond its ``with`` block or hand it to another thread.
    """

    def __init__(self, session: Session) -> None:
        self.session = session  # for store-internal code (bulk loading) only
        self.dossiers = DossierRepository(session)
        self.geography = GeographyRepository(session)
        self.boards = BoardRepository(session)
        self.cycles = CycleRepository(session)
        self.branches = BranchRepository(session)
        self.observers = ObserverRepository(session)
        self.reports = ReportRepository(session)
        self.complaints = ComplaintRepository(session)
        self.complaint_events = ComplaintEventRepository(session)
        self.rulings = RulingRepository(session)
        self.decisions = DecisionRepository(session)
        self.objections = ObjectionRepository(session)
        self.audit = AuditRepository(session)
        self.outbox = OutboxRepository(session)
        self.sync_state = SyncStateRepository(session)
        self.saved_filters = SavedFilterRepository(session)
        self.signing = SigningRepository(session)
        self.review = ReviewRepository(session)
        self.sessions = SessionRepository(session)
        self.dashboard = DashboardRepository(session)  # read-only election-day counts
        self.report_drafts = ReportDraftRepository(session)
