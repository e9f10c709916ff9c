"""DOCX building blocks shared by every report: fonts, paragraphs, rules, borderless tables, page
setup and page numbers — the layout of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP:
A4, Times New Roman 13–14 pt), and nothing about what a report says.

python-docx has no type information: its objects are ``Any`` here.
"""

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13

# A4 portrait with the decree's margins: 20 mm top and bottom, 30 mm left, 15 mm right.
PAGE_WIDTH_CM = 21.0
LEFT_CM, RIGHT_CM, TOP_CM, BOTTOM_CM = 3.0, 1.5, 2.0, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - LEFT_CM - RIGHT_CM  # 16.5


def set_font(run: Any, size: float | None = None) -> None:
    """Times New Roman for every script of a run (Word picks the font per script)."""
    rpr = run._element.get_or_add_rPr()
    _all_scripts(rpr)
    run.font.name = FONT
    if size is not None:
        run.font.size = Pt(size)


def _all_scripts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def paragraph(
    container: Any,
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
) -> Any:
    """A paragraph added to a document or a cell, with one run of ``text`` (if any)."""
    added = container.add_paragraph()
    fmt = added.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        run = added.add_run(text)
        run.bold = bold
        run.italic = italic
        set_font(run, size)
    return added


def rule(container: Any, width_cm: float, cell_width_cm: float) -> None:
    """A short centred horizontal rule: an empty paragraph with a top border, indented."""
    added = paragraph(container, size=4, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, line=1.0)
    side = max((cell_width_cm - width_cm) / 2, 0)
    fmt = added.paragraph_format
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    ppr = added._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    set_font(added.add_run(""), 4)


def borderless_table(document: Any, widths_cm: tuple[float, float], rows: int = 1) -> Any:
    """A two-column table without borders, fixed widths, its cells empty."""
    table = document.add_table(rows=rows, cols=2)
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
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    return table


def keep_row_together(row: Any) -> None:
    """A table row that never splits across pages (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def setup_a4_portrait(document: Any) -> None:
    """A4 portrait, the decree's margins, Times New Roman 14 pt in Vietnamese as the default."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Cm(TOP_CM), Cm(BOTTOM_CM)
    section.left_margin, section.right_margin = Cm(LEFT_CM), Cm(RIGHT_CM)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    _all_scripts(rpr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)


def setup_a4_landscape(document: Any) -> None:
    """A4 landscape for wide tables; Times New Roman as the default font."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    document.styles["Normal"].font.name = FONT


def page_numbers_from_page_two(document: Any) -> None:
    """Page numbers centred at the top from page 2 on (Nghị định 30: "số trang … ở giữa, trên")."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run()
    set_font(run, HEADER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)
