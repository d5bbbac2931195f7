"""Registry sync: records pulled from the registry that have no table of their own.

Revision ID: 0006_sync
Revises: 0005_merge_review_and_signing
Create Date: 2026-11-21

``pulled_records`` keeps, verbatim, the records of feed kinds this workstation has no
domain table for (the central CA's ``pki`` record, ``ruling_ref``): their canonical JSON
as the registry sent it, so the consistency digest can be computed over them like over
everything else. Cursors and the device id stay in ``sync_state`` (0002).

Frozen: this file never imports tables.py; later changes are new revisions.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_sync"
down_revision = "0005_merge_review_and_signing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pulled_records",
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", name="pk_pulled_records"),
    )


def downgrade() -> None:
    op.drop_table("pulled_records")
