"""the audience of a circular fixed at publication (circular_recipient)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 15:30:00

Circulars published before this revision get a snapshot rebuilt from what the profile knows:
the households the old live rule targets (its 班, its delivery, not moved out by the issue
date) that already existed when the circular was published, plus every household with a read
record for it, each with its *current* 班 and route position. What cannot be known is said in
the CHANGELOG (0007): the 班 and route order at the time, and households that changed
delivery or 班 since.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The demo moves publication times back to the issue dates after creating its households, so
# "existed at publication" also accepts households older than the circular's own creation.
REBUILD = """
INSERT INTO circular_recipient
    (circular_id, household_id, han_id, route_position, delivery, source, added_at, added_by)
SELECT c.id, h.id, h.han_id, h.route_position, h.delivery, 'migrated', CURRENT_TIMESTAMP, 'migration-0007'
FROM circular AS c JOIN household AS h
WHERE c.status IN ('published', 'closed')
  AND (
    (
      (NOT EXISTS (SELECT 1 FROM circular_target AS t WHERE t.circular_id = c.id)
       OR EXISTS (SELECT 1 FROM circular_target AS t WHERE t.circular_id = c.id AND t.han_id = h.han_id))
      AND (c.audience = 'both' OR c.audience = h.delivery)
      AND (h.moved_out_on IS NULL OR h.moved_out_on > c.issue_date)
      AND (c.published_at IS NULL
           OR h.created_at <= max(c.published_at, COALESCE(c.created_at, c.published_at)))
    )
    OR EXISTS (SELECT 1 FROM read_record AS r WHERE r.circular_id = c.id AND r.household_id = h.id)
  )
"""


def upgrade() -> None:
    """Create circular_recipient and fill it for every published or closed circular."""
    op.create_table(
        "circular_recipient",
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("han_id", sa.Integer(), nullable=False),
        sa.Column("route_position", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("source IN ('publish', 'added', 'migrated')", name=op.f("ck_circular_recipient_source")),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_circular_recipient_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_circular_recipient_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circular_id", "household_id", name=op.f("pk_circular_recipient")),
    )
    with op.batch_alter_table("circular_recipient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_circular_recipient_household_id"), ["household_id"], unique=False)
    op.execute(REBUILD)


def downgrade() -> None:
    """Drop the snapshot (the live rule answers again)."""
    with op.batch_alter_table("circular_recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circular_recipient_household_id"))
    op.drop_table("circular_recipient")
