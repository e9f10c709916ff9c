"""Where a unit's children stand on their reports of a period: which reporting children have
submitted, been accepted or returned, and which are late against their deadlines."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.core.periods import Period
from ykien.periodic.deadlines import deadline_for, late, reports
from ykien.periodic.models import PeriodicReport, ReportStatus
from ykien.units.models import Unit

MISSING = "missing"
IN_HAND = (ReportStatus.submitted.value, ReportStatus.accepted.value)


@dataclass(frozen=True)
class ChildStatus:
    unit: Unit
    report: PeriodicReport | None
    deadline: date | None
    late: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report else MISSING


def children_status(
    session: Session, unit: Unit, period: Period, now: datetime
) -> list[ChildStatus]:
    """The unit's direct children that file reports, by name, each with its report of the
    period (if any), its deadline (as frozen at submission, else as the rules say now) and
    whether it is late (submitted after the deadline's day, or still not in hand past it)."""
    children = [
        child
        for child in session.scalars(
            select(Unit).where(col(Unit.parent_id) == unit.id).order_by(col(Unit.name))
        )
        if reports(child.level)
    ]
    filed = {
        r.unit_id: r
        for r in session.scalars(
            select(PeriodicReport).where(
                col(PeriodicReport.parent_unit_id) == unit.id,
                col(PeriodicReport.period) == period.key,
            )
        )
    }
    out = []
    for child in children:
        assert child.id is not None
        report = filed.get(child.id)
        if report is not None and report.deadline is not None:
            deadline: date | None = report.deadline
        else:
            deadline = deadline_for(session, child, period)
        in_hand = report is not None and report.status in IN_HAND
        submitted_at = report.submitted_at if report is not None and in_hand else None
        out.append(ChildStatus(child, report, deadline, late(deadline, submitted_at, now)))
    return out


def chain_counts(rows: list[ChildStatus]) -> dict[str, Any]:
    return {
        "children": len(rows),
        "submitted": sum(1 for r in rows if r.status in IN_HAND),
        "accepted": sum(1 for r in rows if r.status == ReportStatus.accepted.value),
        "returned": sum(1 for r in rows if r.status == ReportStatus.returned.value),
        "late": sum(1 for r in rows if r.late),
        "late_units": [r.unit.name for r in rows if r.late],
    }
