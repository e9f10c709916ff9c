"""A synthesis as the official report: fills ``reports.model.SynthesisReport`` from our data.

The wording of bodies follows administrative usage: the issuing body in capitals ("ỦY BAN MTTQ
VIỆT NAM TỈNH KIÊN GIANG"; a residential area's "BAN CÔNG TÁC MẶT TRẬN KHU PHỐ 1"); names inside
a sentence take a lower-case level word ("thành phố Rạch Giá"); the same-level Party committee
is named after the unit ("Ban Thường vụ Thành ủy Rạch Giá", "Đảng ủy phường Vĩnh Thanh Vân").
"""

import re
import unicodedata
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.consultations.models import Consultation, Document, Section
from ykien.core.clock import today_vn
from ykien.reports.model import (
    ReportDocument,
    ReportFigures,
    ReportItem,
    ReportSection,
    SynthesisReport,
)
from ykien.reports.progress_docx import ProgressLine, render_progress_docx
from ykien.reports.synthesis_docx import render_synthesis_docx
from ykien.reports.tables import Cell, Column, Table
from ykien.reports.vocabulary import LEVELS, SYNTHESIS_STATUSES, YES_NO, Language, label, words
from ykien.reports.wording import inline_name, place, split_name
from ykien.stats.rollup import path_ids
from ykien.stats.schemas import StatsQuery
from ykien.stats.service import stats
from ykien.syntheses import service
from ykien.syntheses.models import Synthesis
from ykien.syntheses.schemas import Progress, ProgressRow
from ykien.units.models import Unit, UnitLevel

# District-level Party committees: "Huyện X" → "Huyện ủy X".
DISTRICT_COMMITTEE = {
    "Thành phố": "Thành ủy",
    "Huyện": "Huyện ủy",
    "Thị xã": "Thị ủy",
    "Quận": "Quận ủy",
}
CONSULTATION_LEADS = ("lấy ý kiến góp ý ", "lấy ý kiến ", "góp ý ")


def issuing_body(unit: Unit) -> str:
    if unit.level == UnitLevel.residential_area.value:
        return f"BAN CÔNG TÁC MẶT TRẬN {unit.name.upper()}"
    if unit.level == UnitLevel.central.value:
        return "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM"
    return f"ỦY BAN MTTQ VIỆT NAM {unit.name.upper()}"


def standing_board(unit: Unit | None) -> str:
    """The Standing Board a report is addressed to (the level above)."""
    if unit is None or unit.level == UnitLevel.central.value:
        return "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam"
    return f"Ban Thường trực Ủy ban MTTQ Việt Nam {inline_name(unit.name)}"


def party_committee(unit: Unit) -> str:
    prefix, rest = split_name(unit.name)
    if unit.level == UnitLevel.central.value:
        return "Ban Bí thư Trung ương Đảng"
    if unit.level == UnitLevel.province.value:
        return f"Ban Thường vụ {'Thành ủy' if prefix == 'Thành phố' else 'Tỉnh ủy'} {rest}"
    if unit.level == UnitLevel.district.value:
        return f"Ban Thường vụ {DISTRICT_COMMITTEE.get(prefix, 'Huyện ủy')} {rest}"
    if unit.level == UnitLevel.commune.value:
        return f"Đảng ủy {inline_name(unit.name)}"
    return f"Chi bộ {inline_name(unit.name)}"


def place_name(session: Session, unit: Unit) -> str:
    """Where a report is dated: the unit's own locality (``wording.place``); a residential area,
    being no locality, is dated at its commune (the nearest ancestor that is one)."""
    locality = unit
    if unit.level == UnitLevel.residential_area.value:
        for ident in reversed(path_ids(unit.path)):
            ancestor = session.get(Unit, ident)
            if ancestor is not None and ancestor.level != UnitLevel.residential_area.value:
                locality = ancestor
                break
    return place(locality.name, locality.level)


def report_file_name(unit: Unit, version: int) -> str:
    """ "bao-cao-tong-hop-30280-lan-2.docx": the unit's code (letters, digits, dots, dashes)."""
    plain = unicodedata.normalize("NFKD", unit.code.replace("đ", "d").replace("Đ", "D"))
    ascii_code = "".join(c for c in plain if not unicodedata.combining(c))
    code = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_code).strip("-") or str(unit.id)
    return f"bao-cao-tong-hop-{code}-lan-{version}.docx"


def _document_comments(
    session: Session,
    caller: Caller,
    unit: Unit,
    synthesis: Synthesis,
    raw: dict[str, Any],
    document_id: int,
) -> int:
    """The comments on a document in the unit's subtree for the consultation: from the figures
    taken at submission when they hold them (``by_document``), else from today's roll-ups."""
    snapshot = raw.get("by_document", {}).get(str(document_id))
    if snapshot is not None:
        return int(snapshot["comments"])
    query = StatsQuery(consultation_id=synthesis.consultation_id, document_id=document_id)
    assert unit.id is not None
    answer = stats(session, caller=caller, unit_id=unit.id, query=query)
    return int(answer["totals"]["comments"])


def _consultation_title(consultation: Consultation) -> str:
    title = consultation.title.strip()
    for lead in CONSULTATION_LEADS:
        if title.lower().startswith(lead):
            title = title[len(lead) :]
            break
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _figures(raw: dict[str, Any]) -> ReportFigures:
    return ReportFigures(
        meetings=int(raw.get("meetings", 0)),
        participants=int(raw.get("participants", 0)),
        comments=int(raw.get("comments", 0)),
        people=int(raw.get("people", 0)),
        by_channel={k: int(v["comments"]) for k, v in raw.get("by_channel", {}).items()},
        by_category={k: int(v["comments"]) for k, v in raw.get("by_category", {}).items()},
        general_agreement=int(raw.get("agree_comments", 0)),
    )


def build_report(
    session: Session, *, caller: Caller, synthesis_id: uuid.UUID, now: datetime | None = None
) -> SynthesisReport:
    synthesis = service.get_synthesis(session, caller=caller, synthesis_id=synthesis_id)
    unit = session.get(Unit, synthesis.unit_id)
    consultation = session.get(Consultation, synthesis.consultation_id)
    assert unit is not None and consultation is not None
    parent = session.get(Unit, unit.parent_id) if unit.parent_id is not None else None
    raw = synthesis.figures
    if raw is None:  # a draft: today's figures
        raw = service.figures(
            session, caller=caller, unit=unit, consultation_id=synthesis.consultation_id
        )
    documents: dict[int, ReportDocument] = {}
    sections: dict[tuple[int, int | None], ReportSection] = {}
    order: dict[tuple[int, int | None], int] = {}
    for item in service.items_of(session, synthesis.id):
        if item.document_id not in documents:
            document = session.get(Document, item.document_id)
            assert document is not None and document.id is not None
            documents[item.document_id] = ReportDocument(
                code=document.code,
                title=document.title,
                comments=_document_comments(session, caller, unit, synthesis, raw, document.id),
            )
        key = (item.document_id, item.section_id)
        if key not in sections:
            section = session.get(Section, item.section_id) if item.section_id else None
            sections[key] = ReportSection(
                number=section.number if section else None,
                heading=section.heading if section else None,
            )
            order[key] = section.position if section else -1
        sections[key].items.append(
            ReportItem(
                stance=item.stance,
                summary=item.summary,
                comments=item.comments,
                people=item.people,
                recommendation=item.recommendation,
            )
        )
    for key in sorted(sections, key=lambda k: (k[0], order[k])):
        documents[key[0]].sections.append(sections[key])
    day = (synthesis.submitted_at and today_vn(synthesis.submitted_at)) or today_vn(now)
    return SynthesisReport(
        issuing_body=issuing_body(unit),
        parent_body=standing_board(parent),
        party_committee=party_committee(unit),
        place=place_name(session, unit),
        day=day,
        number=None,
        consultation_title=_consultation_title(consultation),
        unit_name=inline_name(unit.name),
        figures=_figures(raw),
        documents=[documents[k] for k in sorted(documents)],
        late=service.summaries(session, [synthesis], now=now)[0].late,
    )


def report_docx(
    session: Session, *, caller: Caller, synthesis_id: uuid.UUID, now: datetime | None = None
) -> tuple[str, bytes]:
    """The official report as a file: its name and its bytes."""
    report = build_report(session, caller=caller, synthesis_id=synthesis_id, now=now)
    synthesis = service.get_synthesis(session, caller=caller, synthesis_id=synthesis_id)
    unit = session.get(Unit, synthesis.unit_id)
    assert unit is not None
    return report_file_name(unit, synthesis.version), render_synthesis_docx(report)


def progress_docx(session: Session, answer: Progress, now: datetime) -> bytes:
    """The progress report as DOCX (per child: meetings, participants, comments, status)."""
    consultation = session.get(Consultation, answer.consultation_id)
    unit = session.get(Unit, int(answer.unit.id))
    lines = [
        ProgressLine(
            r.unit.name,
            r.meetings,
            r.participants,
            r.comments,
            r.people,
            label(SYNTHESIS_STATUSES, r.status),
            r.late,
            r.deadline,
        )
        for r in answer.items
    ]
    t = answer.totals
    totals = ProgressLine(
        "Tổng cộng (cả đơn vị)", t.meetings, t.participants, t.comments, t.people, "", False, None
    )
    return render_progress_docx(
        unit_name=answer.unit.name,
        consultation_title=consultation.title if consultation else "",
        place=place_name(session, unit) if unit else answer.unit.name,
        day=today_vn(now),
        lines=lines,
        totals=totals,
    )


def progress_columns(language: Language = "vi") -> list[Column[ProgressRow]]:
    """The progress file: one row per direct child (its synthesis's status, lateness, dates as
    dates and the submission instant in Vietnam's time), in the language asked."""

    def column(
        vi: str, en: str, code: str, get: Callable[[ProgressRow], Cell], width: float | None = 14
    ) -> Column[ProgressRow]:
        return Column(words(language, vi, en, code), get, width)

    return [
        column("Mã đơn vị", "Unit id", "unit_id", lambda r: r.unit.id, None),
        column("Đơn vị", "Unit", "unit_name", lambda r: r.unit.name, 32),
        column("Cấp", "Level", "level", lambda r: label(LEVELS, r.unit.level, language), None),
        column("Số hội nghị", "Meetings", "meetings", lambda r: r.meetings),
        column("Số người dự", "Participants", "participants", lambda r: r.participants),
        column("Số ý kiến", "Comments", "comments", lambda r: r.comments),
        column("Số lượt người góp ý", "People", "people", lambda r: r.people),
        column(
            "Tình trạng báo cáo",
            "Synthesis",
            "status",
            lambda r: label(SYNTHESIS_STATUSES, r.status, language),
        ),
        column("Trễ hạn", "Late", "late", lambda r: label(YES_NO, _yes(r.late), language)),
        column("Thời điểm gửi", "Submitted at", "submitted_at", lambda r: r.submitted_at, 20),
        column("Hạn gửi", "Deadline", "deadline", lambda r: r.deadline),
    ]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def progress_table(answer: Progress, language: Language = "vi") -> Table[ProgressRow]:
    """The progress file's table: a row per direct child, then the whole unit's totals in bold."""
    t = answer.totals
    total = words(language, "Tổng cộng (cả đơn vị)", "Total (whole unit)", "total")
    totals: list[Cell] = ["", total, "", t.meetings, t.participants, t.comments, t.people]
    sheet = words(language, "Tiến độ", "Progress", "progress")
    return Table(progress_columns(language), answer.items, sheet=sheet, footer=[totals])
