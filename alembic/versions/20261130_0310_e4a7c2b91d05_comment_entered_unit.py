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

FK = "fk_comment_entered_unit_id_unit"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # SQLite adds a column with a foreign key only inline (no table rebuild, which would
        # drop the full-text triggers).
        op.execute(
            f"ALTER TABLE comment ADD COLUMN entered_unit_id INTEGER "
            f"CONSTRAINT {FK} REFERENCES unit (id)"
        )
        first_unit = "CAST(json_extract(v.after, '$.unit_id') AS INTEGER)"
    else:
        op.add_column("comment", sa.Column("entered_unit_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FK, "comment", "unit", ["entered_unit_id"], ["id"])
        first_unit = "CAST(v.after ->> 'unit_id' AS INTEGER)"
    op.execute(
        f"UPDATE comment SET entered_unit_id = COALESCE(("
        f"SELECT {first_unit} FROM comment_version v "
        f"WHERE v.comment_seq = comment.seq AND v.action = 'create'), unit_id)"
    )


# SQLite drops a column used by a foreign key only by rebuilding the table, which drops the
# full-text triggers with it: they are made again (as in f0ec17558d16).
SQLITE_FTS_TRIGGERS = [
    "CREATE TRIGGER comment_fts_insert AFTER INSERT ON comment BEGIN "
    "INSERT INTO comment_fts(rowid, content_folded) VALUES (new.seq, new.content_folded); END",
    "CREATE TRIGGER comment_fts_delete AFTER DELETE ON comment BEGIN "
    "INSERT INTO comment_fts(comment_fts, rowid, content_folded) "
    "VALUES ('delete', old.seq, old.content_folded); END",
    "CREATE TRIGGER comment_fts_update AFTER UPDATE OF content_folded ON comment BEGIN "
    "INSERT INTO comment_fts(comment_fts, rowid, content_folded) "
    "VALUES ('delete', old.seq, old.content_folded); "
    "INSERT INTO comment_fts(rowid, content_folded) VALUES (new.seq, new.content_folded); END",
]


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("comment") as batch_op:
            batch_op.drop_constraint(FK, type_="foreignkey")
            batch_op.drop_column("entered_unit_id")
        for statement in SQLITE_FTS_TRIGGERS:
            op.execute(statement)
    else:
        op.drop_constraint(FK, "comment", type_="foreignkey")
        op.drop_column("comment", "entered_unit_id")
