"""One table renderer for every file we hand out: CSV (BOM, streamed) and XLSX (constant memory)."""

import csv
import io
from collections.abc import Iterator
from datetime import date

import openpyxl
import pytest

from ykien.reports import tables
from ykien.reports.tables import Column, Table, csv_bytes, csv_chunks, xlsx_bytes

Pair = tuple[str, int]
COLUMNS: list[Column[Pair]] = [
    Column("name", lambda r: r[0], width=30),
    Column("count", lambda r: r[1]),
    Column("day", lambda r: date(2020, 9, r[1] % 28 + 1)),
]


def rows(n: int) -> list[Pair]:
    return [(f"Khu phố {i}", i) for i in range(n)]


def test_csv_has_a_bom_a_header_and_a_row_each() -> None:
    data = csv_bytes(Table(COLUMNS, rows(3), footer=[["Tổng", 3]]))
    assert data.startswith("\ufeff".encode())
    got = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert got == [
        ["name", "count", "day"],
        ["Khu phố 0", "0", "2020-09-01"],
        ["Khu phố 1", "1", "2020-09-02"],
        ["Khu phố 2", "2", "2020-09-03"],
        ["Tổng", "3"],
    ]


def test_csv_streams_in_chunks_reading_each_row_once() -> None:
    read: list[int] = []

    def source() -> Iterator[Pair]:
        for row in rows(2 * tables.CSV_CHUNK_ROWS + 1):
            read.append(row[1])
            yield row

    chunks = csv_chunks(Table(COLUMNS, source()))
    first = next(chunks)
    assert len(read) == tables.CSV_CHUNK_ROWS and first.count(b"\n") == tables.CSV_CHUNK_ROWS + 1
    assert len(list(chunks)) == 2 and len(read) == 2 * tables.CSV_CHUNK_ROWS + 1


def test_xlsx_bold_header_and_footer_widths_and_date_cells() -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes(Table(COLUMNS, rows(2), sheet="Thử", footer=[["Tổng", 2]])))
    )
    sheet = book["Thử"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["name", "count", "day"]
    assert values[1][:2] == ["Khu phố 0", 0] and values[1][2].date() == date(2020, 9, 1)
    assert values[3][:2] == ["Tổng", 2]
    assert sheet["A1"].font.b and sheet["A4"].font.b and not sheet["A2"].font.b
    assert sheet["C2"].number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["A"].width >= 30


DANGEROUS = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "- Đề nghị bổ sung"]
SAFE = ["Đề nghị", "1-2", "a=b", " =1", "'quoted", ""]


def test_csv_cells_a_spreadsheet_would_compute_get_a_quote() -> None:
    one: list[Column[str]] = [Column("text", lambda r: r), Column("n", lambda r: -1)]
    got = list(csv.reader(io.StringIO(csv_bytes(Table(one, DANGEROUS + SAFE)).decode("utf-8-sig"))))
    assert [r[0] for r in got[1:]] == ["'" + t for t in DANGEROUS] + SAFE
    assert {r[1] for r in got[1:]} == {"-1"}  # numbers are numbers


def test_xlsx_cells_are_text_or_numbers_never_formulas() -> None:
    one: list[Column[str]] = [
        Column("=HEADER()", lambda r: r),
        Column("n", lambda r: -1),
        Column("url", lambda r: "http://x.example/?" + r),
    ]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(Table(one, DANGEROUS + SAFE))))
    cells = [c for row in book.active.iter_rows() for c in row]  # type: ignore[union-attr]
    assert {c.data_type for c in cells} <= {"s", "n"}
    shown = [c.value for c in book.active["A"]][1:]  # type: ignore[index]
    # (openpyxl does not decode the _x000D_ that stands for a carriage return in an inline string)
    assert shown == [t if t != "\rx" else "_x000D_x" for t in DANGEROUS + SAFE]
    assert book.active["A1"].value == "=HEADER()" and book.active["B2"].value == -1  # type: ignore[index]
    assert not any(c.hyperlink for c in cells)


def test_xlsx_rows_past_a_sheet_s_limit_go_on_in_a_new_sheet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing is dropped at the row limit (xlsxwriter drops rows past 1,048,575 silently)."""
    monkeypatch.setattr(tables, "XLSX_MAX_ROWS", 4)  # a header and 3 rows a sheet
    columns = [Column[int]("n", lambda n: n)]
    table = Table(columns, range(1, 8), sheet="Ý kiến", footer=[["total"]], title="Dữ liệu lúc")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table)))
    assert book.sheetnames == ["Ý kiến", "Ý kiến (2)", "Ý kiến (3)"]
    values = [[c.value for c in row] for sheet in book for row in sheet.iter_rows()]
    assert values == [["n"], [1], [2], [3], ["n"], [4], [5], [6], ["n"], [7], ["total"]]
    assert book.properties.title == "Dữ liệu lúc"
