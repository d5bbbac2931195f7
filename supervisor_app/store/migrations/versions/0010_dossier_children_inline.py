"""A dossier's documents and inquiries live in its own row, as canonical JSON.

Revision ID: 0010_dossier_children_inline
Revises: 0009_search_terms
Create Date: 2026-11-22

``dossier_documents`` and ``dossier_inquiries`` held ~7 rows per dossier (2.2 million for
300,000 dossiers). Nothing queries them apart from their dossier: they are read and
written whole, with it. Writing them as rows was most of a first pull's time, so they
become two columns of ``dossiers``: ``documents`` and ``inquiries``, each the canonical
(RFC 8785) JSON array of the records' wire forms, in their positions' order. The whole
move is one transaction; an interrupted upgrade leaves the file at 0009.

A data migration: it uses the domain's canonical JSON encoder (plain Python); it never
imports tables.py.
"""

from collections.abc import Iterator
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from alembic import op

from supervisor_app.domain.digest import wire_canonical_json

revision = "0010_dossier_children_inline"
down_revision = "0009_search_terms"
branch_labels = None
depends_on = None

_DOCUMENT_KEYS = ("kind", "filename", "sha256", "size", "uploaded_at", "issued_on")
_INQUIRY_KEYS = ("authority", "sent_on", "received_on", "result", "note")
_BATCH = 10_000


def _grouped(conn: Any, table: str, keys: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(registration_id, canonical JSON array) for every dossier with rows in ``table``."""
    rows = conn.exec_driver_sql(
        f"SELECT registration_id, {', '.join(keys)} FROM {table} "  # fixed names, no input
        "ORDER BY registration_id, position"
    )
    for rid, group in groupby(rows, key=lambda row: row[0]):
        records = [dict(zip(keys, row[1:], strict=True)) for row in group]
        yield rid, wire_canonical_json(records).decode("utf-8")


def _fill(conn: Any, column: str, pairs: Iterator[tuple[str, str]]) -> None:
    batch: list[tuple[str, str]] = []
    # The reading cursor is on the child table; the updates touch only ``dossiers``.
    sql = f"UPDATE dossiers SET {column} = ? WHERE registration_id = ?"  # fixed name
    for rid, value in pairs:
        batch.append((value, rid))
        if len(batch) >= _BATCH:
            conn.exec_driver_sql(sql, batch)
            batch = []
    if batch:
        conn.exec_driver_sql(sql, batch)


def upgrade() -> None:
    op.add_column(
        "dossiers", sa.Column("documents", sa.Text(), nullable=False, server_default="[]")
    )
    op.add_column(
        "dossiers", sa.Column("inquiries", sa.Text(), nullable=False, server_default="[]")
    )
    conn = op.get_bind()
    _fill(conn, "documents", _grouped(conn, "dossier_documents", _DOCUMENT_KEYS))
    _fill(conn, "inquiries", _grouped(conn, "dossier_inquiries", _INQUIRY_KEYS))
    op.drop_table("dossier_documents")
    op.drop_table("dossier_inquiries")


def downgrade() -> None:
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
    # SQLite's JSON functions unfold the arrays in their order ([key] is the position).
    op.execute(
        "INSERT INTO dossier_documents (registration_id, position, kind, filename, sha256,"
        " size, uploaded_at, issued_on)"
        " SELECT d.registration_id, j.key, json_extract(j.value, '$.kind'),"
        " json_extract(j.value, '$.filename'), json_extract(j.value, '$.sha256'),"
        " json_extract(j.value, '$.size'), json_extract(j.value, '$.uploaded_at'),"
        " json_extract(j.value, '$.issued_on')"
        " FROM dossiers AS d, json_each(d.documents) AS j"
    )
    op.execute(
        "INSERT INTO dossier_inquiries (registration_id, position, authority, sent_on,"
        " received_on, result, note)"
        " SELECT d.registration_id, j.key, json_extract(j.value, '$.authority'),"
        " json_extract(j.value, '$.sent_on'), json_extract(j.value, '$.received_on'),"
        " json_extract(j.value, '$.result'), json_extract(j.value, '$.note')"
        " FROM dossiers AS d, json_each(d.inquiries) AS j"
    )
    op.drop_column("dossiers", "inquiries")
    op.drop_column("dossiers", "documents")
