"""Syntheses and items as the API shows them: summaries with their late flag and totals, the
full synthesis with its items, sources and the parent's feedback."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from ykien.consultations.models import Consultation
from ykien.syntheses.deadlines import deadline_of, is_late, now_or_clock
from ykien.syntheses.models import (
    Feedback,
    Synthesis,
    SynthesisItem,
)
from ykien.syntheses.queries import CHUNK, items_of, merged_into, sources_of
from ykien.syntheses.schemas import (
    ItemFeedback,
    ItemPublic,
    SynthesisList,
    SynthesisPublic,
    SynthesisSummary,
)
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import UnitRef


def items_public(session: Session, items: Sequence[SynthesisItem]) -> list[ItemPublic]:
    ids = [i.id for i in items]
    comments: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    children: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for s in sources_of(session, ids):
        if s.comment_id is not None:
            comments[s.item_id].append(s.comment_id)
        elif s.child_item_id is not None:
            children[s.item_id].append(s.child_item_id)
    merged = merged_into(session, ids)
    return [
        ItemPublic(
            id=i.id,
            synthesis_id=i.synthesis_id,
            position=i.position,
            document_id=i.document_id,
            section_id=i.section_id,
            stance=i.stance,
            summary=i.summary,
            recommendation=i.recommendation,
            comments=i.comments,
            people=i.people,
            comment_ids=comments[i.id],
            child_item_ids=children[i.id],
            feedback=ItemFeedback(
                status=Feedback(i.feedback),
                reason=i.feedback_reason,
                at=i.feedback_at,
                merged_into=merged.get(i.id, []),
            )
            if i.feedback
            else None,
        )
        for i in items
    ]


@dataclass
class _Lookups:
    units: dict[int | None, Unit]
    consultations: dict[int | None, Consultation]
    totals: dict[uuid.UUID, tuple[int, int, int]]


def _lookups(session: Session, syntheses: Sequence[Synthesis]) -> _Lookups:
    unit_ids = {s.unit_id for s in syntheses}
    consultation_ids = {s.consultation_id for s in syntheses}
    ids = [s.id for s in syntheses]
    units = (
        {u.id: u for u in session.scalars(select(Unit).where(col(Unit.id).in_(unit_ids)))}
        if unit_ids
        else {}
    )
    consultations = (
        {
            c.id: c
            for c in session.scalars(
                select(Consultation).where(col(Consultation.id).in_(consultation_ids))
            )
        }
        if consultation_ids
        else {}
    )
    totals: dict[uuid.UUID, tuple[int, int, int]] = {}
    for i in range(0, len(ids), CHUNK):
        for sid, n, c, p in session.execute(
            select(
                col(SynthesisItem.synthesis_id),
                func.count(),
                func.sum(col(SynthesisItem.comments)),
                func.sum(col(SynthesisItem.people)),
            )
            .where(col(SynthesisItem.synthesis_id).in_(ids[i : i + CHUNK]))
            .group_by(col(SynthesisItem.synthesis_id))
        ):
            totals[sid] = (int(n), int(c or 0), int(p or 0))
    return _Lookups(units, consultations, totals)


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(id=unit.id, name=unit.name, level=UnitLevel(unit.level))


def _summary_fields(s: Synthesis, look: _Lookups, now: datetime) -> dict[str, Any]:
    unit = look.units[s.unit_id]
    deadline = deadline_of(look.consultations[s.consultation_id], unit.level)
    n, comments, people = look.totals.get(s.id, (0, 0, 0))
    return {
        "id": s.id,
        "unit": unit_ref(unit),
        "unit_id": s.unit_id,
        "parent_unit_id": s.parent_unit_id,
        "consultation_id": s.consultation_id,
        "version": s.version,
        "previous_id": s.previous_id,
        "status": s.status,
        "late": is_late(deadline, s.submitted_at, now),
        "deadline": deadline,
        "created_at": s.created_at,
        "updated_at": s.updated_at,
        "submitted_at": s.submitted_at,
        "decided_at": s.decided_at,
        "return_reason": s.return_reason,
        "comments": comments,
        "people": people,
        "item_count": n,
    }


def summaries(
    session: Session, syntheses: Sequence[Synthesis], *, now: datetime | None = None
) -> list[SynthesisSummary]:
    look = _lookups(session, syntheses)
    return [SynthesisSummary(**_summary_fields(s, look, now_or_clock(now))) for s in syntheses]


def public(
    session: Session, synthesis: Synthesis, *, now: datetime | None = None
) -> SynthesisPublic:
    look = _lookups(session, [synthesis])
    return SynthesisPublic(
        **_summary_fields(synthesis, look, now_or_clock(now)),
        figures=synthesis.figures,
        items=items_public(session, items_of(session, synthesis.id)),
    )


def page(
    session: Session, rows: list[Synthesis], next_cursor: str | None, *, now: datetime | None = None
) -> SynthesisList:
    return SynthesisList(items=summaries(session, rows, now=now), next_cursor=next_cursor)
