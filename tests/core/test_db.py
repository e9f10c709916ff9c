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


def test_the_pool_has_the_configured_size(db_url: str) -> None:
    """YKIEN_DB_POOL_SIZE and YKIEN_DB_MAX_OVERFLOW, per worker, reach the app's engine."""
    from sqlalchemy.pool import QueuePool

    from ykien.core.config import Settings
    from ykien.main import create_app

    if not db_url.startswith("postgresql"):
        return  # SQLite's pool is one file's connections, not sized
    settings = Settings(database_url=db_url, db_pool_size=7, db_max_overflow=3)
    engine = create_app(settings).state.engine
    try:
        assert isinstance(engine.pool, QueuePool)
        assert engine.pool.size() == 7
        assert engine.pool._max_overflow == 3
    finally:
        engine.dispose()
