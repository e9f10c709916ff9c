"""HTTP for periodic reports: create (idempotent per unit and period), list, read, edit the
sections (ETag / If-Match), submit, return, accept, the DOCX; and the deadline rules."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, status
from starlette.responses import Response

from ykien.accounts.dependencies import AdminDep, CallerDep, CompilerDep
from ykien.core.db import utcnow
from ykien.core.deps import SessionDep
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdPath, IdQuery
from ykien.core.periods import PeriodKind
from ykien.periodic import rules, service
from ykien.periodic.models import ReportStatus
from ykien.periodic.presenters import page, public
from ykien.periodic.report import periodic_docx
from ykien.periodic.schemas import (
    PERIOD_PATTERN,
    DeadlineRules,
    DeadlineSet,
    ReportCreate,
    ReportPublic,
    ReportSummary,
    ReturnBody,
    SectionsUpdate,
)

router = APIRouter(tags=["periodic reports"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def get_now() -> datetime:
    """The present instant; tests override this dependency to judge deadlines at set times."""
    return utcnow()


NowDep = Annotated[datetime, Depends(get_now)]
IfMatch = Annotated[
    str | None,
    Header(
        max_length=200,
        description='The report\'s ETag as read (`"<revision>"`): refused with 412 if the '
        "report changed since. Optional.",
    ),
]
PeriodQuery = Annotated[
    str | None,
    Query(max_length=16, pattern=PERIOD_PATTERN, description="Only reports of this period."),
]
STALE: dict[int | str, dict[str, Any]] = {412: {"description": "If-Match names an older revision"}}


def _answer(response: Response, report: ReportPublic) -> ReportPublic:
    response.headers["ETag"] = f'"{report.revision}"'
    return report


@router.post(
    "/periodic-reports",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "The unit's report of that period exists: it is answered"}},
)
def create_report(
    body: ReportCreate, response: Response, session: SessionDep, caller: CompilerDep, now: NowDep
) -> ReportPublic:
    """The caller's unit's report of the period, drafted with the period's figures (201), or
    the one that exists (200): one report per unit and period, so a retry is harmless. The
    unit's secretaries and admins draft; residential areas and the centre file none (422)."""
    report, created = service.create_report(session, caller=caller, data=body, now=now)
    if not created:
        response.status_code = status.HTTP_200_OK
    return _answer(response, public(session, caller, report, now))


@router.get("/periodic-reports")
def list_reports(
    session: SessionDep,
    caller: CallerDep,
    now: NowDep,
    unit_id: Annotated[IdQuery, Query(description="Only this unit's own reports.")] = None,
    parent_id: Annotated[
        IdQuery, Query(description="Only the reports of this unit's direct children.")
    ] = None,
    period: PeriodQuery = None,
    period_kind: Annotated[
        PeriodKind | None, Query(description="Only reports of this kind of period.")
    ] = None,
    status: ReportStatus | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[ReportSummary]:
    """Reports of the caller's subtree, latest periods first."""
    rows, next_cursor = service.list_reports(
        session,
        caller=caller,
        unit_id=unit_id,
        parent_id=parent_id,
        period=period,
        period_kind=period_kind,
        status=status,
        limit=limit,
        cursor=cursor,
    )
    return page(session, rows, next_cursor, now)


@router.get("/periodic-reports/{report_id}")
def get_report(
    report_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    caller: CallerDep,
    now: NowDep,
) -> ReportPublic:
    """The report with its sections, its figures (frozen once submitted, computed now while a
    draft or returned), its versions, and its children's reports of the period. ``ETag``: the
    revision, for ``If-Match``."""
    report = service.get_report(session, caller=caller, report_id=report_id)
    return _answer(response, public(session, caller, report, now))


@router.patch(
    "/periodic-reports/{report_id}",
    responses={409: {"description": "Submitted or accepted: frozen"}, **STALE},
)
def update_report(
    report_id: uuid.UUID,
    body: SectionsUpdate,
    response: Response,
    session: SessionDep,
    caller: CompilerDep,
    now: NowDep,
    if_match: IfMatch = None,
) -> ReportPublic:
    """Change the free text of some sections (a draft's or a returned report's), by the unit's
    secretaries and admins."""
    report = service.update_sections(
        session, caller=caller, report_id=report_id, data=body, if_match=if_match, now=now
    )
    return _answer(response, public(session, caller, report, now))


@router.post(
    "/periodic-reports/{report_id}/submit",
    responses={409: {"description": "Not a draft nor returned"}, **STALE},
)
def submit_report(
    report_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    caller: CompilerDep,
    now: NowDep,
    if_match: IfMatch = None,
) -> ReportPublic:
    """Send it up: the figures of the moment and the deadline are frozen into the report and a
    new version (a returned report is resubmitted as the next version)."""
    report = service.submit(session, caller=caller, report_id=report_id, if_match=if_match, now=now)
    return _answer(response, public(session, caller, report, now))


@router.post(
    "/periodic-reports/{report_id}/accept", responses={409: {"description": "Not submitted"}}
)
def accept_report(
    report_id: uuid.UUID, response: Response, session: SessionDep, caller: CompilerDep, now: NowDep
) -> ReportPublic:
    """By the secretaries and admins of the unit above; 409 unless submitted. Final."""
    report = service.accept(session, caller=caller, report_id=report_id, now=now)
    return _answer(response, public(session, caller, report, now))


@router.post(
    "/periodic-reports/{report_id}/return", responses={409: {"description": "Not submitted"}}
)
def return_report(
    report_id: uuid.UUID,
    body: ReturnBody,
    response: Response,
    session: SessionDep,
    caller: CompilerDep,
    now: NowDep,
) -> ReportPublic:
    """By the secretaries and admins of the unit above, with the reason; 409 unless submitted.
    The unit edits it again and resubmits."""
    report = service.return_(
        session, caller=caller, report_id=report_id, reason=body.reason, now=now
    )
    return _answer(response, public(session, caller, report, now))


@router.get(
    "/periodic-reports/{report_id}/report.docx",
    response_class=Response,
    responses={200: {"content": {DOCX: {}}}},
)
def report_docx(
    report_id: uuid.UUID, session: SessionDep, caller: CallerDep, now: NowDep
) -> Response:
    """The report as a Word document in the administrative layout: addressed to the Standing
    Board above and the same-level Party committee, the five sections with the period's
    figures and the unit's text. A draft renders with today's figures and date."""
    report = service.get_report(session, caller=caller, report_id=report_id)
    content, name = periodic_docx(session, caller, report, now)
    return Response(
        content,
        media_type=DOCX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/periodic-deadlines/{unit_id}")
def deadline_rules(unit_id: IdPath, session: SessionDep, caller: CallerDep) -> DeadlineRules:
    """The deadline each reporting level below the unit follows, for each period kind: the
    unit's own rule, else an ancestor's, else the default (commune 20, district 22, province
    25 days after the period's end)."""
    return rules.rules_of(session, caller=caller, unit_id=unit_id)


@router.put("/periodic-deadlines")
def set_deadline_rule(
    body: DeadlineSet, session: SessionDep, caller: AdminDep, now: NowDep
) -> DeadlineRules:
    """Set how many days after a period's end the reports of a level below the unit are due
    (the unit's own admins). Applies to reports not yet submitted."""
    return rules.set_rule(session, caller=caller, data=body, now=now)
