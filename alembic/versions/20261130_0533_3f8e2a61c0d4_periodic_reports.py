"""periodic reports: one per unit and period (month, quarter, final), their submitted versions
with frozen figures, and the deadlines a unit sets for the levels below it

Revision ID: 3f8e2a61c0d4
Revises: a3f6d2c8e915
Create Date: 2026-11-30 05:33:51.253979+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import ykien.core.db

revision: str = "3f8e2a61c0d4"
down_revision: str | None = "a3f6d2c8e915"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "periodic_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "unit_path",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("updated_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "period_kind IN ('month','quarter','final')",
            name=op.f("ck_periodic_deadline_period_kind"),
        ),
        sa.CheckConstraint("days >= 0 AND days <= 366", name=op.f("ck_periodic_deadline_days")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_periodic_deadline_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_deadline_updated_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_deadline")),
        sa.UniqueConstraint(
            "unit_id",
            "period_kind",
            "level",
            name=op.f("uq_periodic_deadline_unit_id_period_kind_level"),
        ),
    )
    op.create_table(
        "periodic_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "unit_path",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("parent_unit_id", sa.Integer(), nullable=True),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("created_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("return_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "period_kind IN ('month','quarter','final')",
            name=op.f("ck_periodic_report_period_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('draft','submitted','accepted','returned')",
            name=op.f("ck_periodic_report_status"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_report_created_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_report_decided_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_unit_id"], ["unit.id"], name=op.f("fk_periodic_report_parent_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_report_submitted_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_periodic_report_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_report")),
        sa.UniqueConstraint("unit_id", "period", name=op.f("uq_periodic_report_unit_id_period")),
    )
    with op.batch_alter_table("periodic_report", schema=None) as batch_op:
        batch_op.create_index(
            "ix_periodic_report_parent_period", ["parent_unit_id", "period"], unique=False
        )
        batch_op.create_index(
            "ix_periodic_report_period_path", ["period", "unit_path"], unique=False
        )

    op.create_table(
        "periodic_report_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=10), nullable=True),
        sa.Column("decided_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('accepted','returned')",
            name=op.f("ck_periodic_report_version_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_report_version_decided_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["periodic_report.id"],
            name=op.f("fk_periodic_report_version_report_id_periodic_report"),
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_report_version_submitted_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_report_version")),
        sa.UniqueConstraint(
            "report_id", "version", name=op.f("uq_periodic_report_version_report_id_version")
        ),
    )


def downgrade() -> None:
    op.drop_table("periodic_report_version")
    with op.batch_alter_table("periodic_report", schema=None) as batch_op:
        batch_op.drop_index("ix_periodic_report_period_path")
        batch_op.drop_index("ix_periodic_report_parent_period")

    op.drop_table("periodic_report")
    op.drop_table("periodic_deadline")
