"""The synthesis report as a Word document, in the layout of Vietnamese administrative practice.

Follows Nghị định 30/2020/NĐ-CP (Appendix I) and the Front's own reports: A4, margins 20 mm top
and bottom, 30 mm left, 15 mm right, Times New Roman; a borderless two-column header (issuing body
and number on the left, national motto, place and date on the right, each block with a short rule
under it); the type "BÁO CÁO" and its subject centred in bold; the body in three parts (how the
comments were gathered, with concrete figures; the opinions per document and section with the
graded phrases; recommendations); then "Nơi nhận" and the signature block side by side.

The words come from ``reports.wording`` and ``reports.vocabulary``, the layout blocks from
``reports.docx_layout``; this module puts the parts in order.
"""

import io
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from ykien.reports.docx_layout import (
    BODY_PT,
    HEADER_PT,
    TEXT_WIDTH_CM,
    borderless_table,
    keep_row_together,
    page_numbers_from_page_two,
    paragraph,
    rule,
    setup_a4_portrait,
)
from ykien.reports.model import SynthesisReport
from ykien.reports.vocabulary import CATEGORIES, CHANNELS
from ykien.reports.wording import (
    breakdown,
    date_line,
    item_sentence,
    number_line,
    number_vi,
    percent_vi,
    recommendation_line,
    section_label,
    split_body,
    summary_text,
)

HEADER_WIDTHS = (6.3, 10.2)
FOOTER_WIDTHS = (8.0, 8.5)


def header(document: Any, *, issuing_body: str, number: str | None, place: str, day: date) -> None:
    """Two rows: the issuing body and the motto; then "Số:" and the place and date on one line.
    Every report of a Standing Board opens so (the periodic reports too)."""
    table = borderless_table(document, HEADER_WIDTHS, rows=2)
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    for line in split_body(issuing_body):
        paragraph(left, line, size=HEADER_PT, align=center, after=0, line=1.0)
    paragraph(left, "BAN THƯỜNG TRỰC", size=HEADER_PT, bold=True, align=center, after=0, line=1.0)
    rule(left, 2.5, HEADER_WIDTHS[0])

    paragraph(
        right,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        size=12.5,
        bold=True,
        align=center,
        after=0,
        line=1.0,
    )
    paragraph(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        size=BODY_PT,
        bold=True,
        align=center,
        after=0,
        line=1.0,
    )
    rule(right, 6.0, HEADER_WIDTHS[1])

    number_cell, day_cell = table.rows[1].cells
    paragraph(number_cell, number_line(number), size=HEADER_PT, align=center, after=0, line=1.0)
    paragraph(
        day_cell,
        date_line(place, day),
        size=BODY_PT,
        italic=True,
        align=center,
        after=0,
        line=1.0,
    )
    keep_row_together(table.rows[0])
    keep_row_together(table.rows[1])


def _title(document: Any, report: SynthesisReport) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, "BÁO CÁO", bold=True, align=center, before=18, after=0, line=1.0)
    paragraph(
        document,
        f"Tổng hợp ý kiến đóng góp vào {report.consultation_title}",
        bold=True,
        align=center,
        after=2,
        line=1.0,
    )
    rule(document, 4.0, TEXT_WIDTH_CM)


def _organisation(document: Any, report: SynthesisReport) -> None:
    f = report.figures
    paragraph(document, "I. CÔNG TÁC TỔ CHỨC LẤY Ý KIẾN", bold=True, indent=True, before=6)
    paragraph(
        document,
        f"- Ban Thường trực Ủy ban MTTQ Việt Nam {report.unit_name} và các cấp trực thuộc đã tổ "
        f"chức {number_vi(f.meetings)} hội nghị, buổi lấy ý kiến với {number_vi(f.participants)} "
        "lượt người tham dự.",
        indent=True,
    )
    lines = [
        f"- Tổng số ý kiến đóng góp: {number_vi(f.comments)} ý kiến của "
        f"{number_vi(f.people)} lượt người."
    ]
    if f.by_channel:
        lines.append(f"- Theo hình thức: {breakdown(f.by_channel, CHANNELS)}.")
    if f.by_category:
        lines.append(f"- Theo thành phần: {breakdown(f.by_category, CATEGORIES)}.")
    lines.append(
        f"- Có {number_vi(f.general_agreement)} ý kiến "
        f"({percent_vi(f.general_agreement, f.comments)}) thống nhất cao với nội dung các dự "
        "thảo, không có ý kiến bổ sung."
    )
    for line in lines:
        paragraph(document, line, indent=True)


def _opinions(document: Any, report: SynthesisReport) -> None:
    paragraph(document, "II. NỘI DUNG Ý KIẾN ĐÓNG GÓP", bold=True, indent=True, before=6)
    if not report.documents:
        paragraph(document, _no_items(report), indent=True)
    for n, doc in enumerate(report.documents, start=1):
        paragraph(document, f"{n}. Đối với {summary_text(doc.title)}", bold=True, indent=True)
        # the share of an item: of every comment on its document in the unit's subtree
        of = max(doc.comments, sum(i.comments for s in doc.sections for i in s.items))
        if not any(s.items for s in doc.sections):
            paragraph(document, "Không có ý kiến đóng góp.", indent=True)
        for section in doc.sections:
            if not section.items:
                continue
            paragraph(document, section_label(section), italic=True, bold=True, indent=True)
            items = sorted(section.items, key=lambda i: -i.comments)  # stable: ties keep order
            for item in items:
                paragraph(document, "- " + item_sentence(item, of), indent=True)


def _no_items(report: SynthesisReport) -> str:
    """Part II without items: never "no comments" under figures that count some."""
    f = report.figures
    if f.comments == 0:
        return "Không có ý kiến đóng góp."
    if f.general_agreement >= f.comments:
        return (
            f"Các ý kiến ({number_vi(f.comments)} ý kiến) đều thống nhất cao với nội dung các dự "
            "thảo, không có ý kiến sửa đổi, bổ sung."
        )
    return (
        f"Báo cáo này không tổng hợp riêng nội dung của {number_vi(f.comments)} ý kiến đã nêu "
        "tại phần I."
    )


def _recommendations(document: Any, report: SynthesisReport) -> None:
    paragraph(document, "III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True, indent=True, before=6)
    lines = [r.strip().rstrip(".;") for r in report.recommendations if r.strip()]
    for doc in report.documents:
        for section in doc.sections:
            for item in section.items:
                if item.recommendation:
                    lines.append(recommendation_line(item))
    if not lines:
        paragraph(document, "Không có kiến nghị, đề xuất.", indent=True)
    for n, line in enumerate(lines, start=1):
        end = "." if n == len(lines) else ";"
        paragraph(document, f"{n}. {line[0].upper()}{line[1:]}{end}", indent=True)
    closing = paragraph(
        document,
        f"Trên đây là báo cáo tổng hợp ý kiến đóng góp vào {report.consultation_title} của Ban "
        f"Thường trực Ủy ban MTTQ Việt Nam {report.unit_name}, kính gửi {report.parent_body} và "
        f"{report.party_committee} xem xét, tổng hợp./.",
        indent=True,
        before=6,
    )
    closing.paragraph_format.keep_with_next = True


def footer(
    document: Any,
    *,
    parent_body: str,
    party_committee: str,
    signer_title: str,
    signer_name: str | None,
) -> None:
    """ "Nơi nhận" and the signature block: one row that never splits, kept with the text above."""
    paragraph(document, after=0).paragraph_format.keep_with_next = True
    table = borderless_table(document, FOOTER_WIDTHS)
    keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    start = WD_ALIGN_PARAGRAPH.LEFT
    paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=start, after=0, line=1.0)
    for line in (
        f"- {parent_body} (báo cáo);",
        f"- {party_committee} (báo cáo);",
        "- Lưu: VT.",
    ):
        paragraph(left, line, size=11, align=start, after=0, line=1.0)

    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(right, "TM. BAN THƯỜNG TRỰC", bold=True, align=center, after=0, line=1.0)
    paragraph(right, signer_title.upper(), bold=True, align=center, after=0, line=1.0)
    signature_space = paragraph(right, align=center, after=0, line=1.0)
    for _ in range(4):
        signature_space.add_run().add_break(WD_BREAK.LINE)
    paragraph(right, signer_name or "", bold=True, align=center, after=0, line=1.0)


def render_synthesis_docx(report: SynthesisReport) -> bytes:
    """The report as a .docx file (bytes), ready to print, sign and send."""
    document = Document()
    setup_a4_portrait(document)
    page_numbers_from_page_two(document)
    header(
        document,
        issuing_body=report.issuing_body,
        number=report.number,
        place=report.place,
        day=report.day,
    )
    _title(document, report)
    paragraph(
        document,
        f"Ban Thường trực Ủy ban MTTQ Việt Nam {report.unit_name} báo cáo kết quả tổng hợp ý "
        f"kiến đóng góp của các tầng lớp nhân dân vào {report.consultation_title} như sau:",
        indent=True,
        before=12,
    )
    _organisation(document, report)
    _opinions(document, report)
    _recommendations(document, report)
    footer(
        document,
        parent_body=report.parent_body,
        party_committee=report.party_committee,
        signer_title=report.signer_title,
        signer_name=report.signer_name,
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
