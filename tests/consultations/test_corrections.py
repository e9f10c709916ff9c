"""Correcting a consultation (issue #14, item 5): PATCH its title, closing day and deadlines, and
reopen it once closed — by admins of its unit or above, audited, with problem+json for bad input."""

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from tests.conftest import World
from tests.factories import Campaign
from ykien.core.audit import AuditEvent

PROBLEM = "application/problem+json"

# Who may correct a consultation owned by P, and one owned by D2 (P > D1 > C1 > A1, A2; P > D2 > C2
# > A3). Readers who are not admins of its unit or above get 403; callers who cannot read it at
# all (a sibling subtree) get 404 — unless their role already excludes them (403).
MATRIX: list[tuple[str, int, int]] = [
    # account, owned by P, owned by D2
    ("root", 200, 200),
    ("admin_p", 200, 200),
    ("secretary_p", 403, 403),
    ("viewer_p", 403, 403),
    ("admin_d1", 403, 404),  # below P: reads P's consultation, may not change it; D2's is hidden
    ("admin_d2", 403, 200),
    ("secretary_c1", 403, 403),
    ("entry_a1", 403, 403),
    ("entry_a3", 403, 403),
    ("api_key_p", 403, 403),  # API keys are read-only
]


def _district_consultation(client: TestClient, world: World) -> int:
    resp = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_d2"),
        json={
            "title": "Đợt của huyện",
            "unit_id": world.units["D2"],
            "opens_on": (date.today() - timedelta(days=10)).isoformat(),
            "closes_on": (date.today() + timedelta(days=20)).isoformat(),
            "deadlines": {"commune": (date.today() + timedelta(days=5)).isoformat()},
        },
    )
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _headers(client: TestClient, world: World, who: str) -> dict[str, str]:
    if who != "api_key_p":
        return world.auth(who)
    created = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "Báo cáo tỉnh", "unit_id": world.units["P"]},
    )
    assert created.status_code == 201, created.text
    return {"Authorization": f"Bearer {created.json()['key']}"}


def _audit(engine: Engine, consultation_id: int, action: str) -> list[AuditEvent]:
    with Session(engine) as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(
                    col(AuditEvent.entity) == "consultation",
                    col(AuditEvent.entity_id) == str(consultation_id),
                    col(AuditEvent.action) == action,
                )
                .order_by(col(AuditEvent.id))
            )
        )


@pytest.mark.parametrize(("who", "on_p", "on_d2"), MATRIX)
def test_who_may_correct_a_consultation(
    client: TestClient, world: World, campaign: Campaign, who: str, on_p: int, on_d2: int
) -> None:
    d2 = _district_consultation(client, world)
    headers = _headers(client, world, who)
    for consultation_id, expected in ((campaign.consultation_id, on_p), (d2, on_d2)):
        url = f"/api/v1/consultations/{consultation_id}"
        title = f"Đã sửa bởi {who}"
        patched = client.patch(url, headers=headers, json={"title": title})
        assert patched.status_code == expected, (who, consultation_id, patched.text)
        closed = client.post(f"{url}/close", headers=world.auth("root"))
        assert closed.status_code == 200, closed.text
        reopened = client.post(f"{url}/reopen", headers=headers)
        assert reopened.status_code == expected, (who, consultation_id, reopened.text)
        now = client.get(url, headers=world.auth("root")).json()
        if expected == 200:
            assert patched.json()["title"] == title and reopened.json()["status"] == "open"
            assert now["title"] == title and now["status"] == "open"
        else:
            assert patched.headers["content-type"] == PROBLEM
            assert reopened.headers["content-type"] == PROBLEM
            assert now["title"] != title and now["status"] == "closed"


def test_correcting_needs_a_login(client: TestClient, campaign: Campaign) -> None:
    url = f"/api/v1/consultations/{campaign.consultation_id}"
    assert client.patch(url, json={"title": "X"}).status_code == 401
    assert client.post(f"{url}/reopen").status_code == 401


def test_title_closing_day_and_deadlines_are_corrected_and_audited(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    url = f"/api/v1/consultations/{campaign.consultation_id}"
    before = client.get(url, headers=world.auth("admin_p")).json()
    closes_on = (date.today() + timedelta(days=40)).isoformat()
    deadlines = {"commune": (date.today() + timedelta(days=12)).isoformat()}
    resp = client.patch(
        url,
        headers=world.auth("admin_p"),
        json={"title": "  Lấy ý kiến (đã sửa)  ", "closes_on": closes_on, "deadlines": deadlines},
    )
    assert resp.status_code == 200, resp.text
    got = resp.json()
    assert got["title"] == "Lấy ý kiến (đã sửa)" and got["closes_on"] == closes_on
    assert got["deadlines"] == deadlines  # the whole map: residential_area's deadline is gone
    assert got["opens_on"] == before["opens_on"] and got["status"] == "open"
    assert client.get(url, headers=world.auth("entry_a1")).json() == got
    (event,) = _audit(engine, campaign.consultation_id, "update")
    assert event.actor_id == world.users["admin_p"]
    assert event.before == {
        "title": before["title"],
        "closes_on": before["closes_on"],
        "deadlines": before["deadlines"],
    }
    assert event.after == {
        "title": got["title"],
        "closes_on": closes_on,
        "deadlines": deadlines,
    }
    # Fields left out stay; an unchanged value records nothing.
    again = client.patch(url, headers=world.auth("admin_p"), json={"title": got["title"]})
    assert again.status_code == 200 and again.json() == got
    assert len(_audit(engine, campaign.consultation_id, "update")) == 1
    only = client.patch(url, headers=world.auth("admin_p"), json={"deadlines": {}})
    assert only.json()["deadlines"] == {} and only.json()["title"] == got["title"]


BAD_BODIES: list[tuple[dict[str, Any], list[str]]] = [
    ({"closes_on": "2000-01-01"}, ["body", "closes_on"]),  # before opens_on
    ({"closes_on": "1999-12-31"}, ["body", "closes_on"]),  # out of the date range
    ({"closes_on": "31/12/2026"}, ["body", "closes_on"]),
    ({"title": "\u200b"}, ["body", "title"]),
    ({"title": "Đợt \u202e1"}, ["body", "title"]),
    ({"title": "x" * 301}, ["body", "title"]),
    ({"deadlines": {"hamlet": "2026-12-01"}}, ["body", "deadlines", "hamlet", "[key]"]),
    ({"deadlines": {"commune": "soon"}}, ["body", "deadlines", "commune"]),
    ({"deadlines": ["commune"]}, ["body", "deadlines"]),
    ({"opens_on": "2026-01-01"}, ["body", "opens_on"]),  # not correctable here
    ({"status": "closed"}, ["body", "status"]),
]


@pytest.mark.parametrize(("body", "loc"), BAD_BODIES)
def test_bad_corrections_answer_422_naming_the_field(
    client: TestClient, world: World, campaign: Campaign, body: dict[str, Any], loc: list[str]
) -> None:
    url = f"/api/v1/consultations/{campaign.consultation_id}"
    before = client.get(url, headers=world.auth("admin_p")).json()
    resp = client.patch(url, headers=world.auth("admin_p"), json=body)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == PROBLEM
    assert resp.json()["errors"][0]["loc"] == loc
    assert client.get(url, headers=world.auth("admin_p")).json() == before


def test_unknown_or_hidden_consultations_answer_404(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    for url in ("/api/v1/consultations/999999", "/api/v1/consultations/999999/reopen"):
        call = client.patch if url.endswith("999999") else client.post
        resp = call(url, headers=world.auth("admin_p"), json={"title": "X"})
        assert resp.status_code == 404 and resp.headers["content-type"] == PROBLEM
    bad_id = client.patch("/api/v1/consultations/0", headers=world.auth("admin_p"), json={})
    assert bad_id.status_code == 422 and bad_id.json()["errors"][0]["loc"] == [
        "path",
        "consultation_id",
    ]


def test_a_reopened_consultation_takes_comments_again(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    url = f"/api/v1/consultations/{campaign.consultation_id}"
    still_open = client.post(f"{url}/reopen", headers=world.auth("admin_p"))
    assert still_open.status_code == 409 and still_open.headers["content-type"] == PROBLEM
    assert client.post(f"{url}/close", headers=world.auth("admin_p")).status_code == 200
    refused = client.post(
        "/api/v1/comments", headers=world.auth("entry_a1"), json=campaign.comment(world)
    )
    assert refused.status_code == 409
    reopened = client.post(f"{url}/reopen", headers=world.auth("admin_p"))
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    taken = client.post(
        "/api/v1/comments", headers=world.auth("entry_a1"), json=campaign.comment(world)
    )
    assert taken.status_code == 201, taken.text
    (event,) = _audit(engine, campaign.consultation_id, "reopen")
    assert event.actor_id == world.users["admin_p"]
    assert (event.before, event.after) == ({"status": "closed"}, {"status": "open"})
