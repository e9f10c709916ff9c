"""synthesis.previous_id: the returned version a new draft started from (its items are copied)

Revision ID: b7e4c1a9d2f3
Revises: 8a1f3c2d4e5b
Create Date: 2026-11-30 03:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7e4c1a9d2f3"
down_revision: str | None = "8a1f3c2d4e5b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("synthesis", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_synthesis_previous_id_synthesis"), "synthesis", ["previous_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("synthesis", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_synthesis_previous_id_synthesis"), type_="foreignkey"
        )
        batch_op.drop_column("previous_id")
