"""Plain reads over syntheses, items and their sources, shared by the modules of this package
(no access checks: callers reach these rows through ``access``)."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.syntheses.models import (
    Synthesis,
    SynthesisItem,
    SynthesisSource,
    SynthesisStatus,
)

CHUNK = 5_000
SENT = (SynthesisStatus.submitted.value, SynthesisStatus.accepted.value)


def items_of(session: Session, synthesis_id: uuid.UUID) -> list[SynthesisItem]:
    return list(
        session.scalars(
            select(SynthesisItem)
            .where(col(SynthesisItem.synthesis_id) == synthesis_id)
            .order_by(col(SynthesisItem.position), col(SynthesisItem.id))
        )
    )


def sources_of(session: Session, item_ids: Sequence[uuid.UUID]) -> list[SynthesisSource]:
    out: list[SynthesisSource] = []
    ids = list(item_ids)
    for i in range(0, len(ids), CHUNK):
        out += session.scalars(
            select(SynthesisSource)
            .where(col(SynthesisSource.item_id).in_(ids[i : i + CHUNK]))
            .order_by(col(SynthesisSource.position), col(SynthesisSource.id))
        )
    return out


def merged_into(session: Session, item_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    out: dict[uuid.UUID, list[Any]] = defaultdict(list)
    ids = list(item_ids)
    for i in range(0, len(ids), CHUNK):
        for child, parent in session.execute(
            select(col(SynthesisSource.child_item_id), col(SynthesisSource.item_id)).where(
                col(SynthesisSource.child_item_id).in_(ids[i : i + CHUNK])
            )
        ):
            out[child].append(parent)
    return out


def carried_comments(session: Session, item_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Every comment the items carry, directly or through the child items they merge."""
    found: set[uuid.UUID] = set()
    seen: set[uuid.UUID] = set()
    frontier = set(item_ids)
    while frontier:
        seen |= frontier
        ids = list(frontier)
        frontier = set()
        for i in range(0, len(ids), CHUNK):
            for comment_id, child_id in session.execute(
                select(col(SynthesisSource.comment_id), col(SynthesisSource.child_item_id)).where(
                    col(SynthesisSource.item_id).in_(ids[i : i + CHUNK])
                )
            ):
                if comment_id is not None:
                    found.add(comment_id)
                elif child_id is not None and child_id not in seen:
                    frontier.add(child_id)
    return found


def children_sent(session: Session, synthesis: Synthesis) -> list[Synthesis]:
    """The direct children's current submitted or accepted syntheses of the same consultation."""
    return list(
        session.scalars(
            select(Synthesis).where(
                col(Synthesis.parent_unit_id) == synthesis.unit_id,
                col(Synthesis.consultation_id) == synthesis.consultation_id,
                col(Synthesis.status).in_(SENT),
            )
        )
    )


def children_items(session: Session, synthesis: Synthesis) -> list[SynthesisItem]:
    sent = [s.id for s in children_sent(session, synthesis)]
    if not sent:
        return []
    return list(
        session.scalars(
            select(SynthesisItem)
            .where(col(SynthesisItem.synthesis_id).in_(sent))
            .order_by(col(SynthesisItem.synthesis_id), col(SynthesisItem.position))
        )
    )
