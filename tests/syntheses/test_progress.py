"""Up and down the chain: deadlines and lateness (Asia/Ho_Chi_Minh), who has submitted, what
arrived, feedback to the child, scoping, and the progress and official reports."""

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import docx
import openpyxl

from tests.syntheses.conftest import Flow
from ykien.core.clock import VN_TZ
from ykien.syntheses.service import is_late


def _area_deadline(flow: Flow) -> date:
    return date.today() + timedelta(days=5)  # the campaign's residential_area deadline


def _vn(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=VN_TZ).astimezone(UTC)


def test_lateness_turns_at_midnight_in_vietnam() -> None:
    day = date(2020, 8, 25)
    assert not is_late(day, _vn(day, 23, 59, 59), _vn(day, 0, 0))
    assert is_late(day, _vn(day + timedelta(days=1), 0, 0), _vn(day, 0, 0))
    # 23:30 UTC on the 25th is already 06:30 on the 26th in Vietnam.
    assert is_late(day, datetime(2020, 8, 25, 23, 30, tzinfo=UTC), _vn(day, 0, 0))
    assert not is_late(day, datetime(2020, 8, 25, 16, 59, tzinfo=UTC), _vn(day, 0, 0))
    # Nothing submitted: judged by now.
    assert not is_late(day, None, _vn(day, 23, 59))
    assert is_late(day, None, _vn(day + timedelta(days=1), 0, 0))
    assert not is_late(None, None, _vn(day + timedelta(days=99), 0, 0))


def test_submitted_at_23_59_is_on_time_and_at_00_00_late(flow: Flow) -> None:
    deadline = _area_deadline(flow)
    s_a1, s_a2 = flow.draft("A1"), flow.draft("A2")
    flow.clock.at = _vn(deadline, 23, 59, 59)
    on_time = flow.submit(s_a1["id"], "A1")
    flow.clock.at = _vn(deadline + timedelta(days=1), 0, 0)
    late = flow.submit(s_a2["id"], "A2")
    assert (on_time["late"], late["late"]) == (False, True)
    assert on_time["deadline"] == deadline.isoformat()
    rows = flow.get(
        f"/units/{flow.world.units['C1']}/submissions",
        "secretary_c1",
        consultation_id=flow.campaign.consultation_id,
    ).json()["items"]
    assert [(r["unit"]["name"], r["status"], r["late"]) for r in rows] == [
        ("Khu phố 1", "submitted", False),
        ("Khu phố 2", "submitted", True),
    ]


def test_a_missing_synthesis_becomes_late_after_the_deadline(flow: Flow) -> None:
    deadline = _area_deadline(flow)
    url = f"/units/{flow.world.units['C2']}/submissions"
    params = {"consultation_id": flow.campaign.consultation_id}
    flow.clock.at = _vn(deadline, 23, 59)
    (row,) = flow.get(url, "secretary_c2", **params).json()["items"]
    assert row == {
        "unit": {
            "id": flow.world.units["A3"],
            "name": "Ấp Minh Phong",
            "level": "residential_area",
        },
        "status": "missing",
        "late": False,
        "submitted_at": None,
        "deadline": deadline.isoformat(),
        "synthesis_id": None,
        "version": None,
    }
    flow.clock.at = _vn(deadline + timedelta(days=1), 0, 0)
    (row,) = flow.get(url, "secretary_c2", **params).json()["items"]
    assert (row["status"], row["late"]) == ("missing", True)
    flow.draft("A3")
    (row,) = flow.get(url, "secretary_c2", **params).json()["items"]
    assert (row["status"], row["late"]) == ("draft", True)


def test_submissions_show_each_childs_latest_version(flow: Flow) -> None:
    s_a1 = flow.draft("A1")
    flow.submit(s_a1["id"], "A1")
    flow.act(s_a1["id"], "return", "secretary_c1", reason="Thiếu.")
    s_a2 = flow.draft("A2")
    flow.submit(s_a2["id"], "A2")
    flow.act(s_a2["id"], "accept", "secretary_c1")
    params = {"consultation_id": flow.campaign.consultation_id}
    rows = flow.get(f"/units/{flow.world.units['C1']}/submissions", "viewer_c1", **params).json()
    assert [(r["status"], r["version"]) for r in rows["items"]] == [
        ("returned", 1),
        ("accepted", 1),
    ]
    v2 = flow.draft("A1")
    rows = flow.get(f"/units/{flow.world.units['C1']}/submissions", "api_key", **params).json()
    assert (rows["items"][0]["status"], rows["items"][0]["synthesis_id"]) == ("draft", v2["id"])
    # The district's rows are its communes (only C1 under D1); the province's, its districts.
    d1 = flow.get(f"/units/{flow.world.units['D1']}/submissions", "admin_d1", **params).json()
    assert [r["unit"]["name"] for r in d1["items"]] == ["Phường Vĩnh Thanh Vân"]
    # Districts submit nothing in this consultation (no deadline): the province lists none...
    p = flow.get(f"/units/{flow.world.units['P']}/submissions", "viewer_p", **params).json()
    assert p["items"] == []
    # ...until the consultation gives districts a deadline.
    flow.set_deadlines(district=date.today() + timedelta(days=15))
    p = flow.get(f"/units/{flow.world.units['P']}/submissions", "viewer_p", **params).json()
    assert {r["unit"]["level"] for r in p["items"]} == {"district"} and len(p["items"]) == 2
    assert (
        flow.get(f"/units/{flow.world.units['C1']}/submissions", "secretary_c1").status_code == 422
    )
    assert (
        flow.get(
            f"/units/{flow.world.units['C1']}/submissions", "secretary_a1", **params
        ).status_code
        == 404
    )


def test_incoming_lists_the_childrens_submitted_syntheses(flow: Flow) -> None:
    comment = flow.comment("A1")
    s_a1, s_a2 = flow.draft("A1"), flow.draft("A2")
    flow.add_item(s_a1["id"], "A1", [comment])
    flow.submit(s_a1["id"], "A1")
    url = f"/units/{flow.world.units['C1']}/incoming"
    got = flow.get(url, "secretary_c1", consultation_id=flow.campaign.consultation_id).json()
    assert [s["id"] for s in got["items"]] == [s_a1["id"]]  # A2's draft has not arrived
    assert got["items"][0]["items"][0]["comment_ids"] == [comment]
    flow.submit(s_a2["id"], "A2")
    flow.act(s_a2["id"], "accept", "secretary_c1")
    got = flow.get(url, "viewer_c1").json()
    assert {s["id"] for s in got["items"]} == {s_a1["id"], s_a2["id"]}
    assert flow.get(url, "secretary_a1").status_code == 404
    # A cursor page in the order they were sent: no silent cap.
    first = flow.get(url, "viewer_c1", limit=1).json()
    assert [s["id"] for s in first["items"]] == [s_a1["id"]] and first["next_cursor"]
    second = flow.get(url, "viewer_c1", limit=1, cursor=first["next_cursor"]).json()
    assert [s["id"] for s in second["items"]] == [s_a2["id"]] and second["next_cursor"] is None
    forged = flow.get(url, "viewer_c1", cursor="WyJ4IiwieSJd")
    assert forged.status_code == 422 and forged.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_a_sibling_sees_nothing_and_readers_read(flow: Flow) -> None:
    s_a1 = flow.draft("A1")
    flow.add_item(s_a1["id"], "A1", [flow.comment("A1")])
    flow.submit(s_a1["id"], "A1")
    path = f"/syntheses/{s_a1['id']}"
    assert flow.get(path, "secretary_a2").status_code == 404
    assert flow.get(path, "admin_d2").status_code == 404
    assert flow.get("/syntheses", "secretary_a2").json()["items"] == []
    assert flow.get("/syntheses", "admin_d2").json()["items"] == []
    for reader in ("secretary_a1", "secretary_c1", "viewer_c1", "viewer_p", "api_key", "entry_a1"):
        assert flow.get(path, reader).status_code == 200, reader
    assert flow.get("/syntheses/not-a-uuid", "viewer_p").status_code == 422
    listed = flow.get("/syntheses", "viewer_p", status="submitted").json()["items"]
    assert [s["id"] for s in listed] == [s_a1["id"]]
    assert flow.get("/syntheses", "viewer_p", status="draft").json()["items"] == []


def test_lists_page_with_cursors(flow: Flow) -> None:
    made = [flow.draft(u)["id"] for u in ("A1", "A2", "A3", "C1", "C2")]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = flow.get("/syntheses", "viewer_p", **params).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(made) and len(seen) == 5
    assert flow.get("/syntheses", "viewer_p", cursor="garbage").status_code == 422


def test_feedback_reaches_the_child(flow: Flow) -> None:
    comments = [flow.comment("A1", content=f"Ý kiến số {n}.") for n in range(3)]
    s_a1 = flow.draft("A1")
    items = [flow.add_item(s_a1["id"], "A1", [c]) for c in comments]
    base = f"/api/v1/syntheses/{s_a1['id']}/items"
    early = flow.client.put(
        f"{base}/{items[0]['id']}/feedback",
        headers=flow.auth("secretary_c1"),
        json={"feedback": "noted"},
    )
    assert early.status_code == 409  # a draft gets no feedback
    flow.submit(s_a1["id"], "A1")
    s_c1 = flow.draft("C1")
    merged = flow.add_item(s_c1["id"], "C1", [], [items[0]["id"]])

    def mark(item: str, who: str = "secretary_c1", **body: object) -> object:
        return flow.client.put(f"{base}/{item}/feedback", headers=flow.auth(who), json=body)

    assert mark(items[1]["id"], feedback="noted").status_code == 200  # type: ignore[attr-defined]
    no_reason = mark(items[2]["id"], feedback="not_taken_up")
    assert no_reason.status_code == 422  # type: ignore[attr-defined]
    assert no_reason.json()["errors"][0]["loc"] == ["body", "reason"]  # type: ignore[attr-defined]
    assert (
        mark(items[2]["id"], feedback="not_taken_up", reason="Không thuộc phạm vi.").status_code
        == 200
    )  # type: ignore[attr-defined]
    assert mark(items[0]["id"], feedback="noted").status_code == 409  # type: ignore[attr-defined]
    for who in ("secretary_a1", "viewer_c1", "secretary_p", "api_key"):
        assert mark(items[1]["id"], who=who, feedback="noted").status_code == 403, who  # type: ignore[attr-defined]
    seen = flow.get(f"/syntheses/{s_a1['id']}", "secretary_a1").json()["items"]
    assert [(i["feedback"]["status"], i["feedback"]["reason"]) for i in seen] == [
        ("taken_up", None),
        ("noted", None),
        ("not_taken_up", "Không thuộc phạm vi."),
    ]
    assert seen[0]["feedback"]["merged_into"] == [merged["id"]]
    # Removing the parent's item takes the automatic "taken up" back.
    flow.client.delete(
        f"/api/v1/syntheses/{s_c1['id']}/items/{merged['id']}", headers=flow.auth("secretary_c1")
    )
    seen = flow.get(f"/syntheses/{s_a1['id']}", "secretary_a1").json()["items"]
    assert seen[0]["feedback"] is None


def test_the_progress_report_per_child(flow: Flow) -> None:
    flow.comment("A1", people=3)
    flow.comment("A2", people=2)
    flow.comment("C1")
    s_a1 = flow.draft("A1")
    flow.submit(s_a1["id"], "A1", confirm_empty=True)
    params = {"consultation_id": flow.campaign.consultation_id}
    got = flow.get(f"/units/{flow.world.units['C1']}/progress", "viewer_c1", **params).json()
    rows = [
        (
            r["unit"]["name"],
            r["meetings"],
            r["participants"],
            r["comments"],
            r["people"],
            r["status"],
        )
        for r in got["items"]
    ]
    assert rows == [
        ("Khu phố 1", 1, 45, 1, 3, "submitted"),
        ("Khu phố 2", 0, 0, 1, 2, "missing"),
    ]
    assert got["totals"] == {"meetings": 1, "participants": 45, "comments": 3, "people": 6}
    xlsx = flow.get(f"/units/{flow.world.units['C1']}/progress", "api_key", format="xlsx", **params)
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["Mã đơn vị", "Đơn vị", "Cấp", "Số hội nghị"]
    assert values[1][1:8] == ["Khu phố 1", "Khu dân cư", 1, 45, 1, 3, "Đã gửi"]
    assert values[2][7] == "Chưa có"
    district = flow.get(f"/units/{flow.world.units['D1']}/progress", "admin_d1", **params).json()
    assert [(r["unit"]["name"], r["comments"], r["people"]) for r in district["items"]] == [
        ("Phường Vĩnh Thanh Vân", 3, 6)
    ]


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts).replace("\xa0", " ")  # names are kept whole by no-break spaces


def test_the_official_report_of_a_commune(flow: Flow) -> None:
    agree = [flow.comment("A1", stance="agree", content="Tán thành dự thảo.") for _ in range(2)]
    add = flow.comment(
        "A2", people=3, content="Đề nghị bổ sung giải pháp chống sạt lở bờ biển.", channel="written"
    )
    s_c1 = flow.draft("C1")
    flow.add_item(
        s_c1["id"], "C1", agree, stance="agree", summary="Tán thành với dự thảo Báo cáo chính trị."
    )
    flow.add_item(
        s_c1["id"],
        "C1",
        [add],
        summary="Đề nghị bổ sung giải pháp chống sạt lở bờ biển.",
        recommendation=True,
        section_id=flow.campaign.sections["II"],
    )
    flow.submit(s_c1["id"], "C1")
    resp = flow.get(f"/syntheses/{s_c1['id']}/report.docx", "viewer_c1")
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    text = _docx_text(resp.content)
    for part in (
        "ỦY BAN MTTQ VIỆT NAM",
        "PHƯỜNG VĨNH THANH VÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Vĩnh Thanh Vân, ngày",  # the unit's own locality
        "BÁO CÁO",
        "BC-MTTQ-BTT",
        "Đa số ý kiến (2 ý kiến)",
        "chống sạt lở bờ biển",
        "Nơi nhận:",
        "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Rạch Giá",
        "Đảng ủy phường Vĩnh Thanh Vân",
        "TM. BAN THƯỜNG TRỰC",
    ):
        assert part in text, part
    assert flow.get(f"/syntheses/{s_c1['id']}/report.docx", "secretary_a2").status_code == 404
    draft = flow.draft("A1")
    assert flow.get(f"/syntheses/{draft['id']}/report.docx", "secretary_a1").status_code == 200


def test_the_progress_report_as_docx(flow: Flow) -> None:
    flow.comment("A1", people=3)
    params = {"consultation_id": flow.campaign.consultation_id, "format": "docx"}
    resp = flow.get(f"/units/{flow.world.units['C1']}/progress", "viewer_c1", **params)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.word"
    )
    document = docx.Document(io.BytesIO(resp.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO TIẾN ĐỘ LẤY Ý KIẾN" in text and "ngày" in text
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0][0] == "Đơn vị" and rows[1][0] == "Khu phố 1" and rows[1][3] == "1"
    assert rows[-1][0].startswith("Tổng cộng")


def test_areas_that_do_not_submit_show_their_entries_in_progress(flow: Flow) -> None:
    flow.set_deadlines(residential_area=None)
    flow.comment("A1", people=3)
    flow.comment("A1", people=2)
    flow.comment("C1")
    params = {"consultation_id": flow.campaign.consultation_id}
    c1 = flow.world.units["C1"]
    assert flow.get(f"/units/{c1}/submissions", "secretary_c1", **params).json() == {"items": []}
    got = flow.get(f"/units/{c1}/progress", "viewer_c1", **params).json()
    today = datetime.now(UTC).astimezone(VN_TZ).date().isoformat()
    assert [
        (
            r["unit"]["name"],
            r["submits"],
            r["status"],
            r["late"],
            r["deadline"],
            r["meetings"],
            r["comments"],
            r["people"],
            r["last_entry_on"],
        )
        for r in got["items"]
    ] == [
        ("Khu phố 1", False, "not_required", False, None, 1, 2, 5, today),
        ("Khu phố 2", False, "not_required", False, None, 0, 0, 0, None),
    ]
    # The district still follows its communes' syntheses.
    d1 = flow.get(f"/units/{flow.world.units['D1']}/progress", "admin_d1", **params).json()
    (row,) = d1["items"]
    assert (row["submits"], row["status"], row["last_entry_on"]) == (True, "missing", None)


def test_progress_counts_the_areas_that_took_part_at_every_level(flow: Flow) -> None:
    """A1 held the campaign's meeting, A2 entered a comment, A3 did nothing; a comment entered at
    a commune counts for no area, and a deleted one counts nothing."""
    flow.comment("A2")
    flow.comment("C1")
    gone = flow.comment("A3")
    resp = flow.client.request(
        "DELETE", f"/api/v1/comments/{gone}", headers=flow.auth("entry_a3"), json={}
    )
    assert resp.status_code == 204, resp.text
    c = flow.campaign.consultation_id

    def areas(unit: str) -> Any:
        url = f"/units/{flow.world.units[unit]}/progress"
        return flow.get(url, "viewer_p", consultation_id=c).json()["areas"]

    assert areas("P") == {"total": 3, "active": 2}
    assert areas("C1") == {"total": 2, "active": 2}
    assert areas("C2") == {"total": 1, "active": 0}
    assert areas("A3") == {"total": 1, "active": 0}
