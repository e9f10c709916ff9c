"""Reading comments: scoped lists, search that ignores diacritics, cursors, sync, exports."""

import csv
import io
import re
import threading
import uuid

import openpyxl
from fastapi.testclient import TestClient

from tests.comments.support import all_comments, post_comment
from tests.conftest import World
from tests.factories import Campaign


def test_lists_cover_the_subtree_and_nothing_else(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    a1 = post_comment(client, world, "entry_a1", campaign.comment(world, unit="A1"))
    a2 = post_comment(client, world, "entry_a2", campaign.comment(world, unit="A2"))
    a3 = post_comment(client, world, "entry_a3", campaign.comment(world, unit="A3"))
    ids = lambda items: {c["id"] for c in items}  # noqa: E731
    assert ids(all_comments(client, world, "entry_a1")) == {a1["id"]}
    assert ids(all_comments(client, world, "secretary_c1")) == {a1["id"], a2["id"]}
    assert ids(all_comments(client, world, "secretary_p")) == {a1["id"], a2["id"], a3["id"]}
    assert ids(all_comments(client, world, "secretary_p", unit_id=world.units["D1"])) == {
        a1["id"],
        a2["id"],
    }
    assert (
        client.get(
            "/api/v1/comments",
            params={"unit_id": world.units["A2"]},
            headers=world.auth("entry_a1"),
        ).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/comments/{a2['id']}", headers=world.auth("entry_a1")).status_code
        == 404
    )
    assert (
        client.patch(
            f"/api/v1/comments/{a2['id']}", headers=world.auth("entry_a1"), json={"people": 3}
        ).status_code
        == 404
    )
    assert (
        client.delete(
            f"/api/v1/comments/{a3['id']}", headers=world.auth("secretary_c1")
        ).status_code
        == 404
    )


def test_filters(client: TestClient, world: World, campaign: Campaign) -> None:
    post_comment(
        client, world, "entry_a1", campaign.comment(world, stance="agree", category="party_member")
    )
    post_comment(
        client,
        world,
        "entry_a1",
        campaign.comment(world, stance="amend", channel="written", section_id=None),
    )
    post_comment(
        client, world, "entry_a1", campaign.comment(world, section_id=campaign.sections["I"])
    )
    assert len(all_comments(client, world, "entry_a1", stance="agree")) == 1
    assert len(all_comments(client, world, "entry_a1", channel="written")) == 1
    assert len(all_comments(client, world, "entry_a1", category="party_member")) == 1
    # section_id matches that section exactly, not its subsections
    assert len(all_comments(client, world, "entry_a1", section_id=campaign.sections["I"])) == 1
    assert len(all_comments(client, world, "entry_a1", document_id=campaign.document_id)) == 3
    assert (
        client.get(
            "/api/v1/comments", params={"stance": "nope"}, headers=world.auth("entry_a1")
        ).status_code
        == 422
    )


def test_search_ignores_diacritics_and_case(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    texts = [
        "Cần đẩy mạnh xây dựng, chỉnh đốn Đảng trong sạch, vững mạnh.",
        "NGƯỜI CÓ UY TÍN trong đồng bào Khmer cần được phát huy.",
        "Đề nghị bổ sung giải pháp nuôi tôm – lúa bền vững.",
    ]
    for t in texts:
        post_comment(client, world, "entry_a1", campaign.comment(world, content=t))
    found = lambda q: [c["content"] for c in all_comments(client, world, "entry_a1", q=q)]  # noqa: E731
    assert found("chinh don dang") == [texts[0]]
    assert found("CHỈNH ĐỐN") == [texts[0]]
    assert found("nguoi co uy tin") == [texts[1]]  # ư, ơ with tone marks: letters with two marks
    assert found("đồng bào khmer") == [texts[1]]
    assert found("tom lua") == [texts[2]]
    assert found("bền vữ") == [texts[2]]  # the last word as a prefix, while typing
    assert found("dang khmer") == []
    assert len(found("!!! ---")) == 3  # no words: no filter


def test_cursor_paging_yields_each_item_once_while_others_are_inserted(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    first = {
        post_comment(client, world, "entry_a1", campaign.comment(world, content=f"Ý kiến {i}"))[
            "id"
        ]
        for i in range(30)
    }
    stop = threading.Event()

    def keep_inserting() -> None:
        n = 0
        while not stop.is_set() and n < 40:
            client.post(
                "/api/v1/comments",
                headers=world.auth("entry_a1"),
                json=campaign.comment(world, content=f"Ý kiến mới {n}"),
            )
            n += 1

    for order in ("newest", "oldest"):
        writer = threading.Thread(target=keep_inserting)
        writer.start()
        try:
            seen: list[str] = []
            cursor = None
            while True:
                params = {"limit": 7, "order": order, **({"cursor": cursor} if cursor else {})}
                page = client.get(
                    "/api/v1/comments", params=params, headers=world.auth("entry_a1")
                ).json()
                seen += [c["id"] for c in page["items"]]
                cursor = page["next_cursor"]
                if not cursor:
                    break
        finally:
            stop.set()
            writer.join()
        stop.clear()
        assert len(seen) == len(set(seen)), "an item came twice"
        assert first <= set(seen), "an item present from the start was missed"


def test_sync_by_updated_since(client: TestClient, world: World, campaign: Campaign) -> None:
    a = post_comment(client, world, "entry_a1", campaign.comment(world, content="một"))
    b = post_comment(client, world, "entry_a1", campaign.comment(world, content="hai"))
    mark = b["updated_at"]
    changed = client.patch(
        f"/api/v1/comments/{a['id']}", headers=world.auth("entry_a1"), json={"content": "một (sửa)"}
    )
    new = post_comment(client, world, "entry_a1", campaign.comment(world, content="ba"))
    synced = all_comments(client, world, "secretary_p", updated_since=mark, limit=1)
    assert [c["id"] for c in synced] == [a["id"], new["id"]]
    assert synced[0]["content"] == changed.json()["content"]
    naive = client.get(
        "/api/v1/comments",
        params={"updated_since": "2020-01-01T00:00:00"},
        headers=world.auth("entry_a1"),
    )
    assert naive.status_code == 422


def test_csv_export_has_a_bom_one_header_and_a_row_per_comment(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    for i in range(1203):
        if i % 400 == 0:
            items = [
                campaign.comment(world, content=f'Dòng {j}, có dấu phẩy và "ngoặc"\nxuống dòng')
                for j in range(min(400, 1203 - i))
            ]
            assert (
                client.post(
                    "/api/v1/comments/batch", headers=world.auth("entry_a1"), json={"items": items}
                ).status_code
                == 201
            )
    resp = client.get(
        "/api/v1/comments/export",
        params={"format": "csv", "labels": "codes"},
        headers=world.auth("secretary_p"),
    )
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert resp.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][0] == "id" and len(rows) == 1 + 1203
    assert rows[1][11].startswith("Dòng") and "\n" in rows[1][11]
    assert all(str(uuid.UUID(r[0])) == r[0] for r in rows[1:])
    filtered = client.get(
        "/api/v1/comments/export", params={"stance": "agree"}, headers=world.auth("secretary_p")
    )
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 1


def test_xlsx_export(client: TestClient, world: World, campaign: Campaign) -> None:
    for i in range(3):
        post_comment(
            client, world, "entry_a1", campaign.comment(world, content=f"Ý kiến {i} về Đảng")
        )
    resp = client.get(
        "/api/v1/comments/export",
        params={"format": "xlsx", "labels": "codes"},
        headers=world.auth("secretary_p"),
    )
    assert resp.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(resp.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "id" and len(rows) == 4 and "Đảng" in str(rows[1][11])
    # The file names the instant of its snapshot (Vietnam's time), in its name and its title.
    name = re.search(
        r'filename="y-kien-(\d{8})-(\d{4})\.xlsx"', resp.headers["content-disposition"]
    )
    assert name is not None
    assert book.properties.title and book.properties.title.startswith("comments 20")


def test_a_search_can_ask_for_its_total(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    for i in range(5):
        post_comment(client, world, "entry_a1", campaign.comment(world, content=f"Chỉnh đốn {i}"))
    post_comment(client, world, "entry_a1", campaign.comment(world, content="Kinh tế biển"))
    page = client.get(
        "/api/v1/comments",
        params={"q": "chinh don", "limit": 2, "count": "true"},
        headers=world.auth("secretary_c1"),
    ).json()
    assert len(page["items"]) == 2 and page["total"] == 5 and page["next_cursor"]
    plain = client.get("/api/v1/comments", params={"limit": 2}, headers=world.auth("entry_a1"))
    assert plain.json()["total"] is None  # not counted unless asked
