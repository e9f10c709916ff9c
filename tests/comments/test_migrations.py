"""The migration that gave comments their entering unit: backfilled from the history, and
reversible without losing the full-text search (SQLite rebuilds the table to drop the column)."""

import uuid

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.comments.support import all_comments, post_comment
from tests.conftest import World
from tests.factories import Campaign
from ykien.core.migrations import alembic_config

ENTERED_UNIT = "e4a7c2b91d05"


def test_the_entering_unit_is_backfilled_from_the_history(
    client: TestClient, world: World, campaign: Campaign, engine: Engine, db_url: str
) -> None:
    c = post_comment(client, world, "entry_a1", campaign.comment(world, content="Sạt lở bờ kè"))
    client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["A2"]},
    )
    cfg = alembic_config(db_url)
    command.downgrade(cfg, f"{ENTERED_UNIT}-1")
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        entered = conn.execute(
            text("SELECT entered_unit_id, unit_id FROM comment WHERE id = :id"),
            {"id": uuid.UUID(c["id"]).hex if engine.dialect.name == "sqlite" else c["id"]},
        ).one()
    assert tuple(entered) == (world.units["A1"], world.units["A2"])
    found = all_comments(client, world, "secretary_c1", q="sat lo")
    assert [x["id"] for x in found] == [c["id"]]
    again = post_comment(
        client, world, "entry_a2", campaign.comment(world, unit="A2", content="kè mới")
    )
    assert [x["id"] for x in all_comments(client, world, "entry_a2", q="ke moi")] == [again["id"]]
