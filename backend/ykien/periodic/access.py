"""Who may read and act on a periodic report: the readable query every get and list starts from,
and the object checks (the unit's own secretaries and admins draft and submit, the parent's
judge, only drafts and returned reports change)."""

import uuid

from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.errors import Conflict, Forbidden, NotFound
from ykien.periodic.models import PeriodicReport, ReportStatus

EDITABLE = (ReportStatus.draft.value, ReportStatus.returned.value)


def readable_reports(caller: Caller) -> Select[PeriodicReport]:
    """The reports the caller may read: those of the units of its subtree."""
    return select(PeriodicReport).where(caller.scope.condition(col(PeriodicReport.unit_path)))


def get_readable_report(session: Session, caller: Caller, report_id: uuid.UUID) -> PeriodicReport:
    """The report, or 404 when it does not exist or lies outside the caller's subtree."""
    report = session.scalars(
        readable_reports(caller).where(col(PeriodicReport.id) == report_id)
    ).first()
    if report is None:
        raise NotFound(f"Periodic report {report_id} does not exist.")
    return report


def require_own_compiler(caller: Caller, unit_id: int) -> None:
    """The unit's own secretaries and admins (or the superuser) draft and submit its reports."""
    caller.require_compiler()
    if not caller.is_superuser and caller.unit_id != unit_id:
        raise Forbidden("Only the secretaries and admins of the unit draft its periodic reports.")


def require_parent_compiler(caller: Caller, report: PeriodicReport) -> None:
    caller.require_compiler()
    if not caller.is_superuser and (
        report.parent_unit_id is None or caller.unit_id != report.parent_unit_id
    ):
        raise Forbidden("Only the secretaries and admins of the unit above judge its reports.")


def require_editable(report: PeriodicReport) -> None:
    if report.status not in EDITABLE:
        raise Conflict(
            f"The report is {report.status}: only a draft or a returned report can be changed "
            "or submitted."
        )


def report_for_writing(session: Session, caller: Caller, report_id: uuid.UUID) -> PeriodicReport:
    """A report the caller may change (404 unreadable, 403 not its compiler, 409 frozen)."""
    report = get_readable_report(session, caller, report_id)
    require_own_compiler(caller, report.unit_id)
    require_editable(report)
    return report
