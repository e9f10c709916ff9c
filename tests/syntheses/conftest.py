"""Syntheses need a compiler at every level of the test world, a clock we can set, and helpers
that read like the steps a board takes (enter a comment, open a draft, add an item, submit)."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import Campaign, add_accounts
from ykien.accounts.models import Role
from ykien.consultations.models import Consultation
from ykien.core.config import Settings
from ykien.core.db import session_scope, utcnow
from ykien.syntheses.router import get_now

# account → (role, unit): the compilers the shared world lacks, and a commune viewer.
EXTRA: list[tuple[str, Role, str | None]] = [
    ("secretary_a1", Role.secretary, "A1"),
    ("secretary_a2", Role.secretary, "A2"),
    ("secretary_a3", Role.secretary, "A3"),
    ("secretary_c2", Role.secretary, "C2"),
    ("secretary_d1", Role.secretary, "D1"),
    ("viewer_c1", Role.viewer, "C1"),
    ("entry_c1", Role.entry, "C1"),
]
# The compiler of each unit, for helpers.
COMPILER = {
    "A1": "secretary_a1",
    "A2": "secretary_a2",
    "A3": "secretary_a3",
    "C1": "secretary_c1",
    "C2": "secretary_c2",
    "D1": "secretary_d1",
    "D2": "admin_d2",
    "P": "secretary_p",
}
ENTRY = {"A1": "entry_a1", "A2": "entry_a2", "A3": "entry_a3", "C1": "secretary_c1"}


@dataclass
class Clock:
    """The instant the API takes for "now"; None: the real clock."""

    at: datetime | None = None

    def __call__(self) -> datetime:
        return self.at or utcnow()


@dataclass
class Flow:
    client: TestClient
    world: World
    campaign: Campaign
    clock: Clock
    engine: Engine
    api_key: str = ""
    made: dict[str, Any] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        if who == "api_key":
            return {"Authorization": f"Bearer {self.api_key}"}
        return self.world.auth(who)

    def comment(self, unit: str, **extra: Any) -> str:
        body = self.campaign.comment(self.world, unit=unit, **extra)
        resp = self.client.post("/api/v1/comments", headers=self.auth(ENTRY[unit]), json=body)
        assert resp.status_code == 201, resp.text
        return str(resp.json()["id"])

    def draft(self, unit: str, who: str | None = None) -> dict[str, Any]:
        resp = self.client.post(
            "/api/v1/syntheses",
            headers=self.auth(who or COMPILER[unit]),
            json={
                "unit_id": self.world.units[unit],
                "consultation_id": self.campaign.consultation_id,
            },
        )
        assert resp.status_code == 201, resp.text
        return resp.json()  # type: ignore[no-any-return]

    def item_body(
        self,
        comment_ids: list[str] | None = None,
        child_item_ids: list[str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        body = {
            "document_id": self.campaign.document_id,
            "section_id": self.campaign.sections["I.1"],
            "stance": "add",
            "summary": "Đề nghị bổ sung giải pháp chỉnh đốn Đảng.",
            "comment_ids": comment_ids or [],
            "child_item_ids": child_item_ids or [],
        }
        body.update(extra)
        return body

    def add_item(
        self,
        synthesis_id: str,
        unit: str,
        comment_ids: list[str] | None = None,
        child_item_ids: list[str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        resp = self.client.post(
            f"/api/v1/syntheses/{synthesis_id}/items",
            headers=self.auth(COMPILER[unit]),
            json=self.item_body(comment_ids, child_item_ids, **extra),
        )
        assert resp.status_code == 201, resp.text
        return resp.json()  # type: ignore[no-any-return]

    def act(self, synthesis_id: str, action: str, who: str, **body: Any) -> Any:
        return self.client.post(
            f"/api/v1/syntheses/{synthesis_id}/{action}",
            headers=self.auth(who),
            json=body or None,
        )

    def submit(self, synthesis_id: str, unit: str, confirm_empty: bool = False) -> dict[str, Any]:
        body = {"confirm_empty": True} if confirm_empty else {}
        resp = self.act(synthesis_id, "submit", COMPILER[unit], **body)
        assert resp.status_code == 200, resp.text
        return resp.json()  # type: ignore[no-any-return]

    def set_deadlines(self, **levels: date | None) -> None:
        """Give levels a synthesis deadline (None: none), as the consultation's admin would."""
        with session_scope(self.engine) as session:
            consultation = session.get(Consultation, self.campaign.consultation_id)
            assert consultation is not None
            deadlines = dict(consultation.deadlines or {})
            for level, day in levels.items():
                if day is None:
                    deadlines.pop(level, None)
                else:
                    deadlines[level] = day.isoformat()
            consultation.deadlines = deadlines
            session.add(consultation)

    def get(self, path: str, who: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self.auth(who), params=params)


@pytest.fixture
def flow(
    app: FastAPI,
    client: TestClient,
    world: World,
    campaign: Campaign,
    engine: Engine,
    settings: Settings,
) -> Iterator[Flow]:
    with session_scope(engine) as session:
        add_accounts(session, settings, world, list(EXTRA))
    key = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "báo cáo", "unit_id": world.units["P"]},
    )
    assert key.status_code == 201, key.text
    clock = Clock()
    app.dependency_overrides[get_now] = clock
    yield Flow(client, world, campaign, clock, engine, api_key=key.json()["key"])
    app.dependency_overrides.pop(get_now, None)


def ids(rows: list[dict[str, Any]]) -> set[uuid.UUID]:
    return {uuid.UUID(r["id"]) for r in rows}
