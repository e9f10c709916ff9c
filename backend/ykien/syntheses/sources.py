"""What an item may merge: comments of the unit's subtree and items of its direct children's
submitted syntheses, each at most once per synthesis, a comment never twice through child items."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment
from ykien.core.errors import Conflict, Invalid, NotFound
from ykien.syntheses.access import readable_items
from ykien.syntheses.models import (
    Synthesis,
    SynthesisItem,
    SynthesisSource,
)
from ykien.syntheses.queries import CHUNK, SENT, carried_comments, children_items
from ykien.units.scope import Scope

Loc = list[str | int]


@dataclass
class Resolved:
    comments: list[Comment]
    children: list[SynthesisItem]


def _check_unique(ids: Sequence[uuid.UUID], loc: Loc, what: str) -> None:
    first: dict[uuid.UUID, int] = {}
    for i, ident in enumerate(ids):
        if ident in first:
            raise Invalid([*loc, i], f"repeats {what} {ident} (already at index {first[ident]})")
        first[ident] = i


def _conflict(loc: Loc, msg: str) -> Conflict:
    where = ".".join(str(p) for p in loc)
    return Conflict(f"{where}: {msg}", errors=[{"loc": loc, "msg": msg, "type": "conflict"}])


def resolve_sources(
    session: Session,
    *,
    caller: Caller,
    synthesis: Synthesis,
    comment_ids: Sequence[uuid.UUID] | None,
    child_item_ids: Sequence[uuid.UUID] | None,
    item: SynthesisItem | None,
) -> Resolved:
    """Check the sources an item is to merge. With ``item``, the lists given replace its own."""
    _check_unique(comment_ids or [], ["body", "comment_ids"], "comment")
    _check_unique(child_item_ids or [], ["body", "child_item_ids"], "child item")
    kept = [
        r
        for r in session.scalars(
            select(SynthesisSource).where(col(SynthesisSource.synthesis_id) == synthesis.id)
        )
        if not (
            item is not None
            and r.item_id == item.id
            and (
                (r.comment_id is not None and comment_ids is not None)
                or (r.child_item_id is not None and child_item_ids is not None)
            )
        )
    ]
    taken_comments = {r.comment_id: r.item_id for r in kept if r.comment_id is not None}
    taken_children = {r.child_item_id: r.item_id for r in kept if r.child_item_id is not None}
    carried = carried_comments(session, taken_children)

    comments: list[Comment] = []
    if comment_ids:
        found = {
            c.id: c
            for i in range(0, len(comment_ids), CHUNK)
            for c in session.scalars(
                select(Comment).where(
                    col(Comment.id).in_(comment_ids[i : i + CHUNK]),
                    caller.scope.condition(col(Comment.unit_path)),
                    col(Comment.deleted_at).is_(None),
                )
            )
        }
        subtree = Scope(synthesis.unit_path)
        by_children = carried_comments(session, [i.id for i in children_items(session, synthesis)])
        for i, cid in enumerate(comment_ids):
            loc: Loc = ["body", "comment_ids", i]
            c = found.get(cid)
            if c is None:
                raise NotFound(f"Comment {cid} does not exist.")
            if c.consultation_id != synthesis.consultation_id or not subtree.covers(c.unit_path):
                raise Invalid(
                    loc, f"comment {cid} is not of this unit's subtree and this consultation"
                )
            if cid in taken_comments:
                raise _conflict(
                    loc, f"comment {cid} is already merged by item {taken_comments[cid]}"
                )
            if cid in carried:
                raise _conflict(
                    loc, f"comment {cid} is already carried by a child item this synthesis merges"
                )
            if cid in by_children:
                raise _conflict(
                    loc,
                    f"comment {cid} is carried up by a child's submitted synthesis; "
                    "merge that child's item instead",
                )
            comments.append(c)
    own_comments = {c.id for c in comments}

    children: list[SynthesisItem] = []
    if child_item_ids:
        rows = {
            it.id: (it, s)
            for i in range(0, len(child_item_ids), CHUNK)
            for it, s in session.execute(
                readable_items(caller).where(
                    col(SynthesisItem.id).in_(child_item_ids[i : i + CHUNK])
                )
            )
        }
        for i, iid in enumerate(child_item_ids):
            loc = ["body", "child_item_ids", i]
            if iid not in rows:
                raise NotFound(f"Synthesis item {iid} does not exist.")
            child, child_synthesis = rows[iid]
            if (
                child_synthesis.parent_unit_id != synthesis.unit_id
                or child_synthesis.consultation_id != synthesis.consultation_id
                or child_synthesis.status not in SENT
            ):
                raise Invalid(
                    loc,
                    f"item {iid} is not an item of a direct child's submitted synthesis "
                    "of this consultation",
                )
            if iid in taken_children:
                raise _conflict(
                    loc, f"child item {iid} is already merged by item {taken_children[iid]}"
                )
            overlap = carried_comments(session, [iid]) & (
                set(taken_comments) | carried | own_comments
            )
            if overlap:
                raise _conflict(
                    loc,
                    f"child item {iid} carries comment {sorted(overlap, key=str)[0]}, "
                    "which this synthesis already counts",
                )
            carried |= carried_comments(session, [iid])
            children.append(child)
    return Resolved(comments, children)
