"""Rules of consultations and documents: who sees them, who manages them, open/closed state."""

from typing import Any

from sqlalchemy import ColumnElement, or_, select, true
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.schemas import (
    ConsultationCreate,
    ConsultationPublic,
    DocumentCreate,
    DocumentPublic,
    DocumentSummary,
    SectionCreate,
    SectionPublic,
)
from ykien.core.audit import record
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit, unit_in_scope

MAX_SECTIONS = 2_000
MAX_SECTION_DEPTH = 8


def ancestor_paths(path: str) -> list[str]:
    """ "/1/5/23/" → ["/1/", "/1/5/", "/1/5/23/"]: the unit and every ancestor."""
    ids = [p for p in path.split("/") if p]
    return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]


def related_condition(path: str) -> ColumnElement[bool]:
    """Consultations the unit at ``path`` takes part in (owned by it or an ancestor) or that lie
    within its subtree. A residential area takes part in its province's consultation."""
    return or_(
        in_subtree(Consultation.unit_path, path), Consultation.unit_path.in_(ancestor_paths(path))
    )


def visible_condition(caller: Caller) -> ColumnElement[bool]:
    return true() if caller.scope.path is None else related_condition(caller.scope.path)


def get_consultation(session: Session, *, caller: Caller, consultation_id: int) -> Consultation:
    consultation = session.get(Consultation, consultation_id)
    if consultation is None or not _sees(caller, consultation):
        raise NotFound(f"Consultation {consultation_id} does not exist.")
    return consultation


def _sees(caller: Caller, consultation: Consultation) -> bool:
    own = caller.scope.path
    return (
        own is None
        or consultation.unit_path.startswith(own)
        or own.startswith(consultation.unit_path)
    )


def _require_manager(caller: Caller, consultation: Consultation) -> None:
    caller.require_admin()
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
    )


def create_consultation(
    session: Session, *, caller: Caller, data: ConsultationCreate
) -> Consultation:
    caller.require_admin()
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    consultation = Consultation(
        title=data.title,
        unit_id=data.unit_id,
        unit_path=unit.path,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        deadlines={k.value: v.isoformat() for k, v in data.deadlines.items()},
    )
    session.add(consultation)
    session.flush()
    record(
        session,
        caller.actor,
        "create",
        "consultation",
        consultation.id,
        after=data.model_dump(mode="json"),
    )
    return consultation


def list_consultations(
    session: Session, *, caller: Caller, unit_id: int | None
) -> list[Consultation]:
    stmt = select(Consultation).where(visible_condition(caller))
    if unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(related_condition(unit.path))
    return list(session.scalars(stmt.order_by(Consultation.id.desc()).limit(500)))


def close_consultation(session: Session, *, caller: Caller, consultation_id: int) -> Consultation:
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    _require_manager(caller, consultation)
    if consultation.status == "closed":
        raise Conflict("The consultation is already closed.")
    consultation.status, consultation.closed_at = "closed", utcnow()
    session.add(consultation)
    record(
        session,
        caller.actor,
        "close",
        "consultation",
        consultation.id,
        before={"status": "open"},
        after={"status": "closed"},
    )
    return consultation


def require_open(consultation: Consultation) -> None:
    if consultation.status != "open":
        raise Conflict("The consultation is closed: comments can no longer be entered or changed.")


# --- documents ----------------------------------------------------------------------------------


def create_document(session: Session, *, caller: Caller, data: DocumentCreate) -> DocumentPublic:
    consultation = get_consultation(session, caller=caller, consultation_id=data.consultation_id)
    _require_manager(caller, consultation)
    exists = session.scalar(
        select(Document.id).where(
            Document.consultation_id == consultation.id, Document.code == data.code
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
    sections = list(
        session.scalars(
            select(Section).where(Section.document_id == document.id).order_by(Section.position)
        )
    )
    nodes: dict[int, SectionPublic] = {}
    roots: list[SectionPublic] = []
    for s in sections:
        assert s.id is not None
        node = SectionPublic(id=s.id, number=s.number, heading=s.heading, text=s.text)
        nodes[s.id] = node
        (nodes[s.parent_id].children if s.parent_id is not None else roots).append(node)
    return DocumentPublic(
        id=document.id,
        consultation_id=document.consultation_id,
        code=document.code,
        title=document.title,
        sections=roots,
    )


def get_document(session: Session, *, caller: Caller, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Document {document_id} does not exist.")
    get_consultation(session, caller=caller, consultation_id=document.consultation_id)
    return document


def list_documents(
    session: Session, *, caller: Caller, consultation_id: int | None
) -> list[DocumentSummary]:
    stmt = (
        select(Document)
        .join(Consultation, Consultation.id == Document.consultation_id)
        .where(visible_condition(caller))
    )
    if consultation_id is not None:
        stmt = stmt.where(Document.consultation_id == consultation_id)
    return [
        DocumentSummary(id=d.id, consultation_id=d.consultation_id, code=d.code, title=d.title)
        for d in session.scalars(stmt.order_by(Document.id).limit(1000))
    ]
