"""The works form (XLSX): a board fills in its registered works offline, as on paper, and
uploads it. One sheet of rows under a header, drop-down lists of Vietnamese labels, a guide, and
a very hidden marker (tag, version, unit, form id) so that the import knows what it reads.

Writing and reading live here; no database (the import reads the file before its transaction).
"""

import io
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ykien.comments.paper.form import not_a_form
from ykien.comments.paper.reader import blank, trim_sheet
from ykien.core.errors import ProblemError
from ykien.core.params import MAX_ID
from ykien.core.text import fold
from ykien.reports.vocabulary import ORGANIZATIONS, labels
from ykien.works.vocabulary import KINDS

SHEET = "Công trình, phần việc"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
MARKER_SHEET = "ykien_works"
MARKER_TAG = "ykien-works-form"
VERSION = 1
HEADER_ROW = 3
FORM_ROWS = 300  # rows prepared with drop-downs; more may be added
MAX_ROWS = 2_000  # rows read: beyond is refused, not dropped
MAX_UNZIPPED = 20 * 1024 * 1024
WORK_NAMESPACE = uuid.UUID("5b1f0d7e-4c2a-4e8b-9a61-3d8f2c7b1e40")


@dataclass(frozen=True)
class FormColumn:
    key: str
    header: str
    width: float
    choices: dict[str, str] | None = None  # code → label of a drop-down


COLUMNS: list[FormColumn] = [
    FormColumn("organization", "Tổ chức đăng ký", 24, labels(ORGANIZATIONS)),
    FormColumn("kind", "Loại", 14, labels(KINDS)),
    FormColumn("title", "Tên công trình, phần việc", 48),
    FormColumn("description", "Mô tả", 48),
    FormColumn("value_vnd", "Giá trị dự kiến (đồng)", 20),
    FormColumn("registered_on", "Ngày đăng ký (dd/mm/yyyy)", 18),
    FormColumn("due_on", "Hạn hoàn thành (dd/mm/yyyy)", 18),
]
BY_HEADER = {fold(c.header): c for c in COLUMNS}
LOOKUPS = {
    c.key: {fold(v): k for k, v in c.choices.items()} | {k: k for k in c.choices}
    for c in COLUMNS
    if c.choices
}


@dataclass(frozen=True)
class FilledWorksForm:
    form_id: str
    unit_id: int | None
    rows: list[tuple[int, dict[str, Any]]]  # (row number, column key → raw value)


def build_template(unit_id: int, unit_name: str) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws["A1"] = f"ĐĂNG KÝ CÔNG TRÌNH, PHẦN VIỆC — {unit_name}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Mỗi dòng một công trình hoặc phần việc. Xem trang «Hướng dẫn»."
    lists = wb.create_sheet(LISTS_SHEET)
    for i, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(HEADER_ROW, i, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = column.width
        if column.choices:
            values = list(column.choices.values())
            for r, value in enumerate(values, start=1):
                lists.cell(r, i, value)
            source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"
            dv = DataValidation(type="list", formula1=source, allow_blank=True)
            dv.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + FORM_ROWS}")
            ws.add_data_validation(dv)
    for r in range(HEADER_ROW + 1, HEADER_ROW + FORM_ROWS + 1):
        for i in (6, 7):
            ws.cell(r, i).number_format = "dd/mm/yyyy"
        ws.cell(r, 5).number_format = "#,##0"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    lists.sheet_state = "hidden"
    guide = wb.create_sheet(GUIDE_SHEET)
    for r, line in enumerate(GUIDE, start=1):
        guide.cell(r, 1, line)
    guide.column_dimensions["A"].width = 110
    marker = wb.create_sheet(MARKER_SHEET)
    for r, pair in enumerate(
        [(MARKER_TAG, VERSION), ("unit_id", unit_id), ("form_id", uuid.uuid4().hex)], start=1
    ):
        marker.cell(r, 1, pair[0])
        marker.cell(r, 2, pair[1])
    marker.sheet_state = "veryHidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GUIDE = [
    "Hướng dẫn điền mẫu đăng ký công trình, phần việc",
    "1. Mỗi dòng là một công trình hoặc phần việc; bắt buộc: Loại, Tên, Ngày đăng ký,"
    " Hạn hoàn thành.",
    "2. Tổ chức đăng ký: chọn trong danh sách (để trống: Mặt trận).",
    "3. Giá trị dự kiến: số tiền bằng đồng, không bắt buộc (ví dụ 850000000).",
    "4. Ngày ghi theo dd/mm/yyyy; hạn hoàn thành không trước ngày đăng ký.",
    "5. Tải lên: mọi dòng được lưu, hoặc không dòng nào nếu có lỗi (lỗi ghi rõ dòng và cột).",
    "6. Tải lại cùng một tệp không tạo bản trùng.",
]


def _int(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID
    return value if ok else None


def read_form(content: bytes) -> FilledWorksForm:
    """Parse an uploaded works form (422 for anything that is not one)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(max(i.file_size, 0) for i in archive.infolist()) > MAX_UNZIPPED:
            raise not_a_form("the workbook is too large once unpacked (at most 20 MB)")
        trimmed = io.BytesIO()
        with zipfile.ZipFile(trimmed, "w", zipfile.ZIP_STORED) as out:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename.endswith(".xml") and b"sheetData" in data:
                    data = trim_sheet(data, max_rows=MAX_ROWS + HEADER_ROW + 1, max_cells=12)
                out.writestr(info, data)
        trimmed.seek(0)
        wb = openpyxl.load_workbook(trimmed, read_only=True, data_only=True)
    except ProblemError:
        raise
    except Exception:
        raise not_a_form("not an Excel workbook (.xlsx); use the downloaded form") from None
    try:
        if MARKER_SHEET not in wb.sheetnames or SHEET not in wb.sheetnames:
            raise not_a_form("this workbook is not a Ykien works form; download the form")
        marker = {
            str(r[0]): r[1]
            for r in wb[MARKER_SHEET].iter_rows(max_row=10, max_col=2, values_only=True)
            if r and r[0] is not None
        }
        if _int(marker.get(MARKER_TAG)) != VERSION or not isinstance(marker.get("form_id"), str):
            raise not_a_form("the form's hidden marker is damaged; download a fresh form")
        ws = wb[SHEET]
        header: dict[int, str] = {}
        rows: list[tuple[int, dict[str, Any]]] = []
        for n, values in enumerate(
            ws.iter_rows(max_row=MAX_ROWS + HEADER_ROW + 1, max_col=12, values_only=True), start=1
        ):
            if n == HEADER_ROW:
                header = {
                    i: BY_HEADER[fold(v)].key
                    for i, v in enumerate(values)
                    if isinstance(v, str) and fold(v) in BY_HEADER
                }
                missing = [c.header for c in COLUMNS if c.key not in header.values()]
                if missing:
                    raise not_a_form(f"the form lacks the column '{missing[0]}'")
            elif n > HEADER_ROW and not all(blank(v) for v in values):
                if n > MAX_ROWS + HEADER_ROW:
                    raise not_a_form(f"the form holds more than {MAX_ROWS:,} rows; split it")
                rows.append((n, {key: values[i] for i, key in header.items() if i < len(values)}))
        return FilledWorksForm(str(marker["form_id"])[:64], _int(marker.get("unit_id")), rows)
    except ProblemError:
        raise
    except Exception:
        raise not_a_form("the workbook is damaged and cannot be read") from None
    finally:
        wb.close()


def row_id(form_id: str, signature: str, occurrence: int) -> uuid.UUID:
    """Deterministic per form and row content (and how many identical rows came before):
    importing the same file again is a retry, never a duplicate."""
    return uuid.uuid5(WORK_NAMESPACE, f"{form_id}/{signature}/{occurrence}")
