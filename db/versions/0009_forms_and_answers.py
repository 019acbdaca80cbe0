"""Forms on circulars and the households' answers (circular_form, answer)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 18:00:00

circular_form holds the form of a circular as the TOML text it reads back from (one row per
circular). answer is append-only like safety_record: triggers refuse UPDATE and DELETE; the
latest row of a household counts, a row with withdrawn = 1 takes the household's answer back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the two tables and the append-only triggers."""
    op.create_table(
        "circular_form",
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("general_meeting", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_circular_form_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circular_id", name=op.f("pk_circular_form")),
    )
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.CheckConstraint("channel IN ('paper', 'phone', 'officer')", name=op.f("ck_answer_channel")),
        sa.ForeignKeyConstraint(
            ["circular_id"], ["circular.id"], name=op.f("fk_answer_circular_id_circular")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_answer_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
    )
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_circular_id"), ["circular_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_answer_household_id"), ["household_id"], unique=False)
    op.execute(
        "CREATE TRIGGER answer_no_update BEFORE UPDATE ON answer "
        "BEGIN SELECT RAISE(ABORT, 'answer is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER answer_no_delete BEFORE DELETE ON answer "
        "BEGIN SELECT RAISE(ABORT, 'answer is append-only'); END"
    )


def downgrade() -> None:
    """Drop the triggers and both tables."""
    op.execute("DROP TRIGGER IF EXISTS answer_no_update")
    op.execute("DROP TRIGGER IF EXISTS answer_no_delete")
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_household_id"))
        batch_op.drop_index(batch_op.f("ix_answer_circular_id"))
    op.drop_table("answer")
    op.drop_table("circular_form")
