"""Suggestions over HTTP: groups of the same opinion from the pool a synthesis may still merge."""

from tests.syntheses.conftest import Flow


def test_suggestions_group_the_same_opinion_not_yet_merged(flow: Flow) -> None:
    same = [
        flow.comment("A1", content="Đề nghị tăng cường phòng, chống tham nhũng.", people=2),
        flow.comment("A1", content="đề nghị tăng cường phòng, chống tham nhũng."),
        flow.comment("A1", content="Đề nghị  tăng cường phòng, chống tham nhũng."),
    ]
    flow.comment("A1", content="Cần quan tâm phát triển kinh tế biển và du lịch Phú Quốc.")
    draft = flow.draft("A1")
    url = f"/syntheses/{draft['id']}/suggestions"
    (group,) = flow.get(url, "secretary_a1").json()["items"]
    assert sorted(group["comment_ids"]) == sorted(same)
    assert (group["comments"], group["people"]) == (3, 4) and "tham nhũng" in group["sample"]
    flow.add_item(draft["id"], "A1", same[:2])
    assert flow.get(url, "secretary_a1").json()["items"] == []  # one left: no group
    assert flow.get(url, "secretary_a2").status_code == 404
