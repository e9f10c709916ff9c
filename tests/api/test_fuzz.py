"""Schemathesis over our own OpenAPI document: no input, however odd, gets a server error.

Every operation is fuzzed, authenticated as a province admin (a fresh token after an example that
logged out, so that it does not blind the rest). Each generated example is sent to both engines
in turn (a SQLite and a PostgreSQL database in the world's state): the engines differ in what
overflows and what they refuse, while generating the examples, which costs most, is done once.
"""

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine

from tests.conftest import IN_CI, PG_URL, PgStates, SqliteTemplates, World
from ykien.accounts.models import User
from ykien.accounts.service import issue_token
from ykien.core.config import Settings
from ykien.core.db import make_engine, session_scope
from ykien.main import create_app

MAX_EXAMPLES = 30

# One app for the schema; each call points it at one of the databases (read per request).
APP: FastAPI = create_app(
    Settings(database_url="sqlite://", log_json=False, frontend_dist=Path("/nonexistent"))
)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)
SETTINGS = Settings(database_url="sqlite://", log_json=False, frontend_dist=Path("/nonexistent"))


@pytest.fixture
def worlds(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_templates: SqliteTemplates
) -> Iterator[list[tuple[Engine, World]]]:
    """The world on each engine: SQLite always, PostgreSQL when configured (required in CI)."""
    template, seed = sqlite_templates.get("world")
    shutil.copyfile(template, tmp_path / "ykien.db")
    engines = [(make_engine(f"sqlite:///{tmp_path / 'ykien.db'}"), seed.world)]
    if PG_URL or IN_CI:
        states: PgStates = request.getfixturevalue("pg_states")
        engines.append((make_engine(states.url), states.restore("world").world))
    yield [(engine, copy.deepcopy(world)) for engine, world in engines if world is not None]
    for engine, _ in engines:
        engine.dispose()


def _fresh_token(engine: Engine, user_id: int) -> str:
    with session_scope(engine) as session:
        user = session.get(User, user_id)
        assert user is not None
        token, _ = issue_token(session, settings=SETTINGS, user=user)
    return token


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: Any, worlds: list[tuple[Engine, World]]) -> None:
    logs_out = case.method.upper() == "DELETE" and case.path.endswith("/auth/token")
    for engine, world in worlds:
        APP.state.engine = engine
        response = case.call(headers=world.auth("admin_p"))
        if logs_out:
            world.tokens["admin_p"] = _fresh_token(engine, world.users["admin_p"])
        where = f"{engine.dialect.name}: {case.method} {case.formatted_path}"
        status = response.status_code
        assert status < 500, f"{where} → {status}: {response.text[:500]}"
        if response.status_code >= 400:
            content_type = response.headers.get("content-type") or [""]
            assert content_type[0] == "application/problem+json", response.text[:200]
