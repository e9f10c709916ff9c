"""`ykien recount`: it finds a wrong cell and repairs it, and does both while the application
serves — no false alarm from cells and comments read at different moments, no write lost
between the recount and the repaired cells — on both engines."""

import random
import threading
import time
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.conftest import World
from tests.factories import Campaign
from ykien.stats.recount import recount

WRITERS = [("entry_a1", "A1"), ("entry_a3", "A3"), ("secretary_c1", "C1")]


def _plant_wrong_cells(engine: Engine, world: World) -> None:
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE stat_cell SET comments = comments + 1 WHERE cuboid = 3 AND unit_id = :u"),
            {"u": world.units["D1"]},
        )
        conn.execute(text("UPDATE meeting_cell SET participants = 1"))


def test_recount_finds_a_planted_discrepancy_and_fixes_it(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    for unit, who in (("A1", "entry_a1"), ("A3", "entry_a3"), ("C1", "secretary_c1")):
        body = campaign.comment(world, unit=unit)
        assert client.post("/api/v1/comments", headers=world.auth(who), json=body).is_success
    assert recount(engine).differences == 0
    _plant_wrong_cells(engine, world)

    report = recount(engine)
    assert report.comment_cells_differing > 0 and report.meeting_cells_differing > 0
    assert not report.fixed
    assert recount(engine, fix=True).fixed
    assert recount(engine).differences == 0
    totals = client.get(
        f"/api/v1/units/{world.units['D1']}/stats", headers=world.auth("admin_d1")
    ).json()["totals"]
    assert totals["comments"] == 2  # A1 and C1


def _write_until(
    stop: threading.Event,
    app: FastAPI,
    world: World,
    campaign: Campaign,
    who: str,
    unit: str,
    seed: int,
    errors: list[str],
) -> None:
    """Batches, edits and deletions in a loop, as an entry clerk would, until told to stop."""
    rng = random.Random(seed)
    mine: list[str] = []
    with TestClient(app) as client:
        h = world.auth(who)
        while not stop.is_set():
            if rng.random() < 0.6 or not mine:
                items = [
                    campaign.comment(
                        world,
                        unit=unit,
                        people=rng.randint(1, 4),
                        stance=rng.choice(["agree", "add", "amend"]),
                    )
                    for _ in range(rng.randint(1, 6))
                ]
                resp = client.post("/api/v1/comments/batch", headers=h, json={"items": items})
                if resp.status_code == 201:
                    mine += [c["id"] for c in resp.json()["items"]]
            elif rng.random() < 0.5:
                body: dict[str, Any] = {"people": rng.randint(1, 9), "stance": "disagree"}
                resp = client.patch(f"/api/v1/comments/{rng.choice(mine)}", headers=h, json=body)
            else:
                resp = client.delete(
                    f"/api/v1/comments/{mine.pop(rng.randrange(len(mine)))}", headers=h
                )
            if resp.status_code >= 400:
                errors.append(f"{who}: {resp.status_code} {resp.text[:200]}")


def test_recount_under_writes_raises_no_false_alarm_and_repairs_exactly(
    app: FastAPI, world: World, campaign: Campaign, engine: Engine
) -> None:
    stop = threading.Event()
    errors: list[str] = []
    writers = [
        threading.Thread(
            target=_write_until, args=(stop, app, world, campaign, who, unit, i, errors)
        )
        for i, (who, unit) in enumerate(WRITERS)
    ]
    for t in writers:
        t.start()
    time.sleep(0.5)  # writes under way
    try:
        # The cells are right: under writes, the report must say so every time.
        reports = [recount(engine) for _ in range(4)]
        _plant_wrong_cells(engine, world)
        repaired = recount(engine, fix=True)
        after = [recount(engine) for _ in range(2)]
    finally:
        stop.set()
        for t in writers:
            t.join()
    assert errors == []
    assert [r.differences for r in reports] == [0, 0, 0, 0], reports
    assert repaired.fixed
    assert [r.differences for r in after] == [0, 0], after
    final = recount(engine)
    assert final.differences == 0 and final.cells_expected > 0, final
