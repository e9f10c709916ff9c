"""Users and API keys are cursor pages: following ``next_cursor`` yields each item once, no cap."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World


def _all_pages(client: TestClient, url: str, world: World, limit: int) -> list[list[int]]:
    pages: list[list[int]] = []
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        answer = client.get(url, params=params, headers=world.auth("admin_d1"))
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert set(body) == {"items", "next_cursor"}
        assert len(body["items"]) <= limit
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


def test_users_page_through_each_once(client: TestClient, world: World) -> None:
    for i in range(5):
        created = client.post(
            "/api/v1/users",
            headers=world.auth("admin_d1"),
            json={
                "username": f"thuky.{i}",
                "password": "mat-khau-dai-du",
                "full_name": f"Thư ký {i}",
                "unit_id": world.units["A1"],
                "role": "entry",
            },
        )
        assert created.status_code == 201, created.text
    whole = client.get("/api/v1/users", params={"limit": 500}, headers=world.auth("admin_d1"))
    expected = [u["id"] for u in whole.json()["items"]]
    assert len(expected) >= 6
    pages = _all_pages(client, "/api/v1/users", world, 2)
    seen = [i for page in pages for i in page]
    assert seen == expected == sorted(expected)
    assert len(pages) == -(-len(expected) // 2)


def test_api_keys_page_through_each_once(client: TestClient, world: World) -> None:
    for i in range(5):
        created = client.post(
            "/api/v1/api-keys",
            headers=world.auth("admin_d1"),
            json={"name": f"Báo cáo {i}", "unit_id": world.units["C1"]},
        )
        assert created.status_code == 201, created.text
    pages = _all_pages(client, "/api/v1/api-keys", world, 2)
    seen = [i for page in pages for i in page]
    assert len(seen) == len(set(seen)) == 5
    assert [len(p) for p in pages] == [2, 2, 1]


@pytest.mark.parametrize("url", ["/api/v1/users", "/api/v1/api-keys"])
@pytest.mark.parametrize(
    "cursor", ["bm90IGEgY3Vyc29y", "WyJ4Il0", "WyJhIiwxXQ", "Wzk5OTk5OTk5OTk5OTk5OTk5OTk5XQ"]
)
def test_a_forged_cursor_answers_422_naming_it(
    client: TestClient, world: World, url: str, cursor: str
) -> None:
    answer = client.get(url, params={"cursor": cursor}, headers=world.auth("admin_d1"))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert any(e["loc"] == ["query", "cursor"] for e in answer.json()["errors"])
