"""Suggestions: the mergeable pool of a synthesis, grouped by ``suggest.group_similar``."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment
from ykien.syntheses.access import get_readable_synthesis
from ykien.syntheses.models import (
    Synthesis,
    SynthesisSource,
)
from ykien.syntheses.queries import carried_comments, children_items
from ykien.syntheses.schemas import (
    Suggestion,
    Suggestions,
)
from ykien.syntheses.suggest import SuggestInput, group_similar
from ykien.units.scope import in_subtree


@dataclass(frozen=True)
class _Candidate:
    key: str
    text: str
    comments: int
    people: int


def pool(session: Session, *, caller: Caller, synthesis: Synthesis) -> list[_Candidate]:
    """What an item of this synthesis may still merge: the subtree's comments nobody here or in a
    child's submitted synthesis carries yet, and the children's submitted items not merged yet."""
    taken = list(
        session.scalars(
            select(SynthesisSource).where(col(SynthesisSource.synthesis_id) == synthesis.id)
        )
    )
    merged_children = {r.child_item_id for r in taken if r.child_item_id is not None}
    excluded = {r.comment_id for r in taken if r.comment_id is not None}
    excluded |= carried_comments(session, merged_children)
    child_items = children_items(session, synthesis)
    excluded |= carried_comments(session, [i.id for i in child_items])
    out: list[_Candidate] = []
    for cid, content, people in session.execute(
        select(col(Comment.id), col(Comment.content), col(Comment.people))
        .where(
            caller.scope.condition(col(Comment.unit_path)),
            in_subtree(col(Comment.unit_path), synthesis.unit_path),
            col(Comment.consultation_id) == synthesis.consultation_id,
            col(Comment.deleted_at).is_(None),
        )
        .order_by(col(Comment.seq))
    ):
        if cid not in excluded:
            out.append(_Candidate(f"c:{cid}", content, 1, people))
    for it in child_items:
        if it.id not in merged_children:
            out.append(_Candidate(f"i:{it.id}", it.summary, it.comments, it.people))
    return out


def _group(candidates: Sequence[_Candidate]) -> list[list[str]]:
    return group_similar(
        [
            SuggestInput(key=c.key, text=c.text, comments=c.comments, people=c.people)
            for c in candidates
        ]
    )


def suggestions(session: Session, *, caller: Caller, synthesis_id: uuid.UUID) -> Suggestions:
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    candidates = pool(session, caller=caller, synthesis=synthesis)
    by_key = {c.key: c for c in candidates}
    rows = []
    for group in _group(candidates):
        members = [by_key[k] for k in group if k in by_key]
        if len(members) < 2:
            continue
        rows.append(
            Suggestion(
                comment_ids=[uuid.UUID(m.key[2:]) for m in members if m.key.startswith("c:")],
                child_item_ids=[uuid.UUID(m.key[2:]) for m in members if m.key.startswith("i:")],
                sample=members[0].text,
                comments=sum(m.comments for m in members),
                people=sum(m.people for m in members),
            )
        )
    rows.sort(key=lambda r: (-r.comments, -r.people))  # stable: the grouping's order on ties
    return Suggestions(items=rows)
