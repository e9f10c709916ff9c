"""Versions of a unit's synthesis and their state machine: open a draft (one open version at a
time), submit it with the unit's figures, accept or return it; the parent's feedback on items."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment
from ykien.consultations.models import Consultation
from ykien.consultations.service import get_consultation
from ykien.core.audit import record
from ykien.core.errors import Conflict, Invalid
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.meetings.service import check_in_consultation
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.stats.service import stats
from ykien.syntheses.access import (
    draft_for_writing,
    get_item,
    get_readable_synthesis,
    readable_syntheses,
    require_compiler_of,
    require_parent_unit,
)
from ykien.syntheses.deadlines import now_or_clock, submits
from ykien.syntheses.items import copy_items, recount_item
from ykien.syntheses.models import (
    Feedback,
    Synthesis,
    SynthesisItem,
    SynthesisSource,
    SynthesisStatus,
)
from ykien.syntheses.queries import items_of, merged_into
from ykien.syntheses.schemas import (
    FeedbackBody,
    SynthesisCreate,
)
from ykien.units.models import Unit
from ykien.units.scope import Scope
from ykien.units.service import get_unit, unit_in_scope


def get_synthesis(session: Session, *, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    return get_readable_synthesis(session, caller, synthesis_id)


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
    stmt = readable_syntheses(caller)
    if unit_id is not None:
        get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(col(Synthesis.unit_id) == unit_id)
    if consultation_id is not None:
        stmt = stmt.where(col(Synthesis.consultation_id) == consultation_id)
    if status is not None:
        stmt = stmt.where(col(Synthesis.status) == status.value)
    if cursor:
        (after,) = decode_cursor(cursor, (str,))
        try:
            after_id = uuid.UUID(after)
        except ValueError:
            raise Invalid(["query", "cursor"], "not a cursor given by this API") from None
        stmt = stmt.where(col(Synthesis.id) > after_id)
    rows = list(session.scalars(stmt.order_by(col(Synthesis.id)).limit(limit + 1)))
    nxt = encode_cursor([str(rows[limit - 1].id)]) if len(rows) > limit else None
    return rows[:limit], nxt


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
    consultation = get_consultation(session, caller=caller, consultation_id=data.consultation_id)
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    require_compiler_of(caller, unit, consultation)
    check_in_consultation(consultation, unit, ["body", "unit_id"])
    versions = list(
        session.scalars(
            select(Synthesis).where(
                col(Synthesis.unit_id) == unit.id, col(Synthesis.consultation_id) == consultation.id
            )
        )
    )
    open_ = [v for v in versions if v.status != SynthesisStatus.returned.value]
    if open_:
        raise Conflict(
            f"The unit already has version {open_[0].version} of its synthesis "
            f"({open_[0].status}, id {open_[0].id}); a new version opens only after a return."
        )
    at = now_or_clock(now)
    # After a return the work goes on from the returned version: its items are copied in.
    previous = max(versions, key=lambda v: v.version, default=None)
    synthesis = Synthesis(
        id=uuid7(),
        unit_id=data.unit_id,
        unit_path=unit.path,
        parent_unit_id=unit.parent_id,
        consultation_id=data.consultation_id,
        version=previous.version + 1 if previous else 1,
        previous_id=previous.id if previous else None,
        created_at=at,
        updated_at=at,
        created_by=caller.user_id,
    )
    session.add(synthesis)
    session.flush()
    copied = copy_items(session, source=previous, target=synthesis, at=at) if previous else 0
    after = _audit_view(synthesis)
    if previous:
        after |= {"previous_id": str(previous.id), "copied_items": copied}
    record(
        session,
        caller.actor,
        "create",
        "synthesis",
        synthesis.id,
        after=after,
        unit_id=synthesis.unit_id,
    )
    return synthesis


def figures(
    session: Session, *, caller: Caller, unit: Unit, consultation_id: int
) -> dict[str, Any]:
    """The unit's figures (its whole subtree) from the roll-ups: meetings, participants,
    comments and people, by channel, category and stance; general agreement = stance agree."""
    assert unit.id is not None  # a stored unit
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
        select(
            SynthesisSource, col(Comment.people), col(Comment.deleted_at), col(Comment.unit_path)
        )
        .join(Comment, col(Comment.id) == col(SynthesisSource.comment_id))
        .where(col(SynthesisSource.synthesis_id) == synthesis.id)
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
            recount_item(session, item)


def submit(
    session: Session,
    *,
    caller: Caller,
    synthesis_id: uuid.UUID,
    confirm_empty: bool = False,
    now: datetime | None = None,
) -> Synthesis:
    """Freeze the draft with the unit's figures. Only a level the consultation gives a deadline
    submits (409 otherwise); a draft with no items while the subtree has comments needs
    ``confirm_empty`` (422 otherwise)."""
    synthesis = draft_for_writing(session, caller, synthesis_id)
    unit = session.get(Unit, synthesis.unit_id)
    consultation = session.get(Consultation, synthesis.consultation_id)
    assert unit is not None and consultation is not None  # foreign keys
    if not submits(consultation, unit.level):
        raise Conflict(
            f"The consultation sets no synthesis deadline for the level {unit.level}: "
            "its syntheses are not submitted."
        )
    at = now_or_clock(now)
    _refresh_comment_counts(session, synthesis, unit)
    synthesis.figures = figures(
        session, caller=caller, unit=unit, consultation_id=synthesis.consultation_id
    )
    comments = int(synthesis.figures.get("comments", 0))
    if not confirm_empty and comments and not items_of(session, synthesis.id):
        raise Invalid(
            ["body", "confirm_empty"],
            f"the synthesis has no items while the unit's subtree has {comments} comments in "
            "this consultation; add items, or submit with confirm_empty true",
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
        unit_id=synthesis.unit_id,
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
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    require_parent_unit(caller, synthesis)
    if synthesis.status != SynthesisStatus.submitted.value:
        raise Conflict(
            f"The synthesis is {synthesis.status}: only a submitted one can be accepted or "
            "returned."
        )
    at = now_or_clock(now)
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
        unit_id=synthesis.unit_id,
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
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    require_parent_unit(caller, synthesis)
    if synthesis.status == SynthesisStatus.draft.value:
        raise Conflict("The synthesis is a draft: feedback is given on submitted syntheses.")
    item = get_item(session, synthesis, item_id)
    if data.feedback == Feedback.not_taken_up and not data.reason:
        raise Invalid(["body", "reason"], "give the reason an item is not taken up")
    merged = merged_into(session, [item.id]).get(item.id, [])
    if merged and data.feedback != Feedback.taken_up:
        raise Conflict(
            f"The item is merged into item {merged[0]}: it is taken up; remove it there first."
        )
    before = {"feedback": item.feedback, "reason": item.feedback_reason}
    item.feedback, item.feedback_reason = data.feedback.value, data.reason
    item.feedback_at = now_or_clock(now)
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
        unit_id=synthesis.unit_id,
    )
    return item
