"""Exports: every work of the subtree, in vi/en/codes, no cell ever a formula; the words of the
enumerations are the web app's."""

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.works.support import register
from ykien.works.models import WorkKind, WorkStatus
from ykien.works.vocabulary import KINDS, STATUSES

I18N = Path(__file__).parents[2] / "frontend" / "src" / "i18n"
NASTY = '=HYPERLINK("http://evil","x")'


def test_csv_and_xlsx_keep_formulas_out(client: TestClient, world: World) -> None:
    register(client, world, "admin_d1", title=NASTY, description="+1+1")
    register(client, world, "admin_d2", unit="D2", title="Của huyện khác")
    resp = client.get("/api/v1/works/export", headers=world.auth("admin_d1"))
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Mã",
        "Đơn vị",
        "Mã đơn vị",
        "Tổ chức đăng ký",
        "Loại",
        "Tên công trình, phần việc",
    ]
    assert len(rows) == 2  # the header and D1's work only
    assert rows[1][5] == "'" + NASTY and rows[1][6] == "'+1+1"
    assert rows[1][3] == "Đoàn Thanh niên" and rows[1][10] == "Đã đăng ký"
    xlsx = client.get(
        "/api/v1/works/export",
        headers=world.auth("admin_p"),
        params={"format": "xlsx", "labels": "en"},
    )
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells[NASTY].data_type == "s"  # a string, never a formula
    assert sheet.cell(1, 5).value == "Kind" and sheet.max_row == 3


@pytest.mark.engine_neutral
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_web_app_shows_the_same_words(language: str) -> None:
    source = (I18N / f"{language}.ts").read_text(encoding="utf-8")
    for key, enum, terms in (("workKind", WorkKind, KINDS), ("workStatus", WorkStatus, STATUSES)):
        block = re.search(rf"^  {key}: \{{([^}}]*)\}}", source, re.MULTILINE)
        assert block is not None, key
        shown = dict(re.findall(r"(\w+): '((?:[^'\\]|\\.)*)'", block.group(1)))
        for member in enum:
            term = terms[member]
            assert shown[member.value] == (term.vi if language == "vi" else term.en)
