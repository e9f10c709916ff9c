"""Consultations and documents over HTTP."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import DOCUMENT, Campaign


def test_a_document_is_created_with_its_section_tree(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    doc = client.get(
        f"/api/v1/documents/{campaign.document_id}", headers=world.auth("entry_a1")
    ).json()
    assert doc["code"] == DOCUMENT["code"]
    assert [s["number"] for s in doc["sections"]] == ["I", "II"]
    first = doc["sections"][0]
    assert [c["number"] for c in first["children"]] == ["I.1", "I.2"]
    assert first["children"][0]["text"] == "Tăng trưởng khá." and all(
        isinstance(c["id"], int) for c in first["children"]
    )
    listed = client.get(
        "/api/v1/documents",
        params={"consultation_id": campaign.consultation_id},
        headers=world.auth("entry_a1"),
    ).json()["items"]
    assert {d["code"] for d in listed} == {"BCCT-XI", "DIEU-LE"}


def test_document_codes_are_unique_per_consultation(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    again = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_p"),
        json={"consultation_id": campaign.consultation_id, **DOCUMENT},
    )
    assert again.status_code == 409


def test_deep_or_huge_section_trees_are_refused(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    node: dict = {"number": "9", "heading": "Sâu"}  # type: ignore[type-arg]
    for _ in range(10):
        node = {"number": "9", "heading": "Sâu", "children": [node]}
    resp = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_p"),
        json={
            "consultation_id": campaign.consultation_id,
            "code": "DEEP",
            "title": "Sâu",
            "sections": [node],
        },
    )
    assert resp.status_code == 422


def test_every_level_below_sees_the_consultation_others_do_not(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    for who in ("entry_a1", "secretary_c1", "admin_d2", "viewer_p"):
        got = client.get(
            f"/api/v1/consultations/{campaign.consultation_id}", headers=world.auth(who)
        )
        assert got.status_code == 200, who
        assert got.json()["status"] == "open"
    d2 = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_d2"),
        json={
            "title": "Đợt của huyện",
            "unit_id": world.units["D2"],
            "opens_on": "2020-07-01",
            "closes_on": "2020-09-30",
            "deadlines": {"commune": "2020-09-01"},
        },
    )
    assert d2.status_code == 201 and d2.json()["deadlines"] == {"commune": "2020-09-01"}
    assert (
        client.get(
            f"/api/v1/consultations/{d2.json()['id']}", headers=world.auth("entry_a1")
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/v1/consultations/{d2.json()['id']}", headers=world.auth("secretary_p")
        ).status_code
        == 200
    )
    mine = {
        c["id"]
        for c in client.get("/api/v1/consultations", headers=world.auth("entry_a3")).json()["items"]
    }
    assert mine == {campaign.consultation_id, d2.json()["id"]}
    for_a1 = client.get(
        "/api/v1/consultations",
        params={"unit_id": world.units["A1"]},
        headers=world.auth("admin_p"),
    )
    assert {c["id"] for c in for_a1.json()["items"]} == {campaign.consultation_id}


def test_consultation_rules(client: TestClient, world: World) -> None:
    base = {
        "title": "Đợt",
        "unit_id": world.units["P"],
        "opens_on": "2020-07-01",
        "closes_on": "2020-09-30",
    }
    assert (
        client.post(
            "/api/v1/consultations", headers=world.auth("secretary_p"), json=base
        ).status_code
        == 403
    )
    backwards = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_p"),
        json={**base, "closes_on": "2020-06-01"},
    )
    assert backwards.status_code == 422
    bad_level = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_p"),
        json={**base, "deadlines": {"hamlet": "2020-08-01"}},
    )
    assert bad_level.status_code == 422
    outside = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_d1"),
        json={**base, "unit_id": world.units["D2"]},
    )
    assert outside.status_code == 422 and outside.json()["errors"][0]["loc"] == ["body", "unit_id"]


# Issue #13, defect 7: titles and headings must be visible, direction-neutral, short after NFC.
BAD_TITLES = ["\u200b", "\u2060 \u00a0\ufeff", "Dự thảo \u202eXI", "Dự thảo \u2067XI\u2069"]


@pytest.mark.parametrize("title", [*BAD_TITLES, "\ufb2c" * 150])  # 450 after NFC; bound 300
def test_a_consultation_title_must_be_visible_and_direction_neutral(
    client: TestClient, world: World, title: str
) -> None:
    body = {
        "title": title,
        "unit_id": world.units["P"],
        "opens_on": "2020-07-01",
        "closes_on": "2020-09-30",
    }
    resp = client.post("/api/v1/consultations", headers=world.auth("admin_p"), json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["body", "title"]


@pytest.mark.parametrize("text", [*BAD_TITLES, "\ufb2c" * 200])  # 600 after NFC; bound 500
def test_document_titles_and_section_headings_must_be_visible_and_direction_neutral(
    client: TestClient, world: World, campaign: Campaign, text: str
) -> None:
    base = {"consultation_id": campaign.consultation_id, "code": "NEW", "title": "Dự thảo"}
    section = {"number": "I", "heading": "Phần I"}
    for body, loc in (
        ({**base, "title": text}, ["body", "title"]),
        ({**base, "sections": [{**section, "heading": text}]}, ["body", "sections", 0, "heading"]),
        (
            {**base, "sections": [{**section, "children": [{**section, "number": text}]}]},
            ["body", "sections", 0, "children", 0, "number"],
        ),
    ):
        resp = client.post("/api/v1/documents", headers=world.auth("admin_p"), json=body)
        assert resp.status_code == 422, resp.text
        assert resp.json()["errors"][0]["loc"] == loc


def test_section_text_is_counted_after_nfc_and_may_not_be_invisible(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    base = {"consultation_id": campaign.consultation_id, "code": "NEW", "title": "Dự thảo"}
    for text in ("\u200b\n\u200b", "\ufb2c" * 7_000):  # 21,000 after NFC; bound 20,000
        resp = client.post(
            "/api/v1/documents",
            headers=world.auth("admin_p"),
            json={**base, "sections": [{"number": "I", "heading": "Phần I", "text": text}]},
        )
        assert resp.status_code == 422, resp.text
        assert resp.json()["errors"][0]["loc"] == ["body", "sections", 0, "text"]
