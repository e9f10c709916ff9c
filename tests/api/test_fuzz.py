"""Schemathesis over our own OpenAPI document: no input, however odd, gets a server error.

Every operation is fuzzed on both engines, authenticated as a province admin (a fresh token per
example, so that an example logging out does not blind the rest).
"""

from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine

from tests.conftest import World
from ykien.accounts.models import User
from ykien.accounts.service import issue_token
from ykien.core.config import Settings
from ykien.core.db import session_scope
from ykien.main import create_app

MAX_EXAMPLES = 30


# One app for the schema; each test points it at its own database (read per request).
APP: FastAPI = create_app(
    Settings(
        database_url="sqlite://",
        log_json=False,
        frontend_dist=Path("/nonexistent"),
    )
)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


def _fresh_token(engine: Engine, settings: Settings, user_id: int) -> str:
    with session_scope(engine) as session:
        user = session.get(User, user_id)
        assert user is not None
        token, _ = issue_token(session, settings=settings, user=user)
    return token


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: Any, world: World, engine: Engine, settings: Settings) -> None:
    APP.state.engine = engine
    token = _fresh_token(engine, settings, world.users["admin_p"])
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:500]}"
    )
    if response.status_code >= 400:
        content_type = response.headers.get("content-type") or [""]
        assert content_type[0] == "application/problem+json", response.text[:200]
