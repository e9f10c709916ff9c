"""Who files periodic reports, by when, and who sets the dates.

A report is due ``days`` days after its period's last day (a month's report with 20 days: the
20th of the next month). The rule is data: a unit's admin sets it for each level below the unit
(``PeriodicDeadline``); a report follows the rule of its nearest ancestor that sets one for its
level and period kind, else the defaults below (the source plan's practice: the commune by the
20th, the district by the 22nd, the province by the 25th). Lateness is judged at the end of the
deadline's day in Asia/Ho_Chi_Minh, as for syntheses (``syntheses.deadlines.is_late``).
"""

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.core.periods import Period, PeriodKind
from ykien.periodic.models import PeriodicDeadline
from ykien.stats.rollup import path_ids
from ykien.syntheses.deadlines import is_late
from ykien.units.models import LEVEL_RANK, Unit, UnitLevel

# The levels that file periodic reports (a residential area's board reports to its commune by
# other means; the centre files none).
REPORTING_LEVELS = (UnitLevel.province.value, UnitLevel.district.value, UnitLevel.commune.value)
DEFAULT_DAYS: dict[str, int] = {
    UnitLevel.commune.value: 20,
    UnitLevel.district.value: 22,
    UnitLevel.province.value: 25,
}


def reports(level: str) -> bool:
    return level in REPORTING_LEVELS


def levels_below(level: str) -> list[str]:
    """The reporting levels a unit of ``level`` may set deadlines for."""
    return [lv for lv in REPORTING_LEVELS if LEVEL_RANK[lv] > LEVEL_RANK[level]]


def rules_above(session: Session, unit: Unit, kind: PeriodKind) -> dict[str, tuple[int, int]]:
    """For each level: (days, the unit that sets them), from the nearest ancestor of ``unit``
    (itself excluded) that sets a rule for that level and kind."""
    ancestors = path_ids(unit.path)[:-1]
    depth = {ident: i for i, ident in enumerate(ancestors)}
    rows = session.scalars(
        select(PeriodicDeadline).where(
            col(PeriodicDeadline.unit_id).in_(ancestors),
            col(PeriodicDeadline.period_kind) == kind.value,
        )
    ).all()
    best: dict[str, tuple[int, int]] = {}
    for row in sorted(rows, key=lambda r: depth[r.unit_id]):  # the deepest one last, and wins
        best[row.level] = (row.days, row.unit_id)
    return best


def days_for(session: Session, unit: Unit, kind: PeriodKind) -> int | None:
    """The days after the period's end the unit's report is due; None: the level files none."""
    if not reports(unit.level):
        return None
    rule = rules_above(session, unit, kind).get(unit.level)
    return rule[0] if rule else DEFAULT_DAYS[unit.level]


def deadline_for(session: Session, unit: Unit, period: Period) -> date | None:
    days = days_for(session, unit, period.kind)
    return None if days is None else period.end + timedelta(days=days)


def late(deadline: date | None, submitted_at: datetime | None, now: datetime) -> bool:
    return is_late(deadline, submitted_at, now)
