"""Aggregates: stored roll-ups that move with every write and always add up."""

import io
import itertools
import re
from datetime import date, timedelta
from typing import Any

import openpyxl
import orjson
import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlalchemy import Engine, text

from tests.conftest import World
from tests.factories import Campaign
from ykien.stats.recount import recount
from ykien.stats.schemas import GroupBy, GroupKey, Stats

LABELLED = ("child", "section")
GROUPS = ["child", "section", "category", "stance", "channel", "organization", "day", "level"]


STATS = TypeAdapter(Stats)


def _stats(client: TestClient, world: World, who: str, unit: str, **params: Any) -> dict[str, Any]:
    """The answer, checked against its schema (the one in the OpenAPI document): every value of
    the declared type, nothing undeclared, each key holding exactly the dimensions asked for."""
    resp = client.get(
        f"/api/v1/units/{world.units[unit]}/stats", params=params, headers=world.auth(who)
    )
    assert resp.status_code == 200, resp.text
    answer: dict[str, Any] = resp.json()
    typed = STATS.validate_json(resp.content, strict=True)
    assert orjson.loads(STATS.dump_json(typed)) == answer
    group_by = params.get("group_by", [])
    asked = {group_by} if isinstance(group_by, str) else set(group_by)
    assert all(set(g["key"]) == asked for g in answer["groups"])
    return answer


def _seed(client: TestClient, world: World, campaign: Campaign) -> list[dict[str, Any]]:
    today = date.today()
    bodies = [
        campaign.comment(
            world, unit="A1", stance="agree", people=3, meeting_id=campaign.meeting_id
        ),
        campaign.comment(world, unit="A1", stance="add", category="party_member"),
        campaign.comment(world, unit="A2", stance="amend", section_id=None, channel="written"),
        campaign.comment(
            world,
            unit="A3",
            stance="add",
            people=5,
            collected_on=(today - timedelta(days=3)).isoformat(),
        ),
        campaign.comment(
            world, unit="C1", stance="disagree", organization="youth_union", category="cadre"
        ),
        campaign.comment(
            world,
            unit="P",
            stance="agree",
            category="notable_person",
            section_id=campaign.sections["II"],
        ),
    ]
    who = {
        "A1": "entry_a1",
        "A2": "entry_a2",
        "A3": "entry_a3",
        "C1": "secretary_c1",
        "P": "secretary_p",
    }
    made = []
    for b in bodies:
        unit = next(k for k, v in world.units.items() if v == b["unit_id"])
        resp = client.post("/api/v1/comments", headers=world.auth(who[unit]), json=b)
        assert resp.status_code == 201, resp.text
        made.append(resp.json())
    return made


def test_totals_and_child_groups(client: TestClient, world: World, campaign: Campaign) -> None:
    _seed(client, world, campaign)
    s = _stats(
        client,
        world,
        "secretary_p",
        "P",
        consultation_id=campaign.consultation_id,
        group_by="child",
    )
    assert s["unit"]["id"] == world.units["P"] and s["unit"]["level"] == "province"
    assert s["totals"] == {
        "comments": 6,
        "people": 1 * 4 + 3 + 5,
        "meetings": 1,
        "participants": 45,
    }
    by_child = {(g["key"]["child"] or {}).get("name"): g["comments"] for g in s["groups"]}
    assert by_child == {"Thành phố Rạch Giá": 4, "Huyện Châu Thành": 1, None: 1}
    c1 = _stats(client, world, "secretary_c1", "C1", group_by="child")
    assert {(g["key"]["child"] or {}).get("name"): g["comments"] for g in c1["groups"]} == {
        "Khu phố 1": 2,
        "Khu phố 2": 1,
        None: 1,
    }


def test_every_grouping_adds_up_to_the_totals(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    _seed(client, world, campaign)
    for unit, who in (
        ("P", "secretary_p"),
        ("D1", "admin_d1"),
        ("C1", "secretary_c1"),
        ("A1", "entry_a1"),
    ):
        total = _stats(client, world, who, unit)["totals"]
        for n in (1, 2, 3):
            for combo in itertools.combinations(GROUPS, n):
                s = _stats(client, world, who, unit, group_by=list(combo))
                assert s["totals"] == total, combo
                assert sum(g["comments"] for g in s["groups"]) == total["comments"], (unit, combo)
                assert sum(g["people"] for g in s["groups"]) == total["people"], (unit, combo)
                _assert_ordered(s["groups"], combo)


def _assert_ordered(groups: list[dict[str, Any]], combo: tuple[str, ...]) -> None:
    """Days in order; otherwise most comments first, ties by key (children and sections by
    id, their own entries first); each key once."""

    def stored(group: dict[str, Any]) -> tuple[Any, ...]:
        key = group["key"]
        return tuple((key[d] or {}).get("id", 0) if d in LABELLED else key[d] for d in combo)

    keys = [stored(g) for g in groups]
    assert len(set(keys)) == len(keys), combo
    if combo == ("day",):
        assert keys == sorted(keys), combo
    else:
        want = sorted(groups, key=lambda g: (-g["comments"], stored(g)))
        assert groups == want, combo


def test_group_keys_have_the_documented_shapes(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    _seed(client, world, campaign)
    s = _stats(client, world, "secretary_p", "P", group_by=["section", "day", "level", "stance"])
    keys = [g["key"] for g in s["groups"]]
    assert any(k["section"] is None for k in keys)  # a comment on the whole document
    numbered = next(k["section"] for k in keys if k["section"])
    assert set(numbered) == {"id", "number", "heading", "document_id"}
    assert all(date.fromisoformat(k["day"]) for k in keys)
    assert {k["level"] for k in keys} == {"residential_area", "commune", "province"}


def test_the_documented_key_names_every_grouping(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    answer = spec["paths"]["/api/v1/units/{unit_id}/stats"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Stats"}
    key = spec["components"]["schemas"]["GroupKey"]
    assert set(key["properties"]) == set(GroupKey.__annotations__) == {g.value for g in GroupBy}
    assert "required" not in key


def test_filters_by_document_section_and_dates(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    _seed(client, world, campaign)
    today = date.today()
    p = lambda **kw: _stats(client, world, "secretary_p", "P", **kw)["totals"]["comments"]  # noqa: E731
    assert p(document_id=campaign.document_id) == 6
    assert p(document_id=campaign.other_document_id) == 0
    assert (
        p(section_id=campaign.sections["I.1"]) == 4
    )  # exactly that section, not its parent's others
    assert p(section_id=campaign.sections["I"]) == 0
    assert p(**{"from": today.isoformat()}) == 5
    assert p(to=(today - timedelta(days=1)).isoformat()) == 1
    s = _stats(
        client, world, "secretary_p", "P", group_by=["category"], **{"from": today.isoformat()}
    )
    assert sum(g["comments"] for g in s["groups"]) == 5
    bad = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"from": "2020-02-02", "to": "2020-01-01"},
        headers=world.auth("secretary_p"),
    )
    assert bad.status_code == 422


def test_counts_move_with_edits_and_deletions(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    made = _seed(client, world, campaign)
    moved = client.patch(
        f"/api/v1/comments/{made[0]['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["A2"], "meeting_id": None, "people": 7, "stance": "amend"},
    )
    assert moved.status_code == 200, moved.text
    assert (
        client.delete(
            f"/api/v1/comments/{made[3]['id']}", headers=world.auth("entry_a3")
        ).status_code
        == 204
    )
    s = _stats(client, world, "secretary_p", "P", group_by=["child", "stance"])
    assert s["totals"]["comments"] == 5 and s["totals"]["people"] == 7 + 1 + 1 + 1 + 1
    c1 = _stats(client, world, "secretary_c1", "C1", group_by="child")
    assert {(g["key"]["child"] or {}).get("name"): g["comments"] for g in c1["groups"]} == {
        "Khu phố 1": 1,
        "Khu phố 2": 2,
        None: 1,
    }
    assert _stats(client, world, "admin_d2", "D2")["totals"]["comments"] == 0
    assert recount(engine).differences == 0


def test_scope_and_exports(client: TestClient, world: World, campaign: Campaign) -> None:
    _seed(client, world, campaign)
    assert (
        client.get(
            f"/api/v1/units/{world.units['C2']}/stats", headers=world.auth("admin_d1")
        ).status_code
        == 404
    )
    key = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "k", "unit_id": world.units["D1"]},
    )
    by_key = client.get(
        f"/api/v1/units/{world.units['D1']}/stats",
        headers={"Authorization": f"Bearer {key.json()['key']}"},
    )
    assert by_key.status_code == 200 and by_key.json()["totals"]["comments"] == 4
    csv_resp = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"group_by": "child", "format": "csv", "labels": "codes"},
        headers=world.auth("secretary_p"),
    )
    lines = csv_resp.content.decode("utf-8-sig").strip().splitlines()
    assert (
        csv_resp.content.startswith("\ufeff".encode())
        and lines[0] == "child_id,child_name,comments,people"
    )
    assert len(lines) == 1 + 3
    by_day = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"group_by": ["day", "stance"], "format": "csv"},
        headers=world.auth("secretary_p"),
    )
    days = [line.split(",")[0] for line in by_day.text.lstrip("\ufeff").splitlines()[1:]]
    assert days and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days)
    xlsx = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"group_by": ["day", "stance"], "format": "xlsx"},
        headers=world.auth("secretary_p"),
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # A day is a date cell that reads dd/mm/yyyy, in the CSV's order.
    assert [c.value.date().isoformat() for c in cells] == days  # type: ignore[union-attr]
    assert {c.number_format for c in cells} == {"dd/mm/yyyy"}


@pytest.mark.parametrize(
    "combo",
    [["category", "day"], ["child", "section", "channel"], ["organization", "level", "day"]],
)
def test_rare_combinations_read_the_leaf_cuboid_correctly(
    client: TestClient, world: World, campaign: Campaign, combo: list[str]
) -> None:
    _seed(client, world, campaign)
    s = _stats(client, world, "secretary_p", "D1", group_by=combo)
    assert sum(g["comments"] for g in s["groups"]) == 4


def test_an_unchanged_answer_is_not_sent_again(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    """A dashboard refreshing on a weak connection asks with If-None-Match: 304 until a write
    changes the answer."""
    _seed(client, world, campaign)
    url = f"/api/v1/units/{world.units['P']}/stats"
    who = world.auth("secretary_p")
    params = {"group_by": "child"}
    first = client.get(url, params=params, headers=who)
    tag = first.headers["etag"]
    assert first.status_code == 200 and first.headers["cache-control"] == "private, no-cache"
    for given in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        again = client.get(url, params=params, headers={**who, "If-None-Match": given})
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)
    # Another question, or a new comment below, is a new answer.
    other = client.get(url, params={"group_by": "day"}, headers={**who, "If-None-Match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag
    body = campaign.comment(world, unit="A1")
    assert (
        client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body).status_code
        == 201
    )
    changed = client.get(url, params=params, headers={**who, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert changed.json()["totals"]["comments"] == first.json()["totals"]["comments"] + 1


def test_groups_name_children_moved_away_and_sections_of_every_document(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    """Children are named from the unit's current children, sections from their document's:
    a child whose parent changed since its comments were counted, and a section of a second
    document, are named all the same."""
    _seed(client, world, campaign)
    other = campaign.comment(world, unit="A1", section_id=campaign.other_section_id)
    other["document_id"] = campaign.other_document_id
    resp = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=other)
    assert resp.status_code == 201, resp.text
    with engine.begin() as conn:  # C1 re-attached elsewhere; its counted cells stay under D1
        conn.execute(
            text("UPDATE unit SET parent_id = :p WHERE id = :c"),
            {"p": world.units["D2"], "c": world.units["C1"]},
        )
    by_child = _stats(client, world, "secretary_p", "D1", group_by="child")
    names = {(g["key"]["child"] or {}).get("name"): g["comments"] for g in by_child["groups"]}
    assert names == {"Phường Vĩnh Thanh Vân": 5}  # C1's subtree, named though no longer a child
    by_section = _stats(client, world, "secretary_p", "P", group_by="section")
    documents = {
        g["key"]["section"]["document_id"] for g in by_section["groups"] if g["key"]["section"]
    }
    assert documents == {campaign.document_id, campaign.other_document_id}
    assert all(
        g["key"]["section"] is None or g["key"]["section"]["heading"] for g in by_section["groups"]
    )
