"""Periodic reports need a compiler at every level of the test world, a clock we can set, and
helpers that read like a board's steps (enter comments and meetings, draft, edit, submit)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import Campaign, add_accounts
from ykien.accounts.models import Role
from ykien.core.clock import today_vn
from ykien.core.config import Settings
from ykien.core.db import session_scope, utcnow
from ykien.core.periods import Period, month_of
from ykien.periodic.router import get_now

EXTRA: list[tuple[str, Role, str | None]] = [
    ("secretary_c2", Role.secretary, "C2"),
    ("secretary_d1", Role.secretary, "D1"),
    ("secretary_d2", Role.secretary, "D2"),
    ("viewer_c1", Role.viewer, "C1"),
    ("admin_c1", Role.admin, "C1"),
]
COMPILER = {
    "C1": "secretary_c1",
    "C2": "secretary_c2",
    "D1": "secretary_d1",
    "D2": "secretary_d2",
    "P": "secretary_p",
}
ENTRY = {"A1": "entry_a1", "A2": "entry_a2", "A3": "entry_a3", "C1": "secretary_c1"}


@dataclass
class Clock:
    at: datetime | None = None

    def __call__(self) -> datetime:
        return self.at or utcnow()


@dataclass
class Board:
    client: TestClient
    world: World
    campaign: Campaign
    clock: Clock
    engine: Engine

    @property
    def month(self) -> Period:
        return month_of(today_vn())

    def comment(self, unit: str, **extra: Any) -> str:
        body = self.campaign.comment(self.world, unit=unit, **extra)
        resp = self.client.post("/api/v1/comments", headers=self.world.auth(ENTRY[unit]), json=body)
        assert resp.status_code == 201, resp.text
        return str(resp.json()["id"])

    def meeting(self, unit: str, held_on: date, participants: int) -> None:
        resp = self.client.post(
            "/api/v1/meetings",
            headers=self.world.auth(ENTRY[unit]),
            json={
                "unit_id": self.world.units[unit],
                "consultation_id": self.campaign.consultation_id,
                "held_on": held_on.isoformat(),
                "kind": "residential_area_meeting",
                "title": f"Hội nghị {unit} {held_on}",
                "participants": participants,
            },
        )
        assert resp.status_code == 201, resp.text

    def create(self, unit: str, period: str | None = None, who: str | None = None) -> Any:
        return self.client.post(
            "/api/v1/periodic-reports",
            headers=self.world.auth(who or COMPILER[unit]),
            json={"unit_id": self.world.units[unit], "period": period or self.month.key},
        )

    def draft(self, unit: str, period: str | None = None) -> dict[str, Any]:
        resp = self.create(unit, period)
        assert resp.status_code in (200, 201), resp.text
        return resp.json()  # type: ignore[no-any-return]

    def get(self, report_id: str, who: str = "root") -> dict[str, Any]:
        resp = self.client.get(
            f"/api/v1/periodic-reports/{report_id}", headers=self.world.auth(who)
        )
        assert resp.status_code == 200, resp.text
        return resp.json()  # type: ignore[no-any-return]

    def act(self, report_id: str, action: str, who: str, **body: Any) -> Any:
        return self.client.post(
            f"/api/v1/periodic-reports/{report_id}/{action}",
            headers=self.world.auth(who),
            json=body or None,
        )

    def edit(
        self, report_id: str, who: str, headers: dict[str, str] | None = None, **text: str
    ) -> Any:
        return self.client.patch(
            f"/api/v1/periodic-reports/{report_id}",
            headers={**self.world.auth(who), **(headers or {})},
            json=text,
        )


@pytest.fixture
def board(
    app: FastAPI,
    client: TestClient,
    world: World,
    campaign: Campaign,
    engine: Engine,
    settings: Settings,
) -> Iterator[Board]:
    with session_scope(engine) as session:
        add_accounts(session, settings, world, list(EXTRA))
    clock = Clock()
    app.dependency_overrides[get_now] = clock
    yield Board(client, world, campaign, clock, engine)
    app.dependency_overrides.pop(get_now, None)
