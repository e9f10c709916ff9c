"""Before submitting: children missing, returned or late; comments and child items not merged yet;
items that carry nothing. Read by whoever reads the synthesis."""

from datetime import timedelta
from typing import Any

import pytest

from tests.syntheses.conftest import Flow
from tests.syntheses.test_progress import _area_deadline, _vn


def _codes(flow: Flow, synthesis_id: str, who: str = "secretary_c1") -> list[tuple[Any, ...]]:
    resp = flow.get(f"/syntheses/{synthesis_id}/checks", who)
    assert resp.status_code == 200, resp.text
    return [
        (c["code"], c["unit"]["name"] if c.get("unit") else None, c.get("count"))
        for c in resp.json()["items"]
    ]


def test_checks_name_what_a_secretary_should_know(flow: Flow) -> None:
    a1 = [flow.comment("A1"), flow.comment("A1", people=2)]
    flow.comment("A2")
    own = flow.comment("C1")
    s_a1 = flow.draft("A1")
    flow.add_item(s_a1["id"], "A1", a1[:1])
    flow.submit(s_a1["id"], "A1")
    s_c1 = flow.draft("C1")
    # While A1's synthesis stands, its item covers one comment; the other two are uncovered.
    assert _codes(flow, s_c1["id"]) == [
        ("child_missing", "Khu phố 2", None),
        ("uncovered_comments", None, 3),
        ("uncovered_child_items", None, 1),
    ]
    flow.add_item(s_c1["id"], "C1", [own])
    flow.add_item(s_c1["id"], "C1", [], summary="Chưa có ý kiến nào.")
    assert flow.act(s_a1["id"], "return", "secretary_c1", reason="Bổ sung.").status_code == 200
    flow.clock.at = _vn(_area_deadline(flow) + timedelta(days=1), 8, 0)
    assert _codes(flow, s_c1["id"]) == [
        ("child_returned", "Khu phố 1", None),
        ("child_missing", "Khu phố 2", None),
        ("child_late", "Khu phố 2", None),
        ("uncovered_comments", None, 3),
        ("empty_item", None, 0),
    ]
    items = flow.get(f"/syntheses/{s_c1['id']}/checks", "secretary_c1").json()["items"]
    assert all(c["message"] for c in items)
    assert "Khu phố 2" in items[1]["message"]


def test_a_synthesis_with_nothing_left_has_no_checks(flow: Flow) -> None:
    comment = flow.comment("A3")
    draft = flow.draft("A3")
    flow.add_item(draft["id"], "A3", [comment])
    assert _codes(flow, draft["id"], "secretary_a3") == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretary_c1", 200),  # the unit
        ("viewer_c1", 200),
        ("entry_c1", 200),
        ("admin_d1", 200),  # the parent
        ("secretary_p", 200),
        ("api_key", 200),
        ("root", 200),
        ("secretary_a1", 404),  # a child does not read its parent's synthesis
        ("entry_a1", 404),
        ("admin_d2", 404),  # another subtree
        ("secretary_c2", 404),
    ],
)
def test_who_reads_the_checks(flow: Flow, who: str, status: int) -> None:
    draft = flow.draft("C1")
    resp = flow.get(f"/syntheses/{draft['id']}/checks", who)
    assert resp.status_code == status, resp.text
    if status != 200:
        assert resp.headers["content-type"] == "application/problem+json"


def test_checks_of_no_synthesis(flow: Flow) -> None:
    unknown = flow.get("/syntheses/01a22a6a-572d-70e3-8b72-d4ab5032dbbb/checks", "root")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    bad = flow.get("/syntheses/not-a-uuid/checks", "root")
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert flow.client.get("/api/v1/syntheses/not-a-uuid/checks").status_code == 401
