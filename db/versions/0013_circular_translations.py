"""Translations of circulars (issue 23): circular_translation

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 21:00:00

One row per saved translation of a circular into a reader-page language. Append-only: a
trigger refuses UPDATE always, and DELETE once the circular is published (a draft deleted with
its translations still cascades). The latest row of a language counts; ``removed`` = 1 takes
the translation away.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create circular_translation and its append-only triggers."""
    op.create_table(
        "circular_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("source_digest", sa.String(length=64), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_circular_translation_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circular_translation")),
    )
    with op.batch_alter_table("circular_translation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circular_translation_circular_id"), ["circular_id"], unique=False
        )
    op.execute(
        "CREATE TRIGGER circular_translation_no_update BEFORE UPDATE ON circular_translation "
        "BEGIN SELECT RAISE(ABORT, 'circular_translation is append-only'); END"
    )
    # While the circular is a draft its rows go with it when the draft is deleted; once
    # published (or closed) they are a record of what residents were shown.
    op.execute(
        "CREATE TRIGGER circular_translation_no_delete BEFORE DELETE ON circular_translation "
        "WHEN (SELECT status FROM circular WHERE id = OLD.circular_id) IN ('published', 'closed') "
        "BEGIN SELECT RAISE(ABORT, 'circular_translation is append-only'); END"
    )


def downgrade() -> None:
    """Drop the triggers and the table."""
    op.execute("DROP TRIGGER IF EXISTS circular_translation_no_update")
    op.execute("DROP TRIGGER IF EXISTS circular_translation_no_delete")
    with op.batch_alter_table("circular_translation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circular_translation_circular_id"))
    op.drop_table("circular_translation")
