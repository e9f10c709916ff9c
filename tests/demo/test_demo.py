"""The demo data set: Kiên Giang's real hierarchy and one account per role."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from ykien.core.db import session_scope
from ykien.demo.loader import DEMO_PASSWORD, database_is_empty, load_demo
from ykien.units.models import Unit


def test_the_demo_has_15_districts_143_communes_and_areas(
    engine: Engine, client: TestClient
) -> None:
    with session_scope(engine) as s:
        assert database_is_empty(s)
        accounts = load_demo(s)
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
