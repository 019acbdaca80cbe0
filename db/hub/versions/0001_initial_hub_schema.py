"""Initial hub schema: associations and 校下, tokens, roster keys, circulars, confirmations.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "hub_setting",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_hub_setting")),
    )
    op.create_table(
        "school_district",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_district")),
        sa.UniqueConstraint("name", name=op.f("uq_school_district_name")),
    )
    op.create_table(
        "association",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("school_district_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_district_id"],
            ["school_district.id"],
            name=op.f("fk_association_school_district_id_school_district"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association")),
        sa.UniqueConstraint("name", name=op.f("uq_association_name")),
        sa.UniqueConstraint("public_id", name=op.f("uq_association_public_id")),
    )
    with op.batch_alter_table("association", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_association_school_district_id"), ["school_district_id"], unique=False
        )

    op.create_table(
        "association_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_association_token_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_association_token_token_hash")),
    )
    with op.batch_alter_table("association_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_association_token_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "circular",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=True),
        sa.Column("correction_note", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_circular_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circular")),
        sa.UniqueConstraint("association_id", "key", name=op.f("uq_circular_association_id")),
    )
    op.create_table(
        "enrollment_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_enrollment_code_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_enrollment_code_code_hash")),
    )
    with op.batch_alter_table("enrollment_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollment_code_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "han",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_han_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_han")),
        sa.UniqueConstraint("association_id", "key", name=op.f("uq_han_association_id")),
    )
    op.create_table(
        "processed_item",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_processed_item_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processed_item")),
        sa.UniqueConstraint("association_id", "key", name=op.f("uq_processed_item_association_id")),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_attachment_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        sa.UniqueConstraint("circular_id", "key", name=op.f("uq_attachment_circular_id")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_key"), ["key"], unique=False)

    op.create_table(
        "circular_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_circular_version_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circular_version")),
        sa.UniqueConstraint("circular_id", "version", name=op.f("uq_circular_version_circular_id")),
    )
    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("han_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_household_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["han_id"], ["han.id"], name=op.f("fk_household_han_id_han"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("association_id", "key", name=op.f("uq_household_association_id")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_han_id"), ["han_id"], unique=False)

    op.create_table(
        "confirmation",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.Column("device", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_confirmation_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_confirmation_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_confirmation_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_confirmation")),
        sa.UniqueConstraint("circular_id", "household_id", name=op.f("uq_confirmation_circular_id")),
    )
    with op.batch_alter_table("confirmation", schema=None) as batch_op:
        batch_op.create_index("ix_confirmation_association_cursor", ["association_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_confirmation_household_id"), ["household_id"], unique=False)

    op.create_table(
        "reader_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_reader_token_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reader_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_reader_token_token_hash")),
    )
    with op.batch_alter_table("reader_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reader_token_household_id"), ["household_id"], unique=False)

    op.create_table(
        "recipient",
        sa.Column("circular_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circular_id"],
            ["circular.id"],
            name=op.f("fk_recipient_circular_id_circular"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_recipient_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circular_id", "household_id", name=op.f("pk_recipient")),
    )
    with op.batch_alter_table("recipient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recipient_household_id"), ["household_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recipient_household_id"))

    op.drop_table("recipient")
    with op.batch_alter_table("reader_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reader_token_household_id"))

    op.drop_table("reader_token")
    with op.batch_alter_table("confirmation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_confirmation_household_id"))
        batch_op.drop_index("ix_confirmation_association_cursor")

    op.drop_table("confirmation")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_han_id"))

    op.drop_table("household")
    op.drop_table("circular_version")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_key"))

    op.drop_table("attachment")
    op.drop_table("processed_item")
    op.drop_table("han")
    with op.batch_alter_table("enrollment_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_code_association_id"))

    op.drop_table("enrollment_code")
    op.drop_table("circular")
    with op.batch_alter_table("association_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_association_token_association_id"))

    op.drop_table("association_token")
    with op.batch_alter_table("association", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_association_school_district_id"))

    op.drop_table("association")
    op.drop_table("school_district")
    op.drop_table("hub_setting")
