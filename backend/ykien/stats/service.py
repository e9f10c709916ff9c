"""Aggregate reads over the stored roll-ups: pick the smallest cuboid that answers, sum it.

The cost depends on the number of cells of one unit (children × the grouped dimensions), not on
the number of comments. Only a combination that no narrow cuboid keeps (e.g. category × day)
reads the leaf cuboid, summed over the subtree's units by path.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.consultations.models import Section
from ykien.stats.models import MeetingCell, StatCell
from ykien.stats.rollup import (
    CUBOIDS,
    LEAF,
    LEAF_ONLY_LEVEL,
    cells_estimate,
    kept_at,
    path_ids,
)
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.units.models import Unit
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit

COLUMN = {
    GroupBy.child: StatCell.child_id,
    GroupBy.section: StatCell.section_id,
    GroupBy.category: StatCell.category,
    GroupBy.stance: StatCell.stance,
    GroupBy.channel: StatCell.channel,
    GroupBy.organization: StatCell.organization,
    GroupBy.day: StatCell.day,
    GroupBy.level: StatCell.level,
}


def choose_cuboid(query: StatsQuery, unit: Unit) -> int:
    """The covering cuboid with the fewest cells; the leaf (which derives child from paths)
    when no narrow one keeps every dimension asked for."""
    if unit.level == LEAF_ONLY_LEVEL:
        return LEAF
    needed = {g.value for g in query.group_by}
    if query.section_id is not None:
        needed.add("section")
    if query.from_ is not None or query.to is not None:
        needed.add("day")
    covering = [c for c in CUBOIDS if c != LEAF and needed <= CUBOIDS[c] and kept_at(c, unit.depth)]
    return min(covering, key=cells_estimate) if covering else LEAF


def _filters(query: StatsQuery, cuboid: int, unit: Unit) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [StatCell.cuboid == cuboid]
    if cuboid == LEAF:
        where.append(in_subtree(StatCell.unit_path, unit.path))
    else:
        where.append(StatCell.unit_path == unit.path)
    if query.consultation_id is not None:
        where.append(StatCell.consultation_id == query.consultation_id)
    if query.document_id is not None:
        where.append(StatCell.document_id == query.document_id)
    if query.section_id is not None:
        where.append(StatCell.section_id == query.section_id)
    if query.from_ is not None:
        where.append(StatCell.day >= query.from_)
    if query.to is not None:
        where.append(StatCell.day <= query.to)
    return where


def _child_path(session: Session, path: str) -> Any:
    """SQL: the path of the unit's child whose subtree holds a leaf cell (the unit's own path
    for its own entries), so that the database, not Python, sums a subtree per child."""
    rest = func.substr(StatCell.unit_path, len(path) + 1)
    is_pg = session.get_bind().dialect.name == "postgresql"
    slash = func.strpos(rest, "/") if is_pg else func.instr(rest, "/")
    return func.substr(StatCell.unit_path, 1, len(path) + slash)


def stats(session: Session, *, caller: Caller, unit_id: int, query: StatsQuery) -> dict[str, Any]:
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    group_by = list(dict.fromkeys(query.group_by))  # repeated names count once, order kept
    cuboid = choose_cuboid(query, unit)
    where = _filters(query, cuboid, unit)
    leaf_child = cuboid == LEAF and GroupBy.child in group_by
    columns: list[Any] = [COLUMN[g] for g in group_by if not (leaf_child and g == GroupBy.child)]
    if leaf_child:
        columns.append(_child_path(session, unit.path))
    stmt = select(*columns, func.sum(StatCell.comments), func.sum(StatCell.people)).where(*where)
    if columns:
        stmt = stmt.group_by(*columns)
    rows = session.execute(stmt).all()

    sums: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    own_ids = path_ids(unit.path)
    for row in rows:
        values = list(row[:-2])
        if leaf_child:
            ids = path_ids(values.pop())
            child = ids[len(own_ids)] if len(ids) > len(own_ids) else 0
            values.insert(group_by.index(GroupBy.child), child)
        acc = sums[tuple(values)]
        acc[0] += int(row[-2] or 0)
        acc[1] += int(row[-1] or 0)

    totals = [sum(v[0] for v in sums.values()), sum(v[1] for v in sums.values())]
    groups = []
    if group_by:
        names = _labels(session, group_by, sums)
        live = [(key, c, p) for key, (c, p) in sums.items() if c or p]
        # Order on the stored values (cheap), then build the answer's dictionaries once.
        if group_by == [GroupBy.day]:
            live.sort(key=lambda row: row[0])
        else:
            live.sort(key=lambda row: (-row[1], tuple(str(v) for v in row[0])))
        dims = [(g, g.value) for g in group_by]
        groups = [
            {
                "key": {name: names(g, v) for (g, name), v in zip(dims, key, strict=True)},
                "comments": comments,
                "people": people,
            }
            for key, comments, people in live
        ]
    meetings = _meetings(session, unit, query)
    return {
        "unit": {"id": unit.id, "name": unit.name, "level": unit.level},
        "totals": {
            "comments": totals[0],
            "people": totals[1],
            "meetings": meetings[0],
            "participants": meetings[1],
        },
        "groups": groups,
    }


def _meetings(session: Session, unit: Unit, query: StatsQuery) -> tuple[int, int]:
    stmt = select(func.sum(MeetingCell.meetings), func.sum(MeetingCell.participants)).where(
        MeetingCell.unit_id == unit.id
    )
    if query.consultation_id is not None:
        stmt = stmt.where(MeetingCell.consultation_id == query.consultation_id)
    if query.from_ is not None:
        stmt = stmt.where(MeetingCell.day >= query.from_)
    if query.to is not None:
        stmt = stmt.where(MeetingCell.day <= query.to)
    meetings, participants = session.execute(stmt).one()
    return int(meetings or 0), int(participants or 0)


def _labels(
    session: Session, group_by: list[GroupBy], sums: dict[tuple[Any, ...], list[int]]
) -> Any:
    """A function (dimension, stored value) → the API's key value, with names looked up once."""
    children: dict[int, dict[str, Any]] = {}
    sections: dict[int, dict[str, Any]] = {}
    if GroupBy.child in group_by:
        i = group_by.index(GroupBy.child)
        ids = {k[i] for k in sums if k[i]}
        if ids:
            rows = session.execute(select(Unit.id, Unit.name, Unit.level).where(Unit.id.in_(ids)))
            children = {uid: {"id": uid, "name": name, "level": level} for uid, name, level in rows}
    if GroupBy.section in group_by:
        i = group_by.index(GroupBy.section)
        ids = {k[i] for k in sums if k[i]}
        if ids:
            rows = session.execute(
                select(Section.id, Section.number, Section.heading).where(Section.id.in_(ids))
            )
            sections = {sid: {"id": sid, "number": n, "heading": h} for sid, n, h in rows}

    def label(dim: GroupBy, value: Any) -> Any:
        if dim == GroupBy.child:
            return children.get(value) if value else None
        if dim == GroupBy.section:
            return sections.get(value) if value else None
        if dim == GroupBy.day:
            return value.isoformat()
        return value

    return label
