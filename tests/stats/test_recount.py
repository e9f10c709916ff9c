"""`ykien recount`: it finds a wrong cell and repairs it, and does both while the application
serves — no false alarm from cells and comments read at different moments, no write lost
between the recount and the repaired cells — on both engines."""

import threading
import time

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.conftest import World
from tests.factories import Campaign
from tests.stats.writers import write_at_random
from ykien.stats.recount import recount

WRITERS = [("entry_a1", ["A1"]), ("entry_a3", ["A3"]), ("secretary_c1", ["A1", "A2", "C1"])]


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


def test_recount_under_writes_raises_no_false_alarm_and_repairs_exactly(
    app: FastAPI, world: World, campaign: Campaign, engine: Engine
) -> None:
    stop = threading.Event()
    errors: list[str] = []
    writers = [
        threading.Thread(
            target=write_at_random,
            args=(app, world, campaign),
            kwargs={"who": who, "units": units, "seed": i, "errors": errors, "stop": stop},
        )
        for i, (who, units) in enumerate(WRITERS)
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
