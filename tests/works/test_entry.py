"""Registering works: the stored fields, idempotent retries, validation naming the field, audit."""

import uuid
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from tests.works.support import TODAY, locs, register, work_body
from ykien.core.audit import AuditEvent
from ykien.works.models import Work


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Work)) or 0)


def test_a_district_registers_a_work(client: TestClient, world: World, engine: Engine) -> None:
    w = register(client, world, "admin_d1", title="  Nha\u0300 đại đoàn kết ")
    assert w["status"] == "registered" and w["unit_id"] == world.units["D1"]
    assert w["unit_name"] == "Thành phố Rạch Giá" and w["organization"] == "youth_union"
    assert w["value_vnd"] == 850_000_000 and w["completed_on"] is None and not w["overdue"]
    assert w["title"] == "Nhà đại đoàn kết"  # NFC, trimmed
    got = client.get(f"/api/v1/works/{w['id']}", headers=world.auth("admin_d1")).json()
    assert got["notes"] == [] and got["id"] == w["id"]
    with Session(engine) as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.entity == "work")))
    assert [(e.action, e.entity_id, e.unit_id) for e in events] == [
        ("create", w["id"], world.units["D1"])
    ]


def test_a_retry_stores_nothing_new(client: TestClient, world: World, engine: Engine) -> None:
    body = work_body(world, id=str(uuid.uuid4()))
    first = client.post("/api/v1/works", headers=world.auth("admin_d1"), json=body)
    again = client.post("/api/v1/works", headers=world.auth("admin_d1"), json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert _count(engine) == 1
    changed = client.post(
        "/api/v1/works", headers=world.auth("admin_d1"), json={**body, "title": "Khác"}
    )
    assert changed.status_code == 409 and locs(changed) == [["body", "id"]]
    other = client.post("/api/v1/works", headers=world.auth("admin_p"), json=body)
    assert other.status_code == 409 and locs(other) == [["body", "id"]]
    assert _count(engine) == 1


def test_errors_name_the_field(client: TestClient, world: World, engine: Engine) -> None:
    def post(**extra: object) -> list[list[object]]:
        resp = client.post(
            "/api/v1/works", headers=world.auth("admin_d1"), json=work_body(world, **extra)
        )
        assert resp.status_code == 422, resp.text
        assert resp.headers["content-type"] == "application/problem+json"
        return locs(resp)

    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert post(registered_on=tomorrow, due_on=tomorrow) == [["body", "registered_on"]]
    assert post(due_on=(TODAY - timedelta(days=40)).isoformat()) == [["body", "due_on"]]
    assert post(value_vnd=-1) == [["body", "value_vnd"]]
    assert post(title=" \u200b ") == [["body", "title"]]
    assert post(kind="building") == [["body", "kind"]]
    assert post(organization="party") == [["body", "organization"]]
    assert post(unit="D2") == [["body", "unit_id"]]
    assert _count(engine) == 0


def test_value_is_optional(client: TestClient, world: World) -> None:
    w = register(client, world, "secretary_c1", unit="A1", value_vnd=None, kind="task")
    assert w["value_vnd"] is None and w["kind"] == "task"
