"""``GET /documents?include=sections``: every document with its section tree in one answer, so
that the entry screen needs one request for all of them (issue 18, the web app on a weak link)."""

from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign


def test_the_list_carries_each_tree_exactly_as_the_single_document_does(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    auth = world.auth("entry_a1")
    listed = client.get("/api/v1/documents", params={"include": "sections"}, headers=auth)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert {d["id"] for d in items} >= {campaign.document_id, campaign.other_document_id}
    for item in items:
        single = client.get(f"/api/v1/documents/{item['id']}", headers=auth).json()
        assert item == single
    first = next(d for d in items if d["id"] == campaign.document_id)
    assert [s["number"] for s in first["sections"]] == ["I", "II"]
    assert [c["number"] for c in first["sections"][0]["children"]] == ["I.1", "I.2"]


def test_without_include_the_list_stays_summaries(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    items = client.get("/api/v1/documents", headers=world.auth("entry_a1")).json()["items"]
    assert items and all(d["sections"] is None for d in items)
    assert {"id", "consultation_id", "code", "title"} <= set(items[0])


def test_pages_and_filters_keep_their_trees(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    auth = world.auth("entry_a3")
    first = client.get(
        "/api/v1/documents",
        params={"include": "sections", "limit": 1, "consultation_id": campaign.consultation_id},
        headers=auth,
    ).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    rest = client.get(
        "/api/v1/documents",
        params={"include": "sections", "limit": 1, "cursor": first["next_cursor"]},
        headers=auth,
    ).json()
    ids = [first["items"][0]["id"], rest["items"][0]["id"]]
    assert ids == sorted(ids) and len(set(ids)) == 2
    assert all(isinstance(d["sections"], list) for d in first["items"] + rest["items"])


def test_an_unknown_include_names_the_parameter(client: TestClient, world: World) -> None:
    resp = client.get(
        "/api/v1/documents", params={"include": "comments"}, headers=world.auth("entry_a1")
    )
    assert resp.status_code == 422
    assert resp.headers["content-type"] == "application/problem+json"
    assert "include" in resp.text


def test_a_consultation_out_of_reach_shows_none_of_its_sections(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    # A consultation of district D2: D1's admin neither owns it nor lies below it.
    made = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_d2"),
        json={
            "title": "Đợt riêng của huyện",
            "unit_id": world.units["D2"],
            "opens_on": campaign.opens_on.isoformat(),
            "closes_on": campaign.opens_on.replace(year=campaign.opens_on.year + 1).isoformat(),
        },
    )
    assert made.status_code == 201, made.text
    doc = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_d2"),
        json={
            "consultation_id": made.json()["id"],
            "code": "RIENG",
            "title": "Dự thảo riêng",
            "sections": [{"number": "1", "heading": "Riêng"}],
        },
    )
    assert doc.status_code == 201, doc.text
    seen = client.get(
        "/api/v1/documents", params={"include": "sections"}, headers=world.auth("admin_d1")
    ).json()["items"]
    assert doc.json()["id"] not in {d["id"] for d in seen}
    assert campaign.document_id in {d["id"] for d in seen}
    below = client.get(
        "/api/v1/documents", params={"include": "sections"}, headers=world.auth("entry_a3")
    ).json()["items"]
    assert doc.json()["id"] in {d["id"] for d in below}
