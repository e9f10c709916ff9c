"""Public-sentiment consultations (issue #17, plan II.1): a consultation of kind ``sentiment``
covers a month and its documents are topic lists, so that entry, roll-ups, suggestions and the
synthesis chain serve it unchanged. Here: opening the next month's from the current one, and the
topic figures that periodic reports quote.

The figures are read from the stored roll-ups (``stat_cell``) through the layout of
``stats/rollup.py``, which imports only ``core`` and ``units``: this module adds no edge from
``consultations`` to the later packages.
"""

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.consultations import service
from ykien.consultations.models import Consultation, ConsultationKind, Document, Section
from ykien.consultations.periods import month_bounds, month_of, month_words, next_month
from ykien.consultations.schemas import (
    ConsultationCreate,
    DocumentCreate,
    SectionCreate,
    SectionPublic,
)
from ykien.core.errors import Conflict
from ykien.stats.models import StatCell
from ykien.stats.rollup import CUBOIDS, LEAF, LEAF_ONLY_LEVEL, cells_estimate, kept_at
from ykien.units.models import Unit, UnitLevel

# What a comment on a topic list as a whole (no topic chosen) is counted under.
GENERAL_TOPIC = "Ý kiến chung"


def _shifted_title(title: str, old: date, new: date) -> str:
    """The title with its month renamed ("… tháng 11/2026" → "… tháng 12/2026"), or the new
    month appended when the title does not name the old one."""
    if month_words(old) in title:
        return title.replace(month_words(old), month_words(new))
    return f"{title} tháng {month_words(new)}"[:300]


def _copy(sections: list[SectionPublic]) -> list[SectionCreate]:
    return [
        SectionCreate(number=s.number, heading=s.heading, text=s.text, children=_copy(s.children))
        for s in sections
    ]


def _next_data(current: Consultation, start: date, end: date) -> ConsultationCreate:
    """The month after ``current``'s, as a creation body: the title renamed, the opening moved
    relative to the month's first day, the closing and the deadlines relative to its last."""
    assert current.period_start is not None and current.period_end is not None
    by_end = end - current.period_end
    return ConsultationCreate(
        title=_shifted_title(current.title, current.period_start, start),
        unit_id=current.unit_id,
        opens_on=start + (current.opens_on - current.period_start),
        closes_on=current.closes_on + by_end,
        deadlines={
            UnitLevel(level): date.fromisoformat(day) + by_end
            for level, day in current.deadlines.items()
        },
        kind=ConsultationKind.sentiment,
        period=month_of(start),
    )


def open_next_period(
    session: Session, *, caller: Caller, consultation_id: int
) -> tuple[Consultation, bool]:
    """The next month's sentiment consultation of the same unit, with the same topic lists and
    its dates and deadlines moved by the month (opening relative to the month's first day,
    closing and deadlines to its last). Idempotent: when that month's exists already (made by
    this call before, or by hand) it is returned, and ``False`` says nothing was created."""
    current = service.get_consultation(session, caller=caller, consultation_id=consultation_id)
    service.require_manager(caller, current)
    if current.kind != ConsultationKind.sentiment or current.period_start is None:
        raise Conflict("Only a sentiment consultation runs by month: it has no next month.")
    assert current.period_end is not None
    start = next_month(current.period_start)
    existing = service.sentiment_of_period(session, current.unit_id, start)
    if existing is not None:
        return existing, False
    end = month_bounds(month_of(start))[1]
    try:
        data = _next_data(current, start, end)
    except ValidationError as exc:  # the year 2100 and beyond: not a date anyone means
        raise Conflict("The next month falls outside the dates the system accepts.") from exc
    documents = session.scalars(
        select(Document)
        .where(col(Document.consultation_id) == current.id)
        .order_by(col(Document.id))
    ).all()
    try:
        # A savepoint: a concurrent call that created the month first makes this one answer it.
        with session.begin_nested():
            created = service.create_consultation(
                session, caller=caller, data=data, with_topics=False
            )
            for document in documents:
                tree = service.document_public(session, document).sections
                service.create_document(
                    session,
                    caller=caller,
                    data=DocumentCreate(
                        consultation_id=created.id or 0,
                        code=document.code,
                        title=document.title,
                        sections=_copy(tree),
                    ),
                )
    except (IntegrityError, Conflict):
        # Another call made the month meanwhile: committed before our check (Conflict) or
        # while we inserted (the unique index).
        existing = service.sentiment_of_period(session, current.unit_id, start)
        if existing is None:
            raise
        return existing, False
    return created, True


@dataclass(frozen=True)
class TopicFigure:
    topic: str  # the section's heading (topics of the same name over several months add up)
    comments: int
    people: int


def _section_cuboid(unit: Unit) -> int:
    """The cuboid with the fewest cells that keeps sections at the unit's depth (a residential
    area keeps only its leaf cells, which hold every dimension)."""
    if unit.level == LEAF_ONLY_LEVEL:
        return LEAF
    covering = [
        c for c in CUBOIDS if c != LEAF and "section" in CUBOIDS[c] and kept_at(c, unit.depth)
    ]
    return min(covering, key=lambda c: (len(CUBOIDS[c]), cells_estimate(c)))


def topic_figures(session: Session, unit: Unit, start: date, end: date) -> list[TopicFigure]:
    """Comments and people per topic, over the unit's subtree, of the sentiment consultations
    whose month overlaps [start, end], most comments first (then by name). Read from the unit's
    own roll-up cells: the cost is its cells, not the comments."""
    # The months first (a few ids), so that the cells are read by their key's prefix.
    consultations = list(
        session.scalars(
            select(col(Consultation.id)).where(
                col(Consultation.kind) == ConsultationKind.sentiment.value,
                col(Consultation.period_start) <= end,
                col(Consultation.period_end) >= start,
            )
        )
    )
    if not consultations:
        return []
    cuboid = _section_cuboid(unit)
    rows = session.execute(
        select(
            col(StatCell.section_id),
            func.sum(StatCell.comments),
            func.sum(StatCell.people),
        )
        .where(
            col(StatCell.cuboid) == cuboid,
            col(StatCell.unit_path) == unit.path,
            col(StatCell.consultation_id).in_(consultations),
        )
        .group_by(col(StatCell.section_id))
    ).all()
    ids = [section_id for section_id, _c, _p in rows if section_id]
    headings = dict(
        session.execute(
            select(col(Section.id), col(Section.heading)).where(col(Section.id).in_(ids))
        ).all()
    )
    sums: dict[str, list[int]] = {}
    for section_id, comments, people in rows:
        topic = headings.get(section_id, GENERAL_TOPIC) if section_id else GENERAL_TOPIC
        acc = sums.setdefault(topic, [0, 0])
        acc[0] += int(comments or 0)
        acc[1] += int(people or 0)
    figures = [TopicFigure(t, c, p) for t, (c, p) in sums.items() if c or p]
    return sorted(figures, key=lambda f: (-f.comments, f.topic))
