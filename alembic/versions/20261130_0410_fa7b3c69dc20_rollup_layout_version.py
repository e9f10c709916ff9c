"""rollup_layout: the layout version of the stored roll-ups

Revision ID: fa7b3c69dc20
Revises: c9d2e8f1a7b3
Create Date: 2026-11-30 03:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "fa7b3c69dc20"
down_revision: str | None = "c9d2e8f1a7b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Created empty: the layout of existing cells is unknown here, so `ykien migrate` rebuilds
    # them once and records the code's version (ykien.stats.layout).
    op.create_table(
        "rollup_layout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_rollup_layout_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_layout")),
    )


def downgrade() -> None:
    op.drop_table("rollup_layout")
