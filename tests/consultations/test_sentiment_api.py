"""Sentiment consultations over HTTP: kind and month validated naming the field, the default
topic list, filters by kind and month, "open next month's" idempotent by unit and month."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.consultations.sentiment_helpers import body, open_month
from tests.factories import Campaign
from ykien.consultations.periods import DEFAULT_TOPICS, TOPICS_CODE


def _post(client: TestClient, world: World, data: dict[str, Any], who: str = "admin_p") -> Any:
    return client.post("/api/v1/consultations", headers=world.auth(who), json=data)


def _loc(resp: Any) -> list[Any]:
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    return list(resp.json()["errors"][0]["loc"])


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"period": None}, ["body", "period"]),
        ({"period": "2026-13"}, ["body", "period"]),
        ({"period": "11/2026"}, ["body", "period"]),
        ({"kind": "documents"}, ["body", "period"]),
        ({"kind": "documents", "period": None, "topics": ["Đất đai"]}, ["body", "topics"]),
        ({"topics": []}, ["body", "topics"]),
        ({"topics": ["Đất đai", "đất đai"]}, ["body", "topics", 1]),
        ({"topics": ["  "]}, ["body", "topics", 0]),
        ({"kind": "weather"}, ["body", "kind"]),
    ],
)
def test_kind_and_period_are_validated_naming_the_field(
    client: TestClient, world: World, change: dict[str, Any], loc: list[Any]
) -> None:
    data = {**body(world.units["P"], "2026-11"), **change}
    if data.get("period") is None:
        data.pop("period")
    assert _loc(_post(client, world, data)) == loc
    listed = client.get("/api/v1/consultations", headers=world.auth("admin_p")).json()["items"]
    assert listed == []  # nothing half-written


def test_a_documents_consultation_needs_no_month_and_shows_its_kind(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    got = client.get(
        f"/api/v1/consultations/{campaign.consultation_id}", headers=world.auth("entry_a1")
    ).json()
    assert got["kind"] == "documents" and got["period"] is None


def test_a_sentiment_consultation_gets_the_default_topics_or_its_own(
    client: TestClient, world: World
) -> None:
    defaults = client.get(
        "/api/v1/consultations/sentiment-topics", headers=world.auth("viewer_p")
    ).json()["topics"]
    assert defaults == list(DEFAULT_TOPICS) and "Đất đai" in defaults
    m = open_month(client, world, "2026-10")
    assert list(m.topics) == defaults
    got = client.get(f"/api/v1/consultations/{m.id}", headers=world.auth("entry_a1")).json()
    assert (got["kind"], got["period"]) == ("sentiment", "2026-10")
    own = _post(
        client,
        world,
        body(world.units["D1"], "2026-10", topics=["Đất đai", "Giá lúa"]),
        who="admin_d1",
    )
    assert own.status_code == 201, own.text
    docs = client.get(
        "/api/v1/documents",
        params={"consultation_id": own.json()["id"]},
        headers=world.auth("admin_d1"),
    ).json()["items"]
    assert [d["code"] for d in docs] == [TOPICS_CODE]
    doc = client.get(f"/api/v1/documents/{docs[0]['id']}", headers=world.auth("entry_a1")).json()
    assert [(s["number"], s["heading"]) for s in doc["sections"]] == [
        ("1", "Đất đai"),
        ("2", "Giá lúa"),
    ]


def test_one_sentiment_consultation_per_unit_and_month(client: TestClient, world: World) -> None:
    open_month(client, world, "2026-10")
    again = _post(client, world, body(world.units["P"], "2026-10"))
    assert again.status_code == 409, again.text
    other_unit = _post(client, world, body(world.units["D1"], "2026-10"), who="admin_d1")
    assert other_unit.status_code == 201
    other_month = _post(client, world, body(world.units["P"], "2026-09"))
    assert other_month.status_code == 201


def test_lists_filter_by_kind_and_month(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    oct_ = open_month(client, world, "2026-10")
    nov = open_month(client, world, "2026-11")

    def listed(**params: Any) -> list[int]:
        resp = client.get("/api/v1/consultations", params=params, headers=world.auth("entry_a1"))
        assert resp.status_code == 200, resp.text
        return [c["id"] for c in resp.json()["items"]]

    assert listed(kind="sentiment") == [nov.id, oct_.id]
    assert listed(kind="documents") == [campaign.consultation_id]
    assert listed(kind="sentiment", period="2026-10") == [oct_.id]
    assert listed(period="2026-12") == []
    assert listed() == [nov.id, oct_.id, campaign.consultation_id]
    bad = client.get(
        "/api/v1/consultations", params={"period": "2026-1"}, headers=world.auth("entry_a1")
    )
    assert _loc(bad) == ["query", "period"]


def test_next_month_is_opened_once_with_the_topics_and_dates_moved(
    client: TestClient, world: World
) -> None:
    oct_ = open_month(client, world, "2026-10")
    first = client.post(
        f"/api/v1/consultations/{oct_.id}/next-period", headers=world.auth("admin_p")
    )
    assert first.status_code == 201, first.text
    nov = first.json()
    assert (nov["kind"], nov["period"]) == ("sentiment", "2026-11")
    assert nov["unit_id"] == world.units["P"]
    assert nov["title"].endswith("tháng 11/2026")
    assert (nov["opens_on"], nov["closes_on"]) == ("2026-11-01", "2026-12-10")
    assert nov["deadlines"]["commune"] == "2026-12-06"
    # the same call again (a retry, or another admin) answers the month that exists
    again = client.post(
        f"/api/v1/consultations/{oct_.id}/next-period", headers=world.auth("admin_p")
    )
    assert again.status_code == 200 and again.json()["id"] == nov["id"]
    docs = client.get(
        "/api/v1/documents", params={"consultation_id": nov["id"]}, headers=world.auth("admin_p")
    ).json()["items"]
    assert len(docs) == 1
    doc = client.get(f"/api/v1/documents/{docs[0]['id']}", headers=world.auth("admin_p")).json()
    assert [s["heading"] for s in doc["sections"]] == list(oct_.topics)
    listed = client.get(
        "/api/v1/consultations", params={"kind": "sentiment"}, headers=world.auth("admin_p")
    ).json()["items"]
    assert len(listed) == 2
    # December from November: 31 days, its closing moves with the month's end
    dec = client.post(
        f"/api/v1/consultations/{nov['id']}/next-period", headers=world.auth("admin_p")
    ).json()
    assert (dec["period"], dec["opens_on"]) == ("2026-12", "2026-12-01")
    assert dec["closes_on"] == "2027-01-10"
    assert date.fromisoformat(dec["deadlines"]["residential_area"]) == date(2027, 1, 3)


def test_next_month_of_a_documents_consultation_is_refused(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    resp = client.post(
        f"/api/v1/consultations/{campaign.consultation_id}/next-period",
        headers=world.auth("admin_p"),
    )
    assert resp.status_code == 409, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")


def test_next_month_needs_an_admin_of_the_consultations_unit(
    client: TestClient, world: World
) -> None:
    oct_ = open_month(client, world, "2026-10")
    for who, status in (("secretary_c1", 403), ("admin_d1", 403), ("entry_a1", 403)):
        resp = client.post(f"/api/v1/consultations/{oct_.id}/next-period", headers=world.auth(who))
        assert resp.status_code == status, (who, resp.text)
    listed = client.get(
        "/api/v1/consultations", params={"kind": "sentiment"}, headers=world.auth("admin_p")
    ).json()["items"]
    assert [c["id"] for c in listed] == [oct_.id]  # nothing was opened


def test_next_month_called_at_once_opens_one_month(client: TestClient, world: World) -> None:
    oct_ = open_month(client, world, "2026-10")

    def call(_: int) -> int:
        resp = client.post(
            f"/api/v1/consultations/{oct_.id}/next-period", headers=world.auth("admin_p")
        )
        return resp.status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = sorted(pool.map(call, range(4)))
    assert statuses == [200, 200, 200, 201]
    listed = client.get(
        "/api/v1/consultations",
        params={"kind": "sentiment", "period": "2026-11"},
        headers=world.auth("admin_p"),
    ).json()["items"]
    assert len(listed) == 1
    docs = client.get(
        "/api/v1/documents",
        params={"consultation_id": listed[0]["id"]},
        headers=world.auth("admin_p"),
    ).json()["items"]
    assert len(docs) == 1  # one copy of the topic list, not one per call


def test_no_next_month_beyond_the_accepted_years(client: TestClient, world: World) -> None:
    last = _post(
        client,
        world,
        {**body(world.units["P"], "2099-12"), "closes_on": "2099-12-31", "deadlines": {}},
    )
    assert last.status_code == 201, last.text
    resp = client.post(
        f"/api/v1/consultations/{last.json()['id']}/next-period", headers=world.auth("admin_p")
    )
    assert resp.status_code == 409, resp.text
