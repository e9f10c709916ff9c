"""API keys may expire (the last day, in Vietnam, they work) and show when they were last used."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from tests.conftest import World
from ykien.accounts.models import ApiKey
from ykien.core.clock import today_vn
from ykien.core.db import session_scope


def _create(client: TestClient, world: World, **body: object) -> dict:  # type: ignore[type-arg]
    resp = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_d1"),
        json={"name": "Báo cáo tuần", "unit_id": world.units["C1"], **body},
    )
    assert resp.status_code == 201, resp.text
    return resp.json()  # type: ignore[no-any-return]


def test_a_key_works_through_its_last_day_and_answers_401_after(
    client: TestClient, world: World, engine: Engine
) -> None:
    today = today_vn()
    created = _create(client, world, expires_on=today.isoformat())
    assert created["expires_on"] == today.isoformat()
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with session_scope(engine) as s:
        s.execute(
            update(ApiKey)
            .where(ApiKey.id == created["id"])  # type: ignore[arg-type]
            .values(expires_on=today - timedelta(days=1))
        )
    expired = client.get("/api/v1/me", headers=headers)
    assert expired.status_code == 401
    assert expired.headers["content-type"] == "application/problem+json"


def test_a_key_cannot_be_made_already_expired(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_d1"),
        json={
            "name": "Cũ",
            "unit_id": world.units["C1"],
            "expires_on": (today_vn() - timedelta(days=1)).isoformat(),
        },
    )
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["loc"] == ["body", "expires_on"]


def test_the_list_shows_expiry_and_last_use(client: TestClient, world: World) -> None:
    created = _create(client, world)
    listed = client.get("/api/v1/api-keys", headers=world.auth("admin_d1")).json()["items"]
    assert listed[0]["expires_on"] is None and listed[0]["last_used_at"] is None
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    listed = client.get("/api/v1/api-keys", headers=world.auth("admin_d1")).json()["items"]
    first_use = listed[0]["last_used_at"]
    assert first_use is not None
    assert client.get("/api/v1/units", headers=headers).status_code == 200  # within the hour
    listed = client.get("/api/v1/api-keys", headers=world.auth("admin_d1")).json()["items"]
    assert listed[0]["last_used_at"] == first_use
