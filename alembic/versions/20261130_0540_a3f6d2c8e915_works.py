"""works: registered works and tasks (công trình, phần việc) and their progress notes

Revision ID: a3f6d2c8e915
Revises: 5e7c1b2a9f40
Create Date: 2026-11-30 05:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3f6d2c8e915"
down_revision: str | None = "5e7c1b2a9f40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _path() -> sa.types.TypeEngine[str]:
    return sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "work",
        sa.Column("seq", SEQ, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("unit_path", _path(), nullable=False),
        sa.Column("organization", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("title_folded", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("value_vnd", sa.BigInteger(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("create_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("value_vnd IS NULL OR value_vnd >= 0", name=op.f("ck_work_value_vnd")),
        sa.CheckConstraint("kind IN ('project','task')", name=op.f("ck_work_kind")),
        sa.CheckConstraint(
            "status IN ('registered','in_progress','done','dropped')", name=op.f("ck_work_status")
        ),
        sa.CheckConstraint(
            "(status = 'done') = (completed_on IS NOT NULL)", name=op.f("ck_work_completed_on")
        ),
        sa.CheckConstraint("due_on >= registered_on", name=op.f("ck_work_due_on")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_work_unit_id_unit")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_work_created_by_user_account")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_work")),
        sa.UniqueConstraint("id", name=op.f("uq_work_id")),
    )
    op.create_index("ix_work_unit_path_seq", "work", ["unit_path", "seq"])
    op.create_index(
        "ix_work_rollup",
        "work",
        [
            "unit_path",
            "status",
            "organization",
            "kind",
            "due_on",
            "value_vnd",
            "registered_on",
            "completed_on",
        ],
    )
    op.create_index("ix_work_due", "work", ["due_on", "seq"])
    op.create_table(
        "work_note",
        sa.Column("seq", SEQ, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("work_seq", SEQ, nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["work_seq"], ["work.seq"], name=op.f("fk_work_note_work_seq_work")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_work_note_created_by_user_account")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_work_note")),
        sa.UniqueConstraint("id", name=op.f("uq_work_note_id")),
    )
    op.create_index("ix_work_note_work_seq", "work_note", ["work_seq", "noted_on"])


def downgrade() -> None:
    op.drop_index("ix_work_note_work_seq", table_name="work_note")
    op.drop_table("work_note")
    op.drop_index("ix_work_due", table_name="work")
    op.drop_index("ix_work_rollup", table_name="work")
    op.drop_index("ix_work_unit_path_seq", table_name="work")
    op.drop_table("work")
