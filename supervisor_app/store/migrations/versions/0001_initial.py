"""The initial schema: geography, cycles, boards, dossiers (with full-text search),
qualification, election day, rulings, audit and outbox.

Revision ID: 0001_initial
Revises:
Create Date: 2026-05-09

Frozen: this file never imports tables.py; later changes are new revisions.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# External-content FTS5 index over the dossiers' search columns. ``name_key`` is already
# normalised by the app (persian.search_key); unicode61 then only splits and folds case.
# content_rowid is dossiers' rowid, which is the explicit INTEGER PRIMARY KEY ``id``,
# so it survives VACUUM.
FTS_STATEMENTS = (
    """
    CREATE VIRTUAL TABLE dossier_fts USING fts5(
        name_key, national_id, registration_id,
        content='dossiers', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
    """
    CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_fts(rowid, name_key, national_id, registration_id)
        VALUES (new.rowid, new.name_key, new.national_id, new.registration_id);
    END
    """,
    """
    CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, name_key, national_id, registration_id)
        VALUES ('delete', old.rowid, old.name_key, old.national_id, old.registration_id);
    END
    """,
    # Only changes to indexed columns touch the index (status updates stay cheap).
    """
    CREATE TRIGGER dossiers_fts_update
    AFTER UPDATE OF id, name_key, national_id, registration_id ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, name_key, national_id, registration_id)
        VALUES ('delete', old.rowid, old.name_key, old.national_id, old.registration_id);
        INSERT INTO dossier_fts(rowid, name_key, national_id, registration_id)
        VALUES (new.rowid, new.name_key, new.national_id, new.registration_id);
    END
    """,
)

TABLES = (
    "audit_events",
    "boards",
    "election_cycles",
    "outbox_items",
    "provinces",
    "board_members",
    "counties",
    "cycle_deadlines",
    "cycle_stage_windows",
    "rulings",
    "districts",
    "ruling_votes",
    "constituencies",
    "branches",
    "complaints",
    "dossiers",
    "dossier_documents",
    "dossier_inquiries",
    "observers",
    "qualification_decisions",
    "objections",
    "observer_reports",
)


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_events"),
    )
    op.create_index("ix_audit_events_subject", "audit_events", ["subject"], unique=False)
    op.create_table(
        "boards",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("jurisdiction", sa.String(), nullable=True),
        sa.Column("parent_id", sa.String(), nullable=True),
        sa.Column("full_membership", sa.Integer(), nullable=False),
        sa.Column("quorum", sa.Integer(), nullable=True),
        sa.Column("majority", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["boards.id"], name="fk_boards_parent_id_boards"),
        sa.PrimaryKeyConstraint("id", name="pk_boards"),
    )
    op.create_index("ix_boards_jurisdiction", "boards", ["jurisdiction"], unique=False)
    op.create_index("ix_boards_parent_id", "boards", ["parent_id"], unique=False)
    op.create_table(
        "election_cycles",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("election_day", sa.Date(), nullable=False),
        sa.Column("minimum_age", sa.Integer(), nullable=False),
        sa.Column("big_city_population", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_election_cycles"),
    )
    op.create_table(
        "outbox_items",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_items"),
    )
    op.create_index(
        "ix_outbox_items_status_created_at", "outbox_items", ["status", "created_at"], unique=False
    )
    op.create_table(
        "provinces",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_provinces"),
    )
    op.create_table(
        "board_members",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("board_id", sa.String(), nullable=False),
        sa.Column("full_name", sa.String(), nullable=False),
        sa.Column("national_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name="fk_board_members_board_id_boards"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_board_members"),
    )
    op.create_index("ix_board_members_board_id", "board_members", ["board_id"], unique=False)
    op.create_index("ix_board_members_national_id", "board_members", ["national_id"], unique=False)
    op.create_table(
        "counties",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("province_code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"], ["provinces.code"], name="fk_counties_province_code_provinces"
        ),
        sa.PrimaryKeyConstraint("code", name="pk_counties"),
    )
    op.create_index("ix_counties_province_code", "counties", ["province_code"], unique=False)
    op.create_table(
        "cycle_deadlines",
        sa.Column("cycle_code", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("anchor", sa.String(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("inclusive", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_code"],
            ["election_cycles.code"],
            name="fk_cycle_deadlines_cycle_code_election_cycles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cycle_code", "position", name="pk_cycle_deadlines"),
    )
    op.create_table(
        "cycle_stage_windows",
        sa.Column("cycle_code", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("track", sa.String(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_code"],
            ["election_cycles.code"],
            name="fk_cycle_stage_windows_cycle_code_election_cycles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cycle_code", "position", name="pk_cycle_stage_windows"),
    )
    op.create_table(
        "rulings",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("board_id", sa.String(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("subject_ref", sa.String(), nullable=False),
        sa.Column("legal_basis", sa.JSON(), nullable=False),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("present_member_ids", sa.JSON(), nullable=False),
        sa.Column("absent_member_ids", sa.JSON(), nullable=False),
        sa.Column("supersedes_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("meeting_type", sa.String(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["board_id"], ["boards.id"], name="fk_rulings_board_id_boards"),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["rulings.id"], name="fk_rulings_supersedes_id_rulings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_rulings"),
        sa.UniqueConstraint("board_id", "serial", name="uq_rulings_board_id_serial"),
    )
    op.create_index("ix_rulings_board_id", "rulings", ["board_id"], unique=False)
    op.create_index("ix_rulings_subject_ref", "rulings", ["subject_ref"], unique=False)
    op.create_index("ix_rulings_supersedes_id", "rulings", ["supersedes_id"], unique=False)
    op.create_table(
        "districts",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("county_code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["county_code"], ["counties.code"], name="fk_districts_county_code_counties"
        ),
        sa.PrimaryKeyConstraint("code", name="pk_districts"),
    )
    op.create_index("ix_districts_county_code", "districts", ["county_code"], unique=False)
    op.create_table(
        "ruling_votes",
        sa.Column("ruling_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(), nullable=False),
        sa.Column("vote", sa.String(), nullable=False),
        sa.Column("dissent_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["board_members.id"], name="fk_ruling_votes_member_id_board_members"
        ),
        sa.ForeignKeyConstraint(
            ["ruling_id"],
            ["rulings.id"],
            name="fk_ruling_votes_ruling_id_rulings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ruling_id", "position", name="pk_ruling_votes"),
    )
    op.create_index("ix_ruling_votes_member_id", "ruling_votes", ["member_id"], unique=False)
    op.create_table(
        "constituencies",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("county_code", sa.String(), nullable=False),
        sa.Column("district_code", sa.String(), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("households", sa.Integer(), nullable=True),
        sa.Column("proportional", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["county_code"], ["counties.code"], name="fk_constituencies_county_code_counties"
        ),
        sa.ForeignKeyConstraint(
            ["district_code"], ["districts.code"], name="fk_constituencies_district_code_districts"
        ),
        sa.PrimaryKeyConstraint("code", name="pk_constituencies"),
    )
    op.create_index(
        "ix_constituencies_county_code", "constituencies", ["county_code"], unique=False
    )
    op.create_index(
        "ix_constituencies_district_code", "constituencies", ["district_code"], unique=False
    )
    op.create_table(
        "branches",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("constituency_code", sa.String(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("device_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["constituency_code"],
            ["constituencies.code"],
            name="fk_branches_constituency_code_constituencies",
        ),
        sa.PrimaryKeyConstraint("code", name="pk_branches"),
    )
    op.create_index(
        "ix_branches_constituency_code", "branches", ["constituency_code"], unique=False
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("complainant_name", sa.String(), nullable=False),
        sa.Column("complainant_national_id", sa.String(), nullable=False),
        sa.Column("complainant_kind", sa.String(), nullable=False),
        sa.Column("filed_at", sa.String(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("constituency_code", sa.String(), nullable=False),
        sa.Column("branch_codes", sa.JSON(), nullable=False),
        sa.Column("report_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("assigned_to", sa.String(), nullable=True),
        sa.Column("board_id", sa.String(), nullable=True),
        sa.Column("filed_on_deadline", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["board_id"], ["boards.id"], name="fk_complaints_board_id_boards"),
        sa.ForeignKeyConstraint(
            ["constituency_code"],
            ["constituencies.code"],
            name="fk_complaints_constituency_code_constituencies",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
    )
    op.create_index("ix_complaints_board_id", "complaints", ["board_id"], unique=False)
    op.create_index(
        "ix_complaints_complainant_national_id",
        "complaints",
        ["complainant_national_id"],
        unique=False,
    )
    op.create_index(
        "ix_complaints_constituency_code", "complaints", ["constituency_code"], unique=False
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("national_id", sa.String(), nullable=False),
        sa.Column("first_name", sa.String(), nullable=False),
        sa.Column("last_name", sa.String(), nullable=False),
        sa.Column("father_name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("name_sort", sa.String(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("birthplace", sa.String(), nullable=False),
        sa.Column("gender", sa.String(), nullable=False),
        sa.Column("mobile", sa.String(), nullable=False),
        sa.Column("education", sa.Integer(), nullable=False),
        sa.Column("education_field", sa.String(), nullable=False),
        sa.Column("degree_verification_code", sa.String(), nullable=True),
        sa.Column("occupation", sa.String(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("residence_constituency_code", sa.String(), nullable=False),
        sa.Column("constituency_code", sa.String(), nullable=False),
        sa.Column("registered_at", sa.String(), nullable=False),
        sa.Column("military_status", sa.String(), nullable=False),
        sa.Column("veteran_status", sa.String(), nullable=False),
        sa.Column("previous_council_member_of", sa.String(), nullable=True),
        sa.Column("art41_title", sa.String(), nullable=True),
        sa.Column("art41_resigned_on", sa.Date(), nullable=True),
        sa.Column("executive_opinion", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["constituency_code"],
            ["constituencies.code"],
            name="fk_dossiers_constituency_code_constituencies",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("registration_id", name="uq_dossiers_registration_id"),
    )
    op.create_index(
        "ix_dossiers_constituency_code_status",
        "dossiers",
        ["constituency_code", "status"],
        unique=False,
    )
    op.create_index("ix_dossiers_last_name", "dossiers", ["last_name"], unique=False)
    op.create_index("ix_dossiers_name_sort", "dossiers", ["name_sort"], unique=False)
    op.create_index("ix_dossiers_national_id", "dossiers", ["national_id"], unique=False)
    op.create_table(
        "dossier_documents",
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.String(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["dossiers.registration_id"],
            name="fk_dossier_documents_registration_id_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("registration_id", "position", name="pk_dossier_documents"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dossier_inquiries",
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["dossiers.registration_id"],
            name="fk_dossier_inquiries_registration_id_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("registration_id", "position", name="pk_dossier_inquiries"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "observers",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("full_name", sa.String(), nullable=False),
        sa.Column("national_id", sa.String(), nullable=False),
        sa.Column("appointment_letter", sa.String(), nullable=False),
        sa.Column("branch_code", sa.String(), nullable=True),
        sa.Column("head_observer_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name="fk_observers_branch_code_branches"
        ),
        sa.ForeignKeyConstraint(
            ["head_observer_id"], ["observers.id"], name="fk_observers_head_observer_id_observers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_observers"),
    )
    op.create_index("ix_observers_branch_code", "observers", ["branch_code"], unique=False)
    op.create_index(
        "ix_observers_head_observer_id", "observers", ["head_observer_id"], unique=False
    )
    op.create_index("ix_observers_national_id", "observers", ["national_id"], unique=False)
    op.create_table(
        "qualification_decisions",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("board_id", sa.String(), nullable=True),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("legal_basis", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("ruling_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name="fk_qualification_decisions_board_id_boards"
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["dossiers.registration_id"],
            name="fk_qualification_decisions_registration_id_dossiers",
        ),
        sa.ForeignKeyConstraint(
            ["ruling_id"], ["rulings.id"], name="fk_qualification_decisions_ruling_id_rulings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_qualification_decisions"),
    )
    op.create_index(
        "ix_qualification_decisions_board_id", "qualification_decisions", ["board_id"], unique=False
    )
    op.create_index(
        "ix_qualification_decisions_registration_id",
        "qualification_decisions",
        ["registration_id"],
        unique=False,
    )
    op.create_index(
        "ix_qualification_decisions_ruling_id",
        "qualification_decisions",
        ["ruling_id"],
        unique=False,
    )
    op.create_table(
        "objections",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("against_decision_id", sa.String(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("routed_to_board_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["against_decision_id"],
            ["qualification_decisions.id"],
            name="fk_objections_against_decision_id_qualification_decisions",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["dossiers.registration_id"],
            name="fk_objections_registration_id_dossiers",
        ),
        sa.ForeignKeyConstraint(
            ["routed_to_board_id"], ["boards.id"], name="fk_objections_routed_to_board_id_boards"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_objections"),
    )
    op.create_index(
        "ix_objections_against_decision_id", "objections", ["against_decision_id"], unique=False
    )
    op.create_index(
        "ix_objections_registration_id", "objections", ["registration_id"], unique=False
    )
    op.create_index(
        "ix_objections_routed_to_board_id", "objections", ["routed_to_board_id"], unique=False
    )
    op.create_table(
        "observer_reports",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("branch_code", sa.String(), nullable=False),
        sa.Column("observed_at", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("observer_id", sa.String(), nullable=True),
        sa.Column("witnesses", sa.JSON(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name="fk_observer_reports_branch_code_branches"
        ),
        sa.ForeignKeyConstraint(
            ["observer_id"], ["observers.id"], name="fk_observer_reports_observer_id_observers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_observer_reports"),
    )
    op.create_index(
        "ix_observer_reports_branch_code", "observer_reports", ["branch_code"], unique=False
    )
    op.create_index(
        "ix_observer_reports_observer_id", "observer_reports", ["observer_id"], unique=False
    )
    for statement in FTS_STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE dossier_fts")  # its triggers go with the dossiers table
    for name in reversed(TABLES):
        op.drop_table(name)
