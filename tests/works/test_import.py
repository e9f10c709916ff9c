"""The works form: downloaded, filled, uploaded; all rows or none, errors naming row and column,
a second upload of the same file a retry."""

import io
from datetime import timedelta
from typing import Any

import openpyxl
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from tests.works.support import TODAY
from ykien.works.form import HEADER_ROW, SHEET
from ykien.works.models import Work

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Work)) or 0)


def _form(client: TestClient, world: World, who: str, unit: str) -> openpyxl.Workbook:
    resp = client.get(
        "/api/v1/works/import-template.xlsx",
        headers=world.auth(who),
        params={"unit_id": world.units[unit]},
    )
    assert resp.status_code == 200 and resp.headers["content-type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(resp.content))


def _fill(book: openpyxl.Workbook, rows: list[list[Any]]) -> bytes:
    ws = book[SHEET]
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: TestClient, world: World, who: str, content: bytes) -> Any:
    return client.post(
        "/api/v1/works/import",
        headers={**world.auth(who), "content-type": XLSX},
        content=content,
    )


REGISTERED = (TODAY - timedelta(days=20)).strftime("%d/%m/%Y")
DUE = (TODAY + timedelta(days=40)).strftime("%d/%m/%Y")
GOOD = [
    [
        "Đoàn Thanh niên",
        "Công trình",
        "Cầu giao thông nông thôn",
        "Cầu bê tông 12 m",
        450000000,
        REGISTERED,
        DUE,
    ],
    [
        "Hội Liên hiệp Phụ nữ",
        "Phần việc",
        "Mái ấm tình thương",
        None,
        "60.000.000",
        TODAY - timedelta(days=5),
        DUE,
    ],
    [None, "phan viec", "Thắp sáng đường quê", None, None, REGISTERED, DUE],
]


def test_a_filled_form_is_stored_once(client: TestClient, world: World, engine: Engine) -> None:
    content = _fill(_form(client, world, "admin_d1", "D1"), GOOD)
    first = _upload(client, world, "admin_d1", content)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["created"], body["skipped_retries"], body["rows"]) == (3, 0, 3)
    orgs = [(i["organization"], i["kind"], i["value_vnd"]) for i in body["items"]]
    assert orgs == [
        ("youth_union", "project", 450_000_000),
        ("womens_union", "task", 60_000_000),
        ("front", "task", None),
    ]
    assert {i["unit_id"] for i in body["items"]} == {world.units["D1"]}
    again = _upload(client, world, "admin_d1", content)
    assert again.status_code == 201
    assert (again.json()["created"], again.json()["skipped_retries"]) == (0, 3)
    assert _count(engine) == 3


def test_one_bad_row_stores_nothing(client: TestClient, world: World, engine: Engine) -> None:
    rows = [
        *GOOD,
        ["Đoàn Thanh niên", "Tòa nhà", "Sai loại", None, -5, REGISTERED, DUE],
        ["Đoàn Thanh niên", "Công trình", None, None, None, "31/02/2020", DUE],
        [
            "Đoàn Thanh niên",
            "Công trình",
            "Hạn trước ngày đăng ký",
            None,
            None,
            REGISTERED,
            "01/01/2001",
        ],
    ]
    resp = _upload(client, world, "admin_d1", _fill(_form(client, world, "admin_d1", "D1"), rows))
    assert resp.status_code == 422 and resp.headers["content-type"] == "application/problem+json"
    locs = [e["loc"] for e in resp.json()["errors"]]
    assert ["file", SHEET, 7, "Loại"] in locs
    assert ["file", SHEET, 7, "Giá trị dự kiến (đồng)"] in locs
    assert ["file", SHEET, 8, "Ngày đăng ký (dd/mm/yyyy)"] in locs
    assert ["file", SHEET, 9, "Hạn hoàn thành (dd/mm/yyyy)"] in locs
    assert _count(engine) == 0


def test_a_missing_title_is_named(client: TestClient, world: World, engine: Engine) -> None:
    rows = [["Đoàn Thanh niên", "Công trình", None, None, None, REGISTERED, DUE]]
    resp = _upload(client, world, "admin_d1", _fill(_form(client, world, "admin_d1", "D1"), rows))
    assert resp.status_code == 422
    assert [e["loc"] for e in resp.json()["errors"]] == [
        ["file", SHEET, HEADER_ROW + 1, "Tên công trình, phần việc"]
    ]


def test_not_a_form_and_out_of_scope(client: TestClient, world: World, engine: Engine) -> None:
    junk = _upload(client, world, "admin_d1", b"not a workbook")
    assert junk.status_code == 422 and junk.json()["errors"][0]["loc"] == ["file"]
    # A sibling's form uploaded by D2: its unit is outside D2's subtree.
    content = _fill(_form(client, world, "admin_d1", "D1"), GOOD)
    sibling = _upload(client, world, "admin_d2", content)
    assert sibling.status_code == 422 and sibling.json()["errors"][0]["loc"] == ["query", "unit_id"]
    viewer = _upload(client, world, "viewer_p", content)
    assert viewer.status_code == 403
    assert _count(engine) == 0
