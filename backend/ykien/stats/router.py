"""HTTP for aggregates: the counts every level watches."""

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Path, Query
from starlette.requests import Request
from starlette.responses import Response

from ykien.accounts.dependencies import CallerDep
from ykien.core.deps import SessionDep
from ykien.core.errors import Invalid
from ykien.core.params import IdPath, IdQuery
from ykien.core.responses import NOT_MODIFIED, revalidated
from ykien.reports.tables import XLSX_MEDIA_TYPE, Cell, Column, FileFormat, Table, download
from ykien.reports.vocabulary import (
    CATEGORIES,
    CHANNELS,
    LEVELS,
    ORGANIZATIONS,
    STANCES,
    Language,
    Term,
    Vocabulary,
    label,
    words,
)
from ykien.stats import eras
from ykien.stats.schemas import GroupBy, Stats, StatsQuery

router = APIRouter(prefix="/units", tags=["stats"])


async def stats_query(
    consultation_id: IdQuery = None,
    document_id: IdQuery = None,
    section_id: IdQuery = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
    group_by: Annotated[list[GroupBy], Query(max_length=8, description="Repeatable")] = [],  # noqa: B006
) -> StatsQuery:
    """The question asked of the roll-ups: filters and groupings."""
    if from_ is not None and to is not None and to < from_:
        raise Invalid(["query", "to"], "must not be before 'from'")
    return StatsQuery(
        consultation_id=consultation_id,
        document_id=document_id,
        section_id=section_id,
        from_=from_,
        to=to,
        group_by=group_by,
    )


StatsQueryDep = Annotated[StatsQuery, Depends(stats_query)]
LabelsQuery = Annotated[
    Language, Query(description="Files: headers and values in vi, en, or as codes")
]
TreeQuery = Annotated[
    eras.Tree,
    Query(
        description="`original`: the tree the comments were entered on; `current`: today's "
        "tree, old units' counts moved along their lineage (stats/eras.py)."
    ),
]


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
    query: StatsQueryDep,
    format: Annotated[
        Literal["json", "csv", "xlsx"],
        Query(description="`json` (the default), or the table as a CSV or XLSX file."),
    ] = "json",
    labels: LabelsQuery = "vi",
    tree: TreeQuery = "original",
) -> Response:
    """Counts for the unit and its whole subtree, optionally grouped; the groups of any grouping
    add up to ``totals``. With ``group_by=child``, the unit's own entries form the group whose
    ``child`` is null. JSON answers carry an ``ETag``: asked again with ``If-None-Match``, an
    unchanged answer is a 304 without a body."""
    answer = eras.stats(session, caller=caller, unit_id=unit_id, query=query, tree=tree)
    if format == "json":
        return revalidated(request, orjson.dumps(answer), "application/json")
    return _table(answer, query, format, labels)


@router.get(
    "/{unit_id}/stats.{file_format}",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}}}},
)
def unit_stats_file(
    unit_id: IdPath,
    file_format: Annotated[
        Literal["csv", "xlsx"], Path(description="The file's format: csv or xlsx.")
    ],
    session: SessionDep,
    caller: CallerDep,
    query: StatsQueryDep,
    labels: LabelsQuery = "vi",
    tree: TreeQuery = "original",
) -> Response:
    """The same counts as a file only (a generated client reads it as bytes): one row per
    group, then the counts; ``labels`` sets the headers' and values' language."""
    answer = eras.stats(session, caller=caller, unit_id=unit_id, query=query, tree=tree)
    return _table(answer, query, file_format, labels)


def _key(dim: str, field: str | None = None, none: Cell = "") -> Callable[[dict[str, Any]], Any]:
    """A group's value of one grouping; of a child or section, one field of it (or ``none``)."""

    def get(group: dict[str, Any]) -> Any:
        value = group["key"].get(dim)
        if field is None:
            return value
        return value[field] if value else none

    return get


def _enum_key(dim: GroupBy, language: Language) -> Callable[[dict[str, Any]], Any]:
    """A group's value of an enumerated grouping, in the language asked."""
    vocabulary, get = ENUMS[dim], _key(dim)
    return lambda group: label(vocabulary, get(group), language)


ENUMS: dict[GroupBy, Vocabulary] = {
    GroupBy.category: CATEGORIES,
    GroupBy.stance: STANCES,
    GroupBy.channel: CHANNELS,
    GroupBy.organization: ORGANIZATIONS,
    GroupBy.level: LEVELS,
}


def _columns(
    group_by: list[GroupBy], language: Language, document_id: int | None
) -> list[Column[dict[str, Any]]]:
    """A column per grouping (a child: id and name; a section: its document's id, its id, number
    and heading), then the counts; a row is a group. Enumerations in the language asked."""

    def column(vi: str, en: str, code: str, get: Callable[[dict[str, Any]], Any]) -> None:
        columns.append(Column(words(language, vi, en, code), get))

    columns: list[Column[dict[str, Any]]] = []
    own = words(language, "(trực tiếp)", "(own entries)", "")
    whole = words(language, "(cả văn kiện)", "(whole document)", "")
    for g in group_by:
        if g == GroupBy.child:
            column("ID đơn vị trực thuộc", "Child unit id", "child_id", _key(g, "id", None))
            column("Đơn vị trực thuộc", "Child unit", "child_name", _key(g, "name", own))
        elif g == GroupBy.section:
            doc = _key(g, "document_id", document_id)
            column("ID văn kiện", "Document id", "document_id", doc)
            column("ID mục", "Section id", "section_id", _key(g, "id", None))
            column("Mục", "Section", "section_number", _key(g, "number"))
            column("Tên mục", "Section heading", "section_heading", _key(g, "heading", whole))
        elif g == GroupBy.day:
            column("Ngày", "Day", "day", _key(g))
        else:
            term = STATS_HEADERS[g]
            column(term.vi, term.en, g.value, _enum_key(g, language))
    column("Số ý kiến", "Comments", "comments", itemgetter("comments"))
    column("Số lượt người", "People", "people", itemgetter("people"))
    return columns


STATS_HEADERS: dict[GroupBy, Term] = {
    GroupBy.category: Term("Đối tượng góp ý", "Category"),
    GroupBy.stance: Term("Loại ý kiến", "Stance"),
    GroupBy.channel: Term("Hình thức", "Channel"),
    GroupBy.organization: Term("Tổ chức thu thập", "Organization"),
    GroupBy.level: Term("Cấp", "Level"),
}


def _table(answer: Stats, query: StatsQuery, format: FileFormat, language: Language) -> Response:
    group_by = list(dict.fromkeys(query.group_by))
    rows: list[dict[str, Any]] = (
        [dict(g) for g in answer["groups"]] if group_by else [dict(answer["totals"])]
    )
    sheet = words(language, "Thống kê", "Statistics", "stats")
    table = Table(_columns(group_by, language, query.document_id), rows, sheet=sheet)
    return download(table, format=format, name=f"thong-ke-{answer['unit']['id']}")
