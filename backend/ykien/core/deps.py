"""Request-scoped dependencies shared by every router: settings and the database session."""

import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.concurrency import contextmanager_in_threadpool
from sqlalchemy import Engine
from sqlmodel import Session

from ykien.core.config import Settings
from ykien.core.db import session_scope
from ykien.core.replicas import Replicas

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Dependencies that only read the app's state are ``async``: a plain ``def`` costs a hop to the
# thread pool and back per request (measured: a GET /me made seven such hops, the peer four).


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_engine_dep(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


READ_AFTER_WRITE_COOKIE = "ykien_rw"
"""Set on a write's answer while read replicas serve: until it expires, the client's reads go to
the primary, so that it reads what it has just written."""


def get_primary_session(request: Request, response: Response) -> Iterator[Session]:
    """One transaction per request on the primary, committed before the response is sent
    (scope="function"). Logins and the caller's credentials are always read here."""
    write = request.method not in SAFE_METHODS
    replicas: Replicas | None = getattr(request.app.state, "replicas", None)
    if write and replicas:  # a routing hint only: a forged one merely loads the primary
        seconds = request.app.state.settings.read_after_write_seconds
        response.set_cookie(
            READ_AFTER_WRITE_COOKIE,
            str(int(time.time() + seconds)),
            max_age=max(1, int(seconds)),
            path="/api",
            httponly=True,
            samesite="lax",
        )
    with session_scope(request.app.state.engine, write=write) as session:
        yield session


PrimarySessionDep = Annotated[Session, Depends(get_primary_session, scope="function")]


def _read_engine(request: Request) -> Engine | None:
    """A replica for this request's reads, or None (the primary): writes, a client that wrote
    moments ago, and every read while no replica is usable stay on the primary."""
    replicas: Replicas | None = getattr(request.app.state, "replicas", None)
    if not replicas or request.method not in SAFE_METHODS:
        return None
    until = request.cookies.get(READ_AFTER_WRITE_COOKIE, "")
    if until.isdigit() and int(until) > time.time():
        return None
    return replicas.pick()


@contextmanager
def snapshot_session(request: Request) -> Iterator[Session]:
    """A read-only session of its own for a streamed export (the request's is closed before a
    streamed body starts), on a replica when one serves, in one snapshot: PostgreSQL's
    REPEATABLE READ (SQLite's read transaction is one already), so a file read while others
    write holds the rows of one instant."""
    engine: Engine = _read_engine(request) or request.app.state.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with session_scope(engine, write=False) as session:
        yield session


async def get_session(request: Request, primary: PrimarySessionDep) -> AsyncIterator[Session]:
    """The request's session: the primary's, or for reads that tolerate a little lag a
    replica's (``YKIEN_READ_DATABASE_URL``). ``async``: the usual case only hands the primary's
    on; a replica's is opened and closed in the thread pool."""
    engine = _read_engine(request)
    if engine is None:
        yield primary
        return
    async with contextmanager_in_threadpool(session_scope(engine, write=False)) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
EngineDep = Annotated[Engine, Depends(get_engine_dep)]
"""For the few routes that run transactions of their own (a login checks its password between
two), instead of the request's one."""
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
