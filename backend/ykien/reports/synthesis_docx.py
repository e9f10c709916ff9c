"""The synthesis report as a Word document, in the layout of Vietnamese administrative practice.

Follows Nghị định 30/2020/NĐ-CP (Appendix I) and the Front's own reports: A4, margins 20 mm top
and bottom, 30 mm left, 15 mm right, Times New Roman; a borderless two-column header (issuing body
and number on the left, national motto, place and date on the right, each block with a short rule
under it); the type "BÁO CÁO" and its subject centred in bold; the body in three parts (how the
comments were gathered, with concrete figures; the opinions per document and section with the
graded phrases; recommendations); then "Nơi nhận" and the signature block side by side.

The graded phrase of an item depends on its share of the comments of its section
(``graded_phrase``): "Đa số ý kiến" above half, "Nhiều ý kiến" from a quarter, "Một số ý kiến"
for two or more, "Có ý kiến" for one.
"""

import io
import re
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ykien.core.text import fold
from ykien.reports.model import ReportItem, ReportSection, SynthesisReport

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
SYMBOL = "BC-MTTQ-BTT"

CHANNEL_LABELS: dict[str, str] = {
    "meeting": "qua hội nghị, buổi lấy ý kiến",
    "written": "bằng văn bản",
    "online": "trực tuyến",
    "media": "qua phương tiện thông tin đại chúng",
    "other": "hình thức khác",
}
CATEGORY_LABELS: dict[str, str] = {
    "citizen": "nhân dân ở khu dân cư",
    "front_committee_member": "ủy viên Ủy ban MTTQ Việt Nam",
    "advisory_council": "thành viên Hội đồng tư vấn, Ban tư vấn",
    "notable_person": "nhân sĩ, trí thức, người có uy tín, chức sắc tôn giáo",
    "cadre": "cán bộ, công chức, viên chức, người lao động",
    "member_organization": "các tổ chức thành viên",
    "party_member": "đảng viên",
    "other": "thành phần khác",
}
STANCE_WORDS: dict[str, str] = {
    "agree": "tán thành",
    "amend": "đề nghị sửa đổi",
    "add": "đề nghị bổ sung",
    "disagree": "không tán thành",
    "other": "nêu",
}
# A summary that already opens with a stance verb gets no stance wording in front of it.
_STANCE_OPENINGS = (
    "de nghi",
    "kien nghi",
    "de xuat",
    "tan thanh",
    "thong nhat",
    "nhat tri",
    "dong y",
    "dong tinh",
    "khong",
    "chua",
    "can ",
    "nen ",
    "neu",
    "cho rang",
    "mong",
)


def number_vi(n: int) -> str:
    """12345 → "12.345": Vietnamese groups thousands with dots."""
    return f"{n:,}".replace(",", ".")


def percent_vi(part: int, whole: int) -> str:
    """Share with one decimal and a decimal comma: "43,2%"."""
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "0%"


def date_line(place: str, day: date) -> str:
    """ "Kiên Giang, ngày 05 tháng 9 năm 2020": days below 10 and months 1, 2 take a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: str | None) -> str:
    """ "Số: 12/BC-MTTQ-BTT"; blank for the clerk to fill in when there is no number yet."""
    if number is None or not number.strip():
        return f"Số:        /{SYMBOL}"
    number = re.sub(r"^\s*Số\s*:?\s*", "", number.strip())
    return f"Số: {number}" if "/" in number else f"Số: {number}/{SYMBOL}"


def graded_phrase(comments: int, section_comments: int) -> str:
    """The graded phrase of an item holding ``comments`` of its section's ``section_comments``."""
    if comments <= 1:
        return "Có ý kiến"
    if 2 * comments > section_comments:
        return f"Đa số ý kiến ({number_vi(comments)} ý kiến)"
    if 4 * comments >= section_comments:
        return f"Nhiều ý kiến ({number_vi(comments)} ý kiến)"
    return f"Một số ý kiến ({number_vi(comments)} ý kiến)"


def _summary_text(summary: str) -> str:
    text = summary.strip().rstrip(".;:")
    words = text.split()
    # lower the first letter ("Đề nghị …" → "đề nghị …") but not a proper name ("Phú Quốc …")
    if len(words) >= 1 and words[0][1:].islower():
        proper = len(words) >= 2 and words[1][:1].isupper()
        if not proper:
            text = text[0].lower() + text[1:]
    return text


def item_sentence(item: ReportItem, section_comments: int) -> str:
    """ "Nhiều ý kiến (12 ý kiến) đề nghị bổ sung giải pháp …." for one item."""
    summary = _summary_text(item.summary)
    folded = fold(summary) + " "
    stance = "" if folded.startswith(_STANCE_OPENINGS) else STANCE_WORDS.get(item.stance, "nêu")
    phrase = graded_phrase(item.comments, section_comments)
    if item.people > item.comments:
        phrase = phrase.replace(" ý kiến)", f" ý kiến, {number_vi(item.people)} lượt người)")
        if item.comments <= 1:
            phrase += f" ({number_vi(item.people)} lượt người)"
    return " ".join(p for p in (phrase, stance, summary) if p) + "."


# --- low-level layout --------------------------------------------------------------------------


def _font(run_element: object, size: float | None = None) -> None:
    """Times New Roman for every script of a run (Word picks the font per script)."""
    rpr = run_element._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    run_element.font.name = FONT  # type: ignore[attr-defined]
    if size is not None:
        run_element.font.size = Pt(size)  # type: ignore[attr-defined]


def _paragraph(
    container: object,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    before: float = 0,
    after: float = 6,
    line: float = 1.15,
) -> object:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        _font(run, size)
    return paragraph


def _runs(paragraph: object, parts: list[tuple[str, bool, bool]], size: float = BODY_PT) -> None:
    for text, bold, italic in parts:
        run = paragraph.add_run(text)  # type: ignore[attr-defined]
        run.bold = bold
        run.italic = italic
        _font(run, size)


def _rule(container: object, width_cm: float, cell_width_cm: float) -> None:
    """A short centred horizontal rule: an empty paragraph with a top border, indented."""
    paragraph = _paragraph(container, size=4, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, line=1.0)
    side = max((cell_width_cm - width_cm) / 2, 0)
    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    run = paragraph.add_run("")  # type: ignore[attr-defined]
    _font(run, 4)


def _borderless_table(document: object, widths_cm: tuple[float, float]) -> object:
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    return table


def _split_body(issuing_body: str) -> list[str]:
    """ "ỦY BAN MTTQ VIỆT NAM TỈNH KIÊN GIANG" → its two customary lines."""
    body = issuing_body.strip().upper()
    head = "ỦY BAN MTTQ VIỆT NAM"
    if body.startswith(head) and len(body) > len(head):
        return [head, body[len(head) :].strip()]
    return [body]


# --- the document ------------------------------------------------------------------------------

PAGE_WIDTH_CM = 21.0
LEFT_CM, RIGHT_CM, TOP_CM, BOTTOM_CM = 3.0, 1.5, 2.0, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - LEFT_CM - RIGHT_CM  # 16.5
HEADER_WIDTHS = (6.3, 10.2)
FOOTER_WIDTHS = (8.0, 8.5)


def _setup(document: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Cm(TOP_CM), Cm(BOTTOM_CM)
    section.left_margin, section.right_margin = Cm(LEFT_CM), Cm(RIGHT_CM)
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    # page numbers, centred at the top from page 2 on (Nghị định 30: "số trang … ở giữa, trên")
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run()
    _font(run, HEADER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)


def _header(document: object, report: SynthesisReport) -> None:
    table = _borderless_table(document, HEADER_WIDTHS)
    left, right = table.rows[0].cells  # type: ignore[attr-defined]
    center = WD_ALIGN_PARAGRAPH.CENTER
    for line in _split_body(report.issuing_body):
        _paragraph(left, line, size=HEADER_PT, align=center, after=0, line=1.0)
    _paragraph(left, "BAN THƯỜNG TRỰC", size=HEADER_PT, bold=True, align=center, after=0, line=1.0)
    _rule(left, 2.5, HEADER_WIDTHS[0])
    _paragraph(left, number_line(report.number), size=HEADER_PT, align=center, after=0, line=1.0)

    _paragraph(
        right,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        size=12.5,
        bold=True,
        align=center,
        after=0,
        line=1.0,
    )
    _paragraph(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        size=BODY_PT,
        bold=True,
        align=center,
        after=0,
        line=1.0,
    )
    _rule(right, 6.0, HEADER_WIDTHS[1])
    _paragraph(
        right,
        date_line(report.place, report.day),
        size=BODY_PT,
        italic=True,
        align=center,
        before=4,
        after=0,
        line=1.0,
    )


def _title(document: object, report: SynthesisReport) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "BÁO CÁO", bold=True, align=center, before=18, after=0, line=1.0)
    _paragraph(
        document,
        f"Tổng hợp ý kiến đóng góp vào {report.consultation_title}",
        bold=True,
        align=center,
        after=2,
        line=1.0,
    )
    _rule(document, 4.0, TEXT_WIDTH_CM)


def _breakdown(counts: dict[str, int], labels: dict[str, str]) -> str:
    parts = [
        f"{labels.get(code, code)}: {number_vi(n)} ý kiến"
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if n
    ]
    return "; ".join(parts)


def _organisation(document: object, report: SynthesisReport) -> None:
    f = report.figures
    _paragraph(document, "I. CÔNG TÁC TỔ CHỨC LẤY Ý KIẾN", bold=True, indent=True, before=6)
    _paragraph(
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
        lines.append(f"- Theo hình thức: {_breakdown(f.by_channel, CHANNEL_LABELS)}.")
    if f.by_category:
        lines.append(f"- Theo thành phần: {_breakdown(f.by_category, CATEGORY_LABELS)}.")
    lines.append(
        f"- Có {number_vi(f.general_agreement)} ý kiến "
        f"({percent_vi(f.general_agreement, f.comments)}) thống nhất cao với nội dung các dự "
        "thảo, không có ý kiến bổ sung."
    )
    for line in lines:
        _paragraph(document, line, indent=True)


def _section_label(section: ReportSection) -> str:
    if section.number is None and section.heading is None:
        return "Về toàn bộ dự thảo:"
    number = f"Mục {section.number}" if section.number else ""
    heading = (section.heading or "").strip().rstrip(".:")
    return f"{number}. {heading}:" if number and heading else f"{number or heading}:"


def _opinions(document: object, report: SynthesisReport) -> None:
    _paragraph(document, "II. NỘI DUNG Ý KIẾN ĐÓNG GÓP", bold=True, indent=True, before=6)
    if not report.documents:
        _paragraph(document, "Không có ý kiến đóng góp.", indent=True)
    for n, doc in enumerate(report.documents, start=1):
        _paragraph(document, f"{n}. Đối với {_summary_text(doc.title)}", bold=True, indent=True)
        if not any(s.items for s in doc.sections):
            _paragraph(document, "Không có ý kiến đóng góp.", indent=True)
        for section in doc.sections:
            if not section.items:
                continue
            _paragraph(document, _section_label(section), italic=True, bold=True, indent=True)
            total = sum(i.comments for i in section.items)
            items = sorted(section.items, key=lambda i: -i.comments)  # stable: ties keep order
            for item in items:
                _paragraph(document, "- " + item_sentence(item, total), indent=True)


def _recommendations(document: object, report: SynthesisReport) -> None:
    _paragraph(document, "III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True, indent=True, before=6)
    lines = [r.strip().rstrip(".;") for r in report.recommendations if r.strip()]
    for doc in report.documents:
        for section in doc.sections:
            for item in section.items:
                if item.recommendation:
                    summary = item.summary.strip().rstrip(".;")
                    lines.append(f"{summary} ({number_vi(item.comments)} ý kiến)")
    if not lines:
        _paragraph(document, "Không có kiến nghị, đề xuất.", indent=True)
    for n, line in enumerate(lines, start=1):
        end = "." if n == len(lines) else ";"
        _paragraph(document, f"{n}. {line[0].upper()}{line[1:]}{end}", indent=True)
    _paragraph(
        document,
        f"Trên đây là báo cáo tổng hợp ý kiến đóng góp vào {report.consultation_title} của Ban "
        f"Thường trực Ủy ban MTTQ Việt Nam {report.unit_name}, kính gửi {report.parent_body} và "
        f"{report.party_committee} xem xét, tổng hợp./.",
        indent=True,
        before=6,
    )


def _footer(document: object, report: SynthesisReport) -> None:
    _paragraph(document, after=0)
    table = _borderless_table(document, FOOTER_WIDTHS)
    left, right = table.rows[0].cells  # type: ignore[attr-defined]
    start = WD_ALIGN_PARAGRAPH.LEFT
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=start, after=0, line=1.0)
    for line in (
        f"- {report.parent_body} (báo cáo);",
        f"- {report.party_committee} (báo cáo);",
        "- Lưu: VT.",
    ):
        _paragraph(left, line, size=11, align=start, after=0, line=1.0)

    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(right, "TM. BAN THƯỜNG TRỰC", bold=True, align=center, after=0, line=1.0)
    _paragraph(right, report.signer_title.upper(), bold=True, align=center, after=0, line=1.0)
    signature_space = _paragraph(right, align=center, after=0, line=1.0)
    for _ in range(4):
        signature_space.add_run().add_break(WD_BREAK.LINE)  # type: ignore[attr-defined]
    _paragraph(right, report.signer_name or "", bold=True, align=center, after=0, line=1.0)


def render_synthesis_docx(report: SynthesisReport) -> bytes:
    """The report as a .docx file (bytes), ready to print, sign and send."""
    document = Document()
    _setup(document)
    _header(document, report)
    _title(document, report)
    _paragraph(
        document,
        f"Ban Thường trực Ủy ban MTTQ Việt Nam {report.unit_name} báo cáo kết quả tổng hợp ý "
        f"kiến đóng góp của các tầng lớp nhân dân vào {report.consultation_title} như sau:",
        indent=True,
        before=12,
    )
    _organisation(document, report)
    _opinions(document, report)
    _recommendations(document, report)
    _footer(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
