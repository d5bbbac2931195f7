"""Search: compound names indexed both ways ("عبدالله" / "عبد‌الله", "محمدحسین" / "محمد حسین").

Revision ID: 0009_search_terms
Revises: 0008_search_prefix
Create Date: 2026-11-22

``dossiers.name_key`` (what the full-text index holds for a name) becomes the
``search_terms`` of each name: its words plus their joined forms and the known compounds
split in two (``domain/persian.py``). Every stored key is recomputed with today's rules and
the index is rebuilt once, in this one transaction; an interrupted upgrade leaves the file
at 0008.

A data migration: it calls the domain's ``search_terms`` (plain Python, no tables), the
rules this revision introduces; it never imports tables.py.
"""

from functools import lru_cache

from alembic import op

from supervisor_app.domain.persian import search_terms

revision = "0009_search_terms"
down_revision = "0008_search_prefix"
branch_labels = None
depends_on = None

_UPDATE_TRIGGER = "dossiers_fts_update"
_UPDATE_TRIGGER_SQL = """
    CREATE TRIGGER dossiers_fts_update
    AFTER UPDATE OF id, name_key, national_id, registration_id ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, name_key, national_id, registration_id)
        VALUES ('delete', old.rowid, old.name_key, old.national_id, old.registration_id);
        INSERT INTO dossier_fts(rowid, name_key, national_id, registration_id)
        VALUES (new.rowid, new.name_key, new.national_id, new.registration_id);
    END
"""


def upgrade() -> None:
    terms = lru_cache(maxsize=65_536)(search_terms)  # names repeat: a few thousand cover most

    def key(first: str, last: str, father: str) -> str:
        return " ".join(p for p in (terms(first), terms(last), terms(father)) if p)

    conn = op.get_bind()
    rows = conn.exec_driver_sql(
        "SELECT id, first_name, last_name, father_name, name_key FROM dossiers"
    ).fetchall()
    changed = [
        (new, row_id)
        for row_id, first, last, father, old in rows
        if (new := key(first, last, father)) != old
    ]
    # Row by row the trigger would rewrite the index entry of each changed dossier; one
    # rebuild at the end is faster, and the trigger is back before commit.
    op.execute(f"DROP TRIGGER IF EXISTS {_UPDATE_TRIGGER}")
    if changed:
        conn.exec_driver_sql("UPDATE dossiers SET name_key = ? WHERE id = ?", changed)
    op.execute(_UPDATE_TRIGGER_SQL)
    if changed:
        op.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')")


def downgrade() -> None:
    # The older app's keys are the plain search_key words: the first part of each name's
    # terms. Recomputing them needs that app's rules; a downgrade keeps the richer keys,
    # which the older app's prefix queries still match.
    pass
