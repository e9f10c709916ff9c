"""roll-up tables tuned for update churn on postgresql

Revision ID: 2b8cb3c7f72d
Revises: 3d64fff6031c
Create Date: 2026-11-27 02:17:55.421388+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2b8cb3c7f72d"
down_revision: str | None = "3d64fff6031c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Every comment write adds to the same few cells of its ancestors. With room left on each page
# (fillfactor) PostgreSQL updates a counter in place (a HOT update: no new index entry), and an
# eager autovacuum keeps the dead versions from piling up, so aggregate reads do not slow down as
# cells churn. SQLite updates in place anyway.
TABLES = ("stat_cell", "meeting_cell")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01, "
            "autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} RESET (fillfactor, autovacuum_vacuum_scale_factor, "
            "autovacuum_analyze_scale_factor, autovacuum_vacuum_cost_delay)"
        )
