"""The audit trail as people read it: admins see their subtree's events, the superuser every
event, nobody else anything; logins and failed logins are there; contributor data never is."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from tests.conftest import World
from tests.factories import PASSWORD
from ykien.core.audit import SYSTEM, AuditEvent, record
from ykien.core.db import session_scope, utcnow

URL = "/api/v1/audit-events"


def _events(client: TestClient, who: str, world: World, **params: Any) -> list[dict[str, Any]]:
    resp = client.get(URL, headers=world.auth(who), params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]  # type: ignore[no-any-return]


def _login(client: TestClient, username: str, password: str = PASSWORD) -> int:
    return client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    ).status_code


def test_logins_and_failed_logins_are_audited_with_the_address(
    client: TestClient, world: World
) -> None:
    assert _login(client, "entry_a1") == 200
    assert _login(client, "entry_a1", "wrong password") == 401
    assert _login(client, "nobody-at-all", "wrong password") == 401
    mine = _events(client, "admin_d1", world, entity="user", actor_id=world.users["entry_a1"])
    assert [(e["action"], e["unit_id"]) for e in mine] == [("login", world.units["A1"])]
    who = {"kind": "user", "id": world.users["entry_a1"], "username": "entry_a1"}
    assert mine[0]["actor"] == who
    assert mine[0]["changes"]["address"] == {"before": None, "after": "testclient"}
    failed = [e for e in _events(client, "admin_d1", world) if e["action"] == "login_failed"]
    assert len(failed) == 1  # the unknown username belongs to no unit: the superuser's only
    assert failed[0]["actor"] == {"kind": "user", "id": None, "username": "entry_a1"}
    assert failed[0]["entity_id"] == str(world.users["entry_a1"])
    everything = _events(client, "root", world, entity="user")
    assert {e["actor"]["username"] for e in everything if e["action"] == "login_failed"} == {
        "entry_a1",
        "nobody-at-all",
    }


def test_an_admin_reads_its_subtree_only(client: TestClient, world: World) -> None:
    new = {"password": "mat-khau-dai-du", "full_name": "Đỗ Thị Hoa", "role": "entry"}
    for who, username, unit in [("admin_d1", "hoa.a2", "A2"), ("admin_d2", "lan.a3", "A3")]:
        resp = client.post(
            "/api/v1/users",
            headers=world.auth(who),
            json={**new, "username": username, "unit_id": world.units[unit]},
        )
        assert resp.status_code == 201, resp.text
    d1 = _events(client, "admin_d1", world, entity="user")
    assert [e["changes"]["username"]["after"] for e in d1] == ["hoa.a2"]
    assert "password" not in d1[0]["changes"]
    assert d1[0]["actor"]["username"] == "admin_d1" and d1[0]["action"] == "create"
    p = _events(client, "admin_p", world, entity="user")
    assert {e["changes"]["username"]["after"] for e in p} == {"hoa.a2", "lan.a3"}
    # Units: the world's units were created by the system; each event belongs to its unit.
    units = _events(client, "admin_d1", world, entity="unit", limit=50)
    assert {int(e["entity_id"]) for e in units} == {
        world.units[u] for u in ("D1", "C1", "A1", "A2")
    }
    assert all(e["actor"] == {"kind": "system", "id": None, "username": "system"} for e in units)
    outside = client.get(URL, headers=world.auth("admin_d1"), params={"unit_id": world.units["A3"]})
    assert outside.status_code == 404


@pytest.mark.parametrize("who", ["secretary_p", "viewer_p", "secretary_c1", "entry_a1"])
def test_nobody_but_admins_reads_the_audit(client: TestClient, world: World, who: str) -> None:
    resp = client.get(URL, headers=world.auth(who))
    assert resp.status_code == 403
    assert resp.headers["content-type"] == "application/problem+json"


def test_filters_and_pages(client: TestClient, world: World) -> None:
    for _ in range(3):
        assert _login(client, "entry_a2") == 200
    a2 = {"unit_id": world.units["A2"], "entity": "user"}
    logins = _events(client, "admin_p", world, **a2)
    assert [e["action"] for e in logins] == ["login"] * 3
    assert [e["id"] for e in logins] == sorted((e["id"] for e in logins), reverse=True)
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {**a2, "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = client.get(URL, headers=world.auth("admin_p"), params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in logins]
    one = _events(client, "admin_p", world, entity="user", entity_id=str(world.users["entry_a2"]))
    assert len(one) == 3
    hour_ago = (utcnow() - timedelta(hours=1)).isoformat()
    assert _events(client, "admin_p", world, **a2, to=hour_ago) == []
    assert len(_events(client, "admin_p", world, **a2, **{"from": hour_ago})) == 3
    naive = client.get(URL, headers=world.auth("admin_p"), params={"from": "2026-01-01T00:00:00"})
    assert naive.status_code == 422 and naive.json()["errors"][0]["loc"] == ["query", "from"]


def test_contributor_data_never_enters_the_trail(
    client: TestClient, world: World, engine: Engine
) -> None:
    with session_scope(engine) as s:
        record(
            s,
            SYSTEM,
            "update",
            "comment",
            "c-1",
            before={"contributor_name": "Nguyễn Văn A", "stance": "add"},
            after={
                "contributor_name": "Trần Thị B",
                "contributor_contact": "0901",
                "stance": "agree",
            },
            unit_id=world.units["A1"],
        )
    with Session(engine) as s:
        row = s.scalars(select(AuditEvent).where(AuditEvent.entity == "comment")).one()
        assert row.before == {"stance": "add"} and row.after == {"stance": "agree"}
    (event,) = _events(client, "admin_d1", world, entity="comment")
    assert event["changes"] == {"stance": {"before": "add", "after": "agree"}}
