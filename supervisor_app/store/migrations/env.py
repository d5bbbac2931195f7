"""Alembic environment: migrations run only through ``store.database`` on its connection.

There is no alembic.ini and no target metadata: each revision spells out its schema, so
a revision means the same thing forever, whatever ``tables.py`` looks like today.
"""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through supervisor_app.store.database.open_store")

context.configure(
    connection=connection,
    target_metadata=None,
    # SQLite alters most things by rebuilding the table: batch mode does that for us.
    render_as_batch=True,
)

with context.begin_transaction():
    context.run_migrations()
