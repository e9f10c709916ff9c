"""A synthesis goes draft → submitted → accepted or returned; each step by the right people only,
and a submitted synthesis never changes."""

from datetime import date, timedelta
from typing import Any

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
    for who in ("viewer_p", "api_key", "secretary_c1", "secretary_p"):
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


def _post(flow: Flow, who: str, path: str, body: object = None) -> Any:
    return flow.client.post(f"/api/v1{path}", headers=flow.auth(who), json=body)


def test_a_new_version_starts_from_the_returned_versions_items(flow: Flow) -> None:
    own = flow.comment("C1", people=4)
    area = flow.comment("A1", people=2)
    s_a1 = flow.draft("A1")
    i_a1 = flow.add_item(s_a1["id"], "A1", [area])
    flow.submit(s_a1["id"], "A1")
    s_c1 = flow.draft("C1")
    first = flow.add_item(s_c1["id"], "C1", [own], stance="amend", summary="Sửa đoạn II.")
    second = flow.add_item(
        s_c1["id"],
        "C1",
        [],
        [i_a1["id"]],
        recommendation=True,
        section_id=flow.campaign.sections["II"],
        summary="Kiến nghị bổ sung giải pháp.",
    )
    flow.submit(s_c1["id"], "C1")
    returned = flow.act(s_c1["id"], "return", "secretary_d1", reason="Bổ sung số liệu.")
    assert returned.status_code == 200, returned.text

    v2 = flow.draft("C1")
    assert v2["version"] == 2 and v2["previous_id"] == s_c1["id"] and v2["status"] == "draft"
    assert (v2["item_count"], v2["comments"], v2["people"]) == (2, 2, 6)
    fields = ("position", "document_id", "section_id", "stance", "summary", "recommendation")
    for old, new in zip([first, second], v2["items"], strict=True):
        assert {k: new[k] for k in fields} == {k: old[k] for k in fields}
        assert (new["comment_ids"], new["child_item_ids"]) == (
            old["comment_ids"],
            old["child_item_ids"],
        )
        assert (new["comments"], new["people"]) == (old["comments"], old["people"])
        assert new["id"] != old["id"] and new["synthesis_id"] == v2["id"]
    # The first version keeps its own items; the copy is the unit's to change.
    v1 = flow.get(f"/syntheses/{s_c1['id']}", "secretary_c1").json()
    assert [i["id"] for i in v1["items"]] == [first["id"], second["id"]]
    assert flow.submit(v2["id"], "C1")["comments"] == 2
    # A first version has no previous one.
    assert flow.draft("A2")["previous_id"] is None


def test_an_areas_entry_users_compile_when_areas_have_a_deadline(flow: Flow) -> None:
    comment = flow.comment("A1")
    draft = _post(
        flow,
        "entry_a1",
        "/syntheses",
        {"unit_id": flow.world.units["A1"], "consultation_id": flow.campaign.consultation_id},
    )
    assert draft.status_code == 201, draft.text
    sid = draft.json()["id"]
    item = _post(flow, "entry_a1", f"/syntheses/{sid}/items", flow.item_body([comment]))
    assert item.status_code == 201, item.text
    moved = flow.client.patch(
        f"/api/v1/syntheses/{sid}/items/{item.json()['id']}",
        headers=flow.auth("entry_a1"),
        json={"summary": "Đề nghị bổ sung giải pháp."},
    )
    assert moved.status_code == 200, moved.text
    # Another area's entry user does not see it; the commune's compiles only its own.
    assert _post(flow, "entry_a2", f"/syntheses/{sid}/submit").status_code == 404
    assert _post(flow, "secretary_c1", f"/syntheses/{sid}/submit").status_code == 403
    submitted = _post(flow, "entry_a1", f"/syntheses/{sid}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    # Judging stays with the parent's secretaries and admins.
    assert _post(flow, "entry_a1", f"/syntheses/{sid}/accept").status_code == 403
    # A commune's entry user does not compile the commune's synthesis.
    c1 = {"unit_id": flow.world.units["C1"], "consultation_id": flow.campaign.consultation_id}
    refused = _post(flow, "entry_c1", "/syntheses", c1)
    assert refused.status_code == 403 and refused.headers["content-type"] == (
        "application/problem+json"
    )


def test_without_an_area_deadline_an_areas_entry_users_do_not_compile(flow: Flow) -> None:
    draft = flow.draft("A1")
    flow.set_deadlines(residential_area=None)
    a1 = {"unit_id": flow.world.units["A1"], "consultation_id": flow.campaign.consultation_id}
    assert _post(flow, "entry_a1", "/syntheses", a1).status_code == 403
    assert (
        _post(flow, "entry_a1", f"/syntheses/{draft['id']}/items", flow.item_body()).status_code
        == 403
    )
    assert _post(flow, "entry_a1", f"/syntheses/{draft['id']}/submit").status_code == 403


def test_a_level_without_a_deadline_does_not_submit(flow: Flow) -> None:
    draft = flow.draft("D1")  # districts have no deadline in this consultation
    refused = _post(flow, "secretary_d1", f"/syntheses/{draft['id']}/submit")
    assert refused.status_code == 409 and "district" in refused.json()["detail"]
    assert refused.headers["content-type"] == "application/problem+json"
    flow.set_deadlines(district=date.today() + timedelta(days=15))
    assert flow.submit(draft["id"], "D1")["status"] == "submitted"


def test_an_empty_submission_with_comments_below_needs_confirming(flow: Flow) -> None:
    flow.comment("A1")
    flow.comment("A1", people=3)
    draft = flow.draft("A1")
    refused = _post(flow, "secretary_a1", f"/syntheses/{draft['id']}/submit")
    assert refused.status_code == 422 and refused.headers["content-type"] == (
        "application/problem+json"
    )
    assert refused.json()["errors"][0]["loc"] == ["body", "confirm_empty"]
    assert "2 comments" in refused.json()["detail"]
    assert _post(flow, "secretary_a1", f"/syntheses/{draft['id']}/submit", {}).status_code == 422
    for bad in ({"confirm_empty": "maybe"}, {"confirm_empty": True, "other": 1}, [True]):
        resp = _post(flow, "secretary_a1", f"/syntheses/{draft['id']}/submit", bad)
        assert resp.status_code == 422, bad
        assert resp.headers["content-type"] == "application/problem+json"
    assert flow.get(f"/syntheses/{draft['id']}", "secretary_a1").json()["status"] == "draft"
    assert flow.submit(draft["id"], "A1", confirm_empty=True)["status"] == "submitted"
    # Nothing below: nothing to confirm.
    empty = flow.draft("A3")
    assert flow.submit(empty["id"], "A3")["status"] == "submitted"


def test_an_item_may_be_placed_when_created(flow: Flow) -> None:
    draft = flow.draft("A1")
    first = flow.add_item(draft["id"], "A1", summary="Một.")
    second = flow.add_item(draft["id"], "A1", summary="Hai.", position=1)
    last = flow.add_item(draft["id"], "A1", summary="Ba.", position=99)
    assert (second["position"], last["position"]) == (1, 3)
    items = flow.get(f"/syntheses/{draft['id']}", "secretary_a1").json()["items"]
    assert [(i["summary"], i["position"]) for i in items] == [("Hai.", 1), ("Một.", 2), ("Ba.", 3)]
    assert first["position"] == 1
    for bad in (0, -1, 2**31, "x"):
        resp = _post(
            flow, "secretary_a1", f"/syntheses/{draft['id']}/items", flow.item_body(position=bad)
        )
        assert resp.status_code == 422, bad


def test_the_audit_files_a_synthesis_s_events_under_its_own_unit(flow: Flow) -> None:
    """An accept by the commune is an event of the area's synthesis: the area's subtree holds it,
    not only the unit of whoever acted."""
    s = flow.draft("A1")
    flow.add_item(s["id"], "A1", [flow.comment("A1")])
    flow.submit(s["id"], "A1")
    assert flow.act(s["id"], "accept", "secretary_c1").status_code == 200
    events = flow.get(
        "/audit-events", "admin_d1", unit_id=flow.world.units["A1"], entity="synthesis"
    ).json()["items"]
    actions = {e["action"] for e in events if e["entity_id"] == s["id"]}
    assert {"create", "submit", "accept"} <= actions
    assert all(e["unit_id"] == flow.world.units["A1"] for e in events)
