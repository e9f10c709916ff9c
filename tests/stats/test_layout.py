"""The roll-ups carry the version of the layout that built them: `ykien migrate` rebuilds them
when it is not the code's (migrations themselves never run application code), and leaves them
alone when it is."""

import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.conftest import World
from tests.factories import Campaign
from ykien.cli import migrate_database
from ykien.core.db import session_scope
from ykien.stats import rollup
from ykien.stats.layout import record_version, stored_version
from ykien.stats.recount import recount

# The fingerprint of each layout version. A change of the cuboids, of where they are kept or of
# the leaf-only level changes the fingerprint: bump LAYOUT_VERSION and record the new one here.
FINGERPRINTS = {6: "d5a3758581259571", 7: "ee8de1a8d2d322b6"}


def _fingerprint() -> str:
    kept = {
        cuboid: ([d for d in range(8) if rollup.kept_at(cuboid, d)], sorted(dims))
        for cuboid, dims in sorted(rollup.CUBOIDS.items())
    }
    text_ = repr((kept, rollup.LEAF, rollup.LEAF_ONLY_LEVEL, rollup.KEY_COLUMNS))
    return hashlib.sha256(text_.encode()).hexdigest()[:16]


def test_the_layout_version_names_this_layout() -> None:
    assert _fingerprint() == FINGERPRINTS[rollup.LAYOUT_VERSION]


def _comments(client: TestClient, world: World, campaign: Campaign) -> None:
    for unit, who in (("A1", "entry_a1"), ("A3", "entry_a3"), ("C1", "secretary_c1")):
        body = campaign.comment(world, unit=unit, people=2)
        resp = client.post("/api/v1/comments", headers=world.auth(who), json=body)
        assert resp.status_code == 201, resp.text


def _plant_a_wrong_cell(engine: Engine, world: World) -> None:
    with session_scope(engine) as s:
        s.connection().execute(
            text("UPDATE stat_cell SET comments = comments + 5 WHERE unit_id = :u"),
            {"u": world.units["D1"]},
        )


def _differences(engine: Engine) -> int:
    return recount(engine).differences


@pytest.mark.parametrize("stored", [rollup.LAYOUT_VERSION - 1, None])
def test_migrate_rebuilds_cells_of_another_layout(
    client: TestClient,
    world: World,
    campaign: Campaign,
    engine: Engine,
    db_url: str,
    stored: int | None,
) -> None:
    _comments(client, world, campaign)
    _plant_a_wrong_cell(engine, world)
    if stored is not None:  # None: a database from before the layout was recorded
        with engine.begin() as conn:
            record_version(conn, stored)
    assert _differences(engine) > 0

    assert migrate_database(db_url) is True

    assert _differences(engine) == 0
    with engine.connect() as conn:
        assert stored_version(conn) == rollup.LAYOUT_VERSION
    assert migrate_database(db_url) is False  # once is enough


def test_migrate_leaves_cells_of_this_layout_alone(
    client: TestClient, world: World, campaign: Campaign, engine: Engine, db_url: str
) -> None:
    _comments(client, world, campaign)
    with engine.begin() as conn:
        record_version(conn)
    _plant_a_wrong_cell(engine, world)

    assert migrate_database(db_url) is False

    assert _differences(engine) > 0  # not rebuilt: only `ykien recount --fix` repairs cells
