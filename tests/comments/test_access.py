"""Who reads which comments, and who sees the contributor's personal data."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from tests.comments.support import post_comment
from tests.conftest import World
from tests.factories import Campaign, add_accounts
from ykien.accounts.models import Role
from ykien.comments.models import Comment, CommentVersion
from ykien.core.audit import AuditEvent
from ykien.core.config import Settings
from ykien.core.db import session_scope


def test_personal_data_stays_in_the_entering_unit(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    c = post_comment(
        client,
        world,
        "entry_a1",
        campaign.comment(world, contributor_name="Trần Thị B", contributor_contact="0912 345 678"),
    )
    key = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "báo cáo", "unit_id": world.units["P"]},
    )
    key_headers = {"Authorization": f"Bearer {key.json()['key']}"}
    for who, sees in (
        ("entry_a1", True),
        ("root", False),
        ("secretary_c1", False),
        ("viewer_p", False),
        ("admin_p", False),
    ):
        got = client.get(f"/api/v1/comments/{c['id']}", headers=world.auth(who)).json()
        assert (got["contributor_name"] == "Trần Thị B") is sees, who
        assert (got["contributor_contact"] is not None) is sees, who
    by_key = client.get(f"/api/v1/comments/{c['id']}", headers=key_headers).json()
    assert by_key["contributor_name"] is None and by_key["contributor_contact"] is None
    exported = client.get("/api/v1/comments/export", headers=key_headers).content.decode(
        "utf-8-sig"
    )
    assert "Trần Thị B" not in exported and "0912" not in exported
    history = client.get(f"/api/v1/comments/{c['id']}/history", headers=key_headers).json()["items"]
    assert "Trần Thị B" not in str(history)
    mine = client.get("/api/v1/comments/export", headers=world.auth("entry_a1")).content.decode(
        "utf-8-sig"
    )
    assert "Trần Thị B" in mine


@pytest.fixture
def c1_staff(engine: Engine, settings: Settings, world: World) -> World:
    """An admin, an entry user and a viewer of commune C1 (beside ``secretary_c1``), and a
    secretary of the sibling commune C2."""
    with session_scope(engine) as session:
        add_accounts(
            session,
            settings,
            world,
            [
                ("admin_c1", Role.admin, "C1"),
                ("entry_c1", Role.entry, "C1"),
                ("viewer_c1", Role.viewer, "C1"),
                ("secretary_c2", Role.secretary, "C2"),
            ],
        )
    return world


def _personal(client: TestClient, world: World, who: str, comment_id: str) -> tuple[Any, Any]:
    got = client.get(f"/api/v1/comments/{comment_id}", headers=world.auth(who))
    assert got.status_code == 200, (who, got.text)
    return got.json()["contributor_name"], got.json()["contributor_contact"]


def _history(client: TestClient, world: World, who: str, comment_id: str) -> str:
    resp = client.get(f"/api/v1/comments/{comment_id}/history", headers=world.auth(who))
    assert resp.status_code == 200, resp.text
    return str(resp.json()["items"])


def test_moving_a_comment_does_not_move_its_personal_data(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    """A commune's secretary who moves an area's comment to the commune still sees no name."""
    c = post_comment(
        client,
        world,
        "entry_a1",
        campaign.comment(world, contributor_name="Trần Thị B", contributor_contact="0912 345 678"),
    )
    assert _personal(client, world, "secretary_c1", c["id"]) == (None, None)
    moved = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["C1"]},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["unit_id"] == world.units["C1"]
    assert moved.json()["contributor_name"] is None and moved.json()["contributor_contact"] is None
    assert _personal(client, world, "secretary_c1", c["id"]) == (None, None)
    assert "Trần Thị B" not in _history(client, world, "secretary_c1", c["id"])
    assert "0912" not in _history(client, world, "secretary_c1", c["id"])
    # Moved on to a sibling area: that area's entry user does not see them either.
    client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["A2"]},
    )
    assert _personal(client, world, "entry_a2", c["id"]) == (None, None)
    assert "Trần Thị B" not in _history(client, world, "entry_a2", c["id"])
    exported = client.get("/api/v1/comments/export", headers=world.auth("entry_a2"))
    assert "Trần Thị B" not in exported.content.decode("utf-8-sig")
    # Moved back into the entering area, its entry user sees them again.
    client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("secretary_c1"),
        json={"unit_id": world.units["A1"]},
    )
    assert _personal(client, world, "entry_a1", c["id"]) == ("Trần Thị B", "0912 345 678")


def test_the_superuser_does_not_see_personal_data(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    c = post_comment(
        client, world, "entry_a1", campaign.comment(world, contributor_name="Trần Thị B")
    )
    assert _personal(client, world, "root", c["id"]) == (None, None)
    assert "Trần Thị B" not in _history(client, world, "root", c["id"])
    exported = client.get("/api/v1/comments/export", headers=world.auth("root"))
    assert "Trần Thị B" not in exported.content.decode("utf-8-sig")


def test_only_those_who_see_personal_data_may_change_it(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    """Otherwise a no-op edit (the version stays) would confirm a guessed name."""
    c = post_comment(
        client, world, "entry_a1", campaign.comment(world, contributor_name="Trần Thị B")
    )
    for guess in ("Trần Thị B", "Nguyễn Văn C", None):
        resp = client.patch(
            f"/api/v1/comments/{c['id']}",
            headers=world.auth("secretary_c1"),
            json={"contributor_name": guess},
        )
        assert resp.status_code == 403, resp.text
        assert resp.headers["content-type"].startswith("application/problem+json")
    edited = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("entry_a1"),
        json={"contributor_name": "Trần Thị Bích"},
    )
    assert edited.status_code == 200 and edited.json()["contributor_name"] == "Trần Thị Bích"


def _entered_in_c1(client: TestClient, world: World, campaign: Campaign) -> Any:
    return post_comment(
        client,
        world,
        "secretary_c1",
        campaign.comment(
            world,
            unit="C1",
            contributor_name="Lê Văn D",
            contributor_contact="Tổ 3, phường Vĩnh Thanh Vân",
        ),
    )


def test_erasure_by_each_role(
    client: TestClient, world: World, c1_staff: World, campaign: Campaign
) -> None:
    key = client.post(
        "/api/v1/api-keys",
        headers=world.auth("admin_p"),
        json={"name": "báo cáo", "unit_id": world.units["P"]},
    )
    key_headers = {"Authorization": f"Bearer {key.json()['key']}"}
    c = _entered_in_c1(client, world, campaign)
    url = f"/api/v1/comments/{c['id']}/contributor"
    refused = [
        ("entry_c1", 403),  # sees the data, may not erase it
        ("viewer_c1", 403),
        ("admin_d1", 403),  # above the entering unit
        ("secretary_p", 403),
        ("root", 403),
        ("secretary_c2", 404),  # a sibling subtree does not learn that it exists
        ("entry_a3", 403),  # the role gate comes first
    ]
    for who, status in refused:
        resp = client.delete(url, headers=world.auth(who))
        assert resp.status_code == status, (who, resp.text)
        assert resp.headers["content-type"].startswith("application/problem+json")
    assert client.delete(url, headers=key_headers).status_code == 403
    assert _personal(client, world, "admin_c1", c["id"]) == (
        "Lê Văn D",
        "Tổ 3, phường Vĩnh Thanh Vân",
    )
    missing = client.delete(
        f"/api/v1/comments/{uuid.uuid4()}/contributor", headers=world.auth("admin_c1")
    )
    assert missing.status_code == 404
    bad = client.delete("/api/v1/comments/not-an-id/contributor", headers=world.auth("admin_c1"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["path", "comment_id"]
    for who in ("admin_c1", "secretary_c1"):
        c = _entered_in_c1(client, world, campaign)
        url = f"/api/v1/comments/{c['id']}/contributor"
        resp = client.delete(url, headers=world.auth(who))
        assert resp.status_code == 204, (who, resp.text)
        assert _personal(client, world, "admin_c1", c["id"]) == (None, None)


def test_erasure_empties_the_history_and_keeps_the_comment(
    client: TestClient,
    world: World,
    c1_staff: World,
    campaign: Campaign,
    engine: Engine,
) -> None:
    c = _entered_in_c1(client, world, campaign)
    client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("entry_c1"),
        json={"contributor_name": "Lê Văn Đức", "people": 3},
    )
    # Moved where the entering commune no longer reads it: its secretary may still erase.
    moved = client.patch(
        f"/api/v1/comments/{c['id']}",
        headers=world.auth("admin_d1"),
        json={"unit_id": world.units["D1"]},
    )
    assert moved.status_code == 200, moved.text
    assert (
        client.get(f"/api/v1/comments/{c['id']}", headers=world.auth("secretary_c1")).status_code
        == 404
    )
    before = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"consultation_id": campaign.consultation_id},
        headers=world.auth("admin_p"),
    ).json()
    resp = client.delete(
        f"/api/v1/comments/{c['id']}/contributor", headers=world.auth("secretary_c1")
    )
    assert resp.status_code == 204, resp.text
    with Session(engine) as s:
        stored = s.scalar(select(Comment).where(Comment.id == uuid.UUID(c["id"])))
        assert stored is not None and stored.deleted_at is None and stored.people == 3
        assert stored.contributor_name is None and stored.contributor_contact is None
        versions = list(
            s.scalars(select(CommentVersion).where(CommentVersion.comment_seq == stored.seq))
        )
        audit = list(s.scalars(select(AuditEvent).where(AuditEvent.entity == "comment")))
    dump = str([(v.before, v.after) for v in versions]) + str([(a.before, a.after) for a in audit])
    for value in ("Lê Văn D", "Tổ 3", "Đức"):
        assert value not in dump
    assert [v.action for v in sorted(versions, key=lambda v: v.version)][-1] == "erase"
    assert [(a.action, a.entity_id) for a in audit] == [("erase_contributor", c["id"])]
    assert audit[0].after == {"erased": ["contributor_name", "contributor_contact"]}
    history = client.get(
        f"/api/v1/comments/{c['id']}/history", headers=world.auth("admin_d1")
    ).json()["items"]
    assert history[-1]["action"] == "erase"
    assert history[-1]["changed"] == ["contributor_contact", "contributor_name"]
    after = client.get(
        f"/api/v1/units/{world.units['P']}/stats",
        params={"consultation_id": campaign.consultation_id},
        headers=world.auth("admin_p"),
    ).json()
    assert after == before
    again = client.delete(
        f"/api/v1/comments/{c['id']}/contributor", headers=world.auth("secretary_c1")
    )
    assert again.status_code == 204
