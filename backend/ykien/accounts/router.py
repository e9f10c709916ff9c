"""HTTP for accounts: login (token or cookie session), the caller, users, API keys."""

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response, status
from sqlmodel import Session

from ykien.accounts import service
from ykien.accounts.caller import Caller
from ykien.accounts.dependencies import SESSION_COOKIE, AdminDep, CallerDep
from ykien.accounts.login import login
from ykien.accounts.models import ApiKey, Role, User
from ykien.accounts.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    LoginBody,
    Me,
    Token,
    UserCreate,
    UserImportResult,
    UserImportRow,
    UserPublic,
    UserUpdate,
)
from ykien.core.db import session_scope
from ykien.core.deps import EngineDep, SessionDep, SettingsDep
from ykien.core.errors import Unauthorized
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdPath, IdQuery
from ykien.core.uploads import UploadDep, import_body
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import UnitRef
from ykien.units.service import parse_import

router = APIRouter(tags=["accounts"])


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _user_public(user: User) -> UserPublic:
    assert user.id is not None
    return UserPublic(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        unit_id=user.unit_id,
        role=Role(user.role),
        is_active=user.is_active,
    )


def _me(session: Session, caller: Caller) -> Me:
    unit = session.get(Unit, caller.unit_id) if caller.unit_id is not None else None
    return Me(
        id=caller.id,
        username=caller.name,
        full_name=caller.full_name,
        unit_id=caller.unit_id,
        role=caller.role,
        kind=caller.kind,
        is_superuser=caller.is_superuser,
        unit=UnitRef(id=unit.id, name=unit.name, level=UnitLevel(unit.level))
        if unit and unit.id
        else None,
    )


@router.post(
    "/auth/token",
    tags=["auth"],
    responses={401: {"description": "Wrong username or password"}, 429: {}},
)
def login_for_token(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    username: Annotated[str, Form(min_length=1, max_length=64)],
    password: Annotated[str, Form(min_length=1, max_length=256)],
) -> Token:
    """OAuth2 password flow: a bearer token for report scripts and the API docs."""
    done = login(
        engine, settings=settings, username=username, password=password, address=_address(request)
    )
    return Token(access_token=done.token, expires_in=done.ttl)


@router.delete("/auth/token", tags=["auth"], status_code=status.HTTP_204_NO_CONTENT)
def logout_token(request: Request, session: SessionDep, caller: CallerDep) -> None:
    """Revoke the bearer token used for this request."""
    _, _, secret = request.headers.get("authorization", "").partition(" ")
    if caller.kind == "user" and secret:
        service.revoke_token(session, token=secret.strip())


@router.post(
    "/auth/session",
    tags=["auth"],
    responses={401: {"description": "Wrong username or password"}, 429: {}},
)
def login_session(
    request: Request,
    response: Response,
    body: LoginBody,
    engine: EngineDep,
    settings: SettingsDep,
) -> Me:
    """Cookie login for the web app: an HttpOnly, SameSite=Strict session cookie."""
    done = login(
        engine,
        settings=settings,
        username=body.username,
        password=body.password,
        address=_address(request),
    )
    secure = (
        settings.cookie_secure
        if settings.cookie_secure is not None
        else request.url.scheme == "https"
    )
    response.set_cookie(
        SESSION_COOKIE,
        done.token,
        max_age=done.ttl,
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
    )
    with session_scope(engine, write=False) as session:
        caller = service.resolve_secret(session, done.token)
        if caller is None:  # pragma: no cover - the token was just stored
            raise Unauthorized()
        return _me(session, caller)


@router.delete("/auth/session", tags=["auth"], status_code=status.HTTP_204_NO_CONTENT)
def logout_session(request: Request, response: Response, session: SessionDep) -> None:
    """End the web app's cookie session (revoked and cleared); without one, nothing happens."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.revoke_token(session, token=token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me")
def me(session: SessionDep, caller: CallerDep) -> Me:
    """The caller (a user, or an API key with ``kind: api_key``): role, unit, superuser or not."""
    return _me(session, caller)


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    tags=["users"],
    responses={409: {"description": "The username is taken"}},
)
def create_user(body: UserCreate, session: SessionDep, caller: AdminDep) -> UserPublic:
    """An account in the admin's subtree (only a superuser creates superusers)."""
    return _user_public(service.create_user(session, caller=caller, data=body))


IMPORT_COLUMNS = ("username", "full_name", "role", "unit_code", "password")
IMPORT_BODY = import_body(UserImportRow)


@router.post(
    "/users/import",
    status_code=status.HTTP_201_CREATED,
    tags=["users"],
    openapi_extra=IMPORT_BODY,
)
def import_users(upload: UploadDep, session: SessionDep, caller: AdminDep) -> UserImportResult:
    """A CSV (columns username,full_name,role,unit_code,password) or JSON list of accounts of
    units of the admin's subtree; all rows are created or none.

    Errors name the row: the line number for CSV (the header is line 1), the index for JSON.
    """
    is_json = "json" in upload.content_type or upload.filename.lower().endswith(".json")
    rows = parse_import(upload.content, "json" if is_json else "csv", IMPORT_COLUMNS)
    planned = service.plan_user_import(session, caller=caller, raw_rows=rows)
    # Hashing is slow: end the checks' transaction first, so that it holds neither SQLite's
    # write lock nor a pooled connection (as a login does); the rows are checked again after.
    session.commit()
    hashes = service.hash_passwords(planned)
    created = service.import_users(session, caller=caller, raw_rows=rows, hashes=hashes)
    return UserImportResult(created=len(created))


@router.get("/users", tags=["users"])
def list_users(
    session: SessionDep,
    caller: AdminDep,
    unit_id: Annotated[IdQuery, Query(description="Only the users of this very unit.")] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[UserPublic]:
    """The users of the admin's subtree, in the order they were created, a page at a time."""
    rows, next_cursor = service.list_users(
        session, caller=caller, unit_id=unit_id, cursor=cursor, limit=limit
    )
    return Page(items=[_user_public(u) for u in rows], next_cursor=next_cursor)


@router.get(
    "/users/{user_id}",
    tags=["users"],
    responses={403: {"description": "Only an admin reads other users"}},
)
def get_user(user_id: IdPath, session: SessionDep, caller: CallerDep) -> UserPublic:
    """A user reads itself; an admin reads the users of its subtree."""
    return _user_public(service.get_user(session, caller=caller, user_id=user_id))


@router.patch("/users/{user_id}", tags=["users"])
def update_user(
    user_id: IdPath, body: UserUpdate, session: SessionDep, caller: AdminDep
) -> UserPublic:
    """Change a user's name, role, unit, password or active flag (fields left out stay)."""
    return _user_public(service.update_user(session, caller=caller, user_id=user_id, data=body))


def _key_public(key: ApiKey) -> ApiKeyPublic:
    assert key.id is not None
    return ApiKeyPublic(
        id=key.id,
        name=key.name,
        unit_id=key.unit_id,
        key_prefix=key.key_prefix,
        revoked=key.revoked_at is not None,
        expires_on=key.expires_on,
        last_used_at=key.last_used_at,
    )


@router.post("/api-keys", status_code=status.HTTP_201_CREATED, tags=["api-keys"])
def create_api_key(body: ApiKeyCreate, session: SessionDep, caller: AdminDep) -> ApiKeyCreated:
    """A read-only key for report scripts over one unit's subtree. The key is shown only here."""
    key, secret = service.create_api_key(session, caller=caller, data=body)
    assert key.id is not None
    return ApiKeyCreated(
        id=key.id, name=key.name, unit_id=key.unit_id, expires_on=key.expires_on, key=secret
    )


@router.get("/api-keys", tags=["api-keys"])
def list_api_keys(
    session: SessionDep,
    caller: AdminDep,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[ApiKeyPublic]:
    """The API keys of the admin's subtree, revoked ones included (never the secret), in the
    order they were created, a page at a time."""
    rows, next_cursor = service.list_api_keys(session, caller=caller, cursor=cursor, limit=limit)
    return Page(items=[_key_public(k) for k in rows], next_cursor=next_cursor)


@router.delete("/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["api-keys"])
def revoke_api_key(key_id: IdPath, session: SessionDep, caller: AdminDep) -> None:
    """Revoke the key: it answers 401 from now on."""
    service.revoke_api_key(session, caller=caller, key_id=key_id)
