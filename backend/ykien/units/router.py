"""HTTP for units: create, read, list, import."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from ykien.accounts.dependencies import AdminDep, CallerDep
from ykien.core.deps import SessionDep
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdPath, IdQuery
from ykien.core.uploads import UploadDep, import_body
from ykien.units import merge, service
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import (
    UnitCreate,
    UnitImportResult,
    UnitImportRow,
    UnitLineagePublic,
    UnitMergeRequest,
    UnitMergeResult,
    UnitPublic,
)

router = APIRouter(prefix="/units", tags=["units"])


def _public(unit: Unit) -> UnitPublic:
    return UnitPublic.model_validate(unit)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "A unit with this code exists"}},
)
def create_unit(body: UnitCreate, session: SessionDep, caller: AdminDep) -> UnitPublic:
    """A unit below its parent's level, in the admin's subtree; roots only by a superuser."""
    return _public(service.create_unit(session, scope=caller.scope, actor=caller.actor, data=body))


@router.get("")
def list_units(
    session: SessionDep,
    caller: CallerDep,
    parent_id: IdQuery = None,
    level: UnitLevel | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Name, diacritics and case ignored.")
    ] = None,
    on: Annotated[
        date | None,
        Query(
            description="The tree valid on this day (YYYY-MM-DD). Default: today's, or below a "
            "unit no longer valid (the parent, or the caller's own unit) the tree of its last day."
        ),
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[UnitPublic]:
    """Units of the caller's subtree valid on a day, in tree order."""
    rows, next_cursor = service.list_units(
        session,
        scope=caller.scope,
        parent_id=parent_id,
        level=level,
        q=q,
        on=on,
        limit=limit,
        cursor=cursor,
    )
    return Page(items=[_public(u) for u in rows], next_cursor=next_cursor)


@router.get("/{unit_id}")
def get_unit(unit_id: IdPath, session: SessionDep, caller: CallerDep) -> UnitPublic:
    """A unit of the caller's subtree."""
    return _public(service.get_unit(session, scope=caller.scope, unit_id=unit_id))


@router.get("/{unit_id}/lineage")
def unit_lineage(unit_id: IdPath, session: SessionDep, caller: CallerDep) -> UnitLineagePublic:
    """The units merged into this one, those it was merged into (the principal one first
    recorded), and where its figures land on today's tree."""
    return merge.lineage(session, scope=caller.scope, unit_id=unit_id)


@router.post(
    "/merge",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"description": "A retry of a merge already made: the same answer"},
        409: {"description": "The client id was used with another body, or the code exists"},
    },
)
def merge_units(
    body: UnitMergeRequest, response: Response, session: SessionDep, caller: AdminDep
) -> UnitMergeResult:
    """Merge units of one level into a new unit or an existing one, effective on a day: the
    sources (and their subtrees) end the day before, the lineage is recorded, no path changes.
    The caller administers a common ancestor of every unit named."""
    answer, new = merge.merge_units(session, scope=caller.scope, actor=caller.actor, body=body)
    if not new:
        response.status_code = status.HTTP_200_OK
    return answer


IMPORT_BODY = import_body(UnitImportRow)


@router.post("/import", status_code=status.HTTP_201_CREATED, openapi_extra=IMPORT_BODY)
def import_units(upload: UploadDep, session: SessionDep, caller: AdminDep) -> UnitImportResult:
    """A CSV (columns code,name,level,parent_code) or JSON list; all rows are created or none.

    Errors name the row: the line number for CSV (the header is line 1), the index for JSON.
    """
    is_json = "json" in upload.content_type or upload.filename.lower().endswith(".json")
    rows = service.parse_import(upload.content, "json" if is_json else "csv")
    created = service.import_units(session, scope=caller.scope, actor=caller.actor, raw_rows=rows)
    return UnitImportResult(created=len(created), items=[_public(u) for u in created[:1000]])
