"""Units of both eras over HTTP: the tree valid on a day, merges, lineage, entry on the tree a
consultation opened on."""

import uuid
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from tests.factories import Campaign
from ykien.core.audit import AuditEvent
from ykien.units.models import UnitLineage

TODAY = date.today()


def _merge(
    client: TestClient, world: World, who: str = "admin_p", **body: Any
) -> tuple[int, dict[str, Any]]:
    body.setdefault("id", str(uuid.uuid4()))
    body.setdefault("effective_on", (TODAY - timedelta(days=10)).isoformat())
    resp = client.post("/api/v1/units/merge", headers=world.auth(who), json=body)
    return resp.status_code, resp.json()


def _new_commune(world: World, parent: str = "D1", code: str = "N1") -> dict[str, Any]:
    return {
        "code": code,
        "name": "Phường Vĩnh Thông Mới",
        "level": "commune",
        "parent_id": world.units[parent],
    }


def _names(client: TestClient, world: World, **params: Any) -> set[str]:
    resp = client.get(
        "/api/v1/units", headers=world.auth("admin_p"), params={"limit": 200, **params}
    )
    assert resp.status_code == 200, resp.text
    return {u["code"] for u in resp.json()["items"]}


def test_a_merge_closes_the_sources_and_the_lists_answer_the_tree_of_a_day(
    client: TestClient, world: World
) -> None:
    status, merged = _merge(
        client,
        world,
        from_unit_ids=[world.units["C1"], world.units["C2"]],
        new_unit=_new_commune(world),
    )
    assert status == 201, merged
    day = TODAY - timedelta(days=10)
    assert merged["created"] and merged["unit"]["valid_from"] == day.isoformat()
    assert [u["valid_to"] for u in merged["from_units"]] == [
        (day - timedelta(days=1)).isoformat()
    ] * 2
    # Today's tree: the new commune, not the merged ones nor their residential areas.
    today = _names(client, world)
    assert "N1" in today and not {"C1", "C2", "A1", "A2", "A3"} & today
    before = _names(client, world, on=(day - timedelta(days=1)).isoformat())
    assert {"C1", "C2", "A1", "A3"} <= before and "N1" not in before
    # The old units stay readable, and the children of an old unit list its own tree.
    old = client.get(f"/api/v1/units/{world.units['C1']}", headers=world.auth("admin_p"))
    assert (
        old.status_code == 200 and old.json()["valid_to"] == (day - timedelta(days=1)).isoformat()
    )
    kids = _names(client, world, parent_id=world.units["C1"])
    assert kids == {"A1", "A2"}
    # A board of the old tree still sees its own tree by default.
    resp = client.get("/api/v1/units", headers=world.auth("secretary_c1"), params={"limit": 50})
    assert {u["code"] for u in resp.json()["items"]} == {"C1", "A1", "A2"}


def test_a_merge_into_an_existing_unit_and_the_lineage(client: TestClient, world: World) -> None:
    status, merged = _merge(
        client, world, from_unit_ids=[world.units["C2"]], into_unit_id=world.units["C1"]
    )
    assert status == 201 and not merged["created"] and merged["unit"]["id"] == world.units["C1"]
    c1 = client.get(f"/api/v1/units/{world.units['C1']}/lineage", headers=world.auth("admin_p"))
    assert c1.status_code == 200, c1.text
    body = c1.json()
    assert [p["unit"]["code"] for p in body["predecessors"]] == ["C2"]
    assert body["predecessors"][0]["principal"] and body["successors"] == []
    assert body["current"] is None
    a3 = client.get(f"/api/v1/units/{world.units['A3']}/lineage", headers=world.auth("admin_p"))
    assert a3.json()["current"]["code"] == "C1"  # a residential area goes with its commune
    # Out of scope: 404, like the unit itself.
    other = client.get(f"/api/v1/units/{world.units['C2']}/lineage", headers=world.auth("admin_d1"))
    assert other.status_code == 404


def test_a_merge_retried_gets_the_same_answer_once(
    client: TestClient, world: World, engine: Engine
) -> None:
    body = {
        "id": str(uuid.uuid4()),
        "from_unit_ids": [world.units["C1"], world.units["C2"]],
        "new_unit": _new_commune(world),
        "effective_on": (TODAY - timedelta(days=3)).isoformat(),
    }
    first = client.post("/api/v1/units/merge", headers=world.auth("admin_p"), json=body)
    again = client.post("/api/v1/units/merge", headers=world.auth("admin_p"), json=body)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    other = client.post(
        "/api/v1/units/merge",
        headers=world.auth("admin_p"),
        json={**body, "effective_on": (TODAY - timedelta(days=4)).isoformat()},
    )
    assert other.status_code == 409
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(UnitLineage)) == 2
        events = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "merge")
        )
        assert events == 1


def test_merges_are_validated_and_name_the_field(client: TestClient, world: World) -> None:
    u = world.units
    cases: list[tuple[str, dict[str, Any], int, list[Any] | None]] = [
        (
            "admin_p",
            {"from_unit_ids": [u["C1"], u["D2"]], "into_unit_id": u["C2"]},
            422,
            ["body", "from_unit_ids", 1],
        ),
        (
            "admin_d1",
            {"from_unit_ids": [u["C1"], u["C2"]], "new_unit": _new_commune(world)},
            422,
            ["body", "from_unit_ids", 1],
        ),
        (
            "admin_p",
            {"from_unit_ids": [u["C1"]], "into_unit_id": u["C1"]},
            422,
            ["body", "into_unit_id"],
        ),
        (
            "admin_p",
            {"from_unit_ids": [u["C1"]], "into_unit_id": u["D1"]},
            422,
            ["body", "into_unit_id"],
        ),
        ("admin_p", {"from_unit_ids": [u["C1"]]}, 422, ["body", "into_unit_id"]),
        (
            "admin_p",
            {"from_unit_ids": [u["C1"], u["C1"]], "into_unit_id": u["C2"]},
            422,
            ["body", "from_unit_ids"],
        ),
        (
            "admin_p",
            {"from_unit_ids": [u["C1"]], "new_unit": {**_new_commune(world), "level": "district"}},
            422,
            ["body", "new_unit", "level"],
        ),
        (
            "admin_p",
            {"from_unit_ids": [u["C1"]], "into_unit_id": u["C2"], "effective_on": "1999-01-01"},
            422,
            None,
        ),
        ("secretary_p", {"from_unit_ids": [u["C1"]], "into_unit_id": u["C2"]}, 403, None),
    ]
    for who, body, status, loc in cases:
        code, answer = _merge(client, world, who=who, **body)
        assert code == status, (body, answer)
        assert answer["type"] and "title" in answer
        if loc is not None:
            assert answer["errors"][0]["loc"] == loc, (body, answer)
    # Already merged: refused the second time (another client id).
    assert _merge(client, world, from_unit_ids=[u["C2"]], into_unit_id=u["C1"])[0] == 201
    code, answer = _merge(client, world, from_unit_ids=[u["C2"]], into_unit_id=u["C1"])
    assert code == 422 and answer["errors"][0]["loc"] == ["body", "from_unit_ids", 0]
    # Nothing was half-written by the refused merges.
    assert _names(client, world, on=(TODAY - timedelta(days=11)).isoformat()) >= {"C1", "C2"}


def test_entry_runs_on_the_tree_valid_at_the_consultations_opening(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    status, merged = _merge(
        client,
        world,
        from_unit_ids=[world.units["C1"], world.units["C2"]],
        new_unit=_new_commune(world),
    )
    assert status == 201
    new_id = merged["unit"]["id"]
    # The campaign opened 60 days ago, on the old tree: the old units take entries...
    old = client.post(
        "/api/v1/comments",
        headers=world.auth("admin_p"),
        json=campaign.comment(world, unit="A1", meeting_id=None),
    )
    assert old.status_code == 201, old.text
    # ...the new commune, not valid then, does not.
    new = client.post(
        "/api/v1/comments",
        headers=world.auth("admin_p"),
        json={**campaign.comment(world, unit="A1", meeting_id=None), "unit_id": new_id},
    )
    assert new.status_code == 422 and new.json()["errors"][0]["loc"] == ["body", "unit_id"]
    meeting = client.post(
        "/api/v1/meetings",
        headers=world.auth("admin_p"),
        json={
            "unit_id": new_id,
            "consultation_id": campaign.consultation_id,
            "kind": "committee_conference",
            "held_on": TODAY.isoformat(),
            "title": "Hội nghị",
            "participants": 10,
        },
    )
    assert meeting.status_code == 422 and meeting.json()["errors"][0]["loc"] == ["body", "unit_id"]


def test_a_consultation_opened_after_a_merge_runs_on_its_owners_tree(
    client: TestClient, world: World
) -> None:
    """Opened after the merge: the province's (still valid) runs on today's tree, so the merged
    commune's area is refused; a late one of the merged commune itself runs on its last day's
    tree, so its own area takes entries."""
    status, _ = _merge(
        client, world, from_unit_ids=[world.units["C1"]], new_unit=_new_commune(world)
    )
    assert status == 201

    def consultation(unit: str) -> int:
        resp = client.post(
            "/api/v1/consultations",
            headers=world.auth("admin_p"),
            json={
                "title": f"Đợt sau sáp nhập {unit}",
                "unit_id": world.units[unit],
                "opens_on": (TODAY - timedelta(days=5)).isoformat(),
                "closes_on": (TODAY + timedelta(days=5)).isoformat(),
                "deadlines": {},
            },
        )
        assert resp.status_code == 201, resp.text
        doc = client.post(
            "/api/v1/documents",
            headers=world.auth("admin_p"),
            json={
                "consultation_id": resp.json()["id"],
                "code": "D",
                "title": "Dự thảo",
                "sections": [{"number": "1", "heading": "Một"}],
            },
        )
        assert doc.status_code == 201, doc.text
        doc_id: int = doc.json()["id"]
        return doc_id

    body = {
        "unit_id": world.units["A1"],
        "channel": "meeting",
        "category": "citizen",
        "stance": "add",
        "content": "Ý kiến",
        "collected_on": TODAY.isoformat(),
    }
    refused = client.post(
        "/api/v1/comments",
        headers=world.auth("admin_p"),
        json={**body, "document_id": consultation("P")},
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["loc"] == ["body", "unit_id"]
    late = client.post(
        "/api/v1/comments",
        headers=world.auth("admin_p"),
        json={**body, "document_id": consultation("C1")},
    )
    assert late.status_code == 201, late.text
