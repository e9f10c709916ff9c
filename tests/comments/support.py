"""Helpers of the comment tests: enter a comment, read every page of a list."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import World


def post_comment(client: TestClient, world: World, who: str, body: dict[str, Any]) -> Any:
    resp = client.post("/api/v1/comments", headers=world.auth(who), json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def all_comments(client: TestClient, world: World, who: str, **params: object) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/comments", params=query, headers=world.auth(who))
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return items
