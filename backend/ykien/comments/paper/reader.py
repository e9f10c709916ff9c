"""Reading a filled paper form: every sheet's non-empty rows as plain values, the hidden marker,
and the cells' values (text, a choice from a list, a number of people, a day) as Python values.
No database here."""

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import openpyxl
from openpyxl.utils.datetime import from_excel

from ykien.comments.paper.form import (
    GUIDE_SHEET,
    HEADER_KEYS,
    LISTS_SHEET,
    LOOKUPS,
    MARKER_SHEET,
    MARKER_TAG,
    MAX_SHEET_ROW,
    MAX_SHEETS,
    MAX_UNZIPPED,
    READ_COLUMNS,
    TEMPLATE_VERSION,
    Column,
    header_key,
    not_a_form,
)
from ykien.core.errors import ProblemError
from ykien.core.params import MAX_ID
from ykien.core.text import fold, nfc


@dataclass
class Sheet:
    title: str
    state: str
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, values), non-empty rows only
    too_long: bool = False


@dataclass
class Workbook:
    marker: list[tuple[Any, ...]]
    sheets: list[Sheet]


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Tags of a worksheet's XML, with or without a namespace prefix ("<x:row>").
_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ROW = re.compile(rb"<" + _PREFIX + rb"row[\s/>]")
_ROW_END = re.compile(rb"</" + _PREFIX + rb"row\s*>")
_CELL = re.compile(rb"<" + _PREFIX + rb"c[\s/>]")
_SHEET_DATA_END = re.compile(rb"</" + _PREFIX + rb"sheetData\s*>")


def trim_sheet(xml: bytes, *, max_rows: int, max_cells: int) -> bytes:
    """A worksheet's XML cut to its first ``max_rows`` rows of ``max_cells`` cells each.

    openpyxl builds every cell of a row before it can skip one: a row of 4,000,000 empty cells
    (121 KB zipped) took it minutes. Cut here, with byte searches, what the form never reads:
    cells after its columns (cells come in column order) and rows after its last."""
    out: list[bytes] = []
    copied = scan = 0
    for _ in range(max_rows):
        row = _ROW.search(xml, scan)
        if row is None:
            return xml if not out else b"".join([*out, xml[copied:]])
        tag_end = xml.find(b">", row.start())
        if tag_end < 0:
            raise not_a_form("the workbook is damaged and cannot be read")
        if xml[tag_end - 1 : tag_end] == b"/":  # <row r="5"/>
            scan = tag_end + 1
            continue
        end = _ROW_END.search(xml, tag_end)
        if end is None:
            raise not_a_form("the workbook is damaged and cannot be read")
        scan, cell_at = end.end(), tag_end
        for _ in range(max_cells):
            cell = _CELL.search(xml, cell_at, end.start())
            if cell is None:
                break
            cell_at = cell.end()
        else:
            extra = _CELL.search(xml, cell_at, end.start())
            if extra is not None:
                out.append(xml[copied : extra.start()])
                copied = end.start()
    row = _ROW.search(xml, scan)
    if row is None:
        return xml if not out else b"".join([*out, xml[copied:]])
    data_end = _SHEET_DATA_END.search(xml, row.start())
    if data_end is None:
        raise not_a_form("the workbook is damaged and cannot be read")
    return b"".join([*out, xml[copied : row.start()], xml[data_end.start() :]])


def _trimmed(archive: zipfile.ZipFile) -> io.BytesIO:
    """The workbook again, its worksheets cut to what the form reads (``trim_sheet``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as trimmed:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith(".xml") and b"sheetData" in data:
                data = trim_sheet(data, max_rows=MAX_SHEET_ROW + 1, max_cells=READ_COLUMNS)
            trimmed.writestr(info, data)
    out.seek(0)
    return out


def read_workbook(content: bytes) -> Workbook:
    """Every sheet's non-empty rows as plain values. Anything openpyxl cannot read is a 422.

    No database here: the import reads the file before its transaction begins."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(max(i.file_size, 0) for i in archive.infolist()) > MAX_UNZIPPED:
            raise not_a_form("the workbook is too large once unpacked (at most 50 MB)")
        wb = openpyxl.load_workbook(_trimmed(archive), read_only=True, data_only=True)
    except ProblemError:
        raise
    except Exception:  # zip, XML or workbook structure errors: openpyxl raises many kinds
        raise not_a_form("not an Excel workbook (.xlsx); use the downloaded form") from None
    try:
        if len(wb.worksheets) > MAX_SHEETS:
            raise not_a_form("the workbook has too many sheets to be the form")
        if MARKER_SHEET not in wb.sheetnames:
            raise not_a_form(
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
                if not all(blank(v) for v in values):
                    rows.append((n, tuple(values)))
            too_long = isinstance(declared, int) and declared > MAX_SHEET_ROW
            sheets.append(Sheet(ws.title, ws.sheet_state, rows, too_long))
        return Workbook(marker, sheets)
    except ProblemError:
        raise
    except Exception:
        raise not_a_form("the workbook is damaged and cannot be read") from None
    finally:
        wb.close()


@dataclass(frozen=True)
class Marker:
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


def read_marker(rows: list[tuple[Any, ...]]) -> Marker:
    bad = not_a_form("the form's hidden marker is damaged; download a fresh form")
    if not rows or not rows[0] or rows[0][0] != MARKER_TAG:
        raise bad
    if _int(rows[0][1] if len(rows[0]) > 1 else None) != TEMPLATE_VERSION:
        raise not_a_form("this form was made by another version of Ykien; download a fresh form")
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
    return Marker(consultation_id, _int(values.get("unit_id")), form_id, documents)


# --- cell values ---------------------------------------------------------------------------------


class CellError(ValueError):
    pass


def text_value(value: Any) -> str | None:
    if blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        raise CellError("expected text, found a date")
    return nfc(str(value)) or None


def choice_value(value: Any, column: Column) -> StrEnum | None:
    text = text_value(value)
    if text is None:
        return None
    found = LOOKUPS[column.key].get(fold(text))
    if found is None:
        assert column.labels is not None
        allowed = ", ".join(f"'{label}'" for label in column.labels.values())
        raise CellError(f"'{text[:60]}' is not in the list; use one of {allowed}")
    return found


def people_value(value: Any) -> int | None:
    if blank(value):
        return None
    number: Any = value
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise CellError("write a whole number of people, e.g. 5") from None
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise CellError("write a whole number of people, e.g. 5")
    if isinstance(number, float) and not number.is_integer():
        raise CellError("write a whole number of people, e.g. 5")
    if not 1 <= number <= 10_000:
        raise CellError("must be between 1 and 10,000")
    return int(number)


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
EXCEL_FIRST, EXCEL_LAST = 36_526, 73_415  # serial numbers of 2000-01-01 and 2100-12-31


def day_value(value: Any) -> date | None:
    if blank(value):
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
        raise CellError("write the date as dd/mm/yyyy, e.g. 15/10/2025")
    if isinstance(value, timedelta) or not isinstance(value, str):
        raise CellError("write the date as dd/mm/yyyy, e.g. 15/10/2025")
    text = value.strip()
    if m := _DMY.match(text):
        d, mo, y = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    else:
        raise CellError("write the date as dd/mm/yyyy, e.g. 15/10/2025")
    try:
        return date(y, mo, d)
    except ValueError:
        raise CellError(f"'{text}' is not a real date") from None


def header_columns(header: tuple[Any, ...]) -> dict[str, int]:
    """Column key → index, found by the header's words (columns may have been moved)."""
    found: dict[str, int] = {}
    for i, value in enumerate(header):
        if isinstance(value, str) and (column := HEADER_KEYS.get(header_key(value))):
            found.setdefault(column.key, i)
    return found


@dataclass
class FilledForm:
    """A filled form as read from its file, before anything is checked against the database."""

    marker: Marker
    sheets: list[Sheet]


def read_form(content: bytes) -> FilledForm:
    """Parse an uploaded form (422 for anything that is not one). The import calls this before
    its transaction begins, so that no write waits on a file being read."""
    book = read_workbook(content)
    return FilledForm(read_marker(book.marker), book.sheets)
