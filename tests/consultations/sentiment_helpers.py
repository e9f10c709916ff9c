"""Helpers for the sentiment tests: a month's consultation of the province, comments on its
topics, the compilers of the chain."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import World
from ykien.accounts.models import Role
from ykien.consultations.periods import month_bounds
from ykien.core.clock import today_vn

EXTRA: list[tuple[str, Role, str | None]] = [
    ("secretary_a1", Role.secretary, "A1"),
    ("secretary_d1", Role.secretary, "D1"),
]
ENTRY = {"A1": "entry_a1", "A2": "entry_a2", "A3": "entry_a3", "C1": "secretary_c1"}


def month(offset: int = 0) -> str:
    """This month (Vietnam's clock), or ``offset`` months from it, "yyyy-mm"."""
    today = today_vn()
    index = today.year * 12 + today.month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def body(unit_id: int, period: str, **extra: Any) -> dict[str, Any]:
    start, end = month_bounds(period)
    data: dict[str, Any] = {
        "title": f"Tình hình tư tưởng, tâm tư, nguyện vọng của nhân dân tháng {start:%m/%Y}",
        "unit_id": unit_id,
        "opens_on": start.isoformat(),
        "closes_on": (end + timedelta(days=10)).isoformat(),
        "deadlines": {
            "residential_area": (end + timedelta(days=3)).isoformat(),
            "commune": (end + timedelta(days=6)).isoformat(),
            "district": (end + timedelta(days=9)).isoformat(),
        },
        "kind": "sentiment",
        "period": period,
    }
    data.update(extra)
    return data


@dataclass
class Round:
    """A sentiment consultation and its topics (heading → section id)."""

    id: int
    document_id: int
    topics: dict[str, int]
    day: date  # a collection day inside its dates, not in the future
    comments: list[str] = field(default_factory=list)


def open_month(client: TestClient, world: World, period: str, who: str = "admin_p") -> Round:
    resp = client.post(
        "/api/v1/consultations", headers=world.auth(who), json=body(world.units["P"], period)
    )
    assert resp.status_code == 201, resp.text
    return month_of_consultation(client, world, resp.json()["id"], period)


def month_of_consultation(client: TestClient, world: World, cid: int, period: str) -> Round:
    docs = client.get(
        "/api/v1/documents", params={"consultation_id": cid}, headers=world.auth("admin_p")
    ).json()["items"]
    assert len(docs) == 1
    doc = client.get(f"/api/v1/documents/{docs[0]['id']}", headers=world.auth("admin_p")).json()
    topics = {s["heading"]: s["id"] for s in doc["sections"]}
    end = month_bounds(period)[1]
    return Round(cid, doc["id"], topics, min(end, today_vn()))


def enter(
    client: TestClient,
    world: World,
    m: Round,
    unit: str,
    topic: str | None,
    people: int = 1,
    content: str = "Bà con phản ánh giá phân bón tăng cao.",
) -> str:
    resp = client.post(
        "/api/v1/comments",
        headers=world.auth(ENTRY[unit]),
        json={
            "document_id": m.document_id,
            "section_id": m.topics[topic] if topic else None,
            "unit_id": world.units[unit],
            "channel": "meeting",
            "category": "citizen",
            "stance": "other",
            "people": people,
            "content": content,
            "collected_on": m.day.isoformat(),
        },
    )
    assert resp.status_code == 201, resp.text
    m.comments.append(resp.json()["id"])
    return str(resp.json()["id"])
