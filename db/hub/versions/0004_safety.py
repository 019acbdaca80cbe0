"""安否確認: rounds, residents' answers under opaque household keys, 会長用リンク (hashes only).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Only new tables: nothing existing is altered. No name, phone or PIN is stored: households are
the existing opaque rows, a 会長用リンク is the SHA-256 of its token and a salted PIN hash.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _association_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["association_id"],
        ["association.id"],
        name=op.f(f"fk_{table}_association_id_association"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "safety_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("drill", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        _association_fk("safety_round"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_round")),
        sa.UniqueConstraint("association_id", "key", name=op.f("uq_safety_round_association_id")),
    )
    op.create_table(
        "safety_answer",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        _association_fk("safety_answer"),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["safety_round.id"],
            name=op.f("fk_safety_answer_round_id_safety_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_safety_answer_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_answer")),
    )
    op.create_index("ix_safety_answer_association_cursor", "safety_answer", ["association_id", "id"])
    op.create_index(op.f("ix_safety_answer_round_id"), "safety_answer", ["round_id"])
    op.create_index(op.f("ix_safety_answer_household_id"), "safety_answer", ["household_id"])
    op.create_table(
        "chair_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("pin_salt", sa.String(length=64), nullable=False),
        sa.Column("pin_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        _association_fk("chair_link"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chair_link")),
        sa.UniqueConstraint("association_id", "key", name=op.f("uq_chair_link_association_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_chair_link_token_hash")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("chair_link")
    op.drop_index(op.f("ix_safety_answer_household_id"), table_name="safety_answer")
    op.drop_index(op.f("ix_safety_answer_round_id"), table_name="safety_answer")
    op.drop_index("ix_safety_answer_association_cursor", table_name="safety_answer")
    op.drop_table("safety_answer")
    op.drop_table("safety_round")
