"""The official report as a board downloads it: its file name, its place line, quantifiers true to
the document's comments in the unit's subtree, recommendations in part III."""

import io

import docx

from tests.syntheses.conftest import Flow, flow  # noqa: F401 (the fixture)


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts).replace("\xa0", " ")


def test_the_report_a_commune_downloads(flow: Flow) -> None:  # noqa: F811
    added = [flow.comment("A1", content=f"Đề nghị bổ sung giải pháp số {i}.") for i in range(3)]
    for i in range(4):  # on the same document, not merged: they count in the share
        flow.comment("A2", stance="agree", content=f"Tán thành nội dung {i}.")
    draft = flow.draft("C1")
    flow.add_item(
        draft["id"],
        "C1",
        added,
        summary="Nhiều ý kiến đề nghị bổ sung giải pháp chống ngập cho khu dân cư.",
        recommendation=True,
    )
    resp = flow.get(f"/syntheses/{draft['id']}/report.docx", "secretary_c1")
    assert resp.status_code == 200, resp.text
    code = resp.headers["content-disposition"]
    assert code.endswith('filename="bao-cao-tong-hop-C1-lan-1.docx"'), code
    text = _text(resp.content)
    assert "Vĩnh Thanh Vân, ngày" in text and "Kiên Giang, ngày" not in text
    # 3 of the document's 7 comments in the commune: no majority, and said once
    assert "Đa số ý kiến" not in text
    assert "- Nhiều ý kiến (3 ý kiến) đề nghị bổ sung giải pháp chống ngập cho khu dân cư." in text
    part_three = text[text.index("III. KIẾN NGHỊ, ĐỀ XUẤT") :]
    assert "1. Đề nghị bổ sung giải pháp chống ngập cho khu dân cư (3 ý kiến)." in part_three
    area = flow.draft("A1")
    resp = flow.get(f"/syntheses/{area['id']}/report.docx", "secretary_a1")
    assert resp.status_code == 200
    assert "Vĩnh Thanh Vân, ngày" in _text(resp.content)  # an area is dated at its commune
