"""Every list is a cursor page: no silent cap, each item once, ``limit`` honoured (v1.1)."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign


def every_page(client: TestClient, world: World, who: str, path: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        query = {**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
        resp = client.get(path, params=query, headers=world.auth(who))
        assert resp.status_code == 200, resp.text
        page = resp.json()
        assert len(page["items"]) <= 2
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def _meeting(client: TestClient, world: World, campaign: Campaign, area: str, days: int) -> int:
    resp = client.post(
        "/api/v1/meetings",
        headers=world.auth(f"entry_{area.lower()}"),
        json={
            "unit_id": world.units[area],
            "consultation_id": campaign.consultation_id,
            "held_on": (date.today() - timedelta(days=days)).isoformat(),
            "kind": "residential_area_meeting",
            "participants": 10 + days,
        },
    )
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def test_meetings_page_through_a_unit_s_whole_subtree(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    made = {campaign.meeting_id}
    for days, area in enumerate(["A1", "A2", "A2", "A1", "A3"], start=1):
        made.add(_meeting(client, world, campaign, area, days % 3))
    in_c1 = every_page(client, world, "admin_p", "/api/v1/meetings", unit_id=world.units["C1"])
    ids = [m["id"] for m in in_c1]
    assert len(ids) == len(set(ids)) == 5  # A1 and A2 are C1's; A3 is not
    assert {m["unit_id"] for m in in_c1} == {world.units["A1"], world.units["A2"]}
    keys = [(m["held_on"], m["id"]) for m in in_c1]
    assert keys == sorted(keys, reverse=True)
    everything = every_page(client, world, "admin_p", "/api/v1/meetings")
    assert {m["id"] for m in everything} == made
    outside = client.get(
        "/api/v1/meetings", params={"unit_id": world.units["C2"]}, headers=world.auth("entry_a1")
    )
    assert outside.status_code == 404


def test_consultations_and_documents_page_without_a_cap(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    for n in range(3):
        resp = client.post(
            "/api/v1/consultations",
            headers=world.auth("admin_p"),
            json={
                "title": f"Đợt lấy ý kiến {n}",
                "unit_id": world.units["P"],
                "opens_on": "2020-07-01",
                "closes_on": "2020-09-30",
            },
        )
        assert resp.status_code == 201, resp.text
    consultations = every_page(client, world, "admin_p", "/api/v1/consultations")
    ids = [c["id"] for c in consultations]
    assert len(ids) == 4 and ids == sorted(ids, reverse=True)
    documents = every_page(
        client, world, "entry_a1", "/api/v1/documents", consultation_id=campaign.consultation_id
    )
    assert [d["id"] for d in documents] == sorted(
        [campaign.document_id, campaign.other_document_id]
    )


def test_a_forged_list_cursor_is_a_422_naming_cursor(client: TestClient, world: World) -> None:
    for path in ["/api/v1/meetings", "/api/v1/consultations", "/api/v1/documents"]:
        resp = client.get(path, params={"cursor": "WyJ4Il0"}, headers=world.auth("admin_p"))
        assert resp.status_code == 422, (path, resp.text)
        assert resp.json()["errors"][0]["loc"] == ["query", "cursor"]
