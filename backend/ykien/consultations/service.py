"""Rules of consultations and documents: who sees them, who manages them, open/closed state."""

from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, or_, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.consultations.models import Consultation, ConsultationKind, Document, Section
from ykien.consultations.periods import (
    DEFAULT_TOPICS,
    TOPICS_CODE,
    TOPICS_TITLE,
    month_bounds,
    month_of,
)
from ykien.consultations.schemas import (
    ConsultationCreate,
    ConsultationPublic,
    ConsultationUpdate,
    DocumentCreate,
    DocumentListItem,
    DocumentPublic,
    SectionCreate,
    SectionPublic,
)
from ykien.core.audit import record
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound
from ykien.core.pagination import Key, keyset_page
from ykien.core.text import fold
from ykien.units.eras import went_into_reach
from ykien.units.scope import in_lineage
from ykien.units.service import get_unit, unit_in_scope

MAX_SECTIONS = 2_000
MAX_SECTION_DEPTH = 8


def _readable(caller: Caller) -> ColumnElement[bool]:
    """Who reads a consultation: callers whose subtree holds its unit, and callers below its unit
    (a residential area takes part in its province's consultation), and the boards of the units
    a merged unit went into (to see its figures on today's tree: units/eras.py)."""
    return or_(
        caller.scope.reach_condition(col(Consultation.unit_path)),
        went_into_reach(caller.scope, col(Consultation.unit_id)),
    )


def readable_consultations(caller: Caller) -> Select[Consultation]:
    """The consultations the caller may read; every get and list of them starts here."""
    return select(Consultation).where(_readable(caller))


def readable_documents(caller: Caller) -> Select[Document]:
    """The documents the caller may read: those of the consultations it may read."""
    return (
        select(Document)
        .join(Consultation, col(Consultation.id) == col(Document.consultation_id))
        .where(_readable(caller))
    )


def get_consultation(session: Session, *, caller: Caller, consultation_id: int) -> Consultation:
    consultation = session.scalar(
        readable_consultations(caller).where(col(Consultation.id) == consultation_id)
    )
    if consultation is None:
        raise NotFound(f"Consultation {consultation_id} does not exist.")
    return consultation


def require_manager(caller: Caller, consultation: Consultation) -> None:
    """The caller's role is checked on the route (``AdminDep``); this is the object's part."""
    if not caller.scope.covers(consultation.unit_path):
        raise Forbidden("Only admins of the consultation's own unit (or above) manage it.")


def public(consultation: Consultation) -> ConsultationPublic:
    assert consultation.id is not None
    return ConsultationPublic(
        id=consultation.id,
        title=consultation.title,
        unit_id=consultation.unit_id,
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        deadlines=consultation.deadlines,
        status=consultation.status,
        kind=ConsultationKind(consultation.kind),
        period=month_of(consultation.period_start) if consultation.period_start else None,
    )


def _check_kind(data: ConsultationCreate) -> None:
    """A sentiment consultation covers a month and lists topics; a documents one has neither."""
    if data.kind == ConsultationKind.sentiment:
        if data.period is None:
            raise Invalid(["body", "period"], 'a sentiment consultation needs its month, "yyyy-mm"')
        if data.topics is not None and not data.topics:
            raise Invalid(["body", "topics"], "a sentiment consultation needs at least one topic")
        seen: set[str] = set()
        for i, topic in enumerate(data.topics or ()):
            if fold(topic) in seen:
                raise Invalid(["body", "topics", i], f"topic {topic!r} is listed twice")
            seen.add(fold(topic))
        return
    if data.period is not None:
        raise Invalid(["body", "period"], "only a sentiment consultation has a period")
    if data.topics is not None:
        raise Invalid(["body", "topics"], "only a sentiment consultation has topics")


def sentiment_of_period(session: Session, unit_id: int, period_start: date) -> Consultation | None:
    """The unit's sentiment consultation of that month, if there is one (at most one)."""
    return session.scalar(
        select(Consultation).where(
            col(Consultation.unit_id) == unit_id, col(Consultation.period_start) == period_start
        )
    )


def create_consultation(
    session: Session, *, caller: Caller, data: ConsultationCreate, with_topics: bool = True
) -> Consultation:
    """A consultation, and for a sentiment one its topic list (``with_topics``: the next month's
    copies its predecessor's lists instead)."""
    _check_kind(data)
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    period = month_bounds(data.period) if data.period is not None else (None, None)
    if period[0] is not None:
        existing = sentiment_of_period(session, data.unit_id, period[0])
        if existing is not None:
            raise Conflict(
                f"Unit {data.unit_id} has a sentiment consultation for {data.period} already "
                f"(consultation {existing.id})."
            )
    consultation = Consultation(
        title=data.title,
        unit_id=data.unit_id,
        unit_path=unit.path,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        deadlines={k.value: v.isoformat() for k, v in data.deadlines.items()},
        kind=data.kind.value,
        period_start=period[0],
        period_end=period[1],
    )
    session.add(consultation)
    session.flush()
    assert consultation.id is not None
    record(
        session,
        caller.actor,
        "create",
        "consultation",
        consultation.id,
        after=data.model_dump(mode="json", exclude_none=True),
    )
    if data.kind == ConsultationKind.sentiment and with_topics:
        topics = data.topics if data.topics is not None else list(DEFAULT_TOPICS)
        sections = [SectionCreate(number=str(i), heading=t) for i, t in enumerate(topics, 1)]
        create_document(
            session,
            caller=caller,
            data=DocumentCreate(
                consultation_id=consultation.id,
                code=TOPICS_CODE,
                title=TOPICS_TITLE,
                sections=sections,
            ),
        )
    return consultation


def list_consultations(
    session: Session,
    *,
    caller: Caller,
    unit_id: int | None,
    cursor: str | None,
    limit: int,
    kind: ConsultationKind | None = None,
    period: str | None = None,
) -> tuple[list[Consultation], str | None]:
    stmt = readable_consultations(caller)
    if unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(in_lineage(col(Consultation.unit_path), unit.path))
    if kind is not None:
        stmt = stmt.where(col(Consultation.kind) == kind.value)
    if period is not None:
        stmt = stmt.where(col(Consultation.period_start) == month_bounds(period)[0])
    keys = [Key(col(Consultation.id), descending=True)]
    return keyset_page(session, stmt, keys, cursor=cursor, limit=limit)


def close_consultation(session: Session, *, caller: Caller, consultation_id: int) -> Consultation:
    """Freeze entry: no comment can be created, changed or deleted afterwards."""
    return _set_status(session, caller=caller, consultation_id=consultation_id, status="closed")


def reopen_consultation(session: Session, *, caller: Caller, consultation_id: int) -> Consultation:
    """Open a closed consultation again: comments can be entered and changed once more."""
    return _set_status(session, caller=caller, consultation_id=consultation_id, status="open")


def _set_status(
    session: Session, *, caller: Caller, consultation_id: int, status: Literal["open", "closed"]
) -> Consultation:
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    require_manager(caller, consultation)
    if consultation.status == status:
        raise Conflict(f"The consultation is already {status}.")
    before = consultation.status
    consultation.status = status
    consultation.closed_at = utcnow() if status == "closed" else None
    session.add(consultation)
    record(
        session,
        caller.actor,
        "close" if status == "closed" else "reopen",
        "consultation",
        consultation.id,
        before={"status": before},
        after={"status": status},
    )
    return consultation


def update_consultation(
    session: Session, *, caller: Caller, consultation_id: int, data: ConsultationUpdate
) -> Consultation:
    """Correct the title, the closing day or the deadlines; audited with the changed fields."""
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    require_manager(caller, consultation)
    closes_on = data.closes_on if data.closes_on is not None else consultation.closes_on
    if closes_on < consultation.opens_on:
        raise Invalid(
            ["body", "closes_on"],
            f"closes_on must not be before opens_on ({consultation.opens_on.isoformat()})",
        )
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if data.title is not None and data.title != consultation.title:
        before["title"], after["title"] = consultation.title, data.title
        consultation.title = data.title
    if data.closes_on is not None and data.closes_on != consultation.closes_on:
        before["closes_on"] = consultation.closes_on.isoformat()
        after["closes_on"] = data.closes_on.isoformat()
        consultation.closes_on = data.closes_on
    if data.deadlines is not None:
        deadlines = {k.value: v.isoformat() for k, v in data.deadlines.items()}
        if deadlines != consultation.deadlines:
            before["deadlines"], after["deadlines"] = consultation.deadlines, deadlines
            consultation.deadlines = deadlines
    if after:
        session.add(consultation)
        session.flush()
        record(
            session,
            caller.actor,
            "update",
            "consultation",
            consultation.id,
            before=before,
            after=after,
        )
    return consultation


def require_open(consultation: Consultation) -> None:
    if consultation.status != "open":
        raise Conflict("The consultation is closed: comments can no longer be entered or changed.")


# --- documents ----------------------------------------------------------------------------------


def create_document(session: Session, *, caller: Caller, data: DocumentCreate) -> DocumentPublic:
    consultation = get_consultation(session, caller=caller, consultation_id=data.consultation_id)
    require_manager(caller, consultation)
    exists = session.scalar(
        select(col(Document.id)).where(
            col(Document.consultation_id) == consultation.id, col(Document.code) == data.code
        )
    )
    if exists is not None:
        raise Conflict(f"The consultation already has a document with code {data.code!r}.")
    document = Document(consultation_id=data.consultation_id, code=data.code, title=data.title)
    session.add(document)
    session.flush()
    assert document.id is not None

    # Depth-first, so that `position` is reading order; ids come back from flush per level.
    count = 0
    order: list[tuple[SectionCreate, int | None, int, list[Any]]] = []

    def walk(nodes: list[SectionCreate], parent: int | None, depth: int, loc: list[Any]) -> None:
        nonlocal count
        for i, node in enumerate(nodes):
            count += 1
            if count > MAX_SECTIONS:
                raise Invalid(["body", "sections"], f"at most {MAX_SECTIONS} sections per document")
            if depth >= MAX_SECTION_DEPTH:
                raise Invalid([*loc, i], f"sections may nest at most {MAX_SECTION_DEPTH} levels")
            order.append((node, parent, depth, [*loc, i]))
            walk(node.children, len(order) - 1, depth + 1, [*loc, i, "children"])

    walk(data.sections, None, 0, ["body", "sections"])
    created: list[Section] = []
    for position, (node, parent_index, depth, _loc) in enumerate(order):
        parent_id = created[parent_index].id if parent_index is not None else None
        section = Section(
            document_id=document.id,
            parent_id=parent_id,
            number=node.number,
            heading=node.heading,
            text=node.text,
            position=position,
            depth=depth,
        )
        session.add(section)
        if node.children:
            session.flush()  # its id is its children's parent_id
        created.append(section)
    session.flush()
    record(
        session,
        caller.actor,
        "create",
        "document",
        document.id,
        after={"code": data.code, "title": data.title, "sections": len(created)},
    )
    return document_public(session, document)


def document_public(session: Session, document: Document) -> DocumentPublic:
    assert document.id is not None
    return DocumentPublic(
        id=document.id,
        consultation_id=document.consultation_id,
        code=document.code,
        title=document.title,
        sections=section_trees(session, [document.id]).get(document.id, []),
    )


def section_trees(session: Session, document_ids: list[int]) -> dict[int, list[SectionPublic]]:
    """The section tree of each document, in reading order, in one query for all of them."""
    if not document_ids:
        return {}
    sections = session.scalars(
        select(Section)
        .where(col(Section.document_id).in_(document_ids))
        .order_by(col(Section.document_id), col(Section.position))
    )
    nodes: dict[int, SectionPublic] = {}
    roots: dict[int, list[SectionPublic]] = {d: [] for d in document_ids}
    for s in sections:
        assert s.id is not None
        node = SectionPublic(id=s.id, number=s.number, heading=s.heading, text=s.text)
        nodes[s.id] = node
        if s.parent_id is not None:
            nodes[s.parent_id].children.append(node)
        else:
            roots[s.document_id].append(node)
    return roots


def get_document(session: Session, *, caller: Caller, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Document {document_id} does not exist.")
    get_consultation(session, caller=caller, consultation_id=document.consultation_id)
    return document


def list_documents(
    session: Session,
    *,
    caller: Caller,
    consultation_id: int | None,
    cursor: str | None,
    limit: int,
    with_sections: bool = False,
) -> tuple[list[DocumentListItem], str | None]:
    """A page of the readable documents; ``with_sections`` adds each one's section tree (one more
    query for the whole page)."""
    stmt = readable_documents(caller)
    if consultation_id is not None:
        stmt = stmt.where(col(Document.consultation_id) == consultation_id)
    rows, next_cursor = keyset_page(
        session, stmt, [Key(col(Document.id))], cursor=cursor, limit=limit
    )
    trees = section_trees(session, [d.id for d in rows]) if with_sections else {}
    items = [
        DocumentListItem(
            id=d.id,
            consultation_id=d.consultation_id,
            code=d.code,
            title=d.title,
            sections=trees.get(d.id) if with_sections else None,
        )
        for d in rows
    ]
    return items, next_cursor
