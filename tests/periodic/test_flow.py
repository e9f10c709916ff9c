"""The chain, in the synthesis chain's words: draft, edit, submit, return with a reason, edit
again, resubmit as version 2, accept; every invalid move is a 409 problem+json; a retried create
answers the same report; edits carry an ETag and honour If-Match; everything is audited."""

from typing import Any

from sqlalchemy import select
from sqlmodel import col

from tests.periodic.conftest import COMPILER, Board
from ykien.core.audit import AuditEvent
from ykien.core.db import session_scope


def problem(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    return resp.json()  # type: ignore[no-any-return]


def audit(board: Board, report_id: str) -> list[str]:
    with session_scope(board.engine) as session:
        return list(
            session.scalars(
                select(col(AuditEvent.action))
                .where(col(AuditEvent.entity) == "periodic_report")
                .where(col(AuditEvent.entity_id) == report_id)
                .order_by(col(AuditEvent.id))
            )
        )


def test_submitted_returned_once_then_accepted(board: Board) -> None:
    report = board.draft("C1")
    rid = report["id"]
    edited = board.edit(rid, "secretary_c1", I="Tuyên truyền qua loa truyền thanh.", II="Tốt.")
    assert edited.status_code == 200, edited.text
    assert edited.json()["sections"]["I"] == "Tuyên truyền qua loa truyền thanh."
    sent = board.act(rid, "submit", "secretary_c1")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    problem(board.edit(rid, "secretary_c1", III="Muộn"), 409)  # frozen while submitted
    returned = board.act(rid, "return", "secretary_d1", reason="Bổ sung số liệu mục III")
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Bổ sung số liệu mục III"
    assert returned.json()["figures_frozen"] is False  # live again
    assert board.edit(rid, "secretary_c1", III="Giám sát 3 cuộc.").status_code == 200
    again = board.act(rid, "submit", "secretary_c1")
    assert again.status_code == 200, again.text
    assert again.json()["version"] == 2
    accepted = board.act(rid, "accept", "secretary_d1")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    final = board.get(rid, "viewer_c1")
    assert [(v["version"], v["decision"]) for v in final["versions"]] == [
        (1, "returned"),
        (2, "accepted"),
    ]
    assert final["versions"][0]["reason"] == "Bổ sung số liệu mục III"
    assert final["sections"]["III"] == "Giám sát 3 cuộc."
    assert audit(board, rid) == [
        "create",
        "update",
        "submit",
        "return",
        "update",
        "submit",
        "accept",
    ]


def test_invalid_transitions_are_409_problems(board: Board) -> None:
    rid = board.draft("C1")["id"]
    problem(board.act(rid, "accept", "secretary_d1"), 409)  # a draft
    problem(board.act(rid, "return", "secretary_d1", reason="x"), 409)
    assert board.act(rid, "submit", "secretary_c1").status_code == 200
    problem(board.act(rid, "submit", "secretary_c1"), 409)  # already submitted
    assert board.act(rid, "accept", "secretary_d1").status_code == 200
    problem(board.act(rid, "accept", "secretary_d1"), 409)
    problem(board.act(rid, "return", "secretary_d1", reason="x"), 409)  # accepted is final
    problem(board.act(rid, "submit", "secretary_c1"), 409)
    problem(board.edit(rid, "secretary_c1", I="x"), 409)
    assert audit(board, rid) == ["create", "submit", "accept"]  # refused moves leave no trace


def test_who_may_do_what(board: Board) -> None:
    rid = board.draft("C1")["id"]
    problem(board.act(rid, "submit", "viewer_c1"), 403)
    problem(board.act(rid, "submit", "secretary_d1"), 403)  # the parent does not submit
    assert board.act(rid, "submit", "secretary_c1").status_code == 200
    problem(board.act(rid, "accept", "secretary_c1"), 403)  # nor does the unit judge itself
    problem(board.act(rid, "accept", "secretary_p"), 403)  # only the unit directly above
    problem(board.act(rid, "accept", "secretary_d2"), 404)  # a sibling sees nothing
    problem(board.act(rid, "return", "secretary_c2", reason="x"), 404)
    problem(
        board.client.get(
            f"/api/v1/periodic-reports/{rid}", headers=board.world.auth("secretary_c2")
        ),
        404,
    )
    listed = board.client.get("/api/v1/periodic-reports", headers=board.world.auth("secretary_d2"))
    assert listed.status_code == 200 and listed.json()["items"] == []
    problem(board.create("C1", who="secretary_c2"), 422)  # a unit outside its subtree
    problem(board.create("C1", who="secretary_d1"), 403)  # not its own unit
    problem(board.create("C1", who="viewer_c1"), 403)
    assert board.act(rid, "return", "secretary_d1", reason="Thiếu mục IV").status_code == 200


def test_create_is_idempotent(board: Board) -> None:
    first = board.create("C1")
    assert first.status_code == 201, first.text
    second = board.create("C1")
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    other = board.create("C1", board.month.previous().key)
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    assert audit(board, first.json()["id"]) == ["create"]
    listed = board.client.get(
        "/api/v1/periodic-reports",
        headers=board.world.auth("secretary_c1"),
        params={"unit_id": board.world.units["C1"], "period": board.month.key},
    ).json()["items"]
    assert [r["id"] for r in listed] == [first.json()["id"]]


def test_bad_input_names_the_field(board: Board) -> None:
    for period in ("2026-13", "2026-Q5", "26-11", "2026-11-01", "final"):
        body = problem(board.create("C1", period), 422)
        assert body["errors"][0]["loc"] == ["body", "period"], period
    body = problem(board.create("C1", "2099-01"), 422)  # not begun
    assert body["errors"][0]["loc"] == ["body", "period"]
    body = problem(
        board.client.post(
            "/api/v1/periodic-reports",
            headers=board.world.auth("entry_a1"),
            json={"unit_id": board.world.units["A1"], "period": board.month.key},
        ),
        403,
    )
    body = problem(
        board.client.post(
            "/api/v1/periodic-reports",
            headers=board.world.auth("root"),
            json={"unit_id": board.world.units["A1"], "period": board.month.key},
        ),
        422,
    )
    assert body["errors"][0]["loc"] == ["body", "unit_id"]  # areas file no periodic report
    rid = board.draft("C1")["id"]
    problem(board.edit(rid, "secretary_c1", VI="x"), 422)
    problem(board.edit(rid, "secretary_c1", I="a\x00b"), 422)
    problem(board.edit(rid, "secretary_c1", I="x" * 20_001), 422)
    assert board.act(rid, "submit", "secretary_c1").status_code == 200
    body = problem(board.act(rid, "return", "secretary_d1"), 422)  # no reason
    body = problem(board.act(rid, "return", "secretary_d1", reason="   "), 422)
    assert body["errors"][0]["loc"] == ["body", "reason"]


def test_etag_and_if_match(board: Board) -> None:
    rid = board.draft("C1")["id"]
    read = board.client.get(
        f"/api/v1/periodic-reports/{rid}", headers=board.world.auth("secretary_c1")
    )
    etag = read.headers["ETag"]
    ok = board.edit(rid, "secretary_c1", headers={"If-Match": etag}, I="Một")
    assert ok.status_code == 200 and ok.headers["ETag"] != etag
    stale = board.edit(rid, "secretary_c1", headers={"If-Match": etag}, I="Hai")
    problem(stale, 412)
    assert board.get(rid)["sections"]["I"] == "Một"  # the stale write changed nothing
    problem(
        board.client.post(
            f"/api/v1/periodic-reports/{rid}/submit",
            headers={**board.world.auth("secretary_c1"), "If-Match": etag},
        ),
        412,
    )
    fresh = ok.headers["ETag"]
    sent = board.client.post(
        f"/api/v1/periodic-reports/{rid}/submit",
        headers={**board.world.auth(COMPILER["C1"]), "If-Match": fresh},
    )
    assert sent.status_code == 200, sent.text
