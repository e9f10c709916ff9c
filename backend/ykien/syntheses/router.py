"""HTTP for syntheses: versions and their actions, items, feedback, suggestions, provenance, and
the per-unit views (submissions, incoming, progress)."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, status
from sqlmodel import Session
from starlette.responses import Response

from ykien.accounts.dependencies import CallerDep, CompilerDep, WriterDep
from ykien.comments.schemas import CommentPublic
from ykien.core.db import utcnow
from ykien.core.deps import SessionDep
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import MAX_ID, IdPath, IdQuery
from ykien.reports.tables import XLSX_MEDIA_TYPE, download
from ykien.reports.vocabulary import Language
from ykien.syntheses import service
from ykien.syntheses.models import SynthesisItem, SynthesisStatus
from ykien.syntheses.report import progress_docx, progress_table, report_docx
from ykien.syntheses.schemas import (
    Carried,
    Checks,
    FeedbackBody,
    ItemCreate,
    ItemPublic,
    ItemUpdate,
    Progress,
    ReturnBody,
    Submissions,
    SubmitBody,
    Suggestions,
    SynthesisCreate,
    SynthesisList,
    SynthesisPublic,
)

router = APIRouter(tags=["syntheses"])

ConsultationQuery = Annotated[int, Query(ge=1, le=MAX_ID)]


def get_now() -> datetime:
    """The present instant; tests override this dependency to judge deadlines at set times."""
    return utcnow()


NowDep = Annotated[datetime, Depends(get_now)]


# --- syntheses ----------------------------------------------------------------------------------


@router.post(
    "/syntheses",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "Another version is open"}},
)
def create_synthesis(
    body: SynthesisCreate, session: SessionDep, caller: WriterDep, now: NowDep
) -> SynthesisPublic:
    """A new draft version for the caller's own unit (409 while another version is open). After
    a return it starts from a copy of the returned version's items (``previous_id``). The unit's
    secretaries and admins compile; a residential area's entry users too when the consultation
    gives residential areas a deadline."""
    synthesis = service.create_synthesis(session, caller=caller, data=body, now=now)
    return service.public(session, synthesis, now=now)


@router.get("/syntheses")
def list_syntheses(
    session: SessionDep,
    caller: CallerDep,
    now: NowDep,
    unit_id: Annotated[IdQuery, Query(description="Only this unit's own versions.")] = None,
    consultation_id: IdQuery = None,
    status: SynthesisStatus | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> SynthesisList:
    """Syntheses of the caller's subtree, oldest first; ``unit_id``: that unit's versions."""
    rows, next_cursor = service.list_syntheses(
        session,
        caller=caller,
        unit_id=unit_id,
        consultation_id=consultation_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )
    return service.page(session, rows, next_cursor, now=now)


@router.get("/syntheses/{synthesis_id}")
def get_synthesis(
    synthesis_id: uuid.UUID, session: SessionDep, caller: CallerDep, now: NowDep
) -> SynthesisPublic:
    """The synthesis with its items, their sources and the parent's feedback on each."""
    synthesis = service.get_synthesis(session, caller=caller, synthesis_id=synthesis_id)
    return service.public(session, synthesis, now=now)


@router.post(
    "/syntheses/{synthesis_id}/submit",
    responses={409: {"description": "Not a draft, or the unit's level gives no deadline"}},
)
def submit_synthesis(
    synthesis_id: uuid.UUID,
    session: SessionDep,
    caller: WriterDep,
    now: NowDep,
    body: SubmitBody | None = None,
) -> SynthesisPublic:
    """Freeze the draft and send it up, with the unit's figures of the moment (409 unless a
    draft, or when the consultation gives the unit's level no deadline; 422 for a draft with no
    items while the subtree has comments, unless ``confirm_empty``)."""
    synthesis = service.submit(
        session,
        caller=caller,
        synthesis_id=synthesis_id,
        confirm_empty=body.confirm_empty if body else False,
        now=now,
    )
    return service.public(session, synthesis, now=now)


@router.post(
    "/syntheses/{synthesis_id}/accept",
    responses={409: {"description": "Not submitted"}},
)
def accept_synthesis(
    synthesis_id: uuid.UUID, session: SessionDep, caller: CompilerDep, now: NowDep
) -> SynthesisPublic:
    """By the parent unit's secretaries and admins; 409 unless submitted."""
    synthesis = service.accept(session, caller=caller, synthesis_id=synthesis_id, now=now)
    return service.public(session, synthesis, now=now)


@router.post(
    "/syntheses/{synthesis_id}/return",
    responses={409: {"description": "Not submitted"}},
)
def return_synthesis(
    synthesis_id: uuid.UUID, body: ReturnBody, session: SessionDep, caller: CompilerDep, now: NowDep
) -> SynthesisPublic:
    """By the parent unit's secretaries and admins; 409 unless submitted. The unit may then
    open its next version."""
    synthesis = service.return_(
        session, caller=caller, synthesis_id=synthesis_id, reason=body.reason, now=now
    )
    return service.public(session, synthesis, now=now)


@router.get("/syntheses/{synthesis_id}/suggestions")
def synthesis_suggestions(
    synthesis_id: uuid.UUID, session: SessionDep, caller: CallerDep
) -> Suggestions:
    """Groups of near-identical comments and child items not merged yet, largest first."""
    return service.suggestions(session, caller=caller, synthesis_id=synthesis_id)


@router.get("/syntheses/{synthesis_id}/checks")
def synthesis_checks(
    synthesis_id: uuid.UUID, session: SessionDep, caller: CallerDep, now: NowDep
) -> Checks:
    """What to know before submitting: children missing, returned or late; comments and child
    items not merged yet; items that carry nothing."""
    return service.checks(session, caller=caller, synthesis_id=synthesis_id, now=now)


@router.get("/syntheses/{synthesis_id}/uncovered")
def synthesis_uncovered(
    synthesis_id: uuid.UUID,
    session: SessionDep,
    caller: CallerDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[CommentPublic]:
    """The subtree's comments that no item covers yet (neither here nor through a child's
    item), oldest first."""
    return service.uncovered(
        session, caller=caller, synthesis_id=synthesis_id, limit=limit, cursor=cursor
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get(
    "/syntheses/{synthesis_id}/report.docx",
    response_class=Response,
    responses={200: {"content": {DOCX: {}}}},
)
def synthesis_report(
    synthesis_id: uuid.UUID, session: SessionDep, caller: CallerDep, now: NowDep
) -> Response:
    """The official report (Word): issuing body, motto, number, place and date, figures, the
    opinions per document and section with graded phrases, recommendations, recipients and the
    signature block. A draft renders with today's figures and date."""
    name, content = report_docx(session, caller=caller, synthesis_id=synthesis_id, now=now)
    return Response(
        content,
        media_type=DOCX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- items --------------------------------------------------------------------------------------


def _item(session: Session, item: SynthesisItem) -> ItemPublic:
    return service.items_public(session, [item])[0]


@router.post(
    "/syntheses/{synthesis_id}/items",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "Not a draft, or a source is merged elsewhere"}},
)
def create_item(
    synthesis_id: uuid.UUID, body: ItemCreate, session: SessionDep, caller: WriterDep, now: NowDep
) -> ItemPublic:
    """An item of a draft; ``comments``/``people`` are computed from what it merges."""
    item = service.create_item(
        session, caller=caller, synthesis_id=synthesis_id, data=body, now=now
    )
    return _item(session, item)


@router.patch(
    "/syntheses/{synthesis_id}/items/{item_id}",
    responses={409: {"description": "Not a draft, or a source is merged elsewhere"}},
)
def update_item(
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    body: ItemUpdate,
    session: SessionDep,
    caller: WriterDep,
    now: NowDep,
) -> ItemPublic:
    """Edit, re-source (a list given replaces that kind of source) or move (``position``)."""
    item = service.update_item(
        session, caller=caller, synthesis_id=synthesis_id, item_id=item_id, data=body, now=now
    )
    return _item(session, item)


@router.delete(
    "/syntheses/{synthesis_id}/items/{item_id}",
    status_code=204,
    responses={409: {"description": "Not a draft"}},
)
def delete_item(
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    session: SessionDep,
    caller: WriterDep,
    now: NowDep,
) -> None:
    """Remove the item; what it merged is free again."""
    service.delete_item(session, caller=caller, synthesis_id=synthesis_id, item_id=item_id, now=now)


@router.put(
    "/syntheses/{synthesis_id}/items/{item_id}/feedback",
    responses={409: {"description": "The synthesis is not submitted"}},
)
def set_item_feedback(
    synthesis_id: uuid.UUID,
    item_id: uuid.UUID,
    body: FeedbackBody,
    session: SessionDep,
    caller: CompilerDep,
    now: NowDep,
) -> ItemPublic:
    """The parent unit marks an item of a child's submitted synthesis ``taken_up``, ``noted`` or
    ``not_taken_up`` (with a reason); merging it marks it ``taken_up`` by itself."""
    item = service.set_feedback(
        session, caller=caller, synthesis_id=synthesis_id, item_id=item_id, data=body, now=now
    )
    return _item(session, item)


@router.get("/comments/{comment_id}/carried")
def comment_carried(comment_id: uuid.UUID, session: SessionDep, caller: CallerDep) -> Carried:
    """The synthesis items that carried the comment up: level 1 merged it, level 2 merged a
    level-1 item, and so on (those within the caller's subtree)."""
    return service.carried(session, caller=caller, comment_id=comment_id)


# --- per unit -----------------------------------------------------------------------------------


@router.get("/units/{unit_id}/submissions")
def unit_submissions(
    unit_id: IdPath,
    consultation_id: ConsultationQuery,
    session: SessionDep,
    caller: CallerDep,
    now: NowDep,
) -> Submissions:
    """One row per direct child: its latest version's status (or ``missing``), late or not."""
    return service.submissions(
        session, caller=caller, unit_id=unit_id, consultation_id=consultation_id, now=now
    )


@router.get("/units/{unit_id}/incoming")
def unit_incoming(
    unit_id: IdPath,
    session: SessionDep,
    caller: CallerDep,
    now: NowDep,
    consultation_id: IdQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[SynthesisPublic]:
    """The direct children's submitted and accepted syntheses, with their items, in the order
    they were sent."""
    rows, next_cursor = service.incoming(
        session,
        caller=caller,
        unit_id=unit_id,
        consultation_id=consultation_id,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[service.public(session, s, now=now) for s in rows], next_cursor=next_cursor)


@router.get(
    "/units/{unit_id}/progress",
    response_model=Progress,
    responses={200: {"content": {XLSX_MEDIA_TYPE: {}, DOCX: {}}}},
)
def unit_progress(
    unit_id: IdPath,
    consultation_id: ConsultationQuery,
    session: SessionDep,
    caller: CallerDep,
    now: NowDep,
    format: Annotated[
        Literal["json", "xlsx", "docx"],
        Query(description="`json` (the default), or the progress file as XLSX or DOCX."),
    ] = "json",
    labels: Annotated[
        Language, Query(description="XLSX: headers and values in vi, en, or as codes")
    ] = "vi",
) -> Response:
    """Per direct child: meetings held, participants, comments, people, synthesis status."""
    answer = service.progress(
        session, caller=caller, unit_id=unit_id, consultation_id=consultation_id, now=now
    )
    if format == "json":
        return Response(answer.model_dump_json(), media_type="application/json")
    if format == "docx":
        return Response(
            progress_docx(session, answer, now),
            media_type=DOCX,
            headers={"Content-Disposition": f'attachment; filename="tien-do-{unit_id}.docx"'},
        )
    return download(progress_table(answer, labels), format="xlsx", name=f"tien-do-{unit_id}")
