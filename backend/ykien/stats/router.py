"""HTTP for aggregates: the counts every level watches."""

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from ykien.accounts.dependencies import CallerDep
from ykien.core.deps import SessionDep
from ykien.core.errors import Invalid
from ykien.core.params import IdPath, IdQuery
from ykien.core.responses import NOT_MODIFIED, revalidated
from ykien.reports.tables import XLSX_MEDIA_TYPE, Column, FileFormat, Table, download
from ykien.stats import service
from ykien.stats.schemas import GroupBy, Stats, StatsQuery

router = APIRouter(prefix="/units", tags=["stats"])


@router.get(
    "/{unit_id}/stats",
    response_model=Stats,
    responses={200: {"content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}}}, **NOT_MODIFIED},
)
def unit_stats(
    request: Request,
    unit_id: IdPath,
    session: SessionDep,
    caller: CallerDep,
    consultation_id: IdQuery = None,
    document_id: IdQuery = None,
    section_id: IdQuery = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
    group_by: Annotated[list[GroupBy], Query(max_length=8, description="Repeatable")] = [],  # noqa: B006
    format: Annotated[
        Literal["json", "csv", "xlsx"],
        Query(description="`json` (the default), or the table as a CSV or XLSX file."),
    ] = "json",
) -> Response:
    """Counts for the unit and its whole subtree, optionally grouped; the groups of any grouping
    add up to ``totals``. With ``group_by=child``, the unit's own entries form the group whose
    ``child`` is null. JSON answers carry an ``ETag``: asked again with ``If-None-Match``, an
    unchanged answer is a 304 without a body."""
    if from_ is not None and to is not None and to < from_:
        raise Invalid(["query", "to"], "must not be before 'from'")
    query = StatsQuery(
        consultation_id=consultation_id,
        document_id=document_id,
        section_id=section_id,
        from_=from_,
        to=to,
        group_by=group_by,
    )
    answer = service.stats(session, caller=caller, unit_id=unit_id, query=query)
    if format == "json":
        return revalidated(request, orjson.dumps(answer), "application/json")
    return _table(answer, list(dict.fromkeys(group_by)), format)


def _key(dim: str, field: str | None = None, none: str = "") -> Callable[[dict[str, Any]], Any]:
    """A group's value of one grouping; of a child or section, one field of it (or ``none``)."""

    def get(group: dict[str, Any]) -> Any:
        value = group["key"][dim]
        if field is None:
            return value
        return value[field] if value else none

    return get


def _columns(group_by: list[GroupBy]) -> list[Column[dict[str, Any]]]:
    """A column per grouping (two for a child or a section), then the counts; a row is a group."""
    columns: list[Column[dict[str, Any]]] = []
    for g in group_by:
        if g == GroupBy.child:
            columns.append(Column("child_id", _key(g.value, "id")))
            columns.append(Column("child_name", _key(g.value, "name", "(trực tiếp)")))
        elif g == GroupBy.section:
            columns.append(Column("section_number", _key(g.value, "number")))
            columns.append(Column("section_heading", _key(g.value, "heading", "(cả văn kiện)")))
        else:
            columns.append(Column(g.value, _key(g.value)))
    columns.append(Column("comments", itemgetter("comments")))
    columns.append(Column("people", itemgetter("people")))
    return columns


def _table(answer: dict[str, Any], group_by: list[GroupBy], format: FileFormat) -> Response:
    rows = answer["groups"] if group_by else [answer["totals"]]
    table = Table(_columns(group_by), rows, sheet="Thống kê")
    return download(table, format=format, name=f"thong-ke-{answer['unit']['id']}")
