"""Changing comments: edits guarded by version, moves checked like new comments, deletions,
all in the history."""

from fastapi.testclient import TestClient

from tests.comments.support import all_comments, post_comment
from tests.conftest import World
from tests.factories import Campaign


def test_edits_and_deletions_are_audited(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    c = post_comment(
        client, world, "entry_a1", campaign.comment(world, content="Bản đầu", people=1)
    )
    resp = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("entry_a1"),
        json={"content": "Bản đã sửa", "people": 4, "version": 1},
    )
    assert resp.status_code == 200 and resp.json()["version"] == 2 and resp.json()["people"] == 4
    stale = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("entry_a1"),
        json={"people": 5, "version": 1},
    )
    assert stale.status_code == 409
    bad = client.patch(
        f"/api/v1/comments/{c['id']}", headers=world.auth("entry_a1"), json={"content": None}
    )
    assert bad.status_code == 422
    assert (
        client.delete(
            f"/api/v1/comments/{c['id']}",
            params={"reason": "Nhập trùng"},
            headers=world.auth("secretary_c1"),
        ).status_code
        == 204
    )
    assert (
        client.get(f"/api/v1/comments/{c['id']}", headers=world.auth("entry_a1")).status_code == 404
    )
    assert all_comments(client, world, "entry_a1") == []
    history = client.get(
        f"/api/v1/comments/{c['id']}/history", headers=world.auth("secretary_c1")
    ).json()["items"]
    assert [h["action"] for h in history] == ["create", "update", "delete"]
    assert history[0]["after"]["content"] == "Bản đầu" and history[0]["actor"]["name"] == "entry_a1"
    assert history[1]["changed"] == ["content", "people"]
    assert history[1]["before"] == {"content": "Bản đầu", "people": 1}
    assert history[1]["after"] == {"content": "Bản đã sửa", "people": 4}
    assert history[2]["reason"] == "Nhập trùng" and history[2]["actor"]["name"] == "secretary_c1"
    tombstones = client.get("/api/v1/comments/deleted", headers=world.auth("secretary_p")).json()[
        "items"
    ]
    assert [t["id"] for t in tombstones] == [c["id"]]


def test_moving_a_comment_is_checked_like_a_new_one(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    c = post_comment(client, world, "secretary_c1", campaign.comment(world, unit="A1"))
    moved = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["A2"]},
    )
    assert moved.status_code == 200 and moved.json()["unit_id"] == world.units["A2"]
    assert [x["id"] for x in all_comments(client, world, "entry_a2")] == [c["id"]]
    away = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["A3"]},
    )
    assert away.status_code == 422
    wrong = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"section_id": campaign.other_section_id},
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["loc"] == ["body", "section_id"]
