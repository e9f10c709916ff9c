"""The demo data set: Kiên Giang's real hierarchy and one account per role."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import Demo
from ykien.demo.loader import DEMO_PASSWORD
from ykien.units.models import Unit

# One worker loads the demo, once per engine, in the setup of its first test: minutes on a
# loaded machine, beyond the suite's 300 s hang guard.
pytestmark = [pytest.mark.xdist_group("demo"), pytest.mark.timeout(900)]


def test_the_demo_has_15_districts_143_communes_and_areas(
    demo: Demo, engine: Engine, client: TestClient
) -> None:
    # The ``demo`` fixture ran ``load_demo`` on the empty migrated database (once per engine).
    assert demo.was_empty
    accounts = demo.accounts
    assert {a[1] for a in accounts} == {"admin", "secretary", "entry", "viewer"}
    with Session(engine) as s:
        counts = dict(s.execute(select(Unit.level, func.count()).group_by(Unit.level)).all())  # type: ignore[arg-type]
    assert counts["province"] == 1 and counts["district"] == 15 and counts["commune"] == 143
    assert 3 * 143 <= counts["residential_area"] <= 8 * 143
    token = client.post(
        "/api/v1/auth/token", data={"username": "thuky.tinh", "password": DEMO_PASSWORD}
    ).json()
    districts = client.get(
        "/api/v1/units",
        params={"level": "district"},
        headers={"Authorization": f"Bearer {token['access_token']}"},
    ).json()["items"]
    names = {d["name"] for d in districts}
    assert len(districts) == 15 and "Thành phố Rạch Giá" in names and "Thành phố Phú Quốc" in names
