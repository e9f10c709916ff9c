"""A unit's works rolled up over its subtree, computed when asked: one ``GROUP BY`` over the
subtree's range of ``ix_work_unit_path_seq``, its groups keyed by direct child (a ``CASE`` of the
children's subtree ranges), status, organisation, kind and overdue-ness — at most a few thousand
groups whatever the number of works — then summed into the views in Python.

Why no stored roll-up as for comments: works number thousands per province (≤ 100 k nationally)
and change status, which a stored roll-up would have to move between cells; the measured cost of
the query at 100 k works (bench/works.py, docs/performance.md) is a few tens of milliseconds at
the centre.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import case, func, literal
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.clock import today_vn
from ykien.core.errors import NotFound
from ykien.units.models import Unit
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit, readable_units
from ykien.works.access import readable_works
from ykien.works.models import FINAL, Work, WorkKind, WorkStatus
from ykien.works.schemas import (
    KindTotals,
    OrganizationTotals,
    Totals,
    UnitTotals,
    WorkSummary,
)

Group = tuple[int | None, str, str, str, bool]  # child, status, organization, kind, overdue


def _add(totals: Totals, status: str, overdue: bool, count: int, value: int) -> None:
    totals.count += count
    setattr(totals, status, getattr(totals, status) + count)
    if overdue:
        totals.overdue += count
    if status != WorkStatus.dropped:
        totals.value_vnd += value


def grouped(
    session: Session,
    caller: Caller,
    unit: Unit,
    children: list[Unit],
    today: date,
    organization: str | None = None,
    kind: str | None = None,
) -> list[tuple[Group, int, int]]:
    """(child id or None for the unit's own works, status, organization, kind, overdue) →
    count and summed value, over the unit's subtree."""
    child = (
        case(*((in_subtree(Work.unit_path, c.path), literal(c.id)) for c in children), else_=None)
        if children
        else literal(None)
    ).label("child")
    overdue = case(
        (
            col(Work.status).not_in([s.value for s in FINAL]) & (col(Work.due_on) < today),
            literal(1),
        ),
        else_=literal(0),
    ).label("overdue")
    stmt = (
        readable_works(caller)
        .with_only_columns(
            child,
            col(Work.status),
            col(Work.organization),
            col(Work.kind),
            overdue,
            func.count(),
            func.coalesce(func.sum(Work.value_vnd), 0),
        )
        .where(in_subtree(Work.unit_path, unit.path))
        .group_by(child, col(Work.status), col(Work.organization), col(Work.kind), overdue)
    )
    if organization is not None:
        stmt = stmt.where(col(Work.organization) == organization)
    if kind is not None:
        stmt = stmt.where(col(Work.kind) == kind)
    return [
        ((c, status, org, k, bool(od)), int(n), int(value))
        for c, status, org, k, od, n, value in session.execute(stmt)
    ]


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
    total = Totals()
    by_child: dict[int | None, Totals] = defaultdict(Totals)
    by_org: dict[str, Totals] = defaultdict(Totals)
    by_kind: dict[str, Totals] = defaultdict(Totals)
    for (child, status, org, k, od), n, value in grouped(
        session, caller, unit, children, today, organization, kind
    ):
        for totals in (total, by_child[child], by_org[org], by_kind[k]):
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
