"""Alembic owns the schema: after `upgrade head` the database matches the models exactly."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from ykien.core.migrations import head_revision, include_object
from ykien.models import metadata


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
