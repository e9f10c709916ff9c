"""Provenance: the items that carried a comment up, level by level."""

import uuid

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.service import get_comment
from ykien.syntheses.access import readable_syntheses
from ykien.syntheses.models import (
    Synthesis,
    SynthesisItem,
    SynthesisSource,
)
from ykien.syntheses.presenters import items_public, summaries
from ykien.syntheses.schemas import (
    Carried,
    CarriedRow,
)


def carried(session: Session, *, caller: Caller, comment_id: uuid.UUID) -> Carried:
    """The items that carried a comment up, level by level (those the caller may see)."""
    get_comment(session, caller=caller, comment_id=comment_id, deleted_ok=True)
    found: list[tuple[int, SynthesisItem]] = []
    frontier = list(
        session.scalars(
            select(SynthesisItem)
            .join(SynthesisSource, col(SynthesisSource.item_id) == col(SynthesisItem.id))
            .where(col(SynthesisSource.comment_id) == comment_id)
        )
    )
    seen: set[uuid.UUID] = set()
    level = 1
    while frontier:
        found += [(level, it) for it in frontier]
        seen |= {it.id for it in frontier}
        ids = [it.id for it in frontier]
        frontier = [
            it
            for it in session.scalars(
                select(SynthesisItem)
                .join(SynthesisSource, col(SynthesisSource.item_id) == col(SynthesisItem.id))
                .where(col(SynthesisSource.child_item_id).in_(ids))
            )
            if it.id not in seen
        ]
        level += 1
    syntheses = (
        {
            s.id: s
            for s in session.scalars(
                readable_syntheses(caller).where(
                    col(Synthesis.id).in_({it.synthesis_id for _, it in found})
                )
            )
        }
        if found
        else {}
    )
    visible = [(lv, it) for lv, it in found if it.synthesis_id in syntheses]
    by_id = {s.id: s for s in summaries(session, list(syntheses.values()))}
    items = {p.id: p for p in items_public(session, [it for _, it in visible])}
    return Carried(
        items=[
            CarriedRow(level=lv, synthesis=by_id[it.synthesis_id], item=items[it.id])
            for lv, it in visible
        ]
    )
