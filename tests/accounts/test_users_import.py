"""Bulk import of accounts: all rows or none, each failing row named, only the admin's subtree."""

import json
from collections.abc import Sequence

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from ykien.accounts import service
from ykien.accounts.models import User
from ykien.core.audit import AuditEvent
from ykien.core.db import session_scope

HEADER = "username,full_name,role,unit_code,password\n"
GOOD = HEADER + (
    "thuky.a1b,Nguyễn Văn Một,entry,A1,mat-khau-dai-du\n"
    "Thuky.A2b,Trần Thị Hai,secretary,A2,mat-khau-dai-du\n"
)


def _count_users(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(User)) or 0)


def _post(client: TestClient, world: World, who: str, body: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/users/import",
        headers={**world.auth(who), "content-type": "text/csv"},
        content=body.encode(),
    )


def _login(client: TestClient, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def test_csv_import_creates_every_row_and_is_audited(
    client: TestClient, world: World, engine: Engine
) -> None:
    before = _count_users(engine)
    resp = _post(client, world, "admin_d1", GOOD)
    assert resp.status_code == 201, resp.text
    assert resp.json() == {"created": 2}
    assert _count_users(engine) == before + 2
    assert _login(client, "thuky.a2b", "mat-khau-dai-du").status_code == 200
    with Session(engine) as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "user", AuditEvent.action == "import")
        ).one()
        assert event.after is not None
        assert "password" not in json.dumps(event.after)
        assert {u["username"] for u in event.after["users"]} == {"thuky.a1b", "thuky.a2b"}


def test_a_bad_row_is_named_and_nothing_is_written(
    client: TestClient, world: World, engine: Engine
) -> None:
    before = _count_users(engine)
    bad = GOOD + (
        "ngan,Mật khẩu ngắn,entry,A1,short\n"  # line 4: password too short
        "thuky.a1b,Trùng trong tệp,entry,A1,mat-khau-dai-du\n"  # line 5: repeats line 2
        "entry_a1,Đã có,entry,A1,mat-khau-dai-du\n"  # line 6: taken
        "khac,Vai trò lạ,boss,A1,mat-khau-dai-du\n"  # line 7: unknown role
        "khong,Không có đơn vị,entry,NOPE,mat-khau-dai-du\n"  # line 8: unknown unit
    )
    resp = _post(client, world, "admin_d1", bad)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    locs = {tuple(e["loc"][:3]) for e in resp.json()["errors"]}
    assert locs == {
        ("rows", 4, "password"),
        ("rows", 5, "username"),
        ("rows", 6, "username"),
        ("rows", 7, "role"),
        ("rows", 8, "unit_code"),
    }
    assert _count_users(engine) == before
    assert _login(client, "thuky.a1b", "mat-khau-dai-du").status_code == 401


def test_units_of_a_sibling_subtree_are_refused(
    client: TestClient, world: World, engine: Engine
) -> None:
    before = _count_users(engine)
    resp = _post(client, world, "admin_d1", GOOD + "ngoai,Ngoài phạm vi,entry,A3,mat-khau-dai-du\n")
    assert resp.status_code == 422
    assert [e["loc"] for e in resp.json()["errors"]] == [["rows", 4, "unit_code"]]
    assert _count_users(engine) == before


def test_a_json_list_names_rows_by_index(client: TestClient, world: World) -> None:
    rows = [
        {
            "username": "json.one",
            "full_name": "Một",
            "role": "viewer",
            "unit_code": "A1",
            "password": "mat-khau-dai-du",
        },
        {"username": "json.two", "full_name": "Hai", "role": "viewer", "unit_code": "A1"},
    ]
    resp = client.post("/api/v1/users/import", headers=world.auth("admin_d1"), json=rows)
    assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == ["rows", 1, "password"]
    rows[1]["password"] = "mat-khau-dai-du"
    resp = client.post("/api/v1/users/import", headers=world.auth("admin_d1"), json=rows)
    assert resp.status_code == 201 and resp.json()["created"] == 2


def test_a_missing_column_is_named(client: TestClient, world: World) -> None:
    resp = _post(client, world, "admin_d1", "username,full_name,role\nx,y,entry\n")
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["loc"] == ["file", "header"]


def test_import_needs_an_admin(client: TestClient, world: World, engine: Engine) -> None:
    before = _count_users(engine)
    assert _post(client, world, "secretary_p", GOOD).status_code == 403
    assert _post(client, world, "entry_a1", GOOD).status_code == 403
    assert _count_users(engine) == before


def test_passwords_are_hashed_outside_the_write_transaction_and_rows_checked_again(
    client: TestClient, world: World, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the passwords are hashed another writer gets through (on SQLite it would wait for
    the write lock otherwise) and takes a username: the import, checked again, names the row."""
    hash_passwords = service.hash_passwords

    def meanwhile(planned: Sequence[service.PlannedUser]) -> list[str]:
        with session_scope(engine) as s:
            s.add(
                User(
                    username="thuky.a2b",
                    full_name="Người nhanh tay",
                    password_hash="x",
                    unit_id=world.units["A2"],
                    role="entry",
                )
            )
        return hash_passwords(planned)

    monkeypatch.setattr(service, "hash_passwords", meanwhile)
    before = _count_users(engine)
    resp = _post(client, world, "admin_d1", GOOD)
    assert resp.status_code == 422, resp.text
    assert [e["loc"] for e in resp.json()["errors"]] == [["rows", 3, "username"]]
    assert _count_users(engine) == before + 1  # the other writer's user only
