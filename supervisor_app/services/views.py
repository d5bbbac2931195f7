"""Read models the services hand to the UI and the CLI (plain, immutable data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """One row of a dossier list."""

    registration_id: str
    national_id: str
    first_name: str
    last_name: str
    father_name: str
    birth_date: date
    gender: str
    constituency_code: str
    constituency_name: str
    county_name: str
    status: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class Overview:
    """What the main window's home page and `status` show about this workstation."""

    cycle_title: str
    board_name: str
    counts: dict[str, int]  # dossiers, constituencies, boards, members, branches, ...
    pending_outbox: int
    last_sync_at: datetime | None
    audit_events: int
    audit_intact: bool
