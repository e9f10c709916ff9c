"""Request-scoped dependencies shared by every router: settings and the database session."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlmodel import Session

from ykien.core.config import Settings
from ykien.core.db import session_scope

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine_dep(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent (scope="function")."""
    with session_scope(
        request.app.state.engine, write=request.method not in SAFE_METHODS
    ) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
EngineDep = Annotated[Engine, Depends(get_engine_dep)]
"""For the few routes that run transactions of their own (a login checks its password between
two), instead of the request's one."""
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
