"""Shared limits: the token-guess counters live in the database, not in each worker.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

One small table. Every hub worker and host counts failures into it with one atomic upsert
(``INSERT … ON CONFLICT DO UPDATE … RETURNING count``), so N workers no longer give a guesser
N times the budget. Rows of past windows are deleted as new windows begin.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "rate_counter",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("window_start", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window_start", name=op.f("pk_rate_counter")),
    )
    op.create_index("ix_rate_counter_window_start", "rate_counter", ["window_start"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_rate_counter_window_start", table_name="rate_counter")
    op.drop_table("rate_counter")
