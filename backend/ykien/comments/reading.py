"""Reading comments: one by id, filtered and searched lists, sync by change time, tombstones of
deleted ones, and the export's rows. Every query starts from ``access.readable_comments``."""

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.access import can_see_personal, readable_comments
from ykien.comments.models import Comment
from ykien.comments.schemas import Tombstone
from ykien.consultations.models import Document, Section
from ykien.core.errors import Invalid, NotFound
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.core.text import fold
from ykien.stats.rollup import path_ids
from ykien.units.models import Unit
from ykien.units.scope import in_subtree_indexed
from ykien.units.service import get_unit


def get_comment(
    session: Session, *, caller: Caller, comment_id: uuid.UUID, deleted_ok: bool = False
) -> Comment:
    comment = session.scalar(readable_comments(caller).where(col(Comment.id) == comment_id))
    if comment is None or (comment.deleted_at is not None and not deleted_ok):
        raise NotFound(f"Comment {comment_id} does not exist.")
    return comment


@dataclass
class Filters:
    unit_id: int | None = None
    consultation_id: int | None = None
    document_id: int | None = None
    section_id: int | None = None
    meeting_id: int | None = None
    category: str | None = None
    stance: str | None = None
    channel: str | None = None
    organization: str | None = None
    q: str | None = None
    from_: date | None = None
    to: date | None = None


_WORD = re.compile(r"\w+")


COMMENT_FTS = table("comment_fts", column("rowid"))


def _words(q: str) -> list[str]:
    return _WORD.findall(fold(q))[:20]


def search_condition(dialect: str, q: str) -> ColumnElement[bool] | TextClause | None:
    """Diacritics- and case-blind full-text match; every word must occur, the last as a prefix.

    None when the query has no words (it then filters nothing)."""
    words = _words(q)
    if not words:
        return None
    if dialect == "postgresql":
        # "(w | w:*)" means the same as "w:*", but PostgreSQL estimates a bare prefix term at a
        # fixed 2 % and then prefers a bitmap scan + sort even when the word is everywhere.
        last = words[-1]
        tsquery = " & ".join([*words[:-1], f"({last} | {last}:*)"])
        return text(
            "to_tsvector('simple', comment.content_folded) @@ to_tsquery('simple', :tsq)"
        ).bindparams(tsq=tsquery)
    match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    return literal_column("comment_fts").op("MATCH")(match.strip())


def filtered(session: Session, *, caller: Caller, f: Filters) -> tuple[Select[Comment], Any]:
    """The matching comments, and the column that orders them (``seq``, or on SQLite while
    searching the FTS rowid — the same value — so that SQLite walks the full-text index in
    order and stops at the page's end instead of collecting every match first)."""
    key: Any = col(Comment.seq)
    stmt = readable_comments(caller).where(col(Comment.deleted_at).is_(None))
    if f.unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=f.unit_id)
        stmt = stmt.where(in_subtree_indexed(Comment.unit_path, unit.path))
    for attribute, value in (
        (Comment.consultation_id, f.consultation_id),
        (Comment.document_id, f.document_id),
        (Comment.section_id, f.section_id),
        (Comment.meeting_id, f.meeting_id),
        (Comment.category, f.category),
        (Comment.stance, f.stance),
        (Comment.channel, f.channel),
        (Comment.organization, f.organization),
    ):
        if value is not None:
            stmt = stmt.where(col(attribute) == value)
    if f.from_ is not None:
        stmt = stmt.where(col(Comment.collected_on) >= f.from_)
    if f.to is not None:
        stmt = stmt.where(col(Comment.collected_on) <= f.to)
    if f.q:
        dialect = session.get_bind().dialect.name
        condition = search_condition(dialect, f.q)
        if condition is not None:
            if dialect == "sqlite":
                stmt = stmt.join(COMMENT_FTS, COMMENT_FTS.c.rowid == Comment.seq)
                key = COMMENT_FTS.c.rowid
            stmt = stmt.where(condition)
    return stmt, key


def list_comments(
    session: Session,
    *,
    caller: Caller,
    f: Filters,
    limit: int,
    cursor: str | None,
    oldest_first: bool = False,
    updated_since: datetime | None = None,
) -> tuple[list[Comment], str | None]:
    stmt, key = filtered(session, caller=caller, f=f)
    if updated_since is not None:
        # Sync order: by last change, so a script that re-asks from its last cursor sees edits.
        updated_at, seq_column = col(Comment.updated_at), col(Comment.seq)
        stmt = stmt.where(updated_at > updated_since)
        if cursor:
            at, seq = decode_cursor(cursor, (str, int))
            at_dt = _parse_time(at)
            stmt = stmt.where(or_(updated_at > at_dt, and_(updated_at == at_dt, seq_column > seq)))
        rows = list(session.scalars(stmt.order_by(updated_at, seq_column).limit(limit + 1)))
        nxt = (
            encode_cursor([rows[limit - 1].updated_at.isoformat(), rows[limit - 1].seq])
            if len(rows) > limit
            else None
        )
        return rows[:limit], nxt
    if cursor:
        (seq,) = decode_cursor(cursor, (int,))
        stmt = stmt.where(key > seq if oldest_first else key < seq)
    order = key.asc() if oldest_first else key.desc()
    rows = list(session.scalars(stmt.order_by(order).limit(limit + 1)))
    nxt = encode_cursor([rows[limit - 1].seq]) if len(rows) > limit else None
    return rows[:limit], nxt


def count_comments(session: Session, *, caller: Caller, f: Filters) -> int:
    """How many comments match the filters (a count over the filtered set: asked for, not
    given with every page)."""
    stmt = filtered(session, caller=caller, f=f)[0]
    counted = stmt.with_only_columns(func.count()).order_by(None)
    return int(session.scalar(counted) or 0)


def _parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(["query", "cursor"], "not a cursor given by this API") from None
    if parsed.tzinfo is None:
        raise Invalid(["query", "cursor"], "not a cursor given by this API")
    return parsed


def list_tombstones(
    session: Session, *, caller: Caller, since: datetime | None, limit: int, cursor: str | None
) -> tuple[list[Tombstone], str | None]:
    deleted_at, seq_column = col(Comment.deleted_at), col(Comment.seq)
    stmt = (
        readable_comments(caller)
        .with_only_columns(col(Comment.id), col(Comment.unit_id), deleted_at, seq_column)
        .where(deleted_at.is_not(None))
    )
    if since is not None:
        stmt = stmt.where(deleted_at > since)
    if cursor:
        at, seq = decode_cursor(cursor, (str, int))
        at_dt = _parse_time(at)
        stmt = stmt.where(or_(deleted_at > at_dt, and_(deleted_at == at_dt, seq_column > seq)))
    rows = session.execute(stmt.order_by(deleted_at, seq_column).limit(limit + 1)).all()
    nxt = (
        encode_cursor([rows[limit - 1][2].isoformat(), rows[limit - 1][3]])
        if len(rows) > limit
        else None
    )
    return [Tombstone(id=r[0], unit_id=r[1], deleted_at=r[2]) for r in rows[:limit]], nxt


def iter_export(
    session: Session, *, caller: Caller, f: Filters, chunk: int = 2_000
) -> Iterator[dict[str, Any]]:
    """Every matching comment, oldest first, in keyset chunks (constant memory): its columns and
    the names a reader needs (``unit_code``, ``unit_name``, ``document_code``,
    ``section_number``, and ``ancestry``: the entering unit's and its ancestors' names by level).
    Personal data is blanked where the caller may not see it. The file's columns and words are
    the export's (``reports.exports``)."""
    base = filtered(session, caller=caller, f=f)[0].subquery()
    stmt = (
        select(
            base,
            col(Unit.code).label("unit_code"),
            col(Unit.name).label("unit_name"),
            col(Document.code).label("document_code"),
            col(Section.number).label("section_number"),
        )
        .join(Unit, col(Unit.id) == base.c.unit_id)
        .join(Document, col(Document.id) == base.c.document_id)
        .outerjoin(Section, col(Section.id) == base.c.section_id)
    )
    units: dict[int, tuple[str, str]] = {}  # id → (level, name), of every ancestor met
    last = 0
    while True:
        rows = session.execute(
            stmt.where(base.c.seq > last).order_by(base.c.seq).limit(chunk)
        ).all()
        if not rows:
            return
        wanted = {i for r in rows for i in path_ids(r._mapping["unit_path"])} - set(units)
        if wanted:
            found = select(col(Unit.id), col(Unit.level), col(Unit.name)).where(
                col(Unit.id).in_(wanted)
            )
            units.update({i: (level, name) for i, level, name in session.execute(found)})
        for r in rows:
            m = dict(r._mapping)
            if not can_see_personal(caller, m["entered_unit_id"]):
                m["contributor_name"] = m["contributor_contact"] = None
            m["ancestry"] = dict(units[i] for i in path_ids(m["unit_path"]) if i in units)
            yield m
        last = rows[-1]._mapping["seq"]
