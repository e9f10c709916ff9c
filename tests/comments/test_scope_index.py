"""A list's page is found in seq order by the scope's index, not by sorting the subtree.

The planners pick an index on an expression only when the query's expression is the same
(``units.scope.path_element`` against the migration's indexes): these tests fail when they
drift apart, whatever the data's size.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text

from tests.comments.support import post_comment
from tests.conftest import World
from tests.factories import Campaign


def _list_statement(
    client: TestClient, engine: Engine, headers: dict[str, str], **params: Any
) -> tuple[str, Any]:
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM comment" in statement and "ORDER BY" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        resp = client.get("/api/v1/comments", params=params, headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert resp.status_code == 200, resp.text
    return seen[-1]


def _plan(engine: Engine, statement: str, parameters: Any) -> str:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "postgresql":
            cur.execute("EXPLAIN " + statement, parameters)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        plan = "\n".join(str(row[-1] if engine.dialect.name == "sqlite" else row[0]) for row in cur)
        raw.rollback()
    finally:
        raw.close()
    return plan


def _index_expression(engine: Engine, depth: int) -> str:
    """The scope index's expression as PostgreSQL prints it: "split_part((unit_path)::text, …)"."""
    with engine.connect() as conn:
        definition = conn.execute(
            text("SELECT pg_get_indexdef(CAST(:name AS regclass))"),
            {"name": f"ix_comment_scope_{depth}"},
        ).scalar_one()
    return str(definition).split("btree (", 1)[1].rsplit(", seq)", 1)[0]


@pytest.mark.parametrize(
    ("who", "depth"), [("secretary_p", 1), ("secretary_c1", 3), ("entry_a1", 4)]
)
def test_each_scope_pages_through_its_own_index(
    client: TestClient, engine: Engine, world: World, campaign: Campaign, who: str, depth: int
) -> None:
    post_comment(client, world, "entry_a1", campaign.comment(world, unit="A1"))
    plan = _plan(engine, *_list_statement(client, engine, world.auth(who)))
    if engine.dialect.name == "postgresql":
        # On tiny tables PostgreSQL's costs of the scope's index and of the primary key walked
        # backwards tie; what must hold whatever the data is that the query's expression is the
        # index's, as PostgreSQL normalises both (then the planner can match them; bench.peer
        # shows the plan at 1 M comments).
        assert _index_expression(engine, depth) in plan, plan
    else:
        assert f"ix_comment_scope_{depth}" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # no sort


def test_a_unit_filter_pages_through_the_units_index(
    client: TestClient, engine: Engine, world: World, campaign: Campaign
) -> None:
    post_comment(client, world, "entry_a1", campaign.comment(world, unit="A1"))
    statement = _list_statement(
        client, engine, world.auth("secretary_p"), unit_id=world.units["C1"]
    )
    plan = _plan(engine, *statement)
    if engine.dialect.name == "postgresql":
        assert _index_expression(engine, 3) in plan, plan
    else:
        assert "ix_comment_scope_3" in plan, plan
