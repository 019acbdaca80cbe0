"""attachment: the bytes become the last column, so reading a draft never walks through them

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 18:00:00

SQLite keeps a row's columns in order and a large value in a chain of overflow pages: reading
``size``, ``pages`` or ``position`` (after ``data``) walked the whole chain — with SQLCipher,
every 4 KB page of an 8 MB PDF decrypted and checked — on every autosave. With ``data`` last,
the other columns are read from the row's first page and the bytes only when opened. The table
is rebuilt with the same rows, ids, names and index; nothing else changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OTHERS = "id, circular_id, filename, media_type, size, pages, position"


def _rebuild(columns: list[sa.Column[object]]) -> None:
    op.create_table(
        "_attachment_new",
        *columns,
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_attachment_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    op.execute(f"INSERT INTO _attachment_new ({_OTHERS}, data) SELECT {_OTHERS}, data FROM attachment")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_circular_id"))
    op.drop_table("attachment")
    op.rename_table("_attachment_new", "attachment")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_circular_id"), ["circular_id"], unique=False)


def _columns(data_last: bool) -> list[sa.Column[object]]:
    head: list[sa.Column[object]] = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=50), nullable=False),
    ]
    tail: list[sa.Column[object]] = [
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    ]
    data: sa.Column[object] = sa.Column("data", sa.LargeBinary(), nullable=False)
    return [*head, *tail, data] if data_last else [*head, data, *tail]


def upgrade() -> None:
    """Rebuild ``attachment`` with ``data`` as its last column."""
    _rebuild(_columns(data_last=True))


def downgrade() -> None:
    """Rebuild ``attachment`` with ``data`` back before ``size``."""
    _rebuild(_columns(data_last=False))
