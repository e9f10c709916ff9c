"""After a concurrent storm of inserts, edits and deletions in one province, the roll-ups agree
with the comments exactly (``recount`` finds nothing), on both engines."""

import random
import threading
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import Campaign
from ykien.stats.recount import recount

WRITERS = [
    ("entry_a1", ["A1"]),
    ("entry_a2", ["A2"]),
    ("secretary_c1", ["A1", "A2", "C1"]),
    ("entry_a3", ["A3"]),
]


def test_roll_ups_stay_exact_under_concurrent_writes(
    app: FastAPI, world: World, campaign: Campaign, engine: Engine
) -> None:
    errors: list[str] = []

    def storm(seed: int, who: str, units: list[str]) -> None:
        rng = random.Random(seed)
        mine: list[str] = []
        with TestClient(app) as client:
            h = world.auth(who)
            for step in range(30):
                action = rng.random()
                if action < 0.5 or not mine:
                    items = [
                        campaign.comment(
                            world,
                            unit=rng.choice(units),
                            people=rng.randint(1, 4),
                            stance=rng.choice(["agree", "add", "amend"]),
                            section_id=rng.choice([None, *campaign.sections.values()]),
                        )
                        for _ in range(rng.randint(1, 8))
                    ]
                    resp = client.post("/api/v1/comments/batch", headers=h, json={"items": items})
                    if resp.status_code == 201:
                        mine += [c["id"] for c in resp.json()["items"]]
                elif action < 0.8:
                    target = rng.choice(mine)
                    body: dict[str, Any] = {
                        "people": rng.randint(1, 9),
                        "stance": rng.choice(["agree", "disagree"]),
                        "unit_id": world.units[rng.choice(units)],
                        "meeting_id": None,
                    }
                    resp = client.patch(f"/api/v1/comments/{target}", headers=h, json=body)
                else:
                    resp = client.delete(
                        f"/api/v1/comments/{mine.pop(rng.randrange(len(mine)))}", headers=h
                    )
                if resp.status_code >= 400:
                    errors.append(f"{who} step {step}: {resp.status_code} {resp.text[:200]}")

    threads = [
        threading.Thread(target=storm, args=(i, who, units))
        for i, (who, units) in enumerate(WRITERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = recount(engine)
    assert report.differences == 0, report
    assert report.cells_expected > 0
