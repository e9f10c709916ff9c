"""Entering comments, one or a batch, all or none, idempotently.

A client-chosen ``id`` is stored with a SHA-256 of the validated body (``create_hash``): a repeat
with the same body is a retry (answered with the stored comment), with another body a 409. The
insert skips ids stored meanwhile, so two concurrent retries store one row.
"""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlmodel import Session, col
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.comments.history import snapshot, version_row
from ykien.comments.models import COMMENT_TABLE, VERSION_TABLE, Comment
from ykien.comments.references import Context, Loc, check_scope, resolve
from ykien.comments.schemas import CommentCreate
from ykien.core.bulk import insert_all, insert_new
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, ProblemError
from ykien.core.metrics import COMMENTS_STORED
from ykien.core.text import fold
from ykien.stats import rollup
from ykien.stats.rollup import CommentFact


@dataclass
class Created:
    comment: dict[str, Any]
    new: bool


def fact_of(row: dict[str, Any] | Comment, level: str) -> CommentFact:
    """What the roll-ups count of a comment (a stored row or one about to be stored)."""
    values = row if isinstance(row, dict) else row.model_dump()
    return CommentFact(
        unit_path=values["unit_path"],
        level=level,
        consultation_id=values["consultation_id"],
        document_id=values["document_id"],
        section_id=values["section_id"],
        category=values["category"],
        stance=values["stance"],
        channel=values["channel"],
        organization=values["organization"],
        day=values["collected_on"],
        people=values["people"],
    )


def _hash(item: CommentCreate) -> str:
    body = item.model_dump(mode="json", exclude={"id"})
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _insert_ignoring_conflicts(
    session: Session, rows: list[dict[str, Any]]
) -> dict[uuid.UUID, int]:
    """The rows this transaction stored (id → seq); ids stored meanwhile are left out."""
    inserted = insert_new(session, COMMENT_TABLE, rows, key="id", returning=("id", "seq"))
    return {row[0]: row[1] for row in inserted}


@dataclass
class Pending:
    """One request's comments, checked and ready to store: nothing is written yet."""

    caller: Caller
    single: bool
    now: datetime
    rows: list[dict[str, Any]] = field(default_factory=list)
    results: list[Created | None] = field(default_factory=list)
    seen: dict[uuid.UUID, tuple[int, str]] = field(default_factory=dict)
    retries: dict[int, uuid.UUID] = field(default_factory=dict)
    index_of: dict[uuid.UUID, int] = field(default_factory=dict)
    levels: dict[uuid.UUID, str] = field(default_factory=dict)

    def loc(self, i: int) -> Loc:
        return ["body"] if self.single else ["body", "items", i]


def create_comments(
    session: Session, *, caller: Caller, items: Sequence[CommentCreate], single: bool = False
) -> list[Created]:
    """Store new comments, all or none (the caller is a writer: the routes' ``WriterDep``). A
    client id seen before with the same body is a retry (returned as stored, ``new=False``);
    with a different body it is a 409."""
    if single:
        pending = prepare_single(session, caller, items[0])
    else:
        # A retry is recognised after the scope checks but before the others: an offline
        # client resending a comment whose answer it lost gets it back even if the
        # consultation closed.
        stored = _existing(session, [item.id for item in items if item.id is not None])
        pending = prepare(session, caller, items, single=False, stored=stored)
    (outcome,) = store(session, [pending])
    if isinstance(outcome, ProblemError):
        raise outcome
    return outcome


def prepare_single(session: Session, caller: Caller, item: CommentCreate) -> Pending:
    """``prepare`` for one comment, without looking its id up first: the insert itself finds a
    stored one (``store`` answers it as a retry), and only when a check fails is the id looked
    up, so that a retry is still answered after the consultation closed."""
    try:
        return prepare(session, caller, [item], single=True, stored={})
    except ProblemError:
        stored = _existing(session, [item.id]) if item.id is not None else {}
        if not stored:
            raise
        return prepare(session, caller, [item], single=True, stored=stored)


def prepare(
    session: Session,
    caller: Caller,
    items: Sequence[CommentCreate],
    *,
    single: bool,
    stored: dict[uuid.UUID, Comment],
) -> Pending:
    """Check every comment (references, scope, dates, ids) and build its row; raises the first
    failing item's problem. ``stored``: the comments already stored under the items' ids."""
    ctx = Context(session, caller, single=single)
    if single:
        ctx.preload(items[0].model_dump(include={"document_id", "section_id", "unit_id"}))
    else:
        ctx.prefetch(items)
    p = Pending(caller, single, utcnow(), results=[None] * len(items))
    for i, item in enumerate(items):
        loc = p.loc(i)
        digest = _hash(item)
        if item.id is not None and item.id in stored:
            check_scope(ctx, item.model_dump(exclude={"id"}), loc)
            p.results[i] = _retry_of(stored[item.id], caller, digest, loc)
            continue
        comment_id = item.id or uuid7()
        if comment_id in p.seen:
            first, first_digest = p.seen[comment_id]
            if first_digest != digest:
                raise _conflict(loc, f"repeats the id of items[{first}] with a different body")
            p.retries[i] = comment_id
            continue
        fields = item.model_dump(exclude={"id"})
        target = resolve(ctx, fields, loc)
        p.seen[comment_id] = (i, digest)
        p.index_of[comment_id] = i
        p.levels[comment_id] = target.unit.level
        row = {
            **fields,
            "id": comment_id,
            "consultation_id": target.consultation.id,
            "unit_path": target.unit.path,
            "entered_unit_id": target.unit.id,
            "channel": item.channel.value,
            "category": item.category.value,
            "stance": item.stance.value,
            "organization": item.organization.value,
            "content_folded": fold(item.content),
            "create_hash": digest,
            "version": 1,
            "created_at": p.now,
            "updated_at": p.now,
            "created_by": caller.user_id,
            "deleted_at": None,
            "deleted_by": None,
            "delete_reason": None,
        }
        p.rows.append(row)
        p.results[i] = Created(row, True)
    return p


def store(session: Session, pendings: Sequence[Pending]) -> list[list[Created] | ProblemError]:
    """Store the rows of several requests with one insert, one history insert and one roll-up
    upsert (group commit: ``comments.group``). Each request's outcome is its comments, or the
    409 of an id that another request stored meanwhile (its own rows then stay unwritten only
    when it is a single comment: a batch's outcome must be raised, rolling the whole back)."""
    # An id sent by two requests of the group is the first one's: the later one is answered as
    # a request that came after it (a retry, or 409).
    owner: dict[uuid.UUID, int] = {}
    for n, p in enumerate(pendings):
        for row in p.rows:
            owner.setdefault(row["id"], n)
    rows = [row for n, p in enumerate(pendings) for row in p.rows if owner[row["id"]] == n]
    inserted = _insert_ignoring_conflicts(session, rows) if rows else {}
    outcomes: list[list[Created] | ProblemError] = []
    versions: list[dict[str, Any]] = []
    facts: list[tuple[CommentFact, int]] = []
    for n, p in enumerate(pendings):
        mine = {r["id"] for r in p.rows if r["id"] in inserted and owner[r["id"]] == n}
        try:
            _answer_raced(session, p, [r for r in p.rows if r["id"] not in mine])
        except ProblemError as problem:
            outcomes.append(problem)
            continue
        for row in p.rows:
            if row["id"] in mine:
                row["seq"] = inserted[row["id"]]
                facts.append((fact_of(row, p.levels[row["id"]]), 1))
                versions.append(
                    version_row(
                        p.caller,
                        seq=row["seq"],
                        version=1,
                        at=p.now,
                        action="create",
                        after=snapshot(row),
                    )
                )
        outcomes.append(_finish(p))
    insert_all(session, VERSION_TABLE, versions)
    rollup.apply_comments(session, facts)
    COMMENTS_STORED.inc(len(facts))
    return outcomes


def _answer_raced(session: Session, p: Pending, raced: list[dict[str, Any]]) -> None:
    """Ids stored meanwhile by another request (PostgreSQL waits for it) or earlier: a retry
    of the same caller's same body is answered with the stored comment, anything else is 409."""
    if not raced:
        return
    now_stored = _existing(session, [r["id"] for r in raced])
    for row in raced:
        i = p.index_of[row["id"]]
        p.results[i] = _retry_of(now_stored[row["id"]], p.caller, row["create_hash"], p.loc(i))


def _finish(p: Pending) -> list[Created]:
    for i, comment_id in p.retries.items():
        first_result = p.results[p.seen[comment_id][0]]
        assert first_result is not None
        p.results[i] = first_result
    return [r for r in p.results if r is not None]


def _existing(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Comment]:
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(Comment).where(col(Comment.id).in_(ids)))}


def _conflict(loc: Loc, msg: str) -> Conflict:
    where = "" if loc == ["body"] else f"items[{loc[2]}]: "
    return Conflict(
        f"{where}{msg}.", errors=[{"loc": [*loc, "id"], "msg": msg, "type": "conflict"}]
    )


def _retry_of(stored: Comment, caller: Caller, digest: str, loc: Loc) -> Created:
    """The stored comment when its creator repeats the request; 409 when the id names another
    comment. Anyone but the creator gets the same 409 whatever the body: the answer must not
    tell whether a guessed body (a contributor's name, say) matches the stored one."""
    if (
        caller.user_id is None
        or stored.created_by != caller.user_id
        or not caller.scope.covers(stored.unit_path)
    ):
        raise _conflict(loc, f"the id {stored.id} is taken; send the comment with a new id")
    if stored.deleted_at is not None:
        raise _conflict(
            loc, f"the comment {stored.id} was deleted; send it with a new id to enter it again"
        )
    if stored.create_hash != digest:
        raise _conflict(loc, f"a comment with id {stored.id} already exists with a different body")
    return Created(stored.model_dump(), False)
