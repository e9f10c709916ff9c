"""Tokens and personal data are never kept by a cache (issue #13, defect 8; RFC 6749 §5.1).

Every /api/v1 answer says ``Cache-Control: no-store`` unless it is made to be revalidated: the
stats answers (``ETag`` + ``If-None-Match``) say ``private, no-cache`` — kept by the browser
only, and asked again each time.
"""

from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import PASSWORD, Campaign


def test_the_token_answer_is_not_stored(client: TestClient, world: World) -> None:
    resp = client.post("/api/v1/auth/token", data={"username": "entry_a1", "password": PASSWORD})
    assert resp.status_code == 200
    assert resp.headers["cache-control"] == "no-store"
    session = client.post(
        "/api/v1/auth/session", json={"username": "entry_a1", "password": PASSWORD}
    )
    assert session.headers["cache-control"] == "no-store"


def test_answers_that_carry_contributor_data_are_not_stored(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = campaign.comment(world, contributor_name="Nguyễn Văn A", contributor_contact="0901")
    created = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert created.status_code == 201
    comment = created.json()["id"]
    for path in (
        "/api/v1/comments",
        f"/api/v1/comments/{comment}",
        f"/api/v1/comments/{comment}/history",
        "/api/v1/comments/export?format=csv",
        "/api/v1/me",
        "/api/v1/users",
    ):
        resp = client.get(path, headers=world.auth("admin_p" if "users" in path else "entry_a1"))
        assert resp.status_code == 200, (path, resp.text)
        assert resp.headers["cache-control"] == "no-store", path
    assert created.headers["cache-control"] == "no-store"
    error = client.get("/api/v1/comments/nope", headers=world.auth("entry_a1"))
    assert error.headers["cache-control"] == "no-store"


def test_stats_stay_revalidated_privately(client: TestClient, world: World) -> None:
    resp = client.get(f"/api/v1/units/{world.units['P']}/stats", headers=world.auth("viewer_p"))
    assert resp.status_code == 200
    assert resp.headers["cache-control"] == "private, no-cache" and resp.headers["etag"]
    again = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        headers={**world.auth("viewer_p"), "If-None-Match": resp.headers["etag"]},
    )
    assert again.status_code == 304 and again.headers["cache-control"] == "private, no-cache"
