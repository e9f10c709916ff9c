"""HTTP for aggregates: the counts every level watches."""

import csv
import io
import itertools
from datetime import date
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from ykien.accounts.dependencies import CallerDep
from ykien.core.deps import SessionDep
from ykien.core.errors import Invalid
from ykien.core.params import IdPath, IdQuery
from ykien.core.responses import NOT_MODIFIED, revalidated
from ykien.stats import service
from ykien.stats.schemas import GroupBy, GroupKey, Stats, StatsQuery

router = APIRouter(prefix="/units", tags=["stats"])

Cell = int | str | date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/{unit_id}/stats",
    response_model=Stats,
    responses={200: {"content": {"text/csv": {}, XLSX: {}}}, **NOT_MODIFIED},
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
    format: Literal["json", "csv", "xlsx"] = "json",
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


def _cells(key: GroupKey, dim: GroupBy) -> list[Cell]:
    """A group's columns in a table for one grouped dimension: children and sections by number
    and name, codes as stored, days as dates."""
    if dim == GroupBy.child:
        child = key.get("child")
        return [child["id"], child["name"]] if child else ["", "(trực tiếp)"]
    if dim == GroupBy.section:
        section = key.get("section")
        return [section["number"], section["heading"]] if section else ["", "(cả văn kiện)"]
    if dim == GroupBy.day:
        return [key["day"]]
    return [str(key.get(dim.value, ""))]


def _table(answer: Stats, group_by: list[GroupBy], format: str) -> Response:
    header: list[str] = []
    for g in group_by:
        header += {
            GroupBy.child: ["child_id", "child_name"],
            GroupBy.section: ["section_number", "section_heading"],
        }.get(g, [g.value])
    header += ["comments", "people"]
    rows = [
        [
            *itertools.chain.from_iterable(_cells(grp["key"], g) for g in group_by),
            grp["comments"],
            grp["people"],
        ]
        for grp in answer["groups"]
    ]
    if not group_by:
        rows = [[answer["totals"]["comments"], answer["totals"]["people"]]]
    name = f"thong-ke-{answer['unit']['id']}"
    if format == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        return Response(
            buffer.getvalue().encode(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    import xlsxwriter

    out = io.BytesIO()
    # Days are date cells, shown as Vietnamese readers write them (the CSV keeps yyyy-mm-dd).
    book = xlsxwriter.Workbook(out, {"in_memory": True, "default_date_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Thống kê")
    sheet.write_row(0, 0, header, book.add_format({"bold": True}))
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row)
    book.close()
    return Response(
        out.getvalue(),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )
