"""Suggestions over HTTP: groups of the same opinion from the pool a synthesis may still merge."""

import pytest

from tests.syntheses.conftest import Flow


def test_suggestions_group_the_same_opinion_not_yet_merged(flow: Flow) -> None:
    same = [
        flow.comment("A1", content="Đề nghị tăng cường phòng, chống tham nhũng.", people=2),
        flow.comment("A1", content="đề nghị tăng cường phòng, chống tham nhũng."),
        flow.comment("A1", content="Đề nghị  tăng cường phòng, chống tham nhũng."),
    ]
    flow.comment("A1", content="Cần quan tâm phát triển kinh tế biển và du lịch Phú Quốc.")
    draft = flow.draft("A1")
    url = f"/syntheses/{draft['id']}/suggestions"
    (group,) = flow.get(url, "secretary_a1").json()["items"]
    assert sorted(group["comment_ids"]) == sorted(same)
    assert (group["comments"], group["people"]) == (3, 4) and "tham nhũng" in group["sample"]
    flow.add_item(draft["id"], "A1", same[:2])
    assert flow.get(url, "secretary_a1").json()["items"] == []  # one left: no group
    assert flow.get(url, "secretary_a2").status_code == 404


def test_suggestions_never_mix_documents_or_stances(flow: Flow) -> None:
    text = "Đề nghị tăng cường phòng, chống tham nhũng, lãng phí."
    s = flow.campaign.sections
    add_i1 = [flow.comment("A1", content=text), flow.comment("A1", content=text)]
    add_mixed = [
        flow.comment("A1", content=text, stance="amend"),
        flow.comment("A1", content=text, stance="amend", section_id=s["II"]),
    ]
    other_doc = [
        flow.comment(
            "A1",
            content=text,
            document_id=flow.campaign.other_document_id,
            section_id=flow.campaign.other_section_id,
        )
        for _ in range(2)
    ]
    draft = flow.draft("A1")
    got = flow.get(f"/syntheses/{draft['id']}/suggestions", "secretary_a1").json()["items"]
    by_ids = {frozenset(g["comment_ids"]): g for g in got}
    assert set(by_ids) == {frozenset(add_i1), frozenset(add_mixed), frozenset(other_doc)}
    doc = flow.campaign.document_id
    assert [
        (g["document_id"], g["stance"], g["section_id"])
        for g in (by_ids[frozenset(x)] for x in (add_i1, add_mixed, other_doc))
    ] == [
        (doc, "add", s["I.1"]),
        (doc, "amend", None),  # its members differ in section
        (flow.campaign.other_document_id, "add", flow.campaign.other_section_id),
    ]


def test_uncovered_pages_the_comments_no_item_covers(flow: Flow) -> None:
    ids = [flow.comment("A1", content=f"Ý kiến số {n}.") for n in range(5)]
    named = flow.comment("A1", contributor_name="Nguyễn Văn A", content="Ý kiến có tên.")
    ids.append(named)
    draft = flow.draft("A1")
    flow.add_item(draft["id"], "A1", ids[:2])
    url = f"/syntheses/{draft['id']}/uncovered"
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = flow.get(url, "secretary_a1", **params).json()
        seen += [c["id"] for c in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids[2:] and pages == 2
    # Personal data only for the entering unit's users.
    mine = flow.get(url, "entry_a1").json()["items"]
    assert mine[-1]["contributor_name"] == "Nguyễn Văn A"
    theirs = flow.get(url, "secretary_c1").json()["items"]
    assert theirs[-1]["contributor_name"] is None
    # Up the chain: once A1 submits, the commune sees A1's uncovered comments, not those its
    # item carries (the commune merges that item instead).
    flow.submit(draft["id"], "A1")
    c1 = flow.draft("C1")
    up = flow.get(f"/syntheses/{c1['id']}/uncovered", "secretary_c1").json()
    assert [c["id"] for c in up["items"]] == ids[2:] and up["next_cursor"] is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretary_a1", 200),
        ("entry_a1", 200),
        ("viewer_c1", 200),
        ("secretary_c1", 200),
        ("api_key", 200),
        ("root", 200),
        ("secretary_a2", 404),  # a sibling area
        ("entry_a2", 404),
        ("admin_d2", 404),
    ],
)
def test_who_reads_what_is_uncovered(flow: Flow, who: str, status: int) -> None:
    flow.comment("A1")
    draft = flow.draft("A1")
    for path in ("uncovered", "suggestions"):
        resp = flow.get(f"/syntheses/{draft['id']}/{path}", who)
        assert resp.status_code == status, (path, resp.text)


def test_uncovered_refuses_bad_pages(flow: Flow) -> None:
    draft = flow.draft("A1")
    url = f"/syntheses/{draft['id']}/uncovered"
    for params in ({"limit": 0}, {"limit": 501}, {"cursor": "nope"}, {"cursor": "WyJ4Il0"}):
        resp = flow.get(url, "secretary_a1", **params)
        assert resp.status_code == 422, params
        assert resp.headers["content-type"] == "application/problem+json"
    unknown = flow.get("/syntheses/01a22a6a-572d-70e3-8b72-d4ab5032dbbb/uncovered", "root")
    assert unknown.status_code == 404
