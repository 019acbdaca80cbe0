"""Adoption KPI: monthly reports, offline enrollment keys, declared apps, surveys, city staff, plan.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Only new tables: the existing ones are not altered (SQLite would have to copy them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
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
        "adoption_report",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("households_total", sa.Integer(), nullable=False),
        sa.Column("households_digital", sa.Integer(), nullable=False),
        sa.Column("digital_circulars_published", sa.Integer(), nullable=False),
        sa.Column("digital_confirmation_rate", sa.Float(), nullable=False),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        _association_fk("adoption_report"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adoption_report")),
        sa.UniqueConstraint("association_id", "month", name=op.f("uq_adoption_report_association_id")),
    )
    op.create_table(
        "report_receipt",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        _association_fk("report_receipt"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_receipt")),
        sa.UniqueConstraint("report_id", name=op.f("uq_report_receipt_report_id")),
    )
    with op.batch_alter_table("report_receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_receipt_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "offline_enrollment",
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        _association_fk("offline_enrollment"),
        sa.PrimaryKeyConstraint("association_id", name=op.f("pk_offline_enrollment")),
        sa.UniqueConstraint("public_key", name=op.f("uq_offline_enrollment_public_key")),
    )
    op.create_table(
        "declared_app",
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("app", sa.String(length=100), nullable=False),
        sa.Column("since_month", sa.String(length=7), nullable=False),
        sa.Column("households", sa.Integer(), nullable=True),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        _association_fk("declared_app"),
        sa.PrimaryKeyConstraint("association_id", name=op.f("pk_declared_app")),
    )
    op.create_table(
        "survey_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_figure")),
    )
    op.create_table(
        "city_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_user")),
        sa.UniqueConstraint("username", name=op.f("uq_city_user_username")),
    )
    op.create_table(
        "city_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["city_user.id"], name=op.f("fk_city_token_user_id_city_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_city_token_token_hash")),
    )
    with op.batch_alter_table("city_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_city_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "action_plan_edition",
        sa.Column("data_version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("data_version", name=op.f("pk_action_plan_edition")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("action_plan_edition")
    with op.batch_alter_table("city_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_city_token_user_id"))
    op.drop_table("city_token")
    op.drop_table("city_user")
    op.drop_table("survey_figure")
    op.drop_table("declared_app")
    op.drop_table("offline_enrollment")
    with op.batch_alter_table("report_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_receipt_association_id"))
    op.drop_table("report_receipt")
    op.drop_table("adoption_report")
