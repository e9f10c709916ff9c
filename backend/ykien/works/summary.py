"""``work_figures``: a unit's works over a period, for the periodic reports (section IV of the
plan: công trình, phần việc). Over the unit's whole subtree; the caller has checked the unit."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, literal, select
from sqlmodel import Session, col

from ykien.units.models import Unit
from ykien.units.scope import in_subtree
from ykien.works.models import Work, WorkStatus


@dataclass(frozen=True)
class WorkFigures:
    registered: int  # registered_on ≤ end, not dropped
    registered_in_period: int  # start ≤ registered_on ≤ end, not dropped
    in_progress: int  # in progress now, registered_on ≤ end
    done: int  # completed_on ≤ end
    done_in_period: int  # start ≤ completed_on ≤ end
    overdue: int  # due_on < end, neither done nor dropped
    value_vnd: int  # estimated values of the works counted in ``registered``
    # organization code → {"registered", "in_progress", "done"} (the definitions above)
    by_organization: dict[str, dict[str, int]] = field(default_factory=dict)


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, literal(1)), else_=literal(0))), 0)


def work_figures(session: Session, unit: Unit, start: date, end: date) -> WorkFigures:
    kept = col(Work.status) != WorkStatus.dropped.value
    registered = and_(kept, col(Work.registered_on) <= end)
    in_progress = and_(
        col(Work.status) == WorkStatus.in_progress.value, col(Work.registered_on) <= end
    )
    done = and_(col(Work.completed_on).is_not(None), col(Work.completed_on) <= end)
    stmt = (
        select(
            col(Work.organization),
            _count(registered),
            _count(and_(registered, col(Work.registered_on) >= start)),
            _count(in_progress),
            _count(done),
            _count(and_(done, col(Work.completed_on) >= start)),
            _count(
                and_(
                    col(Work.status).not_in([WorkStatus.done.value, WorkStatus.dropped.value]),
                    col(Work.due_on) < end,
                )
            ),
            func.coalesce(func.sum(case((registered, Work.value_vnd), else_=None)), 0),
        )
        .where(in_subtree(Work.unit_path, unit.path))
        .group_by(col(Work.organization))
    )
    totals = [0] * 7
    by_organization: dict[str, dict[str, int]] = {}
    for org, *values in session.execute(stmt):
        numbers = [int(v) for v in values]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        by_organization[org] = {
            "registered": numbers[0],
            "in_progress": numbers[2],
            "done": numbers[3],
        }
    return WorkFigures(
        registered=totals[0],
        registered_in_period=totals[1],
        in_progress=totals[2],
        done=totals[3],
        done_in_period=totals[4],
        overdue=totals[5],
        value_vnd=totals[6],
        by_organization=by_organization,
    )
