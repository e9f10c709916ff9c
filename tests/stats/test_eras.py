"""Stats on today's tree (``tree=current``): an old consultation's counts moved along the lineage
equal a naive count over its comments re-assigned by lineage, on both engines."""

import uuid
from collections import Counter
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from tests.conftest import World
from tests.factories import Campaign
from ykien.comments.models import Comment
from ykien.stats.schemas import Stats
from ykien.units.models import Unit, UnitLineage

STATS = TypeAdapter(Stats)

TODAY = date.today()
GROUPINGS: list[list[str]] = [
    [],
    ["child"],
    ["child", "category"],
    ["category"],
    ["level", "child"],
    ["day"],
    ["section", "child"],
]


def _seed(client: TestClient, world: World, campaign: Campaign) -> None:
    plan = [
        ("A1", "entry_a1", {"people": 3, "category": "party_member"}),
        ("A1", "entry_a1", {"stance": "agree"}),
        ("A2", "entry_a2", {"channel": "written", "section_id": None}),
        ("A3", "entry_a3", {"people": 5, "collected_on": (TODAY - timedelta(days=3)).isoformat()}),
        ("A3", "entry_a3", {"category": "cadre"}),
        ("C1", "secretary_c1", {"stance": "disagree"}),
        ("C2", "admin_d2", {"people": 7}),
        ("D2", "admin_d2", {"category": "notable_person"}),
        ("D1", "admin_d1", {}),
        ("P", "secretary_p", {"section_id": campaign.sections["II"]}),
    ]
    for unit, who, extra in plan:
        body = campaign.comment(world, unit=unit, meeting_id=None, **extra)
        resp = client.post("/api/v1/comments", headers=world.auth(who), json=body)
        assert resp.status_code == 201, resp.text


def _merge(client: TestClient, world: World, body: dict[str, Any]) -> dict[str, Any]:
    resp = client.post(
        "/api/v1/units/merge",
        headers=world.auth("admin_p"),
        json={"id": str(uuid.uuid4()), **body},
    )
    assert resp.status_code == 201, resp.text
    answer: dict[str, Any] = resp.json()
    return answer


def _merge_the_tree(client: TestClient, world: World, engine: Engine) -> int:
    """C1 and C2 into a new commune N under D1; later D2 (whose commune is gone) into D1; and a
    second, later-recorded successor for C2 (its figures stay with the first: N)."""
    merged = _merge(
        client,
        world,
        {
            "from_unit_ids": [world.units["C1"], world.units["C2"]],
            "new_unit": {
                "code": "N",
                "name": "Phường Mới",
                "level": "commune",
                "parent_id": world.units["D1"],
            },
            "effective_on": (TODAY - timedelta(days=20)).isoformat(),
        },
    )
    _merge(
        client,
        world,
        {
            "from_unit_ids": [world.units["D2"]],
            "into_unit_id": world.units["D1"],
            "effective_on": (TODAY - timedelta(days=10)).isoformat(),
        },
    )
    with Session(engine) as s:
        s.add(
            UnitLineage(
                from_unit_id=world.units["C2"],
                to_unit_id=world.units["D1"],
                effective_on=TODAY - timedelta(days=20),
            )
        )
        s.commit()
    new_id: int = merged["unit"]["id"]
    return new_id


def _naive(engine: Engine, consultation_id: int, unit_id: int, group_by: list[str]) -> Any:
    """Every comment moved to where its lineage leads, counted one by one."""
    with Session(engine) as s:
        units = {u.id: u for u in s.scalars(select(Unit))}
        principal: dict[int, int] = {}
        for row in s.scalars(select(UnitLineage).order_by(col(UnitLineage.id))):
            principal.setdefault(row.from_unit_id, row.to_unit_id)
        comments = list(
            s.scalars(
                select(Comment).where(
                    col(Comment.consultation_id) == consultation_id,
                    col(Comment.deleted_at).is_(None),
                )
            )
        )
    by_path = {u.path: u for u in units.values()}

    def lands(path: str) -> str:
        ids = [int(p) for p in path.strip("/").split("/")]
        for i in range(len(ids), 0, -1):
            uid = ids[i - 1]
            if uid in principal:
                while uid in principal:
                    uid = principal[uid]
                return units[uid].path
        return path

    root = units[unit_id].path
    counts: Counter[tuple[Any, ...]] = Counter()
    people: Counter[tuple[Any, ...]] = Counter()
    for c in comments:
        path = lands(c.unit_path)
        if not path.startswith(root):
            continue
        rest = path[len(root) :].strip("/")
        key: list[Any] = []
        for g in group_by:
            if g == "child":
                key.append(int(rest.split("/")[0]) if rest else None)
            elif g == "level":
                key.append(by_path[c.unit_path].level)
            elif g == "day":
                key.append(c.collected_on.isoformat())
            elif g == "section":
                key.append(c.section_id)
            else:
                key.append(getattr(c, g))
        counts[tuple(key)] += 1
        people[tuple(key)] += c.people
    return {k: (counts[k], people[k]) for k in counts}


def _answered(answer: dict[str, Any], group_by: list[str]) -> Any:
    if not group_by:
        totals = answer["totals"]
        return {(): (totals["comments"], totals["people"])} if totals["comments"] else {}
    found = {}
    for g in answer["groups"]:
        key = []
        for dim in group_by:
            value = g["key"][dim]
            key.append(value["id"] if isinstance(value, dict) else value)
        found[tuple(key)] = (g["comments"], g["people"])
    return found


def test_the_current_tree_equals_a_naive_count_reassigned_by_lineage(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    _seed(client, world, campaign)
    original_p = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"consultation_id": campaign.consultation_id},
        headers=world.auth("admin_p"),
    ).json()
    new_id = _merge_the_tree(client, world, engine)
    targets = {"P": world.units["P"], "D1": world.units["D1"], "N": new_id}
    for name, unit_id in targets.items():
        for group_by in GROUPINGS:
            resp = client.get(
                f"/api/v1/units/{unit_id}/stats",
                params={
                    "consultation_id": campaign.consultation_id,
                    "group_by": group_by,
                    "tree": "current",
                },
                headers=world.auth("admin_p"),
            )
            assert resp.status_code == 200, resp.text
            answer = resp.json()
            STATS.validate_json(resp.content, strict=True)  # the documented shape
            expected = _naive(engine, campaign.consultation_id, unit_id, group_by)
            assert _answered(answer, group_by) == expected, (name, group_by)
            assert answer["totals"]["comments"] == sum(c for c, _p in expected.values())
    # The province loses nothing: the same totals on both trees.
    p_now = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"consultation_id": campaign.consultation_id, "tree": "current"},
        headers=world.auth("admin_p"),
    ).json()
    assert p_now["totals"] == original_p["totals"]
    # An old commune's figures land under the commune it went into: N holds C1's and C2's.
    n = _naive(engine, campaign.consultation_id, new_id, [])
    assert n[()][0] == 7


def test_a_board_reads_the_figures_that_came_into_its_subtree(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    _seed(client, world, campaign)
    _merge_the_tree(client, world, engine)
    d1 = client.get(
        f"/api/v1/units/{world.units['D1']}/stats",
        params={"consultation_id": campaign.consultation_id, "tree": "current"},
        headers=world.auth("admin_d1"),
    )
    assert d1.status_code == 200, d1.text
    assert d1.json()["totals"]["comments"] == 9  # all but the province's own comment
    gone = client.get(
        f"/api/v1/units/{world.units['D2']}/stats",
        params={"tree": "current"},
        headers=world.auth("admin_d2"),
    )
    assert gone.status_code == 422 and gone.json()["errors"][0]["loc"] == ["query", "tree"]
    csv = client.get(
        f"/api/v1/units/{world.units['D1']}/stats.csv",
        params={
            "consultation_id": campaign.consultation_id,
            "tree": "current",
            "group_by": "child",
        },
        headers=world.auth("admin_d1"),
    )
    assert csv.status_code == 200 and "Phường Mới" in csv.text
