"""syntheses: versions per unit and consultation, their items and the sources items merge

One open version (not returned) per unit and consultation: a partial unique index, on both engines.

Revision ID: c630d303944b
Revises: ece2ad108bed
Create Date: 2026-11-27 01:29:19.084845+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import ykien.core.db

revision: str = "c630d303944b"
down_revision: str | None = "ece2ad108bed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "synthesis",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "unit_path",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("parent_unit_id", sa.Integer(), nullable=True),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("return_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft','submitted','accepted','returned')",
            name=op.f("ck_synthesis_status"),
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_synthesis_consultation_id_consultation"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_synthesis_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["user_account.id"], name=op.f("fk_synthesis_decided_by_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["parent_unit_id"], ["unit.id"], name=op.f("fk_synthesis_parent_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["user_account.id"],
            name=op.f("fk_synthesis_submitted_by_user_account"),
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_synthesis_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis")),
        sa.UniqueConstraint(
            "unit_id",
            "consultation_id",
            "version",
            name=op.f("uq_synthesis_unit_id_consultation_id_version"),
        ),
    )
    with op.batch_alter_table("synthesis", schema=None) as batch_op:
        batch_op.create_index(
            "ix_synthesis_consultation_path", ["consultation_id", "unit_path"], unique=False
        )
        batch_op.create_index(
            "uq_synthesis_open_version",
            ["unit_id", "consultation_id"],
            unique=True,
            sqlite_where=sa.text("status <> 'returned'"),
            postgresql_where=sa.text("status <> 'returned'"),
        )

    op.create_table(
        "synthesis_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("synthesis_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("recommendation", sa.Boolean(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("feedback", sa.String(length=16), nullable=True),
        sa.Column("feedback_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("feedback_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("feedback_by", sa.Integer(), nullable=True),
        sa.Column("created_at", ykien.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "feedback IS NULL OR feedback IN ('taken_up','noted','not_taken_up')",
            name=op.f("ck_synthesis_item_feedback"),
        ),
        sa.CheckConstraint(
            "stance IN ('agree','amend','add','disagree','other')",
            name=op.f("ck_synthesis_item_stance"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_synthesis_item_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["feedback_by"],
            ["user_account.id"],
            name=op.f("fk_synthesis_item_feedback_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["section_id"], ["section.id"], name=op.f("fk_synthesis_item_section_id_section")
        ),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["synthesis.id"],
            name=op.f("fk_synthesis_item_synthesis_id_synthesis"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis_item")),
    )
    with op.batch_alter_table("synthesis_item", schema=None) as batch_op:
        batch_op.create_index(
            "ix_synthesis_item_synthesis_position", ["synthesis_id", "position"], unique=False
        )

    op.create_table(
        "synthesis_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("comment_id", sa.Uuid(), nullable=True),
        sa.Column("child_item_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(comment_id IS NULL) <> (child_item_id IS NULL)",
            name=op.f("ck_synthesis_source_one_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["child_item_id"],
            ["synthesis_item.id"],
            name=op.f("fk_synthesis_source_child_item_id_synthesis_item"),
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comment.id"], name=op.f("fk_synthesis_source_comment_id_comment")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["synthesis_item.id"],
            name=op.f("fk_synthesis_source_item_id_synthesis_item"),
        ),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["synthesis.id"],
            name=op.f("fk_synthesis_source_synthesis_id_synthesis"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis_source")),
        sa.UniqueConstraint(
            "synthesis_id",
            "child_item_id",
            name=op.f("uq_synthesis_source_synthesis_id_child_item_id"),
        ),
        sa.UniqueConstraint(
            "synthesis_id", "comment_id", name=op.f("uq_synthesis_source_synthesis_id_comment_id")
        ),
    )
    with op.batch_alter_table("synthesis_source", schema=None) as batch_op:
        batch_op.create_index("ix_synthesis_source_child_item", ["child_item_id"], unique=False)
        batch_op.create_index("ix_synthesis_source_comment", ["comment_id"], unique=False)
        batch_op.create_index("ix_synthesis_source_item", ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("synthesis_source", schema=None) as batch_op:
        batch_op.drop_index("ix_synthesis_source_item")
        batch_op.drop_index("ix_synthesis_source_comment")
        batch_op.drop_index("ix_synthesis_source_child_item")

    op.drop_table("synthesis_source")
    with op.batch_alter_table("synthesis_item", schema=None) as batch_op:
        batch_op.drop_index("ix_synthesis_item_synthesis_position")

    op.drop_table("synthesis_item")
    with op.batch_alter_table("synthesis", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_synthesis_open_version",
            sqlite_where=sa.text("status <> 'returned'"),
            postgresql_where=sa.text("status <> 'returned'"),
        )
        batch_op.drop_index("ix_synthesis_consultation_path")

    op.drop_table("synthesis")
