"""Entering comments, one or a batch, all or none, idempotently.

A client-chosen ``id`` is stored with a SHA-256 of the validated body (``create_hash``): a repeat
with the same body is a retry (answered with the stored comment), with another body a 409. The
insert skips ids stored meanwhile, so two concurrent retries store one row.
"""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
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


def create_comments(
    session: Session, *, caller: Caller, items: Sequence[CommentCreate], single: bool = False
) -> list[Created]:
    """Store new comments, all or none (the caller is a writer: the routes' ``WriterDep``). A
    client id seen before with the same body is a retry (returned as stored, ``new=False``);
    with a different body it is a 409.

    A single comment skips the look-up of its id: the insert itself finds a stored one (the
    "raced" path below answers it as a retry), and only when a check fails is the id looked up,
    so that a retry is still answered after the consultation closed. Nothing is written before
    the checks, so the second attempt starts from the same state."""
    if single and items[0].id is not None:
        try:
            return _create(session, caller, items, single=True, stored={})
        except ProblemError:
            stored = _existing(session, [items[0].id])
            if not stored:
                raise
            return _create(session, caller, items, single=True, stored=stored)
    # A retry is recognised after the scope checks but before the others: an offline client
    # resending a comment whose answer it lost gets it back even if the consultation closed.
    stored = _existing(session, [item.id for item in items if item.id is not None])
    return _create(session, caller, items, single=single, stored=stored)


def _create(
    session: Session,
    caller: Caller,
    items: Sequence[CommentCreate],
    *,
    single: bool,
    stored: dict[uuid.UUID, Comment],
) -> list[Created]:
    ctx = Context(session, caller, single=single)
    if single:
        ctx.preload(items[0].model_dump(include={"document_id", "section_id", "unit_id"}))
    now = utcnow()
    rows: list[dict[str, Any]] = []
    seen: dict[uuid.UUID, tuple[int, str]] = {}
    results: list[Created | None] = [None] * len(items)
    retries: dict[int, uuid.UUID] = {}
    index_of: dict[uuid.UUID, int] = {}
    levels: dict[uuid.UUID, str] = {}
    for i, item in enumerate(items):
        loc: Loc = ["body"] if single else ["body", "items", i]
        digest = _hash(item)
        if item.id is not None and item.id in stored:
            check_scope(ctx, item.model_dump(exclude={"id"}), loc)
            results[i] = _retry_of(stored[item.id], caller, digest, loc)
            continue
        comment_id = item.id or uuid7()
        if comment_id in seen:
            first, first_digest = seen[comment_id]
            if first_digest != digest:
                raise _conflict(loc, f"repeats the id of items[{first}] with a different body")
            retries[i] = comment_id
            continue
        fields = item.model_dump(exclude={"id"})
        target = resolve(ctx, fields, loc)
        seen[comment_id] = (i, digest)
        index_of[comment_id] = i
        levels[comment_id] = target.unit.level
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
            "created_at": now,
            "updated_at": now,
            "created_by": caller.user_id,
            "deleted_at": None,
            "deleted_by": None,
            "delete_reason": None,
        }
        rows.append(row)
        results[i] = Created(row, True)

    if rows:
        inserted = _insert_ignoring_conflicts(session, rows)
        raced = [r for r in rows if r["id"] not in inserted]
        if raced:  # another request stored the same id meanwhile (PostgreSQL waits for it)
            now_stored = _existing(session, [r["id"] for r in raced])
            for row in raced:
                i = index_of[row["id"]]
                loc = ["body"] if single else ["body", "items", i]
                results[i] = _retry_of(now_stored[row["id"]], caller, row["create_hash"], loc)
        versions = []
        facts = []
        for row in rows:
            if row["id"] in inserted:
                row["seq"] = inserted[row["id"]]
                facts.append((fact_of(row, levels[row["id"]]), 1))
                versions.append(
                    version_row(
                        caller,
                        seq=row["seq"],
                        version=1,
                        at=now,
                        action="create",
                        after=snapshot(row),
                    )
                )
        insert_all(session, VERSION_TABLE, versions)
        rollup.apply_comments(session, facts)
        COMMENTS_STORED.inc(len(facts))
    for i, comment_id in retries.items():
        first_result = results[seen[comment_id][0]]
        assert first_result is not None
        results[i] = first_result
    return [r for r in results if r is not None]


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
