"""rebuild roll-ups for per-question cuboids

Revision ID: 3d64fff6031c
Revises: c630d303944b
Create Date: 2026-11-27 02:02:59.089703+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3d64fff6031c"
down_revision: str | None = "c630d303944b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No schema change: the roll-ups are kept in new cuboids (stats/rollup.py), so the cells of
    # an existing database are rebuilt from its comments and meetings, in this transaction.
    from sqlmodel import Session

    from ykien.comments.recount import recount

    recount(Session(bind=op.get_bind()), fix=True)


def downgrade() -> None:
    # The previous code rebuilds its own cells with `ykien recount --fix`.
    pass
