"""HTTP for works: register (idempotent), list and the "due" views, roll-up, export, the XLSX
form and its import, get, change (status transitions), progress notes."""

import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import JSONResponse
from starlette.responses import Response

from ykien.accounts.caller import Caller
from ykien.accounts.dependencies import CallerDep, WriterDep
from ykien.comments.models import Organization
from ykien.comments.paper_router import XLSX_BODY
from ykien.core.clock import VN_TZ
from ykien.core.db import utcnow
from ykien.core.deps import SessionDep, snapshot_session
from ykien.core.errors import Invalid
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdQuery
from ykien.core.uploads import UploadDep
from ykien.reports.tables import XLSX_MEDIA_TYPE, Table, download
from ykien.reports.vocabulary import Language, words
from ykien.units.service import unit_in_scope
from ykien.works import changes, entry, form, importer, reading, rollup
from ykien.works.access import public, publics, unit_names
from ykien.works.exports import work_columns
from ykien.works.models import WorkKind, WorkStatus
from ykien.works.schemas import (
    NoteCreate,
    NotePublic,
    WorkCreate,
    WorkDetail,
    WorkPublic,
    WorkSummary,
    WorkUpdate,
)

router = APIRouter(prefix="/works", tags=["works"])


async def filters(
    unit_id: Annotated[IdQuery, Query(description="That unit and its whole subtree.")] = None,
    status: Annotated[WorkStatus | None, Query(description="Only works in this status.")] = None,
    organization: Annotated[
        Organization | None, Query(description="Only works of this member organisation.")
    ] = None,
    kind: Annotated[WorkKind | None, Query(description="Only projects or only tasks.")] = None,
    due: Annotated[
        Literal["overdue", "soon"] | None,
        Query(
            description="`overdue`: past their due day, neither done nor dropped; `soon`: due "
            f"within {reading.SOON_DAYS} days, neither done nor dropped. Listed by due day."
        ),
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words of the title; diacritics ignored.")
    ] = None,
) -> reading.Filters:
    return reading.Filters(
        unit_id=unit_id,
        status=status.value if status else None,
        organization=organization.value if organization else None,
        kind=kind.value if kind else None,
        due=due,
        q=q,
    )


FiltersDep = Annotated[reading.Filters, Depends(filters)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=WorkPublic,
    responses={
        200: {"model": WorkPublic, "description": "A retry: already stored"},
        409: {"description": "The id names another work"},
    },
)
def create_work(body: WorkCreate, session: SessionDep, caller: WriterDep) -> JSONResponse:
    """Register a work or task of a unit of your subtree: 201 with it; 200 with the stored one
    when ``id`` repeats your earlier identical request (an offline resend); 409 when ``id`` is
    taken by another work."""
    result = entry.create_work(session, caller=caller, item=body)
    (answer,) = publics(session, [result.work])
    return JSONResponse(answer.model_dump(mode="json"), status_code=201 if result.new else 200)


@router.get("")
def list_works(
    session: SessionDep,
    caller: CallerDep,
    f: FiltersDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[WorkPublic]:
    """Works of your subtree matching the filters, newest first; with ``due``, the most urgent
    first (by due day)."""
    rows, next_cursor = reading.list_works(session, caller=caller, f=f, limit=limit, cursor=cursor)
    return Page(items=publics(session, rows), next_cursor=next_cursor)


@router.get("/summary")
def works_summary(
    session: SessionDep,
    caller: CallerDep,
    unit_id: Annotated[
        IdQuery, Query(description="The unit to roll up (default: your own unit).")
    ] = None,
    organization: Annotated[
        Organization | None, Query(description="Only works of this member organisation.")
    ] = None,
    kind: Annotated[WorkKind | None, Query(description="Only projects or only tasks.")] = None,
) -> WorkSummary:
    """The unit's works rolled up over its subtree: counts by status, overdue, estimated
    value; per direct child (and the unit's own), per organisation, per kind."""
    return rollup.summary(
        session,
        caller=caller,
        unit_id=unit_id,
        organization=organization.value if organization else None,
        kind=kind.value if kind else None,
    )


def _export_rows(request: Request, caller: Caller, f: reading.Filters) -> Iterator[dict[str, Any]]:
    with snapshot_session(request) as session:
        yield from reading.iter_export(session, caller=caller, f=f)


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}}}},
)
def export_works(
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    f: FiltersDep,
    format: Annotated[Literal["csv", "xlsx"], Query(description="The file's format.")] = "csv",
    labels: Language = "vi",
) -> Response:
    """Every matching work, one row each (CSV with a BOM, or XLSX); no cell is ever a formula."""
    reading.filtered(session, caller=caller, f=f)  # 404/422 before streaming
    at = utcnow().astimezone(VN_TZ)
    table = Table(
        work_columns(labels),
        _export_rows(request, caller, f),
        sheet=words(labels, "Công trình, phần việc", "Works", "works"),
        title=words(
            labels,
            f"Công trình, phần việc, dữ liệu lúc {at:%d/%m/%Y %H:%M}",
            f"Works, data as of {at:%d/%m/%Y %H:%M} (UTC+7)",
            f"works {at.isoformat(timespec='seconds')}",
        ),
    )
    return download(table, format=format, name=f"cong-trinh-{at:%Y%m%d-%H%M}")


@router.get(
    "/import-template.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX_MEDIA_TYPE: {}}}},
)
def download_works_template(
    session: SessionDep,
    caller: CallerDep,
    unit_id: Annotated[
        IdQuery, Query(description="The unit printed on the form (default: your own).")
    ] = None,
) -> Response:
    """The XLSX form to register works offline: a row per work, drop-down lists, a guide."""
    target = unit_id or caller.unit_id
    if target is None:
        raise Invalid(["query", "unit_id"], "name the unit the form is for")
    unit = unit_in_scope(session, scope=caller.scope, unit_id=target, loc=["query", "unit_id"])
    assert unit.id is not None
    return Response(
        form.build_template(unit.id, unit.name),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="mau-dang-ky-cong-trinh.xlsx"'},
    )


def read_works_form(upload: UploadDep) -> form.FilledWorksForm:
    """The uploaded form, parsed before the request's transaction begins (no write waits on a
    file being read)."""
    return form.read_form(upload.content)


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=XLSX_BODY,
    responses={409: {"description": "A row's id was stored by another user"}},
)
def import_works(
    filled: Annotated[form.FilledWorksForm, Depends(read_works_form)],
    session: SessionDep,
    caller: WriterDep,
    unit_id: Annotated[
        IdQuery,
        Query(description="The unit whose works these are; default: the form's, then yours."),
    ] = None,
) -> importer.WorksImportResult:
    """A filled works form (raw XLSX body or the multipart field ``file``): every row is stored,
    or none; errors name each faulty cell ``["file", sheet, row, column]``. Importing the same
    file again stores nothing new (``skipped_retries``)."""
    return importer.import_form(session, caller=caller, form=filled, unit_id=unit_id)


@router.get("/{work_id}")
def get_work(work_id: uuid.UUID, session: SessionDep, caller: CallerDep) -> WorkDetail:
    """A work of your subtree with its progress notes."""
    work = changes.get_work(session, caller=caller, work_id=work_id)
    names = unit_names(session, {work.unit_id})
    notes = [
        NotePublic.model_validate(n, from_attributes=True) for n in changes.notes_of(session, work)
    ]
    return WorkDetail(**public(work, names.get(work.unit_id, "")).model_dump(), notes=notes)


@router.patch(
    "/{work_id}",
    responses={409: {"description": "Changed meanwhile (`version`), or final (done, dropped)"}},
)
def update_work(
    work_id: uuid.UUID, body: WorkUpdate, session: SessionDep, caller: WriterDep
) -> WorkPublic:
    """Change the fields given and the status (audited). ``done`` needs ``completed_on``;
    ``done`` and ``dropped`` are final: only an admin reopens or corrects them."""
    work = changes.update_work(session, caller=caller, work_id=work_id, data=body)
    (answer,) = publics(session, [work])
    return answer


@router.post(
    "/{work_id}/notes",
    status_code=status.HTTP_201_CREATED,
    response_model=NotePublic,
    responses={
        200: {"model": NotePublic, "description": "A retry: already stored"},
        409: {"description": "The id names another note"},
    },
)
def add_note(
    work_id: uuid.UUID, body: NoteCreate, session: SessionDep, caller: WriterDep
) -> JSONResponse:
    """Add a dated progress note (201); a resent note with the same ``id`` answers 200."""
    note, new = changes.add_note(session, caller=caller, work_id=work_id, note=body)
    answer = NotePublic.model_validate(note, from_attributes=True)
    return JSONResponse(answer.model_dump(mode="json"), status_code=201 if new else 200)
