"""Sessions, users and API keys — all scoped by the caller's subtree (logging in: ``login.py``)."""

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, Select, delete, select, update
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.accounts.models import ApiKey, AuthToken, Role, User
from ykien.accounts.schemas import ApiKeyCreate, UserCreate, UserImportRow, UserUpdate
from ykien.core.audit import SYSTEM, record
from ykien.core.clock import today_vn
from ykien.core.config import Settings
from ykien.core.db import session_scope, utcnow
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound
from ykien.core.pagination import Key, keyset_page
from ykien.core.security import (
    API_KEY_PREFIX,
    TOKEN_PREFIX,
    hash_password,
    new_secret,
    secret_digest,
)
from ykien.units.models import Unit
from ykien.units.scope import EVERYTHING, Scope
from ykien.units.service import import_failed, unit_in_scope, validate_rows

MAX_USER_IMPORT_ROWS = 2_000
"""A province's areas fit; each row's password is hashed (argon2, slow on purpose)."""

# --- authentication -----------------------------------------------------------------------------


def issue_token(session: Session, *, settings: Settings, user: User) -> tuple[str, int]:
    token = new_secret(TOKEN_PREFIX)
    ttl = settings.token_ttl_hours * 3600
    assert user.id is not None
    session.add(
        AuthToken(
            token_digest=secret_digest(token),
            user_id=user.id,
            expires_at=utcnow() + timedelta(seconds=ttl),
        )
    )
    # Housekeeping kept cheap: expired tokens of this user go when it logs in again.
    session.execute(
        delete(AuthToken).where(
            col(AuthToken.user_id) == user.id, col(AuthToken.expires_at) < utcnow()
        )
    )
    return token, ttl


def revoke_token(session: Session, *, token: str) -> None:
    session.execute(delete(AuthToken).where(col(AuthToken.token_digest) == secret_digest(token)))


KEY_USE_PRECISION = timedelta(hours=1)
"""``last_used_at`` is refreshed when it is older than this: one write an hour per key at most."""


def resolve_secret(
    session: Session, secret: str, *, key_used: Callable[[int], None] | None = None
) -> Caller | None:
    """The caller a bearer secret (session token or API key) stands for, or None.

    ``key_used(key_id)`` is called when an API key's ``last_used_at`` is due for a refresh
    (``note_key_use``, after the answer: a read stays a read)."""
    digest = secret_digest(secret)
    if secret.startswith(API_KEY_PREFIX):
        row = session.execute(
            select(ApiKey, Unit)
            .join(Unit, col(Unit.id) == col(ApiKey.unit_id))
            .where(col(ApiKey.key_digest) == digest, col(ApiKey.revoked_at).is_(None))
        ).first()
        if row is None:
            return None
        key, path = row[0], row[1].path
        assert key.id is not None
        if key.expires_on is not None and key.expires_on < today_vn():
            return None
        if key_used is not None and (
            key.last_used_at is None or key.last_used_at < utcnow() - KEY_USE_PRECISION
        ):
            key_used(key.id)
        return Caller(
            kind="api_key",
            id=key.id,
            name=key.name,
            full_name=key.name,
            role=Role.viewer,
            unit_id=key.unit_id,
            scope=Scope(path),
        )
    if not secret.startswith(TOKEN_PREFIX):
        return None
    # The caller's unit is loaded whole: it stays in the session, and a route that asks for it
    # again (``GET /me``, the caller's own subtree) finds it there without another query.
    row = session.execute(
        select(User, col(AuthToken.expires_at), Unit)
        .join(AuthToken, col(AuthToken.user_id) == col(User.id))
        .outerjoin(Unit, col(Unit.id) == col(User.unit_id))
        .where(col(AuthToken.token_digest) == digest)
    ).first()
    if row is None:
        return None
    user, expires_at, unit = row
    path = unit.path if unit is not None else None
    if expires_at <= utcnow() or not user.is_active:
        return None
    assert user.id is not None
    return Caller(
        kind="user",
        id=user.id,
        name=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        unit_id=user.unit_id,
        scope=Scope(path) if user.unit_id is not None else EVERYTHING,
    )


def note_key_use(engine: Engine, key_id: int) -> None:
    """Refresh a key's ``last_used_at`` in a short transaction of its own (run after the answer)."""
    with session_scope(engine) as session:
        session.execute(
            update(ApiKey).where(col(ApiKey.id) == key_id).values(last_used_at=utcnow())
        )


# --- users --------------------------------------------------------------------------------------


def readable_users(caller: Caller) -> Select[User]:
    """The users ``caller`` may read: its subtree's; a superuser's: every user, superusers too."""
    stmt = select(User)
    if caller.is_superuser:
        return stmt
    return stmt.join(Unit, col(Unit.id) == col(User.unit_id)).where(
        caller.scope.condition(col(Unit.path))
    )


def _readable_user(session: Session, *, caller: Caller, user_id: int) -> User:
    user = session.scalar(readable_users(caller).where(col(User.id) == user_id))
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    return user


def create_user(session: Session, *, caller: Caller, data: UserCreate) -> User:
    """By an admin (gated on the route): a user of its subtree; a superuser only by a superuser."""
    if data.unit_id is None:
        if not caller.is_superuser:
            raise Forbidden("Only a superuser creates superusers.")
    else:
        unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    if session.scalar(select(col(User.id)).where(col(User.username) == data.username)) is not None:
        raise Conflict(f"The username {data.username!r} is taken.")
    user = User(
        username=data.username,
        full_name=data.full_name,
        password_hash=hash_password(data.password),
        unit_id=data.unit_id,
        role=data.role.value,
    )
    session.add(user)
    session.flush()
    record(
        session,
        caller.actor,
        "create",
        "user",
        user.id,
        after=data.model_dump(mode="json", exclude={"password"}),
    )
    return user


def update_user(session: Session, *, caller: Caller, user_id: int, data: UserUpdate) -> User:
    """By an admin (gated on the route), on a user of its subtree."""
    user = _readable_user(session, caller=caller, user_id=user_id)
    if user.id == caller.id and (data.role not in (None, Role.admin) or data.is_active is False):
        raise Invalid(
            ["body", "role" if data.role else "is_active"],
            "you cannot demote or deactivate yourself",
        )
    before = {"full_name": user.full_name, "role": user.role, "is_active": user.is_active}
    if data.full_name is not None:
        user.full_name = data.full_name
    if data.role is not None:
        user.role = data.role.value
    if data.is_active is not None:
        user.is_active = data.is_active
    if data.password is not None:
        user.password_hash = hash_password(data.password)
    if data.password is not None or data.is_active is False:
        session.execute(delete(AuthToken).where(col(AuthToken.user_id) == user.id))
    session.add(user)
    session.flush()
    after = {"full_name": user.full_name, "role": user.role, "is_active": user.is_active}
    record(
        session,
        caller.actor,
        "update",
        "user",
        user.id,
        before=before,
        after=after | ({"password": "changed"} if data.password else {}),
    )
    return user


def get_user(session: Session, *, caller: Caller, user_id: int) -> User:
    """A user reads itself; an admin reads the users of its subtree."""
    if caller.user_id != user_id:
        caller.require_admin()
    return _readable_user(session, caller=caller, user_id=user_id)


def list_users(
    session: Session, *, caller: Caller, unit_id: int | None, cursor: str | None, limit: int
) -> tuple[list[User], str | None]:
    """By an admin (gated on the route): a page of the users of its subtree, of one unit if
    asked, in the order they were created; and the next page's cursor."""
    stmt = readable_users(caller)
    if unit_id is not None:
        stmt = stmt.where(col(User.unit_id) == unit_id)
    return keyset_page(session, stmt, [Key(col(User.id))], cursor=cursor, limit=limit)


@dataclass(frozen=True)
class PlannedUser:
    row: UserImportRow
    unit_id: int


def plan_user_import(
    session: Session, *, caller: Caller, raw_rows: Sequence[tuple[int, dict[str, Any]]]
) -> list[PlannedUser]:
    """Check an import (reads only): every row a valid user of a unit of the caller's subtree,
    with a username neither taken nor repeated. Errors name the row (``["rows", n, field]``)."""
    raw = list(raw_rows)
    if not raw:
        raise Invalid(["rows"], "the file has no rows")
    if len(raw) > MAX_USER_IMPORT_ROWS:
        raise Invalid(["rows"], f"at most {MAX_USER_IMPORT_ROWS} rows per import")
    rows, errors = validate_rows(raw, UserImportRow)
    names = [row.username for _, row in rows]
    taken = (
        set(session.scalars(select(col(User.username)).where(col(User.username).in_(names))))
        if names
        else set()
    )
    codes = {row.unit_code for _, row in rows}
    units = (
        {u.code: u for u in session.scalars(select(Unit).where(col(Unit.code).in_(codes)))}
        if codes
        else {}
    )
    seen: dict[str, int] = {}
    for n, row in rows:
        if row.username in taken:
            errors.append(
                {
                    "loc": ["rows", n, "username"],
                    "msg": f"username {row.username!r} is taken",
                    "type": "conflict",
                }
            )
        elif row.username in seen:
            errors.append(
                {
                    "loc": ["rows", n, "username"],
                    "msg": f"username {row.username!r} repeats row {seen[row.username]}",
                    "type": "conflict",
                }
            )
        seen.setdefault(row.username, n)
        unit = units.get(row.unit_code)
        if unit is None or not caller.scope.covers(unit.path):
            # Outside one's subtree reads as missing: no probing of others' codes.
            errors.append(
                {
                    "loc": ["rows", n, "unit_code"],
                    "msg": f"unit {row.unit_code!r} does not exist in your part of the hierarchy",
                    "type": "not_found",
                }
            )
    if errors:
        raise import_failed(errors)
    return [PlannedUser(row, _unit_id(units[row.unit_code])) for _, row in rows]


def _unit_id(unit: Unit) -> int:
    assert unit.id is not None
    return unit.id


def hash_passwords(planned: Sequence[PlannedUser]) -> list[str]:
    """The rows' password hashes, to compute with no transaction open (argon2 is slow on purpose;
    it releases the GIL, so a few threads cut a province's file from minutes to seconds)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(hash_password, [p.row.password for p in planned]))


def import_users(
    session: Session,
    *,
    caller: Caller,
    raw_rows: Sequence[tuple[int, dict[str, Any]]],
    hashes: Sequence[str],
) -> list[User]:
    """Create every row or none (by an admin, gated on the route). The rows are checked again:
    the database may have changed since ``plan_user_import`` and ``hash_passwords`` ran."""
    planned = plan_user_import(session, caller=caller, raw_rows=raw_rows)
    if len(hashes) != len(planned):
        raise ValueError("one hash per row")
    created: list[User] = []
    for p, password_hash in zip(planned, hashes, strict=True):
        user = User(
            username=p.row.username,
            full_name=p.row.full_name,
            password_hash=password_hash,
            unit_id=p.unit_id,
            role=p.row.role.value,
        )
        session.add(user)
        created.append(user)
    session.flush()
    record(
        session,
        caller.actor,
        "import",
        "user",
        f"{len(created)} users",
        after={
            "users": [
                {"id": u.id, "username": u.username, "unit_id": u.unit_id, "role": u.role}
                for u in created[:1000]
            ]
        },
    )
    return created


def ensure_superuser(session: Session, *, username: str, password: str) -> User:
    """The bootstrap superuser of ``YKIEN_ADMIN_USERNAME``: created if missing, else left as is."""
    username = username.strip().lower()
    user = session.scalar(select(User).where(col(User.username) == username))
    if user is None:
        user = User(
            username=username,
            full_name="Quản trị hệ thống",
            password_hash=hash_password(password),
            unit_id=None,
            role=Role.admin.value,
        )
        session.add(user)
        session.flush()
        record(
            session,
            SYSTEM,
            "create",
            "user",
            user.id,
            after={"username": username, "superuser": True},
        )
    return user


# --- API keys -----------------------------------------------------------------------------------


def readable_api_keys(caller: Caller) -> Select[ApiKey]:
    """The API keys ``caller`` may read: those of its subtree's units."""
    return (
        select(ApiKey)
        .join(Unit, col(Unit.id) == col(ApiKey.unit_id))
        .where(caller.scope.condition(col(Unit.path)))
    )


def create_api_key(session: Session, *, caller: Caller, data: ApiKeyCreate) -> tuple[ApiKey, str]:
    """By an admin (gated on the route): a read-only key over a unit of its subtree."""
    unit_in_scope(session, scope=caller.scope, unit_id=data.unit_id, loc=["body", "unit_id"])
    if data.expires_on is not None and data.expires_on < today_vn():
        raise Invalid(["body", "expires_on"], "the key would have expired already")
    secret = new_secret(API_KEY_PREFIX)
    key = ApiKey(
        name=data.name,
        unit_id=data.unit_id,
        key_digest=secret_digest(secret),
        key_prefix=secret[:10],
        created_by=caller.user_id,
        expires_on=data.expires_on,
    )
    session.add(key)
    session.flush()
    record(
        session,
        caller.actor,
        "create",
        "api_key",
        key.id,
        after=data.model_dump(mode="json"),
    )
    return key, secret


def revoke_api_key(session: Session, *, caller: Caller, key_id: int) -> None:
    """By an admin (gated on the route), on a key of its subtree."""
    key = session.scalar(readable_api_keys(caller).where(col(ApiKey.id) == key_id))
    if key is None:
        raise NotFound(f"API key {key_id} does not exist.")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        record(session, caller.actor, "revoke", "api_key", key.id)


def list_api_keys(
    session: Session, *, caller: Caller, cursor: str | None, limit: int
) -> tuple[list[ApiKey], str | None]:
    """By an admin (gated on the route): a page of the keys of its subtree, in the order they
    were created; and the next page's cursor."""
    stmt = readable_api_keys(caller)
    return keyset_page(session, stmt, [Key(col(ApiKey.id))], cursor=cursor, limit=limit)
