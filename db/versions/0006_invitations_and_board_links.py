"""invitation tokens for paper households, board links of circulars on the hub

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 15:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add reader_token.invited_at and circular.board_token."""
    with op.batch_alter_table("reader_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invited_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("circular", schema=None) as batch_op:
        batch_op.add_column(sa.Column("board_token", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_circular_board_token"), ["board_token"])


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("circular", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_circular_board_token"), type_="unique")
        batch_op.drop_column("board_token")

    with op.batch_alter_table("reader_token", schema=None) as batch_op:
        batch_op.drop_column("invited_at")
