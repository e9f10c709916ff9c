"""An old consultation's counts on today's tree (``GET /units/{id}/stats?tree=current``).

The roll-ups stay keyed by the paths of the tree a consultation ran on; this wraps
``stats.service.stats`` and moves the counts along the lineage (``units/eras.py``): the figures
entered at an old unit land in the final principal successor of its nearest merged
ancestor-or-self (an old commune's, and its residential areas', in the commune it went into).

For a unit U of today's tree, with M the merged units ("sources"):

    answer(U) = stats(U)
              − stats(S)  for each S of M inside U's subtree with no other source between
              + part(S)   for each S of M whose figures land inside U's subtree

where part(S) = stats(S) − stats(T) for the sources T nearest below S (what S's own part of the
old tree entered). The pieces are read from the roll-ups together (``stats_of_units``: one query
per cuboid and one for the meetings, however many sources), not one read per source.
With ``group_by=child`` a piece lands in U's child on the way to where it lands (null: U itself).
"""

from operator import itemgetter
from typing import Any, Literal, cast

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.core.clock import today_vn
from ykien.core.errors import Invalid
from ykien.stats import service
from ykien.stats.schemas import Group, GroupBy, GroupKey, Stats, StatsQuery
from ykien.units.eras import EraMap, child_towards, era_map, is_valid_on
from ykien.units.models import Unit, UnitLevel
from ykien.units.service import get_unit

Tree = Literal["original", "current"]


def stats(
    session: Session, *, caller: Caller, unit_id: int, query: StatsQuery, tree: Tree = "original"
) -> Stats:
    """The stats on the tree asked: ``original`` (as entered) or ``current`` (today's)."""
    if tree == "original":
        return service.stats(session, caller=caller, unit_id=unit_id, query=query)
    return current_stats(session, caller=caller, unit_id=unit_id, query=query)


Key = tuple[Any, ...]


class _Sums:
    """Signed sums of answers: groups by key, and the totals."""

    def __init__(self, group_by: list[GroupBy]) -> None:
        self.group_by = group_by
        self.groups: dict[Key, list[int]] = {}
        self.labels: dict[Key, dict[str, Any]] = {}
        self.totals = {"comments": 0, "people": 0, "meetings": 0, "participants": 0}

    def add(self, answer: Stats, sign: int, child: int | Literal["as-is"] | None) -> None:
        for name in self.totals:
            self.totals[name] += sign * cast(dict[str, int], answer["totals"])[name]
        groups = answer["groups"]
        if self.group_by == [GroupBy.child] and child != "as-is":
            # A piece asked without groupings: its totals are its one group.
            totals = answer["totals"]
            groups = [{"key": {}, "comments": totals["comments"], "people": totals["people"]}]
        for group in groups:
            values = cast(dict[str, Any], group["key"])
            key_parts: list[Any] = []
            label: dict[str, Any] = {}
            for dim in self.group_by:
                if dim == GroupBy.child:
                    if child == "as-is":
                        value = values.get("child")
                        child_id = value["id"] if value else None
                    else:
                        child_id = child
                    key_parts.append(child_id)
                    label["child"] = child_id
                elif dim == GroupBy.section:
                    value = values.get("section")
                    key_parts.append(value["id"] if value else None)
                    label["section"] = value
                else:
                    key_parts.append(values[dim.value])
                    label[dim.value] = values[dim.value]
            key = tuple(key_parts)
            acc = self.groups.setdefault(key, [0, 0])
            acc[0] += sign * group["comments"]
            acc[1] += sign * group["people"]
            self.labels.setdefault(key, label)


def current_stats(session: Session, *, caller: Caller, unit_id: int, query: StatsQuery) -> Stats:
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    emap = era_map(session)
    if unit.id in emap.principal or not is_valid_on(unit, today_vn()):
        raise Invalid(
            ["query", "tree"],
            f"{unit.name} is not in today's tree: ask the unit it went into (its lineage)",
        )
    if not emap.principal:
        return service.stats(session, caller=caller, unit_id=unit_id, query=query)

    group_by = list(dict.fromkeys(query.group_by))
    piece_query = query.model_copy(update={"group_by": [g for g in group_by if g != GroupBy.child]})
    # Every piece the answer needs, read together (a few queries, however many sources).
    landing = [s for s in emap.sources if emap.lands_in(s, unit)]
    needed = {s.id: s for s in emap.nearest_sources_below(unit)}
    for source in landing:
        needed |= {s.id: s for s in [source, *emap.nearest_sources_below(source)]}
    pieces = service.stats_of_units(session, list(needed.values()), piece_query)

    sums = _Sums(group_by)
    sums.add(service.stats(session, caller=caller, unit_id=unit_id, query=query), 1, "as-is")
    for source in emap.nearest_sources_below(unit):
        sums.add(pieces[source.id or 0], -1, child_towards(unit, source.path))
    for source in landing:
        child = child_towards(unit, _final(emap, source).path)
        sums.add(pieces[source.id or 0], 1, child)
        for below in emap.nearest_sources_below(source):
            sums.add(pieces[below.id or 0], -1, child)
    return _answer(session, unit, sums)


def _final(emap: EraMap, source: Unit) -> Unit:
    return emap.units[emap.final(source.id or 0)]


def _answer(session: Session, unit: Unit, sums: _Sums) -> Stats:
    assert unit.id is not None
    rows = [(key, c, p) for key, (c, p) in sums.groups.items() if c or p]
    if sums.group_by != [GroupBy.day]:
        rows.sort(key=lambda row: tuple((v is None, str(v)) for v in row[0]))
        rows.sort(key=itemgetter(1), reverse=True)
    else:
        rows.sort(key=itemgetter(0))
    ids = {sums.labels[key].get("child") for key, _c, _p in rows}
    children = service.child_labels(session, unit, (i for i in ids if i is not None))
    groups: list[Group] = []
    for key, comments, people in rows:
        label = dict(sums.labels[key])
        if "child" in label:
            label["child"] = children.get(label["child"]) if label["child"] else None
        groups.append({"key": cast(GroupKey, label), "comments": comments, "people": people})
    return {
        "unit": {"id": unit.id, "name": unit.name, "level": UnitLevel(unit.level)},
        "totals": {
            "comments": sums.totals["comments"],
            "people": sums.totals["people"],
            "meetings": sums.totals["meetings"],
            "participants": sums.totals["participants"],
        },
        "groups": groups,
    }
