"""Test harness: every storage test runs on SQLite and on PostgreSQL, each test on a clean database.

A test starts from one of four states, built once per engine and test worker: an empty migrated
database, the ``world`` (units and one account per role), the world with a ``campaign``, or the
``demo`` data set (Kiên Giang, as ``ykien serve`` loads it with ``YKIEN_DEMO=1``). The state is
chosen from the fixtures the test asks for: ask for ``world``, ``campaign`` or ``demo``.

SQLite: each test gets a copy of the state's template file. PostgreSQL
(``YKIEN_TEST_POSTGRES_URL``, e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``): one
migrated database per test worker, brought back to the state's rows and sequences before every
test; the demo, too big to restore row by row, is a template database of its own that each test
gets a fresh copy of (``CREATE DATABASE … TEMPLATE``), dropped after the test. Without that
variable the PostgreSQL half is skipped with a reason — except in CI (``CI`` set), where it fails
instead, so it cannot be skipped silently.

Loading the demo costs seconds of CPU per engine: mark the tests that ask for ``demo`` with
``pytestmark = [pytest.mark.xdist_group("demo"), pytest.mark.timeout(900)]`` so that one worker
builds it once per engine (``make test`` runs ``--dist loadgroup``), in the setup of its first
test, which the 300 s hang guard would cut short on a loaded machine. Every test may write to
its copy freely.

Tests marked ``engine_neutral`` (HTTP behaviour that no database decides: error format, headers,
authentication) run on SQLite only.
"""

import copy
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, literal, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from tests.factories import Campaign, build_campaign, build_world
from ykien.core.config import Settings
from ykien.core.db import make_engine, session_scope
from ykien.core.migrations import upgrade
from ykien.demo.loader import database_is_empty, load_demo
from ykien.main import create_app
from ykien.models import metadata

# Read when the first password is hashed (get_settings()), after this module is imported: argon2
# at its floor, so that a thousand logins cost nothing.
os.environ.setdefault("YKIEN_PASSWORD_HASH_COST", "minimal")

PG_URL = os.environ.get("YKIEN_TEST_POSTGRES_URL")
IN_CI = bool(os.environ.get("CI"))
ENGINES = ["sqlite", "postgresql"]
State = Literal["empty", "world", "campaign", "demo"]


def pytest_report_header() -> str:
    return f"PostgreSQL tests: {'on ' + PG_URL if PG_URL else 'OFF (set YKIEN_TEST_POSTGRES_URL)'}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "engine_neutral: HTTP behaviour no database decides; runs on SQLite only"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep, drop = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        engine = params.params.get("database") if params else None
        neutral = item.get_closest_marker("engine_neutral") is not None
        (drop if neutral and engine == "postgresql" else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@dataclass
class World:
    """A small hierarchy with one account per role at several levels (see ``world`` below)."""

    units: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@dataclass(frozen=True)
class Demo:
    """The demo data set as loaded: whether the database was empty first, and the accounts
    ``load_demo`` returned (username, role, level, unit name)."""

    was_empty: bool
    accounts: list[tuple[str, str, str, str]]


@dataclass(frozen=True)
class Seed:
    """What a state holds, as the tests name it."""

    world: World | None = None
    campaign: Campaign | None = None
    demo: Demo | None = None


@dataclass(frozen=True)
class Database:
    url: str
    seed: Seed


def _state(request: pytest.FixtureRequest) -> State:
    names = request.fixturenames
    if "demo" in names:
        return "demo"
    return "campaign" if "campaign" in names else "world" if "world" in names else "empty"


def _template_settings(url: str, tmp: Path) -> Settings:
    return Settings(database_url=url, demo=False, frontend_dist=tmp / "none", log_json=False)


def _seed(state: State, engine: Engine, settings: Settings, below: Seed) -> Seed:
    """Build ``state`` on a database holding the state below it (empty, then world)."""
    if state == "world":
        return Seed(world=build_world(engine, settings, World()))
    if state == "demo":
        with session_scope(engine) as session:
            was_empty = database_is_empty(session)
            accounts = load_demo(session)
        return Seed(demo=Demo(was_empty, accounts))
    assert state == "campaign" and below.world is not None
    world = copy.deepcopy(below.world)
    with TestClient(create_app(settings, engine)) as client:
        return Seed(world=world, campaign=build_campaign(client, world))


BELOW: dict[State, State] = {"world": "empty", "campaign": "world", "demo": "empty"}
# On PostgreSQL, states too big to restore row by row before each test: a template database each.
COPIED_STATES: set[State] = {"demo"}

# --- SQLite: a template file per state --------------------------------------------------------


class SqliteTemplates:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[State, tuple[Path, Seed]] = {}

    def get(self, state: State) -> tuple[Path, Seed]:
        if state not in self.built:
            path = self.root / f"{state}.db"
            url = f"sqlite:///{path}"
            if state == "empty":
                upgrade(url)
                seed = Seed()
            else:
                below, below_seed = self.get(BELOW[state])
                shutil.copyfile(below, path)
                engine = make_engine(url)
                seed = _seed(state, engine, _template_settings(url, self.root), below_seed)
                engine.dispose()
            engine = create_engine(url)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
            self.built[state] = (path, seed)
        return self.built[state]


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    return SqliteTemplates(tmp_path_factory.mktemp("sqlite-templates"))


# --- PostgreSQL: one database per worker, restored to a state's rows before each test ----------


@dataclass
class Snapshot:
    rows: dict[str, list[dict[str, Any]]]
    sequences: dict[str, int | None]  # name → last value (None: never used)


_TABLES = metadata.sorted_tables  # parents before children


def _capture(engine: Engine) -> Snapshot:
    with engine.connect() as conn:
        rows = {t.name: [dict(r) for r in conn.execute(t.select()).mappings()] for t in _TABLES}
        sequences: dict[str, int | None] = dict(
            conn.execute(
                text(
                    "SELECT sequencename, last_value FROM pg_sequences"
                    " WHERE schemaname = current_schema()"
                )
            ).all()
        )
    return Snapshot(rows, sequences)


def _restore(engine: Engine, snapshot: Snapshot) -> None:
    """Every table back to the snapshot's rows, every sequence to its value, in one transaction.

    Small tables are emptied by DELETE (TRUNCATE makes new files for each table and index, which
    costs more than deleting a few rows); tables a test filled with thousands of rows by TRUNCATE.
    """
    names = [t.name for t in _TABLES]
    # Each table's rows, counted up to 1,000.
    sizes = select(
        *(
            select(func.count())
            .select_from(select(literal(1)).select_from(t).limit(1000).subquery())
            .scalar_subquery()
            for t in _TABLES
        )
    )
    with engine.begin() as conn:
        counts = conn.execute(sizes).one()
        big = [n for n, c in zip(names, counts, strict=True) if c >= 1000]
        if big:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{n}"' for n in big) + " CASCADE"))
        for table, count in reversed(list(zip(_TABLES, counts, strict=True))):
            if 0 < count < 1000:
                conn.execute(table.delete())
        for table in _TABLES:
            if snapshot.rows[table.name]:
                conn.execute(table.insert(), snapshot.rows[table.name])
        if snapshot.sequences:
            conn.execute(
                text(
                    "SELECT "
                    + ", ".join(
                        f"setval('\"{name}\"', {last}, true)"
                        if last is not None
                        else f"setval('\"{name}\"', 1, false)"
                        for name, last in snapshot.sequences.items()
                    )
                )
            )


class PgStates:
    def __init__(self, url: str, root: Path) -> None:
        self.url, self.root = url, root
        self.engine = make_engine(url, pool_size=1)
        self.built: dict[State, tuple[Snapshot, Seed]] = {"empty": (_capture(self.engine), Seed())}
        self.templates: dict[State, tuple[str, Seed]] = {}  # state → (template database, seed)

    def copy(self, state: State) -> tuple[str, Seed]:
        """A new database copied from the state's template database (built on first use)."""
        if state not in self.templates:
            name = _create_database(f"{make_url(self.url).database}_{state}")
            url = _database_url(name)
            upgrade(url)
            engine = make_engine(url, pool_size=2)
            seed = _seed(state, engine, _template_settings(url, self.root), Seed())
            engine.dispose()
            self.templates[state] = (name, seed)
        template, seed = self.templates[state]
        return _database_url(_create_database(f"{template}_copy", template=template)), seed

    def drop_templates(self) -> None:
        for name, _ in self.templates.values():
            _drop_database(name)

    def restore(self, state: State) -> Seed:
        if state not in self.built:
            below_seed = self.restore(BELOW[state])
            engine = make_engine(self.url, pool_size=2)
            seed = _seed(state, engine, _template_settings(self.url, self.root), below_seed)
            engine.dispose()
            self.built[state] = (_capture(self.engine), seed)
        snapshot, seed = self.built[state]
        _restore(self.engine, snapshot)
        return seed


def _pg_admin_url() -> str:
    assert PG_URL
    url = PG_URL
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _admin_sql(statement: str) -> None:
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(statement))
    admin.dispose()


def _create_database(prefix: str, *, template: str | None = None) -> str:
    """A new database named ``prefix`` and a random suffix (copied from ``template``)."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    _admin_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name


def _drop_database(name: str) -> None:
    _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database_url(name: str) -> str:
    return make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)


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
    name = _create_database(f"ykien_test_{worker_id}")
    url = _database_url(name)
    upgrade(url)
    yield url
    _drop_database(name)


@pytest.fixture(scope="session")
def pg_states(pg_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgStates]:
    states = PgStates(pg_database, tmp_path_factory.mktemp("pg-states"))
    yield states
    states.engine.dispose()
    states.drop_templates()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    return str(getattr(request.config, "workerinput", {}).get("workerid", "main"))


# --- the fixtures tests ask for ----------------------------------------------------------------


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database of each engine, in the state the test's fixtures ask for."""
    state = _state(request)
    if request.param == "sqlite":
        templates: SqliteTemplates = request.getfixturevalue("sqlite_templates")
        template, seed = templates.get(state)
        path = tmp_path / "ykien.db"
        shutil.copyfile(template, path)
        yield Database(f"sqlite:///{path}", seed)
        return
    states: PgStates = request.getfixturevalue("pg_states")
    if state in COPIED_STATES:
        url, seed = states.copy(state)
        yield Database(url, seed)
        _drop_database(str(make_url(url).database))
        return
    yield Database(states.url, states.restore(state))


@pytest.fixture
def db_url(database: Database) -> str:
    return database.url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
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


@pytest.fixture
def world(database: Database) -> World:
    """Province P > districts D1, D2 > communes C1 (D1), C2 (D2) > areas A1, A2 (C1), A3 (C2)."""
    assert database.seed.world is not None
    return copy.deepcopy(database.seed.world)


@pytest.fixture
def campaign(database: Database, world: World) -> Campaign:
    """A consultation owned by P (opened 60 days ago) with two documents, and a meeting in A1."""
    assert database.seed.campaign is not None
    return copy.deepcopy(database.seed.campaign)


@pytest.fixture
def demo(database: Database) -> Demo:
    """The demo data set (``load_demo`` on an empty database), built once per engine and worker;
    mark the test ``xdist_group("demo")``."""
    assert database.seed.demo is not None
    return copy.deepcopy(database.seed.demo)
