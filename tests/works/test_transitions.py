"""Status transitions: done needs completed_on; done and dropped are final but for an admin;
stale versions; progress notes sent once."""

import uuid
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from tests.conftest import World
from tests.works.support import TODAY, locs, register
from ykien.core.audit import AuditEvent


def _patch(client: TestClient, world: World, who: str, work: dict, **body: object):  # type: ignore[no-untyped-def]
    return client.patch(f"/api/v1/works/{work['id']}", headers=world.auth(who), json=body)


def test_the_life_of_a_work(client: TestClient, world: World, engine: Engine) -> None:
    w = register(client, world, "secretary_c1", unit="C1")
    started = _patch(client, world, "secretary_c1", w, status="in_progress", version=1)
    assert started.status_code == 200 and started.json()["version"] == 2
    no_date = _patch(client, world, "secretary_c1", w, status="done")
    assert no_date.status_code == 422 and locs(no_date) == [["body", "completed_on"]]
    future = _patch(
        client,
        world,
        "secretary_c1",
        w,
        status="done",
        completed_on=(TODAY + timedelta(days=1)).isoformat(),
    )
    assert future.status_code == 422 and locs(future) == [["body", "completed_on"]]
    stray = _patch(client, world, "secretary_c1", w, completed_on=TODAY.isoformat())
    assert stray.status_code == 422 and locs(stray) == [["body", "completed_on"]]
    stale = _patch(client, world, "secretary_c1", w, status="done", version=1)
    assert stale.status_code == 409 and locs(stale) == [["body", "version"]]
    done = _patch(client, world, "secretary_c1", w, status="done", completed_on=TODAY.isoformat())
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done" and done.json()["completed_on"] == TODAY.isoformat()
    # Final: the commune's secretary and the district's secretary-level users cannot move it…
    again = _patch(client, world, "secretary_c1", w, status="in_progress")
    assert again.status_code == 409
    assert _patch(client, world, "secretary_c1", w, title="Đổi tên").status_code == 409
    # …an admin above reopens it, and the completion day goes.
    reopened = _patch(client, world, "admin_d1", w, status="in_progress")
    assert reopened.status_code == 200
    assert reopened.json()["completed_on"] is None and reopened.json()["status"] == "in_progress"
    dropped = _patch(client, world, "secretary_c1", w, status="dropped")
    assert dropped.status_code == 200 and dropped.json()["status"] == "dropped"
    with Session(engine) as s:
        actions = [
            (e.action, e.after)
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.entity == "work").order_by(AuditEvent.id)
            )
        ]
    assert [a for a, _ in actions] == ["create", "update", "update", "reopen", "update"]
    assert actions[2][1] == {"status": "done", "completed_on": TODAY.isoformat()}


def test_a_registered_work_cannot_be_emptied(client: TestClient, world: World) -> None:
    w = register(client, world, "admin_d1")
    resp = _patch(client, world, "admin_d1", w, title=None)
    assert resp.status_code == 422 and locs(resp) == [["body", "title"]]
    late = _patch(client, world, "admin_d1", w, due_on=(TODAY - timedelta(days=400)).isoformat())
    assert late.status_code == 422 and locs(late) == [["body", "due_on"]]


def test_notes_are_dated_and_sent_once(client: TestClient, world: World) -> None:
    w = register(client, world, "secretary_c1", unit="C1")
    note = {"id": str(uuid.uuid4()), "noted_on": TODAY.isoformat(), "text": "Đã đổ bê tông 600 m."}
    path = f"/api/v1/works/{w['id']}/notes"
    first = client.post(path, headers=world.auth("secretary_c1"), json=note)
    again = client.post(path, headers=world.auth("secretary_c1"), json=note)
    assert (first.status_code, again.status_code) == (201, 200)
    other = client.post(path, headers=world.auth("secretary_c1"), json={**note, "text": "Khác"})
    assert other.status_code == 409 and locs(other) == [["body", "id"]]
    early = client.post(
        path,
        headers=world.auth("secretary_c1"),
        json={"noted_on": (TODAY - timedelta(days=365)).isoformat(), "text": "Trước khi đăng ký"},
    )
    assert early.status_code == 422 and locs(early) == [["body", "noted_on"]]
    got = client.get(f"/api/v1/works/{w['id']}", headers=world.auth("admin_p")).json()
    assert [n["text"] for n in got["notes"]] == ["Đã đổ bê tông 600 m."]
