"""The reader page's language of a household (issue 23): a code such as ``vi``, or NULL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Only a language code from the roster's 言語 (never the text typed there); NULL follows the
phone's Accept-Language, then Japanese.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("lang", sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("household") as batch:
        batch.drop_column("lang")
