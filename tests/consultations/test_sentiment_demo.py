"""The demo's public sentiment: the province's last three months, entries from residential
areas every month, and the last complete month compiled up from the communes of Rạch Giá."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from ykien.comments.models import Comment
from ykien.consultations.models import Consultation
from ykien.consultations.sentiment import topic_figures
from ykien.core.clock import today_vn
from ykien.core.db import session_scope
from ykien.demo.loader import DEMO_PASSWORD, load_demo
from ykien.syntheses.models import Synthesis
from ykien.units.models import Unit


def _login(client: TestClient, username: str) -> dict[str, str]:
    token = client.post(
        "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def test_the_demo_has_three_months_of_sentiment_compiled_up_for_the_last_complete_one(
    engine: Engine, client: TestClient
) -> None:
    with session_scope(engine) as s:
        load_demo(s)
    today = today_vn()
    board = _login(client, "thuky.vinhthanhvan")
    months = client.get(
        "/api/v1/consultations", params={"kind": "sentiment"}, headers=board
    ).json()["items"]
    assert len(months) == 3
    assert months[0]["period"] == f"{today.year:04d}-{today.month:02d}"
    assert [m["id"] for m in months] == sorted((m["id"] for m in months), reverse=True)
    last = months[1]
    with Session(engine) as s:
        for m in months:
            levels = set(
                s.scalars(
                    select(col(Unit.level))
                    .join(Comment, col(Comment.unit_id) == col(Unit.id))
                    .where(col(Comment.consultation_id) == m["id"])
                    .distinct()
                )
            )
            assert levels == {"residential_area"}, m["period"]
        sent = dict(
            s.execute(
                select(col(Unit.level), func.count())
                .join(Synthesis, col(Synthesis.unit_id) == col(Unit.id))
                .where(col(Synthesis.consultation_id) == last["id"])
                .group_by(col(Unit.level))
            ).all()
        )
        statuses = set(
            s.scalars(
                select(col(Synthesis.status)).where(col(Synthesis.consultation_id) == last["id"])
            )
        )
        province = s.scalar(select(Unit).where(col(Unit.code) == "91"))
        assert province is not None
        start = s.get(Consultation, last["id"])
        assert start is not None and start.period_start and start.period_end
        figures = topic_figures(s, province, start.period_start, start.period_end)
    assert sent["commune"] >= 5 and sent["district"] == 1
    assert statuses == {"accepted", "submitted"}
    assert figures and figures[0].comments >= figures[-1].comments
    assert sum(f.comments for f in figures) > 100
    # the city sees its communes' syntheses arrived and sent on, through the unchanged routes
    city = _login(client, "thuky.rachgia")
    me = client.get("/api/v1/me", headers=city).json()
    incoming = client.get(
        f"/api/v1/units/{me['unit_id']}/incoming",
        params={"consultation_id": last["id"]},
        headers=city,
    )
    assert incoming.status_code == 200 and incoming.json()["items"]
