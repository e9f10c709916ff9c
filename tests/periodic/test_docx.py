"""The DOCX: the administrative layout of the synthesis report, addressed to the Front above
and the same-level Party committee, the five sections with the period's figures and the unit's
own words — which arrive as text, never as markup or formulas."""

import io
import zipfile

from docx import Document

from tests.periodic.conftest import Board

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HOSTILE = '=HYPERLINK("http://x","y") <w:p>&amp; ]]> "quoted" \u202e'


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def download(board: Board, rid: str, who: str = "viewer_c1") -> bytes:
    resp = board.client.get(
        f"/api/v1/periodic-reports/{rid}/report.docx", headers=board.world.auth(who)
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == DOCX
    assert f"-{board.month.key}-lan-" in resp.headers["content-disposition"]
    return bytes(resp.content)


def test_docx_says_who_to_whom_and_the_figures(board: Board) -> None:
    board.comment("A1", people=3)
    board.comment("A2", people=2)
    rid = board.draft("C1")["id"]
    board.edit(rid, "secretary_c1", I="Tổ chức 5 buổi tuyên truyền.\nPhát 300 tờ rơi.", V="")
    text = text_of(download(board, rid))
    assert "ỦY BAN MTTQ VIỆT NAM" in text and "BAN THƯỜNG TRỰC" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert f"tháng {board.month.number} năm {board.month.year}" in text
    assert "Kính gửi:" in text
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Rạch Giá" in text
    assert "Ban Thường vụ Đảng ủy phường Vĩnh Thanh Vân" in text
    assert "Tiếp nhận 2 ý kiến đóng góp của 5 lượt người" in text
    for heading in ("I. CÔNG TÁC TUYÊN TRUYỀN", "II. CÔNG TÁC GÓP Ý", "III. CÔNG TÁC THAM GIA",
                    "IV. CÔNG TRÌNH, PHẦN VIỆC", "V. CÔNG TÁC SAU ĐẠI HỘI"):  # fmt: skip
        assert heading in text
    assert "Tổ chức 5 buổi tuyên truyền." in text and "Phát 300 tờ rơi." in text
    assert "Trong kỳ không có nội dung phát sinh." in text  # III and V: nothing
    assert "Khu phố 1" in text  # the children's table
    assert "Nơi nhận:" in text and "TM. BAN THƯỜNG TRỰC" in text


def test_district_docx_names_its_party_committee_and_late_children(board: Board) -> None:
    rid = board.draft("D1")["id"]
    text = text_of(download(board, rid, "secretary_d1"))
    assert "Ban Thường vụ Thành ủy Rạch Giá" in text
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Kiên Giang" in text
    assert "0/1 đơn vị cấp dưới đã gửi báo cáo" in text


def test_user_text_is_text_not_markup(board: Board) -> None:
    rid = board.draft("C1")["id"]
    resp = board.edit(rid, "secretary_c1", II=HOSTILE)
    assert resp.status_code == 200, resp.text
    content = download(board, rid)
    assert HOSTILE.strip() in text_of(content)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "<w:p>&amp;" not in xml and "&lt;w:p&gt;&amp;amp;" in xml
    # no field was made of the formula (the page number lives in the header part)
    assert "w:fldSimple" not in xml and "w:instrText" not in xml
