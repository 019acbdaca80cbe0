"""安否確認 on the hub: rounds' hub keys and answer cursors, issued 会長用リンク

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 18:00:00

Only new tables (the integrator re-chains ``down_revision`` after 0009/0010). Neither a
会長用リンク's token nor its PIN is stored here: only who holds the link and when it was
issued or revoked.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create safety_hub_round and chair_link."""
    op.create_table(
        "safety_hub_round",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("hub_key", sa.String(length=64), nullable=False),
        sa.Column("answers_cursor", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["safety_round.id"], name=op.f("fk_safety_hub_round_round_id_safety_round")
        ),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_safety_hub_round")),
        sa.UniqueConstraint("hub_key", name=op.f("uq_safety_hub_round_hub_key")),
    )
    op.create_table(
        "chair_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chair_link")),
        sa.UniqueConstraint("key", name=op.f("uq_chair_link_key")),
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("chair_link")
    op.drop_table("safety_hub_round")
