"""Sections I and IV of a report come from their own domains: the month's sentiment topics
(``consultations.sentiment.topic_figures``) and the works registered, under way and done
(``works.summary.work_figures``), over the unit's subtree."""

from datetime import timedelta

from tests.consultations.sentiment_helpers import enter, open_month
from tests.periodic.conftest import Board
from ykien.core.clock import today_vn


def _work(board: Board, unit: str, who: str, organization: str) -> str:
    today = today_vn()
    resp = board.client.post(
        "/api/v1/works",
        headers=board.world.auth(who),
        json={
            "unit_id": board.world.units[unit],
            "kind": "project",
            "organization": organization,
            "title": f"Đường bê tông {unit} {organization}",
            "registered_on": today.isoformat(),
            "due_on": (today + timedelta(days=30)).isoformat(),
            "value_vnd": 100_000_000,
        },
    )
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


def test_sections_i_and_iv_carry_the_months_topics_and_works(board: Board) -> None:
    _work(board, "C1", "secretary_c1", "youth_union")
    _work(board, "C1", "secretary_c1", "womens_union")
    _work(board, "C2", "secretary_c2", "youth_union")
    month = open_month(board.client, board.world, board.month.key)
    enter(board.client, board.world, month, "A1", "Đất đai", 3, "Chậm cấp giấy chứng nhận.")
    enter(board.client, board.world, month, "A2", "Đất đai", 1, "Tranh chấp ranh giới.")
    enter(board.client, board.world, month, "A3", "An ninh trật tự", 2, "Trộm chó về đêm.")

    d1 = board.draft("D1")["figures"]
    assert d1["IV"]["works"]["registered"] == 2  # C2's is another district's
    assert d1["IV"]["works"]["value_vnd"] == 200_000_000
    assert set(d1["IV"]["works"]["by_organization"]) == {"youth_union", "womens_union"}
    assert board.draft("P")["figures"]["IV"]["works"]["registered"] == 3
    assert {t["topic"]: t["comments"] for t in d1["I"]["topics"]} == {"Đất đai": 2}
    p = board.draft("P")["figures"]["I"]["topics"]
    assert [(t["topic"], t["comments"], t["people"]) for t in p] == [
        ("Đất đai", 2, 4),  # most comments first
        ("An ninh trật tự", 1, 2),
    ]
