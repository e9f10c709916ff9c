"""rebuild roll-ups for per-question cuboids

Revision ID: 3d64fff6031c
Revises: c630d303944b
Create Date: 2026-11-27 02:02:59.089703+00:00
"""

from collections.abc import Sequence

revision: str = "3d64fff6031c"
down_revision: str | None = "c630d303944b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No schema change: the roll-ups are kept in new cuboids (stats/rollup.py). The cells were
    # rebuilt here by the application's recount; migrations no longer run application code:
    # `ykien migrate` rebuilds them when their recorded layout differs (rollup_layout,
    # fa7b3c69dc20).
    pass


def downgrade() -> None:
    # The previous code rebuilds its own cells with `ykien recount --fix`.
    pass
