"""Deadlines per level are data: defaults (commune 20, district 22, province 25 days after the
period), a rule set by an ancestor's admin, the nearest ancestor's rule winning; lateness judged
at the end of the deadline's day in Vietnam, frozen at submission."""

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.periodic.conftest import Board
from ykien.core.clock import end_of_day_vn


def rule(
    board: Board, who: str, unit: str, days: int, level: str = "commune", kind: str = "month"
) -> Any:
    return board.client.put(
        "/api/v1/periodic-deadlines",
        headers=board.world.auth(who),
        json={
            "unit_id": board.world.units[unit],
            "period_kind": kind,
            "level": level,
            "days": days,
        },
    )


def test_defaults_then_rules_of_the_levels_above(board: Board) -> None:
    end = board.month.end
    assert board.draft("C1")["deadline"] == (end + timedelta(days=20)).isoformat()
    assert board.draft("D1")["deadline"] == (end + timedelta(days=22)).isoformat()
    assert board.draft("P")["deadline"] == (end + timedelta(days=25)).isoformat()
    resp = rule(board, "admin_p", "P", 15)
    assert resp.status_code == 200, resp.text
    assert board.draft("C1")["deadline"] == (end + timedelta(days=15)).isoformat()
    assert board.draft("C2")["deadline"] == (end + timedelta(days=15)).isoformat()
    assert rule(board, "admin_d1", "D1", 10).status_code == 200  # nearer: wins under D1
    assert board.draft("C1")["deadline"] == (end + timedelta(days=10)).isoformat()
    assert board.draft("C2")["deadline"] == (end + timedelta(days=15)).isoformat()
    quarter = rule(board, "admin_p", "P", 30, kind="quarter")
    assert quarter.status_code == 200
    shown = {
        (r["period_kind"], r["level"]): (r["days"], r["set_by"] and r["set_by"]["id"])
        for r in board.client.get(
            f"/api/v1/periodic-deadlines/{board.world.units['D1']}",
            headers=board.world.auth("secretary_d1"),
        ).json()["items"]
    }
    assert shown[("month", "commune")] == (10, board.world.units["D1"])
    assert shown[("quarter", "commune")] == (30, board.world.units["P"])
    assert shown[("final", "commune")] == (20, None)


def test_who_sets_deadlines(board: Board) -> None:
    assert rule(board, "secretary_d1", "D1", 5).status_code == 403  # admins only
    assert rule(board, "admin_d1", "D2", 5).status_code == 422  # a sibling unit
    assert rule(board, "admin_d1", "P", 5).status_code == 422  # above it
    bad = rule(board, "admin_d1", "D1", 5, level="district")  # its own level: not below it
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["body", "level"]
    assert rule(board, "admin_d1", "D1", 400).status_code == 422
    assert rule(board, "admin_d1", "D1", -1).status_code == 422


def test_late_children_and_lateness_frozen_at_submission(board: Board) -> None:
    end = board.month.end
    deadline = end + timedelta(days=20)
    c1 = board.draft("C1")
    # before the deadline nothing is late; after its day in Vietnam, C1 (no report in) is
    board.clock.at = end_of_day_vn(deadline).astimezone(UTC)
    d1 = board.draft("D1")
    assert d1["figures"]["chain"]["late"] == 0 and d1["children"][0]["late"] is False
    board.clock.at = end_of_day_vn(deadline).astimezone(UTC) + timedelta(microseconds=1)
    d1 = board.get(d1["id"], "secretary_d1")
    assert d1["figures"]["chain"]["late"] == 1
    assert d1["figures"]["chain"]["late_units"] == ["Phường Vĩnh Thanh Vân"]
    assert d1["children"][0]["late"] is True
    sent = board.act(c1["id"], "submit", "secretary_c1")
    assert sent.json()["late"] is True and sent.json()["versions"][0]["late"] is True
    # a rule changed afterwards does not move a submitted report's deadline
    assert (
        board.client.put(
            "/api/v1/periodic-deadlines",
            headers=board.world.auth("admin_d1"),
            json={
                "unit_id": board.world.units["D1"],
                "period_kind": "month",
                "level": "commune",
                "days": 60,
            },
        ).status_code
        == 200
    )
    assert board.get(c1["id"])["deadline"] == deadline.isoformat()
    board.clock.at = datetime(end.year, end.month, end.day, 12, tzinfo=UTC)
    c2 = board.draft("C2")
    assert board.act(c2["id"], "submit", "secretary_c2").json()["late"] is False
