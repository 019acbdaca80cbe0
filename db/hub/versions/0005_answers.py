"""Answers (issue 21): circulars' forms, households' answers with their history, the desktop's ack.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Only new tables. ``answer_history.id`` is the cursor of ``GET /api/v1/answers``;
``answer_ack.acked_through`` is the cursor the desktop last passed back (what it has stored),
so acknowledged answers can be deleted once the form's deadline and the retention period have
passed. (The integrator chains this after 0004: then ``down_revision`` becomes "0004".)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "answer_form",
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("answer_form", "circular_id", "circular"),
        sa.PrimaryKeyConstraint("circular_id", name=op.f("pk_answer_form")),
    )
    op.create_table(
        "answer",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("history_id", _BIG_ID, nullable=False),
        _fk("answer", "association_id", "association"),
        _fk("answer", "circular_id", "circular"),
        _fk("answer", "household_id", "household"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
        sa.UniqueConstraint("circular_id", "household_id", name=op.f("uq_answer_circular_id")),
    )
    op.create_index(op.f("ix_answer_association_id"), "answer", ["association_id"])
    op.create_index(op.f("ix_answer_household_id"), "answer", ["household_id"])
    op.create_table(
        "answer_history",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("device", sa.String(length=20), nullable=False),
        _fk("answer_history", "association_id", "association"),
        _fk("answer_history", "circular_id", "circular"),
        _fk("answer_history", "household_id", "household"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_history")),
    )
    op.create_index("ix_answer_history_association_cursor", "answer_history", ["association_id", "id"])
    op.create_index(op.f("ix_answer_history_circular_id"), "answer_history", ["circular_id"])
    op.create_index(op.f("ix_answer_history_household_id"), "answer_history", ["household_id"])
    op.create_table(
        "answer_ack",
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("acked_through", _BIG_ID, nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=False),
        _fk("answer_ack", "association_id", "association"),
        sa.PrimaryKeyConstraint("association_id", name=op.f("pk_answer_ack")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("answer_ack")
    op.drop_index(op.f("ix_answer_history_household_id"), table_name="answer_history")
    op.drop_index(op.f("ix_answer_history_circular_id"), table_name="answer_history")
    op.drop_index("ix_answer_history_association_cursor", table_name="answer_history")
    op.drop_table("answer_history")
    op.drop_index(op.f("ix_answer_household_id"), table_name="answer")
    op.drop_index(op.f("ix_answer_association_id"), table_name="answer")
    op.drop_table("answer")
    op.drop_table("answer_form")
