"""Constraint names for the desktop's and the hub's schemas (one convention, both databases).

Explicit constraint names keep Alembic migrations (and SQLite batch mode) deterministic; both
``MetaData`` objects use this dictionary so a name means the same thing everywhere.
"""

from __future__ import annotations

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
