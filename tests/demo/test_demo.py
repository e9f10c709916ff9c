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
        old = dict(
            s.execute(
                select(Unit.level, func.count())
                .where(Unit.valid_to.is_not(None))
                .group_by(Unit.level)  # type: ignore[arg-type,union-attr]
            ).all()
        )
        new = dict(
            s.execute(
                select(Unit.level, func.count()).where(Unit.valid_to.is_(None)).group_by(Unit.level)  # type: ignore[arg-type,union-attr]
            ).all()
        )
    assert old["province"] == 1 and old["district"] == 15 and old["commune"] == 143
    assert 3 * 143 <= old["residential_area"] <= 8 * 143
    # Since 1 July 2025 (demo/eras.py): the merged An Giang, no districts, 102 communes.
    assert new["province"] == 1 and "district" not in new and new["commune"] == 102
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


def _login(client: TestClient, username: str) -> dict[str, str]:
    token = client.post(
        "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
    ).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


def test_the_demos_old_figures_land_in_the_current_communes(
    demo: Demo, engine: Engine, client: TestClient
) -> None:
    """An old commune's figures appear under the commune it merged into (issue #17)."""
    old_admin, new_admin = _login(client, "admin.tinh"), _login(client, "admin.angiang")
    consultations = client.get(
        "/api/v1/consultations", params={"kind": "documents"}, headers=new_admin
    ).json()["items"]
    assert len(consultations) == 1  # the old tree's consultation, read through the lineage
    consultation_id = consultations[0]["id"]
    with Session(engine) as s:
        rach_gia = s.scalar(select(Unit).where(Unit.code == "2025.30742"))
        assert rach_gia is not None
    lineage = client.get(f"/api/v1/units/{rach_gia.id}/lineage", headers=new_admin).json()
    olds = [p["unit"]["id"] for p in lineage["predecessors"]]
    assert len(olds) == 9 and "Phường Vĩnh Thanh Vân" in {
        p["unit"]["name"] for p in lineage["predecessors"]
    }
    expected = sum(
        client.get(
            f"/api/v1/units/{old}/stats",
            params={"consultation_id": consultation_id},
            headers=old_admin,
        ).json()["totals"]["comments"]
        for old in olds
    )
    assert expected > 0
    now = client.get(
        f"/api/v1/units/{rach_gia.id}/stats",
        params={"consultation_id": consultation_id, "tree": "current"},
        headers=new_admin,
    ).json()
    assert now["totals"]["comments"] == expected
    # The old board still sees its own tree by default; today's board sees today's.
    old_list = client.get("/api/v1/units", params={"level": "district"}, headers=old_admin)
    assert len(old_list.json()["items"]) == 15
    new_list = client.get("/api/v1/units", params={"level": "district"}, headers=new_admin)
    assert new_list.json()["items"] == []
