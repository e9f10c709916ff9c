"""Entering comments: validation, idempotent retries, batches that are all or nothing."""

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from tests.factories import Campaign
from ykien.comments.models import Comment, CommentVersion


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Comment)) or 0)


def test_a_board_enters_a_comment(client: TestClient, world: World, campaign: Campaign) -> None:
    body = campaign.comment(
        world,
        content="  Đề nghị bổ sung giải pháp\tchống sạt lở bờ biển.\n ",
        people=5,
        meeting_id=campaign.meeting_id,
        contributor_name="Nguyễn Văn A",
    )
    resp = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert resp.status_code == 201, resp.text
    c = resp.json()
    assert c["content"] == "Đề nghị bổ sung giải pháp\tchống sạt lở bờ biển."
    assert c["people"] == 5 and c["organization"] == "front" and c["version"] == 1
    assert (
        c["consultation_id"] == campaign.consultation_id and c["contributor_name"] == "Nguyễn Văn A"
    )
    assert uuid.UUID(c["id"]).version == 7  # time-ordered server id
    got = client.get(f"/api/v1/comments/{c['id']}", headers=world.auth("entry_a1")).json()
    assert got == c


def test_text_is_stored_nfc(client: TestClient, world: World, campaign: Campaign) -> None:
    nfd = "Chi\u0309nh đô\u0301n Đa\u0309ng"
    resp = client.post(
        "/api/v1/comments",
        headers=world.auth("entry_a1"),
        json=campaign.comment(world, content=nfd),
    )
    assert resp.json()["content"] == "Chỉnh đốn Đảng"


def test_a_retry_with_the_same_id_stores_nothing_new(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    body = campaign.comment(world, id=str(uuid.uuid4()))
    first = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    again = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert _count(engine) == 1
    changed = client.post(
        "/api/v1/comments", headers=world.auth("entry_a1"), json={**body, "content": "Khác"}
    )
    assert changed.status_code == 409
    assert _count(engine) == 1


def test_concurrent_retries_of_one_id_store_it_once(
    app: FastAPI, world: World, campaign: Campaign, engine: Engine
) -> None:
    body = campaign.comment(world, id=str(uuid.uuid4()))

    def post(_: int) -> int:
        with TestClient(app) as c:
            return c.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(post, range(16)))
    assert codes.count(201) == 1 and codes.count(200) == 15, codes
    assert _count(engine) == 1
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(CommentVersion)) == 1


def test_a_batch_is_stored_whole(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    items = [
        campaign.comment(world, content=f"Ý kiến số {i}", id=str(uuid.uuid4())) for i in range(50)
    ]
    resp = client.post(
        "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
    )
    assert resp.status_code == 201, resp.text
    assert resp.json()["created"] == 50 and len(resp.json()["items"]) == 50
    assert _count(engine) == 50
    again = client.post(
        "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
    )
    assert again.status_code == 201 and again.json()["created"] == 0
    assert _count(engine) == 50


def test_a_failing_batch_stores_nothing_and_names_the_item(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    items = [campaign.comment(world, content=f"Ý kiến {i}") for i in range(20)]
    items[10]["section_id"] = campaign.other_section_id
    items[15]["content"] = ""
    resp = client.post(
        "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
    )
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["loc"][:3] == ["body", "items", 15]  # shape errors come first
    items[15]["content"] = "đã sửa"
    resp = client.post(
        "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
    )
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["loc"] == ["body", "items", 10, "section_id"]
    assert "10" in resp.json()["detail"]
    assert _count(engine) == 0


def test_batches_are_limited_to_1000(client: TestClient, world: World, campaign: Campaign) -> None:
    items = [campaign.comment(world)] * 1001
    assert (
        client.post(
            "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
        ).status_code
        == 422
    )


def _loc(resp) -> list:  # type: ignore[no-untyped-def]
    assert resp.status_code == 422, resp.text
    return resp.json()["errors"][0]["loc"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"content": ""}, "content"),
        ({"content": "   "}, "content"),
        ({"content": "x" * 10_001}, "content"),
        ({"content": "có ký tự \x07 lạ"}, "content"),
        ({"channel": "telepathy"}, "channel"),
        ({"category": "alien"}, "category"),
        ({"stance": "maybe"}, "stance"),
        ({"organization": "club"}, "organization"),
        ({"people": 0}, "people"),
        ({"people": 10_001}, "people"),
        ({"collected_on": (date.today() + timedelta(days=2)).isoformat()}, "collected_on"),
        ({"collected_on": "2000-01-01"}, "collected_on"),
        ({"collected_on": "31/08/2020"}, "collected_on"),
    ],
)
def test_each_rule_names_its_field(
    client: TestClient, world: World, campaign: Campaign, change: dict, field: str
) -> None:  # type: ignore[type-arg]
    resp = client.post(
        "/api/v1/comments", headers=world.auth("entry_a1"), json=campaign.comment(world, **change)
    )
    assert _loc(resp)[:2] == ["body", field]
    assert resp.headers["content-type"] == "application/problem+json"


def test_references_are_checked(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    h = world.auth("entry_a1")
    other_doc_section = campaign.comment(world, section_id=campaign.other_section_id)
    assert _loc(client.post("/api/v1/comments", headers=h, json=other_doc_section)) == [
        "body",
        "section_id",
    ]
    outside = campaign.comment(world, unit="A2")
    assert _loc(client.post("/api/v1/comments", headers=h, json=outside)) == ["body", "unit_id"]
    missing_doc = campaign.comment(world, document_id=999999)
    assert client.post("/api/v1/comments", headers=h, json=missing_doc).status_code == 404
    foreign_meeting = campaign.comment(world, unit="A1", meeting_id=campaign.meeting_id)
    assert client.post("/api/v1/comments", headers=h, json=foreign_meeting).status_code == 201
    a2_with_a1_meeting = campaign.comment(world, unit="A2", meeting_id=campaign.meeting_id)
    assert _loc(
        client.post("/api/v1/comments", headers=world.auth("secretary_c1"), json=a2_with_a1_meeting)
    ) == ["body", "meeting_id"]
    assert _count(engine) == 1


def test_units_outside_the_consultation_are_refused(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    resp = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_d1"),
        json={
            "title": "Đợt lấy ý kiến của thành phố",
            "unit_id": world.units["D1"],
            "opens_on": campaign.opens_on.isoformat(),
            "closes_on": date.today().isoformat(),
        },
    )
    assert resp.status_code == 201
    doc = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_d1"),
        json={
            "consultation_id": resp.json()["id"],
            "code": "D1-DOC",
            "title": "Dự thảo của thành phố",
            "sections": [],
        },
    )
    body = campaign.comment(world, unit="A3", document_id=doc.json()["id"], section_id=None)
    assert client.post("/api/v1/comments", headers=world.auth("root"), json=body).status_code == 422


def test_viewers_and_api_keys_cannot_write(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    assert (
        client.post(
            "/api/v1/comments", headers=world.auth("viewer_p"), json=campaign.comment(world)
        ).status_code
        == 403
    )
    key = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "k", "unit_id": world.units["P"]},
    )
    headers = {"Authorization": f"Bearer {key.json()['key']}"}
    assert (
        client.post("/api/v1/comments", headers=headers, json=campaign.comment(world)).status_code
        == 403
    )


def test_a_closed_consultation_freezes_entry(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    made = client.post(
        "/api/v1/comments", headers=world.auth("entry_a1"), json=campaign.comment(world)
    ).json()
    assert (
        client.post(
            f"/api/v1/consultations/{campaign.consultation_id}/close",
            headers=world.auth("admin_d1"),
        ).status_code
        == 403
    )  # not the owner's level
    closed = client.post(
        f"/api/v1/consultations/{campaign.consultation_id}/close", headers=world.auth("admin_p")
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert (
        client.post(
            "/api/v1/comments", headers=world.auth("entry_a1"), json=campaign.comment(world)
        ).status_code
        == 409
    )
    assert (
        client.patch(
            f"/api/v1/comments/{made['id']}", headers=world.auth("entry_a1"), json={"people": 2}
        ).status_code
        == 409
    )
    assert (
        client.delete(f"/api/v1/comments/{made['id']}", headers=world.auth("entry_a1")).status_code
        == 409
    )
    assert (
        client.post(
            f"/api/v1/consultations/{campaign.consultation_id}/close", headers=world.auth("admin_p")
        ).status_code
        == 409
    )


def test_a_lost_answer_is_recovered_by_retrying_even_after_closing(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = campaign.comment(world, id=str(uuid.uuid4()))
    first = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    client.post(
        f"/api/v1/consultations/{campaign.consultation_id}/close", headers=world.auth("admin_p")
    )
    again = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_conflicts_name_the_item_and_deleted_ids_say_so(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    taken = campaign.comment(world, id=str(uuid.uuid4()))
    client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=taken)
    items = [campaign.comment(world), {**taken, "content": "khác"}]
    resp = client.post(
        "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
    )
    assert resp.status_code == 409 and resp.json()["errors"][0]["loc"] == ["body", "items", 1, "id"]
    client.delete(f"/api/v1/comments/{taken['id']}", headers=world.auth("entry_a1"))
    resent = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=taken)
    assert resent.status_code == 409 and "deleted" in resent.json()["detail"]


def test_a_known_id_is_a_retry_only_for_its_creator(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    """Anyone else gets the same answer whatever the body: no oracle of the stored comment."""
    body = campaign.comment(world, id=str(uuid.uuid4()), contributor_name="Trần Thị B")
    assert (
        client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body).status_code
        == 201
    )
    # A writer of a sibling area: the body names a unit it does not cover (the scope error).
    sibling = client.post("/api/v1/comments", headers=world.auth("entry_a2"), json=body)
    assert sibling.status_code == 422, sibling.text
    assert sibling.json()["errors"][0]["loc"] == ["body", "unit_id"]
    # A writer above it, with the exact body, a wrong guess, or its own unit: one 409.
    answers = set()
    for guess in (
        body,
        {**body, "contributor_name": "Nguyễn Văn C"},
        {**body, "unit_id": world.units["A2"]},
    ):
        resp = client.post("/api/v1/comments", headers=world.auth("secretary_c1"), json=guess)
        assert resp.status_code == 409, resp.text
        assert resp.json()["errors"][0]["loc"] == ["body", "id"]
        answers.add(resp.json()["errors"][0]["msg"])
        batch = client.post(
            "/api/v1/comments/batch", headers=world.auth("secretary_c1"), json={"items": [guess]}
        )
        assert batch.status_code == 409 and batch.json()["errors"][0]["loc"] == [
            "body",
            "items",
            0,
            "id",
        ]
        answers.add(batch.json()["errors"][0]["msg"])
    assert len(answers) == 1, answers
    # Its creator still gets it back.
    again = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert again.status_code == 200 and again.json()["contributor_name"] == "Trần Thị B"
