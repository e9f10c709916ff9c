"""Items of a draft: create, edit, re-source, move and delete, with their counts kept in step
with their sources and the automatic ``taken_up`` feedback on merged child items."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session, col
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.consultations.models import Document, Section
from ykien.core.audit import record
from ykien.core.errors import Invalid, NotFound
from ykien.syntheses.access import draft_for_writing, get_item
from ykien.syntheses.deadlines import now_or_clock
from ykien.syntheses.models import (
    Feedback,
    Synthesis,
    SynthesisItem,
    SynthesisSource,
)
from ykien.syntheses.queries import items_of, sources_of
from ykien.syntheses.schemas import (
    ItemCreate,
    ItemUpdate,
)
from ykien.syntheses.sources import Resolved, resolve_sources


def _check_document(
    session: Session,
    *,
    synthesis: Synthesis,
    document_id: int,
    section_id: int | None,
) -> None:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Document {document_id} does not exist.")
    if document.consultation_id != synthesis.consultation_id:
        raise Invalid(["body", "document_id"], "document belongs to another consultation")
    if section_id is not None:
        section = session.get(Section, section_id)
        if section is None:
            raise NotFound(f"Section {section_id} does not exist.")
        if section.document_id != document_id:
            raise Invalid(
                ["body", "section_id"], f"section {section_id} belongs to another document"
            )


def _add_sources(
    session: Session, *, caller: Caller, item: SynthesisItem, resolved: Resolved, at: datetime
) -> None:
    start = (
        session.scalar(
            select(func.max(col(SynthesisSource.position))).where(
                col(SynthesisSource.item_id) == item.id
            )
        )
        or 0
    )
    for n, c in enumerate(resolved.comments, start=start + 1):
        session.add(
            SynthesisSource(
                synthesis_id=item.synthesis_id,
                item_id=item.id,
                comment_id=c.id,
                position=n,
                comments=1,
                people=c.people,
            )
        )
    start += len(resolved.comments)
    for n, child in enumerate(resolved.children, start=start + 1):
        session.add(
            SynthesisSource(
                synthesis_id=item.synthesis_id,
                item_id=item.id,
                child_item_id=child.id,
                position=n,
                comments=child.comments,
                people=child.people,
            )
        )
        # Merging is taking up: the child sees it on its synthesis.
        child.feedback, child.feedback_reason = Feedback.taken_up.value, None
        child.feedback_at = at
        child.feedback_by = caller.user_id
        session.add(child)
    session.flush()


def _free_children(session: Session, child_ids: Iterable[uuid.UUID]) -> None:
    """Child items no longer merged lose the automatic ``taken_up`` (unless merged elsewhere)."""
    ids = list(child_ids)
    if not ids:
        return
    still = set(
        session.scalars(
            select(col(SynthesisSource.child_item_id)).where(
                col(SynthesisSource.child_item_id).in_(ids)
            )
        )
    )
    for child in session.scalars(select(SynthesisItem).where(col(SynthesisItem.id).in_(ids))):
        if child.id not in still and child.feedback == Feedback.taken_up.value:
            child.feedback, child.feedback_at, child.feedback_by = None, None, None
            session.add(child)


def recount_item(session: Session, item: SynthesisItem) -> None:
    comments, people = session.execute(
        select(
            func.sum(col(SynthesisSource.comments)), func.sum(col(SynthesisSource.people))
        ).where(col(SynthesisSource.item_id) == item.id)
    ).one()
    item.comments, item.people = int(comments or 0), int(people or 0)
    session.add(item)


def _item_audit(item: SynthesisItem, resolved: Resolved | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "document_id": item.document_id,
        "section_id": item.section_id,
        "stance": item.stance,
        "summary": item.summary,
        "recommendation": item.recommendation,
        "position": item.position,
        "comments": item.comments,
        "people": item.people,
    }
    if resolved is not None:
        out["comment_ids"] = [str(c.id) for c in resolved.comments]
        out["child_item_ids"] = [str(c.id) for c in resolved.children]
    return out


def _touch(session: Session, synthesis: Synthesis, at: datetime) -> None:
    synthesis.updated_at = at
    session.add(synthesis)


def create_item(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    data: ItemCreate,
    now: datetime | None = None,
) -> SynthesisItem:
    synthesis = draft_for_writing(session, caller, synthesis_id)
    _check_document(
        session,
        synthesis=synthesis,
        document_id=data.document_id,
        section_id=data.section_id,
    )
    resolved = resolve_sources(
        session,
        caller=caller,
        synthesis=synthesis,
        comment_ids=data.comment_ids,
        child_item_ids=data.child_item_ids,
        item=None,
    )
    at = now_or_clock(now)
    last = session.scalar(
        select(func.max(col(SynthesisItem.position))).where(
            col(SynthesisItem.synthesis_id) == synthesis.id
        )
    )
    item = SynthesisItem(
        id=uuid7(),
        synthesis_id=synthesis.id,
        position=(last or 0) + 1,
        document_id=data.document_id,
        section_id=data.section_id,
        stance=data.stance.value,
        summary=data.summary,
        recommendation=data.recommendation,
        created_at=at,
    )
    session.add(item)
    session.flush()
    _add_sources(session, caller=caller, item=item, resolved=resolved, at=at)
    recount_item(session, item)
    if data.position is not None and data.position < item.position:
        _move(session, item, data.position)
    _touch(session, synthesis, at)
    session.flush()
    record(
        session,
        caller.actor,
        "create",
        "synthesis_item",
        item.id,
        after=_item_audit(item, resolved),
        unit_id=synthesis.unit_id,
    )
    return item


def _move(session: Session, item: SynthesisItem, position: int) -> None:
    """Put the item at ``position`` (1 = first; past the end: last), renumbering the others."""
    order = [i for i in items_of(session, item.synthesis_id) if i.id != item.id]
    order.insert(min(position, len(order) + 1) - 1, item)
    _renumber(session, order)


def _renumber(session: Session, order: list[SynthesisItem]) -> None:
    for n, it in enumerate(order, start=1):
        if it.position != n:
            it.position = n
            session.add(it)


def update_item(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    data: ItemUpdate,
    now: datetime | None = None,
) -> SynthesisItem:
    synthesis = draft_for_writing(session, caller, synthesis_id)
    item = get_item(session, synthesis, item_id)
    changes = data.model_dump(exclude_unset=True)
    for key in ("document_id", "stance", "summary", "recommendation", "position"):
        if key in changes and changes[key] is None:
            raise Invalid(["body", key], "may not be null")
    before = _item_audit(item)
    at = now_or_clock(now)
    if "document_id" in changes or "section_id" in changes:
        document_id = changes.get("document_id", item.document_id)
        section_id = changes.get("section_id", item.section_id)
        if "document_id" in changes and "section_id" not in changes:
            section_id = None if document_id != item.document_id else item.section_id
        _check_document(
            session,
            synthesis=synthesis,
            document_id=document_id,
            section_id=section_id,
        )
        item.document_id, item.section_id = document_id, section_id
    if data.stance is not None:
        item.stance = data.stance.value
    if data.summary is not None:
        item.summary = data.summary
    if data.recommendation is not None:
        item.recommendation = data.recommendation
    if "comment_ids" in changes or "child_item_ids" in changes:
        # A list given replaces the item's sources of that kind (null: none).
        resolved = resolve_sources(
            session,
            caller=caller,
            synthesis=synthesis,
            comment_ids=(data.comment_ids or []) if "comment_ids" in changes else None,
            child_item_ids=(data.child_item_ids or []) if "child_item_ids" in changes else None,
            item=item,
        )
        freed: list[uuid.UUID] = []
        old = sources_of(session, [item.id])
        for r in old:
            replace = (r.comment_id is not None and "comment_ids" in changes) or (
                r.child_item_id is not None and "child_item_ids" in changes
            )
            if replace:
                if r.child_item_id is not None:
                    freed.append(r.child_item_id)
                session.delete(r)
        session.flush()
        _add_sources(session, caller=caller, item=item, resolved=resolved, at=at)
        _free_children(session, freed)
        recount_item(session, item)
    if data.position is not None:
        _move(session, item, data.position)
    session.add(item)
    _touch(session, synthesis, at)
    session.flush()
    record(
        session,
        caller.actor,
        "update",
        "synthesis_item",
        item.id,
        before=before,
        after=_item_audit(item),
        unit_id=synthesis.unit_id,
    )
    return item


def delete_item(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    now: datetime | None = None,
) -> None:
    """Removes the item and frees what it merged (for another item, or for nobody)."""
    synthesis = draft_for_writing(session, caller, synthesis_id)
    item = get_item(session, synthesis, item_id)
    before = _item_audit(item)
    sources = sources_of(session, [item.id])
    before["comment_ids"] = [str(s.comment_id) for s in sources if s.comment_id]
    before["child_item_ids"] = [str(s.child_item_id) for s in sources if s.child_item_id]
    freed = [s.child_item_id for s in sources if s.child_item_id is not None]
    session.execute(delete(SynthesisSource).where(col(SynthesisSource.item_id) == item.id))
    session.delete(item)
    session.flush()
    _free_children(session, freed)
    _renumber(session, items_of(session, synthesis.id))
    _touch(session, synthesis, now_or_clock(now))
    session.flush()
    record(
        session,
        caller.actor,
        "delete",
        "synthesis_item",
        item_id,
        before=before,
        unit_id=synthesis.unit_id,
    )


def copy_items(session: Session, *, source: Synthesis, target: Synthesis, at: datetime) -> int:
    """Copy ``source``'s items into the new version ``target``: the same document, section,
    stance, summary, recommendation flag, position, merged comments and child items, each
    source with the counts it carried (a submission recounts comments as they stand)."""
    items = items_of(session, source.id)
    sources: dict[uuid.UUID, list[SynthesisSource]] = defaultdict(list)
    for s in sources_of(session, [i.id for i in items]):
        sources[s.item_id].append(s)
    for old in items:
        new = SynthesisItem(
            id=uuid7(),
            synthesis_id=target.id,
            position=old.position,
            document_id=old.document_id,
            section_id=old.section_id,
            stance=old.stance,
            summary=old.summary,
            recommendation=old.recommendation,
            comments=old.comments,
            people=old.people,
            created_at=at,
        )
        session.add(new)
        session.flush()
        for s in sources[old.id]:
            session.add(
                SynthesisSource(
                    synthesis_id=target.id,
                    item_id=new.id,
                    comment_id=s.comment_id,
                    child_item_id=s.child_item_id,
                    position=s.position,
                    comments=s.comments,
                    people=s.people,
                )
            )
    session.flush()
    return len(items)
