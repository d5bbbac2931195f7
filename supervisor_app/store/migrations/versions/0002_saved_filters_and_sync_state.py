"""Saved dossier-list filters and the key/value sync state (cursors, last sync time).

Revision ID: 0002_saved_filters_and_sync_state
Revises: 0001_initial
Create Date: 2026-05-09
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_saved_filters_and_sync_state"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_filters",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_saved_filters"),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_sync_state"),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_table("saved_filters")
