"""A synthesis goes draft → submitted → accepted or returned; each step by the right people only,
and a submitted synthesis never changes."""

import pytest

from tests.syntheses.conftest import Flow


def test_a_residential_area_secretary_opens_a_draft(flow: Flow) -> None:
    draft = flow.draft("A1")
    assert draft["status"] == "draft" and draft["version"] == 1
    assert draft["unit"] == {
        "id": flow.world.units["A1"],
        "name": "Khu phố 1",
        "level": "residential_area",
    }
    assert draft["parent_unit_id"] == flow.world.units["C1"]
    assert draft["items"] == [] and draft["figures"] is None and draft["submitted_at"] is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("entry_a1", 403),  # enters comments, does not compile
        ("viewer_p", 403),  # the Party committee reads
        ("api_key", 403),  # keys read
        ("secretary_c1", 403),  # the parent compiles its own synthesis, not its child's
        ("secretary_a2", 422),  # a sibling: A1 lies outside its subtree
    ],
)
def test_only_the_units_own_compilers_open_its_draft(flow: Flow, who: str, status: int) -> None:
    resp = flow.client.post(
        "/api/v1/syntheses",
        headers=flow.auth(who),
        json={"unit_id": flow.world.units["A1"], "consultation_id": flow.campaign.consultation_id},
    )
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"


def test_unknown_unit_or_consultation_answer_404(flow: Flow) -> None:
    for body in (
        {"unit_id": 999_999, "consultation_id": flow.campaign.consultation_id},
        {"unit_id": flow.world.units["A1"], "consultation_id": 999_999},
    ):
        resp = flow.client.post("/api/v1/syntheses", headers=flow.auth("secretary_a1"), json=body)
        assert resp.status_code == 404, resp.text


def test_one_open_version_per_unit_and_consultation(flow: Flow) -> None:
    first = flow.draft("A1")
    again = flow.client.post(
        "/api/v1/syntheses",
        headers=flow.auth("secretary_a1"),
        json={"unit_id": flow.world.units["A1"], "consultation_id": flow.campaign.consultation_id},
    )
    assert again.status_code == 409 and first["id"] in again.json()["detail"]
    flow.submit(first["id"], "A1")
    assert (
        flow.client.post(
            "/api/v1/syntheses",
            headers=flow.auth("secretary_a1"),
            json={
                "unit_id": flow.world.units["A1"],
                "consultation_id": flow.campaign.consultation_id,
            },
        ).status_code
        == 409
    )
    returned = flow.act(first["id"], "return", "secretary_c1", reason="Thiếu số liệu hội nghị.")
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    second = flow.draft("A1")
    assert second["version"] == 2 and second["id"] != first["id"]


def test_the_unit_submits_and_the_parent_accepts(flow: Flow) -> None:
    draft = flow.draft("A1")
    for who in ("entry_a1", "viewer_p", "api_key", "secretary_c1", "secretary_p"):
        assert flow.act(draft["id"], "submit", who).status_code == 403, who
    assert flow.act(draft["id"], "submit", "secretary_a2").status_code == 404  # a sibling
    assert flow.act(draft["id"], "accept", "secretary_c1").status_code == 409  # not submitted
    submitted = flow.submit(draft["id"], "A1")  # no items: allowed
    assert submitted["status"] == "submitted" and submitted["submitted_at"] is not None
    assert submitted["figures"]["meetings"] == 1 and submitted["figures"]["participants"] == 45
    assert flow.act(draft["id"], "submit", "secretary_a1").status_code == 409
    for who in ("secretary_a1", "entry_a1", "viewer_p", "viewer_c1", "api_key", "secretary_p"):
        assert flow.act(draft["id"], "accept", who).status_code == 403, who
        assert flow.act(draft["id"], "return", who, reason="Không rõ.").status_code == 403, who
    accepted = flow.act(draft["id"], "accept", "secretary_c1")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted" and accepted.json()["decided_at"]
    assert flow.act(draft["id"], "accept", "secretary_c1").status_code == 409
    assert flow.act(draft["id"], "return", "secretary_c1", reason="Muộn.").status_code == 409
    assert flow.act(draft["id"], "submit", "secretary_a1").status_code == 409


def test_the_parent_returns_with_a_reason(flow: Flow) -> None:
    draft = flow.draft("A1")
    flow.submit(draft["id"], "A1")
    no_reason = flow.act(draft["id"], "return", "secretary_c1")
    assert no_reason.status_code == 422
    blank = flow.act(draft["id"], "return", "secretary_c1", reason="   ")
    assert blank.status_code == 422 and blank.json()["errors"][0]["loc"] == ["body", "reason"]
    resp = flow.act(draft["id"], "return", "secretary_c1", reason="Đề nghị bổ sung số liệu.")
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "returned"
    assert resp.json()["return_reason"] == "Đề nghị bổ sung số liệu."
    assert flow.act(draft["id"], "accept", "secretary_c1").status_code == 409
    assert flow.act(draft["id"], "submit", "secretary_a1").status_code == 409


def test_a_superuser_may_act_at_any_step(flow: Flow) -> None:
    draft = flow.draft("C1", who="root")
    flow.client.post(f"/api/v1/syntheses/{draft['id']}/submit", headers=flow.auth("root"))
    assert flow.act(draft["id"], "accept", "root").json()["status"] == "accepted"


def test_a_submitted_synthesis_is_frozen(flow: Flow) -> None:
    comment = flow.comment("A1")
    other = flow.comment("A1", content="Cần đẩy mạnh chuyển đổi số.")
    draft = flow.draft("A1")
    item = flow.add_item(draft["id"], "A1", [comment])
    flow.submit(draft["id"], "A1")
    base = f"/api/v1/syntheses/{draft['id']}/items"
    who = flow.auth("secretary_a1")
    assert flow.client.post(base, headers=who, json=flow.item_body([other])).status_code == 409
    assert (
        flow.client.patch(
            f"{base}/{item['id']}", headers=who, json={"summary": "Khác."}
        ).status_code
        == 409
    )
    assert (
        flow.client.patch(f"{base}/{item['id']}", headers=who, json={"position": 1}).status_code
        == 409
    )
    assert flow.client.delete(f"{base}/{item['id']}", headers=who).status_code == 409
    assert flow.act(draft["id"], "submit", "secretary_a1").status_code == 409
    after = flow.get(f"/syntheses/{draft['id']}", "secretary_a1").json()
    assert [i["summary"] for i in after["items"]] == [item["summary"]]
    assert after["items"][0]["comment_ids"] == [comment]


def test_every_change_is_audited(flow: Flow, engine: object) -> None:
    from sqlalchemy import select
    from sqlmodel import Session

    from ykien.core.audit import AuditEvent

    draft = flow.draft("A1")
    item = flow.add_item(draft["id"], "A1", [flow.comment("A1")])
    flow.client.patch(
        f"/api/v1/syntheses/{draft['id']}/items/{item['id']}",
        headers=flow.auth("secretary_a1"),
        json={"summary": "Tóm tắt mới."},
    )
    flow.submit(draft["id"], "A1")
    flow.act(draft["id"], "return", "secretary_c1", reason="Thiếu.")
    with Session(engine) as s:  # type: ignore[arg-type]
        rows = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity.in_(["synthesis", "synthesis_item"]))  # type: ignore[attr-defined]
            .order_by(AuditEvent.id)  # type: ignore[arg-type]
        ).all()
    assert [(r.entity, r.action) for r in rows] == [
        ("synthesis", "create"),
        ("synthesis_item", "create"),
        ("synthesis_item", "update"),
        ("synthesis", "submit"),
        ("synthesis", "return"),
    ]
    assert all(r.actor_name for r in rows)


def test_the_database_itself_refuses_a_second_open_version(flow: Flow, engine: object) -> None:
    """Two requests passing the service's check together: the partial unique index stops one
    (answered 409 by the IntegrityError handler)."""
    import uuid

    from sqlalchemy.exc import IntegrityError
    from sqlmodel import Session

    from ykien.syntheses.models import Synthesis

    first = flow.draft("A1")
    with Session(engine) as s:  # type: ignore[arg-type]
        stored = s.get(Synthesis, uuid.UUID(first["id"]))
        assert stored is not None
        s.add(
            Synthesis(
                id=uuid.uuid4(),
                unit_id=stored.unit_id,
                unit_path=stored.unit_path,
                parent_unit_id=stored.parent_unit_id,
                consultation_id=stored.consultation_id,
                version=2,
            )
        )
        with pytest.raises(IntegrityError):
            s.commit()
        s.rollback()
        stored.status = "returned"
        s.add(stored)
        s.add(
            Synthesis(
                id=uuid.uuid4(),
                unit_id=stored.unit_id,
                unit_path=stored.unit_path,
                parent_unit_id=stored.parent_unit_id,
                consultation_id=stored.consultation_id,
                version=2,
            )
        )
        s.commit()  # once the first is returned, the next version may open
