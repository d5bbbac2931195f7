"""The local schema as typed declarative mappings.

These classes describe the tables for queries; repositories map rows to the domain's
dataclasses and back, so nothing outside ``store/`` ever sees them. The migrations in
``migrations/versions`` create the same schema explicitly (a test pins that they agree).

Conventions: the domain's string ids are the keys; ordered children (stage windows,
votes) carry a ``position`` so tuples come back in order (a dossier's documents and
inquiries are JSON in its row);
enums are stored as their values; datetimes as ISO text (see ``types.IsoDateTime``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import IsoDateTime

# Named constraints keep future batch migrations on SQLite able to find what they alter.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: String(),
        datetime: IsoDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


# --- election cycles -----------------------------------------------------------------


class CycleRow(Base):
    __tablename__ = "election_cycles"

    code: Mapped[str] = mapped_column(primary_key=True)
    title: Mapped[str]
    election_day: Mapped[date]
    minimum_age: Mapped[int]
    big_city_population: Mapped[int]


class StageWindowRow(Base):
    __tablename__ = "cycle_stage_windows"

    cycle_code: Mapped[str] = mapped_column(
        ForeignKey("election_cycles.code", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str]
    track: Mapped[str]
    start_on: Mapped[date]
    end_on: Mapped[date]


class DeadlineRow(Base):
    __tablename__ = "cycle_deadlines"

    cycle_code: Mapped[str] = mapped_column(
        ForeignKey("election_cycles.code", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    anchor: Mapped[str]
    days: Mapped[int]
    inclusive: Mapped[bool] = mapped_column(Boolean)


# --- geography -----------------------------------------------------------------------


class ProvinceRow(Base):
    __tablename__ = "provinces"

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]


class CountyRow(Base):
    __tablename__ = "counties"

    code: Mapped[str] = mapped_column(primary_key=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    name: Mapped[str]


class DistrictRow(Base):
    __tablename__ = "districts"

    code: Mapped[str] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(ForeignKey("counties.code"), index=True)
    name: Mapped[str]


class ConstituencyRow(Base):
    __tablename__ = "constituencies"

    code: Mapped[str] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(ForeignKey("counties.code"), index=True)
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"), index=True)
    name: Mapped[str]
    kind: Mapped[str]
    seats: Mapped[int]
    population: Mapped[int | None]
    households: Mapped[int | None]
    proportional: Mapped[bool] = mapped_column(Boolean)


# --- boards --------------------------------------------------------------------------


class BoardRow(Base):
    __tablename__ = "boards"

    id: Mapped[str] = mapped_column(primary_key=True)
    level: Mapped[str]
    name: Mapped[str]
    jurisdiction: Mapped[str | None] = mapped_column(index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("boards.id"), index=True)
    # The quorum rule (a per-board setting): NULL quorum/majority = the default rule.
    full_membership: Mapped[int]
    quorum: Mapped[int | None]
    majority: Mapped[int | None]


class BoardMemberRow(Base):
    __tablename__ = "board_members"

    id: Mapped[str] = mapped_column(primary_key=True)
    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), index=True)
    full_name: Mapped[str]
    national_id: Mapped[str] = mapped_column(index=True)
    role: Mapped[str]
    active: Mapped[bool] = mapped_column(Boolean)


# --- dossiers ------------------------------------------------------------------------


class DossierRow(Base):
    """A candidate's dossier.

    ``id`` is an explicit INTEGER PRIMARY KEY (the rowid) so that rowids never change,
    not even on VACUUM: the external-content FTS index ``dossier_fts`` points at them.
    ``name_key`` is search_terms of each of first, last, father name and ``name_sort`` a key
    whose binary order is Persian alphabetical order of (last name, first name); both
    are computed in Python on write.
    """

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_constituency_code_status", "constituency_code", "status"),
        Index("ix_dossiers_name_sort", "name_sort"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registration_id: Mapped[str] = mapped_column(unique=True)
    national_id: Mapped[str] = mapped_column(index=True)
    first_name: Mapped[str]
    last_name: Mapped[str] = mapped_column(index=True)
    father_name: Mapped[str]
    name_key: Mapped[str]
    name_sort: Mapped[str]
    birth_date: Mapped[date]
    birthplace: Mapped[str]
    gender: Mapped[str]
    mobile: Mapped[str]
    education: Mapped[int]
    education_field: Mapped[str]
    degree_verification_code: Mapped[str | None]
    occupation: Mapped[str]
    address: Mapped[str] = mapped_column(Text)
    residence_constituency_code: Mapped[str]
    constituency_code: Mapped[str] = mapped_column(ForeignKey("constituencies.code"))
    registered_at: Mapped[datetime]
    military_status: Mapped[str]
    veteran_status: Mapped[str]
    previous_council_member_of: Mapped[str | None]
    # Art41Post flattened: a NULL title means no Art. 41 post at all.
    art41_title: Mapped[str | None]
    art41_resigned_on: Mapped[date | None]
    executive_opinion: Mapped[str] = mapped_column(Text)
    status: Mapped[str]
    revision: Mapped[int]
    # The registry's documents and inquiries of the dossier, as the canonical JSON array
    # of their wire forms (the dossier's own values, read and written whole): a first
    # pull writes one row per dossier instead of ~8 (migration 0010).
    documents: Mapped[str] = mapped_column(Text, server_default="[]")
    inquiries: Mapped[str] = mapped_column(Text, server_default="[]")


# --- qualification -------------------------------------------------------------------


class DecisionRow(Base):
    __tablename__ = "qualification_decisions"

    id: Mapped[str] = mapped_column(primary_key=True)
    registration_id: Mapped[str] = mapped_column(ForeignKey("dossiers.registration_id"), index=True)
    stage: Mapped[str]
    board_id: Mapped[str | None] = mapped_column(ForeignKey("boards.id"), index=True)
    outcome: Mapped[str]
    legal_basis: Mapped[list[Any]]  # [{"article": ..., "clause": ...}, ...]
    reason: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[date]
    ruling_id: Mapped[str | None] = mapped_column(ForeignKey("rulings.id"), index=True)


class ObjectionRow(Base):
    __tablename__ = "objections"

    id: Mapped[str] = mapped_column(primary_key=True)
    registration_id: Mapped[str] = mapped_column(ForeignKey("dossiers.registration_id"), index=True)
    against_decision_id: Mapped[str] = mapped_column(
        ForeignKey("qualification_decisions.id"), index=True
    )
    filed_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    routed_to_board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), index=True)
    status: Mapped[str]


# --- election day --------------------------------------------------------------------


class BranchRow(Base):
    __tablename__ = "branches"

    code: Mapped[str] = mapped_column(primary_key=True)
    constituency_code: Mapped[str] = mapped_column(ForeignKey("constituencies.code"), index=True)
    address: Mapped[str] = mapped_column(Text)
    device_ids: Mapped[list[Any]]


class ObserverRow(Base):
    __tablename__ = "observers"

    id: Mapped[str] = mapped_column(primary_key=True)
    full_name: Mapped[str]
    national_id: Mapped[str] = mapped_column(index=True)
    appointment_letter: Mapped[str]
    branch_code: Mapped[str | None] = mapped_column(ForeignKey("branches.code"), index=True)
    head_observer_id: Mapped[str | None] = mapped_column(ForeignKey("observers.id"), index=True)


class ObserverReportRow(Base):
    __tablename__ = "observer_reports"

    id: Mapped[str] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), index=True)
    observed_at: Mapped[datetime] = mapped_column(index=True)  # 0007
    category: Mapped[str] = mapped_column(index=True)  # 0007
    severity: Mapped[str]
    description: Mapped[str] = mapped_column(Text)
    observer_id: Mapped[str | None] = mapped_column(ForeignKey("observers.id"), index=True)
    witnesses: Mapped[list[Any]]
    attachments: Mapped[list[Any]]  # [{"filename", "sha256", "size", "media_type"}, ...]
    recorded_at: Mapped[datetime | None]


class ComplaintRow(Base):
    __tablename__ = "complaints"

    id: Mapped[str] = mapped_column(primary_key=True)
    complainant_name: Mapped[str]
    complainant_national_id: Mapped[str] = mapped_column(index=True)
    complainant_kind: Mapped[str]
    filed_at: Mapped[datetime]
    subject: Mapped[str] = mapped_column(Text)
    constituency_code: Mapped[str] = mapped_column(ForeignKey("constituencies.code"), index=True)
    branch_codes: Mapped[list[Any]]
    report_ids: Mapped[list[Any]]
    status: Mapped[str]
    assigned_to: Mapped[str | None]
    board_id: Mapped[str | None] = mapped_column(ForeignKey("boards.id"), index=True)
    filed_on_deadline: Mapped[date | None]
    escalated_to_board_id: Mapped[str | None]  # 0007


# --- rulings -------------------------------------------------------------------------


class RulingRow(Base):
    __tablename__ = "rulings"
    # A serial is allocated once per board (NULLs, i.e. drafts, do not collide in SQLite).
    __table_args__ = (UniqueConstraint("board_id", "serial"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), index=True)
    serial: Mapped[int | None]
    issued_on: Mapped[date]
    subject: Mapped[str]
    subject_ref: Mapped[str] = mapped_column(index=True)
    legal_basis: Mapped[list[Any]]
    reasoning: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(Text)
    present_member_ids: Mapped[list[Any]]
    absent_member_ids: Mapped[list[Any]]
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("rulings.id"), index=True)
    status: Mapped[str]
    meeting_type: Mapped[str]
    extra: Mapped[dict[str, Any]]


class RulingVoteRow(Base):
    __tablename__ = "ruling_votes"

    ruling_id: Mapped[str] = mapped_column(
        ForeignKey("rulings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("board_members.id"), index=True)
    vote: Mapped[str]
    dissent_note: Mapped[str] = mapped_column(Text)


# --- audit, outbox, sync -------------------------------------------------------------


class AuditEventRow(Base):
    """One hash-chained audit event, stored exactly as it was hashed.

    ``at`` is the ISO text and ``details`` the RFC 8785 canonical JSON text the hash was
    computed over, so verification can tell any edited byte from an equivalent encoding.
    """

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str]
    actor: Mapped[str]
    action: Mapped[str]
    subject: Mapped[str] = mapped_column(index=True)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str]
    hash: Mapped[str]


class OutboxItemRow(Base):
    __tablename__ = "outbox_items"
    __table_args__ = (Index("ix_outbox_items_status_created_at", "status", "created_at"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    kind: Mapped[str]
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    status: Mapped[str]
    attempts: Mapped[int]
    last_error: Mapped[str] = mapped_column(Text)


class SyncStateRow(Base):
    """Small key/value facts about synchronisation (cursors, last sync time)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SavedFilterRow(Base):
    """A dossier-list filter the user saved under a name."""

    __tablename__ = "saved_filters"

    name: Mapped[str] = mapped_column(primary_key=True)
    criteria: Mapped[dict[str, Any]]


# --- signed rulings (0004_signing) ---------------------------------------------------
#
# The workstation's trust store (the central CA, member certificates, revocation lists),
# the frozen payload and the signatures of a ruling being signed, sealed bundles and
# each board's ledger. Sealed bundles, ledger entries and signed heads are append-only
# (the repository has no way to update or delete them).


class TrustCertificateRow(Base):
    """A certificate this workstation trusts or has seen: the central CA or a member's."""

    __tablename__ = "trust_certificates"

    fingerprint: Mapped[str] = mapped_column(primary_key=True)  # SHA-256 of the DER, hex
    kind: Mapped[str]  # "ca" | "member"
    serial: Mapped[str] = mapped_column(index=True)  # hex
    member_id: Mapped[str | None] = mapped_column(index=True)
    board_id: Mapped[str | None] = mapped_column(index=True)
    role: Mapped[str | None]
    not_before: Mapped[datetime]
    not_after: Mapped[datetime]
    pem: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]


class TrustCrlRow(Base):
    """A revocation list signed by the central CA (all are kept; the newest is current)."""

    __tablename__ = "trust_crls"

    fingerprint: Mapped[str] = mapped_column(primary_key=True)
    crl_number: Mapped[int] = mapped_column(index=True)
    last_update: Mapped[datetime]
    next_update: Mapped[datetime | None]
    pem: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]


class RulingSigningRow(Base):
    """The payload of a ruling in signing, frozen as the exact canonical JSON text."""

    __tablename__ = "ruling_signing"

    ruling_id: Mapped[str] = mapped_column(
        ForeignKey("rulings.id", ondelete="CASCADE"), primary_key=True
    )
    payload: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str]
    started_at: Mapped[datetime]


class RulingSignatureRow(Base):
    __tablename__ = "ruling_signatures"

    ruling_id: Mapped[str] = mapped_column(
        ForeignKey("rulings.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(ForeignKey("board_members.id"), primary_key=True)
    payload_sha256: Mapped[str]
    certificate: Mapped[str] = mapped_column(Text)
    signature: Mapped[str]  # base64 DER ECDSA-SHA256
    signed_at: Mapped[datetime]


class SealedRulingRow(Base):
    """A sealed ruling bundle, byte for byte as sealed (append-only)."""

    __tablename__ = "sealed_rulings"

    ruling_id: Mapped[str] = mapped_column(ForeignKey("rulings.id"), primary_key=True)
    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), index=True)
    ledger_seq: Mapped[int]
    payload_sha256: Mapped[str]
    bundle: Mapped[bytes] = mapped_column(LargeBinary)
    sealed_at: Mapped[datetime]


class LedgerEntryRow(Base):
    """One entry of a board's ledger (append-only); the chain itself is checked in Python."""

    __tablename__ = "ledger_entries"
    # One entry per position and per predecessor, one position per ruling: no forks.
    __table_args__ = (UniqueConstraint("board_id", "prev"), UniqueConstraint("ruling_id"))

    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ruling_id: Mapped[str]
    ruling_hash: Mapped[str]
    prev: Mapped[str]
    hash: Mapped[str]
    recorded_at: Mapped[datetime]


class LedgerHeadRow(Base):
    """A member's signature over a board ledger's head (append-only)."""

    __tablename__ = "ledger_heads"

    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    member_id: Mapped[str] = mapped_column(primary_key=True)
    hash: Mapped[str]
    signed_at: Mapped[datetime]
    certificate: Mapped[str] = mapped_column(Text)
    signature: Mapped[str]  # base64


# --- review workspace (0003) ---------------------------------------------------------


class DossierReviewRow(Base):
    """Stored outcome of a dossier's automatic checks and its current deadline.

    Recomputed when the dossier's revision or the rules table's version changes, so the
    list's "failed a check" and "deadline" filters are queries, not evaluations.
    """

    __tablename__ = "dossier_review"

    dossier_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int]
    rules_version: Mapped[str]
    failed_count: Mapped[int] = mapped_column(index=True)
    unknown_count: Mapped[int]
    failed_codes: Mapped[str]  # comma-separated rule codes, for display
    due_on: Mapped[date | None] = mapped_column(index=True)


class DossierCheckFlagRow(Base):
    """One failed (or undecidable) automatic check of a dossier."""

    __tablename__ = "dossier_check_flags"
    __table_args__ = (Index("ix_dossier_check_flags_code_outcome", "code", "outcome"),)

    dossier_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(primary_key=True)
    outcome: Mapped[str]


class ManualAssessmentRow(Base):
    """A member's judgement on a manual criterion (the latest; history is in the audit log)."""

    __tablename__ = "manual_assessments"

    registration_id: Mapped[str] = mapped_column(
        ForeignKey("dossiers.registration_id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(primary_key=True)
    met: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text)
    actor: Mapped[str]
    recorded_at: Mapped[datetime]


class BoardSessionRow(Base):
    __tablename__ = "board_sessions"

    id: Mapped[str] = mapped_column(primary_key=True)
    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"), index=True)
    held_on: Mapped[date]
    meeting_type: Mapped[str]
    status: Mapped[str]
    present_member_ids: Mapped[list[Any]]


class AgendaItemRow(Base):
    __tablename__ = "session_agenda_items"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("board_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str]
    subject_ref: Mapped[str] = mapped_column(index=True)
    registration_id: Mapped[str] = mapped_column(index=True)
    proposal: Mapped[str]
    legal_basis: Mapped[list[Any]]
    reasoning: Mapped[str] = mapped_column(Text)
    votes: Mapped[list[Any]]  # [{"member_id", "vote", "dissent_note"}, ...]
    ruling_id: Mapped[str | None]
    decision_id: Mapped[str | None]


# --- registry sync (0006_sync) -------------------------------------------------------


class PulledRecordRow(Base):
    """A pulled record of a kind with no table of its own (``pki``, ``ruling_ref``).

    ``body`` is the record's canonical JSON exactly as the registry sent it.
    """

    __tablename__ = "pulled_records"

    kind: Mapped[str] = mapped_column(primary_key=True)
    id: Mapped[str] = mapped_column(primary_key=True)
    seq: Mapped[int]
    revision: Mapped[int]
    content_sha256: Mapped[str]
    body: Mapped[str] = mapped_column(Text)


# --- election day (0007_election_day) ------------------------------------------------


class ReportDraftRow(Base):
    """The report-entry form's unsaved contents (JSON), kept as the user types."""

    __tablename__ = "report_drafts"

    slot: Mapped[str] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class ComplaintEventRow(Base):
    """One entry of a complaint's append-only history (assignment, note, escalation...)."""

    __tablename__ = "complaint_events"
    __table_args__ = (UniqueConstraint("complaint_id", "position"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    kind: Mapped[str]
    actor: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    target: Mapped[str | None]
