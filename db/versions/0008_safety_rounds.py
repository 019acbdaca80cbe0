"""安否確認: rounds and the households' answers (safety_round, safety_record)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 16:15:00

safety_record is append-only like the audit trail: triggers refuse UPDATE and DELETE, so what
was answered, when and by whom stays as it was; a later answer is a new row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the two tables and the append-only triggers."""
    op.create_table(
        "safety_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("drill", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("started_by", sa.String(length=100), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by", sa.String(length=100), nullable=True),
        sa.Column("open_slot", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('earthquake', 'rain', 'other')", name=op.f("ck_safety_round_kind")),
        sa.CheckConstraint("open_slot IS NULL OR open_slot = 1", name=op.f("ck_safety_round_open_slot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_round")),
        sa.UniqueConstraint("open_slot", name=op.f("uq_safety_round_open_slot")),
    )
    op.create_table(
        "safety_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("status IN ('safe', 'help', 'away')", name=op.f("ck_safety_record_status")),
        sa.CheckConstraint(
            "channel IN ('phone', 'visit', 'paper', 'digital')", name=op.f("ck_safety_record_channel")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_safety_record_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["safety_round.id"], name=op.f("fk_safety_record_round_id_safety_round")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_record")),
    )
    with op.batch_alter_table("safety_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safety_record_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_safety_record_round_id"), ["round_id"], unique=False)
    op.execute(
        "CREATE TRIGGER safety_record_no_update BEFORE UPDATE ON safety_record "
        "BEGIN SELECT RAISE(ABORT, 'safety_record is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER safety_record_no_delete BEFORE DELETE ON safety_record "
        "BEGIN SELECT RAISE(ABORT, 'safety_record is append-only'); END"
    )


def downgrade() -> None:
    """Drop the triggers and both tables."""
    op.execute("DROP TRIGGER IF EXISTS safety_record_no_update")
    op.execute("DROP TRIGGER IF EXISTS safety_record_no_delete")
    with op.batch_alter_table("safety_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_record_round_id"))
        batch_op.drop_index(batch_op.f("ix_safety_record_household_id"))
    op.drop_table("safety_record")
    op.drop_table("safety_round")
