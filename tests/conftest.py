"""Test harness: every storage test runs on SQLite and on PostgreSQL, each test on a clean database.

SQLite: each test gets a copy of a migrated template file. PostgreSQL (``YKIEN_TEST_POSTGRES_URL``,
e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``): one migrated database per test worker,
emptied after every test. Without that variable the PostgreSQL half is skipped with a reason —
except in CI (``CI`` set), where it fails instead, so it cannot be skipped silently.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from ykien.core.config import Settings
from ykien.core.db import make_engine
from ykien.core.migrations import upgrade
from ykien.main import create_app
from ykien.models import metadata

PG_URL = os.environ.get("YKIEN_TEST_POSTGRES_URL")
IN_CI = bool(os.environ.get("CI"))
ENGINES = ["sqlite", "postgresql"]


def pytest_report_header() -> str:
    return f"PostgreSQL tests: {'on ' + PG_URL if PG_URL else 'OFF (set YKIEN_TEST_POSTGRES_URL)'}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _pg_admin_url() -> str:
    assert PG_URL
    url = PG_URL
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


@pytest.fixture(scope="session")
def pg_database(worker_id: str) -> Iterator[str]:
    if not PG_URL:
        if IN_CI:
            pytest.fail(
                "CI must set YKIEN_TEST_POSTGRES_URL: the PostgreSQL half may not be skipped"
            )
        pytest.skip(
            "PostgreSQL tests need YKIEN_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)"
        )
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"ykien_test_{worker_id}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    return str(getattr(request.config, "workerinput", {}).get("workerid", "main"))


def _truncate_all(engine: Engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of each engine."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "ykien.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("pg_database")
    yield url
    cleaner = make_engine(url, pool_size=1)
    _truncate_all(cleaner)
    cleaner.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        database_url=db_url,
        demo=False,
        frontend_dist=tmp_path / "no-frontend",
        log_json=False,
    )


@pytest.fixture
def app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings, engine)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@dataclass
class World:
    """A small hierarchy with one account per role at several levels (see ``world`` below)."""

    units: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


from tests.factories import Campaign, build_campaign, build_world  # noqa: E402


@pytest.fixture
def world(engine: Engine, settings: Settings) -> World:
    """Province P > districts D1, D2 > communes C1 (D1), C2 (D2) > areas A1, A2 (C1), A3 (C2)."""
    return build_world(engine, settings, World())


@pytest.fixture
def campaign(world: World, client: TestClient) -> Campaign:
    """A consultation owned by P (opened 60 days ago) with two documents, and a meeting in A1."""
    return build_campaign(client, world)
