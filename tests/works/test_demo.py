"""The demo's works: 150, of every status and several organisations, some overdue, some done,
rolled up at the province."""

import random

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from tests.conftest import World
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.core.db import session_scope
from ykien.demo.works import COUNT, load_works
from ykien.units.models import Unit
from ykien.units.scope import Scope


def test_the_demo_registers_its_works(client: TestClient, world: World, engine: Engine) -> None:
    with session_scope(engine) as session:
        units = {u.code: u for u in session.scalars(select(Unit).order_by(col(Unit.id)))}

        def caller_for(unit: Unit) -> Caller:
            assert unit.id is not None
            return Caller(
                "user", world.users["root"], "root", "", Role.secretary, unit.id, Scope(unit.path)
            )

        assert (
            load_works(session, caller_for=caller_for, units=units, rng=random.Random(17)) == COUNT
        )
    s = client.get("/api/v1/works/summary", headers=world.auth("admin_p")).json()
    t = s["totals"]
    assert t["count"] == COUNT
    assert min(t["registered"], t["in_progress"], t["done"], t["dropped"], t["overdue"]) > 0
    assert len(s["by_organization"]) >= 5
    assert sum(r["totals"]["count"] for r in s["by_child"]) == COUNT
    with Session(engine) as session:
        assert session.scalar(select(Unit).where(col(Unit.code) == "P")) is not None
