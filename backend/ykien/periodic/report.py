"""A periodic report as the official document: fills ``reports.periodic_docx.PeriodicDoc`` with
the names the synthesis report uses (``syntheses.report``: the issuing body, the Standing Board
above, the same-level Party committee, the place line) and the report's figures."""

import re
import unicodedata
from datetime import datetime

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.core.clock import today_vn
from ykien.core.periods import PeriodKind
from ykien.periodic.models import PeriodicReport, ReportStatus
from ykien.periodic.service import live_figures, period_of, unit_of
from ykien.reports.periodic_docx import PeriodicDoc, render_periodic_docx
from ykien.reports.wording import inline_name
from ykien.syntheses.report import issuing_body, party_committee, place_name, standing_board
from ykien.units.models import Unit, UnitLevel


def standing_committee(unit: Unit) -> str:
    """The same-level Party committee's Standing Committee: "Ban Thường vụ Tỉnh ủy Kiên Giang",
    "Ban Thường vụ Đảng ủy phường Vĩnh Thanh Vân"."""
    committee = party_committee(unit)
    if unit.level == UnitLevel.commune.value:
        return f"Ban Thường vụ {committee}"
    return committee


def file_name(unit: Unit, report: PeriodicReport) -> str:
    """ "bao-cao-30280-2026-11-lan-1.docx": the unit's code in ASCII, the period, the version."""
    plain = unicodedata.normalize("NFKD", unit.code.replace("đ", "d").replace("Đ", "D"))
    ascii_code = "".join(c for c in plain if not unicodedata.combining(c))
    code = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_code).strip("-") or str(unit.id)
    return f"bao-cao-{code}-{report.period}-lan-{report.version}.docx"


def periodic_docx(
    session: Session, caller: Caller, report: PeriodicReport, now: datetime
) -> tuple[bytes, str]:
    """The DOCX and its file name: the frozen figures once submitted, today's for a draft; dated
    the day it was submitted (or today)."""
    unit = unit_of(session, report)
    period = period_of(report)
    pending = report.status in (ReportStatus.draft.value, ReportStatus.returned.value)
    figures = report.figures if report.figures and not pending else None
    if figures is None:
        figures = live_figures(session, caller, report, now)
    parent = session.get(Unit, report.parent_unit_id) if report.parent_unit_id else None
    day = today_vn(report.submitted_at if not pending and report.submitted_at else now)
    doc = PeriodicDoc(
        issuing_body=issuing_body(unit),
        parent_body=standing_board(parent),
        party_committee=standing_committee(unit),
        place=place_name(session, unit),
        day=day,
        unit_name=inline_name(unit.name),
        period_label=period.label_vi(),
        final=period.kind == PeriodKind.final,
        figures=figures,
        sections=dict(report.sections),
    )
    return render_periodic_docx(doc), file_name(unit, report)
