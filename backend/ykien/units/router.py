"""HTTP for units: create, read, list, import."""

from typing import Annotated

from fastapi import APIRouter, Query, status

from ykien.accounts.dependencies import AdminDep, CallerDep
from ykien.core.deps import SessionDep
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdPath, IdQuery
from ykien.core.uploads import UploadDep, import_body
from ykien.units import service
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import UnitCreate, UnitImportResult, UnitImportRow, UnitPublic

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
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[UnitPublic]:
    """Units of the caller's subtree, in tree order."""
    rows, next_cursor = service.list_units(
        session,
        scope=caller.scope,
        parent_id=parent_id,
        level=level,
        q=q,
        limit=limit,
        cursor=cursor,
    )
    return Page(items=[_public(u) for u in rows], next_cursor=next_cursor)


@router.get("/{unit_id}")
def get_unit(unit_id: IdPath, session: SessionDep, caller: CallerDep) -> UnitPublic:
    """A unit of the caller's subtree."""
    return _public(service.get_unit(session, scope=caller.scope, unit_id=unit_id))


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
