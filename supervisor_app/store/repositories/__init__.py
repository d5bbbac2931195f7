"""Repositories: domain objects in, domain objects out; parameterised SQL only."""

from .audit import AuditRepository, StoredAuditEvent
from .boards import BoardRepository
from .cycles import CycleRepository
from .dossiers import DossierRepository
from .election_day import (
    BranchRepository,
    ComplaintRepository,
    ObserverRepository,
    ReportRepository,
)
from .geography import GeographyRepository
from .outbox import OutboxRepository
from .qualification import DecisionRepository, ObjectionRepository
from .rulings import RulingRepository
from .saved_filters import SavedFilterRepository
from .signing import SigningRepository
from .sync_state import SyncStateRepository

__all__ = [
    "AuditRepository",
    "BoardRepository",
    "BranchRepository",
    "ComplaintRepository",
    "CycleRepository",
    "DecisionRepository",
    "DossierRepository",
    "GeographyRepository",
    "ObjectionRepository",
    "ObserverRepository",
    "OutboxRepository",
    "ReportRepository",
    "RulingRepository",
    "SavedFilterRepository",
    "SigningRepository",
    "StoredAuditEvent",
    "SyncStateRepository",
]
