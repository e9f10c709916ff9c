"""Items: what they merge, the counts they carry up, provenance both ways, each source once."""

from datetime import date, timedelta
from typing import Any

from tests.syntheses.conftest import Flow


def _chain(flow: Flow) -> dict[str, Any]:
    """Areas A1, A2 → commune C1 → district D1, each merging what lies below it."""
    a1 = [flow.comment("A1", people=3), flow.comment("A1", content="Tinh gọn bộ máy.")]
    a2 = [flow.comment("A2", people=2, stance="amend")]
    c1_own = flow.comment("C1", people=5)
    s_a1, s_a2 = flow.draft("A1"), flow.draft("A2")
    i_a1 = flow.add_item(s_a1["id"], "A1", a1)
    i_a2 = flow.add_item(s_a2["id"], "A2", a2, stance="amend")
    flow.submit(s_a1["id"], "A1")
    flow.submit(s_a2["id"], "A2")
    s_c1 = flow.draft("C1")
    i_c1 = flow.add_item(s_c1["id"], "C1", [c1_own], [i_a1["id"], i_a2["id"]])
    flow.submit(s_c1["id"], "C1")
    s_d1 = flow.draft("D1")
    i_d1 = flow.add_item(s_d1["id"], "D1", [], [i_c1["id"]], recommendation=True)
    return {
        "a1": a1, "a2": a2, "c1_own": c1_own, "s_a1": s_a1, "s_a2": s_a2, "s_c1": s_c1,
        "s_d1": s_d1, "i_a1": i_a1, "i_a2": i_a2, "i_c1": i_c1, "i_d1": i_d1,
    }  # fmt: skip


def test_counts_are_carried_up_two_levels(flow: Flow) -> None:
    c = _chain(flow)
    assert (c["i_a1"]["comments"], c["i_a1"]["people"]) == (2, 4)
    assert (c["i_a2"]["comments"], c["i_a2"]["people"]) == (1, 2)
    assert (c["i_c1"]["comments"], c["i_c1"]["people"]) == (4, 11)
    assert (c["i_d1"]["comments"], c["i_d1"]["people"]) == (4, 11)
    assert c["i_d1"]["recommendation"] is True and c["i_d1"]["child_item_ids"] == [c["i_c1"]["id"]]
    d1 = flow.get(f"/syntheses/{c['s_d1']['id']}", "secretary_d1").json()
    assert (d1["comments"], d1["people"], d1["item_count"]) == (4, 11, 1)


def test_the_submission_snapshot_holds_the_units_figures(flow: Flow) -> None:
    flow.comment("A1", people=3, stance="agree")
    flow.comment("A1", channel="written", category="party_member")
    flow.comment("A2", people=2)
    draft = flow.draft("C1")
    figures = flow.submit(draft["id"], "C1", confirm_empty=True)["figures"]
    assert figures["comments"] == 3 and figures["people"] == 6
    assert figures["meetings"] == 1 and figures["participants"] == 45
    assert figures["by_channel"] == {
        "meeting": {"comments": 2, "people": 5},
        "written": {"comments": 1, "people": 1},
    }
    assert figures["by_category"]["party_member"] == {"comments": 1, "people": 1}
    assert (figures["agree_comments"], figures["agree_people"]) == (1, 3)
    flow.comment("A1", people=9)  # later comments do not change the frozen figures
    again = flow.get(f"/syntheses/{draft['id']}", "secretary_c1").json()
    assert again["figures"] == figures


def test_provenance_from_a_comment_up_every_level(flow: Flow) -> None:
    c = _chain(flow)
    flow.set_deadlines(district=date.today() + timedelta(days=15))
    flow.submit(c["s_d1"]["id"], "D1")
    up = flow.get(f"/comments/{c['a1'][0]}/carried", "secretary_p").json()["items"]
    assert [(r["level"], r["item"]["id"]) for r in up] == [
        (1, c["i_a1"]["id"]),
        (2, c["i_c1"]["id"]),
        (3, c["i_d1"]["id"]),
    ]
    assert [r["synthesis"]["unit"]["name"] for r in up] == [
        "Khu phố 1",
        "Phường Vĩnh Thanh Vân",
        "Thành phố Rạch Giá",
    ]
    # A board sees only the levels inside its own subtree.
    mine = flow.get(f"/comments/{c['a1'][0]}/carried", "entry_a1").json()["items"]
    assert [r["item"]["id"] for r in mine] == [c["i_a1"]["id"]]
    # And down again: from the district's item to the comments.
    d1 = flow.get(f"/syntheses/{c['s_d1']['id']}", "secretary_d1").json()["items"][0]
    assert d1["child_item_ids"] == [c["i_c1"]["id"]]
    c1 = flow.get(f"/syntheses/{c['s_c1']['id']}", "secretary_d1").json()["items"][0]
    assert c1["comment_ids"] == [c["c1_own"]]
    assert c1["child_item_ids"] == [c["i_a1"]["id"], c["i_a2"]["id"]]
    a1 = flow.get(f"/syntheses/{c['s_a1']['id']}", "secretary_d1").json()["items"][0]
    assert a1["comment_ids"] == c["a1"]
    # A comment nobody merged has no provenance; another subtree's comment is not found.
    assert flow.get(f"/comments/{flow.comment('A3')}/carried", "secretary_p").json() == {
        "items": []
    }
    assert flow.get(f"/comments/{c['a1'][0]}/carried", "secretary_a2").status_code == 404


def test_a_comment_is_merged_at_most_once_per_synthesis(flow: Flow) -> None:
    one, two = flow.comment("A1"), flow.comment("A1", content="Chống lãng phí.")
    draft = flow.draft("A1")
    first = flow.add_item(draft["id"], "A1", [one])
    url = f"/api/v1/syntheses/{draft['id']}/items"
    who = flow.auth("secretary_a1")
    again = flow.client.post(url, headers=who, json=flow.item_body([two, one]))
    assert again.status_code == 409
    assert again.json()["errors"][0]["loc"] == ["body", "comment_ids", 1]
    assert one in again.json()["detail"] and first["id"] in again.json()["detail"]
    twice = flow.client.post(url, headers=who, json=flow.item_body([two, two]))
    assert twice.status_code == 422 and twice.json()["errors"][0]["loc"] == [
        "body",
        "comment_ids",
        1,
    ]
    # Deleting an item frees what it merged.
    assert flow.client.delete(f"{url}/{first['id']}", headers=who).status_code == 204
    assert flow.client.post(url, headers=who, json=flow.item_body([two, one])).status_code == 201


def test_a_child_item_is_merged_once_and_its_comments_not_again(flow: Flow) -> None:
    comment = flow.comment("A1")
    s_a1 = flow.draft("A1")
    i_a1 = flow.add_item(s_a1["id"], "A1", [comment])
    s_c1 = flow.draft("C1")
    url = f"/api/v1/syntheses/{s_c1['id']}/items"
    who = flow.auth("secretary_c1")
    # Not submitted yet: not in the pool.
    early = flow.client.post(url, headers=who, json=flow.item_body([], [i_a1["id"]]))
    assert early.status_code == 422
    assert early.json()["errors"][0]["loc"] == ["body", "child_item_ids", 0]
    flow.submit(s_a1["id"], "A1")
    # The comment travels up inside A1's item, not on its own.
    direct = flow.client.post(url, headers=who, json=flow.item_body([comment]))
    assert direct.status_code == 409 and "child" in direct.json()["detail"]
    flow.add_item(s_c1["id"], "C1", [], [i_a1["id"]])
    dup = flow.client.post(url, headers=who, json=flow.item_body([], [i_a1["id"]]))
    assert dup.status_code == 409
    assert dup.json()["errors"][0]["loc"] == ["body", "child_item_ids", 0]


def test_sources_must_come_from_the_units_pool(flow: Flow) -> None:
    elsewhere = flow.comment("A3")
    mine = flow.comment("A1")
    s_a3 = flow.draft("A3")
    i_a3 = flow.add_item(s_a3["id"], "A3", [elsewhere])
    flow.submit(s_a3["id"], "A3")
    s_c1 = flow.draft("C1")
    url = f"/api/v1/syntheses/{s_c1['id']}/items"
    # A3 lies outside C1's subtree: to C1 that comment does not exist.
    assert (
        flow.client.post(
            url, headers=flow.auth("secretary_c1"), json=flow.item_body([elsewhere])
        ).status_code
        == 404
    )
    # The province sees both, but A3's item belongs to C2, not to a child of the province.
    s_p = flow.draft("P")
    p_url = f"/api/v1/syntheses/{s_p['id']}/items"
    resp = flow.client.post(
        p_url, headers=flow.auth("secretary_p"), json=flow.item_body([], [i_a3["id"]])
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == [
        "body",
        "child_item_ids",
        0,
    ]
    # An area's synthesis merges only that area's comments.
    s_a2 = flow.draft("A2")
    resp = flow.client.post(
        f"/api/v1/syntheses/{s_a2['id']}/items",
        headers=flow.auth("secretary_a2"),
        json=flow.item_body([mine]),
    )
    assert resp.status_code == 404
    missing = "0190a000-0000-7000-8000-000000000000"
    assert (
        flow.client.post(
            url, headers=flow.auth("secretary_c1"), json=flow.item_body([missing])
        ).status_code
        == 404
    )
    assert (
        flow.client.post(
            url, headers=flow.auth("secretary_c1"), json=flow.item_body([], [missing])
        ).status_code
        == 404
    )


def test_a_deleted_comment_cannot_be_merged(flow: Flow) -> None:
    comment = flow.comment("A1")
    assert (
        flow.client.delete(f"/api/v1/comments/{comment}", headers=flow.auth("entry_a1")).status_code
        == 204
    )
    draft = flow.draft("A1")
    resp = flow.client.post(
        f"/api/v1/syntheses/{draft['id']}/items",
        headers=flow.auth("secretary_a1"),
        json=flow.item_body([comment]),
    )
    assert resp.status_code == 404


def test_the_section_must_belong_to_the_document(flow: Flow) -> None:
    draft = flow.draft("A1")
    url = f"/api/v1/syntheses/{draft['id']}/items"
    who = flow.auth("secretary_a1")
    wrong = flow.client.post(
        url, headers=who, json=flow.item_body(section_id=flow.campaign.other_section_id)
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["loc"] == ["body", "section_id"]
    assert (
        flow.client.post(url, headers=who, json=flow.item_body(document_id=999_999)).status_code
        == 404
    )
    whole = flow.client.post(url, headers=who, json=flow.item_body(section_id=None))
    assert whole.status_code == 201 and whole.json()["section_id"] is None
    for bad in ({"summary": ""}, {"stance": "maybe"}, {"summary": "x" * 10_001}):
        resp = flow.client.post(url, headers=who, json=flow.item_body(**bad))
        assert resp.status_code == 422 and resp.json()["errors"][0]["loc"][:2] == [
            "body",
            next(iter(bad)),
        ]


def test_items_are_edited_reordered_and_resourced(flow: Flow) -> None:
    a, b, c = (flow.comment("A1", content=f"Ý kiến {n}.", people=n) for n in (1, 2, 3))
    draft = flow.draft("A1")
    first = flow.add_item(draft["id"], "A1", [a], summary="Thứ nhất.")
    second = flow.add_item(draft["id"], "A1", [b], summary="Thứ hai.")
    third = flow.add_item(draft["id"], "A1", [], summary="Thứ ba.", stance="agree")
    assert [first["position"], second["position"], third["position"]] == [1, 2, 3]
    url = f"/api/v1/syntheses/{draft['id']}/items"
    who = flow.auth("secretary_a1")
    moved = flow.client.patch(f"{url}/{third['id']}", headers=who, json={"position": 1})
    assert moved.status_code == 200 and moved.json()["position"] == 1
    edited = flow.client.patch(
        f"{url}/{second['id']}",
        headers=who,
        json={"summary": "Thứ hai, sửa lại.", "stance": "amend", "comment_ids": [b, c]},
    )
    assert edited.status_code == 200, edited.text
    e = edited.json()
    assert (e["summary"], e["stance"], e["comments"], e["people"]) == (
        "Thứ hai, sửa lại.",
        "amend",
        2,
        5,
    )
    taken = flow.client.patch(f"{url}/{first['id']}", headers=who, json={"comment_ids": [c]})
    assert taken.status_code == 409
    assert (
        flow.client.patch(f"{url}/{first['id']}", headers=who, json={"stance": None}).status_code
        == 422
    )
    assert flow.client.delete(f"{url}/{first['id']}", headers=who).status_code == 204
    assert flow.client.delete(f"{url}/{first['id']}", headers=who).status_code == 404
    items = flow.get(f"/syntheses/{draft['id']}", "secretary_a1").json()["items"]
    assert [(i["summary"], i["position"]) for i in items] == [
        ("Thứ ba.", 1),
        ("Thứ hai, sửa lại.", 2),
    ]
    # The freed comment may now go elsewhere.
    third_now = flow.client.patch(f"{url}/{third['id']}", headers=who, json={"comment_ids": [a]})
    assert third_now.status_code == 200 and third_now.json()["comment_ids"] == [a]


def test_a_returned_synthesis_reopens_while_the_parents_items_keep_their_counts(flow: Flow) -> None:
    comment = flow.comment("A1", people=4)
    s_a1 = flow.draft("A1")
    i_a1 = flow.add_item(s_a1["id"], "A1", [comment])
    flow.submit(s_a1["id"], "A1")
    s_c1 = flow.draft("C1")
    i_c1 = flow.add_item(s_c1["id"], "C1", [], [i_a1["id"]])
    assert flow.act(s_a1["id"], "return", "secretary_c1", reason="Bổ sung.").status_code == 200
    kept = flow.get(f"/syntheses/{s_c1['id']}", "secretary_c1").json()["items"][0]
    assert (kept["comments"], kept["people"]) == (1, 4) and kept["id"] == i_c1["id"]
    # The area opens version 2, which starts from version 1's item (a different synthesis).
    v2 = flow.draft("A1")
    assert v2["version"] == 2 and v2["previous_id"] == s_a1["id"]
    (i_v2,) = v2["items"]
    assert i_v2["comment_ids"] == [comment] and i_v2["id"] != i_a1["id"]
    flow.submit(v2["id"], "A1")
    # The commune already counts that comment through version 1's item: not twice.
    twice = flow.client.post(
        f"/api/v1/syntheses/{s_c1['id']}/items",
        headers=flow.auth("secretary_c1"),
        json=flow.item_body([], [i_v2["id"]]),
    )
    assert twice.status_code == 409 and comment in twice.json()["detail"]
    # Swapping version 1's item for version 2's is fine.
    swapped = flow.client.patch(
        f"/api/v1/syntheses/{s_c1['id']}/items/{i_c1['id']}",
        headers=flow.auth("secretary_c1"),
        json={"child_item_ids": [i_v2["id"]]},
    )
    assert swapped.status_code == 200 and swapped.json()["child_item_ids"] == [i_v2["id"]]
    versions = flow.get("/syntheses", "secretary_c1", unit_id=flow.world.units["A1"]).json()[
        "items"
    ]
    assert [(v["version"], v["status"]) for v in versions] == [(1, "returned"), (2, "submitted")]


def test_a_comment_edited_before_submission_counts_as_it_stands(flow: Flow) -> None:
    comment = flow.comment("A1", people=2)
    draft = flow.draft("A1")
    flow.add_item(draft["id"], "A1", [comment])
    resp = flow.client.patch(
        f"/api/v1/comments/{comment}", headers=flow.auth("entry_a1"), json={"people": 7}
    )
    assert resp.status_code == 200, resp.text
    submitted = flow.submit(draft["id"], "A1")
    assert (submitted["items"][0]["people"], submitted["people"]) == (7, 7)


def test_a_comment_moved_out_of_the_unit_before_submission_counts_nothing(flow: Flow) -> None:
    comment = flow.comment("A1", people=3)
    draft = flow.draft("A1")
    flow.add_item(draft["id"], "A1", [comment])
    # The commune moves it to another of its areas: no longer the area's own.
    resp = flow.client.patch(
        f"/api/v1/comments/{comment}",
        headers=flow.auth("secretary_c1"),
        json={"unit_id": flow.world.units["A2"]},
    )
    assert resp.status_code == 200, resp.text
    submitted = flow.submit(draft["id"], "A1")
    item = submitted["items"][0]
    assert (item["comments"], item["people"], submitted["people"]) == (0, 0, 0)
