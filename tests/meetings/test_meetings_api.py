"""Meetings over HTTP: recorded by writers in scope, inside the consultation's subtree, read in
the caller's subtree."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign


def test_meetings_are_recorded_and_listed_in_scope(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = {
        "unit_id": world.units["A2"],
        "consultation_id": campaign.consultation_id,
        "held_on": date.today().isoformat(),
        "kind": "residential_area_meeting",
        "participants": 60,
    }
    assert (
        client.post("/api/v1/meetings", headers=world.auth("entry_a1"), json=body).status_code
        == 422
    )
    made = client.post("/api/v1/meetings", headers=world.auth("entry_a2"), json=body)
    assert made.status_code == 201 and made.json()["participants"] == 60
    future = client.post(
        "/api/v1/meetings",
        headers=world.auth("entry_a2"),
        json={**body, "held_on": (date.today() + timedelta(days=3)).isoformat()},
    )
    assert future.status_code == 422 and future.json()["errors"][0]["loc"] == ["body", "held_on"]
    assert (
        client.post("/api/v1/meetings", headers=world.auth("viewer_p"), json=body).status_code
        == 403
    )
    seen_by_c1 = client.get(
        "/api/v1/meetings",
        params={"consultation_id": campaign.consultation_id},
        headers=world.auth("secretary_c1"),
    ).json()["items"]
    assert {m["unit_id"] for m in seen_by_c1} == {world.units["A1"], world.units["A2"]}
    seen_by_a3 = client.get("/api/v1/meetings", headers=world.auth("entry_a3")).json()["items"]
    assert seen_by_a3 == []


def test_a_meeting_is_read_in_scope_and_hidden_elsewhere(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    url = f"/api/v1/meetings/{campaign.meeting_id}"
    for who in ("entry_a1", "secretary_c1", "admin_d1", "viewer_p", "root"):
        resp = client.get(url, headers=world.auth(who))
        assert resp.status_code == 200, who
        assert resp.json()["unit_id"] == world.units["A1"]
    for who in ("entry_a2", "entry_a3", "admin_d2"):
        resp = client.get(url, headers=world.auth(who))
        assert resp.status_code == 404, who
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert resp.json()["detail"] == f"Meeting {campaign.meeting_id} does not exist."


def test_only_writers_record_meetings_of_their_subtree(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = {
        "unit_id": world.units["C1"],
        "consultation_id": campaign.consultation_id,
        "held_on": date.today().isoformat(),
        "kind": "committee_conference",
        "participants": 12,
    }
    for who, status in (
        ("secretary_c1", 201),
        ("admin_d1", 201),
        ("admin_p", 201),
        ("root", 201),
        ("entry_a1", 422),  # C1 is above A1: outside its subtree
        ("admin_d2", 422),
        ("viewer_p", 403),
    ):
        resp = client.post("/api/v1/meetings", headers=world.auth(who), json=body)
        assert resp.status_code == status, (who, resp.text)
        if status == 422:
            assert resp.json()["errors"][0]["loc"] == ["body", "unit_id"]
    bad = client.post(
        "/api/v1/meetings",
        headers=world.auth("secretary_c1"),
        json={**body, "participants": -1, "unit_id": 0},
    )
    assert bad.status_code == 422
    assert {tuple(e["loc"]) for e in bad.json()["errors"]} == {
        ("body", "participants"),
        ("body", "unit_id"),
    }


@pytest.mark.parametrize(
    "title", ["\u200b", "\u2060 \ufeff", "Hội nghị \u202eKhu 1", "\ufb2c" * 101]
)
def test_a_meeting_title_must_be_visible_direction_neutral_and_short_after_nfc(
    client: TestClient, world: World, campaign: Campaign, title: str
) -> None:
    body = {
        "unit_id": world.units["A1"],
        "consultation_id": campaign.consultation_id,
        "held_on": date.today().isoformat(),
        "kind": "residential_area_meeting",
        "title": title,
        "participants": 10,
    }
    resp = client.post("/api/v1/meetings", headers=world.auth("entry_a1"), json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["body", "title"]
