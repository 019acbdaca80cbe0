"""Translations of circulars (issue 23): title and body per reader-page language.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Only a new table. A publish that carries ``translations`` replaces a circular's rows; one
without them (a desktop from before translations) keeps them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "circular_translation",
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_circular_translation_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circular_id", "lang", name=op.f("pk_circular_translation")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("circular_translation")
