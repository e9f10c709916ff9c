"""stat_cell's enumeration codes compare byte-wise on PostgreSQL (collation "C")

Revision ID: 8a1f3c2d4e5b
Revises: 5c1e0b7d9a42
Create Date: 2026-11-27 09:40:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8a1f3c2d4e5b"
down_revision: str | None = "5c1e0b7d9a42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODES = {"category": 32, "stance": 16, "channel": 16, "organization": 32, "level": 20}


def _collate(collation: str) -> None:
    """One ALTER: PostgreSQL rewrites the table and its key once. SQLite compares bytes
    already."""
    if op.get_bind().dialect.name != "postgresql":
        return
    changes = ", ".join(
        f"ALTER COLUMN {name} TYPE varchar({n}) COLLATE {collation}" for name, n in CODES.items()
    )
    op.execute(f"ALTER TABLE stat_cell {changes}")


def upgrade() -> None:
    _collate('"C"')


def downgrade() -> None:
    _collate("pg_catalog.default")
