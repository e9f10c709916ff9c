"""A sentiment consultation runs through the existing chain unchanged: entry by residential
areas, roll-ups and stats by topic, suggestions, a commune synthesis submitted up and accepted,
its report; and ``topic_figures`` agrees with a naive count of the comments."""

from collections import defaultdict
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from tests.conftest import World
from tests.consultations.sentiment_helpers import (
    EXTRA,
    body,
    enter,
    month,
    month_of_consultation,
    open_month,
)
from tests.factories import add_accounts
from ykien.comments.models import Comment
from ykien.consultations.models import Consultation, Section
from ykien.consultations.periods import month_bounds
from ykien.consultations.sentiment import GENERAL_TOPIC, TopicFigure, topic_figures
from ykien.core.config import Settings
from ykien.core.db import session_scope
from ykien.units.models import Unit
from ykien.units.scope import in_subtree


@pytest.fixture
def chain_world(world: World, engine: Engine, settings: Settings) -> World:
    with session_scope(engine) as session:
        add_accounts(session, settings, world, list(EXTRA))
    return world


def _ok(resp: Any, status: int = 200) -> Any:
    assert resp.status_code == status, resp.text
    return resp.json() if resp.content else None


def test_areas_enter_the_months_sentiment_and_the_commune_compiles_it_up(
    client: TestClient, chain_world: World
) -> None:
    world = chain_world
    m = open_month(client, world, month(0))
    slow = "Bà con phản ánh chậm cấp giấy chứng nhận"
    land = [
        enter(client, world, m, "A1", "Đất đai", 3, f"{slow}."),
        enter(client, world, m, "A1", "Đất đai", 2, f"{slow} quyền sử dụng đất."),
    ]
    prices = enter(client, world, m, "A2", "Giá cả, thị trường", 1, "Giá phân bón tăng.")
    enter(client, world, m, "A3", "An ninh trật tự", 4, "Trộm chó về đêm.")

    # stats by topic at the commune, the district and the province, unchanged routes
    def by_section(unit: str, who: str) -> dict[str, int]:
        got = _ok(
            client.get(
                f"/api/v1/units/{world.units[unit]}/stats",
                params={"consultation_id": m.id, "group_by": "section"},
                headers=world.auth(who),
            )
        )
        return {g["key"]["section"]["heading"]: g["comments"] for g in got["groups"]}

    assert by_section("C1", "secretary_c1") == {"Đất đai": 2, "Giá cả, thị trường": 1}
    assert by_section("P", "viewer_p") == {
        "Đất đai": 2,
        "Giá cả, thị trường": 1,
        "An ninh trật tự": 1,
    }

    # the area compiles its month, the commune merges it and its other area's comment
    a1 = _ok(
        client.post(
            "/api/v1/syntheses",
            headers=world.auth("secretary_a1"),
            json={"unit_id": world.units["A1"], "consultation_id": m.id},
        ),
        201,
    )
    suggestions = _ok(
        client.get(f"/api/v1/syntheses/{a1['id']}/suggestions", headers=world.auth("secretary_a1"))
    )
    assert suggestions["items"], "the two near-identical land comments are suggested together"
    item_a1 = _ok(
        client.post(
            f"/api/v1/syntheses/{a1['id']}/items",
            headers=world.auth("secretary_a1"),
            json={
                "document_id": m.document_id,
                "section_id": m.topics["Đất đai"],
                "stance": "other",
                "summary": "Nhân dân phản ánh việc cấp giấy chứng nhận quyền sử dụng đất còn chậm.",
                "comment_ids": land,
                "child_item_ids": [],
            },
        ),
        201,
    )
    _ok(client.post(f"/api/v1/syntheses/{a1['id']}/submit", headers=world.auth("secretary_a1")))
    c1 = _ok(
        client.post(
            "/api/v1/syntheses",
            headers=world.auth("secretary_c1"),
            json={"unit_id": world.units["C1"], "consultation_id": m.id},
        ),
        201,
    )
    for section, summary, comments, children in (
        ("Đất đai", "Chậm cấp giấy chứng nhận quyền sử dụng đất.", [], [item_a1["id"]]),
        ("Giá cả, thị trường", "Giá vật tư nông nghiệp tăng.", [prices], []),
    ):
        _ok(
            client.post(
                f"/api/v1/syntheses/{c1['id']}/items",
                headers=world.auth("secretary_c1"),
                json={
                    "document_id": m.document_id,
                    "section_id": m.topics[section],
                    "stance": "other",
                    "summary": summary,
                    "comment_ids": comments,
                    "child_item_ids": children,
                },
            ),
            201,
        )
    submitted = _ok(
        client.post(f"/api/v1/syntheses/{c1['id']}/submit", headers=world.auth("secretary_c1"))
    )
    assert submitted["status"] == "submitted"
    assert (submitted["figures"]["comments"], submitted["figures"]["people"]) == (3, 6)
    incoming = _ok(
        client.get(
            f"/api/v1/units/{world.units['D1']}/incoming",
            params={"consultation_id": m.id},
            headers=world.auth("secretary_d1"),
        )
    )
    assert c1["id"] in str(incoming)
    accepted = _ok(
        client.post(f"/api/v1/syntheses/{c1['id']}/accept", headers=world.auth("secretary_d1"))
    )
    assert accepted["status"] == "accepted"
    report = client.get(
        f"/api/v1/syntheses/{c1['id']}/report.docx", headers=world.auth("secretary_c1")
    )
    assert report.status_code == 200 and report.content[:2] == b"PK"
    progress = _ok(
        client.get(
            f"/api/v1/units/{world.units['D1']}/progress",
            params={"consultation_id": m.id},
            headers=world.auth("secretary_d1"),
        )
    )
    assert "accepted" in str(progress)


def _naive(session: Session, root: Unit, start: date, end: date) -> list[TopicFigure]:
    """Every live comment of the subtree on a sentiment consultation whose month overlaps."""
    rows = session.execute(
        select(col(Section.heading), col(Comment.people))
        .select_from(Comment)
        .join(Consultation, col(Consultation.id) == col(Comment.consultation_id))
        .outerjoin(Section, col(Section.id) == col(Comment.section_id))
        .where(
            col(Comment.deleted_at).is_(None),
            in_subtree(col(Comment.unit_path), root.path),
            col(Consultation.kind) == "sentiment",
            col(Consultation.period_start) <= end,
            col(Consultation.period_end) >= start,
        )
    ).all()
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for heading, people in rows:
        acc = sums[heading or GENERAL_TOPIC]
        acc[0] += 1
        acc[1] += people
    return sorted(
        (TopicFigure(t, c, p) for t, (c, p) in sums.items()), key=lambda f: (-f.comments, f.topic)
    )


def test_topic_figures_agree_with_a_naive_count(
    client: TestClient, chain_world: World, engine: Engine
) -> None:
    world = chain_world
    this, last = open_month(client, world, month(0)), open_month(client, world, month(-1))
    # the district's own month, with a topic of the same name: topics add up by name
    own = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_d1"),
        json={
            **body(world.units["D1"], month(0)),
            "topics": ["Đất đai", "Nước sạch"],
        },
    )
    assert own.status_code == 201, own.text
    for m, unit, topic, people in (
        (this, "A1", "Đất đai", 3),
        (this, "A1", "Môi trường", 1),
        (this, "A2", "Đất đai", 2),
        (this, "A3", "Tham nhũng, tiêu cực", 5),
        (this, "C1", None, 2),
        (last, "A1", "Đất đai", 7),
        (last, "A3", "Giá cả, thị trường", 1),
    ):
        enter(client, world, m, unit, topic, people)
    gone = enter(client, world, this, "A2", "Môi trường", 9)
    deleted = client.request(
        "DELETE",
        f"/api/v1/comments/{gone}",
        headers=world.auth("entry_a2"),
        params={"reason": "nhập trùng"},
    )
    assert deleted.status_code == 204, deleted.text
    own_month = month_of_consultation(client, world, own.json()["id"], month(0))
    enter(client, world, own_month, "A1", "Đất đai", 4)
    enter(client, world, own_month, "A1", "Nước sạch", 1)

    now_start, now_end = month_bounds(month(0))
    last_start, _ = month_bounds(month(-1))
    ranges = [(now_start, now_end), (last_start, now_end), (last_start, last_start)]
    with session_scope(engine) as session:
        for unit in ("A1", "A3", "C1", "D1", "D2", "P"):
            for start, end in ranges:
                target = session.get(Unit, world.units[unit])
                assert target is not None
                got = topic_figures(session, target, start, end)
                assert got == _naive(session, target, start, end), (unit, start, end)
        p = session.get(Unit, world.units["P"])
        assert p is not None
        figures = topic_figures(session, p, now_start, now_end)
    assert figures[0] == TopicFigure("Đất đai", 3, 9)
    assert TopicFigure(GENERAL_TOPIC, 1, 2) in figures
    assert "Môi trường" in {f.topic for f in figures}
