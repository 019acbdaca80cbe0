"""要配慮者 and 見守り: care_need (flag and note per household) and watch_setting

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 18:10:00

care_need holds sensitive personal data: one row per flagged household, removed with the
household. It lives in the encrypted profile like names and phone numbers and is never put
in the hub outbox. watch_setting holds the 管理者's 見守り choice (no row: off).

Chained after 0009 (forms and answers).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the two tables."""
    op.create_table(
        "care_need",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_care_need_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("household_id", name=op.f("pk_care_need")),
    )
    op.create_table(
        "watch_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("after", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_setting")),
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("watch_setting")
    op.drop_table("care_need")
