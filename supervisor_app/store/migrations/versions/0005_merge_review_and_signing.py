"""Join the review-workspace and signing branches, which both start from 0002.

Revision ID: 0005_merge_review_and_signing
Revises: 0003_review_workspace, 0004_signing
Create Date: 2026-11-21

No schema change: the two revisions were written side by side and touch different
tables, so either order is correct; this revision only gives the history one head.
"""

revision = "0005_merge_review_and_signing"
down_revision = ("0003_review_workspace", "0004_signing")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
