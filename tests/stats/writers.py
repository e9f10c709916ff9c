"""An entry clerk writing at random — batches, edits (moving comments between units) and
deletions — for the tests that check the roll-ups under concurrent writes."""

import random
import threading
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign


def write_at_random(
    app: FastAPI,
    world: World,
    campaign: Campaign,
    *,
    who: str,
    units: list[str],
    seed: int,
    errors: list[str],
    steps: int | None = None,
    stop: threading.Event | None = None,
) -> None:
    """``steps`` writes, or writes until ``stop`` is set; every refused one goes to ``errors``."""
    rng = random.Random(seed)
    mine: list[str] = []
    step = 0
    with TestClient(app) as client:
        h = world.auth(who)
        while (steps is None or step < steps) and not (stop and stop.is_set()):
            step += 1
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
                body: dict[str, Any] = {
                    "people": rng.randint(1, 9),
                    "stance": rng.choice(["agree", "disagree"]),
                    "unit_id": world.units[rng.choice(units)],
                    "meeting_id": None,
                }
                resp = client.patch(f"/api/v1/comments/{rng.choice(mine)}", headers=h, json=body)
            else:
                resp = client.delete(
                    f"/api/v1/comments/{mine.pop(rng.randrange(len(mine)))}", headers=h
                )
            if resp.status_code >= 400:
                errors.append(f"{who} step {step}: {resp.status_code} {resp.text[:200]}")
