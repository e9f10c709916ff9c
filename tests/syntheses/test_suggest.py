"""Suggestions: near-identical comments grouped, Vietnamese-aware, measured on a labelled set."""

import json
import zlib
from pathlib import Path

import pytest

from ykien.syntheses.suggest import (
    SuggestInput,
    features,
    group_similar,
    pairwise_precision_recall,
    tokens,
)
from ykien.syntheses.suggestions import Candidate, group_candidates

LABELLED = Path(__file__).resolve().parents[1] / "data" / "suggestions_labelled.json"
UNSEEN = LABELLED.with_name("suggestions_labelled_unseen.json")
ROWS: list[dict[str, str]] = json.loads(LABELLED.read_text(encoding="utf-8"))


def comments(*texts: str) -> list[SuggestInput]:
    return [SuggestInput(key=f"c:{i}", text=t, comments=1, people=1) for i, t in enumerate(texts)]


def scores(rows: list[dict[str, str]]) -> tuple[float, float]:
    items = [SuggestInput(key=r["id"], text=r["text"], comments=1, people=1) for r in rows]
    expected: dict[str, list[str]] = {}
    for r in rows:
        expected.setdefault(r["group"], []).append(r["id"])
    return pairwise_precision_recall(group_similar(items), list(expected.values()))


def test_the_labelled_set_is_big_and_varied_enough() -> None:
    assert len(ROWS) >= 220
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    sizes: dict[str, int] = {}
    for r in ROWS:
        sizes[r["group"]] = sizes.get(r["group"], 0) + 1
    assert sum(1 for n in sizes.values() if n == 1) >= 60
    assert sum(1 for n in sizes.values() if 2 <= n <= 8) >= 40


@pytest.mark.parametrize(
    "part",
    ["all", "held-out"],
)
def test_precision_and_recall_on_the_labelled_set_meet_the_bar(part: str) -> None:
    # the held-out half (groups whose CRC-32 is odd) was not looked at while tuning
    rows = ROWS if part == "all" else [r for r in ROWS if zlib.crc32(r["group"].encode()) % 2]
    precision, recall = scores(rows)
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall


def test_a_set_written_after_the_tuning_meets_the_bar_within_documents_and_stances() -> None:
    """Written for issue #14 without running the algorithm on it first; grouped as the service
    groups, within each document and stance. Measured when written: precision 1.0, recall
    0.907."""
    rows: list[dict[str, str]] = json.loads(UNSEEN.read_text(encoding="utf-8"))
    assert len(rows) >= 100 and len({r["group"] for r in rows}) >= 50
    groups = group_candidates(
        [
            Candidate(
                r["id"], r["text"], 1, 1, 1 if r["document"] == "BCCT" else 2, r["stance"], None
            )
            for r in rows
        ]
    )
    expected: dict[str, list[str]] = {}
    for r in rows:
        expected.setdefault(r["group"], []).append(r["id"])
    predicted = [[c.key for c in g] for g in groups]
    precision, recall = pairwise_precision_recall(predicted, list(expected.values()))
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall
    by_id = {r["id"]: r for r in rows}
    for g in predicted:
        assert len({(by_id[k]["document"], by_id[k]["stance"]) for k in g}) == 1


def test_diacritics_case_punctuation_and_word_order_do_not_matter() -> None:
    groups = group_similar(
        comments(
            "Đề nghị bổ sung giải pháp chống sạt lở bờ biển An Minh, An Biên.",
            "DE NGHI BO SUNG GIAI PHAP CHONG SAT LO BO BIEN AN MINH AN BIEN",
            "Bổ sung giải pháp chống sạt lở bờ biển ở An Biên và An Minh!!!",
            "Cần bổ sung giải pháp chống sạt lở ven biển An Minh – An Biên.",
        )
    )
    assert groups == [["c:0", "c:1", "c:2", "c:3"]]


def test_shared_boilerplate_does_not_make_a_group() -> None:
    groups = group_similar(
        comments(
            "Đề nghị bổ sung giải pháp chống sạt lở bờ biển An Minh, An Biên.",
            "Đề nghị bổ sung giải pháp hỗ trợ vốn vay ưu đãi cho hộ nghèo nuôi tôm.",
            "Đề nghị bổ sung giải pháp đào tạo nghề cho thanh niên nông thôn.",
            "Đề nghị Ban soạn thảo nghiên cứu, tiếp thu.",
        )
    )
    assert groups == []


def test_general_agreement_is_a_group_of_its_own() -> None:
    groups = group_similar(
        comments(
            "Thống nhất cao với dự thảo.",
            "Nhất trí với nội dung dự thảo.",
            "Hoàn toàn đồng ý với dự thảo, không có ý kiến bổ sung.",
            "Thống nhất với chỉ tiêu tỷ lệ dịch vụ công trực tuyến mức độ 3, 4.",
            "Không tán thành chỉ tiêu tăng trưởng 7,5%/năm vì quá cao.",
        )
    )
    assert groups == [["c:0", "c:1", "c:2"]]


def test_groups_are_ordered_by_comments_then_people_and_deterministic() -> None:
    items = [
        SuggestInput("i:a", "Xử lý nghiêm tham nhũng, không có vùng cấm.", 1, 1),
        SuggestInput("c:b", "Đề nghị xử lý nghiêm tham nhũng không có vùng cấm", 1, 9),
        SuggestInput("c:c", "Cần nâng cao chất lượng sinh hoạt chi bộ ấp.", 1, 1),
        SuggestInput("i:d", "Nâng cao chất lượng sinh hoạt chi bộ ở ấp, khu phố.", 5, 6),
        SuggestInput("c:e", "Đề nghị ưu tiên vốn nâng cấp đường liên ấp xuống cấp.", 1, 1),
    ]
    expected = [["i:d", "c:c"], ["c:b", "i:a"]]
    assert group_similar(items) == expected
    assert group_similar(list(reversed(items))) == expected


def test_nothing_to_group() -> None:
    assert group_similar([]) == []
    assert group_similar(comments("Đề nghị bổ sung.", "Đề nghị bổ sung.")) == []
    assert group_similar(comments("Chỉ một ý kiến về phòng học xuống cấp.")) == []


def test_tokens_drop_boilerplate_and_section_references() -> None:
    assert tokens("Mục II.1.d: Đề nghị bổ sung giải pháp chống sạt lở") == [
        "giai_phap",
        "chong",
        "sat",
        "lo",
    ]
    assert tokens("Không tán thành") == ["<disagree>"]
    assert tokens("Thống nhất cao với dự thảo") == ["<agree>"]
    assert tokens("BHYT cho hộ cận nghèo") == ["bao", "hiem", "y", "te", "ho", "can_ngheo"]
    assert "sat lo" in features("chống sạt lở")


def test_pairwise_precision_recall() -> None:
    assert pairwise_precision_recall([["a", "b", "c"]], [["a", "b"], ["c"]]) == (1 / 3, 1.0)
    assert pairwise_precision_recall([], [["a", "b"]]) == (1.0, 0.0)
