"""Review workspace: stored eligibility results, manual assessments, board sessions.

Revision ID: 0003_review_workspace
Revises: 0002_saved_filters_and_sync_state
Create Date: 2026-11-21

``dossier_review`` holds one row per checked dossier (what the "failed an automatic
check" and "deadline" filters query); ``dossier_check_flags`` one row per failed or
undecidable check, so a filter on a single check is an index lookup too. Both point at
``dossiers.id`` (the stable rowid) and go with their dossier.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_review_workspace"
down_revision = "0002_saved_filters_and_sync_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_review",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.String(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("unknown_count", sa.Integer(), nullable=False),
        sa.Column("failed_codes", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name="fk_dossier_review_dossier_id_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_dossier_review"),
    )
    op.create_index("ix_dossier_review_failed_count", "dossier_review", ["failed_count"])
    op.create_index("ix_dossier_review_due_on", "dossier_review", ["due_on"])

    op.create_table(
        "dossier_check_flags",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name="fk_dossier_check_flags_dossier_id_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dossier_id", "code", name="pk_dossier_check_flags"),
    )
    op.create_index(
        "ix_dossier_check_flags_code_outcome", "dossier_check_flags", ["code", "outcome"]
    )

    op.create_table(
        "manual_assessments",
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["dossiers.registration_id"],
            name="fk_manual_assessments_registration_id_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("registration_id", "code", name="pk_manual_assessments"),
    )

    op.create_table(
        "board_sessions",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("board_id", sa.String(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("meeting_type", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("present_member_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name="fk_board_sessions_board_id_boards"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_board_sessions"),
    )
    op.create_index("ix_board_sessions_board_id", "board_sessions", ["board_id"])

    op.create_table(
        "session_agenda_items",
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("subject_ref", sa.String(), nullable=False),
        sa.Column("registration_id", sa.String(), nullable=False),
        sa.Column("proposal", sa.String(), nullable=False),
        sa.Column("legal_basis", sa.JSON(), nullable=False),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("votes", sa.JSON(), nullable=False),
        sa.Column("ruling_id", sa.String(), nullable=True),
        sa.Column("decision_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["board_sessions.id"],
            name="fk_session_agenda_items_session_id_board_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "position", name="pk_session_agenda_items"),
    )
    op.create_index(
        "ix_session_agenda_items_registration_id", "session_agenda_items", ["registration_id"]
    )
    op.create_index("ix_session_agenda_items_subject_ref", "session_agenda_items", ["subject_ref"])


def downgrade() -> None:
    op.drop_table("session_agenda_items")
    op.drop_table("board_sessions")
    op.drop_table("manual_assessments")
    op.drop_table("dossier_check_flags")
    op.drop_table("dossier_review")
