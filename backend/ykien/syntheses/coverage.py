"""What a synthesis does not cover yet: the pool an item may still merge (the subtree's comments
that no item here, no child item merged here and no child's submitted item carries; the children's
submitted items not merged yet), and those comments one page at a time."""

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment
from ykien.comments.schemas import CommentPublic
from ykien.comments.service import public as comment_public
from ykien.core.pagination import Page, decode_cursor, encode_cursor
from ykien.syntheses.access import get_readable_synthesis
from ykien.syntheses.models import Synthesis, SynthesisItem, SynthesisSource
from ykien.syntheses.queries import carried_comments, children_items
from ykien.units.scope import in_subtree


@dataclass(frozen=True)
class Pool:
    covered: set[uuid.UUID]
    """Comments merged here, directly or through child items, or carried by a child's item."""
    child_items: list[SynthesisItem]
    """The children's submitted items not merged here yet."""


def pool_of(session: Session, synthesis: Synthesis) -> Pool:
    taken = list(
        session.scalars(
            select(SynthesisSource).where(col(SynthesisSource.synthesis_id) == synthesis.id)
        )
    )
    merged_children = {r.child_item_id for r in taken if r.child_item_id is not None}
    covered = {r.comment_id for r in taken if r.comment_id is not None}
    covered |= carried_comments(session, merged_children)
    child_items = children_items(session, synthesis)
    covered |= carried_comments(session, [i.id for i in child_items])
    return Pool(covered, [i for i in child_items if i.id not in merged_children])


def subtree_comments(caller: Caller, synthesis: Synthesis) -> Select[Comment]:
    """The comments of the synthesis's unit's subtree in its consultation (not deleted), in the
    order they were stored."""
    return (
        select(Comment)
        .where(
            caller.scope.condition(col(Comment.unit_path)),
            in_subtree(col(Comment.unit_path), synthesis.unit_path),
            col(Comment.consultation_id) == synthesis.consultation_id,
            col(Comment.deleted_at).is_(None),
        )
        .order_by(col(Comment.seq))
    )


def uncovered_count(session: Session, caller: Caller, synthesis: Synthesis, pool: Pool) -> int:
    stmt = subtree_comments(caller, synthesis).with_only_columns(col(Comment.id))
    return sum(1 for cid in session.scalars(stmt) if cid not in pool.covered)


def uncovered(
    session: Session, *, caller: Caller, synthesis_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[CommentPublic]:
    """The subtree's comments no item covers yet, oldest first."""
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    pool = pool_of(session, synthesis)
    after = decode_cursor(cursor, (int,))[0] if cursor else 0
    found: list[Comment] = []
    batch = max(2 * limit, 500)
    while len(found) <= limit:
        rows = list(
            session.scalars(
                subtree_comments(caller, synthesis).where(col(Comment.seq) > after).limit(batch)
            )
        )
        found += [c for c in rows if c.id not in pool.covered]
        if len(rows) < batch:
            break
        after = rows[-1].seq or 0
    page = found[:limit]
    more = len(found) > limit
    return Page(
        items=[comment_public(caller, c) for c in page],
        next_cursor=encode_cursor([page[-1].seq]) if more else None,
    )
