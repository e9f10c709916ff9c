"""The paper form: an XLSX workbook a board downloads, fills in from paper minutes, and imports.

The template has an instructions sheet, one sheet per document of the consultation (a row per
comment, drop-down lists of Vietnamese labels) and two hidden sheets: the lists behind the
drop-downs, and a machine-readable marker (consultation, form id, sheet → document) so that an
import knows what it reads. An import turns every filled row into a ``CommentCreate`` and stores
them all through ``service.create_comments`` (all or nothing); every error names its sheet, row
and column. Each row gets a deterministic id, so importing the same file twice stores it once.
No HTTP here: the router only passes bytes in and out.
"""

import hashlib
import io
import re
import uuid
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import openpyxl
from openpyxl.comments import Comment as CellNote
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.comments import service
from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.comments.schemas import CommentCreate, CommentPublic
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.service import get_consultation, require_open
from ykien.core.errors import Conflict, Invalid, NotFound, ProblemError
from ykien.core.params import MAX_ID
from ykien.core.text import fold, nfc
from ykien.meetings.service import check_date, check_in_consultation
from ykien.units.models import Unit
from ykien.units.service import unit_in_scope

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_VERSION = 1
MARKER_TAG = "ykien-paper-form"
MARKER_SHEET = "_ykien"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
HEADER_SEARCH = 10  # rows searched for the header row when reading
FORM_ROWS = 2_000  # rows prepared with drop-downs; more may be typed below them
MAX_SHEET_ROW = 20_000  # row numbers read per sheet
MAX_ROWS = 5_000  # filled rows per file
MAX_ERRORS = 200
MAX_UNZIPPED = 50 * 2**20  # an XLSX is a zip: refuse "zip bombs" before parsing
MAX_SHEETS = 200
ITEMS_SHOWN = 100
# The form's ids live in their own namespace: uuid5(namespace, form/consultation/unit/…/row/hash).
ROW_NAMESPACE = uuid.UUID("7d1b6c2e-4f0a-5b8e-9c3d-2a6f1e0b9d47")

# --- the enumerations' Vietnamese labels ---------------------------------------------------------

STANCE_LABELS: dict[Stance, str] = {
    Stance.agree: "Tán thành",
    Stance.amend: "Sửa đổi",
    Stance.add: "Bổ sung",
    Stance.disagree: "Không tán thành",
    Stance.other: "Khác",
}
CATEGORY_LABELS: dict[Category, str] = {
    Category.citizen: "Nhân dân",
    Category.front_committee_member: "Ủy viên Ủy ban MTTQ",
    Category.advisory_council: "Hội đồng tư vấn",
    Category.notable_person: "Nhân sĩ, trí thức, người có uy tín, chức sắc tôn giáo",
    Category.cadre: "Cán bộ, công chức, viên chức",
    Category.member_organization: "Tổ chức thành viên",
    Category.party_member: "Đảng viên",
    Category.other: "Khác",
}
CHANNEL_LABELS: dict[Channel, str] = {
    Channel.meeting: "Hội nghị",
    Channel.written: "Văn bản",
    Channel.online: "Trực tuyến",
    Channel.media: "Phương tiện truyền thông",
    Channel.other: "Khác",
}
ORGANIZATION_LABELS: dict[Organization, str] = {
    Organization.front: "Mặt trận",
    Organization.trade_union: "Công đoàn",
    Organization.farmers_union: "Hội Nông dân",
    Organization.youth_union: "Đoàn Thanh niên",
    Organization.womens_union: "Hội Liên hiệp Phụ nữ",
    Organization.veterans_association: "Hội Cựu chiến binh",
    Organization.other: "Khác",
}
# Other words boards write for the same thing (the glossary's "đồng ý một phần" is an amendment).
ALIASES: dict[str, StrEnum] = {
    "nhat tri": Stance.agree,
    "dong y": Stance.agree,
    "dong y mot phan": Stance.amend,
    "khong dong y": Stance.disagree,
    "khong nhat tri": Stance.disagree,
}


@dataclass(frozen=True)
class Column:
    key: str  # a CommentCreate field, or "section" (a number, resolved to section_id)
    header: str
    width: float
    note: str
    required: bool = False
    labels: Mapping[Any, str] | None = None  # enumeration member → Vietnamese label


COLUMNS: tuple[Column, ...] = (
    Column(
        "section",
        "Mục (số)",
        11,
        "Số mục của dự thảo mà ý kiến góp vào (chọn trong danh sách; xem mục lục bên phải). "
        "Để trống nếu góp ý chung cho cả văn kiện.",
    ),
    Column("content", "Nội dung ý kiến", 64, "Bắt buộc. Ghi đầy đủ nội dung ý kiến.", True),
    Column("stance", "Loại ý kiến", 17, "Bắt buộc. Chọn trong danh sách.", True, STANCE_LABELS),
    Column(
        "category", "Đối tượng góp ý", 30, "Bắt buộc. Chọn trong danh sách.", True, CATEGORY_LABELS
    ),
    Column("channel", "Hình thức", 18, "Bắt buộc. Chọn trong danh sách.", True, CHANNEL_LABELS),
    Column(
        "organization",
        "Tổ chức lấy ý kiến",
        20,
        "Để trống = Mặt trận.",
        labels=ORGANIZATION_LABELS,
    ),
    Column("people", "Số người cùng ý kiến", 12, "Số người nêu cùng ý kiến; để trống = 1."),
    Column(
        "collected_on",
        "Ngày lấy ý kiến",
        14,
        "Bắt buộc. Ngày/tháng/năm (dd/mm/yyyy), trong thời gian lấy ý kiến, không sau hôm nay.",
        True,
    ),
    Column("contributor_name", "Họ tên người góp ý", 24, "Không bắt buộc (thông tin cá nhân)."),
    Column("contributor_contact", "Liên hệ", 22, "Không bắt buộc: điện thoại, địa chỉ."),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
LIST_COLUMNS = [c for c in COLUMNS if c.labels is not None]
INDEX_GAP = 1  # blank columns between the form and the table of contents on its right
READ_COLUMNS = len(COLUMNS) + 8  # the form, plus room for columns a board moved


def _header_key(text: str) -> str:
    return fold(text).rstrip(" *")


HEADER_KEYS = {_header_key(c.header): c for c in COLUMNS}


def _lookup(labels: Mapping[Any, str]) -> dict[str, StrEnum]:
    """Folded label, value ("party_member") and spaced value ("party member") → member."""
    table: dict[str, StrEnum] = {}
    kind = type(next(iter(labels)))
    for alias, member in ALIASES.items():
        if isinstance(member, kind):
            table[alias] = member
    for member, label in labels.items():
        table[fold(label)] = member
        table[fold(member.value)] = member
        table[fold(member.value.replace("_", " "))] = member
    return table


LOOKUPS = {c.key: _lookup(c.labels) for c in LIST_COLUMNS if c.labels is not None}


# --- errors --------------------------------------------------------------------------------------


class FormInvalid(ProblemError):
    """A filled form that breaks rules: 422 naming every cell at fault (sheet, row, column)."""

    status, slug = 422, "validation"


def _not_a_form(msg: str) -> Invalid:
    return Invalid(["file"], msg, detail=f"file: {msg}")


def _describe(loc: Sequence[str | int]) -> str:
    if len(loc) >= 4 and loc[0] == "file":
        return f"sheet '{loc[1]}', row {loc[2]}, column '{loc[3]}'"
    if len(loc) == 3 and loc[0] == "file":
        return f"sheet '{loc[1]}', row {loc[2]}"
    if len(loc) == 2 and loc[0] == "file":
        return f"sheet '{loc[1]}'"
    return ".".join(str(p) for p in loc)


@dataclass
class _Errors:
    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def add(self, loc: list[str | int], msg: str) -> None:
        self.total += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append({"loc": loc, "msg": msg, "type": "value_error"})

    def raise_any(self) -> None:
        if not self.items:
            return
        first = self.items[0]
        more = f" ({self.total} errors in all)" if self.total > 1 else ""
        raise FormInvalid(
            f"{_describe(first['loc'])}: {first['msg']}{more}",
            errors=self.items,
            title="The form has errors",
        )


# --- building the template -----------------------------------------------------------------------


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


def _documents(session: Session, consultation_id: int) -> list[tuple[Document, list[Section]]]:
    documents = list(
        session.scalars(
            select(Document)
            .where(Document.consultation_id == consultation_id)  # type: ignore[arg-type]
            .order_by(Document.id)  # type: ignore[arg-type]
        )
    )
    sections: dict[int, list[Section]] = {d.id: [] for d in documents if d.id is not None}
    if sections:
        for s in session.scalars(
            select(Section)
            .where(Section.document_id.in_(list(sections)))  # type: ignore[attr-defined]
            .order_by(Section.document_id, Section.position)  # type: ignore[arg-type]
        ):
            sections[s.document_id].append(s)
    return [(d, sections[d.id]) for d in documents if d.id is not None]


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
    documents = _documents(session, consultation_id)
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


# --- reading a filled form -----------------------------------------------------------------------


@dataclass
class _Sheet:
    title: str
    state: str
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, values), non-empty rows only
    too_long: bool = False


@dataclass
class _Workbook:
    marker: list[tuple[Any, ...]]
    sheets: list[_Sheet]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read(content: bytes) -> _Workbook:
    """Every sheet's non-empty rows as plain values. Anything openpyxl cannot read is a 422."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(max(i.file_size, 0) for i in archive.infolist()) > MAX_UNZIPPED:
            raise _not_a_form("the workbook is too large once unpacked (at most 50 MB)")
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ProblemError:
        raise
    except Exception:  # zip, XML or workbook structure errors: openpyxl raises many kinds
        raise _not_a_form("not an Excel workbook (.xlsx); use the downloaded form") from None
    try:
        if len(wb.worksheets) > MAX_SHEETS:
            raise _not_a_form("the workbook has too many sheets to be the form")
        if MARKER_SHEET not in wb.sheetnames:
            raise _not_a_form(
                "this workbook is not a Ykien paper form; download the form and fill that in"
            )
        marker = [
            tuple(r)
            for r in wb[MARKER_SHEET].iter_rows(
                max_row=MAX_SHEETS + 10, max_col=3, values_only=True
            )
        ]
        sheets = []
        for ws in wb.worksheets:
            if ws.title in (MARKER_SHEET, LISTS_SHEET, GUIDE_SHEET):
                continue
            declared = getattr(ws, "max_row", None)
            rows = []
            for n, values in enumerate(
                ws.iter_rows(max_row=MAX_SHEET_ROW, max_col=READ_COLUMNS, values_only=True),
                start=1,
            ):
                if not all(_blank(v) for v in values):
                    rows.append((n, tuple(values)))
            too_long = isinstance(declared, int) and declared > MAX_SHEET_ROW
            sheets.append(_Sheet(ws.title, ws.sheet_state, rows, too_long))
        return _Workbook(marker, sheets)
    except ProblemError:
        raise
    except Exception:
        raise _not_a_form("the workbook is damaged and cannot be read") from None
    finally:
        wb.close()


@dataclass(frozen=True)
class _Marker:
    consultation_id: int
    unit_id: int | None
    form_id: str
    documents: dict[str, int]  # sheet title → document id


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 1 <= value <= MAX_ID else None


def _marker(rows: list[tuple[Any, ...]]) -> _Marker:
    bad = _not_a_form("the form's hidden marker is damaged; download a fresh form")
    if not rows or not rows[0] or rows[0][0] != MARKER_TAG:
        raise bad
    if _int(rows[0][1] if len(rows[0]) > 1 else None) != TEMPLATE_VERSION:
        raise _not_a_form("this form was made by another version of Ykien; download a fresh form")
    values = {str(r[0]): r[1] for r in rows[1:] if len(r) > 1 and r[0] is not None}
    consultation_id = _int(values.get("consultation_id"))
    form_id = values.get("form_id")
    if consultation_id is None or not isinstance(form_id, str) or len(form_id) > 64:
        raise bad
    documents: dict[str, int] = {}
    start = next((i for i, r in enumerate(rows) if r and r[0] == "sheet"), None)
    if start is None:
        raise bad
    for r in rows[start + 1 :]:
        if len(r) < 2 or r[0] is None:
            continue
        document_id = _int(r[1])
        if document_id is None:
            raise bad
        documents[str(r[0])] = document_id
    return _Marker(consultation_id, _int(values.get("unit_id")), form_id, documents)


# --- cell values ---------------------------------------------------------------------------------


class _CellError(ValueError):
    pass


def _text(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        raise _CellError("expected text, found a date")
    return nfc(str(value)) or None


def _choice(value: Any, column: Column) -> StrEnum | None:
    text = _text(value)
    if text is None:
        return None
    found = LOOKUPS[column.key].get(fold(text))
    if found is None:
        assert column.labels is not None
        allowed = ", ".join(f"'{label}'" for label in column.labels.values())
        raise _CellError(f"'{text[:60]}' is not in the list; use one of {allowed}")
    return found


def _people(value: Any) -> int | None:
    if _blank(value):
        return None
    number: Any = value
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise _CellError("write a whole number of people, e.g. 5") from None
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise _CellError("write a whole number of people, e.g. 5")
    if isinstance(number, float) and not number.is_integer():
        raise _CellError("write a whole number of people, e.g. 5")
    if not 1 <= number <= 10_000:
        raise _CellError("must be between 1 and 10,000")
    return int(number)


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
EXCEL_FIRST, EXCEL_LAST = 36_526, 73_415  # serial numbers of 2000-01-01 and 2100-12-31


def _day(value: Any) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date in a cell formatted as a number: Excel's serial day count.
        if EXCEL_FIRST <= value <= EXCEL_LAST:
            converted = from_excel(value)
            if isinstance(converted, datetime):
                return converted.date()
        raise _CellError("write the date as dd/mm/yyyy, e.g. 15/10/2025")
    if isinstance(value, timedelta) or not isinstance(value, str):
        raise _CellError("write the date as dd/mm/yyyy, e.g. 15/10/2025")
    text = value.strip()
    if m := _DMY.match(text):
        d, mo, y = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    else:
        raise _CellError("write the date as dd/mm/yyyy, e.g. 15/10/2025")
    try:
        return date(y, mo, d)
    except ValueError:
        raise _CellError(f"'{text}' is not a real date") from None


# --- importing -----------------------------------------------------------------------------------


class PaperImportResult(BaseModel):
    created: int = Field(description="Comments stored by this import.")
    skipped_retries: int = Field(
        description="Rows already stored by an earlier import of the same form (not duplicated)."
    )
    rows: int = Field(description="Filled rows read from the form.")
    items: list[CommentPublic] = Field(description=f"The first {ITEMS_SHOWN} comments, in order.")


@dataclass(frozen=True)
class _Row:
    sheet: str
    row: int


def _row_id(
    marker: _Marker, unit_id: int, document_id: int, digest: str, occurrence: int
) -> uuid.UUID:
    """Deterministic per form, unit, document and words (and how many times the same words came
    before on the sheet): a re-import is a retry even after rows were added or removed around
    a row, while the same words twice, or on another download of the form, stay separate
    comments."""
    key = f"{marker.form_id}/{marker.consultation_id}/{unit_id}/{document_id}/{digest}"
    return uuid.uuid5(ROW_NAMESPACE, f"{key}/{occurrence}")


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    """Column key → index, found by the header's words (columns may have been moved)."""
    found: dict[str, int] = {}
    for i, value in enumerate(header):
        if isinstance(value, str) and (column := HEADER_KEYS.get(_header_key(value))):
            found.setdefault(column.key, i)
    return found


def import_workbook(
    session: Session,
    *,
    caller: Caller,
    content: bytes,
    unit_id: int | None,
    meeting_id: int | None,
    consultation_id: int | None = None,
) -> PaperImportResult:
    """Store every filled row of a paper form, or none; 422 naming each faulty cell."""
    caller.require_writer()
    if unit_id is not None:
        unit_in_scope(session, scope=caller.scope, unit_id=unit_id, loc=["query", "unit_id"])
    book = _read(content)
    marker = _marker(book.marker)
    if consultation_id is not None and consultation_id != marker.consultation_id:
        raise _not_a_form(
            f"this form belongs to consultation {marker.consultation_id}, not {consultation_id}"
        )
    try:
        consultation = get_consultation(
            session, caller=caller, consultation_id=marker.consultation_id
        )
    except NotFound:
        raise _not_a_form("this form belongs to a consultation you cannot see") from None
    require_open(consultation)
    unit_id = unit_id or marker.unit_id or caller.unit_id
    if unit_id is None:
        raise Invalid(["query", "unit_id"], "name the unit whose comments these are")
    unit = unit_in_scope(session, scope=caller.scope, unit_id=unit_id, loc=["query", "unit_id"])
    check_in_consultation(consultation, unit, ["query", "unit_id"])

    assert consultation.id is not None
    documents = {d.id: (d, sections) for d, sections in _documents(session, consultation.id)}
    errors = _Errors()
    items: list[CommentCreate] = []
    where: list[_Row] = []
    for sheet in book.sheets:
        document_id = marker.documents.get(sheet.title)
        if document_id is None:
            if sheet.rows:
                errors.add(
                    ["file", sheet.title],
                    "this sheet is not part of the form (was it added or renamed?); "
                    "move its rows to the sheet of their document",
                )
            continue
        if document_id not in documents:
            errors.add(["file", sheet.title], "this document is no longer in the consultation")
            continue
        if sheet.too_long:
            errors.add(["file", sheet.title], f"at most {MAX_SHEET_ROW} rows per sheet")
            continue
        document, sections = documents[document_id]
        for row, item in _read_sheet(
            sheet, document, sections, consultation, unit, meeting_id, marker, errors
        ):
            items.append(item)
            where.append(_Row(sheet.title, row))
        if len(items) > MAX_ROWS:
            raise _not_a_form(f"at most {MAX_ROWS} comments per file; split it")
    errors.raise_any()
    if not items:
        raise _not_a_form("the form has no comments filled in")
    try:
        results = service.create_comments(session, caller=caller, items=items)
    except Invalid as exc:
        raise _at_rows(exc, where) from None
    except Conflict as exc:
        raise _conflict_at_row(exc, where) from None
    created = sum(r.new for r in results)
    return PaperImportResult(
        created=created,
        skipped_retries=len(results) - created,
        rows=len(items),
        items=[service.public(caller, r.comment) for r in results[:ITEMS_SHOWN]],
    )


def _read_sheet(
    sheet: _Sheet,
    document: Document,
    sections: list[Section],
    consultation: Consultation,
    unit: Unit,
    meeting_id: int | None,
    marker: _Marker,
    errors: _Errors,
) -> list[tuple[int, CommentCreate]]:
    """The comments of one document's sheet; every faulty cell goes to ``errors``."""
    # The header row is row 2 of the form; a board may have deleted or added a title row.
    header_row, columns = HEADER_ROW, _columns(())
    for n, values in sheet.rows:
        if n > HEADER_SEARCH:
            break
        found = _columns(values)
        if "content" in found:
            header_row, columns = n, found
            break
    missing = [c for c in COLUMNS if c.required and c.key not in columns]  # others: blank
    if missing:
        for column in missing:
            errors.add(
                ["file", sheet.title, header_row, column.header],
                "this column is missing from the header row; do not change the header row",
            )
        return []
    section_ids: dict[str, int] = {}
    for s in sections:
        assert s.id is not None
        section_ids.setdefault(fold(s.number), s.id)
    assert document.id is not None and unit.id is not None
    out: list[tuple[int, CommentCreate]] = []
    seen: Counter[str] = Counter()  # the words of each row so far, by digest
    for n, values in sheet.rows:
        if n <= header_row:
            continue
        cells = {
            c.key: values[columns[c.key]] if columns.get(c.key, len(values)) < len(values) else None
            for c in COLUMNS
        }
        if all(_blank(v) for v in cells.values()):
            continue  # something beside the form (the table of contents), not a comment
        before = errors.total
        fields: dict[str, Any] = {
            "document_id": document.id,
            "unit_id": unit.id,
            "meeting_id": meeting_id,
        }

        def cell_error(key: str, msg: str, row: int = n) -> None:
            errors.add(["file", sheet.title, row, COLUMN_BY_KEY[key].header], msg)

        for column in COLUMNS:
            value = cells[column.key]
            try:
                if column.key == "section":
                    number = _text(value)
                    if number is not None:
                        section_id = section_ids.get(fold(number))
                        if section_id is None:
                            raise _CellError(
                                f"'{number[:40]}' is not a section of {document.code}; "
                                "see the list on the right, or leave it blank"
                            )
                        fields["section_id"] = section_id
                elif column.labels is not None:
                    fields[column.key] = _choice(value, column)
                elif column.key == "people":
                    fields["people"] = _people(value)
                elif column.key == "collected_on":
                    fields["collected_on"] = _day(value)
                else:
                    fields[column.key] = _text(value)
            except _CellError as exc:
                cell_error(column.key, str(exc))
                continue
            if column.required and fields.get(column.key) is None:
                cell_error(column.key, "required")
        if isinstance(day := fields.get("collected_on"), date):
            try:
                check_date(consultation, day, ["collected_on"])
            except Invalid as exc:
                cell_error("collected_on", exc.errors[0]["msg"] if exc.errors else exc.detail)
        if errors.total > before:
            continue
        # None means "the default" (people 1, organisation the Front): leave them out.
        data = {k: v for k, v in fields.items() if v is not None}
        digest = hashlib.sha256(str(fields["content"]).encode()).hexdigest()
        data["id"] = _row_id(marker, unit.id, document.id, digest, seen[digest])
        seen[digest] += 1
        try:
            item = CommentCreate.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else "content"
                cell_error(key if key in COLUMN_BY_KEY else "content", err["msg"])
            continue
        out.append((n, item))
    return out


def _field_loc(row: _Row, field_name: str) -> list[str | int]:
    if field_name in ("unit_id", "meeting_id"):
        return ["query", field_name]
    column = COLUMN_BY_KEY.get("section" if field_name == "section_id" else field_name)
    if column is None:
        return ["file", row.sheet, row.row]
    return ["file", row.sheet, row.row, column.header]


def _at_rows(exc: Invalid, where: list[_Row]) -> ProblemError:
    """``create_comments`` names an item by index (``["body", "items", i, field]``): name its
    sheet, row and column instead."""
    errors: list[dict[str, Any]] = []
    for err in exc.errors or []:
        loc = list(err.get("loc", []))
        index = loc[2] if len(loc) >= 3 and loc[:2] == ["body", "items"] else None
        if isinstance(index, int) and 0 <= index < len(where):
            loc = _field_loc(where[index], str(loc[3]) if len(loc) > 3 else "")
        errors.append({**err, "loc": loc})
    if not errors:
        return exc
    first = errors[0]
    return FormInvalid(
        f"{_describe(first['loc'])}: {first['msg']}", errors=errors, title="The form has errors"
    )


def _conflict_at_row(exc: Conflict, where: list[_Row]) -> Conflict:
    """A row whose id was stored earlier with other values: the form was imported before and
    this row changed since. Name it; the stored comment is edited in the app, not re-imported."""
    loc = exc.errors[0]["loc"] if exc.errors else []
    if len(loc) < 3 or not isinstance(loc[2], int) or loc[2] >= len(where):
        return exc
    row = where[loc[2]]
    msg = (
        "this row was imported before with other values; change that comment in the list "
        "of comments instead of importing it again"
    )
    return Conflict(
        f"{_describe(['file', row.sheet, row.row])}: {msg}",
        errors=[{"loc": ["file", row.sheet, row.row], "msg": msg, "type": "conflict"}],
    )
