"""The synthesis report (DOCX): parsed back with python-docx, part by part."""

import io
from datetime import date

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from ykien.reports.model import (
    ReportDocument,
    ReportFigures,
    ReportItem,
    ReportSection,
    SynthesisReport,
)
from ykien.reports.synthesis_docx import render_synthesis_docx
from ykien.reports.wording import (
    date_line,
    graded_phrase,
    item_sentence,
    number_line,
    place,
    split_body,
)


def sample_report(**changes: object) -> SynthesisReport:
    report = SynthesisReport(
        issuing_body="ỦY BAN MTTQ VIỆT NAM TỈNH KIÊN GIANG",
        parent_body="Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
        party_committee="Ban Thường vụ Tỉnh ủy Kiên Giang",
        place="Kiên Giang",
        day=date(2020, 9, 5),
        number="12",
        consultation_title=(
            "dự thảo Báo cáo chính trị Đại hội đại biểu Đảng bộ tỉnh Kiên Giang lần thứ XI và dự "
            "thảo các văn kiện trình Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
        ),
        unit_name="tỉnh Kiên Giang",
        figures=ReportFigures(
            meetings=1_284,
            participants=41_530,
            comments=12_845,
            people=30_112,
            by_channel={"meeting": 10_210, "written": 1_402, "online": 1_033, "media": 200},
            by_category={"citizen": 8_850, "party_member": 1_750, "cadre": 1_200, "other": 1_045},
            general_agreement=5_436,
        ),
        documents=[
            ReportDocument(
                code="BCCT-KG-XI",
                comments=800,
                title=(
                    "Dự thảo Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh khóa X trình Đại "
                    "hội đại biểu Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025"
                ),
                sections=[
                    ReportSection(
                        number=None,
                        heading=None,
                        items=[
                            ReportItem(
                                "agree", "thống nhất cao với bố cục và nội dung", 412, 1_020
                            ),
                            ReportItem("amend", "viết ngắn gọn phần đánh giá kết quả", 60, 60),
                        ],
                    ),
                    ReportSection(
                        number="II.3",
                        heading="Ứng phó với biến đổi khí hậu, phòng, chống sạt lở bờ biển",
                        items=[
                            ReportItem(
                                "add",
                                "giải pháp chống sạt lở bờ biển An Minh, An Biên",
                                37,
                                85,
                                recommendation=True,
                            ),
                            ReportItem(
                                "add", "hỗ trợ bồn chứa nước cho hộ nghèo vùng hạn mặn", 14, 20
                            ),
                            ReportItem(
                                "amend", "Đề nghị nêu rõ trách nhiệm của chủ đầu tư kè", 5, 5
                            ),
                            ReportItem("disagree", "chỉ tiêu tỷ lệ che phủ rừng 12%", 1, 1),
                        ],
                    ),
                    ReportSection(number="III", heading="Công tác xây dựng Đảng", items=[]),
                ],
            ),
            ReportDocument(
                code="DTVK-XIII",
                comments=12,
                title="Dự thảo Báo cáo chính trị trình Đại hội đại biểu toàn quốc lần thứ XIII",
                sections=[
                    ReportSection(
                        number="IV",
                        heading="Phòng, chống tham nhũng",
                        items=[
                            ReportItem("add", "xử lý nghiêm tham nhũng, không có vùng cấm", 9, 9),
                            ReportItem("add", "cơ chế bảo vệ người tố cáo tham nhũng", 3, 3),
                        ],
                    )
                ],
            ),
        ],
        recommendations=[
            "Đề nghị Trung ương sớm bố trí vốn xây dựng kè chống sạt lở bờ biển Tây",
            "Tiếp tục tổ chức lấy ý kiến nhân dân vào dự thảo văn kiện ở các kỳ đại hội sau",
        ],
        signer_name="Phạm Thanh Hùng",
    )
    for key, value in changes.items():
        setattr(report, key, value)
    return report


def parse(report: SynthesisReport) -> DocumentObject:
    return Document(io.BytesIO(render_synthesis_docx(report)))


def body_text(doc: DocumentObject) -> list[str]:
    return [p.text for p in doc.paragraphs]


def cell_lines(doc: DocumentObject, table: int, column: int, row: int = 0) -> list[str]:
    """The cell's lines, no-break spaces read as spaces."""
    cell = doc.tables[table].rows[row].cells[column]
    return [p.text.replace("\xa0", " ") for p in cell.paragraphs if p.text.strip()]


def test_header_issuing_body_number_motto_place_and_date() -> None:
    doc = parse(sample_report())
    assert cell_lines(doc, 0, 0) == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH KIÊN GIANG", "BAN THƯỜNG TRỰC"]
    assert cell_lines(doc, 0, 1) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    # "Số:" and the place and date share one row of the header, each on one line
    assert cell_lines(doc, 0, 0, row=1) == ["Số: 12/BC-MTTQ-BTT"]
    assert cell_lines(doc, 0, 1, row=1) == ["Kiên Giang, ngày 05 tháng 9 năm 2020"]
    right = doc.tables[0].rows[0].cells[1].paragraphs
    assert all(r.bold for r in right[0].runs) and all(r.bold for r in right[1].runs)
    assert all(r.italic for r in doc.tables[0].rows[1].cells[1].paragraphs[0].runs)
    board = doc.tables[0].rows[0].cells[0].paragraphs[2]
    assert board.text == "BAN THƯỜNG TRỰC" and all(r.bold for r in board.runs)


def test_header_table_has_no_borders() -> None:
    doc = parse(sample_report())
    for table in doc.tables:
        borders = table._tbl.tblPr.xpath("./w:tblBorders/*")
        assert borders and all(
            b.get(b.tag.replace("}", "}").split("}")[0] + "}val") == "nil" for b in borders
        )


def test_a_report_without_a_number_leaves_it_blank() -> None:
    assert number_line(None).startswith("Số:") and number_line(None).endswith("/BC-MTTQ-BTT")
    assert "12" not in number_line(None)
    assert number_line("Số 7/BC-MTTQ-BTT") == "Số: 7/BC-MTTQ-BTT"
    doc = parse(sample_report(number=None))
    assert cell_lines(doc, 0, 0, row=1) == [number_line(None)]


def test_dates_pad_days_below_ten_and_january_february() -> None:
    assert date_line("Kiên Giang", date(2020, 9, 5)) == "Kiên Giang, ngày 05 tháng 9 năm 2020"
    assert date_line("Rạch Giá", date(2021, 2, 11)) == "Rạch Giá, ngày 11 tháng 02 năm 2021"


def test_title_and_subject_centred_in_bold() -> None:
    doc = parse(sample_report())
    texts = body_text(doc)
    i = texts.index("BÁO CÁO")
    subject = doc.paragraphs[i + 1]
    assert subject.text.startswith("Tổng hợp ý kiến đóng góp vào dự thảo Báo cáo chính trị")
    for p in (doc.paragraphs[i], subject):
        assert p.alignment == 1  # centre
        assert all(r.bold for r in p.runs)


def test_organisation_gives_concrete_figures() -> None:
    text = "\n".join(body_text(parse(sample_report())))
    assert "I. CÔNG TÁC TỔ CHỨC LẤY Ý KIẾN" in text
    assert "1.284 hội nghị, buổi lấy ý kiến với 41.530 lượt người tham dự" in text
    assert "12.845 ý kiến của 30.112 lượt người" in text
    assert "qua hội nghị, buổi lấy ý kiến: 10.210 ý kiến" in text
    assert "bằng văn bản: 1.402 ý kiến" in text
    assert "nhân dân ở khu dân cư: 8.850 ý kiến" in text
    assert "đảng viên: 1.750 ý kiến" in text
    assert "Có 5.436 ý kiến (42,3%) thống nhất cao" in text


def test_opinions_use_graded_phrases_with_counts() -> None:
    text = "\n".join(body_text(parse(sample_report())))
    assert "II. NỘI DUNG Ý KIẾN ĐÓNG GÓP" in text
    assert "1. Đối với dự thảo Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh khóa X" in text
    assert "Về toàn bộ dự thảo:" in text
    assert (
        "- Đa số ý kiến (412 ý kiến, 1.020 lượt người) tán thành thống nhất cao" not in text
    )  # a summary opening with a stance verb gets no stance word in front
    assert "- Đa số ý kiến (412 ý kiến, 1.020 lượt người) thống nhất cao với bố cục" in text
    assert "Mục II.3. Ứng phó với biến đổi khí hậu, phòng, chống sạt lở bờ biển:" in text
    # 37 of the section's 57, but of the document's 800: some, not a majority
    assert "Đa số ý kiến (37" not in text
    assert (
        "- Một số ý kiến (37 ý kiến, 85 lượt người) đề nghị bổ sung giải pháp chống sạt lở bờ "
        "biển An Minh, An Biên." in text
    )
    assert "- Nhiều ý kiến (14 ý kiến, 20 lượt người) đề nghị bổ sung hỗ trợ bồn chứa" not in text
    assert "- Một số ý kiến (14 ý kiến, 20 lượt người) đề nghị bổ sung hỗ trợ bồn chứa" in text
    assert "- Một số ý kiến (5 ý kiến) đề nghị nêu rõ trách nhiệm của chủ đầu tư kè." in text
    assert "- Có ý kiến không tán thành chỉ tiêu tỷ lệ che phủ rừng 12%." in text
    assert "Mục III" not in text  # a section without opinions is left out
    assert "- Đa số ý kiến (9 ý kiến) đề nghị bổ sung xử lý nghiêm tham nhũng" in text
    assert "- Nhiều ý kiến (3 ý kiến) đề nghị bổ sung cơ chế bảo vệ người tố cáo" in text


@pytest.mark.parametrize(
    ("comments", "total", "phrase"),
    [
        (51, 100, "Đa số ý kiến (51 ý kiến)"),
        (50, 100, "Nhiều ý kiến (50 ý kiến)"),
        (25, 100, "Nhiều ý kiến (25 ý kiến)"),
        (24, 100, "Một số ý kiến (24 ý kiến)"),
        (2, 100, "Một số ý kiến (2 ý kiến)"),
        (1, 100, "Có ý kiến"),
        (1, 1, "Có ý kiến"),
        (1_500, 2_000, "Đa số ý kiến (1.500 ý kiến)"),
        (2, 3, "Đa số ý kiến (2 ý kiến)"),
        (2, 4, "Một số ý kiến (2 ý kiến)"),  # half is no majority; two are not "many"
        (3, 12, "Nhiều ý kiến (3 ý kiến)"),
        (3, 13, "Một số ý kiến (3 ý kiến)"),
        (3, 6, "Nhiều ý kiến (3 ý kiến)"),
        (4, 7, "Đa số ý kiến (4 ý kiến)"),
    ],
)
def test_graded_phrase_thresholds(comments: int, total: int, phrase: str) -> None:
    assert graded_phrase(comments, total) == phrase


def test_stance_wording() -> None:
    def sentence(stance: str) -> str:
        return item_sentence(ReportItem(stance, "chỉ tiêu tăng trưởng 7,5%", 3, 3), 10)

    assert sentence("agree") == "Nhiều ý kiến (3 ý kiến) tán thành chỉ tiêu tăng trưởng 7,5%."
    assert "đề nghị sửa đổi chỉ tiêu" in sentence("amend")
    assert "đề nghị bổ sung chỉ tiêu" in sentence("add")
    assert "không tán thành chỉ tiêu" in sentence("disagree")
    proper = item_sentence(ReportItem("add", "Phú Quốc cần quy hoạch bến tàu", 2, 2), 10)
    assert "bổ sung Phú Quốc cần" in proper  # a proper name keeps its capital


def test_recommendations_list_the_report_and_flagged_items() -> None:
    texts = body_text(parse(sample_report()))
    i = texts.index("III. KIẾN NGHỊ, ĐỀ XUẤT")
    assert texts[i + 1] == (
        "1. Đề nghị Trung ương sớm bố trí vốn xây dựng kè chống sạt lở bờ biển Tây;"
    )
    assert texts[i + 3] == "3. Giải pháp chống sạt lở bờ biển An Minh, An Biên (37 ý kiến)."
    assert texts[i + 4].endswith(
        "kính gửi Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam và "
        "Ban Thường vụ Tỉnh ủy Kiên Giang xem xét, tổng hợp./."
    )


def test_recipients_and_signature_block() -> None:
    doc = parse(sample_report())
    assert cell_lines(doc, 1, 0) == [
        "Nơi nhận:",
        "- Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam (báo cáo);",
        "- Ban Thường vụ Tỉnh ủy Kiên Giang (báo cáo);",
        "- Lưu: VT.",
    ]
    assert cell_lines(doc, 1, 1) == ["TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Phạm Thanh Hùng"]
    unsigned = parse(sample_report(signer_name=None, signer_title="Chủ tịch"))
    assert cell_lines(unsigned, 1, 1) == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]


def test_times_new_roman_13_to_14_pt_on_a4_with_the_decree_margins() -> None:
    doc = parse(sample_report())
    assert doc.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in doc.tables
        for c in t.rows[0].cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    assert runs
    assert {r.font.name for r in runs} == {"Times New Roman"}
    sizes = {r.font.size for r in runs}
    body = [r.font.size for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert set(body) <= {Pt(13), Pt(14)}
    # 12-13 pt in the header (Nghị định 30), 11-12 pt in "Nơi nhận"
    assert all(Pt(11) <= s <= Pt(14) for s in sizes if s is not None)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_empty_report_still_has_every_part() -> None:
    empty = sample_report(
        documents=[],
        recommendations=[],
        figures=ReportFigures(0, 0, 0, 0, {}, {}, 0),
    )
    text = "\n".join(body_text(parse(empty)))
    assert "Không có ý kiến đóng góp." in text
    assert "Không có kiến nghị, đề xuất." in text
    assert "Có 0 ý kiến (0%) thống nhất cao" in text


@pytest.mark.parametrize(
    ("name", "level", "locality"),
    [
        ("Phường Vĩnh Thanh Vân", "commune", "Vĩnh Thanh Vân"),
        ("Thành phố Rạch Giá", "district", "Rạch Giá"),
        ("Tỉnh Kiên Giang", "province", "Kiên Giang"),
        ("Huyện Châu Thành", "district", "Châu Thành"),
        ("Phường 5", "commune", "Phường 5"),  # named by a number: the full name
        ("Quận 1", "district", "Quận 1"),
        ("Ủy ban Trung ương", "central", "Hà Nội"),
    ],
)
def test_the_place_line_names_the_units_own_locality(name: str, level: str, locality: str) -> None:
    assert place(name, level) == locality


def test_the_agency_name_wraps_between_words_never_inside_a_name() -> None:
    assert split_body("ỦY BAN MTTQ VIỆT NAM PHƯỜNG VĨNH THANH VÂN") == [
        "ỦY BAN MTTQ VIỆT NAM",
        "PHƯỜNG VĨNH\xa0THANH\xa0VÂN",
    ]
    assert split_body("BAN CÔNG TÁC MẶT TRẬN KHU PHỐ 1") == ["BAN CÔNG TÁC MẶT TRẬN", "KHU PHỐ 1"]
    doc = parse(sample_report(issuing_body="ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ RẠCH GIÁ"))
    line = doc.tables[0].rows[0].cells[0].paragraphs[1].text
    assert line == "THÀNH PHỐ RẠCH\xa0GIÁ"


@pytest.mark.parametrize(
    ("stance", "summary", "sentence"),
    [
        (
            "add",
            "Nhiều ý kiến đề nghị bổ sung giải pháp chống ngập",
            "Một số ý kiến (3 ý kiến) đề nghị bổ sung giải pháp chống ngập.",
        ),
        (
            "add",
            "Bổ sung giải pháp chống ngập",
            "Một số ý kiến (3 ý kiến) đề nghị bổ sung giải pháp chống ngập.",
        ),
        (
            "amend",
            "sửa đổi chỉ tiêu tăng trưởng",
            "Một số ý kiến (3 ý kiến) đề nghị sửa đổi chỉ tiêu tăng trưởng.",
        ),
        (
            "add",
            "Có ý kiến (3 ý kiến) đề nghị bổ sung chỉ tiêu về rừng",
            "Một số ý kiến (3 ý kiến) đề nghị bổ sung chỉ tiêu về rừng.",
        ),
        (
            "add",
            "Ý kiến của hội viên về đất đai",
            "Một số ý kiến (3 ý kiến) đề nghị bổ sung ý kiến của hội viên về đất đai.",
        ),
    ],
)
def test_sentences_read_as_a_clerk_writes_them(stance: str, summary: str, sentence: str) -> None:
    assert item_sentence(ReportItem(stance, summary, 3, 3), 100) == sentence


def test_figures_without_items_never_say_there_were_no_comments() -> None:
    figures = ReportFigures(3, 90, 40, 55, {"meeting": 40}, {"citizen": 40}, 12)
    text = "\n".join(body_text(parse(sample_report(documents=[], figures=figures))))
    assert "Không có ý kiến đóng góp" not in text
    assert "40 ý kiến" in text
    agreed = ReportFigures(3, 90, 40, 55, {"meeting": 40}, {"citizen": 40}, 40)
    text = "\n".join(body_text(parse(sample_report(documents=[], figures=agreed))))
    assert "Không có ý kiến đóng góp" not in text and "đều thống nhất cao" in text


def test_signature_block_and_recipients_never_split_across_pages() -> None:
    doc = parse(sample_report())
    footer = doc.tables[-1]
    assert footer.rows[0]._tr.trPr.xpath("./w:cantSplit")  # one row that never splits
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là"))
    assert closing.paragraph_format.keep_with_next  # the closing text goes with it
    assert doc.paragraphs[-1].paragraph_format.keep_with_next  # so does the spacer before it
    for row in doc.tables[0].rows:
        assert row._tr.trPr.xpath("./w:cantSplit")
