"""Writing the paper form: an instructions sheet, one sheet per document of the consultation (a
row per comment, drop-down lists of Vietnamese labels, the document's sections beside it) and two
hidden sheets: the lists behind the drop-downs, and a machine-readable marker (consultation,
form id, sheet → document) so that an import knows what it reads."""

import io
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import openpyxl
from openpyxl.comments import Comment as CellNote
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.comments.paper.form import (
    COLUMNS,
    FIRST_ROW,
    FORM_ROWS,
    GUIDE_SHEET,
    HEADER_ROW,
    INDEX_GAP,
    LIST_COLUMNS,
    LISTS_SHEET,
    MARKER_SHEET,
    MARKER_TAG,
    TEMPLATE_VERSION,
    TITLE_ROW,
    documents_of,
)
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.service import get_consultation
from ykien.core.errors import Invalid
from ykien.core.text import fold
from ykien.meetings.service import check_in_consultation
from ykien.units.models import Unit
from ykien.units.service import unit_in_scope


@dataclass(frozen=True)
class PaperForm:
    filename: str
    content: bytes


_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")
_RESERVED_TITLES = {fold(GUIDE_SHEET), fold(LISTS_SHEET), fold(MARKER_SHEET), "history"}


def sheet_titles(codes: Iterable[str]) -> list[str]:
    """Excel sheet titles for document codes: ≤ 31 characters, no []:*?/\\, unique ignoring
    case, and none of the form's own sheet names (nor Excel's reserved "History")."""
    taken = set(_RESERVED_TITLES)
    titles = []
    for code in codes:
        base = _BAD_TITLE_CHARS.sub("-", code).strip("' ") or "VK"
        title, n = base[:31], 1
        while fold(title) in taken:
            n += 1
            suffix = f"~{n}"
            title = base[: 31 - len(suffix)] + suffix
        taken.add(fold(title))
        titles.append(title)
    return titles


def _list_range(column: int, count: int) -> str:
    letter = get_column_letter(column)
    return f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${max(count, 1) + 1}"


def _data_range(column: int) -> str:
    letter = get_column_letter(column)
    return f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + FORM_ROWS - 1}"


def _drop_down(source: str, title: str, prompt: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.errorTitle, dv.error = "Giá trị không hợp lệ", "Chọn một giá trị trong danh sách."
    dv.promptTitle, dv.prompt = title[:32], prompt[:255]
    dv.showErrorMessage = dv.showInputMessage = True
    return dv


BOLD = Font(bold=True)
REQUIRED = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def build_template(
    session: Session, *, caller: Caller, consultation_id: int, unit_id: int | None
) -> PaperForm:
    """The blank form of a consultation, optionally addressed to one unit of the caller's."""
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    unit: Unit | None = None
    if unit_id is not None:
        unit = unit_in_scope(session, scope=caller.scope, unit_id=unit_id, loc=["query", "unit_id"])
        check_in_consultation(consultation, unit, ["query", "unit_id"])
    documents = documents_of(session, consultation_id)
    if not documents:
        raise Invalid(["query", "consultation_id"], "the consultation has no documents yet")
    titles = sheet_titles(d.code for d, _ in documents)

    wb = openpyxl.Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    marker = wb.create_sheet(MARKER_SHEET)

    # Lists behind the drop-downs: a column per enumeration, then one per document's sections.
    list_source: dict[str, str] = {}
    for col, column in enumerate(LIST_COLUMNS, start=1):
        assert column.labels is not None
        lists.cell(1, col, column.header).font = BOLD
        for row, label in enumerate(column.labels.values(), start=2):
            lists.cell(row, col, label)
        list_source[column.key] = _list_range(col, len(column.labels))
    for i, ((document, sections), title) in enumerate(zip(documents, titles, strict=True)):
        col = len(LIST_COLUMNS) + 1 + i
        lists.cell(1, col, title).font = BOLD
        seen: set[str] = set()
        for s in sections:
            if s.number not in seen:
                seen.add(s.number)
                lists.cell(len(seen) + 1, col, s.number).data_type = "s"
        if seen:
            list_source[f"section:{document.id}"] = _list_range(col, len(seen))
    lists.sheet_state = "hidden"

    for (document, sections), title in zip(documents, titles, strict=True):
        _document_sheet(wb.create_sheet(title), document, sections, list_source, consultation)

    _guide(guide, consultation, unit, documents, titles)
    form_id = uuid.uuid4()
    marker.append([MARKER_TAG, TEMPLATE_VERSION])
    marker.append(["consultation_id", consultation.id])
    marker.append(["unit_id", unit.id if unit is not None else None])
    marker.append(["form_id", str(form_id)])
    marker.append(["sheet", "document_id"])
    for (document, _sections), title in zip(documents, titles, strict=True):
        marker.append([title, document.id])
    marker.sheet_state = "veryHidden"  # not even "Unhide" in Excel shows it

    # The hidden sheets last; open on the first document, the instructions one click left.
    wb.move_sheet(lists, offset=len(documents) + 1)
    wb.move_sheet(marker, offset=len(documents) + 1)
    wb.active = 1
    _text_not_formulas(wb)
    out = io.BytesIO()
    wb.save(out)
    suffix = f"-{unit.code}" if unit is not None else ""
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", f"mau-nhap-y-kien-{consultation.id}{suffix}")
    return PaperForm(f"{safe}.xlsx", out.getvalue())


def _document_sheet(
    ws: Worksheet,
    document: Document,
    sections: list[Section],
    list_source: dict[str, str],
    consultation: Consultation,
) -> None:
    ws.cell(TITLE_ROW, 1, f"{document.code} — {document.title}").font = Font(bold=True, size=13)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(COLUMNS))
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, column.header)
        cell.font = REQUIRED if column.required else BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.comment = CellNote(column.note, "Ykien", width=260, height=110)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        if column.key == "content":
            ws.column_dimensions[letter].alignment = WRAP
        elif column.key == "section":
            ws.column_dimensions[letter].number_format = "@"  # "1.10" must not become 1.1
        elif column.key == "collected_on":
            ws.column_dimensions[letter].number_format = "DD/MM/YYYY"
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = f"A{FIRST_ROW}"

    for col, column in enumerate(COLUMNS, start=1):
        source = list_source.get(
            f"section:{document.id}" if column.key == "section" else column.key
        )
        if source is not None:
            dv = _drop_down(source, column.header, column.note)
        elif column.key == "people":
            dv = DataValidation(
                type="whole", operator="between", formula1="1", formula2="10000", allow_blank=True
            )
            dv.error = "Một số nguyên từ 1 đến 10.000."
            dv.showErrorMessage = True
        elif column.key == "collected_on":
            first, last = consultation.opens_on, consultation.closes_on
            dv = DataValidation(
                type="date",
                operator="between",
                formula1=f"DATE({first.year},{first.month},{first.day})",
                formula2=f"DATE({last.year},{last.month},{last.day})",
                allow_blank=True,
            )
            # Information only: a date typed as text (dd/mm/yyyy) must still be accepted.
            dv.errorStyle = "information"
            dv.error = f"Ngày trong thời gian lấy ý kiến: {first:%d/%m/%Y} – {last:%d/%m/%Y}."
            dv.showErrorMessage = True
        else:
            continue
        dv.add(_data_range(col))
        ws.add_data_validation(dv)

    # A table of contents beside the form, so that a board need not look up section numbers.
    first_col = len(COLUMNS) + INDEX_GAP + 1
    for offset, (header, width) in enumerate((("Số mục", 9), ("Tên mục", 48))):
        cell = ws.cell(HEADER_ROW, first_col + offset, header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        ws.column_dimensions[get_column_letter(first_col + offset)].width = width
    for row, s in enumerate(sections, start=FIRST_ROW):
        ws.cell(row, first_col, s.number).data_type = "s"
        ws.cell(row, first_col + 1, "   " * s.depth + s.heading)
    if not sections:
        ws.cell(FIRST_ROW, first_col + 1, "(Văn kiện không chia mục: để trống cột Mục)")


def _guide(
    ws: Worksheet,
    consultation: Consultation,
    unit: Unit | None,
    documents: list[tuple[Document, list[Section]]],
    titles: list[str],
) -> None:
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    rows: list[tuple[str, str]] = [
        ("MẪU NHẬP Ý KIẾN GÓP Ý DỰ THẢO VĂN KIỆN", ""),
        ("", ""),
        ("Đợt lấy ý kiến", consultation.title),
        (
            "Thời gian",
            f"từ {consultation.opens_on:%d/%m/%Y} đến {consultation.closes_on:%d/%m/%Y}",
        ),
        ("Đơn vị", f"{unit.name} ({unit.code})" if unit else "(chọn đơn vị khi nhập tệp)"),
        ("Phiên bản mẫu", str(TEMPLATE_VERSION)),
        ("", ""),
        ("Các văn kiện", "Mỗi văn kiện một trang tính:"),
        *[(title, document.title) for (document, _), title in zip(documents, titles, strict=True)],
        ("", ""),
        ("Cách điền", "1. Mở trang tính của văn kiện; mỗi dòng (từ dòng 3) là một ý kiến."),
        ("", "2. Cột tiêu đề màu đỏ là bắt buộc; chọn giá trị trong danh sách thả xuống."),
        ("", "3. Mục (số): số mục trong mục lục bên phải; để trống nếu góp ý chung cả văn kiện."),
        ("", "4. Ngày lấy ý kiến: ngày/tháng/năm, ví dụ 15/10/2025."),
        ("", "5. Nhiều người cùng một ý kiến: ghi một dòng, điền Số người cùng ý kiến."),
        ("", "6. Không đổi tên, không xóa các trang tính và không sửa dòng tiêu đề."),
        ("", "7. Lưu tệp (.xlsx) rồi tải lên Ykien để nhập."),
        ("", "Nhập lại cùng một tệp không tạo ý kiến trùng; tệp có lỗi không nhập dòng nào."),
        ("", ""),
        ("Các cột", ""),
        *[(c.header, c.note) for c in COLUMNS],
        ("", ""),
        ("Giá trị trong danh sách", ""),
        *[(c.header, "; ".join(c.labels.values())) for c in LIST_COLUMNS if c.labels is not None],
    ]
    for r, (a, b) in enumerate(rows, start=1):
        ws.cell(r, 1, a or None).font = BOLD
        ws.cell(r, 2, b or None).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(1, 1).font = Font(bold=True, size=14)


def _text_not_formulas(wb: openpyxl.Workbook) -> None:
    """openpyxl stores any text that begins with "=" as a formula: a unit's name, a title or a
    heading must never become one in a file we hand out (formula injection). The form itself
    has no formulas in its cells (its drop-downs' formulas are data validations)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
