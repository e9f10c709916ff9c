"""Logging in, sessions, throttling, the caller, users in a subtree, read-only API keys."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from tests.conftest import World
from tests.factories import PASSWORD
from ykien.accounts.models import User
from ykien.accounts.service import ensure_superuser
from ykien.core.audit import AuditEvent
from ykien.core.db import session_scope


def _login(client: TestClient, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def test_password_login_gives_a_bearer_token_for_me(client: TestClient, world: World) -> None:
    resp = _login(client, "secretary_c1")
    assert resp.status_code == 200, resp.text
    token = resp.json()
    assert token["token_type"] == "bearer" and token["expires_in"] > 0
    me = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {token['access_token']}"}
    ).json()
    assert me["username"] == "secretary_c1" and me["role"] == "secretary"
    assert me["unit_id"] == world.units["C1"] and me["unit"]["name"] == "Phường Vĩnh Thanh Vân"


def test_wrong_passwords_and_unknown_users_are_401(client: TestClient, world: World) -> None:
    assert _login(client, "secretary_c1", "wrong password!").status_code == 401
    assert _login(client, "nobody", "wrong password!").status_code == 401


def test_ten_failures_throttle_the_username_from_that_address(
    client: TestClient, world: World
) -> None:
    for _ in range(10):
        assert _login(client, "entry_a1", "not the password").status_code == 401
    blocked = _login(client, "entry_a1")  # even the right password now waits
    assert blocked.status_code == 429
    assert blocked.headers["content-type"] == "application/problem+json"
    assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60 + 1
    assert _login(client, "entry_a2").status_code == 200  # other users are not affected


def test_a_successful_login_clears_earlier_failures(client: TestClient, world: World) -> None:
    for _ in range(9):
        _login(client, "entry_a1", "not the password")
    assert _login(client, "entry_a1").status_code == 200
    for _ in range(9):
        _login(client, "entry_a1", "not the password")
    assert _login(client, "entry_a1").status_code == 200


def test_logout_revokes_the_token(client: TestClient, world: World) -> None:
    token = _login(client, "entry_a1").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_cookie_session_for_the_web_app_with_a_csrf_guard(client: TestClient, world: World) -> None:
    resp = client.post("/api/v1/auth/session", json={"username": "admin_d1", "password": PASSWORD})
    assert resp.status_code == 200 and resp.json()["username"] == "admin_d1"
    cookie = resp.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert client.get("/api/v1/me").json()["username"] == "admin_d1"
    body = {
        "code": "N1",
        "name": "Ấp Mới",
        "level": "residential_area",
        "parent_id": world.units["C1"],
    }
    assert client.post("/api/v1/units", json=body).status_code == 403  # no X-Requested-With
    assert (
        client.post(
            "/api/v1/units", json=body, headers={"X-Requested-With": "XMLHttpRequest"}
        ).status_code
        == 201
    )
    assert client.delete("/api/v1/auth/session").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_an_admin_manages_users_inside_its_subtree_only(
    client: TestClient, world: World, engine: Engine
) -> None:
    new = {
        "username": "Thuky.A2",
        "password": "mat-khau-dai-du",
        "full_name": "Đỗ Thị Hoa",
        "unit_id": world.units["A2"],
        "role": "entry",
    }
    resp = client.post("/api/v1/users", headers=world.auth("admin_d1"), json=new)
    assert resp.status_code == 201, resp.text
    assert resp.json()["username"] == "thuky.a2"
    assert _login(client, "thuky.a2", "mat-khau-dai-du").status_code == 200
    outside = client.post(
        "/api/v1/users",
        headers=world.auth("admin_d1"),
        json={**new, "username": "other", "unit_id": world.units["A3"]},
    )
    assert outside.status_code == 422 and outside.json()["errors"][0]["loc"] == ["body", "unit_id"]
    short = client.post(
        "/api/v1/users",
        headers=world.auth("admin_d1"),
        json={**new, "username": "x2", "password": "short"},
    )
    assert short.status_code == 422
    assert client.post("/api/v1/users", headers=world.auth("admin_d1"), json=new).status_code == 409
    assert (
        client.post(
            "/api/v1/users", headers=world.auth("secretary_p"), json={**new, "username": "yyy"}
        ).status_code
        == 403
    )
    superuser = client.post(
        "/api/v1/users",
        headers=world.auth("admin_p"),
        json={**new, "username": "superu", "unit_id": None},
    )
    assert superuser.status_code == 403
    listed = {
        u["username"]
        for u in client.get("/api/v1/users", headers=world.auth("admin_d1")).json()["items"]
    }
    assert "entry_a3" not in listed and "entry_a1" in listed and "thuky.a2" in listed
    assert (
        client.get(
            f"/api/v1/users/{world.users['entry_a3']}", headers=world.auth("admin_d1")
        ).status_code
        == 404
    )
    with Session(engine) as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "user", AuditEvent.action == "create")
        ).all()
        assert any(
            e.after and e.after.get("username") == "thuky.a2" and "password" not in e.after
            for e in events
        )


def test_deactivating_a_user_ends_its_sessions(client: TestClient, world: World) -> None:
    token = _login(client, "entry_a1").json()["access_token"]
    resp = client.patch(
        f"/api/v1/users/{world.users['entry_a1']}",
        headers=world.auth("admin_d1"),
        json={"is_active": False},
    )
    assert resp.status_code == 200 and resp.json()["is_active"] is False
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert _login(client, "entry_a1").status_code == 401


def test_api_keys_are_shown_once_read_only_and_revocable(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_d1"),
        json={"name": "Báo cáo tuần", "unit_id": world.units["C1"]},
    )
    assert resp.status_code == 201, resp.text
    created = resp.json()
    key = created["key"]
    assert key.startswith("yk_") and len(key) > 30
    listed = client.get("/api/v1/api-keys", headers=world.auth("admin_d1")).json()["items"]
    assert [k["id"] for k in listed] == [created["id"]] and "key" not in listed[0]
    headers = {"Authorization": f"Bearer {key}"}
    me = client.get("/api/v1/me", headers=headers).json()
    assert me["kind"] == "api_key" and me["unit_id"] == world.units["C1"]
    assert {u["code"] for u in client.get("/api/v1/units", headers=headers).json()["items"]} == {
        "C1",
        "A1",
        "A2",
    }
    write = client.post(
        "/api/v1/units",
        headers=headers,
        json={
            "code": "K1",
            "name": "Ấp K",
            "level": "residential_area",
            "parent_id": world.units["C1"],
        },
    )
    assert write.status_code == 403
    assert (
        client.delete(
            f"/api/v1/api-keys/{created['id']}", headers=world.auth("admin_d2")
        ).status_code
        == 404
    )
    assert (
        client.delete(
            f"/api/v1/api-keys/{created['id']}", headers=world.auth("admin_d1")
        ).status_code
        == 204
    )
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_bootstrap_superuser_is_created_once(engine: Engine) -> None:
    with session_scope(engine) as s:
        ensure_superuser(s, username="Boss", password="mat-khau-quan-tri")
    with session_scope(engine) as s:
        ensure_superuser(s, username="boss", password="another-password")
    with Session(engine) as s:
        users = s.scalars(select(User).where(User.username == "boss")).all()
        assert len(users) == 1 and users[0].unit_id is None and users[0].role == "admin"
