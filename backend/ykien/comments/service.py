"""Rules of comments: where they may be entered, idempotent writes, edits and deletions with
history, scoped and searchable lists, and who may see the contributor's personal data."""

import hashlib
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session
from uuid_utils.compat import uuid7

from ykien.accounts.caller import WRITERS, Caller
from ykien.comments.models import Comment, CommentVersion
from ykien.comments.schemas import (
    CommentCreate,
    CommentPublic,
    CommentUpdate,
    HistoryEntry,
    Tombstone,
)
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.service import get_consultation, require_open
from ykien.core.bulk import insert_all, insert_new
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Invalid, NotFound, ProblemError
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.core.text import fold
from ykien.meetings.models import Meeting
from ykien.meetings.service import check_date, check_in_consultation
from ykien.stats import rollup
from ykien.stats.rollup import CommentFact
from ykien.units.models import Unit
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit

Loc = list[str | int]
PERSONAL = ("contributor_name", "contributor_contact")
# The fields a version records (what a person entered), in a stable order.
TRACKED = (
    "document_id",
    "section_id",
    "unit_id",
    "meeting_id",
    "channel",
    "category",
    "stance",
    "organization",
    "people",
    "content",
    "collected_on",
    "contributor_name",
    "contributor_contact",
)
# Those a comment cannot be without (an edit may not set them to null).
REQUIRED = tuple(
    k
    for k in TRACKED
    if k not in {"section_id", "meeting_id", "contributor_name", "contributor_contact"}
)


def can_see_personal(caller: Caller, unit_id: int) -> bool:
    """Contributor name and contact stay in the unit that entered them (and with superusers)."""
    if caller.kind != "user":
        return False
    return caller.is_superuser or (caller.role in WRITERS and caller.unit_id == unit_id)


def public(caller: Caller, c: Comment | dict[str, Any]) -> CommentPublic:
    row = c if isinstance(c, dict) else c.model_dump()
    show = can_see_personal(caller, row["unit_id"])
    return CommentPublic(
        **{k: row[k] for k in CommentPublic.model_fields if k not in PERSONAL},
        contributor_name=row["contributor_name"] if show else None,
        contributor_contact=row["contributor_contact"] if show else None,
    )


def _hash(item: CommentCreate) -> str:
    body = item.model_dump(mode="json", exclude={"id"})
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


# --- resolving what a comment points at ---------------------------------------------------------


class _Context:
    """Look-ups for one request, cached: a batch of 1,000 comments costs a handful of queries."""

    def __init__(self, session: Session, caller: Caller, *, single: bool) -> None:
        self.session, self.caller, self.single = session, caller, single
        self.documents: dict[int, tuple[Document, Consultation] | None] = {}
        self.sections: dict[int, Section | None] = {}
        self.units: dict[int, Unit | None] = {}
        self.meetings: dict[int, Meeting | None] = {}

    def _missing(self, loc: Loc, what: str, ident: int) -> ProblemError:
        # A single write names a missing object with 404; a batch names the item with 422.
        if self.single:
            return NotFound(f"{what} {ident} does not exist.")
        return Invalid(loc, f"{what.lower()} {ident} does not exist")

    def document(self, document_id: int, loc: Loc) -> tuple[Document, Consultation]:
        if document_id not in self.documents:
            doc = self.session.get(Document, document_id)
            found = None
            if doc is not None:
                try:
                    found = (
                        doc,
                        get_consultation(
                            self.session, caller=self.caller, consultation_id=doc.consultation_id
                        ),
                    )
                except NotFound:
                    found = None
            self.documents[document_id] = found
        found = self.documents[document_id]
        if found is None:
            raise self._missing(loc, "Document", document_id)
        return found

    def section(self, section_id: int, document: Document, loc: Loc) -> Section:
        if section_id not in self.sections:
            self.sections[section_id] = self.session.get(Section, section_id)
        section = self.sections[section_id]
        if section is None:
            raise self._missing(loc, "Section", section_id)
        if section.document_id != document.id:
            raise Invalid(loc, f"section {section_id} belongs to another document")
        return section

    def unit(self, unit_id: int, loc: Loc) -> Unit:
        if unit_id not in self.units:
            self.units[unit_id] = self.session.get(Unit, unit_id)
        unit = self.units[unit_id]
        if unit is None:
            raise self._missing(loc, "Unit", unit_id)
        if not self.caller.scope.covers(unit.path):
            raise Invalid(loc, "unit is outside your part of the hierarchy")
        return unit

    def meeting(self, meeting_id: int, unit: Unit, consultation: Consultation, loc: Loc) -> Meeting:
        if meeting_id not in self.meetings:
            self.meetings[meeting_id] = self.session.get(Meeting, meeting_id)
        meeting = self.meetings[meeting_id]
        if meeting is None or not self.caller.scope.covers(meeting.unit_path):
            raise self._missing(loc, "Meeting", meeting_id)
        if meeting.unit_id != unit.id or meeting.consultation_id != consultation.id:
            raise Invalid(loc, "the meeting was held by another unit or for another consultation")
        return meeting


@dataclass
class _Target:
    consultation: Consultation
    unit: Unit


def _resolve(ctx: _Context, fields: dict[str, Any], loc: Loc) -> _Target:
    """Check every reference and date of a comment's fields; ``loc`` prefixes the field names."""
    document, consultation = ctx.document(fields["document_id"], [*loc, "document_id"])
    require_open(consultation)
    if fields.get("section_id") is not None:
        ctx.section(fields["section_id"], document, [*loc, "section_id"])
    unit = ctx.unit(fields["unit_id"], [*loc, "unit_id"])
    check_in_consultation(consultation, unit, [*loc, "unit_id"])
    if fields.get("meeting_id") is not None:
        ctx.meeting(fields["meeting_id"], unit, consultation, [*loc, "meeting_id"])
    check_date(consultation, fields["collected_on"], [*loc, "collected_on"])
    return _Target(consultation, unit)


# --- create (single and batch) ------------------------------------------------------------------


@dataclass
class Created:
    comment: dict[str, Any]
    new: bool


def fact_of(row: dict[str, Any] | Comment, level: str) -> CommentFact:
    """What the roll-ups count of a comment (a stored row or one about to be stored)."""
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
    return CommentFact(
        unit_path=get("unit_path"),
        level=level,
        consultation_id=get("consultation_id"),
        document_id=get("document_id"),
        section_id=get("section_id"),
        category=get("category"),
        stance=get("stance"),
        channel=get("channel"),
        organization=get("organization"),
        day=get("collected_on"),
        people=get("people"),
    )


def _version_row(
    caller: Caller,
    *,
    seq: int | None,
    version: int,
    at: datetime,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """One row of a comment's history (create, update or delete), by whom and when."""
    return {
        "comment_seq": seq,
        "version": version,
        "at": at,
        "actor_kind": caller.kind,
        "actor_id": caller.id,
        "actor_name": caller.name,
        "action": action,
        "before": before,
        "after": after,
        "reason": reason,
    }


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in TRACKED}
    out["collected_on"] = out["collected_on"].isoformat()
    return out


def _insert_ignoring_conflicts(
    session: Session, rows: list[dict[str, Any]]
) -> dict[uuid.UUID, int]:
    """The rows this transaction stored (id → seq); ids stored meanwhile are left out."""
    inserted = insert_new(session, Comment.__table__, rows, key="id", returning=("id", "seq"))
    return {row[0]: row[1] for row in inserted}


def create_comments(
    session: Session, *, caller: Caller, items: Sequence[CommentCreate], single: bool = False
) -> list[Created]:
    """Store new comments, all or none. A client id seen before with the same body is a retry
    (returned as stored, ``new=False``); with a different body it is a 409."""
    caller.require_writer()
    ctx = _Context(session, caller, single=single)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    seen: dict[uuid.UUID, tuple[int, str]] = {}
    results: list[Created | None] = [None] * len(items)
    retries: dict[int, uuid.UUID] = {}
    index_of: dict[uuid.UUID, int] = {}
    levels: dict[uuid.UUID, str] = {}
    # A retry is recognised before anything else is checked: an offline client resending a
    # comment whose answer it lost gets it back even if the consultation closed since.
    stored = _existing(session, [item.id for item in items if item.id is not None])
    for i, item in enumerate(items):
        loc: Loc = ["body"] if single else ["body", "items", i]
        digest = _hash(item)
        if item.id is not None and item.id in stored:
            results[i] = _retry_of(stored[item.id], digest, loc)
            continue
        comment_id = item.id or uuid7()
        if comment_id in seen:
            first, first_digest = seen[comment_id]
            if first_digest != digest:
                raise _conflict(loc, f"repeats the id of items[{first}] with a different body")
            retries[i] = comment_id
            continue
        fields = item.model_dump(exclude={"id"})
        target = _resolve(ctx, fields, loc)
        seen[comment_id] = (i, digest)
        index_of[comment_id] = i
        levels[comment_id] = target.unit.level
        row = {
            **fields,
            "id": comment_id,
            "consultation_id": target.consultation.id,
            "unit_path": target.unit.path,
            "channel": item.channel.value,
            "category": item.category.value,
            "stance": item.stance.value,
            "organization": item.organization.value,
            "content_folded": fold(item.content),
            "create_hash": digest,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "created_by": caller.id,
            "deleted_at": None,
            "deleted_by": None,
            "delete_reason": None,
        }
        rows.append(row)
        results[i] = Created(row, True)

    fresh = rows
    if fresh:
        inserted = _insert_ignoring_conflicts(session, fresh)
        raced = [r for r in fresh if r["id"] not in inserted]
        if raced:  # another request stored the same id meanwhile (PostgreSQL waits for it)
            now_stored = _existing(session, [r["id"] for r in raced])
            for row in raced:
                i = index_of[row["id"]]
                loc = ["body"] if single else ["body", "items", i]
                results[i] = _retry_of(now_stored[row["id"]], row["create_hash"], loc)
        versions = []
        facts = []
        for row in fresh:
            if row["id"] in inserted:
                row["seq"] = inserted[row["id"]]
                facts.append((fact_of(row, levels[row["id"]]), 1))
                versions.append(
                    _version_row(
                        caller,
                        seq=row["seq"],
                        version=1,
                        at=now,
                        action="create",
                        after=_snapshot(row),
                    )
                )
        insert_all(session, CommentVersion.__table__, versions)
        rollup.apply_comments(session, facts)
    for i, comment_id in retries.items():
        first = seen[comment_id][0]
        first_result = results[first]
        assert first_result is not None
        results[i] = first_result
    return [r for r in results if r is not None]


def _existing(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Comment]:
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(Comment).where(Comment.id.in_(ids)))}


def _conflict(loc: Loc, msg: str) -> Conflict:
    where = "" if loc == ["body"] else f"items[{loc[2]}]: "
    return Conflict(
        f"{where}{msg}.", errors=[{"loc": [*loc, "id"], "msg": msg, "type": "conflict"}]
    )


def _retry_of(stored: Comment, digest: str, loc: Loc) -> Created:
    """The stored comment when a request repeats it; 409 when the id names another comment."""
    if stored.deleted_at is not None:
        raise _conflict(
            loc, f"the comment {stored.id} was deleted; send it with a new id to enter it again"
        )
    if stored.create_hash != digest:
        raise _conflict(loc, f"a comment with id {stored.id} already exists with a different body")
    return Created(stored.model_dump(), False)


# --- read ---------------------------------------------------------------------------------------


def get_comment(
    session: Session, *, caller: Caller, comment_id: uuid.UUID, deleted_ok: bool = False
) -> Comment:
    comment: Comment | None = session.scalar(select(Comment).where(Comment.id == comment_id))
    if (
        comment is None
        or not caller.scope.covers(comment.unit_path)
        or (comment.deleted_at is not None and not deleted_ok)
    ):
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
    key: Any = Comment.seq
    stmt = select(Comment).where(
        caller.scope.condition(Comment.unit_path), Comment.deleted_at.is_(None)
    )
    if f.unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=f.unit_id)
        stmt = stmt.where(in_subtree(Comment.unit_path, unit.path))
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
            stmt = stmt.where(attribute == value)
    if f.from_ is not None:
        stmt = stmt.where(Comment.collected_on >= f.from_)
    if f.to is not None:
        stmt = stmt.where(Comment.collected_on <= f.to)
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
        stmt = stmt.where(Comment.updated_at > updated_since)
        if cursor:
            at, seq = decode_cursor(cursor, (str, int))
            at_dt = _parse_time(at)
            stmt = stmt.where(
                or_(
                    Comment.updated_at > at_dt, and_(Comment.updated_at == at_dt, Comment.seq > seq)
                )
            )
        rows = list(
            session.scalars(stmt.order_by(Comment.updated_at, Comment.seq).limit(limit + 1))
        )
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
    stmt = select(Comment.id, Comment.unit_id, Comment.deleted_at, Comment.seq).where(
        caller.scope.condition(Comment.unit_path), Comment.deleted_at.is_not(None)
    )
    if since is not None:
        stmt = stmt.where(Comment.deleted_at > since)
    if cursor:
        at, seq = decode_cursor(cursor, (str, int))
        at_dt = _parse_time(at)
        stmt = stmt.where(
            or_(Comment.deleted_at > at_dt, and_(Comment.deleted_at == at_dt, Comment.seq > seq))
        )
    rows = session.execute(stmt.order_by(Comment.deleted_at, Comment.seq).limit(limit + 1)).all()
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
            Unit.code.label("unit_code"),
            Unit.name.label("unit_name"),
            Document.code.label("document_code"),
            Section.number.label("section_number"),
        )
        .join(Unit, Unit.id == base.c.unit_id)
        .join(Document, Document.id == base.c.document_id)
        .outerjoin(Section, Section.id == base.c.section_id)
    )
    units: dict[int, tuple[str, str]] = {}  # id → (level, name), of every ancestor met
    last = 0
    while True:
        rows = session.execute(
            stmt.where(base.c.seq > last).order_by(base.c.seq).limit(chunk)
        ).all()
        if not rows:
            return
        wanted = {i for r in rows for i in rollup.path_ids(r._mapping["unit_path"])} - set(units)
        if wanted:
            found = select(Unit.id, Unit.level, Unit.name).where(Unit.id.in_(wanted))
            units.update({i: (level, name) for i, level, name in session.execute(found)})
        for r in rows:
            m = dict(r._mapping)
            if not can_see_personal(caller, m["unit_id"]):
                m["contributor_name"] = m["contributor_contact"] = None
            m["ancestry"] = dict(units[i] for i in rollup.path_ids(m["unit_path"]) if i in units)
            yield m
        last = rows[-1]._mapping["seq"]


# --- edit, delete, history ----------------------------------------------------------------------


def update_comment(
    session: Session, *, caller: Caller, comment_id: uuid.UUID, data: CommentUpdate
) -> Comment:
    caller.require_writer()
    comment = get_comment(session, caller=caller, comment_id=comment_id)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if data.version is not None and data.version != comment.version:
        raise Conflict(f"The comment changed meanwhile (now version {comment.version}); reload it.")
    for key in REQUIRED:
        if key in changes and changes[key] is None:
            raise Invalid(["body", key], "may not be null")
    before_row = comment.model_dump()
    merged = {**before_row, **changes}
    ctx = _Context(session, caller, single=True)
    # Its current consultation must be open too: moving it out of a closed one is a write.
    current_doc, current_consultation = ctx.document(comment.document_id, ["body", "document_id"])
    del current_doc
    require_open(current_consultation)
    target = _resolve(ctx, merged, ["body"])
    changed = [k for k in TRACKED if k in changes and _plain(changes[k]) != _plain(before_row[k])]
    if not changed:
        return comment
    old_fact = fact_of(comment, _level_of(session, comment.unit_id))
    for key in changed:
        value = changes[key]
        setattr(comment, key, value.value if hasattr(value, "value") else value)
    assert target.consultation.id is not None
    comment.consultation_id = target.consultation.id
    comment.unit_path = target.unit.path
    comment.content_folded = fold(comment.content)
    comment.version += 1
    comment.updated_at = utcnow()
    session.add(comment)
    session.flush()
    rollup.apply_comments(session, [(old_fact, -1), (fact_of(comment, target.unit.level), 1)])
    insert_all(
        session,
        CommentVersion.__table__,
        [
            _version_row(
                caller,
                seq=comment.seq,
                version=comment.version,
                at=comment.updated_at,
                action="update",
                before={k: _plain(before_row[k]) for k in changed},
                after={k: _plain(getattr(comment, k)) for k in changed},
            )
        ],
    )
    return comment


def _level_of(session: Session, unit_id: int) -> str:
    unit = session.get(Unit, unit_id)
    assert unit is not None
    return unit.level


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value.value if hasattr(value, "value") else value


def delete_comment(
    session: Session, *, caller: Caller, comment_id: uuid.UUID, reason: str | None
) -> None:
    caller.require_writer()
    comment = get_comment(session, caller=caller, comment_id=comment_id)
    consultation = session.get(Consultation, comment.consultation_id)
    assert consultation is not None
    require_open(consultation)
    now = utcnow()
    rollup.apply_comments(session, [(fact_of(comment, _level_of(session, comment.unit_id)), -1)])
    comment.deleted_at, comment.deleted_by, comment.delete_reason = now, caller.id, reason
    comment.version += 1
    comment.updated_at = now
    session.add(comment)
    session.flush()
    insert_all(
        session,
        CommentVersion.__table__,
        [
            _version_row(
                caller,
                seq=comment.seq,
                version=comment.version,
                at=now,
                action="delete",
                reason=reason,
            )
        ],
    )


def history(session: Session, *, caller: Caller, comment_id: uuid.UUID) -> list[HistoryEntry]:
    comment = get_comment(session, caller=caller, comment_id=comment_id, deleted_ok=True)
    show = can_see_personal(caller, comment.unit_id)
    entries = []
    for v in session.scalars(
        select(CommentVersion)
        .where(CommentVersion.comment_seq == comment.seq)
        .order_by(CommentVersion.version)
    ):
        before, after = v.before, v.after
        if not show:
            before = (
                {k: ("***" if k in PERSONAL and val else val) for k, val in before.items()}
                if before
                else before
            )
            after = (
                {k: ("***" if k in PERSONAL and val else val) for k, val in after.items()}
                if after
                else after
            )
        changed = sorted(set(before or {}) | set(after or {})) if v.action == "update" else []
        entries.append(
            HistoryEntry(
                version=v.version,
                action=v.action,
                at=v.at,
                reason=v.reason,
                changed=changed,
                actor={"kind": v.actor_kind, "id": v.actor_id, "name": v.actor_name},
                before=before,
                after=after,
            )
        )
    return entries
