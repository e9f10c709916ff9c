"""Every connection the app opens is set up as the documents promise (docs/operations.md)."""

from sqlalchemy import Engine


def test_connections_are_configured(engine: Engine) -> None:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # WAL with a full sync: an acknowledged commit survives power loss.
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        else:
            # Short queries: compiling one costs more than it saves.
            assert conn.exec_driver_sql("SHOW jit").scalar() == "off"
