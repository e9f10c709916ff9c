"""A pytest plugin that holds the OpenAPI document to what the tests see the API answer.

    uv run python -m pytest -p tests.api.openapi_statuses tests/

Every 4XX that any test receives is recorded with the operation that answered it; at the end,
a status the document does not list for that operation fails the run, naming it. The plugin is
opt-in (``-p``) because its verdict needs the whole suite: a subset proves less, never wrongly.
With xdist each worker writes what it saw, and the controller judges.
"""

import json
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from ykien.core.config import Settings
from ykien.core.openapi import _routes
from ykien.main import create_app

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]

_seen: set[tuple[str, int, int]] = set()  # (method, id of the route, status)
_routes_by_id: dict[int, APIRoute] = {}
_original_call = FastAPI.__call__


async def _recording_call(
    self: FastAPI,
    scope: Scope,
    receive: Callable[[], Awaitable[Message]],
    send: Callable[[Message], Awaitable[None]],
) -> None:
    status: list[int] = []

    async def send_and_note(message: Message) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])
        await send(message)

    await _original_call(self, scope, receive, send_and_note)
    route = scope.get("route")
    if status and 400 <= status[0] < 500 and isinstance(route, APIRoute):
        _routes_by_id[id(route)] = route
        _seen.add((scope["method"], id(route), status[0]))


def _folder(config: pytest.Config) -> Path:
    assert config.cache is not None
    return config.cache.mkdir("openapi-statuses")


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist)
        for old in _folder(config).glob("*.json"):
            old.unlink()
    FastAPI.__call__ = _recording_call  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    FastAPI.__call__ = _original_call  # type: ignore[method-assign]
    app = create_app(Settings(database_url="sqlite://", log_json=False))
    doc = app.openapi()
    paths = {id(route): path for (path, _), route in _routes(app).items()}
    seen = [
        {"method": m, "path": paths.get(r, _routes_by_id[r].path), "status": s} for m, r, s in _seen
    ]
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    (_folder(config) / f"{worker}.json").write_text(json.dumps(seen))
    if hasattr(config, "workerinput"):
        return
    missing = set()
    for file in _folder(config).glob("*.json"):
        for hit in json.loads(file.read_text()):
            op = doc["paths"].get(hit["path"], {}).get(hit["method"].lower())
            if op is not None and str(hit["status"]) not in op["responses"]:
                missing.add(f"{hit['method']} {hit['path']} → {hit['status']}")
    if missing:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_sep("=", "the OpenAPI document misses statuses the tests saw", red=True)
            for line in sorted(missing):
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
