"""Single comments posted at once: each stored exactly once, counted once, in its history, and
answered only after its commit; one refused comment fails nobody else (group commit on
PostgreSQL, each request's own transaction on SQLite)."""

import threading
import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from tests.comments.support import post_comment
from tests.conftest import World
from tests.factories import Campaign
from ykien.accounts.service import resolve_secret
from ykien.comments import entry
from ykien.comments.models import Comment, CommentVersion
from ykien.comments.schemas import CommentCreate
from ykien.core.db import session_scope
from ykien.core.errors import Conflict, ProblemError
from ykien.stats.recount import recount

CLERKS = [("entry_a1", "A1"), ("entry_a2", "A2"), ("secretary_c1", "A1"), ("entry_a3", "A3")]
EACH = 12


def test_concurrent_singles_are_stored_once_and_counted_once(
    app: FastAPI, client: TestClient, engine: Engine, world: World, campaign: Campaign
) -> None:
    taken = post_comment(client, world, "entry_a2", campaign.comment(world, unit="A2"))
    answers: dict[str, list[tuple[int, Any]]] = {who: [] for who, _ in CLERKS}
    start = threading.Barrier(len(CLERKS))

    def clerk(who: str, unit: str) -> None:
        with TestClient(app) as http:
            start.wait()
            for n in range(EACH):
                body = campaign.comment(world, unit=unit, id=str(uuid.uuid4()), people=n % 3 + 1)
                if who == "entry_a1" and n == EACH // 2:
                    body["id"] = taken["id"]  # another clerk's comment: 409, for this one only
                resp = http.post("/api/v1/comments", json=body, headers=world.auth(who))
                answers[who].append((resp.status_code, resp.json()))

    threads = [threading.Thread(target=clerk, args=args) for args in CLERKS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    refused = [(who, a) for who, got in answers.items() for a in got if a[0] != 201]
    assert len(refused) == 1, refused
    assert refused[0][0] == "entry_a1" and refused[0][1][0] == 409
    created = {a[1]["id"] for got in answers.values() for a in got if a[0] == 201}
    assert len(created) == len(CLERKS) * EACH - 1
    with Session(engine) as s:
        stored = {str(i) for i in s.scalars(select(col(Comment.id)))}
        versions = s.scalar(select(func.count()).select_from(CommentVersion))
    assert stored == created | {taken["id"]}  # every acknowledged one, nothing else
    assert versions == len(stored)  # each with its creation in the history
    report = recount(engine)
    assert report.differences == 0, report  # counted once each in the roll-ups
    if engine.dialect.name == "postgresql":
        commits = app.state.comment_commits
        assert 0 < commits.groups <= len(created)


def test_a_retry_is_answered_from_the_stored_comment(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    body = campaign.comment(world, unit="A1", id=str(uuid.uuid4()))
    first = client.post("/api/v1/comments", json=body, headers=world.auth("entry_a1"))
    again = client.post("/api/v1/comments", json=body, headers=world.auth("entry_a1"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other = client.post(
        "/api/v1/comments", json={**body, "people": 9}, headers=world.auth("entry_a1")
    )
    assert other.status_code == 409
    assert other.json()["errors"][0]["loc"] == ["body", "id"]


def test_one_id_sent_twice_in_a_group_is_stored_once(
    engine: Engine, world: World, campaign: Campaign
) -> None:
    body = CommentCreate.model_validate(campaign.comment(world, unit="A1", id=str(uuid.uuid4())))
    token = world.auth("entry_a1")["Authorization"].removeprefix("Bearer ")
    with session_scope(engine) as s:
        caller = resolve_secret(s, token)
        assert caller is not None
        first = entry.prepare_single(s, caller, body)
        again = entry.prepare_single(s, caller, body)
        other = entry.prepare_single(s, caller, body.model_copy(update={"people": 7}))
        outcomes = entry.store(s, [first, again, other])
    assert not isinstance(outcomes[0], ProblemError) and outcomes[0][0].new
    assert not isinstance(outcomes[1], ProblemError) and not outcomes[1][0].new
    assert isinstance(outcomes[2], Conflict)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Comment)) == 1
        assert s.scalar(select(func.count()).select_from(CommentVersion)) == 1
    assert recount(engine).differences == 0
