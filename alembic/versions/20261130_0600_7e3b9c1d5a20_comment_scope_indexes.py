"""comment_scope_indexes: a comment list's page in seq order at any scope, whatever the data

Revision ID: 7e3b9c1d5a20
Revises: fa7b3c69dc20
Create Date: 2026-11-30 06:00:00+00:00

One index per depth of the hierarchy (centre 1 … residential area 5) on (the path's id at that
depth, seq): a subtree is the rows whose id at its root's depth is the root's id, an equality
that an index walks in seq order and stops after one page. The path's range (the older index
on unit_path, seq) finds the same rows but not in seq order, so every page sorted the whole
subtree. The expressions must match ``ykien.units.scope.path_element`` character for character
(the planners match an index by its expression); migrations do not import the application, so
they are written out here.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7e3b9c1d5a20"
down_revision: str | None = "fa7b3c69dc20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEPTHS = range(1, 6)


def _element(dialect: str, depth: int) -> str:
    if dialect == "postgresql":
        return f"split_part(unit_path, '/', {depth + 1})"
    return (
        "json_extract('[\"' || replace(trim(unit_path, '/'), '/', '\",\"') || '\"]', "
        f"'$[{depth - 1}]')"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for depth in DEPTHS:
        op.execute(
            f"CREATE INDEX IF NOT EXISTS ix_comment_scope_{depth} "
            f"ON comment ({_element(dialect, depth)}, seq)"
        )


def downgrade() -> None:
    for depth in DEPTHS:
        op.execute(f"DROP INDEX ix_comment_scope_{depth}")
