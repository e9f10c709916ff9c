"""Rules of syntheses: versions and their state machine, items and what they merge, provenance,
feedback down the chain, submissions, lateness against the level's deadline, suggestions and the
progress figures.

Who acts: the unit's own secretaries and admins compile and submit its synthesis; those of the
parent unit accept it, return it or give feedback on its items; everyone whose scope covers the
unit reads it (viewers and API keys included). A superuser may do anything.

Counting: a comment counts 1 comment and its ``people``; a child item carries its own counts up.
A comment is counted at most once per synthesis, directly or through the child items it merges;
comments that a child's submitted synthesis already carries are merged through that child's item.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment
from ykien.comments.service import get_comment
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.service import get_consultation
from ykien.core.audit import record
from ykien.core.clock import end_of_day_vn
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.meetings.service import check_in_consultation
from ykien.stats.models import MeetingCell
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.stats.service import stats
from ykien.syntheses.models import (
    Feedback,
    Synthesis,
    SynthesisItem,
    SynthesisSource,
    SynthesisStatus,
)
from ykien.syntheses.schemas import (
    Carried,
    CarriedRow,
    FeedbackBody,
    ItemCreate,
    ItemFeedback,
    ItemPublic,
    ItemUpdate,
    Progress,
    ProgressRow,
    ProgressTotals,
    SubmissionRow,
    Submissions,
    Suggestion,
    Suggestions,
    SynthesisCreate,
    SynthesisList,
    SynthesisPublic,
    SynthesisSummary,
)
from ykien.syntheses.suggest import SuggestInput, group_similar
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import UnitRef
from ykien.units.scope import Scope, in_subtree
from ykien.units.service import get_unit, unit_in_scope

Loc = list[str | int]
SENT = (SynthesisStatus.submitted.value, SynthesisStatus.accepted.value)
CHUNK = 5_000


# --- deadlines and lateness ---------------------------------------------------------------------


def deadline_of(consultation: Consultation, level: str) -> date | None:
    raw = (consultation.deadlines or {}).get(level)
    return date.fromisoformat(raw) if raw else None


def is_late(deadline: date | None, submitted_at: datetime | None, now: datetime) -> bool:
    """Submitted after the end of the deadline's day (Asia/Ho_Chi_Minh), or, while nothing is
    submitted, ``now`` is past it."""
    if deadline is None:
        return False
    return (submitted_at or now) > end_of_day_vn(deadline)


# --- access -------------------------------------------------------------------------------------


def _visible(session: Session, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    synthesis = session.get(Synthesis, synthesis_id)
    if synthesis is None or not caller.scope.covers(synthesis.unit_path):
        raise NotFound(f"Synthesis {synthesis_id} does not exist.")
    return synthesis


def _require_own(caller: Caller, unit_id: int) -> None:
    caller.require_compiler()
    if not caller.is_superuser and caller.unit_id != unit_id:
        raise Forbidden("Only the secretaries and admins of the unit compile its synthesis.")


def _require_parent(caller: Caller, synthesis: Synthesis) -> None:
    caller.require_compiler()
    if not caller.is_superuser and (
        synthesis.parent_unit_id is None or caller.unit_id != synthesis.parent_unit_id
    ):
        raise Forbidden("Only the secretaries and admins of the parent unit judge a synthesis.")


def _require_draft(synthesis: Synthesis) -> None:
    if synthesis.status != SynthesisStatus.draft.value:
        raise Conflict(
            f"The synthesis is {synthesis.status}: only a draft can be changed or submitted."
        )


def _now(now: datetime | None) -> datetime:
    return now or utcnow()


# --- reading ------------------------------------------------------------------------------------


def _sources_of(session: Session, item_ids: Sequence[uuid.UUID]) -> list[SynthesisSource]:
    out: list[SynthesisSource] = []
    ids = list(item_ids)
    for i in range(0, len(ids), CHUNK):
        out += session.scalars(
            select(SynthesisSource)
            .where(SynthesisSource.item_id.in_(ids[i : i + CHUNK]))
            .order_by(SynthesisSource.position, SynthesisSource.id)
        )
    return out


def _merged_into(session: Session, item_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    out: dict[uuid.UUID, list[Any]] = defaultdict(list)
    ids = list(item_ids)
    for i in range(0, len(ids), CHUNK):
        for child, parent in session.execute(
            select(SynthesisSource.child_item_id, SynthesisSource.item_id).where(
                SynthesisSource.child_item_id.in_(ids[i : i + CHUNK])
            )
        ):
            out[child].append(parent)
    return out


def items_public(session: Session, items: Sequence[SynthesisItem]) -> list[ItemPublic]:
    ids = [i.id for i in items]
    comments: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    children: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for s in _sources_of(session, ids):
        if s.comment_id is not None:
            comments[s.item_id].append(s.comment_id)
        elif s.child_item_id is not None:
            children[s.item_id].append(s.child_item_id)
    merged = _merged_into(session, ids)
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


def items_of(session: Session, synthesis_id: uuid.UUID) -> list[SynthesisItem]:
    return list(
        session.scalars(
            select(SynthesisItem)
            .where(SynthesisItem.synthesis_id == synthesis_id)
            .order_by(SynthesisItem.position, SynthesisItem.id)
        )
    )


@dataclass
class _Lookups:
    units: dict[int, Unit]
    consultations: dict[int, Consultation]
    totals: dict[uuid.UUID, tuple[int, int, int]]


def _lookups(session: Session, syntheses: Sequence[Synthesis]) -> _Lookups:
    unit_ids = {s.unit_id for s in syntheses}
    consultation_ids = {s.consultation_id for s in syntheses}
    ids = [s.id for s in syntheses]
    units = (
        {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
        if unit_ids
        else {}
    )
    consultations = (
        {
            c.id: c
            for c in session.scalars(
                select(Consultation).where(Consultation.id.in_(consultation_ids))
            )
        }
        if consultation_ids
        else {}
    )
    totals: dict[uuid.UUID, tuple[int, int, int]] = {}
    for i in range(0, len(ids), CHUNK):
        for sid, n, c, p in session.execute(
            select(
                SynthesisItem.synthesis_id,
                func.count(),
                func.sum(SynthesisItem.comments),
                func.sum(SynthesisItem.people),
            )
            .where(SynthesisItem.synthesis_id.in_(ids[i : i + CHUNK]))
            .group_by(SynthesisItem.synthesis_id)
        ):
            totals[sid] = (int(n), int(c or 0), int(p or 0))
    return _Lookups(units, consultations, totals)


def _ref(unit: Unit) -> UnitRef:
    return UnitRef(id=unit.id, name=unit.name, level=UnitLevel(unit.level))


def _summary_fields(s: Synthesis, look: _Lookups, now: datetime) -> dict[str, Any]:
    unit = look.units[s.unit_id]
    deadline = deadline_of(look.consultations[s.consultation_id], unit.level)
    n, comments, people = look.totals.get(s.id, (0, 0, 0))
    return {
        "id": s.id,
        "unit": _ref(unit),
        "unit_id": s.unit_id,
        "parent_unit_id": s.parent_unit_id,
        "consultation_id": s.consultation_id,
        "version": s.version,
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
    return [SynthesisSummary(**_summary_fields(s, look, _now(now))) for s in syntheses]


def public(
    session: Session, synthesis: Synthesis, *, now: datetime | None = None
) -> SynthesisPublic:
    look = _lookups(session, [synthesis])
    return SynthesisPublic(
        **_summary_fields(synthesis, look, _now(now)),
        figures=synthesis.figures,
        items=items_public(session, items_of(session, synthesis.id)),
    )


def get_synthesis(session: Session, *, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    return _visible(session, caller, synthesis_id)


def list_syntheses(
    session: Session,
    *,
    caller: Caller,
    unit_id: int | None,
    consultation_id: int | None,
    status: SynthesisStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Synthesis], str | None]:
    """Oldest first; ``unit_id`` means that unit's own versions."""
    stmt = select(Synthesis).where(caller.scope.condition(Synthesis.unit_path))
    if unit_id is not None:
        get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(Synthesis.unit_id == unit_id)
    if consultation_id is not None:
        stmt = stmt.where(Synthesis.consultation_id == consultation_id)
    if status is not None:
        stmt = stmt.where(Synthesis.status == status.value)
    if cursor:
        (after,) = decode_cursor(cursor, (str,))
        try:
            after_id = uuid.UUID(after)
        except ValueError:
            raise Invalid(["query", "cursor"], "not a cursor given by this API") from None
        stmt = stmt.where(Synthesis.id > after_id)
    rows = list(session.scalars(stmt.order_by(Synthesis.id).limit(limit + 1)))
    nxt = encode_cursor([str(rows[limit - 1].id)]) if len(rows) > limit else None
    return rows[:limit], nxt


def page(
    session: Session, rows: list[Synthesis], next_cursor: str | None, *, now: datetime | None = None
) -> SynthesisList:
    return SynthesisList(items=summaries(session, rows, now=now), next_cursor=next_cursor)


# --- creating a version -------------------------------------------------------------------------


def _audit_view(s: Synthesis) -> dict[str, Any]:
    return {
        "unit_id": s.unit_id,
        "consultation_id": s.consultation_id,
        "version": s.version,
        "status": s.status,
    }


def create_synthesis(
    session: Session, *, caller: Caller, data: SynthesisCreate, now: datetime | None = None
) -> Synthesis:
    caller.require_compiler()
    consultation = get_consultation(session, caller=caller, consultation_id=data.consultation_id)
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    _require_own(caller, data.unit_id)
    check_in_consultation(consultation, unit, ["body", "unit_id"])
    versions = list(
        session.scalars(
            select(Synthesis).where(
                Synthesis.unit_id == unit.id, Synthesis.consultation_id == consultation.id
            )
        )
    )
    open_ = [v for v in versions if v.status != SynthesisStatus.returned.value]
    if open_:
        raise Conflict(
            f"The unit already has version {open_[0].version} of its synthesis "
            f"({open_[0].status}, id {open_[0].id}); a new version opens only after a return."
        )
    at = _now(now)
    synthesis = Synthesis(
        id=uuid7(),
        unit_id=unit.id,
        unit_path=unit.path,
        parent_unit_id=unit.parent_id,
        consultation_id=consultation.id,
        version=max((v.version for v in versions), default=0) + 1,
        created_at=at,
        updated_at=at,
        created_by=caller.user_id,
    )
    session.add(synthesis)
    session.flush()
    record(session, caller.actor, "create", "synthesis", synthesis.id, after=_audit_view(synthesis))
    return synthesis


# --- what an item may merge ---------------------------------------------------------------------


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
                select(SynthesisSource.comment_id, SynthesisSource.child_item_id).where(
                    SynthesisSource.item_id.in_(ids[i : i + CHUNK])
                )
            ):
                if comment_id is not None:
                    found.add(comment_id)
                elif child_id is not None and child_id not in seen:
                    frontier.add(child_id)
    return found


def _children_sent(session: Session, synthesis: Synthesis) -> list[Synthesis]:
    """The direct children's current submitted or accepted syntheses of the same consultation."""
    return list(
        session.scalars(
            select(Synthesis).where(
                Synthesis.parent_unit_id == synthesis.unit_id,
                Synthesis.consultation_id == synthesis.consultation_id,
                Synthesis.status.in_(SENT),
            )
        )
    )


def _children_items(session: Session, synthesis: Synthesis) -> list[SynthesisItem]:
    sent = [s.id for s in _children_sent(session, synthesis)]
    if not sent:
        return []
    return list(
        session.scalars(
            select(SynthesisItem)
            .where(SynthesisItem.synthesis_id.in_(sent))
            .order_by(SynthesisItem.synthesis_id, SynthesisItem.position)
        )
    )


@dataclass
class _Resolved:
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


def _resolve_sources(
    session: Session,
    *,
    caller: Caller,
    synthesis: Synthesis,
    comment_ids: Sequence[uuid.UUID] | None,
    child_item_ids: Sequence[uuid.UUID] | None,
    item: SynthesisItem | None,
) -> _Resolved:
    """Check the sources an item is to merge. With ``item``, the lists given replace its own."""
    _check_unique(comment_ids or [], ["body", "comment_ids"], "comment")
    _check_unique(child_item_ids or [], ["body", "child_item_ids"], "child item")
    kept = [
        r
        for r in session.scalars(
            select(SynthesisSource).where(SynthesisSource.synthesis_id == synthesis.id)
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
                    Comment.id.in_(comment_ids[i : i + CHUNK]),
                    caller.scope.condition(Comment.unit_path),
                    Comment.deleted_at.is_(None),
                )
            )
        }
        by_children = carried_comments(session, [i.id for i in _children_items(session, synthesis)])
        for i, cid in enumerate(comment_ids):
            loc: Loc = ["body", "comment_ids", i]
            c = found.get(cid)
            if c is None:
                raise NotFound(f"Comment {cid} does not exist.")
            if c.consultation_id != synthesis.consultation_id or not c.unit_path.startswith(
                synthesis.unit_path
            ):
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
                select(SynthesisItem, Synthesis)
                .join(Synthesis, Synthesis.id == SynthesisItem.synthesis_id)
                .where(
                    SynthesisItem.id.in_(child_item_ids[i : i + CHUNK]),
                    caller.scope.condition(Synthesis.unit_path),
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
    return _Resolved(comments, children)


def _check_document(
    session: Session,
    *,
    caller: Caller,
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
    session: Session, *, caller: Caller, item: SynthesisItem, resolved: _Resolved, at: datetime
) -> None:
    start = (
        session.scalar(
            select(func.max(SynthesisSource.position)).where(SynthesisSource.item_id == item.id)
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
            select(SynthesisSource.child_item_id).where(SynthesisSource.child_item_id.in_(ids))
        )
    )
    for child in session.scalars(select(SynthesisItem).where(SynthesisItem.id.in_(ids))):
        if child.id not in still and child.feedback == Feedback.taken_up.value:
            child.feedback, child.feedback_at, child.feedback_by = None, None, None
            session.add(child)


def _recount(session: Session, item: SynthesisItem) -> None:
    comments, people = session.execute(
        select(func.sum(SynthesisSource.comments), func.sum(SynthesisSource.people)).where(
            SynthesisSource.item_id == item.id
        )
    ).one()
    item.comments, item.people = int(comments or 0), int(people or 0)
    session.add(item)


def _item_audit(item: SynthesisItem, resolved: _Resolved | None = None) -> dict[str, Any]:
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


def _draft_for_writing(session: Session, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    synthesis = _visible(session, caller, synthesis_id)
    _require_own(caller, synthesis.unit_id)
    _require_draft(synthesis)
    return synthesis


def create_item(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    data: ItemCreate,
    now: datetime | None = None,
) -> SynthesisItem:
    synthesis = _draft_for_writing(session, caller, synthesis_id)
    _check_document(
        session,
        caller=caller,
        synthesis=synthesis,
        document_id=data.document_id,
        section_id=data.section_id,
    )
    resolved = _resolve_sources(
        session,
        caller=caller,
        synthesis=synthesis,
        comment_ids=data.comment_ids,
        child_item_ids=data.child_item_ids,
        item=None,
    )
    at = _now(now)
    last = session.scalar(
        select(func.max(SynthesisItem.position)).where(SynthesisItem.synthesis_id == synthesis.id)
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
    _recount(session, item)
    _touch(session, synthesis, at)
    session.flush()
    record(
        session,
        caller.actor,
        "create",
        "synthesis_item",
        item.id,
        after=_item_audit(item, resolved),
    )
    return item


def _get_item(session: Session, synthesis: Synthesis, item_id: uuid.UUID) -> SynthesisItem:
    item = session.get(SynthesisItem, item_id)
    if item is None or item.synthesis_id != synthesis.id:
        raise NotFound(f"Item {item_id} does not exist in synthesis {synthesis.id}.")
    return item


def _renumber(session: Session, synthesis_id: uuid.UUID, order: list[SynthesisItem]) -> None:
    for n, it in enumerate(order, start=1):
        if it.position != n:
            it.position = n
            session.add(it)
    del synthesis_id


def update_item(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    data: ItemUpdate,
    now: datetime | None = None,
) -> SynthesisItem:
    synthesis = _draft_for_writing(session, caller, synthesis_id)
    item = _get_item(session, synthesis, item_id)
    changes = data.model_dump(exclude_unset=True)
    for key in ("document_id", "stance", "summary", "recommendation", "position"):
        if key in changes and changes[key] is None:
            raise Invalid(["body", key], "may not be null")
    before = _item_audit(item)
    at = _now(now)
    if "document_id" in changes or "section_id" in changes:
        document_id = changes.get("document_id", item.document_id)
        section_id = changes.get("section_id", item.section_id)
        if "document_id" in changes and "section_id" not in changes:
            section_id = None if document_id != item.document_id else item.section_id
        _check_document(
            session,
            caller=caller,
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
        resolved = _resolve_sources(
            session,
            caller=caller,
            synthesis=synthesis,
            comment_ids=(data.comment_ids or []) if "comment_ids" in changes else None,
            child_item_ids=(data.child_item_ids or []) if "child_item_ids" in changes else None,
            item=item,
        )
        freed: list[uuid.UUID] = []
        old = _sources_of(session, [item.id])
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
        _recount(session, item)
    if data.position is not None:
        order = [i for i in items_of(session, synthesis.id) if i.id != item.id]
        place = min(data.position, len(order) + 1)
        order.insert(place - 1, item)
        _renumber(session, synthesis.id, order)
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
    synthesis = _draft_for_writing(session, caller, synthesis_id)
    item = _get_item(session, synthesis, item_id)
    before = _item_audit(item)
    sources = _sources_of(session, [item.id])
    before["comment_ids"] = [str(s.comment_id) for s in sources if s.comment_id]
    before["child_item_ids"] = [str(s.child_item_id) for s in sources if s.child_item_id]
    freed = [s.child_item_id for s in sources if s.child_item_id is not None]
    session.execute(delete(SynthesisSource).where(SynthesisSource.item_id == item.id))
    session.delete(item)
    session.flush()
    _free_children(session, freed)
    _renumber(session, synthesis.id, items_of(session, synthesis.id))
    _touch(session, synthesis, _now(now))
    session.flush()
    record(session, caller.actor, "delete", "synthesis_item", item_id, before=before)


# --- the state machine --------------------------------------------------------------------------


def figures(
    session: Session, *, caller: Caller, unit: Unit, consultation_id: int
) -> dict[str, Any]:
    """The unit's figures (its whole subtree) from the roll-ups: meetings, participants,
    comments and people, by channel, category and stance; general agreement = stance agree."""
    out: dict[str, Any] = {}
    for dim in (GroupBy.channel, GroupBy.category, GroupBy.stance):
        answer = stats(
            session,
            caller=caller,
            unit_id=unit.id,
            query=StatsQuery(consultation_id=consultation_id, group_by=[dim]),
        )
        out.update(answer["totals"])
        out[f"by_{dim.value}"] = {
            str(g["key"].get(dim.value)): {"comments": g["comments"], "people": g["people"]}
            for g in answer["groups"]
        }
    agree = out["by_stance"].get("agree", {"comments": 0, "people": 0})
    out["agree_comments"], out["agree_people"] = agree["comments"], agree["people"]
    return out


def _refresh_comment_counts(session: Session, synthesis: Synthesis, unit: Unit) -> None:
    """At submission, a merged comment counts as it stands: edited people; deleted, or moved
    out of the unit's subtree since it was merged: nothing."""
    rows = session.execute(
        select(SynthesisSource, Comment.people, Comment.deleted_at, Comment.unit_path)
        .join(Comment, Comment.id == SynthesisSource.comment_id)
        .where(SynthesisSource.synthesis_id == synthesis.id)
    ).all()
    touched: set[uuid.UUID] = set()
    subtree = Scope(unit.path)
    for source, people, deleted_at, path in rows:
        gone = deleted_at is not None or not subtree.covers(path)
        want = (0, 0) if gone else (1, people)
        if (source.comments, source.people) != want:
            source.comments, source.people = want
            session.add(source)
            touched.add(source.item_id)
    session.flush()
    for item in items_of(session, synthesis.id):
        if item.id in touched:
            _recount(session, item)


def submit(
    session: Session, *, caller: Caller, synthesis_id: uuid.UUID, now: datetime | None = None
) -> Synthesis:
    synthesis = _visible(session, caller, synthesis_id)
    _require_own(caller, synthesis.unit_id)
    _require_draft(synthesis)
    unit = session.get(Unit, synthesis.unit_id)
    assert unit is not None
    at = _now(now)
    _refresh_comment_counts(session, synthesis, unit)
    synthesis.figures = figures(
        session, caller=caller, unit=unit, consultation_id=synthesis.consultation_id
    )
    synthesis.status = SynthesisStatus.submitted.value
    synthesis.submitted_at = synthesis.updated_at = at
    synthesis.submitted_by = caller.user_id
    session.add(synthesis)
    session.flush()
    record(
        session,
        caller.actor,
        "submit",
        "synthesis",
        synthesis.id,
        before={"status": "draft"},
        after={"status": synthesis.status, "figures": synthesis.figures},
    )
    return synthesis


def _judge(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    to: SynthesisStatus,
    reason: str | None,
    now: datetime | None,
) -> Synthesis:
    synthesis = _visible(session, caller, synthesis_id)
    _require_parent(caller, synthesis)
    if synthesis.status != SynthesisStatus.submitted.value:
        raise Conflict(
            f"The synthesis is {synthesis.status}: only a submitted one can be accepted or "
            "returned."
        )
    at = _now(now)
    synthesis.status = to.value
    synthesis.decided_at = synthesis.updated_at = at
    synthesis.decided_by = caller.user_id
    synthesis.return_reason = reason
    session.add(synthesis)
    session.flush()
    record(
        session,
        caller.actor,
        "accept" if to == SynthesisStatus.accepted else "return",
        "synthesis",
        synthesis.id,
        before={"status": "submitted"},
        after={"status": to.value, "reason": reason},
    )
    return synthesis


def accept(
    session: Session, *, caller: Caller, synthesis_id: uuid.UUID, now: datetime | None = None
) -> Synthesis:
    return _judge(
        session,
        caller=caller,
        synthesis_id=synthesis_id,
        to=SynthesisStatus.accepted,
        reason=None,
        now=now,
    )


def return_(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    reason: str,
    now: datetime | None = None,
) -> Synthesis:
    """The unit may then open the next version; the parent's items that merged this one's
    items keep the counts they carried."""
    return _judge(
        session,
        caller=caller,
        synthesis_id=synthesis_id,
        to=SynthesisStatus.returned,
        reason=reason,
        now=now,
    )


def set_feedback(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    data: FeedbackBody,
    now: datetime | None = None,
) -> SynthesisItem:
    synthesis = _visible(session, caller, synthesis_id)
    _require_parent(caller, synthesis)
    if synthesis.status == SynthesisStatus.draft.value:
        raise Conflict("The synthesis is a draft: feedback is given on submitted syntheses.")
    item = _get_item(session, synthesis, item_id)
    if data.feedback == Feedback.not_taken_up and not data.reason:
        raise Invalid(["body", "reason"], "give the reason an item is not taken up")
    merged = _merged_into(session, [item.id]).get(item.id, [])
    if merged and data.feedback != Feedback.taken_up:
        raise Conflict(
            f"The item is merged into item {merged[0]}: it is taken up; remove it there first."
        )
    before = {"feedback": item.feedback, "reason": item.feedback_reason}
    item.feedback, item.feedback_reason = data.feedback.value, data.reason
    item.feedback_at = _now(now)
    item.feedback_by = caller.user_id
    session.add(item)
    session.flush()
    record(
        session,
        caller.actor,
        "feedback",
        "synthesis_item",
        item.id,
        before=before,
        after={"feedback": item.feedback, "reason": item.feedback_reason},
    )
    return item


# --- submissions, incoming, progress ------------------------------------------------------------


def _children_in(
    session: Session, caller: Caller, unit: Unit, consultation: Consultation
) -> list[Unit]:
    return list(
        session.scalars(
            select(Unit)
            .where(
                Unit.parent_id == unit.id,
                caller.scope.condition(Unit.path),
                in_subtree(Unit.path, consultation.unit_path),
            )
            .order_by(Unit.name, Unit.id)
        )
    )


def _latest_by_child(
    session: Session, unit: Unit, consultation: Consultation
) -> dict[int, Synthesis]:
    latest: dict[int, Synthesis] = {}
    for s in session.scalars(
        select(Synthesis).where(
            Synthesis.parent_unit_id == unit.id, Synthesis.consultation_id == consultation.id
        )
    ):
        if s.unit_id not in latest or s.version > latest[s.unit_id].version:
            latest[s.unit_id] = s
    return latest


def _row(
    child: Unit, s: Synthesis | None, consultation: Consultation, now: datetime
) -> SubmissionRow:
    deadline = deadline_of(consultation, child.level)
    return SubmissionRow(
        unit=_ref(child),
        status=s.status if s else "missing",
        late=is_late(deadline, s.submitted_at if s else None, now),
        submitted_at=s.submitted_at if s else None,
        deadline=deadline,
        synthesis_id=s.id if s else None,
        version=s.version if s else None,
    )


def submissions(
    session: Session,
    *,
    caller: Caller,
    unit_id: int,
    consultation_id: int,
    now: datetime | None = None,
) -> Submissions:
    """One row per direct child taking part: its latest version's status, or ``missing``."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    latest = _latest_by_child(session, unit, consultation)
    at = _now(now)
    return Submissions(
        items=[
            _row(c, latest.get(c.id), consultation, at)
            for c in _children_in(session, caller, unit, consultation)
        ]
    )


def incoming(
    session: Session, *, caller: Caller, unit_id: int, consultation_id: int | None
) -> list[Synthesis]:
    """The direct children's submitted and accepted syntheses, the pool an item merges from."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    stmt = select(Synthesis).where(
        Synthesis.parent_unit_id == unit.id,
        Synthesis.status.in_(SENT),
        caller.scope.condition(Synthesis.unit_path),
    )
    if consultation_id is not None:
        get_consultation(session, caller=caller, consultation_id=consultation_id)
        stmt = stmt.where(Synthesis.consultation_id == consultation_id)
    return list(session.scalars(stmt.order_by(Synthesis.submitted_at, Synthesis.id)))


def progress(
    session: Session,
    *,
    caller: Caller,
    unit_id: int,
    consultation_id: int,
    now: datetime | None = None,
) -> Progress:
    """Per direct child: meetings, participants, comments, people (roll-ups), synthesis status."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    answer = stats(
        session,
        caller=caller,
        unit_id=unit.id,
        query=StatsQuery(consultation_id=consultation_id, group_by=[GroupBy.child]),
    )
    counts = {
        g["key"]["child"]["id"]: (g["comments"], g["people"])
        for g in answer["groups"]
        if g["key"]["child"]
    }
    meetings = {
        child: (int(m or 0), int(p or 0))
        for child, m, p in session.execute(
            select(
                MeetingCell.child_id,
                func.sum(MeetingCell.meetings),
                func.sum(MeetingCell.participants),
            )
            .where(MeetingCell.unit_id == unit.id, MeetingCell.consultation_id == consultation_id)
            .group_by(MeetingCell.child_id)
        )
    }
    latest = _latest_by_child(session, unit, consultation)
    at = _now(now)
    rows = []
    for child in _children_in(session, caller, unit, consultation):
        sub = _row(child, latest.get(child.id), consultation, at)
        m, p = meetings.get(child.id, (0, 0))
        c, pe = counts.get(child.id, (0, 0))
        rows.append(
            ProgressRow(
                unit=sub.unit,
                meetings=m,
                participants=p,
                comments=c,
                people=pe,
                status=sub.status,
                late=sub.late,
                submitted_at=sub.submitted_at,
                deadline=sub.deadline,
            )
        )
    totals = answer["totals"]
    return Progress(
        unit=_ref(unit),
        consultation_id=consultation_id,
        items=rows,
        totals=ProgressTotals(**totals),
    )


# --- provenance ---------------------------------------------------------------------------------


def carried(session: Session, *, caller: Caller, comment_id: uuid.UUID) -> Carried:
    """The items that carried a comment up, level by level (those the caller may see)."""
    get_comment(session, caller=caller, comment_id=comment_id, deleted_ok=True)
    found: list[tuple[int, SynthesisItem]] = []
    frontier = list(
        session.scalars(
            select(SynthesisItem)
            .join(SynthesisSource, SynthesisSource.item_id == SynthesisItem.id)
            .where(SynthesisSource.comment_id == comment_id)
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
                .join(SynthesisSource, SynthesisSource.item_id == SynthesisItem.id)
                .where(SynthesisSource.child_item_id.in_(ids))
            )
            if it.id not in seen
        ]
        level += 1
    syntheses = (
        {
            s.id: s
            for s in session.scalars(
                select(Synthesis).where(
                    Synthesis.id.in_({it.synthesis_id for _, it in found}),
                    caller.scope.condition(Synthesis.unit_path),
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


# --- suggestions --------------------------------------------------------------------------------


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
        session.scalars(select(SynthesisSource).where(SynthesisSource.synthesis_id == synthesis.id))
    )
    merged_children = {r.child_item_id for r in taken if r.child_item_id is not None}
    excluded = {r.comment_id for r in taken if r.comment_id is not None}
    excluded |= carried_comments(session, merged_children)
    child_items = _children_items(session, synthesis)
    excluded |= carried_comments(session, [i.id for i in child_items])
    out: list[_Candidate] = []
    for cid, content, people in session.execute(
        select(Comment.id, Comment.content, Comment.people)
        .where(
            caller.scope.condition(Comment.unit_path),
            in_subtree(Comment.unit_path, synthesis.unit_path),
            Comment.consultation_id == synthesis.consultation_id,
            Comment.deleted_at.is_(None),
        )
        .order_by(Comment.seq)
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
    synthesis = _visible(session, caller, synthesis_id)
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
