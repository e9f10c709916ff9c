"""The change feed: every committed insert, edit and deletion of a subtree's comments, once, in
order, whatever the number of concurrent writers.

A timestamp or a sequence taken before commit cannot order a feed: a transaction that started
first may commit last, behind a reader that has already moved past its stamp. So each comment
carries the id of the transaction that last wrote it (``change_xid``) and a sequence number
(``change_seq``), both stamped by a trigger; a page returns only rows whose transaction is older
than the oldest one still in flight (PostgreSQL's snapshot ``xmin``), in (xid, seq) order. Any
transaction that commits later has an id at or above that horizon, so it lands after the reader's
position, never behind it. SQLite runs one writer at a time, so there the sequence alone is
commit order (``change_xid`` is 0) and every committed row is below the horizon.

A comment that changes again moves to the end of the feed: a reader that follows ``next`` to the
end has seen every comment's latest committed state exactly once since its last change.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal, text, tuple_
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.access import readable_comments
from ykien.comments.models import Comment
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit

# The oldest transaction still in flight in this database as of the statement's snapshot: every
# transaction below it has ended. Transaction ids are per cluster, so those that
# pg_stat_activity shows working in *other* databases are left out (a long transaction next door
# would otherwise hold the feed back); one that ends meanwhile is no longer listed and stays in,
# which only errs on the side of waiting. backend_xid is a 32-bit xid: compared modulo 2^32.
_PG_HORIZON = text(
    """
    COALESCE(
      (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
       WHERE x::text::bigint % 4294967296 NOT IN (
         SELECT backend_xid::text::bigint FROM pg_stat_activity
         WHERE datname <> current_database() AND backend_xid IS NOT NULL)),
      pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
    """
)


@dataclass
class Deleted:
    id: uuid.UUID
    deleted_at: datetime


def changes(
    session: Session,
    *,
    caller: Caller,
    unit_id: int | None,
    since: str | None,
    limit: int,
) -> tuple[list[Comment | Deleted], str]:
    """A page of changes after ``since`` and the position to ask from next time."""
    xid, seq = decode_cursor(since, (int, int), name="since") if since else (-1, -1)
    stmt = readable_comments(caller)
    if unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(in_subtree(Comment.unit_path, unit.path))
    change_xid, change_seq = col(Comment.change_xid), col(Comment.change_seq)
    stmt = stmt.where(tuple_(change_xid, change_seq) > tuple_(literal(xid), literal(seq)))
    if session.get_bind().dialect.name == "postgresql":
        # The horizon and the rows come from one statement, hence one snapshot.
        stmt = stmt.where(change_xid < _PG_HORIZON)
    rows = list(session.scalars(stmt.order_by(change_xid, change_seq).limit(limit)))
    if rows:
        xid, seq = rows[-1].change_xid, rows[-1].change_seq
    items: list[Comment | Deleted] = [
        Deleted(c.id, c.deleted_at) if c.deleted_at is not None else c for c in rows
    ]
    return items, encode_cursor([xid, seq])
