"""Alembic owns the schema: after `upgrade head` the database matches the models exactly; two
migrators at once wait for each other; a newer schema descending from the code's serves it."""

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command as alembic_command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import ENGINES, IN_CI, PG_URL, _pg_admin_url
from ykien.cli import migrate_database
from ykien.core.config import ROOT_DIR, Settings
from ykien.core.db import make_engine
from ykien.core.migrations import (
    SchemaMismatch,
    SchemaState,
    alembic_config,
    head_revision,
    include_object,
    schema_state,
)
from ykien.main import create_app
from ykien.models import metadata
from ykien.stats.layout import stored_version
from ykien.stats.rollup import LAYOUT_VERSION


# SQLite's reflection cannot read an index on an expression (PostgreSQL's can); those indexes
# are not in the models' metadata anyway (``include_object`` leaves them out).
@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index ix_comment_scope"
)
def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert ctx.get_current_revision() == head_revision()
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_constraints_follow_the_naming_convention(engine: Engine) -> None:
    insp = inspect(engine)
    assert insp.get_pk_constraint("unit")["name"] == "pk_unit"
    fks = {fk["name"] for fk in insp.get_foreign_keys("user_account")}
    assert "fk_user_account_unit_id_unit" in fks
    uniques = {uq["name"] for uq in insp.get_unique_constraints("unit")}
    assert "uq_unit_code" in uniques


def test_text_compares_byte_wise_on_sqlite(engine: Engine) -> None:
    """Paths and codes compare byte-wise on SQLite through its default collation (BINARY): no
    column of the schema declares another."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's collations; PostgreSQL's are checked against the models below")
    with engine.connect() as conn:
        ddl = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
        declaring = [name for name, sql in ddl if "COLLATE" in sql.upper()]
        inside = conn.execute(text("SELECT '/1/5/' < '/1/50', 'B' < 'a'")).one()
    assert declaring == []
    assert tuple(inside) == (1, 1)


def test_columns_have_the_models_collations(engine: Engine) -> None:
    """Alembic's comparison ignores collations; byte-wise paths and codes depend on them."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's collations; SQLite's default is checked above")
    want = {
        (table.name, column.name): collation
        for table in metadata.tables.values()
        for column in table.columns
        if (collation := getattr(column.type.dialect_impl(engine.dialect), "collation", None))
    }
    assert ("stat_cell", "category") in want and ("unit", "path") in want
    with engine.connect() as conn:
        found = {
            (table, column): collation
            for table, column, collation in conn.execute(
                text(
                    "SELECT table_name, column_name, collation_name FROM "
                    "information_schema.columns WHERE table_schema = current_schema()"
                )
            )
        }
    assert {key: found[key] for key in want} == want


# --- upgrades while serving: concurrent migrators, a schema newer than the code ---------------

NEXT_YEAR = '''"""next year's expansion: a new table, nothing dropped

Revision ID: 0123456789ab
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "0123456789ab"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("next_year", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("next_year")
'''


@pytest.fixture(params=ENGINES)
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of each engine, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI must set YKIEN_TEST_POSTGRES_URL")
        pytest.skip("PostgreSQL tests need YKIEN_TEST_POSTGRES_URL")
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"ykien_fresh_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _state(url: str) -> SchemaState:
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as conn:
            return schema_state(conn)
    finally:
        engine.dispose()


def _readyz(url: str, tmp_path: Path) -> tuple[int, dict[str, Any]]:
    settings = Settings(database_url=url, demo=False, frontend_dist=tmp_path / "no-frontend")
    engine = make_engine(url, pool_size=1)
    try:
        with TestClient(create_app(settings, engine)) as client:
            resp = client.get("/readyz")
    finally:
        engine.dispose()
    return resp.status_code, resp.json()


def test_two_migrates_at_once_on_a_fresh_database(fresh_url: str) -> None:
    env = {**os.environ, "YKIEN_DATABASE_URL": fresh_url}
    command = [sys.executable, "-c", "from ykien.cli import app; app()", "migrate"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outcomes = [(run.wait(timeout=600), run.communicate()[1].decode()) for run in runs]
    assert [code for code, _err in outcomes] == [0, 0], outcomes
    assert _state(fresh_url).status == "current"
    engine = make_engine(fresh_url, pool_size=1)
    with engine.connect() as conn:
        assert stored_version(conn) == LAYOUT_VERSION
    engine.dispose()


def test_a_newer_schema_that_descends_from_the_code_serves_it(
    fresh_url: str, tmp_path: Path
) -> None:
    migrate_database(fresh_url)
    scripts = tmp_path / "next-year-alembic"
    shutil.copytree(ROOT_DIR / "alembic", scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "20991127_0000_0123456789ab_next_year.py").write_text(
        NEXT_YEAR.format(head=head_revision())
    )
    alembic_command.upgrade(alembic_config(fresh_url, script_location=str(scripts)), "head")

    state = _state(fresh_url)
    assert (state.status, state.revision, state.head) == ("ahead", "0123456789ab", head_revision())
    status, body = _readyz(fresh_url, tmp_path)
    assert status == 200 and body["status"] == "ok", body
    assert migrate_database(fresh_url) is False  # `migrate` and `serve` start, change nothing
    assert _state(fresh_url).revision == "0123456789ab"


def test_a_schema_the_code_does_not_descend_from_is_refused(fresh_url: str, tmp_path: Path) -> None:
    migrate_database(fresh_url)
    engine = make_engine(fresh_url, pool_size=1)
    with engine.begin() as conn:  # another branch's revision, and no history naming ours
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
        conn.execute(text("DELETE FROM alembic_history"))
    engine.dispose()

    assert _state(fresh_url).status == "unknown"
    status, body = _readyz(fresh_url, tmp_path)
    assert status == 503 and body["status"] == "incompatible", body
    with pytest.raises(SchemaMismatch):
        migrate_database(fresh_url)
