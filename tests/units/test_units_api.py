"""The unit tree over HTTP: level order, roots, unique codes, search, paging, scoping, import."""

import json
import unicodedata

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.conftest import World
from ykien.units.models import Unit


def _count_units(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Unit)) or 0)


def test_an_admin_creates_a_child_unit_with_its_path(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={
            "code": " 30742-09 ",
            "name": "  Khu phố 9 ",
            "level": "residential_area",
            "parent_id": world.units["C1"],
        },
    )
    assert resp.status_code == 201, resp.text
    unit = resp.json()
    assert unit["code"] == "30742-09" and unit["name"] == "Khu phố 9"
    c1 = client.get(f"/api/v1/units/{world.units['C1']}", headers=world.auth("admin_p")).json()
    assert unit["path"] == f"{c1['path']}{unit['id']}/" and unit["depth"] == 3


def test_level_must_be_below_the_parent_levels_may_be_skipped(
    client: TestClient, world: World
) -> None:
    same = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={"code": "X", "name": "Xã X", "level": "district", "parent_id": world.units["D1"]},
    )
    assert same.status_code == 422 and same.json()["errors"][0]["loc"] == ["body", "level"]
    above = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={"code": "X", "name": "Tỉnh X", "level": "province", "parent_id": world.units["C1"]},
    )
    assert above.status_code == 422
    skipped = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={"code": "X", "name": "Phường Mới", "level": "commune", "parent_id": world.units["P"]},
    )
    assert skipped.status_code == 201  # since July 2025 communes sit directly under provinces


def test_only_a_superuser_creates_roots(client: TestClient, world: World) -> None:
    body = {"code": "96", "name": "Tỉnh Cà Mau", "level": "province", "parent_id": None}
    assert client.post("/api/v1/units", headers=world.auth("admin_p"), json=body).status_code == 403
    assert client.post("/api/v1/units", headers=world.auth("root"), json=body).status_code == 201


def test_a_parent_outside_the_callers_subtree_is_refused(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units",
        headers=world.auth("admin_d1"),
        json={
            "code": "X",
            "name": "Ấp Mới",
            "level": "residential_area",
            "parent_id": world.units["C2"],
        },
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == ["body", "parent_id"]
    missing = client.post(
        "/api/v1/units",
        headers=world.auth("admin_d1"),
        json={"code": "X", "name": "Ấp Mới", "level": "residential_area", "parent_id": 999999},
    )
    assert missing.status_code == 404


def test_search_ignores_diacritics_and_case(client: TestClient, world: World) -> None:
    for q in ("vinh thanh van", "VĨNH THANH", "phuong vinh"):
        names = [
            u["name"]
            for u in client.get(
                "/api/v1/units", params={"q": q}, headers=world.auth("admin_p")
            ).json()["items"]
        ]
        assert names == ["Phường Vĩnh Thanh Vân"], q
    names = [
        u["name"]
        for u in client.get(
            "/api/v1/units", params={"q": "ap minh"}, headers=world.auth("admin_p")
        ).json()["items"]
    ]
    assert names == ["Ấp Minh Phong"]
    assert (
        client.get("/api/v1/units", params={"q": "100%_"}, headers=world.auth("admin_p")).json()[
            "items"
        ]
        == []
    )


def test_filters_by_parent_and_level(client: TestClient, world: World) -> None:
    kids = client.get(
        "/api/v1/units", params={"parent_id": world.units["C1"]}, headers=world.auth("admin_p")
    ).json()
    assert [u["code"] for u in kids["items"]] == ["A1", "A2"]
    areas = client.get(
        "/api/v1/units", params={"level": "residential_area"}, headers=world.auth("admin_p")
    ).json()
    assert {u["code"] for u in areas["items"]} == {"A1", "A2", "A3"}


def test_paging_yields_every_unit_once(client: TestClient, world: World) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/units", params=params, headers=world.auth("root")).json()
        seen += [u["code"] for u in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(world.units) and len(seen) == len(set(seen))
    bad = client.get("/api/v1/units", params={"cursor": "garbage!"}, headers=world.auth("root"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_a_user_of_one_subtree_sees_nothing_of_another(client: TestClient, world: World) -> None:
    listed = {
        u["code"]
        for u in client.get("/api/v1/units", headers=world.auth("admin_d1")).json()["items"]
    }
    assert listed == {"D1", "C1", "A1", "A2"}
    assert (
        client.get(f"/api/v1/units/{world.units['C2']}", headers=world.auth("admin_d1")).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/units/{world.units['P']}", headers=world.auth("entry_a1")).status_code
        == 404
    )
    only_own = {
        u["code"]
        for u in client.get("/api/v1/units", headers=world.auth("entry_a1")).json()["items"]
    }
    assert only_own == {"A1"}


CSV_OK = (
    "code,name,level,parent_code\n"
    "C3,Xã Vĩnh Hòa Hiệp,commune,D2\n"
    "C3-01,Ấp Vĩnh Thạnh,residential_area,C3\n"
    "C3-02,Ấp Vĩnh Phước,residential_area,C3\n"
)


def test_csv_import_creates_all_rows(client: TestClient, world: World, engine: Engine) -> None:
    before = _count_units(engine)
    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("admin_d2"), "content-type": "text/csv"},
        content=("\ufeff" + CSV_OK).encode(),
    )
    assert resp.status_code == 201, resp.text
    assert resp.json()["created"] == 3
    assert _count_units(engine) == before + 3
    area = client.get(
        "/api/v1/units", params={"q": "vinh phuoc"}, headers=world.auth("admin_d2")
    ).json()["items"][0]
    assert area["level"] == "residential_area" and area["depth"] == 3


def test_json_import_accepts_children_before_parents(client: TestClient, world: World) -> None:
    rows = [
        {"code": "C9-01", "name": "Ấp Một", "level": "residential_area", "parent_code": "C9"},
        {"code": "C9", "name": "Xã Chín", "level": "commune", "parent_code": "D1"},
    ]
    resp = client.post("/api/v1/units/import", headers=world.auth("admin_p"), json=rows)
    assert resp.status_code == 201, resp.text


def test_import_is_all_or_nothing_and_errors_name_the_row(
    client: TestClient, world: World, engine: Engine
) -> None:
    before = _count_units(engine)
    bad = (
        CSV_OK
        + "C3-03,,residential_area,C3\nC3-04,Ấp Bốn,hamlet,C3\n"
        + "C3-05,Ấp Năm,residential_area,NOPE\nC3-06,Ấp Sáu,commune,A1\n"
    )
    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("admin_d2"), "content-type": "text/csv"},
        content=bad.encode(),
    )
    assert resp.status_code == 422
    locs = {tuple(e["loc"][:3]) for e in resp.json()["errors"]}
    assert ("rows", 5, "name") in locs and ("rows", 6, "level") in locs
    assert _count_units(engine) == before
    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("admin_d2"), "content-type": "text/csv"},
        content=(CSV_OK + "C3-05,Ấp Năm,residential_area,NOPE\n").encode(),
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == ["rows", 5, "parent_code"]
    assert _count_units(engine) == before


def test_import_refuses_parents_outside_the_subtree_and_duplicate_codes(
    client: TestClient, world: World, engine: Engine
) -> None:
    before = _count_units(engine)
    outside = "code,name,level,parent_code\nX1,Ấp X,residential_area,C1\n"
    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("admin_d2"), "content-type": "text/csv"},
        content=outside.encode(),
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == ["rows", 2, "parent_code"]
    dup = [{"code": "A1", "name": "Khu phố 1", "level": "residential_area", "parent_code": "C1"}]
    resp = client.post("/api/v1/units/import", headers=world.auth("admin_p"), json=dup)
    assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == ["rows", 0, "code"]
    assert _count_units(engine) == before


def test_import_as_multipart_file(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units/import",
        headers=world.auth("admin_d2"),
        files={"file": ("units.csv", CSV_OK.encode(), "text/csv")},
    )
    assert resp.status_code == 201 and resp.json()["created"] == 3
    rows = json.dumps(
        [{"code": "Z1", "name": "Ấp Z", "level": "residential_area", "parent_code": "C2"}]
    )
    resp = client.post(
        "/api/v1/units/import",
        headers=world.auth("admin_d2"),
        files={"file": ("units.json", rows.encode(), "application/json")},
    )
    assert resp.status_code == 201 and resp.json()["created"] == 1


def test_import_needs_an_admin(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("secretary_p"), "content-type": "text/csv"},
        content=CSV_OK.encode(),
    )
    assert resp.status_code == 403


# Issue #13, defect 7: invisible, direction-changing or NFC-lengthened names.
INVISIBLE_OR_REORDERING_NAMES = [
    "\u200b",  # zero-width space: nothing to read
    " \u200b\u2060\ufeff\u00a0 ",  # format and space characters only
    "Khu phố \u202e9 ấp",  # right-to-left override
    "Khu phố \u20669\u2069",  # isolate
    "\ufb2c" * 100,  # 100 characters, 300 after NFC (the bound is 200)
]


@pytest.mark.parametrize("name", INVISIBLE_OR_REORDERING_NAMES)
def test_a_unit_name_must_be_visible_direction_neutral_and_short_after_nfc(
    client: TestClient, world: World, name: str
) -> None:
    body = {"code": "X9", "name": name, "level": "residential_area", "parent_id": world.units["C1"]}
    resp = client.post("/api/v1/units", headers=world.auth("admin_p"), json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["body", "name"]
    imported = client.post(
        "/api/v1/units/import",
        headers=world.auth("admin_p"),
        json=[{"code": "X9", "name": name, "level": "residential_area", "parent_code": "C1"}],
    )
    assert imported.status_code == 422, imported.text
    assert imported.json()["errors"][0]["loc"] == ["rows", 0, "name"]


def test_a_name_in_another_script_or_typed_decomposed_is_accepted(
    client: TestClient, world: World
) -> None:
    decomposed = unicodedata.normalize("NFD", "Ấp Vĩnh Phước " * 12).strip()  # > 200 before NFC
    assert len(decomposed) > 200 >= len(unicodedata.normalize("NFC", decomposed))
    for name in ("Phum Sóc ភូមិ", decomposed):
        body = {
            "code": f"X{len(name)}",
            "name": name,
            "level": "residential_area",
            "parent_id": world.units["C1"],
        }
        resp = client.post("/api/v1/units", headers=world.auth("admin_p"), json=body)
        assert resp.status_code == 201, resp.text
        assert resp.json()["name"] == unicodedata.normalize("NFC", name)
