"""The deadline rules as the API shows and changes them: a unit's admin sets, for each period
kind and each reporting level below the unit, how many days after the period's end its
subtree's reports of that level are due. Audited."""

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.audit import record
from ykien.core.errors import Forbidden, Invalid
from ykien.core.periods import PeriodKind
from ykien.periodic.deadlines import DEFAULT_DAYS, levels_below, rules_above
from ykien.periodic.models import PeriodicDeadline
from ykien.periodic.presenters import unit_ref
from ykien.periodic.schemas import DeadlineRule, DeadlineRules, DeadlineSet
from ykien.units.models import Unit, UnitLevel
from ykien.units.service import get_unit, unit_in_scope


def rules_of(session: Session, *, caller: Caller, unit_id: int) -> DeadlineRules:
    """The rule each level below the unit follows: the unit's own, else an ancestor's, else the
    default."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    assert unit.id is not None
    own = {
        (r.period_kind, r.level): r.days
        for r in session.scalars(
            select(PeriodicDeadline).where(col(PeriodicDeadline.unit_id) == unit.id)
        )
    }
    items = []
    for kind in PeriodKind:
        above = rules_above(session, unit, kind)
        for level in levels_below(unit.level):
            set_by: Unit | None = None
            if (kind.value, level) in own:
                days, set_by = own[(kind.value, level)], unit
            elif level in above:
                days, setter = above[level]
                set_by = session.get(Unit, setter)
            else:
                days = DEFAULT_DAYS[level]
            items.append(
                DeadlineRule(
                    period_kind=kind,
                    level=UnitLevel(level),
                    days=days,
                    set_by=unit_ref(set_by) if set_by else None,
                )
            )
    return DeadlineRules(unit=unit_ref(unit), items=items)


def set_rule(
    session: Session, *, caller: Caller, data: DeadlineSet, now: datetime
) -> DeadlineRules:
    """By the unit's own admins (or the superuser), for a reporting level below the unit."""
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    assert unit.id is not None
    caller.require_admin()
    if not caller.is_superuser and caller.unit_id != unit.id:
        raise Forbidden("Only the unit's own admins set the deadlines of the levels below it.")
    if data.level.value not in levels_below(unit.level):
        raise Invalid(
            ["body", "level"],
            f"a unit of level {unit.level} sets deadlines only for "
            f"{', '.join(levels_below(unit.level)) or 'no level'}",
        )
    row = session.scalars(
        select(PeriodicDeadline).where(
            col(PeriodicDeadline.unit_id) == unit.id,
            col(PeriodicDeadline.period_kind) == data.period_kind.value,
            col(PeriodicDeadline.level) == data.level.value,
        )
    ).first()
    before = {"days": row.days} if row else None
    if row is None:
        row = PeriodicDeadline(
            unit_id=unit.id,
            unit_path=unit.path,
            period_kind=data.period_kind.value,
            level=data.level.value,
            days=data.days,
        )
    row.days, row.updated_at, row.updated_by = data.days, now, caller.user_id
    session.add(row)
    session.flush()
    record(
        session, caller.actor, "update" if before else "create", "periodic_deadline", row.id,
        before=before,
        after={"period_kind": row.period_kind, "level": row.level, "days": row.days},
        unit_id=unit.id,
    )  # fmt: skip
    return rules_of(session, caller=caller, unit_id=unit.id)
