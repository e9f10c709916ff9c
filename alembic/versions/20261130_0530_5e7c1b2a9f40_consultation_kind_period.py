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
    # Plain ADD COLUMN (no batch copy of the table: on SQLite that drops and recreates
    # `consultation`, which the rows of its children's foreign keys forbid). Every existing
    # consultation gathers comments on documents: the default fills them.
    op.add_column(
        "consultation",
        sa.Column("kind", sa.String(length=10), nullable=False, server_default="documents"),
    )
    op.add_column("consultation", sa.Column("period_start", sa.Date(), nullable=True))
    op.add_column("consultation", sa.Column("period_end", sa.Date(), nullable=True))
    op.create_index(
        "uq_consultation_unit_period", "consultation", ["unit_id", "period_start"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_consultation_unit_period", table_name="consultation")
    op.drop_column("consultation", "period_end")
    op.drop_column("consultation", "period_start")
    op.drop_column("consultation", "kind")
