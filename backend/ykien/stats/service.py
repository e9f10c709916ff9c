"""Aggregate reads over the stored roll-ups: pick the smallest cuboid that answers, sum it.

The cost depends on the number of cells of one unit (children × the grouped dimensions), not on
the number of comments. Only a combination that no narrow cuboid keeps (e.g. category × day)
reads the leaf cuboid, summed over the subtree's units by path.
"""

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from operator import itemgetter
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Integer, SQLColumnExpression, func, select
from sqlalchemy import cast as sql_cast
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.consultations.models import Section
from ykien.core.gcpause import cyclic_gc_paused
from ykien.stats.models import MeetingCell, StatCell
from ykien.stats.rollup import (
    CUBOIDS,
    LEAF,
    LEAF_ONLY_LEVEL,
    cells_estimate,
    kept_at,
)
from ykien.stats.schemas import (
    Group,
    GroupBy,
    GroupKey,
    SectionLabel,
    Stats,
    StatsQuery,
    UnitLabel,
)
from ykien.units.models import Unit, UnitLevel
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit

COLUMN: dict[GroupBy, SQLColumnExpression[Any]] = {
    GroupBy.child: col(StatCell.child_id),
    GroupBy.section: col(StatCell.section_id),
    GroupBy.category: col(StatCell.category),
    GroupBy.stance: col(StatCell.stance),
    GroupBy.channel: col(StatCell.channel),
    GroupBy.organization: col(StatCell.organization),
    GroupBy.day: col(StatCell.day),
    GroupBy.level: col(StatCell.level),
}
# Dimensions stored as the codes of an enumeration: the answer holds its members.
ENUMERATION: dict[GroupBy, type[StrEnum]] = {
    GroupBy.category: Category,
    GroupBy.stance: Stance,
    GroupBy.channel: Channel,
    GroupBy.organization: Organization,
    GroupBy.level: UnitLevel,
}


def _needed(query: StatsQuery) -> set[str]:
    needed = {g.value for g in query.group_by}
    if query.section_id is not None:
        needed.add("section")
    if query.from_ is not None or query.to is not None:
        needed.add("day")
    return needed


def _smallest_covering(needed: set[str], depth: int) -> int | None:
    covering = [c for c in CUBOIDS if c != LEAF and needed <= CUBOIDS[c] and kept_at(c, depth)]
    return min(covering, key=cells_estimate) if covering else None


def choose_cuboid(query: StatsQuery, unit: Unit) -> int:
    """The covering cuboid with the fewest cells kept at the unit; the leaf (which derives
    child from paths) when none keeps every dimension asked for."""
    if unit.level == LEAF_ONLY_LEVEL:
        return LEAF
    return _smallest_covering(_needed(query), unit.depth) or LEAF


def _children_cuboid(
    session: Session, query: StatsQuery, unit: Unit
) -> tuple[int, list[str]] | None:
    """For a question no cuboid of the unit answers: a cuboid that every child keeps for the
    dimensions other than child (the children's cells then add up to the answer), with the
    children's paths, if any."""
    if unit.level == LEAF_ONLY_LEVEL:
        return None
    cuboid = _smallest_covering(_needed(query) - {"child"}, unit.depth + 1)
    if cuboid is None:
        return None
    children = session.execute(
        select(col(Unit.path), col(Unit.level)).where(col(Unit.parent_id) == unit.id)
    ).all()
    if any(level == LEAF_ONLY_LEVEL for _path, level in children):
        return None
    return cuboid, [path for path, _level in children]


def _filters(query: StatsQuery, cuboid: int) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [col(StatCell.cuboid) == cuboid]
    if query.consultation_id is not None:
        where.append(col(StatCell.consultation_id) == query.consultation_id)
    if query.document_id is not None:
        where.append(col(StatCell.document_id) == query.document_id)
    if query.section_id is not None:
        where.append(col(StatCell.section_id) == query.section_id)
    if query.from_ is not None:
        where.append(col(StatCell.day) >= query.from_)
    if query.to is not None:
        where.append(col(StatCell.day) <= query.to)
    return where


def _child_id(session: Session, path: str) -> ColumnElement[int]:
    """SQL: the id of the unit's child whose subtree holds a leaf cell (the path's next step),
    so that the database, not Python, sums a subtree per child."""
    rest = func.substr(StatCell.unit_path, len(path) + 1)
    is_pg = session.get_bind().dialect.name == "postgresql"
    slash = func.strpos(rest, "/") if is_pg else func.instr(rest, "/")
    return sql_cast(func.substr(rest, 1, slash - 1), Integer)


Row = tuple[list[Any], int, int]  # (values of the grouped dimensions, comments, people)
Columns = list[SQLColumnExpression[Any]]


def _grouped(session: Session, columns: Columns, where: list[ColumnElement[bool]]) -> list[Row]:
    stmt = select(*columns, func.sum(StatCell.comments), func.sum(StatCell.people)).where(*where)
    if columns:
        stmt = stmt.group_by(*columns)
    # Core rows, not ORM ones: thousands of groups cost a few µs each, and this is most of it.
    rows = session.connection().execute(stmt).all()
    return [(list(r[:-2]), r[-2] or 0, r[-1] or 0) for r in rows]


def _rows(session: Session, query: StatsQuery, unit: Unit, group_by: list[GroupBy]) -> list[Row]:
    """The grouped counts, from the fewest cells that hold them; values in group_by order,
    each key once."""
    cuboid = choose_cuboid(query, unit)
    if cuboid != LEAF:
        where = [*_filters(query, cuboid), col(StatCell.unit_path) == unit.path]
        return _grouped(session, [COLUMN[g] for g in group_by], where)

    by_child = GroupBy.child in group_by
    at = group_by.index(GroupBy.child) if by_child else 0
    others = [COLUMN[g] for g in group_by if g != GroupBy.child]

    def with_child(child: SQLColumnExpression[Any]) -> Columns:
        """The grouped columns with the child's in group_by's place (none without child)."""
        return [*others[:at], child, *others[at:]] if by_child else others

    children_cuboid = _children_cuboid(session, query, unit)
    if children_cuboid is None and not by_child:
        where = [*_filters(query, LEAF), in_subtree(StatCell.unit_path, unit.path)]
        return _grouped(session, others, where)

    # The unit's own entries: its own leaf cells (with child, the group whose child is null).
    own = _grouped(session, others, [*_filters(query, LEAF), col(StatCell.unit_path) == unit.path])
    if children_cuboid is not None:
        # Each child's own cells of a cuboid it keeps: a few hundred to a few thousand each,
        # read by the children's paths (one index range each; the subtree's range would hold
        # every descendant's cells of that cuboid too, a country's at the centre).
        cuboid, paths = children_cuboid
        below = (
            _grouped(
                session,
                with_child(col(StatCell.unit_id)),
                [*_filters(query, cuboid), col(StatCell.unit_path).in_(paths)],
            )
            if paths
            else []
        )
    else:
        # The leaf cells of the subtree, summed per child by the database.
        below = _grouped(
            session,
            with_child(_child_id(session, unit.path)),
            [
                *_filters(query, LEAF),
                in_subtree(StatCell.unit_path, unit.path),
                col(StatCell.unit_path) != unit.path,
            ],
        )
    if by_child:
        for values, _c, _p in own:
            values.insert(at, 0)
        return own + below
    sums: dict[tuple[Any, ...], list[int]] = {}
    for values, comments, people in own + below:
        acc = sums.setdefault(tuple(values), [0, 0])
        acc[0] += comments
        acc[1] += people
    return [(list(key), c, p) for key, (c, p) in sums.items()]


def stats(session: Session, *, caller: Caller, unit_id: int, query: StatsQuery) -> Stats:
    """The answer of ``GET /units/{id}/stats``: up to tens of thousands of groups, built without
    the cyclic garbage collector (they form no cycles)."""
    with cyclic_gc_paused():
        unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
        group_by = list(dict.fromkeys(query.group_by))  # repeated names count once, order kept
        rows = _rows(session, query, unit, group_by)
        meetings = _meetings(session, [unit], query).get(unit.id or 0, (0, 0))
        return _answer(_Labels(session, unit), unit, group_by, rows, meetings)


def stats_of_units(session: Session, units: Sequence[Unit], query: StatsQuery) -> dict[int, Stats]:
    """``stats`` of many units (by id), each as if asked alone but with no scope check (the
    lineage's reads, stats/eras.py, where a province that absorbed 143 communes asks ~145): one
    query per cuboid that answers them and one for their meetings, not five per unit. A unit
    whose answer needs its leaf cells is read alone."""
    with cyclic_gc_paused():
        group_by = list(dict.fromkeys(query.group_by))
        rows: dict[int, list[Row]] = {}
        by_cuboid: dict[int, dict[str, int]] = {}
        for unit in units:
            assert unit.id is not None  # stored units
            cuboid = choose_cuboid(query, unit)
            if cuboid == LEAF:
                rows[unit.id] = _rows(session, query, unit, group_by)
            else:
                by_cuboid.setdefault(cuboid, {})[unit.path] = unit.id
                rows[unit.id] = []
        for cuboid, unit_of in by_cuboid.items():
            where = [*_filters(query, cuboid), col(StatCell.unit_path).in_(unit_of)]
            columns = [col(StatCell.unit_path), *(COLUMN[g] for g in group_by)]
            for values, comments, people in _grouped(session, columns, where):
                rows[unit_of[values.pop(0)]].append((values, comments, people))
        meetings = _meetings(session, units, query)
        labels = _Labels(session, None)
        return {
            u.id: _answer(labels, u, group_by, rows[u.id], meetings.get(u.id, (0, 0)))
            for u in units
            if u.id is not None
        }


def _answer(
    labels: "_Labels",
    unit: Unit,
    group_by: list[GroupBy],
    rows: list[Row],
    meetings: tuple[int, int],
) -> Stats:
    assert unit.id is not None
    # Every read path yields each key once; cells whose counts went back to zero are dropped.
    rows = [row for row in rows if row[1] or row[2]]
    groups: list[Group] = []
    if group_by and rows:
        # Order on the stored values (cheap): days in order, otherwise most comments first
        # and ties by key (two stable sorts, no key tuple per row).
        rows.sort(key=itemgetter(0))
        if group_by != [GroupBy.day]:
            rows.sort(key=itemgetter(1), reverse=True)
        # Then the answer's keys column by column: names of children and sections looked up
        # once, every other value as stored (orjson writes dates as yyyy-mm-dd).
        columns = zip(*(values for values, _c, _p in rows), strict=True)
        labelled = [
            labels.column(dim, column) for dim, column in zip(group_by, columns, strict=True)
        ]
        # Filled a column at a time: a dict(zip(…)) per row costs three times as much. The
        # names are GroupBy's values, which are GroupKey's keys (a test holds them equal).
        names = [g.value for g in group_by]
        keys = [{names[0]: v} for v in labelled[0]]
        for name, column in zip(names[1:], labelled[1:], strict=True):
            for key, value in zip(keys, column, strict=True):
                key[name] = value
        groups = [
            {"key": key, "comments": comments, "people": people}
            for key, (_v, comments, people) in zip(cast(list[GroupKey], keys), rows, strict=True)
        ]
    return {
        "unit": _unit_label(unit.id, unit.name, unit.level),
        "totals": {
            "comments": sum(row[1] for row in rows),
            "people": sum(row[2] for row in rows),
            "meetings": meetings[0],
            "participants": meetings[1],
        },
        "groups": groups,
    }


def _meetings(
    session: Session, units: Sequence[Unit], query: StatsQuery
) -> dict[int, tuple[int, int]]:
    """Meetings and participants of each unit's subtree (kept at every node)."""
    unit_id = col(MeetingCell.unit_id)
    stmt = select(unit_id, func.sum(MeetingCell.meetings), func.sum(MeetingCell.participants))
    ids = [u.id for u in units]
    stmt = stmt.where(unit_id == ids[0] if len(ids) == 1 else unit_id.in_(ids))
    if query.consultation_id is not None:
        stmt = stmt.where(col(MeetingCell.consultation_id) == query.consultation_id)
    if query.from_ is not None:
        stmt = stmt.where(col(MeetingCell.day) >= query.from_)
    if query.to is not None:
        stmt = stmt.where(col(MeetingCell.day) <= query.to)
    found = session.connection().execute(stmt.group_by(unit_id))
    return {id_: (int(m or 0), int(p or 0)) for id_, m, p in found}


def _unit_label(id_: int, name: str, level: str) -> UnitLabel:
    return {"id": id_, "name": name, "level": UnitLevel(level)}


Label = TypeVar("Label", UnitLabel, SectionLabel)


class _Labels:
    """A column of stored values → the API's key values: children and sections by id (their
    names looked up once; 0 — the unit's own entries, the whole document — is null), codes as
    their enumeration's members (each converted once), days as stored. Sections are kept
    across the answers of ``stats_of_units``; children are those of one ``unit``."""

    def __init__(self, session: Session, unit: Unit | None) -> None:
        self.session, self.unit = session, unit
        self.sections: dict[int, SectionLabel] = {}

    def column(self, dim: GroupBy, column: tuple[Any, ...]) -> Sequence[Any]:
        if dim == GroupBy.child:
            assert self.unit is not None  # stats_of_units is not asked by child
            return _by_id(column, child_labels(self.session, self.unit, column))
        if dim == GroupBy.section:
            if missing := set(column) - {0} - self.sections.keys():
                self.sections.update(_sections(self.session, missing))
            return _by_id(column, self.sections)
        enumeration = ENUMERATION.get(dim)
        if enumeration is None:
            return column
        members = {code: enumeration(code) for code in set(column)}
        return [members[code] for code in column]


def _by_id(column: tuple[Any, ...], labels: Mapping[int, Label]) -> list[Label | None]:
    return [labels.get(v) for v in column]


def child_labels(session: Session, unit: Unit, ids: Iterable[int]) -> dict[int, UnitLabel]:
    """The unit's children of these ids (0, the unit's own entries, is none). One statement
    whatever their number: the unit's children by parent (an ``IN`` of a hundred ids is a new
    statement text for each count, compiled and planned every time), then the rare child of
    an earlier era moved since."""
    wanted = set(ids) - {0}
    if not wanted:
        return {}
    names = select(col(Unit.id), col(Unit.name), col(Unit.level))
    rows = list(session.execute(names.where(col(Unit.parent_id) == unit.id)))
    if missing := wanted - {id_ for id_, _name, _level in rows}:
        rows += session.execute(names.where(col(Unit.id).in_(missing)))
    return {id_: _unit_label(id_, name, level) for id_, name, level in rows if id_ in wanted}


def _sections(session: Session, ids: set[int]) -> dict[int, SectionLabel]:
    """The sections of these ids: those of the document of one of them, in one statement of
    one parameter (see ``child_labels``), then any of a second document."""
    labels = select(
        col(Section.id), col(Section.number), col(Section.heading), col(Section.document_id)
    )
    document = select(col(Section.document_id)).where(col(Section.id) == min(ids))
    rows = list(
        session.execute(labels.where(col(Section.document_id).in_(document.scalar_subquery())))
    )
    if missing := ids - {row[0] for row in rows}:
        rows += session.execute(labels.where(col(Section.id).in_(missing)))
    return {
        id_: {"id": id_, "number": number, "heading": heading, "document_id": document_id}
        for id_, number, heading, document_id in rows
        if id_ in ids
    }
