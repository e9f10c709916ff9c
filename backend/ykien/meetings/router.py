"""HTTP for meetings."""

from fastapi import APIRouter, status

from ykien.accounts.dependencies import CallerDep, WriterDep
from ykien.core.deps import SessionDep
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdPath, IdQuery
from ykien.meetings import service
from ykien.meetings.schemas import MeetingCreate, MeetingPublic

router = APIRouter(prefix="/meetings", tags=["meetings"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "The consultation is closed"}},
)
def create_meeting(body: MeetingCreate, session: SessionDep, caller: WriterDep) -> MeetingPublic:
    """A meeting held in a unit of the caller's subtree, within the consultation's dates."""
    return service.public(service.create_meeting(session, caller=caller, data=body))


@router.get("")
def list_meetings(
    session: SessionDep,
    caller: CallerDep,
    unit_id: IdQuery = None,
    consultation_id: IdQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[MeetingPublic]:
    """Meetings the caller may read, latest first; ``unit_id``: that unit's whole subtree."""
    rows, next_cursor = service.list_meetings(
        session,
        caller=caller,
        unit_id=unit_id,
        consultation_id=consultation_id,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[service.public(m) for m in rows], next_cursor=next_cursor)


@router.get("/{meeting_id}")
def get_meeting(meeting_id: IdPath, session: SessionDep, caller: CallerDep) -> MeetingPublic:
    """A meeting of the caller's subtree."""
    return service.public(service.get_meeting(session, caller=caller, meeting_id=meeting_id))
