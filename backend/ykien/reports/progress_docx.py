"""The progress report as DOCX: one row per child unit with concrete figures — the periodic
"each item with concrete figures" report of the source plan. Landscape A4, Times New Roman."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ykien.reports.docx_layout import set_font, setup_a4_landscape
from ykien.reports.wording import date_line, number_vi


@dataclass
class ProgressLine:
    unit: str
    meetings: int
    participants: int
    comments: int
    people: int
    status: str
    late: bool
    deadline: date | None


HEADER = ("Đơn vị", "Hội nghị", "Người dự", "Ý kiến", "Lượt người", "Báo cáo tổng hợp", "Hạn")


def render_progress_docx(
    *,
    unit_name: str,
    consultation_title: str,
    place: str,
    day: date,
    lines: Sequence[ProgressLine],
    totals: ProgressLine,
) -> bytes:
    document = Document()
    setup_a4_landscape(document)

    def paragraph(text: str, *, bold: bool = False, italic: bool = False, size: float = 13) -> None:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        set_font(run, size)

    paragraph(unit_name.upper(), bold=True)
    paragraph(date_line(place, day), italic=True)
    paragraph("BÁO CÁO TIẾN ĐỘ LẤY Ý KIẾN", bold=True, size=14)
    paragraph(consultation_title, bold=True)

    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        set_font(run, 12)
    for line in [*lines, totals]:
        status = line.status + (" (muộn)" if line.late else "")
        values = (
            line.unit,
            number_vi(line.meetings),
            number_vi(line.participants),
            number_vi(line.comments),
            number_vi(line.people),
            status,
            line.deadline.strftime("%d/%m/%Y") if line.deadline else "",
        )
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = line is totals
            set_font(run, 12)
            if 1 <= i <= 4:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
