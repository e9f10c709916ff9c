"""The chain: draft, edit, submit, return with a reason, resubmit, accept; invalid moves."""

from tests.periodic.conftest import Board


def test_smoke(board: Board) -> None:
    board.comment("A1", people=3)
    report = board.draft("C1")
    assert report["status"] == "draft"
    assert report["figures"]["II"]["comments"] == 1
    sub = board.act(report["id"], "submit", "secretary_c1")
    assert sub.status_code == 200, sub.text
