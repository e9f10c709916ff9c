"""The demo's periodic reports: Vĩnh Thanh Vân's last month went up to Rạch Giá, was returned once
and accepted; the city sees its communes' reports of the month, one late, one still a draft."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from ykien.core.clock import today_vn
from ykien.core.db import session_scope
from ykien.core.periods import month_of
from ykien.demo.loader import DEMO_PASSWORD, load_demo
from ykien.units.models import Unit


def test_the_demo_plays_the_story_once(engine: Engine, client: TestClient) -> None:
    with session_scope(engine) as s:
        load_demo(s)
    with session_scope(engine) as s:
        units = {u.code: u.id for u in s.scalars(select(Unit))}
    token = client.post(
        "/api/v1/auth/token", data={"username": "thuky.rachgia", "password": DEMO_PASSWORD}
    ).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    last = month_of(today_vn()).previous().key
    mine = client.get(
        "/api/v1/periodic-reports",
        params={"unit_id": units["30742"], "period": last},
        headers=auth,
    ).json()["items"]
    assert len(mine) == 1
    report = client.get(f"/api/v1/periodic-reports/{mine[0]['id']}", headers=auth).json()
    assert report["status"] == "accepted" and report["version"] == 2
    assert [v["decision"] for v in report["versions"]] == ["returned", "accepted"]
    assert report["figures_frozen"] and report["figures"]["II"]["comments"] > 0
    assert report["sections"]["III"]
    city = client.get(
        "/api/v1/periodic-reports", params={"unit_id": units["899"], "period": last}, headers=auth
    ).json()["items"][0]
    children = client.get(f"/api/v1/periodic-reports/{city['id']}", headers=auth).json()
    statuses = [c["status"] for c in children["children"]]
    assert {"accepted", "submitted", "draft", "missing"} <= set(statuses)
    # past the communes' deadline (the 20th of this month), the late ones show
    past_deadline = today_vn() > month_of(today_vn()).previous().end + timedelta(days=20)
    assert any(c["late"] for c in children["children"]) == past_deadline
    docx = client.get(f"/api/v1/periodic-reports/{mine[0]['id']}/report.docx", headers=auth)
    assert docx.status_code == 200
