"""comment.entered_unit_id: the unit where a comment was first entered (owner of its personal data)

The contributor's name and contact belong to that unit wherever the comment is moved later.
Existing comments take it from their history's first version (the creation records the unit),
or, without one, from where they are now.

Revision ID: e4a7c2b91d05
Revises: b7e4c1a9d2f3
Create Date: 2026-11-30 03:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e4a7c2b91d05"
down_revision: str | None = "b7e4c1a9d2f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No foreign key: units are never removed, and SQLite could not drop a column that has one
    # without rebuilding the table (which cannot be done with its foreign keys enforced).
    op.add_column("comment", sa.Column("entered_unit_id", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "UPDATE comment SET entered_unit_id = COALESCE((SELECT CAST(json_extract(v.after, "
            "'$.unit_id') AS INTEGER) FROM comment_version v WHERE v.comment_seq = comment.seq "
            "AND v.action = 'create'), unit_id)"
        )
    else:
        op.execute(
            "UPDATE comment SET entered_unit_id = COALESCE((SELECT CAST(v.after ->> 'unit_id' "
            "AS INTEGER) FROM comment_version v WHERE v.comment_seq = comment.seq "
            "AND v.action = 'create'), unit_id)"
        )


def downgrade() -> None:
    op.execute("ALTER TABLE comment DROP COLUMN entered_unit_id")
