"""stat_cell keyed by the node's path, clustered on SQLite; wide cuboids at the top

Revision ID: 5c1e0b7d9a42
Revises: 2b8cb3c7f72d
Create Date: 2026-11-27 03:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1e0b7d9a42"
down_revision: str | None = "2b8cb3c7f72d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIMENSIONS = (
    "consultation_id",
    "document_id",
    "child_id",
    "section_id",
    "category",
    "stance",
    "channel",
    "organization",
    "level",
    "day",
)
COLUMNS = ("cuboid", "unit_path", *DIMENSIONS, "unit_id", "comments", "people")
# The PostgreSQL storage settings of 2b8cb3c7f72d, kept by the rebuilt table.
TUNING = (
    "fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01, "
    "autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0"
)


def _rebuild(*, by_path: bool) -> None:
    """Copy stat_cell into a table whose key leads with unit_path (or, going down, unit_id)."""
    pg = op.get_bind().dialect.name == "postgresql"
    if by_path:
        op.drop_index("ix_stat_cell_leaf", table_name="stat_cell")
    op.rename_table("stat_cell", "stat_cell_old")
    if pg:
        op.execute("ALTER TABLE stat_cell_old RENAME CONSTRAINT pk_stat_cell TO pk_stat_cell_old")
    node = ("unit_path", "unit_id") if by_path else ("unit_id", "unit_path")
    op.create_table(
        "stat_cell",
        sa.Column("cuboid", sa.SmallInteger(), nullable=False),
        sa.Column(
            "unit_path",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("organization", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("cuboid", node[0], *DIMENSIONS, name=op.f("pk_stat_cell")),
        sqlite_with_rowid=not by_path,
    )
    columns = ", ".join(COLUMNS)
    op.execute(f"INSERT INTO stat_cell ({columns}) SELECT {columns} FROM stat_cell_old")  # noqa: S608
    op.drop_table("stat_cell_old")
    if not by_path:
        op.create_index(
            "ix_stat_cell_leaf", "stat_cell", ["cuboid", "consultation_id", "unit_path"]
        )
    if pg:
        op.execute(f"ALTER TABLE stat_cell SET ({TUNING})")


def upgrade() -> None:
    _rebuild(by_path=True)
    # The code of this revision also keeps two wide cuboids at the top of the tree
    # (stats/rollup.py). The cells were rebuilt here by the application's recount; migrations
    # no longer run application code: `ykien migrate` rebuilds them when their recorded layout
    # differs (rollup_layout, fa7b3c69dc20).


def downgrade() -> None:
    _rebuild(by_path=False)
