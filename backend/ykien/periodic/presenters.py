"""Reports as the API answers them: the summary of a list, the whole report with its figures
(frozen, or computed now), its versions and its children's reports of the period."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.pagination import Page
from ykien.core.periods import PeriodKind
from ykien.periodic.chain import children_status
from ykien.periodic.deadlines import deadline_for, late
from ykien.periodic.models import PeriodicReport, ReportStatus
from ykien.periodic.schemas import (
    ChildReport,
    Figures,
    ReportPublic,
    ReportSummary,
    Sections,
    VersionPublic,
)
from ykien.periodic.service import live_figures, period_of, unit_of, versions_of
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import UnitRef

PENDING = (ReportStatus.draft.value, ReportStatus.returned.value)


def unit_ref(unit: Unit) -> UnitRef:
    assert unit.id is not None
    return UnitRef(id=unit.id, name=unit.name, level=UnitLevel(unit.level))


def _summary(session: Session, report: PeriodicReport, unit: Unit, now: datetime) -> ReportSummary:
    frozen = report.status not in PENDING
    deadline = report.deadline if frozen else deadline_for(session, unit, period_of(report))
    return ReportSummary(
        id=report.id,
        unit=unit_ref(unit),
        parent_unit_id=report.parent_unit_id,
        period=report.period,
        period_kind=PeriodKind(report.period_kind),
        period_start=report.period_start,
        period_end=report.period_end,
        status=ReportStatus(report.status),
        version=report.version,
        revision=report.revision,
        deadline=deadline,
        late=late(deadline, report.submitted_at if frozen else None, now),
        created_at=report.created_at,
        submitted_at=report.submitted_at,
        decided_at=report.decided_at,
        return_reason=report.return_reason,
    )


def page(
    session: Session, rows: Sequence[PeriodicReport], next_cursor: str | None, now: datetime
) -> Page[ReportSummary]:
    ids = {r.unit_id for r in rows}
    units = {u.id: u for u in session.scalars(select(Unit).where(col(Unit.id).in_(ids)))}
    return Page[ReportSummary](
        items=[_summary(session, r, units[r.unit_id], now) for r in rows],
        next_cursor=next_cursor,
    )


def public(session: Session, caller: Caller, report: PeriodicReport, now: datetime) -> ReportPublic:
    unit = unit_of(session, report)
    frozen = report.status not in PENDING and report.figures is not None
    figures = report.figures if frozen else live_figures(session, caller, report, now)
    children = [
        ChildReport(
            unit=unit_ref(row.unit),
            report_id=row.report.id if row.report else None,
            status=row.status,
            deadline=row.deadline,
            late=row.late,
            submitted_at=row.report.submitted_at if row.report else None,
        )
        for row in children_status(session, unit, period_of(report), now)
    ]
    versions = [
        VersionPublic(
            version=v.version,
            submitted_at=v.submitted_at,
            deadline=v.deadline,
            late=v.late,
            decision=v.decision,
            decided_at=v.decided_at,
            reason=v.reason,
        )
        for v in versions_of(session, report)
    ]
    return ReportPublic(
        **_summary(session, report, unit, now).model_dump(),
        sections=Sections.model_validate({k: v for k, v in report.sections.items() if v}),
        figures=Figures.model_validate(figures),
        figures_frozen=frozen,
        children=children,
        versions=versions,
    )
