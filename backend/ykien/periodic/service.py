"""Periodic reports and their state machine, in the synthesis chain's words: a unit opens (once
per period: a retry finds the same report) and edits a draft, submits it with its figures frozen
(a version), the unit above accepts it or returns it with a reason; a returned report is edited
again and resubmitted as the next version. Every change is audited."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.core.audit import record
from ykien.core.clock import today_vn
from ykien.core.errors import Conflict, Invalid, ProblemError
from ykien.core.pagination import Key, keyset_page
from ykien.core.periods import Period, PeriodKind, parse_period
from ykien.periodic.access import (
    get_readable_report,
    readable_reports,
    report_for_writing,
    require_own_compiler,
    require_parent_compiler,
)
from ykien.periodic.deadlines import deadline_for, late, reports
from ykien.periodic.figures import Context, compute
from ykien.periodic.models import (
    SECTION_KEYS,
    PeriodicReport,
    PeriodicReportVersion,
    ReportStatus,
)
from ykien.periodic.schemas import ReportCreate, SectionsUpdate
from ykien.units.models import Unit
from ykien.units.service import get_unit, unit_in_scope


class PreconditionFailed(ProblemError):
    """If-Match named a revision that is no longer the report's (someone changed it since)."""

    status, slug = 412, "precondition-failed"


def period_of(report: PeriodicReport) -> Period:
    return parse_period(report.period)


def unit_of(session: Session, report: PeriodicReport) -> Unit:
    unit = session.get(Unit, report.unit_id)
    assert unit is not None  # a foreign key
    return unit


def _audit_view(report: PeriodicReport) -> dict[str, Any]:
    return {
        "unit_id": report.unit_id,
        "period": report.period,
        "version": report.version,
        "status": report.status,
    }


def create_report(
    session: Session, *, caller: Caller, data: ReportCreate, now: datetime
) -> tuple[PeriodicReport, bool]:
    """The unit's report of the period, created as a draft, or the one that exists (False):
    one report per unit and period, so a retry answers the same report."""
    unit = unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    assert unit.id is not None
    require_own_compiler(caller, unit.id)
    if not reports(unit.level):
        raise Invalid(["body", "unit_id"], f"a unit of level {unit.level} files no periodic report")
    period = parse_period(data.period)
    if period.start > today_vn(now):
        raise Invalid(["body", "period"], "the period has not begun yet")
    existing = _find(session, unit.id, period)
    if existing is not None:
        return existing, False
    report = PeriodicReport(
        id=uuid7(),
        unit_id=unit.id,
        unit_path=unit.path,
        parent_unit_id=unit.parent_id,
        period_kind=period.kind.value,
        period=period.key,
        period_start=period.start,
        period_end=period.end,
        sections=dict.fromkeys(SECTION_KEYS, ""),
        created_at=now,
        updated_at=now,
        created_by=caller.user_id,
    )
    try:
        with session.begin_nested():  # a concurrent twin may win the unique key: answer it
            session.add(report)
            session.flush()
    except IntegrityError:
        twin = _find(session, unit.id, period)
        if twin is None:
            raise
        return twin, False
    record(
        session, caller.actor, "create", "periodic_report", report.id,
        after=_audit_view(report), unit_id=report.unit_id,
    )  # fmt: skip
    return report, True


def _find(session: Session, unit_id: int, period: Period) -> PeriodicReport | None:
    return session.scalars(
        select(PeriodicReport).where(
            col(PeriodicReport.unit_id) == unit_id, col(PeriodicReport.period) == period.key
        )
    ).first()


def list_reports(
    session: Session,
    *,
    caller: Caller,
    unit_id: int | None,
    parent_id: int | None,
    period: str | None,
    period_kind: PeriodKind | None,
    status: ReportStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[PeriodicReport], str | None]:
    """Latest periods first, then by creation; ``unit_id``: that unit's own reports;
    ``parent_id``: its direct children's."""
    stmt = readable_reports(caller)
    if unit_id is not None:
        get_unit(session, scope=caller.scope, unit_id=unit_id)
        stmt = stmt.where(col(PeriodicReport.unit_id) == unit_id)
    if parent_id is not None:
        get_unit(session, scope=caller.scope, unit_id=parent_id)
        stmt = stmt.where(col(PeriodicReport.parent_unit_id) == parent_id)
    if period is not None:
        stmt = stmt.where(col(PeriodicReport.period) == period)
    if period_kind is not None:
        stmt = stmt.where(col(PeriodicReport.period_kind) == period_kind.value)
    if status is not None:
        stmt = stmt.where(col(PeriodicReport.status) == status.value)
    keys = [Key(col(PeriodicReport.period_end), descending=True), Key(col(PeriodicReport.id))]
    return keyset_page(session, stmt, keys, cursor=cursor, limit=limit)


def get_report(session: Session, *, caller: Caller, report_id: uuid.UUID) -> PeriodicReport:
    return get_readable_report(session, caller, report_id)


def check_revision(report: PeriodicReport, if_match: str | None) -> None:
    """``If-Match`` (when given) must name the report's current revision (its ETag)."""
    if if_match is None or if_match.strip() == "*":
        return
    wanted = {tag.strip().removeprefix("W/").strip('"') for tag in if_match.split(",")}
    if str(report.revision) not in wanted:
        raise PreconditionFailed(
            f"The report changed since you read it (now revision {report.revision}): reload it "
            "and apply your changes again."
        )


def update_sections(
    session: Session,
    *,
    caller: Caller,
    report_id: uuid.UUID,
    data: SectionsUpdate,
    if_match: str | None,
    now: datetime,
) -> PeriodicReport:
    report = report_for_writing(session, caller, report_id)
    check_revision(report, if_match)
    given = data.model_dump(exclude_unset=True, exclude_none=True)
    before = {key: report.sections.get(key, "") for key in given}
    changed = {key: text for key, text in given.items() if before[key] != text}
    if changed:
        report.sections = {**report.sections, **changed}
        report.revision += 1
        report.updated_at = now
        session.add(report)
        session.flush()
        record(
            session, caller.actor, "update", "periodic_report", report.id,
            before={k: before[k] for k in changed}, after=changed, unit_id=report.unit_id,
        )  # fmt: skip
    return report


def live_figures(
    session: Session, caller: Caller, report: PeriodicReport, now: datetime
) -> dict[str, Any]:
    return compute(Context(session, caller, unit_of(session, report), period_of(report), now))


def submit(
    session: Session,
    *,
    caller: Caller,
    report_id: uuid.UUID,
    if_match: str | None,
    now: datetime,
) -> PeriodicReport:
    """Freeze the figures of the moment and the deadline into the report and a new version."""
    report = report_for_writing(session, caller, report_id)
    check_revision(report, if_match)
    unit = unit_of(session, report)
    period = period_of(report)
    resubmission = report.status == ReportStatus.returned.value
    before = _audit_view(report)
    if resubmission:
        report.version += 1
    report.figures = compute(Context(session, caller, unit, period, now))
    report.deadline = deadline_for(session, unit, period)
    report.status = ReportStatus.submitted.value
    report.submitted_at = report.updated_at = now
    report.submitted_by = caller.user_id
    report.decided_at = report.decided_by = None
    report.revision += 1
    session.add(report)
    session.add(
        PeriodicReportVersion(
            report_id=report.id,
            version=report.version,
            sections=dict(report.sections),
            figures=report.figures,
            deadline=report.deadline,
            late=late(report.deadline, now, now),
            submitted_at=now,
            submitted_by=caller.user_id,
        )
    )
    session.flush()
    record(
        session, caller.actor, "submit", "periodic_report", report.id,
        before=before, after=_audit_view(report) | {"figures": report.figures},
        unit_id=report.unit_id,
    )  # fmt: skip
    return report


def _judge(
    session: Session,
    *,
    caller: Caller,
    report_id: uuid.UUID,
    to: ReportStatus,
    reason: str | None,
    now: datetime,
) -> PeriodicReport:
    report = get_readable_report(session, caller, report_id)
    require_parent_compiler(caller, report)
    if report.status != ReportStatus.submitted.value:
        raise Conflict(
            f"The report is {report.status}: only a submitted one can be accepted or returned."
        )
    report.status = to.value
    report.decided_at = report.updated_at = now
    report.decided_by = caller.user_id
    report.return_reason = reason
    report.revision += 1
    version = session.scalars(
        select(PeriodicReportVersion).where(
            col(PeriodicReportVersion.report_id) == report.id,
            col(PeriodicReportVersion.version) == report.version,
        )
    ).one()
    version.decision, version.decided_at = to.value, now
    version.decided_by, version.reason = caller.user_id, reason
    session.add_all([report, version])
    session.flush()
    record(
        session, caller.actor, "accept" if to == ReportStatus.accepted else "return",
        "periodic_report", report.id, before={"status": ReportStatus.submitted.value},
        after={"status": to.value, "version": report.version, "reason": reason},
        unit_id=report.unit_id,
    )  # fmt: skip
    return report


def accept(
    session: Session, *, caller: Caller, report_id: uuid.UUID, now: datetime
) -> PeriodicReport:
    return _judge(
        session, caller=caller, report_id=report_id, to=ReportStatus.accepted, reason=None, now=now
    )


def return_(
    session: Session, *, caller: Caller, report_id: uuid.UUID, reason: str, now: datetime
) -> PeriodicReport:
    """The unit edits the report again (its figures live again) and resubmits it."""
    return _judge(
        session,
        caller=caller,
        report_id=report_id,
        to=ReportStatus.returned,
        reason=reason,
        now=now,
    )


def versions_of(session: Session, report: PeriodicReport) -> list[PeriodicReportVersion]:
    return list(
        session.scalars(
            select(PeriodicReportVersion)
            .where(col(PeriodicReportVersion.report_id) == report.id)
            .order_by(col(PeriodicReportVersion.version))
        )
    )
