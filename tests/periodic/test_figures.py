"""A report's figures are true: equal to naive counts over the rows of a built world, for every
level; a parent's figures are the sum of its children's; they freeze at submission."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import col

from tests.periodic.conftest import COMPILER, Board
from ykien.comments.models import Comment
from ykien.core.clock import today_vn
from ykien.core.db import session_scope
from ykien.core.periods import Period
from ykien.meetings.models import Meeting
from ykien.syntheses.models import Synthesis
from ykien.units.models import Unit

LEVELS = ("C1", "C2", "D1", "D2", "P")


def build(board: Board) -> None:
    """Comments and meetings this month and the month before, at several units; one deleted."""
    month = board.month
    before = month.start - timedelta(days=5)
    today = today_vn()
    board.comment("A1", people=3, collected_on=today.isoformat())
    board.comment("A1", people=1, collected_on=month.start.isoformat())
    board.comment("A1", people=7, collected_on=before.isoformat())
    board.comment("A2", people=2, collected_on=today.isoformat())
    gone = board.comment("A2", people=5, collected_on=today.isoformat())
    resp = board.client.delete(f"/api/v1/comments/{gone}", headers=board.world.auth("entry_a2"))
    assert resp.status_code == 204, resp.text
    board.comment("A3", people=4, collected_on=today.isoformat())
    board.comment("A3", people=1, collected_on=before.isoformat())
    board.comment("C1", people=6, collected_on=month.start.isoformat())
    board.meeting("A3", today, 30)
    board.meeting("A2", before, 12)
    board.meeting("A1", month.start, 20)


def naive(board: Board, unit: str, period: Period) -> dict[str, int]:
    """Counted from the rows themselves: comments not deleted collected in the period, meetings
    held in it, syntheses submitted in it, in the unit's subtree."""
    with session_scope(board.engine) as session:
        path = session.get(Unit, board.world.units[unit]).path  # type: ignore[union-attr]
        comments = session.execute(
            select(func.count(), func.coalesce(func.sum(Comment.people), 0)).where(
                col(Comment.unit_path).startswith(path),
                col(Comment.deleted_at).is_(None),
                col(Comment.collected_on) >= period.start,
                col(Comment.collected_on) <= period.end,
            )
        ).one()
        meetings = session.execute(
            select(func.count(), func.coalesce(func.sum(Meeting.participants), 0)).where(
                col(Meeting.unit_path).startswith(path),
                col(Meeting.held_on) >= period.start,
                col(Meeting.held_on) <= period.end,
            )
        ).one()
        syntheses = session.scalar(
            select(func.count()).where(
                col(Synthesis.unit_path).startswith(path), col(Synthesis.submitted_at).is_not(None)
            )
        )
    return {
        "comments": comments[0],
        "people": comments[1],
        "meetings": meetings[0],
        "participants": meetings[1],
        "syntheses_submitted": syntheses or 0,
    }


FIELDS = ("comments", "people", "meetings", "participants", "syntheses_submitted")


def test_figures_equal_naive_counts_at_every_level(board: Board) -> None:
    build(board)
    # A synthesis of C1 submitted now (the campaign gives communes a deadline) and accepted.
    synthesis = board.client.post(
        "/api/v1/syntheses",
        headers=board.world.auth("secretary_c1"),
        json={
            "unit_id": board.world.units["C1"],
            "consultation_id": board.campaign.consultation_id,
        },
    ).json()
    sent = board.client.post(
        f"/api/v1/syntheses/{synthesis['id']}/submit",
        headers=board.world.auth("secretary_c1"),
        json={"confirm_empty": True},
    )
    assert sent.status_code == 200, sent.text
    accepted = board.client.post(
        f"/api/v1/syntheses/{synthesis['id']}/accept", headers=board.world.auth("secretary_d1")
    )
    assert accepted.status_code == 200, accepted.text
    for period in (board.month, board.month.previous()):
        for unit in LEVELS:
            figures = board.draft(unit, period.key)["figures"]["II"]
            want = naive(board, unit, period)
            if period != board.month:
                want["syntheses_submitted"] = 0  # submitted today: not in last month
            got = {k: figures[k] for k in FIELDS}
            assert got == want, (unit, period.key)
    this = board.draft("D1")["figures"]["II"]
    assert this["syntheses_submitted"] == 1 and this["syntheses_accepted"] == 1
    assert board.draft("D2")["figures"]["II"]["syntheses_accepted"] == 0
    # the build is not trivial: every kind of row counts somewhere, and some are left out
    p = board.draft("P")["figures"]["II"]
    assert (p["comments"], p["people"]) == (5, 16)  # not last month's, not the deleted one


def test_parent_figures_are_the_sum_of_its_childrens(board: Board) -> None:
    build(board)
    reports = {unit: board.draft(unit)["figures"]["II"] for unit in LEVELS}
    for parent, children in (("P", ("D1", "D2")), ("D1", ("C1",)), ("D2", ("C2",))):
        for field in ("comments", "people", "meetings", "participants"):
            assert reports[parent][field] == sum(reports[c][field] for c in children), field
        shares = {row["unit"]["name"]: row for row in reports[parent]["by_child"]}
        assert len(shares) == len(children)
        for field in ("comments", "people", "meetings", "participants"):
            assert sum(r[field] for r in shares.values()) == reports[parent][field]
    # C1 has residential areas and its own entries: areas' shares + its own = its total
    c1 = reports["C1"]
    assert sum(r["comments"] for r in c1["by_child"]) + 1 == c1["comments"]


def test_figures_freeze_at_submission_and_live_while_a_draft(board: Board) -> None:
    build(board)
    c1 = board.draft("C1")
    sent = board.act(c1["id"], "submit", COMPILER["C1"])
    assert sent.status_code == 200, sent.text
    frozen = sent.json()["figures"]
    assert sent.json()["figures_frozen"] is True
    d1_before = board.draft("D1")["figures"]["II"]["comments"]
    board.comment("A1", people=2)
    board.meeting("A1", today_vn(), 9)
    after = board.get(c1["id"], "secretary_d1")
    assert after["figures"] == frozen  # the submitted report never changes
    assert board.draft("D1")["figures"]["II"]["comments"] == d1_before + 1  # D1 is a draft
    # the version keeps what was sent; the chain of D1 sees C1's report in hand
    assert after["versions"][0]["version"] == 1
    d1 = board.draft("D1")
    assert d1["figures"]["chain"]["submitted"] == 1
    assert [c["status"] for c in d1["children"]] == ["submitted"]
    accepted = board.act(c1["id"], "accept", "secretary_d1")
    assert accepted.status_code == 200, accepted.text
    board.comment("A2", people=1)
    assert board.get(c1["id"])["figures"] == frozen
