"""Bodies and helpers for the works tests."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import World

TODAY = date.today()


def work_body(world: World, unit: str = "D1", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit_id": world.units[unit],
        "organization": "youth_union",
        "kind": "project",
        "title": "Tuyến đường thanh niên tự quản",
        "description": "Bê tông hóa 1,2 km đường nông thôn.",
        "value_vnd": 850_000_000,
        "registered_on": (TODAY - timedelta(days=30)).isoformat(),
        "due_on": (TODAY + timedelta(days=60)).isoformat(),
    }
    body.update(extra)
    return body


def register(client: TestClient, world: World, who: str, **body: Any) -> dict[str, Any]:
    unit = body.pop("unit", "D1")
    resp = client.post(
        "/api/v1/works", headers=world.auth(who), json=work_body(world, unit, **body)
    )
    assert resp.status_code == 201, resp.text
    result: dict[str, Any] = resp.json()
    return result


def locs(resp: Any) -> list[list[Any]]:
    return [e["loc"] for e in resp.json().get("errors", [])]
