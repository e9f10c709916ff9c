"""The periodic report (month, quarter, final) as a Word document, in the layout of the synthesis
report (Nghị định 30/2020/NĐ-CP): the same header and footer (``synthesis_docx.header``,
``footer``), "Kính gửi" the Front above and the same-level Party committee, then the plan's five
sections, each with the figures of the period and the unit's own words, and where the units
below stand on their reports.

Plain data in (``PeriodicDoc``): the periodic package fills it from the stored figures.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ykien.reports.docx_layout import (
    TEXT_WIDTH_CM,
    page_numbers_from_page_two,
    paragraph,
    rule,
    set_font,
    setup_a4_portrait,
)
from ykien.reports.synthesis_docx import footer, header
from ykien.reports.vocabulary import ORGANIZATIONS, prose
from ykien.reports.wording import number_vi

HEADINGS = {
    "I": "I. CÔNG TÁC TUYÊN TRUYỀN, NẮM TÌNH HÌNH NHÂN DÂN",
    "II": "II. CÔNG TÁC GÓP Ý DỰ THẢO VĂN KIỆN",
    "III": "III. CÔNG TÁC THAM GIA NHÂN SỰ, GIÁM SÁT",
    "IV": "IV. CÔNG TRÌNH, PHẦN VIỆC CHÀO MỪNG ĐẠI HỘI",
    "V": "V. CÔNG TÁC SAU ĐẠI HỘI",
}
NOTHING = "Trong kỳ không có nội dung phát sinh."
CHILD_HEADER = ("Đơn vị", "Hội nghị", "Người dự", "Ý kiến", "Lượt người")


@dataclass
class PeriodicDoc:
    issuing_body: str  # "ỦY BAN MTTQ VIỆT NAM PHƯỜNG VĨNH THANH VÂN"
    parent_body: str  # "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Rạch Giá"
    party_committee: str  # "Đảng ủy phường Vĩnh Thanh Vân"
    place: str
    day: date
    unit_name: str  # "phường Vĩnh Thanh Vân" (inside a sentence)
    period_label: str  # "tháng 11 năm 2026"
    final: bool  # the final report of a term ("báo cáo tổng hợp kết quả")
    figures: dict[str, Any]  # as stored (periodic.figures.compute)
    sections: dict[str, str] = field(default_factory=dict)  # "I"…"V" → the unit's text
    number: str | None = None
    signer_title: str = "PHÓ CHỦ TỊCH"
    signer_name: str | None = None


def subject(doc: PeriodicDoc) -> str:
    what = f"công tác Mặt trận tham gia Đại hội Đảng bộ các cấp {doc.period_label}"
    return f"Tổng hợp kết quả {what}" if doc.final else f"Kết quả {what}"


def _title(document: Any, doc: PeriodicDoc) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, "BÁO CÁO", bold=True, align=center, before=18, after=0, line=1.0)
    paragraph(document, subject(doc), bold=True, align=center, after=2, line=1.0)
    rule(document, 4.0, TEXT_WIDTH_CM)
    addressed = paragraph(document, align=center, before=12, after=0, line=1.0)
    run = addressed.add_run("Kính gửi:")
    set_font(run, 14)
    for line in (f"- {doc.parent_body};", f"- {doc.party_committee}."):
        paragraph(document, line, align=center, after=0, line=1.0)


def _free_text(document: Any, text: str) -> bool:
    """The unit's own words, a paragraph per line; False when there are none."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        paragraph(document, line, indent=True)
    return bool(lines)


def _sentiment_lines(figures: dict[str, Any]) -> list[str]:
    topics = figures.get("I", {}).get("topics") or []
    if not topics:
        return []
    parts = [
        f"{t['topic']}: {number_vi(int(t['comments']))} ý kiến của "
        f"{number_vi(int(t['people']))} lượt người"
        for t in topics
    ]
    return ["- Tâm tư, nguyện vọng của nhân dân tập trung vào: " + "; ".join(parts) + "."]


def _draft_lines(doc: PeriodicDoc) -> list[str]:
    f = doc.figures.get("II", {})
    return [
        f"- Ban Thường trực Ủy ban MTTQ Việt Nam {doc.unit_name} và các cấp trực thuộc đã tổ "
        f"chức {number_vi(f.get('meetings', 0))} hội nghị, buổi lấy ý kiến với "
        f"{number_vi(f.get('participants', 0))} lượt người tham dự.",
        f"- Tiếp nhận {number_vi(f.get('comments', 0))} ý kiến đóng góp của "
        f"{number_vi(f.get('people', 0))} lượt người.",
        f"- Gửi {number_vi(f.get('syntheses_submitted', 0))} báo cáo tổng hợp ý kiến; "
        f"{number_vi(f.get('syntheses_accepted', 0))} báo cáo được cấp trên chấp nhận.",
    ]


def _works_lines(figures: dict[str, Any]) -> list[str]:
    works = figures.get("IV", {}).get("works")
    if not works:
        return []
    lines = [
        f"- Đã đăng ký {number_vi(int(works.get('registered', 0)))} công trình, phần việc "
        f"(trong kỳ: {number_vi(int(works.get('registered_in_period', 0)))}); đang thực hiện "
        f"{number_vi(int(works.get('in_progress', 0)))}; hoàn thành "
        f"{number_vi(int(works.get('done', 0)))} (trong kỳ: "
        f"{number_vi(int(works.get('done_in_period', 0)))}); quá hạn "
        f"{number_vi(int(works.get('overdue', 0)))}.",
    ]
    if works.get("value_vnd"):
        lines.append(f"- Tổng giá trị ước tính: {number_vi(int(works['value_vnd']))} đồng.")
    for code, counts in sorted((works.get("by_organization") or {}).items()):
        lines.append(
            f"- {prose(ORGANIZATIONS, code)[:1].upper()}{prose(ORGANIZATIONS, code)[1:]}: "
            f"đăng ký {number_vi(int(counts.get('registered', 0)))}, đang thực hiện "
            f"{number_vi(int(counts.get('in_progress', 0)))}, hoàn thành "
            f"{number_vi(int(counts.get('done', 0)))}."
        )
    return lines


def _children_table(document: Any, figures: dict[str, Any]) -> None:
    rows = figures.get("II", {}).get("by_child") or []
    if not rows:
        return
    table = document.add_table(rows=1, cols=len(CHILD_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, CHILD_HEADER, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        set_font(run, 12)
    for row in rows:
        values = (
            str(row["unit"]["name"]),
            *(number_vi(int(row[k])) for k in ("meetings", "participants", "comments", "people")),
        )
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            run = cell.paragraphs[0].add_run(text)
            set_font(run, 12)
            if i:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(document, after=0)


def _chain_line(figures: dict[str, Any]) -> str | None:
    chain = figures.get("chain") or {}
    if not chain.get("children"):
        return None
    line = (
        f"Về chế độ báo cáo: {number_vi(chain['submitted'])}/{number_vi(chain['children'])} "
        f"đơn vị cấp dưới đã gửi báo cáo, {number_vi(chain['accepted'])} báo cáo đã được chấp "
        "nhận"
    )
    if chain.get("late"):
        names = ", ".join(chain.get("late_units") or [])
        line += f"; {number_vi(chain['late'])} đơn vị chậm báo cáo ({names})"
    return line + "."


def _section(document: Any, doc: PeriodicDoc, key: str) -> None:
    paragraph(document, HEADINGS[key], bold=True, indent=True, before=6)
    figures: list[str] = []
    if key == "I":
        figures = _sentiment_lines(doc.figures)
    elif key == "II":
        figures = _draft_lines(doc)
    elif key == "IV":
        figures = _works_lines(doc.figures)
    for line in figures:
        paragraph(document, line, indent=True)
    if key == "II":
        _children_table(document, doc.figures)
    wrote = _free_text(document, doc.sections.get(key, ""))
    if not figures and not wrote:
        paragraph(document, NOTHING, indent=True)


def render_periodic_docx(doc: PeriodicDoc) -> bytes:
    """The report as a .docx file (bytes), ready to print, sign and send."""
    document = Document()
    setup_a4_portrait(document)
    page_numbers_from_page_two(document)
    header(document, issuing_body=doc.issuing_body, number=doc.number, place=doc.place, day=doc.day)
    _title(document, doc)
    paragraph(
        document,
        f"Ban Thường trực Ủy ban MTTQ Việt Nam {doc.unit_name} báo cáo kết quả công tác Mặt "
        f"trận tham gia Đại hội Đảng bộ các cấp {doc.period_label} như sau:",
        indent=True,
        before=12,
    )
    for key in HEADINGS:
        _section(document, doc, key)
    chain = _chain_line(doc.figures)
    if chain:
        paragraph(document, chain, indent=True, before=6)
    closing = paragraph(
        document,
        f"Trên đây là báo cáo {doc.period_label} của Ban Thường trực Ủy ban MTTQ Việt Nam "
        f"{doc.unit_name}, kính gửi {doc.parent_body} và {doc.party_committee} để báo cáo./.",
        indent=True,
        before=6,
    )
    closing.paragraph_format.keep_with_next = True
    footer(
        document,
        parent_body=doc.parent_body,
        party_committee=doc.party_committee,
        signer_title=doc.signer_title,
        signer_name=doc.signer_name,
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
