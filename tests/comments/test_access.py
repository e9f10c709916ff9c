"""Who reads which comments, and who sees the contributor's personal data."""

from fastapi.testclient import TestClient

from tests.comments.support import post_comment
from tests.conftest import World
from tests.factories import Campaign


def test_personal_data_stays_in_the_entering_unit(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    c = post_comment(
        client,
        world,
        "entry_a1",
        campaign.comment(world, contributor_name="Trần Thị B", contributor_contact="0912 345 678"),
    )
    key = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "báo cáo", "unit_id": world.units["P"]},
    )
    key_headers = {"Authorization": f"Bearer {key.json()['key']}"}
    for who, sees in (
        ("entry_a1", True),
        ("root", True),
        ("secretary_c1", False),
        ("viewer_p", False),
        ("admin_p", False),
    ):
        got = client.get(f"/api/v1/comments/{c['id']}", headers=world.auth(who)).json()
        assert (got["contributor_name"] == "Trần Thị B") is sees, who
        assert (got["contributor_contact"] is not None) is sees, who
    by_key = client.get(f"/api/v1/comments/{c['id']}", headers=key_headers).json()
    assert by_key["contributor_name"] is None and by_key["contributor_contact"] is None
    exported = client.get("/api/v1/comments/export", headers=key_headers).content.decode(
        "utf-8-sig"
    )
    assert "Trần Thị B" not in exported and "0912" not in exported
    history = client.get(f"/api/v1/comments/{c['id']}/history", headers=key_headers).json()["items"]
    assert "Trần Thị B" not in str(history)
    mine = client.get("/api/v1/comments/export", headers=world.auth("entry_a1")).content.decode(
        "utf-8-sig"
    )
    assert "Trần Thị B" in mine
