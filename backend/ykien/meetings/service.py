"""Rules of meetings: recorded by writers of a unit in scope, inside the consultation's subtree."""

from datetime import date

from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.consultations.models import Consultation
from ykien.consultations.service import get_consultation, require_open
from ykien.core.audit import record
from ykien.core.clock import today_vn
from ykien.core.errors import Invalid, NotFound
from ykien.core.pagination import Key, keyset_page
from ykien.meetings.models import Meeting, MeetingKind
from ykien.meetings.schemas import MeetingCreate, MeetingPublic
from ykien.stats import rollup
from ykien.units.eras import check_valid_for
from ykien.units.models import Unit
from ykien.units.scope import Scope, in_subtree
from ykien.units.service import get_unit, unit_in_scope


def check_in_consultation(consultation: Consultation, unit: Unit, loc: list[str | int]) -> None:
    """A unit takes part in the consultations of its own unit and of its ancestors."""
    if not Scope(consultation.unit_path).covers(unit.path):
        raise Invalid(
            loc, "unit does not take part in this consultation (outside its unit's subtree)"
        )
    check_valid_for(unit, opened_on=consultation.opens_on, owner_id=consultation.unit_id, loc=loc)


def check_date(consultation: Consultation, day: date, loc: list[str | int]) -> None:
    """A collection or meeting date: within the consultation's dates and not in the future."""
    if day > today_vn():
        raise Invalid(loc, "must not be in the future")
    if day < consultation.opens_on:
        raise Invalid(
            loc, f"must not be before the consultation opened ({consultation.opens_on:%d/%m/%Y})"
        )
    if day > consultation.closes_on:
        raise Invalid(
            loc, f"must not be after the consultation closes ({consultation.closes_on:%d/%m/%Y})"
        )


def public(meeting: Meeting) -> MeetingPublic:
    assert meeting.id is not None
    return MeetingPublic(
        id=meeting.id,
        unit_id=meeting.unit_id,
        consultation_id=meeting.consultation_id,
        held_on=meeting.held_on,
        kind=MeetingKind(meeting.kind),
        title=meeting.title,
        participants=meeting.participants,
    )


def readable_meetings(caller: Caller) -> Select[Meeting]:
    """The meetings the caller may read: those of its subtree."""
    return select(Meeting).where(caller.scope.condition(Meeting.unit_path))


def create_meeting(session: Session, *, caller: Caller, data: MeetingCreate) -> Meeting:
    """Record a meeting (the caller is a writer: the route's ``WriterDep``)."""
    consultation = get_consultation(session, caller=caller, consultation_id=data.consultation_id)
    require_open(consultation)
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    check_in_consultation(consultation, unit, ["body", "unit_id"])
    check_date(consultation, data.held_on, ["body", "held_on"])
    meeting = Meeting(
        unit_id=data.unit_id,
        unit_path=unit.path,
        consultation_id=data.consultation_id,
        held_on=data.held_on,
        kind=data.kind.value,
        title=data.title,
        participants=data.participants,
        created_by=caller.user_id,
    )
    session.add(meeting)
    session.flush()
    rollup.apply_meeting(
        session,
        unit_path=unit.path,
        consultation_id=data.consultation_id,
        day=data.held_on,
        participants=data.participants,
        sign=1,
    )
    record(
        session, caller.actor, "create", "meeting", meeting.id, after=data.model_dump(mode="json")
    )
    return meeting


def get_meeting(session: Session, *, caller: Caller, meeting_id: int) -> Meeting:
    meeting = session.scalar(readable_meetings(caller).where(col(Meeting.id) == meeting_id))
    if meeting is None:
        raise NotFound(f"Meeting {meeting_id} does not exist.")
    return meeting


def list_meetings(
    session: Session,
    *,
    caller: Caller,
    unit_id: int | None,
    consultation_id: int | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Meeting], str | None]:
    """Meetings, latest first; with ``unit_id``, those of that unit's subtree."""
    stmt = readable_meetings(caller)
    if unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(in_subtree(Meeting.unit_path, unit.path))
    if consultation_id is not None:
        stmt = stmt.where(col(Meeting.consultation_id) == consultation_id)
    keys = [Key(col(Meeting.held_on), descending=True), Key(col(Meeting.id), descending=True)]
    return keyset_page(session, stmt, keys, cursor=cursor, limit=limit)
