"""HTTP for comments: create (idempotent), batch, list and search, sync, export, edit, history."""

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import JSONResponse
from starlette.responses import Response

from ykien.accounts.caller import Caller
from ykien.accounts.dependencies import CallerDep, CompilerDep, WriterDep
from ykien.comments import feed, group, service
from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.comments.schemas import (
    Changes,
    CommentBatch,
    CommentBatchResult,
    CommentCreate,
    CommentPage,
    CommentPublic,
    CommentUpdate,
    DeletedChange,
    History,
    Tombstone,
)
from ykien.core.clock import VN_TZ
from ykien.core.db import utcnow
from ykien.core.deps import SessionDep, snapshot_session
from ykien.core.errors import Invalid
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdQuery
from ykien.reports.exports import comment_columns
from ykien.reports.tables import XLSX_MEDIA_TYPE, Table, download
from ykien.reports.vocabulary import Language, words

router = APIRouter(prefix="/comments", tags=["comments"])


async def filters(
    unit_id: IdQuery = None,
    consultation_id: IdQuery = None,
    document_id: IdQuery = None,
    section_id: IdQuery = None,
    meeting_id: IdQuery = None,
    category: Category | None = None,
    stance: Stance | None = None,
    channel: Channel | None = None,
    organization: Organization | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words to find; diacritics and case ignored.")
    ] = None,
    from_: Annotated[
        date | None, Query(alias="from", description="collected_on ≥ this day")
    ] = None,
    to: Annotated[date | None, Query(description="collected_on ≤ this day")] = None,
) -> service.Filters:
    """``unit_id`` means that unit and its whole subtree."""
    return service.Filters(
        unit_id=unit_id,
        consultation_id=consultation_id,
        document_id=document_id,
        section_id=section_id,
        meeting_id=meeting_id,
        category=category,
        stance=stance,
        channel=channel,
        organization=organization,
        q=q,
        from_=from_,
        to=to,
    )


FiltersDep = Annotated[service.Filters, Depends(filters)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CommentPublic,
    responses={
        200: {"model": CommentPublic, "description": "A retry: already stored"},
        409: {"description": "The id names another comment, or the consultation is closed"},
    },
)
def create_comment(
    request: Request, body: CommentCreate, session: SessionDep, caller: WriterDep
) -> JSONResponse:
    """201 with the new comment; 200 with the stored one when ``id`` repeats an earlier identical
    request; 409 when ``id`` is taken by a different comment."""
    result = group.create_single(request.app, session, caller, body)
    payload = service.public(caller, result.comment).model_dump(mode="json")
    return JSONResponse(payload, status_code=201 if result.new else 200)


@router.post(
    "/batch",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "An id names another comment, or the consultation is closed"}},
)
def create_batch(body: CommentBatch, session: SessionDep, caller: WriterDep) -> CommentBatchResult:
    """Up to 1,000 comments in one transaction: all are stored or none. A failing item is named
    by its index in ``errors[].loc`` (``["body", "items", 10, "content"]``) and in ``detail``."""
    results = service.create_comments(session, caller=caller, items=body.items)
    return CommentBatchResult(
        items=[service.public(caller, r.comment) for r in results],
        created=sum(r.new for r in results),
    )


@router.get("")
def list_comments(
    session: SessionDep,
    caller: CallerDep,
    f: FiltersDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    order: Annotated[
        Literal["newest", "oldest"], Query(description="Newest first (the default) or oldest.")
    ] = "newest",
    updated_since: Annotated[
        datetime | None,
        Query(
            description="Only comments created or changed after this time, oldest change first "
            "(for incremental sync; deletions: /comments/deleted)."
        ),
    ] = None,
    count: Annotated[
        bool,
        Query(description="Also give `total`, every matching comment (one count: ask once)."),
    ] = False,
) -> CommentPage:
    """Comments of the caller's subtree that match the filters, newest first by default."""
    if updated_since is not None and updated_since.tzinfo is None:
        raise Invalid(
            ["query", "updated_since"], "give a time zone, e.g. 2020-09-01T00:00:00+07:00"
        )
    rows, next_cursor = service.list_comments(
        session,
        caller=caller,
        f=f,
        limit=limit,
        cursor=cursor,
        oldest_first=order == "oldest",
        updated_since=updated_since,
    )
    return CommentPage(
        items=[service.public(caller, c) for c in rows],
        next_cursor=next_cursor,
        total=service.count_comments(session, caller=caller, f=f) if count else None,
    )


@router.get("/deleted")
def list_deleted(
    session: SessionDep,
    caller: CallerDep,
    since: Annotated[datetime | None, Query(description="Deleted after this time")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[Tombstone]:
    """Tombstones of deleted comments, in deletion order, for scripts that sync incrementally."""
    if since is not None and since.tzinfo is None:
        raise Invalid(["query", "since"], "give a time zone, e.g. 2020-09-01T00:00:00+07:00")
    items, next_cursor = service.list_tombstones(
        session, caller=caller, since=since, limit=limit, cursor=cursor
    )
    return Page(items=items, next_cursor=next_cursor)


@router.get("/changes")
def list_changes(
    session: SessionDep,
    caller: CallerDep,
    unit_id: Annotated[
        IdQuery, Query(description="The subtree to follow (default: the caller's own).")
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=512,
            description="`next` of the previous answer; omitted: from the first comment.",
        ),
    ] = None,
    limit: LimitQuery = 100,
) -> Changes:
    """The change feed: every committed insert, edit and deletion of the subtree's comments,
    exactly once and in commit order, even under concurrent writers. Keep `next` and ask again
    from it; a comment changed again reappears at the end with its new state."""
    items, nxt = feed.changes(session, caller=caller, unit_id=unit_id, since=since, limit=limit)
    return Changes(
        items=[
            DeletedChange(id=i.id, deleted_at=i.deleted_at)
            if isinstance(i, feed.Deleted)
            else service.public(caller, i)
            for i in items
        ],
        next=nxt,
    )


def _export_rows(request: Request, caller: Caller, f: service.Filters) -> Iterator[dict[str, Any]]:
    with snapshot_session(request) as session:
        yield from service.iter_export(session, caller=caller, f=f)


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}}}},
)
def export_comments(
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    f: FiltersDep,
    format: Annotated[Literal["csv", "xlsx"], Query(description="The file's format.")] = "csv",
    labels: Language = "vi",
) -> Response:
    """Every matching comment, one row each, streamed. CSV is UTF-8 with a BOM (Excel shows
    Vietnamese correctly); XLSX is written in constant memory. ``labels``: headers and
    enumeration values in Vietnamese, English, or as codes (for machines)."""
    service.filtered(session, caller=caller, f=f)  # validate the filters (404/422) before streaming
    at = utcnow().astimezone(VN_TZ)  # the snapshot's instant, named in the file
    rows = _export_rows(request, caller, f)
    table = Table(
        comment_columns(labels),
        rows,
        sheet=words(labels, "Ý kiến", "Comments", "comments"),
        title=words(
            labels,
            f"Ý kiến, dữ liệu lúc {at:%d/%m/%Y %H:%M}",
            f"Comments, data as of {at:%d/%m/%Y %H:%M} (UTC+7)",
            f"comments {at.isoformat(timespec='seconds')}",
        ),
    )
    return download(table, format=format, name=f"y-kien-{at:%Y%m%d-%H%M}")


@router.get("/{comment_id}")
def get_comment(comment_id: uuid.UUID, session: SessionDep, caller: CallerDep) -> CommentPublic:
    """A comment of the caller's subtree (contributor data only for its entering unit)."""
    return service.public(
        caller, service.get_comment(session, caller=caller, comment_id=comment_id)
    )


@router.patch(
    "/{comment_id}",
    responses={
        409: {"description": "Changed meanwhile (`version`), or the consultation is closed"}
    },
)
def update_comment(
    comment_id: uuid.UUID, body: CommentUpdate, session: SessionDep, caller: WriterDep
) -> CommentPublic:
    """Change the fields given (audited); ``version`` guards against overwriting an edit."""
    comment = service.update_comment(session, caller=caller, comment_id=comment_id, data=body)
    return service.public(caller, comment)


@router.delete(
    "/{comment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={409: {"description": "The consultation is closed"}},
)
def delete_comment(
    comment_id: uuid.UUID,
    session: SessionDep,
    caller: WriterDep,
    reason: Annotated[
        str | None, Query(max_length=500, description="Why it is deleted (kept in the history)")
    ] = None,
) -> None:
    """Soft deletion: the comment leaves lists and counts; its history keeps it."""
    service.delete_comment(
        session, caller=caller, comment_id=comment_id, reason=reason.strip() if reason else None
    )


@router.get("/{comment_id}/history")
def comment_history(comment_id: uuid.UUID, session: SessionDep, caller: CallerDep) -> History:
    """One entry per version, the creation first: who, when, what changed, before and after."""
    return History(items=service.history(session, caller=caller, comment_id=comment_id))


@router.delete("/{comment_id}/contributor", status_code=status.HTTP_204_NO_CONTENT)
def erase_contributor(comment_id: uuid.UUID, session: SessionDep, caller: CompilerDep) -> None:
    """Erasure on request: the contributor's name and contact leave the comment and every
    version of its history (the history records that they were erased, not what they were).
    For the admin or secretary of the unit that entered the comment; the comment and its
    counts stay."""
    service.erase_contributor(session, caller=caller, comment_id=comment_id)
