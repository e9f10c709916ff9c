"""consultation.kind and its period: public-sentiment consultations by month (issue #17)

Revision ID: 5e7c1b2a9f40
Revises: 3e9a51c7b8d2
Create Date: 2026-11-30 05:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e7c1b2a9f40"
down_revision: str | None = "3e9a51c7b8d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every existing consultation gathers comments on documents: the default fills them.
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="documents")
        )
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("period_end", sa.Date(), nullable=True))
        batch_op.create_index(
            "uq_consultation_unit_period", ["unit_id", "period_start"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_index("uq_consultation_unit_period")
        batch_op.drop_column("period_end")
        batch_op.drop_column("period_start")
        batch_op.drop_column("kind")
