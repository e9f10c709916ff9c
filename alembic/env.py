"""Alembic environment over the models' metadata. The URL comes from the caller or the settings.

One migrator at a time, and the whole upgrade in one transaction on both engines: PostgreSQL
takes a transaction-scoped advisory lock before reading the version; SQLite (whose DDL is
transactional too) begins with its write lock (BEGIN IMMEDIATE) and waits for it long enough
for another upgrade to finish. A second `ykien migrate` then finds the head and does nothing.
Each upgrade also records the head's ancestry (``ykien.core.migrations.record_history``).
"""

from typing import Any

from alembic import context
from sqlalchemy import Connection, event, text

from ykien.core.config import get_settings
from ykien.core.db import make_engine
from ykien.core.migrations import MIGRATION_LOCK, include_object, record_history
from ykien.models import metadata

config = context.config
SQLITE_MIGRATION_BUSY_TIMEOUT_MS = 600_000


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.execution_options(sqlite_begin="IMMEDIATE")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=sqlite,
        compare_type=True,
        include_object=include_object,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        if not sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()
        record_history(connection, context.script, context.get_context().get_current_heads())


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.attributes.get("database_url") or get_settings().database_url
    engine = make_engine(url, pool_size=1)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _wait_for_another_migrator(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_MIGRATION_BUSY_TIMEOUT_MS}")

    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run against a database.")
run_migrations_online()
