"""Signed rulings: trust store, frozen signing payloads, signatures, sealed bundles, ledgers.

Revision ID: 0004_signing
Revises: 0002_saved_filters_and_sync_state
Create Date: 2026-05-10

Sealed bundles, ledger entries and signed ledger heads are append-only: the repository
only ever inserts them. Tampering with the file itself is caught by the hashes (every
bundle and ledger entry verifies on its own), not by the schema.

Frozen: this file never imports tables.py; later changes are new revisions.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_signing"
down_revision = "0002_saved_filters_and_sync_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trust_certificates",
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("serial", sa.String(), nullable=False),
        sa.Column("member_id", sa.String(), nullable=True),
        sa.Column("board_id", sa.String(), nullable=True),
        sa.Column("role", sa.String(), nullable=True),
        sa.Column("not_before", sa.String(), nullable=False),
        sa.Column("not_after", sa.String(), nullable=False),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_trust_certificates"),
    )
    op.create_index("ix_trust_certificates_serial", "trust_certificates", ["serial"])
    op.create_index("ix_trust_certificates_member_id", "trust_certificates", ["member_id"])
    op.create_index("ix_trust_certificates_board_id", "trust_certificates", ["board_id"])
    op.create_table(
        "trust_crls",
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("crl_number", sa.Integer(), nullable=False),
        sa.Column("last_update", sa.String(), nullable=False),
        sa.Column("next_update", sa.String(), nullable=True),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_trust_crls"),
    )
    op.create_index("ix_trust_crls_crl_number", "trust_crls", ["crl_number"])
    op.create_table(
        "ruling_signing",
        sa.Column("ruling_id", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_sha256", sa.String(), nullable=False),
        sa.Column("started_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ruling_id"], ["rulings.id"], name="fk_ruling_signing_ruling_id_rulings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ruling_id", name="pk_ruling_signing"),
    )
    op.create_table(
        "ruling_signatures",
        sa.Column("ruling_id", sa.String(), nullable=False),
        sa.Column("member_id", sa.String(), nullable=False),
        sa.Column("payload_sha256", sa.String(), nullable=False),
        sa.Column("certificate", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("signed_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["board_members.id"],
            name="fk_ruling_signatures_member_id_board_members",
        ),
        sa.ForeignKeyConstraint(
            ["ruling_id"], ["rulings.id"], name="fk_ruling_signatures_ruling_id_rulings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ruling_id", "member_id", name="pk_ruling_signatures"),
    )
    op.create_table(
        "sealed_rulings",
        sa.Column("ruling_id", sa.String(), nullable=False),
        sa.Column("board_id", sa.String(), nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(), nullable=False),
        sa.Column("bundle", sa.LargeBinary(), nullable=False),
        sa.Column("sealed_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name="fk_sealed_rulings_board_id_boards"
        ),
        sa.ForeignKeyConstraint(
            ["ruling_id"], ["rulings.id"], name="fk_sealed_rulings_ruling_id_rulings"
        ),
        sa.PrimaryKeyConstraint("ruling_id", name="pk_sealed_rulings"),
    )
    op.create_index("ix_sealed_rulings_board_id", "sealed_rulings", ["board_id"])
    op.create_table(
        "ledger_entries",
        sa.Column("board_id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("ruling_id", sa.String(), nullable=False),
        sa.Column("ruling_hash", sa.String(), nullable=False),
        sa.Column("prev", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name="fk_ledger_entries_board_id_boards"
        ),
        sa.PrimaryKeyConstraint("board_id", "seq", name="pk_ledger_entries"),
        sa.UniqueConstraint("board_id", "prev", name="uq_ledger_entries_board_id_prev"),
        sa.UniqueConstraint("ruling_id", name="uq_ledger_entries_ruling_id"),
    )
    op.create_table(
        "ledger_heads",
        sa.Column("board_id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("member_id", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("signed_at", sa.String(), nullable=False),
        sa.Column("certificate", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name="fk_ledger_heads_board_id_boards"
        ),
        sa.PrimaryKeyConstraint("board_id", "seq", "member_id", name="pk_ledger_heads"),
    )


def downgrade() -> None:
    op.drop_table("ledger_heads")
    op.drop_table("ledger_entries")
    op.drop_index("ix_sealed_rulings_board_id", table_name="sealed_rulings")
    op.drop_table("sealed_rulings")
    op.drop_table("ruling_signatures")
    op.drop_table("ruling_signing")
    op.drop_index("ix_trust_crls_crl_number", table_name="trust_crls")
    op.drop_table("trust_crls")
    op.drop_index("ix_trust_certificates_board_id", table_name="trust_certificates")
    op.drop_index("ix_trust_certificates_member_id", table_name="trust_certificates")
    op.drop_index("ix_trust_certificates_serial", table_name="trust_certificates")
    op.drop_table("trust_certificates")
