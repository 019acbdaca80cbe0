"""Furigana's readings of a circular (issue 23): JSON {"word": "よみ"}, or NULL.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Only the association's readings of words that occur in the circular's own text travel with it
(the desktop filters them), so no separate list of names ever reaches the hub.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("circular") as batch:
        batch.add_column(sa.Column("readings", sa.Text(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("circular") as batch:
        batch.drop_column("readings")
