"""Roll-ups: the summary's sums equal a naive count of the works, at every level and in every
view; the "due" views; ``work_figures`` for the periodic reports."""

import random
from collections import Counter
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from tests.conftest import World
from tests.works.support import TODAY, register
from ykien.units.models import Unit
from ykien.works.summary import work_figures

UNITS = ["P", "D1", "D2", "C1", "C2", "A1", "A2", "A3"]
WRITER = {"P": "admin_p", "D1": "admin_d1", "D2": "admin_d2", "C1": "secretary_c1"}
PARENT = {"D1": "P", "D2": "P", "C1": "D1", "C2": "D2", "A1": "C1", "A2": "C1", "A3": "C2"}
ORGS = ["front", "youth_union", "womens_union", "farmers_union"]


def _writer(unit: str) -> str:
    return WRITER.get(unit, "admin_p")


def _populate(client: TestClient, world: World, n: int = 40) -> list[dict[str, Any]]:
    rng = random.Random(17)
    works = []
    for i in range(n):
        unit = rng.choice(UNITS)
        registered = TODAY - timedelta(days=rng.randint(20, 200))
        due = registered + timedelta(days=rng.randint(0, 240))
        w = register(
            client,
            world,
            _writer(unit),
            unit=unit,
            title=f"Công trình số {i}",
            organization=rng.choice(ORGS),
            kind=rng.choice(["project", "task"]),
            value_vnd=rng.choice([None, 1_000_000 * rng.randint(1, 900)]),
            registered_on=registered.isoformat(),
            due_on=due.isoformat(),
        )
        status = rng.choice(["registered", "in_progress", "done", "dropped"])
        if status != "registered":
            body: dict[str, Any] = {"status": status}
            if status == "done":
                body["completed_on"] = min(TODAY, registered + timedelta(days=10)).isoformat()
            resp = client.patch(
                f"/api/v1/works/{w['id']}", headers=world.auth("admin_p"), json=body
            )
            assert resp.status_code == 200, resp.text
            w = resp.json()
        works.append(w)
    return works


def _under(world: World, unit_id: int, root: str) -> bool:
    name = next(k for k, v in world.units.items() if v == unit_id)
    while name != root and name in PARENT:
        name = PARENT[name]
    return name == root


def _naive(works: list[dict[str, Any]]) -> dict[str, int]:
    c: Counter[str] = Counter()
    for w in works:
        c["count"] += 1
        c[w["status"]] += 1
        c["overdue"] += w["status"] not in ("done", "dropped") and w["due_on"] < TODAY.isoformat()
        if w["status"] != "dropped":
            c["value_vnd"] += w["value_vnd"] or 0
    keys = ["count", "value_vnd", "registered", "in_progress", "done", "dropped", "overdue"]
    return {k: c[k] for k in keys}


def test_roll_up_sums_equal_a_naive_count(client: TestClient, world: World) -> None:
    works = _populate(client, world)
    for root in ("P", "D1", "C1", "A1"):
        mine = [w for w in works if _under(world, w["unit_id"], root)]
        s = client.get(
            "/api/v1/works/summary",
            headers=world.auth("admin_p"),
            params={"unit_id": world.units[root]},
        ).json()
        assert s["totals"] == _naive(mine), root
        for row in s["by_child"]:
            if row["unit_id"] is None:
                expected = [w for w in mine if w["unit_id"] == world.units[root]]
            else:
                child = next(k for k, v in world.units.items() if v == row["unit_id"])
                expected = [w for w in mine if _under(world, w["unit_id"], child)]
            assert row["totals"] == _naive(expected), (root, row["name"])
        assert sum(r["totals"]["count"] for r in s["by_child"]) == len(mine)
        for row in s["by_organization"]:
            expected = [w for w in mine if w["organization"] == row["organization"]]
            assert row["totals"] == _naive(expected)
        for row in s["by_kind"]:
            assert row["totals"] == _naive([w for w in mine if w["kind"] == row["kind"]])
    only_youth = client.get(
        "/api/v1/works/summary",
        headers=world.auth("admin_p"),
        params={"organization": "youth_union"},
    ).json()
    assert only_youth["totals"] == _naive([w for w in works if w["organization"] == "youth_union"])


def test_the_province_lists_what_is_overdue(client: TestClient, world: World) -> None:
    works = _populate(client, world)
    overdue = sorted((w for w in works if w["overdue"]), key=lambda w: (w["due_on"], w["id"]))
    assert overdue, "the data should hold overdue works"
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"due": "overdue", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/works", headers=world.auth("admin_p"), params=params).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert {w["id"] for w in seen} == {w["id"] for w in overdue}
    assert [w["due_on"] for w in seen] == sorted(w["due_on"] for w in seen)
    soon = client.get(
        "/api/v1/works", headers=world.auth("admin_p"), params={"due": "soon", "limit": 500}
    ).json()["items"]
    horizon = (TODAY + timedelta(days=14)).isoformat()
    expected = {
        w["id"]
        for w in works
        if w["status"] in ("registered", "in_progress")
        and TODAY.isoformat() <= w["due_on"] <= horizon
    }
    assert {w["id"] for w in soon} == expected


def test_work_figures_over_a_period(client: TestClient, world: World, engine: Engine) -> None:
    works = _populate(client, world, 30)
    start, end = TODAY - timedelta(days=90), TODAY - timedelta(days=30)
    with Session(engine) as session:
        unit = session.get_one(Unit, world.units["P"])
        f = work_figures(session, unit, start, end)

    def day(s: str | None) -> date | None:
        return date.fromisoformat(s) if s else None

    kept = [w for w in works if w["status"] != "dropped" and day(w["registered_on"]) <= end]  # type: ignore[operator]
    assert f.registered == len(kept)
    assert f.registered_in_period == sum(day(w["registered_on"]) >= start for w in kept)  # type: ignore[operator]
    assert f.value_vnd == sum(w["value_vnd"] or 0 for w in kept)
    done = [w for w in works if w["completed_on"] and day(w["completed_on"]) <= end]  # type: ignore[operator]
    assert f.done == len(done)
    assert f.done_in_period == sum(day(w["completed_on"]) >= start for w in done)  # type: ignore[operator]
    assert f.overdue == sum(
        w["status"] not in ("done", "dropped") and day(w["due_on"]) < end
        for w in works  # type: ignore[operator]
    )
    assert f.in_progress == sum(
        w["status"] == "in_progress" and day(w["registered_on"]) <= end
        for w in works  # type: ignore[operator]
    )
    assert sum(o["registered"] for o in f.by_organization.values()) == f.registered
    assert sum(o["done"] for o in f.by_organization.values()) == f.done
