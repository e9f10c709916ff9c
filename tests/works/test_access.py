"""Scope: a sibling subtree neither sees nor changes a unit's works; readers do not write."""

from fastapi.testclient import TestClient

from tests.conftest import World
from tests.works.support import TODAY, register, work_body


def test_a_sibling_subtree_cannot_see_or_edit(client: TestClient, world: World) -> None:
    w = register(client, world, "admin_d1", unit="C1")
    path = f"/api/v1/works/{w['id']}"
    other = world.auth("admin_d2")
    assert client.get(path, headers=other).status_code == 404
    assert client.patch(path, headers=other, json={"title": "X"}).status_code == 404
    note = {"noted_on": TODAY.isoformat(), "text": "Đã làm"}
    assert client.post(f"{path}/notes", headers=other, json=note).status_code == 404
    assert client.get("/api/v1/works", headers=other).json()["items"] == []
    listed = client.get("/api/v1/works", headers=other, params={"unit_id": world.units["D1"]})
    assert listed.status_code == 404
    summary = client.get("/api/v1/works/summary", headers=other).json()
    assert summary["totals"]["count"] == 0
    # The district above and the commune itself see it.
    for who in ("admin_p", "secretary_c1", "admin_d1"):
        items = client.get("/api/v1/works", headers=world.auth(who)).json()["items"]
        assert [i["id"] for i in items] == [w["id"]], who
    # Below the commune, an area sees nothing of it.
    assert client.get("/api/v1/works", headers=world.auth("entry_a1")).json()["items"] == []


def test_viewers_read_but_do_not_write(client: TestClient, world: World) -> None:
    resp = client.post("/api/v1/works", headers=world.auth("viewer_p"), json=work_body(world))
    assert resp.status_code == 403
    w = register(client, world, "admin_d1")
    assert client.get(f"/api/v1/works/{w['id']}", headers=world.auth("viewer_p")).status_code == 200
    patch = client.patch(
        f"/api/v1/works/{w['id']}", headers=world.auth("viewer_p"), json={"status": "in_progress"}
    )
    assert patch.status_code == 403
