"""Alembic environment for the hub schema (SQLite or PostgreSQL).

The hub passes an open connection in ``config.attributes["connection"]`` (see
``circular_app.hub.storage.database.migrate``); there is no alembic.ini and no URL here.
``render_as_batch`` lets SQLite alter tables by copying them.
"""

from __future__ import annotations

from alembic import context

from circular_app.hub.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through circular_app.hub.storage.database.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
