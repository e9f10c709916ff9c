"""comment.change_xid, change_seq: the change feed's position, stamped by the database

Every insert and update of a comment is stamped by a trigger with the writing transaction's id
(PostgreSQL; 0 on SQLite, whose writers are serialised) and a sequence number. The feed
(comments/feed.py) reads, in (change_xid, change_seq) order, only what lies below the oldest
transaction still in flight, so a row committed later can never land behind a reader's position.
Existing comments keep their seq as their position.

Revision ID: c9d2e8f1a7b3
Revises: 5d7a0d6d53b9
Create Date: 2026-11-30 04:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c9d2e8f1a7b3"
down_revision: str | None = "5d7a0d6d53b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRESQL = [
    "CREATE SEQUENCE comment_change_seq",
    "SELECT setval('comment_change_seq', COALESCE((SELECT MAX(seq) FROM comment), 0) + 1)",
    """
    CREATE FUNCTION comment_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_xid := pg_current_xact_id()::text::bigint;
      NEW.change_seq := nextval('comment_change_seq');
      RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER comment_stamp_change BEFORE INSERT OR UPDATE ON comment "
    "FOR EACH ROW EXECUTE FUNCTION comment_stamp_change()",
]

# SQLite: one writer at a time (BEGIN IMMEDIATE), so "the largest position + 1", taken inside
# the write, is commit order. The WHEN guard keeps the stamp itself from stamping again.
SQLITE = [
    "CREATE TRIGGER comment_stamp_insert AFTER INSERT ON comment BEGIN "
    "UPDATE comment SET change_seq = (SELECT COALESCE(MAX(change_seq), 0) + 1 FROM comment "
    "WHERE change_xid = 0) WHERE seq = new.seq; END",
    "CREATE TRIGGER comment_stamp_update AFTER UPDATE ON comment "
    "WHEN new.change_seq = old.change_seq BEGIN "
    "UPDATE comment SET change_seq = (SELECT MAX(change_seq) + 1 FROM comment "
    "WHERE change_xid = 0) WHERE seq = new.seq; END",
]


def upgrade() -> None:
    op.add_column(
        "comment", sa.Column("change_xid", sa.BigInteger(), nullable=False, server_default="0")
    )
    op.add_column(
        "comment", sa.Column("change_seq", sa.BigInteger(), nullable=False, server_default="0")
    )
    op.execute("UPDATE comment SET change_seq = seq")
    op.create_index("ix_comment_change", "comment", ["change_xid", "change_seq"])
    for statement in POSTGRESQL if op.get_bind().dialect.name == "postgresql" else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER comment_stamp_change ON comment")
        op.execute("DROP FUNCTION comment_stamp_change()")
        op.execute("DROP SEQUENCE comment_change_seq")
    else:
        op.execute("DROP TRIGGER comment_stamp_insert")
        op.execute("DROP TRIGGER comment_stamp_update")
    op.drop_index("ix_comment_change", table_name="comment")
    op.drop_column("comment", "change_seq")
    op.drop_column("comment", "change_xid")
