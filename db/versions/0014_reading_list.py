"""The reading list of furigana (issue 23): an officer's reading of a word, append-only

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 20:30:00

Only a new table (the integrator may renumber). A change adds a row and the latest row of a
word counts; a removal is a row with ``removed`` set. Nothing is ever updated or deleted.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create reading_entry."""
    op.create_table(
        "reading_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=30), nullable=False),
        sa.Column("reading", sa.String(length=60), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_entry")),
    )
    op.create_index(op.f("ix_reading_entry_word"), "reading_entry", ["word"])


def downgrade() -> None:
    """Drop reading_entry."""
    op.drop_index(op.f("ix_reading_entry_word"), table_name="reading_entry")
    op.drop_table("reading_entry")
