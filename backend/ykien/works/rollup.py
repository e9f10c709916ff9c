"""A unit's works rolled up over its subtree, computed when asked, in two ``GROUP BY``s over
the subtree's range of the covering index ``ix_work_rollup`` (read from the index alone): one
per unit of the subtree (its path; Python then adds each path to the direct child it lies under,
found from the path's ancestors), one per organisation × kind × status × overdue-ness (a hundred
groups at most), from which the totals and the organisation and kind views are summed.

Why no stored roll-up as for comments: works number thousands per province (≤ 100 k nationally)
and change status, which a stored roll-up would have to move between cells; the measured cost
at 100 k works is in docs/performance.md ("Works", bench/works.py).
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, literal
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.clock import today_vn
from ykien.core.errors import NotFound
from ykien.units.models import Unit
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit, readable_units
from ykien.units.tree import ancestor_paths
from ykien.works.access import readable_works
from ykien.works.models import FINAL, Work, WorkKind, WorkStatus
from ykien.works.schemas import (
    KindTotals,
    OrganizationTotals,
    UnitTotals,
    WorkSummary,
    WorkTotals,
)

STATUSES = [s.value for s in WorkStatus]


def _overdue(today: date) -> Any:
    return col(Work.status).not_in([s.value for s in FINAL]) & (col(Work.due_on) < today)


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, literal(1)), else_=literal(0))), 0)


def _filtered(
    caller: Caller, unit: Unit, organization: str | None, kind: str | None, *columns: Any
) -> Select[Any]:
    stmt = (
        readable_works(caller)
        .with_only_columns(*columns)
        .where(in_subtree(Work.unit_path, unit.path))
    )
    if organization is not None:
        stmt = stmt.where(col(Work.organization) == organization)
    if kind is not None:
        stmt = stmt.where(col(Work.kind) == kind)
    return stmt


def per_unit(
    session: Session,
    caller: Caller,
    unit: Unit,
    today: date,
    organization: str | None = None,
    kind: str | None = None,
) -> Iterator[tuple[str, WorkTotals]]:
    """Each unit of the subtree that has works (its path) with its own works' totals: one
    ``GROUP BY unit_path`` over the subtree's range of the covering index ``ix_work_rollup``."""
    kept_value = case((col(Work.status) != WorkStatus.dropped.value, Work.value_vnd), else_=None)
    stmt = _filtered(
        caller,
        unit,
        organization,
        kind,
        col(Work.unit_path),
        func.count(),
        func.coalesce(func.sum(kept_value), 0),
        _count_if(_overdue(today)),
        *(_count_if(col(Work.status) == s) for s in STATUSES),
    ).group_by(col(Work.unit_path))
    for path, n, value, overdue, *by_status in session.execute(stmt):
        totals = WorkTotals(count=int(n), value_vnd=int(value), overdue=int(overdue))
        for status, count in zip(STATUSES, by_status, strict=True):
            setattr(totals, status, int(count))
        yield path, totals


def per_kind(
    session: Session,
    caller: Caller,
    unit: Unit,
    today: date,
    organization: str | None = None,
    kind: str | None = None,
) -> Iterator[tuple[tuple[str, str, str, bool], int, int]]:
    """(organization, kind, status, overdue) → count and summed value, over the subtree."""
    overdue = case((_overdue(today), literal(1)), else_=literal(0)).label("overdue")
    keys = (col(Work.organization), col(Work.kind), col(Work.status), overdue)
    stmt = _filtered(
        caller,
        unit,
        organization,
        kind,
        *keys,
        func.count(),
        func.coalesce(func.sum(Work.value_vnd), 0),
    ).group_by(*keys)
    for org, k, status, od, n, value in session.execute(stmt):
        yield (org, k, status, bool(od)), int(n), int(value)


def _add(totals: WorkTotals, status: str, overdue: bool, count: int, value: int) -> None:
    totals.count += count
    setattr(totals, status, getattr(totals, status) + count)
    if overdue:
        totals.overdue += count
    if status != WorkStatus.dropped:
        totals.value_vnd += value


def _merge(into: WorkTotals, more: WorkTotals) -> None:
    for key in WorkTotals.model_fields:
        setattr(into, key, getattr(into, key) + getattr(more, key))


def summary(
    session: Session,
    *,
    caller: Caller,
    unit_id: int | None,
    organization: str | None = None,
    kind: str | None = None,
) -> WorkSummary:
    """The roll-up of the unit (default: the caller's own, or its first readable root)."""
    unit = _unit(session, caller, unit_id)
    children = list(
        session.scalars(
            readable_units(caller.scope)
            .where(col(Unit.parent_id) == unit.id)
            .order_by(col(Unit.name), col(Unit.id))
        )
    )
    today = today_vn()
    total = WorkTotals()
    by_child: dict[int | None, WorkTotals] = defaultdict(WorkTotals)
    by_org: dict[str, WorkTotals] = defaultdict(WorkTotals)
    by_kind: dict[str, WorkTotals] = defaultdict(WorkTotals)
    child_of_path = {c.path: c.id for c in children}
    for path, totals in per_unit(session, caller, unit, today, organization, kind):
        below = ancestor_paths(path)[unit.depth + 1 : unit.depth + 2]
        _merge(by_child[child_of_path.get(below[0]) if below else None], totals)
    for (org, k, status, od), n, value in per_kind(
        session, caller, unit, today, organization, kind
    ):
        for totals in (total, by_org[org], by_kind[k]):
            _add(totals, status, od, n, value)
    rows = [UnitTotals(unit_id=c.id, name=c.name, totals=by_child[c.id]) for c in children]
    if None in by_child:
        rows.insert(0, UnitTotals(unit_id=None, name=None, totals=by_child[None]))
    assert unit.id is not None
    return WorkSummary(
        unit_id=unit.id,
        name=unit.name,
        as_of=today,
        totals=total,
        by_child=rows,
        by_organization=[
            OrganizationTotals(organization=o, totals=t)
            for o, t in sorted(by_org.items(), key=lambda kv: -kv[1].count)
        ],
        by_kind=[KindTotals(kind=WorkKind(k), totals=t) for k, t in sorted(by_kind.items())],
    )


def _unit(session: Session, caller: Caller, unit_id: int | None) -> Unit:
    if unit_id is None and caller.unit_id is not None:
        unit_id = caller.unit_id
    if unit_id is None:  # the superuser: its first root
        root = session.scalar(
            readable_units(caller.scope).where(col(Unit.parent_id).is_(None)).order_by(col(Unit.id))
        )
        if root is None:
            raise NotFound("There is no unit yet.")
        return root
    return get_unit(session, scope=caller.scope, unit_id=unit_id)
