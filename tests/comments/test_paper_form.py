"""The paper form: a board downloads the XLSX, types the paper minutes into it, and imports it."""

import io
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import openpyxl
from fastapi.testclient import TestClient
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from tests.factories import Campaign
from ykien.comments.models import Comment
from ykien.comments.paper.form import MARKER_SHEET
from ykien.comments.paper.template import sheet_titles

TEMPLATE = "/api/v1/comments/import-template.xlsx"
IMPORT = "/api/v1/comments/import"
HEADERS = [
    "Mục (số)",
    "Nội dung ý kiến",
    "Loại ý kiến",
    "Đối tượng góp ý",
    "Hình thức",
    "Tổ chức lấy ý kiến",
    "Số người cùng ý kiến",
    "Ngày lấy ý kiến",
    "Họ tên người góp ý",
    "Liên hệ",
]
COL = {h: i + 1 for i, h in enumerate(HEADERS)}


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Comment)) or 0)


def _template(
    client: TestClient, world: World, campaign: Campaign, who: str = "entry_a1", unit: str = "A1"
) -> Workbook:
    resp = client.get(
        TEMPLATE,
        params={"consultation_id": campaign.consultation_id, "unit_id": world.units[unit]},
        headers=world.auth(who),
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in resp.headers["content-disposition"]
    return openpyxl.load_workbook(io.BytesIO(resp.content))


def _row(ws: Worksheet, row: int, values: dict[str, Any]) -> None:
    for header, value in values.items():
        ws.cell(row, COL[header], value)


def _bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(
    client: TestClient,
    world: World,
    content: bytes,
    who: str = "entry_a1",
    **params: Any,
) -> httpx.Response:
    return client.post(
        IMPORT,
        params=params,
        headers=world.auth(who),
        files={"file": ("mau.xlsx", content, "application/octet-stream")},
    )


def _good_rows(wb: Workbook, campaign: Campaign) -> None:
    yesterday = date.today() - timedelta(days=1)
    main, other = wb["BCCT-XI"], wb["DIEU-LE"]
    _row(
        main,
        3,
        {
            "Mục (số)": "I.1",
            "Nội dung ý kiến": "Đề nghị bổ sung giải pháp chống sạt lở bờ biển.",
            "Loại ý kiến": "Bổ sung",
            "Đối tượng góp ý": "Nhân dân",
            "Hình thức": "Hội nghị",
            "Số người cùng ý kiến": 5,
            "Ngày lấy ý kiến": datetime.combine(yesterday, datetime.min.time()),  # an Excel date
            "Họ tên người góp ý": "Nguyễn Văn A",
        },
    )
    main.cell(3, COL["Ngày lấy ý kiến"]).number_format = "DD/MM/YYYY"
    _row(
        main,
        4,
        {
            "Nội dung ý kiến": "Nhất trí với dự thảo.",
            "Loại ý kiến": "tan thanh",  # no diacritics, lower case
            "Đối tượng góp ý": "Đảng viên",
            "Hình thức": "Văn bản",
            "Tổ chức lấy ý kiến": "Công đoàn",
            "Ngày lấy ý kiến": yesterday.strftime("%d/%m/%Y"),
        },
    )
    # Row 5 left empty: skipped. Row 6 uses the English enumeration strings.
    _row(
        main,
        6,
        {
            "Mục (số)": "II",
            "Nội dung ý kiến": "Đề nghị sửa mục tiêu tăng trưởng.",
            "Loại ý kiến": "AMEND",
            "Đối tượng góp ý": "front_committee_member",
            "Hình thức": "meeting",
            "Ngày lấy ý kiến": date.today().strftime("%d/%m/%Y"),
        },
    )
    _row(
        other,
        3,
        {
            "Mục (số)": 1,  # typed as a number
            "Nội dung ý kiến": "Không tán thành nội dung mục 1.",
            "Loại ý kiến": "Không tán thành",
            "Đối tượng góp ý": "Cán bộ, công chức, viên chức",
            "Hình thức": "Trực tuyến",
            "Ngày lấy ý kiến": yesterday.strftime("%d/%m/%Y"),
        },
    )


def test_the_template_has_a_sheet_per_document_with_drop_downs(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    wb = _template(client, world, campaign)
    assert wb.sheetnames[:3] == ["Hướng dẫn", "BCCT-XI", "DIEU-LE"]
    assert wb["Danh mục"].sheet_state == "hidden"
    assert wb[MARKER_SHEET].sheet_state == "veryHidden"
    guide = " ".join(str(c) for row in wb["Hướng dẫn"].iter_rows(values_only=True) for c in row)
    assert "Lấy ý kiến dự thảo văn kiện Đại hội" in guide and "Khu phố 1" in guide

    ws = wb["BCCT-XI"]
    assert [ws.cell(2, i).value for i in range(1, 11)] == HEADERS
    assert ws.freeze_panes == "A3"
    assert "BCCT-XI" in str(ws["A1"].value)
    assert ws.column_dimensions["B"].width > 40  # the content column is wide and wraps
    assert ws.column_dimensions["B"].alignment.wrap_text

    lists = wb["Danh mục"]

    def values_of(formula: str) -> list[str]:
        _sheet, cells = formula.split("!")
        start, end = cells.replace("$", "").split(":")
        rows = lists[start:end]
        return [r[0].value for r in rows]

    by_column = {}
    for dv in ws.data_validations.dataValidation:
        column = str(dv.sqref).split(":")[0].rstrip("0123456789")
        by_column[column] = dv
    assert set(by_column) == {"A", "C", "D", "E", "F", "G", "H"}
    assert all(by_column[c].type == "list" for c in "ACDEF")
    assert all("Danh mục" in str(by_column[c].formula1) for c in "ACDEF")
    assert values_of(by_column["A"].formula1) == ["I", "I.1", "I.2", "II"]
    assert values_of(by_column["C"].formula1) == [
        "Tán thành",
        "Đề nghị sửa đổi",
        "Đề nghị bổ sung",
        "Không tán thành",
        "Khác",
    ]
    categories = values_of(by_column["D"].formula1)
    assert "Ủy viên UB MTTQ" in categories and len(categories) == 8
    assert values_of(by_column["E"].formula1)[0] == "Hội nghị"
    assert values_of(by_column["F"].formula1)[-2:] == ["Hội Cựu chiến binh", "Khác"]
    assert by_column["G"].type == "whole" and by_column["H"].type == "date"
    other = {str(dv.sqref)[0]: dv for dv in wb["DIEU-LE"].data_validations.dataValidation}
    assert values_of(other["A"].formula1) == ["1"]


def test_a_viewer_may_download_the_form_of_a_consultation_it_sees(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    resp = client.get(
        TEMPLATE,
        params={"consultation_id": campaign.consultation_id},
        headers=world.auth("viewer_p"),
    )
    assert resp.status_code == 200
    missing = client.get(
        TEMPLATE, params={"consultation_id": 999_999}, headers=world.auth("viewer_p")
    )
    assert missing.status_code == 404
    outside = client.get(
        TEMPLATE,
        params={"consultation_id": campaign.consultation_id, "unit_id": world.units["A3"]},
        headers=world.auth("entry_a1"),
    )
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["loc"] == ["query", "unit_id"]


def test_a_filled_form_is_imported_once_and_listed(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    content = _bytes(wb)
    resp = _import(
        client, world, content, unit_id=world.units["A1"], meeting_id=campaign.meeting_id
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert (body["created"], body["skipped_retries"], body["rows"]) == (4, 0, 4)
    first = body["items"][0]
    assert first["section_id"] == campaign.sections["I.1"] and first["stance"] == "add"
    assert first["people"] == 5 and first["category"] == "citizen"
    assert first["meeting_id"] == campaign.meeting_id
    assert first["contributor_name"] == "Nguyễn Văn A"
    assert first["collected_on"] == (date.today() - timedelta(days=1)).isoformat()

    listed = client.get(
        "/api/v1/comments",
        params={"unit_id": world.units["A1"], "order": "oldest"},
        headers=world.auth("entry_a1"),
    ).json()["items"]
    assert [(c["stance"], c["category"], c["channel"], c["organization"]) for c in listed] == [
        ("add", "citizen", "meeting", "front"),
        ("agree", "party_member", "written", "trade_union"),
        ("amend", "front_committee_member", "meeting", "front"),
        ("disagree", "cadre", "online", "front"),
    ]
    assert listed[1]["section_id"] is None and listed[1]["people"] == 1
    assert listed[3]["document_id"] == campaign.other_document_id
    assert listed[3]["section_id"] == campaign.other_section_id

    # The same file again (say the answer was lost on a weak connection): nothing new.
    again = client.post(
        IMPORT,
        params={"unit_id": world.units["A1"], "meeting_id": campaign.meeting_id},
        headers={**world.auth("entry_a1"), "Content-Type": "application/octet-stream"},
        content=content,  # the raw body works as well as a multipart field
    )
    assert again.status_code == 201, again.text
    assert (again.json()["created"], again.json()["skipped_retries"]) == (0, 4)
    assert _count(engine) == 4

    # More rows typed below, then the whole file imported again: only the new row is stored.
    _row(
        wb["BCCT-XI"],
        7,
        {
            "Nội dung ý kiến": "Ý kiến thêm.",
            "Loại ý kiến": "Khác",
            "Đối tượng góp ý": "Khác",
            "Hình thức": "Khác",
            "Ngày lấy ý kiến": date.today().strftime("%d/%m/%Y"),
        },
    )
    more = _import(
        client, world, _bytes(wb), unit_id=world.units["A1"], meeting_id=campaign.meeting_id
    )
    assert (more.json()["created"], more.json()["skipped_retries"]) == (1, 4)
    assert _count(engine) == 5


def test_rows_added_above_imported_ones_do_not_duplicate_them(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    assert _import(client, world, _bytes(wb)).status_code == 201  # 4 comments, from row 3
    # A forgotten comment typed into a new first row, and the same words as it twice below:
    # every row under it moves down one; only the new rows are stored.
    sheet = wb["BCCT-XI"]
    sheet.insert_rows(3)
    words = {
        "Nội dung ý kiến": "Ý kiến bị sót.",
        "Loại ý kiến": "Khác",
        "Đối tượng góp ý": "Khác",
        "Hình thức": "Khác",
        "Ngày lấy ý kiến": date.today().strftime("%d/%m/%Y"),
    }
    for row in (3, 9, 10):
        _row(sheet, row, words)
    resp = _import(client, world, _bytes(wb))
    assert resp.status_code == 201, resp.text
    assert (resp.json()["created"], resp.json()["skipped_retries"]) == (3, 4)
    assert _count(engine) == 7


def test_a_row_changed_after_its_import_is_named_not_duplicated(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    assert _import(client, world, _bytes(wb)).status_code == 201  # the form's unit: A1
    wb["BCCT-XI"].cell(4, COL["Loại ý kiến"], "Không tán thành")
    resp = _import(client, world, _bytes(wb))
    assert resp.status_code == 409, resp.text
    assert resp.json()["errors"][0]["loc"] == ["file", "BCCT-XI", 4]
    assert "BCCT-XI" in resp.json()["detail"] and "row 4" in resp.json()["detail"]
    assert _count(engine) == 4


def test_errors_name_sheet_row_and_column_and_nothing_is_stored(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    wb["BCCT-XI"].cell(3, COL["Loại ý kiến"], "Ủng hộ")  # not a stance
    wb["BCCT-XI"].cell(4, COL["Nội dung ý kiến"], "   ")  # blank content
    wb["DIEU-LE"].cell(3, COL["Mục (số)"], "IV.9")  # not a section of that document
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    _row(
        wb["DIEU-LE"],
        4,
        {
            "Nội dung ý kiến": "Một ý kiến ghi ngày mai.",
            "Loại ý kiến": "Tán thành",
            "Đối tượng góp ý": "Nhân dân",
            "Hình thức": "Hội nghị",
            "Số người cùng ý kiến": 0,
            "Ngày lấy ý kiến": tomorrow,
        },
    )
    resp = _import(client, world, _bytes(wb), unit_id=world.units["A1"])
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    errors = resp.json()["errors"]
    locs = [e["loc"] for e in errors]
    assert locs == [
        ["file", "BCCT-XI", 3, "Loại ý kiến"],
        ["file", "BCCT-XI", 4, "Nội dung ý kiến"],
        ["file", "DIEU-LE", 3, "Mục (số)"],
        ["file", "DIEU-LE", 4, "Số người cùng ý kiến"],
        ["file", "DIEU-LE", 4, "Ngày lấy ý kiến"],
    ]
    assert "Tán thành" in errors[0]["msg"]  # the message lists what is allowed
    assert "future" in errors[4]["msg"]
    detail = resp.json()["detail"]
    assert "BCCT-XI" in detail and "row 3" in detail and "Loại ý kiến" in detail
    assert _count(engine) == 0


def test_an_error_found_when_storing_is_named_too(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    # The meeting was held in A1; the commune imports A2's form with it.
    wb = _template(client, world, campaign, who="secretary_c1", unit="A2")
    _good_rows(wb, campaign)
    resp = _import(client, world, _bytes(wb), who="secretary_c1", meeting_id=campaign.meeting_id)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["query", "meeting_id"]
    wb["BCCT-XI"].cell(3, COL["Ngày lấy ý kiến"], campaign.opens_on - timedelta(days=1))
    early = _import(client, world, _bytes(wb), who="secretary_c1")
    assert early.status_code == 422
    assert early.json()["errors"][0]["loc"] == ["file", "BCCT-XI", 3, "Ngày lấy ý kiến"]
    assert _count(engine) == 0


def test_a_file_that_is_not_the_form_is_refused(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    for content in (b"", b"not a spreadsheet", b"PK\x03\x04broken zip"):
        resp = _import(client, world, content, unit_id=world.units["A1"])
        assert resp.status_code == 422, resp.text
        assert resp.json()["errors"][0]["loc"] == ["file"]
    plain = openpyxl.Workbook()
    plain.active.append(HEADERS)  # type: ignore[union-attr]
    resp = _import(client, world, _bytes(plain), unit_id=world.units["A1"])
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["loc"] == ["file"]
    assert "form" in resp.json()["detail"]

    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    other = _import(client, world, _bytes(wb), consultation_id=campaign.consultation_id + 1)
    assert other.status_code == 422 and other.json()["errors"][0]["loc"] == ["file"]
    empty = _import(client, world, _bytes(_template(client, world, campaign)))
    assert empty.status_code == 422 and empty.json()["errors"][0]["loc"] == ["file"]
    no_field = client.post(
        IMPORT, headers=world.auth("entry_a1"), files={"other": ("x.xlsx", b"x")}
    )
    assert no_field.status_code == 422
    assert _count(engine) == 0


def test_a_renamed_header_or_an_extra_sheet_is_named(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    wb["BCCT-XI"].cell(2, COL["Loại ý kiến"], "Ý kiến")
    extra = wb.create_sheet("Trang 2")
    extra["B3"] = "Một ý kiến ở trang lạ"
    resp = _import(client, world, _bytes(wb))
    assert resp.status_code == 422
    locs = [e["loc"] for e in resp.json()["errors"]]
    assert locs == [["file", "BCCT-XI", 2, "Loại ý kiến"], ["file", "Trang 2"]]


def test_only_writers_in_scope_import(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    content = _bytes(wb)
    assert _import(client, world, content, who="viewer_p").status_code == 403
    outside = _import(client, world, content, unit_id=world.units["A3"])
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["loc"] == ["query", "unit_id"]
    other_branch = _import(client, world, content, who="admin_d2")  # the form is A1's
    assert other_branch.status_code == 422
    assert other_branch.json()["errors"][0]["loc"] == ["query", "unit_id"]
    assert _import(client, world, content, unit_id=999_999).status_code == 404
    assert _count(engine) == 0


def test_a_closed_consultation_takes_no_import(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    closed = client.post(
        f"/api/v1/consultations/{campaign.consultation_id}/close", headers=world.auth("admin_p")
    )
    assert closed.status_code == 200
    assert _import(client, world, _bytes(wb)).status_code == 409


def test_sheet_titles_fit_excel() -> None:
    titles = sheet_titles(["A" * 40, "a" * 40, "History", "BC-1"])
    assert titles == ["A" * 31, "a" * 29 + "~2", "History~2", "BC-1"]
    assert all(len(t) <= 31 for t in titles)


def test_a_damaged_or_tampered_form_is_a_clear_422(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    content = _bytes(wb)
    truncated = _import(client, world, content[: len(content) // 2])
    assert truncated.status_code == 422 and truncated.json()["errors"][0]["loc"] == ["file"]

    wb[MARKER_SHEET]["B2"] = "not an id"
    broken = _import(client, world, _bytes(wb))
    assert broken.status_code == 422 and broken.json()["errors"][0]["loc"] == ["file"]
    wb[MARKER_SHEET]["B2"] = 999_999  # a consultation that does not exist (or is not yours)
    unknown = _import(client, world, _bytes(wb))
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["loc"] == ["file"]
    assert _count(engine) == 0


def test_a_large_form_imports_in_one_go(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    ws = wb["BCCT-XI"]
    day = date.today().strftime("%d/%m/%Y")
    for row in range(3, 3 + 1500):
        _row(
            ws,
            row,
            {
                "Mục (số)": "I.2",
                "Nội dung ý kiến": "Nhất trí với dự thảo.",  # the same words on every row
                "Loại ý kiến": "Tán thành",
                "Đối tượng góp ý": "Nhân dân",
                "Hình thức": "Hội nghị",
                "Ngày lấy ý kiến": day,
            },
        )
    resp = _import(client, world, _bytes(wb))
    assert resp.status_code == 201, resp.text
    assert resp.json()["created"] == 1500 and len(resp.json()["items"]) == 100
    assert _count(engine) == 1500


def test_a_deleted_title_row_or_optional_column_is_tolerated(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    wb = _template(client, world, campaign)
    _good_rows(wb, campaign)
    ws = wb["BCCT-XI"]
    ws.unmerge_cells("A1:J1")
    ws.delete_rows(1)  # the title row: the header is now row 1
    ws.delete_cols(COL["Liên hệ"])
    resp = _import(client, world, _bytes(wb))
    assert resp.status_code == 201, resp.text
    assert resp.json()["created"] == 4


def test_the_form_speaks_the_vocabulary_and_still_reads_earlier_words() -> None:
    """The drop-downs are the one vocabulary's words (reports/vocabulary.py); a form handed out
    before, with "Sửa đổi" or "Phương tiện truyền thông", still imports."""
    from ykien.comments.models import Channel, Stance
    from ykien.comments.paper import form
    from ykien.core.text import fold
    from ykien.reports.vocabulary import STANCES, labels

    assert {m.value: w for m, w in form.STANCE_LABELS.items()} == labels(STANCES)
    assert form.ALIASES[fold("Sửa đổi")] == Stance.amend
    assert form.ALIASES[fold("Phương tiện truyền thông")] == Channel.media
