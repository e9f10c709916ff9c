"""Logging in, in short transactions of its own: the slow password check holds no lock.

argon2 is slow on purpose (tens to hundreds of milliseconds). On SQLite a write transaction holds
the database's one write lock, so a check inside it made every board's write wait behind a flood
of wrong passwords (and, on any engine, held a pooled connection meanwhile). A login therefore
(1) checks the throttle, counts the attempt as a failure before it is judged (so parallel
attempts cannot pass the limit together) and reads the user, in one short transaction; (2) checks
the password with no transaction open; (3) records the outcome in a second short transaction: a
success clears the failures, issues a token and is audited; a failure is audited.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, delete, func, select
from sqlmodel import Session, col

from ykien.accounts.models import LoginFailure, User
from ykien.accounts.service import issue_token
from ykien.core.audit import Actor, record
from ykien.core.config import Settings
from ykien.core.db import session_scope, utcnow
from ykien.core.errors import TooManyRequests, Unauthorized
from ykien.core.metrics import LOGIN_FAILURES
from ykien.core.security import verify_password


@dataclass(frozen=True)
class LoggedIn:
    user: User
    token: str
    ttl: int


def _check_throttle(session: Session, *, settings: Settings, username: str, address: str) -> None:
    since = utcnow() - timedelta(minutes=settings.login_window_minutes)
    count, oldest = session.execute(
        select(func.count(), func.min(col(LoginFailure.at))).where(
            col(LoginFailure.username) == username,
            col(LoginFailure.address) == address,
            col(LoginFailure.at) >= since,
        )
    ).one()
    if count >= settings.login_max_failures:
        retry = int(
            (oldest + timedelta(minutes=settings.login_window_minutes) - utcnow()).total_seconds()
        )
        raise TooManyRequests(
            f"Too many failed logins for {username!r} from this address; try again later.",
            retry_after=retry + 1,
        )


def login(
    engine: Engine, *, settings: Settings, username: str, password: str, address: str
) -> LoggedIn:
    username = username.strip().lower()[:64]
    with session_scope(engine) as session:
        _check_throttle(session, settings=settings, username=username, address=address)
        session.add(LoginFailure(username=username, address=address))
        user = session.scalar(select(User).where(col(User.username) == username))
    ok = verify_password(password, user.password_hash if user else None)
    with session_scope(engine) as session:
        if user is None or not ok or not user.is_active:
            record(
                session,
                # Someone claiming the username: no id, whoever it was.
                Actor("user", None, username, user.unit_id if user else None),
                "login_failed",
                "user",
                user.id if user else "",
                after={"username": username, "address": address},
            )
        else:
            session.execute(
                delete(LoginFailure).where(
                    col(LoginFailure.username) == username, col(LoginFailure.address) == address
                )
            )
            token, ttl = issue_token(session, settings=settings, user=user)
            record(
                session,
                Actor("user", user.id, user.username, user.unit_id),
                "login",
                "user",
                user.id,
                after={"address": address},
            )
            return LoggedIn(user, token, ttl)
    LOGIN_FAILURES.inc()
    raise Unauthorized("Wrong username or password.")
