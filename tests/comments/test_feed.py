"""The change feed (GET /comments/changes): every committed change of a subtree, once, in order."""

import threading
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.comments.support import post_comment
from tests.conftest import World
from tests.factories import Campaign


def follow(
    client: TestClient, world: World, who: str, since: str | None = None, **params: Any
) -> tuple[list[dict[str, Any]], str]:
    """Every item from ``since`` to the end of the feed, and the position reached."""
    items: list[dict[str, Any]] = []
    while True:
        query = {**params, "limit": 7, **({"since": since} if since else {})}
        resp = client.get("/api/v1/comments/changes", params=query, headers=world.auth(who))
        assert resp.status_code == 200, resp.text
        page = resp.json()
        assert page["next"]
        if not page["items"]:
            assert since is None or page["next"] == since
            return items, page["next"]
        items += page["items"]
        since = page["next"]


def test_the_feed_gives_each_comment_once_in_its_latest_state(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    made = [post_comment(client, world, "entry_a1", campaign.comment(world)) for _ in range(10)]
    edited, deleted = made[3], made[5]
    resp = client.patch(
        f"/api/v1/comments/{edited['id']}",
        headers=world.auth("entry_a1"),
        json={"content": "Nội dung đã sửa.", "version": edited["version"]},
    )
    assert resp.status_code == 200, resp.text
    resp = client.request(
        "DELETE",
        f"/api/v1/comments/{deleted['id']}",
        headers=world.auth("entry_a1"),
        json={"reason": "Nhập trùng"},
    )
    assert resp.status_code == 204, resp.text

    items, position = follow(client, world, "secretary_c1")
    assert [i["id"] for i in items].count(edited["id"]) == 1
    assert len(items) == 10 and len({i["id"] for i in items}) == 10
    # Changed rows come last, in the order they changed.
    assert [i["id"] for i in items[-2:]] == [edited["id"], deleted["id"]]
    assert items[-2]["content"] == "Nội dung đã sửa."
    assert set(items[-1]) == {"id", "deleted_at"}

    assert follow(client, world, "secretary_c1", position)[0] == []
    late = post_comment(client, world, "entry_a1", campaign.comment(world))
    after, _ = follow(client, world, "secretary_c1", position)
    assert [i["id"] for i in after] == [late["id"]]


def test_the_feed_keeps_to_the_subtree_and_its_privacy(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    mine = post_comment(
        client, world, "entry_a1", campaign.comment(world, contributor_name="Nguyễn Văn A")
    )
    post_comment(client, world, "entry_a3", campaign.comment(world, unit="A3"))
    own, _ = follow(client, world, "entry_a1")
    assert [i["id"] for i in own] == [mine["id"]]
    assert own[0]["contributor_name"] == "Nguyễn Văn A"
    above, _ = follow(client, world, "secretary_c1")
    assert [i["id"] for i in above] == [mine["id"]]
    assert above[0]["contributor_name"] is None
    province, _ = follow(client, world, "admin_p", unit_id=world.units["C2"])
    assert len(province) == 1 and province[0]["unit_id"] == world.units["A3"]
    sibling = client.get(
        "/api/v1/comments/changes",
        params={"unit_id": world.units["C2"]},
        headers=world.auth("secretary_c1"),
    )
    assert sibling.status_code == 404


@pytest.mark.parametrize("since", ["x", "WzkyMjMzNzIwMzY4NTQ3NzU4MDhd", "WzEsMiwzXQ", "WyJhIiwxXQ"])
def test_a_malformed_position_answers_422_naming_since(
    client: TestClient, world: World, since: str
) -> None:
    resp = client.get(
        "/api/v1/comments/changes", params={"since": since}, headers=world.auth("admin_p")
    )
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["loc"] == ["query", "since"]


def _copy_comment_uncommitted(engine: Engine, template_id: str) -> tuple[Any, str]:
    """Insert a copy of a comment in a transaction left open: a slow writer mid-request."""
    from ykien.models import metadata

    columns = [c.name for c in metadata.tables["comment"].columns if c.name not in {"seq", "id"}]
    new_id = str(uuid.uuid4())
    conn = engine.connect()
    trans = conn.begin()
    conn.execute(
        text(
            f"INSERT INTO comment (id, {', '.join(columns)}) "  # noqa: S608 - metadata names
            f"SELECT CAST(:new AS uuid), {', '.join(columns)} FROM comment "
            "WHERE id = CAST(:template AS uuid)"
        ),
        {"new": new_id, "template": template_id},
    )
    return (conn, trans), new_id


def test_a_slow_writer_is_not_skipped_by_a_reader_that_moved_on(
    client: TestClient, world: World, campaign: Campaign, engine: Engine
) -> None:
    """The defect of updated_at: a transaction that stamps first and commits last landed behind
    a reader's position and was never seen. PostgreSQL only: SQLite runs one writer at a time."""
    if engine.dialect.name != "postgresql":
        pytest.skip("one writer at a time on SQLite: no transaction can commit out of order")
    first = post_comment(client, world, "entry_a1", campaign.comment(world))
    _, position = follow(client, world, "secretary_c1")
    (conn, trans), slow_id = _copy_comment_uncommitted(engine, first["id"])
    try:
        fast = post_comment(client, world, "entry_a1", campaign.comment(world))
        seen, position = follow(client, world, "secretary_c1", position)
        # The fast writer committed, but the slow one is still in flight below it: wait.
        assert seen == []
        trans.commit()
    finally:
        conn.close()
    seen, _ = follow(client, world, "secretary_c1", position)
    assert [i["id"] for i in seen] == [slow_id, fast["id"]]


def test_a_follower_misses_nothing_while_many_write(
    app: Any, world: World, campaign: Campaign
) -> None:
    """Writers create, edit and delete while a follower reads the feed; once they stop, what
    the follower built equals what was acknowledged, each comment seen once per change."""
    writers, per_writer = 8, 12
    acknowledged: dict[str, dict[str, Any]] = {}
    lock = threading.Lock()
    stop = threading.Event()
    seen: list[dict[str, Any]] = []
    errors: list[str] = []

    def write(n: int) -> None:
        with TestClient(app) as c:
            for k in range(per_writer):
                body = campaign.comment(world, content=f"Ý kiến {n}-{k} về chỉnh đốn Đảng.")
                resp = c.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
                if resp.status_code != 201:
                    errors.append(resp.text)
                    continue
                made = resp.json()
                if k % 4 == 1:
                    resp = c.patch(
                        f"/api/v1/comments/{made['id']}",
                        headers=world.auth("entry_a1"),
                        json={"content": f"Đã sửa {n}-{k}.", "version": made["version"]},
                    )
                    made = resp.json() if resp.status_code == 200 else made
                elif k % 4 == 3:
                    resp = c.request(
                        "DELETE",
                        f"/api/v1/comments/{made['id']}",
                        headers=world.auth("entry_a1"),
                        json={"reason": "Trùng"},
                    )
                    made = {"id": made["id"], "deleted": True}
                with lock:
                    acknowledged[made["id"]] = made

    def read() -> None:
        position = None
        with TestClient(app) as c:
            while True:
                done = stop.is_set()
                query = {"limit": 50, **({"since": position} if position else {})}
                resp = c.get(
                    "/api/v1/comments/changes", params=query, headers=world.auth("secretary_c1")
                )
                page = resp.json()
                seen.extend(page["items"])
                position = page["next"]
                if done and not page["items"]:
                    return

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    reader.join(timeout=120)
    assert not errors, errors[:3]

    final: dict[str, dict[str, Any]] = {}
    for item in seen:
        final[item["id"]] = item
    assert set(final) == set(acknowledged)
    for comment_id, made in acknowledged.items():
        if made.get("deleted"):
            assert "deleted_at" in final[comment_id] and "content" not in final[comment_id]
        else:
            assert final[comment_id]["content"] == made["content"]
    # Each item is a change: a comment appears again only after it changed again.
    times = {i: sum(1 for item in seen if item["id"] == i) for i in final}
    assert all(1 <= n <= 2 for n in times.values())
    untouched = [c for c in acknowledged.values() if not c.get("deleted") and c["version"] == 1]
    assert untouched and all(times[c["id"]] == 1 for c in untouched)
