"""Election day: report drafts, complaint history and the indexes the dashboard needs.

Revision ID: 0007_election_day
Revises: 0006_sync
Create Date: 2026-11-21

- ``report_drafts``: the report-entry form's contents, saved as the user types, so a
  crash or power cut loses nothing (one row per form slot; deleted when the report is
  recorded or the draft discarded).
- ``complaint_events``: the append-only history of a complaint (assignment,
  investigation notes, linked reports/branches, escalation, decision), newest last.
- ``complaints.escalated_to_board_id``: the board now handling an escalated complaint.
- Indexes on ``observer_reports`` by time and category for the dashboard's counts.

Frozen: this file never imports tables.py; later changes are new revisions.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_election_day"
down_revision = "0006_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_drafts",
        sa.Column("slot", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("slot", name="pk_report_drafts"),
    )
    op.create_table(
        "complaint_events",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("complaint_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name="fk_complaint_events_complaint_id_complaints"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_events"),
        sa.UniqueConstraint(
            "complaint_id", "position", name="uq_complaint_events_complaint_id_position"
        ),
    )
    op.create_index(
        "ix_complaint_events_complaint_id", "complaint_events", ["complaint_id"], unique=False
    )
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("escalated_to_board_id", sa.String(), nullable=True))
    op.create_index(
        "ix_observer_reports_observed_at", "observer_reports", ["observed_at"], unique=False
    )
    op.create_index(
        "ix_observer_reports_category", "observer_reports", ["category"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_observer_reports_category", table_name="observer_reports")
    op.drop_index("ix_observer_reports_observed_at", table_name="observer_reports")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("escalated_to_board_id")
    op.drop_index("ix_complaint_events_complaint_id", table_name="complaint_events")
    op.drop_table("complaint_events")
    op.drop_table("report_drafts")
