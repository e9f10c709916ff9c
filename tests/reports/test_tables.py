"""One table renderer for every file we hand out: CSV (BOM, streamed) and XLSX (constant memory)."""

import csv
import io
from collections.abc import Iterator
from datetime import date

import openpyxl

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
