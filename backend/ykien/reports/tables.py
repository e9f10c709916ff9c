"""Tables as files: one place renders a table (columns: a header and a getter) to CSV or XLSX.

Every export we hand out goes through here — the comments export, the stats file, the progress
file — so that the rules of a file are written once: CSV is UTF-8 with a BOM (Excel then shows
Vietnamese correctly), streamed in chunks; XLSX is written in constant memory to a temporary file
(any number of rows), the header in bold, days as date cells shown dd/mm/yyyy.

Rows are any iterable (a generator reading the database in chunks is fine): each row is read once,
through the columns' getters. Instants are shown in Vietnam's time (Asia/Ho_Chi_Minh): in CSV as
ISO 8601 with their offset, in XLSX as date-time cells dd/mm/yyyy hh:mm:ss.
"""

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Generic, Literal, TypeVar

from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response, StreamingResponse

from ykien.core.clock import VN_TZ

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "dd/mm/yyyy hh:mm:ss"
CSV_CHUNK_ROWS = 500
# A worksheet holds 1,048,576 rows: the header and 1,048,575 rows of data. Past that, the rows
# go on in a new sheet ("Ý kiến (2)", …) under the same header, never dropped.
XLSX_MAX_ROWS = 1_048_576
# A spreadsheet opening a CSV computes a cell that starts with one of these (formula injection):
# such a cell gets a "'" in front (OWASP). Bullets ("- Đề nghị …") too: unquoted, a spreadsheet
# reads them as a formula and shows #NAME?; quoted, they read "'- Đề nghị …".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XLSX cells are written by type, never through xlsxwriter's guessing (which turns "=…" into a
# formula, "http://…" into a link, "1e5" into a number).
XLSX_OPTIONS = {
    "constant_memory": True,
    "default_date_format": DATE_FORMAT,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

Cell = str | int | float | date | datetime | None
FileFormat = Literal["csv", "xlsx"]
Row = TypeVar("Row")


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    value: Callable[[Row], Cell]
    width: float | None = None  # XLSX column width in characters; None: the default


@dataclass(frozen=True)
class Table(Generic[Row]):
    columns: Sequence[Column[Row]]
    rows: Iterable[Row]
    sheet: str = "Sheet1"
    # Rows under the body, in bold in XLSX (totals); plain cells, as many as wanted.
    footer: Sequence[Sequence[Cell]] = field(default_factory=tuple)
    # What the file shows (e.g. the instant of the data's snapshot): the XLSX's title property.
    title: str | None = None

    def header(self) -> list[str]:
        return [c.header for c in self.columns]

    def cells(self) -> Iterator[list[Cell]]:
        getters = [c.value for c in self.columns]
        for row in self.rows:
            yield [get(row) for get in getters]


# --- CSV -----------------------------------------------------------------------------------------


def _local(value: datetime) -> datetime:
    """An instant in Vietnam's time (a naive one is taken as UTC, as the database stores it)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(VN_TZ)


def _csv_cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _local(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(table: Table[Row]) -> Iterator[bytes]:
    """The CSV file in chunks of ``CSV_CHUNK_ROWS`` rows: the BOM and the header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(table.header())

    def flush() -> bytes:
        data = buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
        return data

    for n, cells in enumerate(table.cells(), start=1):
        writer.writerow([_csv_cell(v) for v in cells])
        if n % CSV_CHUNK_ROWS == 0:
            yield flush()
    for footer in table.footer:
        writer.writerow([_csv_cell(v) for v in footer])
    yield flush()


def csv_bytes(table: Table[Row]) -> bytes:
    return b"".join(csv_chunks(table))


# --- XLSX ----------------------------------------------------------------------------------------


def write_xlsx(table: Table[Row], path: str) -> None:
    """The XLSX file at ``path``, written row by row in constant memory."""
    import xlsxwriter  # a second or so of import, only for those who ask for XLSX

    book = xlsxwriter.Workbook(path, XLSX_OPTIONS)
    try:
        sheet = book.add_worksheet(table.sheet)
        bold = book.add_format({"bold": True})
        day = book.add_format({"num_format": DATE_FORMAT})
        bold_day = book.add_format({"bold": True, "num_format": DATE_FORMAT})
        instant = book.add_format({"num_format": TIME_FORMAT})

        def write(row: int, cells: Sequence[Cell], strong: bool = False) -> None:
            style = bold if strong else None
            for col, value in enumerate(cells):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(row, col, value, style)
                elif isinstance(value, datetime):
                    local = _local(value).replace(tzinfo=None)  # a cell has no time zone
                    sheet.write_datetime(row, col, local, instant)
                elif isinstance(value, date):
                    sheet.write_datetime(row, col, value, bold_day if strong else day)
                else:
                    sheet.write_number(row, col, value, style)

        def new_sheet(number: int) -> None:
            nonlocal sheet
            if number > 1:
                # A sheet name is at most 31 characters.
                suffix = f" ({number})"
                sheet = book.add_worksheet(table.sheet[: 31 - len(suffix)] + suffix)
            for i, column in enumerate(table.columns):
                if column.width is not None:
                    sheet.set_column(i, i, column.width)
            write(0, table.header(), strong=True)

        if table.title:
            book.set_properties({"title": table.title})
        sheets, row = 1, 0
        new_sheet(sheets)
        for cells in table.cells():
            row += 1
            if row == XLSX_MAX_ROWS:
                sheets, row = sheets + 1, 1
                new_sheet(sheets)
            write(row, cells)
        if row + len(table.footer) >= XLSX_MAX_ROWS:
            sheets, row = sheets + 1, 0
            new_sheet(sheets)
        for i, footer in enumerate(table.footer, start=row + 1):
            write(i, footer, strong=True)
    finally:
        book.close()


def xlsx_bytes(table: Table[Row]) -> bytes:
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        write_xlsx(table, path)
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


# --- HTTP ----------------------------------------------------------------------------------------


def download(table: Table[Row], *, format: FileFormat, name: str) -> Response:
    """The table as a file to download, ``name`` without its extension. CSV streams as the rows
    are read; XLSX is written (to a temporary file, removed after sending) before answering."""
    filename = f"{name}.{format}"
    if format == "csv":
        return StreamingResponse(
            csv_chunks(table),
            media_type=CSV_MEDIA_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        write_xlsx(table, path)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(
        path,
        filename=filename,
        media_type=XLSX_MEDIA_TYPE,
        background=BackgroundTask(os.unlink, path),
    )
