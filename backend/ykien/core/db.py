"""Engine, sessions and the shared model base: SQLite (WAL, foreign keys) or PostgreSQL (psycopg 3).

Sessions are opened per request by ``get_session`` and committed there, once, at the request
boundary; services only ``flush``. On SQLite, write requests begin with ``BEGIN IMMEDIATE`` so two
writers queue on the busy timeout instead of failing to upgrade a read lock.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, String, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel

from ykien.core.config import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata: MetaData = SQLModel.metadata

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Driver-level writes (core/bulk.py) pass dates straight to sqlite3: store them as SQLAlchemy's
# Date type does ('YYYY-MM-DD'), explicitly rather than through sqlite3's deprecated default.
sqlite3.register_adapter(date, date.isoformat)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python, on both engines."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def code_type(length: int) -> Any:
    """Text that compares byte-wise on every engine (SQLite does already; PostgreSQL with the
    "C" collation): enumeration codes in a wide key that every write searches, where a locale's
    comparison cost ~10 % of PostgreSQL's upsert, and paths."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def path_type() -> Any:
    """Materialised paths compare byte-wise on every engine (``/1/5/`` < ``/1/50``)."""
    return code_type(255)


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(
    url: str,
    *,
    pool_size: int = 20,
    max_overflow: int | None = None,
    connect_timeout: int | None = None,
) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        _configure_sqlite(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # No JIT: the app's queries are short, and compiling one (PostgreSQL does so for any plan
    # above jit_above_cost, e.g. a subtree's leaf cells) costs ~60 ms more than it saves.
    # random_page_cost 1.1 (the default 4 is a spinning disk's): the roll-up cells are read in
    # place from memory or SSD, and with 4 the planner chose a scan of the whole table for the
    # centre's 34 provinces' cells (1 M comments: 668 ms, against 43 ms through the key).
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size if max_overflow is None else max_overflow,
        pool_pre_ping=False,
        connect_args={
            "options": "-c jit=off -c random_page_cost=1.1",
            **({"connect_timeout": connect_timeout} if connect_timeout else {}),
        },
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own is deferred only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: an acknowledged commit survives power loss, not only a process crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )


def new_session(engine: Engine | None = None, *, write: bool = False) -> Session:
    """A session; ``write=True`` takes SQLite's write lock at BEGIN (no-op on PostgreSQL)."""
    engine = engine or get_engine()
    if write and engine.dialect.name == "sqlite":
        engine = engine.execution_options(sqlite_begin="IMMEDIATE")
    return Session(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None, *, write: bool = True) -> Iterator[Session]:
    """Commit on success, roll back on error: the request boundary, also used by the CLI."""
    session = new_session(engine, write=write)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
