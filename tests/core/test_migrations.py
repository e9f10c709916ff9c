"""Alembic owns the schema: after `upgrade head` the database matches the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

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
