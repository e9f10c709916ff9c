"""The demo's syntheses: Rạch Giá's areas and communes report up, some late, some missing."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import col

from tests.conftest import Demo
from ykien.consultations.models import Consultation
from ykien.core.db import session_scope
from ykien.demo.loader import DEMO_PASSWORD
from ykien.syntheses import service
from ykien.syntheses.models import Synthesis, SynthesisItem
from ykien.units.models import Unit

# One worker loads the demo, once per engine, in the setup of its first test: minutes on a
# loaded machine, beyond the suite's 300 s hang guard.
pytestmark = [pytest.mark.xdist_group("demo"), pytest.mark.timeout(900)]


def test_the_demo_has_syntheses_up_the_chain(
    demo: Demo, engine: Engine, client: TestClient
) -> None:
    with session_scope(engine) as s:  # the ``demo`` fixture ran load_demo: the syntheses too
        units = {u.code: u for u in s.scalars(select(Unit))}
        consultation_id = s.scalar(select(Consultation.id))
        assert consultation_id is not None
        city = units["899"].id
        commune = units["30742"].id
    token = client.post(
        "/api/v1/auth/token", data={"username": "thuky.rachgia", "password": DEMO_PASSWORD}
    ).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    params = {"consultation_id": consultation_id}
    rows = client.get(f"/api/v1/units/{city}/submissions", params=params, headers=auth).json()
    assert len(rows["items"]) == 11
    assert {"submitted", "accepted"} & {r["status"] for r in rows["items"]}
    areas: list[dict[str, object]] = []
    for r in rows["items"]:
        got = client.get(
            f"/api/v1/units/{r['unit']['id']}/submissions", params=params, headers=auth
        ).json()
        areas += got["items"]
    statuses = {str(a["status"]) for a in areas}
    assert {"missing", "submitted", "accepted"} <= statuses
    assert any(a["late"] and a["status"] != "missing" for a in areas)
    assert any(not a["late"] for a in areas)
    incoming = client.get(f"/api/v1/units/{commune}/incoming", params=params, headers=auth).json()
    merged = [i for s in incoming["items"] for i in s["items"]]
    assert merged and all(i["comments"] >= 1 for i in merged)
    # A returned version is followed by the next one, a copy (Lần 2), and items carry
    # recommendations (part III of the report).
    with session_scope(engine) as s:
        copies = s.scalars(select(Synthesis).where(col(Synthesis.previous_id).is_not(None))).all()
        assert copies and all(c.version >= 2 for c in copies)
        for copy in copies:
            returned = s.get(Synthesis, copy.previous_id)
            assert returned is not None and returned.status == "returned"
            assert len(service.items_of(s, copy.id)) == len(service.items_of(s, returned.id))
        assert s.scalar(select(func.count()).where(col(SynthesisItem.recommendation)))
