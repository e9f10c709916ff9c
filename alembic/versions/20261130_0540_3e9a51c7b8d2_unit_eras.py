"""unit eras: validity periods of units, merges and their lineage

Units merged on 1 July 2025 (and later) keep their rows and paths; ``valid_to`` closes them and
``unit_lineage`` says which unit they went into. Existing units are valid since always.

Revision ID: 3e9a51c7b8d2
Revises: 7e3b9c1d5a20
Create Date: 2026-11-30 05:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3e9a51c7b8d2"
down_revision: str | None = "7e3b9c1d5a20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("unit", sa.Column("valid_from", sa.Date(), nullable=True))
    op.add_column("unit", sa.Column("valid_to", sa.Date(), nullable=True))
    op.create_index(op.f("ix_unit_valid_to"), "unit", ["valid_to"])
    op.create_table(
        "unit_merge",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("to_unit_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["to_unit_id"], ["unit.id"], name=op.f("fk_unit_merge_to_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_merge")),
    )
    op.create_table(
        "unit_lineage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_unit_id", sa.Integer(), nullable=False),
        sa.Column("to_unit_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("merge_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_unit_id"], ["unit.id"], name=op.f("fk_unit_lineage_from_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["to_unit_id"], ["unit.id"], name=op.f("fk_unit_lineage_to_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["merge_id"], ["unit_merge.id"], name=op.f("fk_unit_lineage_merge_id_unit_merge")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_lineage")),
        sa.UniqueConstraint(
            "from_unit_id", "to_unit_id", name=op.f("uq_unit_lineage_from_unit_id_to_unit_id")
        ),
    )
    op.create_index(op.f("ix_unit_lineage_from_unit_id"), "unit_lineage", ["from_unit_id"])
    op.create_index(op.f("ix_unit_lineage_to_unit_id"), "unit_lineage", ["to_unit_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_unit_lineage_to_unit_id"), table_name="unit_lineage")
    op.drop_index(op.f("ix_unit_lineage_from_unit_id"), table_name="unit_lineage")
    op.drop_table("unit_lineage")
    op.drop_table("unit_merge")
    op.drop_index(op.f("ix_unit_valid_to"), table_name="unit")
    # Plain DROP COLUMN (SQLite ≥ 3.35): a batch rebuild of `unit` cannot run with the foreign
    # keys that point at it enforced.
    op.execute("ALTER TABLE unit DROP COLUMN valid_to")
    op.execute("ALTER TABLE unit DROP COLUMN valid_from")
