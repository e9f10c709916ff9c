"""A forged cursor is a 422 naming ``cursor`` on every list, never a 500 (issue #13, defect 6)."""

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World

AT = "2026-01-01T00:00:00+00:00"


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


# (path, extra query, the forged keys: the shape each list's cursor has, with a bad value)
FORGED = [
    ("/api/v1/units", {}, [2**63]),
    ("/api/v1/units", {}, [-(2**63) - 1]),
    ("/api/v1/units", {}, [1.5]),
    ("/api/v1/units", {}, [True]),
    ("/api/v1/comments", {}, [2**63]),
    ("/api/v1/comments", {"order": "oldest"}, [2**64 + 5]),
    ("/api/v1/comments", {"updated_since": AT}, [AT, 2**63]),
    ("/api/v1/comments", {"updated_since": AT}, [AT, [1]]),
    ("/api/v1/comments/deleted", {}, [AT, 2**63]),
    ("/api/v1/comments/deleted", {}, [AT, None]),
]


@pytest.mark.parametrize(("path", "query", "keys"), FORGED)
def test_a_forged_cursor_is_a_422_naming_the_cursor(
    client: TestClient, world: World, path: str, query: dict[str, str], keys: list[Any]
) -> None:
    resp = client.get(
        path, headers=world.auth("admin_p"), params={**query, "cursor": _cursor(keys)}
    )
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_the_forged_cursor_of_the_report(client: TestClient, world: World) -> None:
    for path in ("/api/v1/comments", "/api/v1/units"):
        resp = client.get(
            path, headers=world.auth("admin_p"), params={"cursor": "WzkyMjMzNzIwMzY4NTQ3NzU4MDhd"}
        )
        assert resp.status_code == 422, resp.text
