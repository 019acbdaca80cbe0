"""Board links: a circular's board token hash (the QR code on the paper 回覧板, ``/b/{token}``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

One nullable column and its unique index: SQLite adds both without copying the table, and
circulars published before keep NULL (no board link) until their desktop sends one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("circular", schema=None) as batch_op:
        batch_op.add_column(sa.Column("board_token_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_circular_board_token_hash"), ["board_token_hash"], unique=True)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("circular", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circular_board_token_hash"))
        batch_op.drop_column("board_token_hash")
