"""Units of both eras: which tree is valid on a day, and where merged units went.

Since 1 July 2025 the tree changed (districts abolished, provinces and communes merged). Old
units are never deleted nor moved: their paths key the roll-ups of the consultations that ran on
them. A unit is valid from ``valid_from`` (null: since always) to ``valid_to`` (null: still
valid), both included; a merge closes its sources and records ``unit_lineage`` rows.

Rules that live here:

- the tree valid on a day (``valid_on``): what the lists answer, today's by default;
- a consultation runs on the tree valid at its opening (``check_valid_for``): entry into a unit
  that was not valid that day is refused;
- where an old unit's figures land on today's tree (``EraMap``): with its *principal successor*
  — the first lineage row recorded for it (lowest id) — followed transitively; a unit without
  lineage of its own goes with its nearest ancestor that has one (a residential area with its
  merged commune; a district abolished with its province).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, select
from sqlalchemy.orm import object_session
from sqlmodel import Session, col

from ykien.core.clock import today_vn
from ykien.core.errors import Invalid
from ykien.units.models import Unit, UnitLineage
from ykien.units.scope import Scope, is_within
from ykien.units.tree import ancestor_paths

LINEAGE: Table = UnitLineage.__table__  # type: ignore[attr-defined]
UNIT: Table = Unit.__table__  # type: ignore[attr-defined]
# Built once: an alias's column collection costs more to build than the query to run.
_FIRST, _SECOND, _INTO = LINEAGE.alias("lineage_1"), LINEAGE.alias("lineage_2"), UNIT.alias("into")


def valid_on(day: date) -> ColumnElement[bool]:
    """SQL: the unit is valid on ``day``."""
    return and_(
        or_(col(Unit.valid_from).is_(None), col(Unit.valid_from) <= day),
        or_(col(Unit.valid_to).is_(None), col(Unit.valid_to) >= day),
    )


def is_valid_on(unit: Unit, day: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or unit.valid_to >= day
    )


def check_valid_for(
    unit: Unit, *, opened_on: date, owner_id: int, loc: Sequence[str | int]
) -> None:
    """A consultation runs on the tree valid at its opening — or, for a consultation of a unit
    already gone by then (a late one of the old tree), on the tree of that unit's last day:
    entry into a unit not valid that day is a 422 naming ``loc``."""
    if is_valid_on(unit, opened_on):
        return
    day = opened_on
    session = object_session(unit)
    owner = session.get(Unit, owner_id) if session is not None else None
    if owner is not None and owner.valid_to is not None and owner.valid_to < opened_on:
        day = owner.valid_to
    if not is_valid_on(unit, day):
        raise Invalid(
            loc,
            f"unit {unit.name} is not in the tree this consultation runs on "
            f"(the tree valid on {day:%d/%m/%Y})",
        )


def default_day(session: Session, *, scope: Scope, parent: Unit | None) -> date:
    """The day a list answers for when none is asked: today, except below a unit no longer
    valid (the parent listed, or the caller's own unit), whose last valid day is answered — a
    board of the old tree keeps seeing its own tree."""
    today = today_vn()
    anchor = parent
    if anchor is None and scope.path is not None:
        own_id = int(scope.path.rstrip("/").rsplit("/", 1)[-1])
        anchor = session.get(Unit, own_id)
    if anchor is not None and anchor.valid_to is not None and anchor.valid_to < today:
        return anchor.valid_to
    return today


def child_towards(unit: Unit, descendant_path: str) -> int | None:
    """The id of ``unit``'s child on the way down to ``descendant_path`` (None: the unit
    itself)."""
    steps = ancestor_paths(descendant_path)
    if len(steps) <= unit.depth + 1:
        return None
    return int(steps[unit.depth + 1].strip("/").rsplit("/", 1)[-1])


@dataclass
class EraMap:
    """The lineage as a map: each merged unit's principal successor, resolved to today's tree."""

    principal: dict[int, int] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)
    _above: dict[int, int | None] | None = None
    _below: dict[int, list[int]] | None = None

    def final(self, unit_id: int) -> int:
        """The unit ``unit_id``'s figures land in: its principal successors followed to one
        without a successor (a cycle, which merges cannot make, stops where it closes)."""
        seen = {unit_id}
        while unit_id in self.principal and self.principal[unit_id] not in seen:
            unit_id = self.principal[unit_id]
            seen.add(unit_id)
        return unit_id

    @property
    def sources(self) -> list[Unit]:
        return [self.units[i] for i in self.principal if i in self.units]

    def _source_above(self) -> dict[int, int | None]:
        """Each merged unit's nearest merged strict ancestor (None: none), found by walking up
        its path: a few steps each, whatever the number of merged units."""
        if self._above is None:
            by_path = {s.path: s.id or 0 for s in self.sources}
            self._above = {}
            for s in self.sources:
                up = [by_path[p] for p in ancestor_paths(s.path)[:-1] if p in by_path]
                self._above[s.id or 0] = up[-1] if up else None
        return self._above

    def nearest_sources_below(self, unit: Unit) -> list[Unit]:
        """The merged units strictly inside ``unit``'s subtree with no merged unit between."""
        above = self._source_above()
        if unit.id in above:  # a merged unit: those whose nearest merged ancestor it is
            if self._below is None:
                self._below = {}
                for i, parent in above.items():
                    if parent is not None:
                        self._below.setdefault(parent, []).append(i)
            return [self.units[i] for i in self._below.get(unit.id, [])]
        found = []
        for s in self.sources:
            if s.id == unit.id or not is_within(s.path, unit.path):
                continue
            parent = above[s.id or 0]
            # The nearest merged ancestor is outside the subtree, or is the unit itself.
            if (
                parent is None
                or parent == unit.id
                or not is_within(self.units[parent].path, unit.path)
            ):
                found.append(s)
        return found

    def lands_in(self, source: Unit, unit: Unit) -> bool:
        """The merged ``source``'s own part lands in ``unit``'s subtree of today's tree."""
        return is_within(self.units[self.final(source.id or 0)].path, unit.path)

    def effective_path(self, path: str) -> str:
        """Where figures entered at the unit with ``path`` land: the final successor of its
        nearest merged ancestor-or-self, or the unit itself."""
        by_path = {s.path: s for s in self.sources}
        for step in reversed(ancestor_paths(path)):
            source = by_path.get(step)
            if source is not None:
                return self.units[self.final(source.id or 0)].path
        return path


def era_map(session: Session) -> EraMap:
    """The whole lineage (a few thousand rows for a country: read at once)."""
    rows = session.execute(
        select(col(UnitLineage.from_unit_id), col(UnitLineage.to_unit_id)).order_by(
            col(UnitLineage.id)
        )
    ).all()
    principal: dict[int, int] = {}
    for from_id, to_id in rows:
        principal.setdefault(from_id, to_id)
    ids = set(principal) | set(principal.values())
    units = {u.id: u for u in _units(session, ids) if u.id is not None}
    return EraMap(principal=principal, units=units)


def _units(session: Session, ids: Iterable[int]) -> list[Unit]:
    wanted = list(ids)
    found: list[Unit] = []
    for i in range(0, len(wanted), 1_000):
        found += session.scalars(select(Unit).where(col(Unit.id).in_(wanted[i : i + 1_000])))
    return found


@lru_cache(maxsize=4096)
def went_into_reach(scope: Scope, unit_id_column: Any) -> ColumnElement[bool]:
    """SQL: the unit in ``unit_id_column`` went (in one or two merges) into a unit the scope
    reaches (its subtree or its ancestors): an old consultation of a merged province is read by
    the boards of the province it went into, to see its figures on today's tree.

    A correlated EXISTS probing the lineage by its source (indexed): a row without lineage costs
    one index look-up, unlike a recursive query of the whole lineage per read. Built once per
    scope (the expression is immutable; building it costs more than running it)."""
    first, second, into = _FIRST, _SECOND, _INTO
    one_merge = (
        select(first.c.id)
        .join(into, into.c.id == first.c.to_unit_id)
        .where(first.c.from_unit_id == unit_id_column, scope.reach_condition(into.c.path))
    )
    two_merges = (
        select(first.c.id)
        .join(second, second.c.from_unit_id == first.c.to_unit_id)
        .join(into, into.c.id == second.c.to_unit_id)
        .where(first.c.from_unit_id == unit_id_column, scope.reach_condition(into.c.path))
    )
    return or_(one_merge.exists(), two_merges.exists())
