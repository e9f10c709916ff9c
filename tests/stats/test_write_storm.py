"""After a concurrent storm of inserts, edits and deletions in one province, the roll-ups agree
with the comments exactly (``recount`` finds nothing), on both engines."""

import threading

from fastapi import FastAPI
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import Campaign
from tests.stats.writers import write_at_random
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

    threads = [
        threading.Thread(
            target=write_at_random,
            args=(app, world, campaign),
            kwargs={"who": who, "units": units, "seed": i, "errors": errors, "steps": 30},
        )
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
