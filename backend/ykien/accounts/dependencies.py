"""``CallerDep``: resolves the bearer token, API key or session cookie of a request."""

from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import OAuth2PasswordBearer

from ykien.accounts.caller import Caller
from ykien.accounts.service import note_key_use, resolve_secret
from ykien.core.deps import SAFE_METHODS, EngineDep, PrimarySessionDep
from ykien.core.errors import Forbidden, Unauthorized
from ykien.core.logging import note_caller

SESSION_COOKIE = "ykien_session"
# Declares the bearer scheme in OpenAPI (the "Authorize" button of /api/docs); we check it below.
_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def get_caller(
    request: Request,
    session: PrimarySessionDep,
    engine: EngineDep,
    background: BackgroundTasks,
    bearer: Annotated[str | None, Depends(_bearer)],
) -> Caller:
    if request.headers.get("authorization") is not None:
        if not bearer:
            raise Unauthorized("Use 'Authorization: Bearer <token>'.")
        caller = resolve_secret(
            session,
            bearer.strip(),
            key_used=lambda key_id: background.add_task(note_key_use, engine, key_id),
        )
        if caller is None:
            raise Unauthorized("The token or API key is invalid, expired or revoked.")
        note_caller(caller.kind, caller.id)
        return caller
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise Unauthorized()
    caller = resolve_secret(session, cookie)
    if caller is None:
        raise Unauthorized("Your session has expired; log in again.")
    # A cookie rides along on cross-site requests; a custom header cannot (CSRF guard).
    if (
        request.method not in SAFE_METHODS
        and request.headers.get("x-requested-with") != "XMLHttpRequest"
    ):
        raise Forbidden(
            "Cookie-authenticated writes need the header 'X-Requested-With: XMLHttpRequest'."
        )
    note_caller(caller.kind, caller.id)
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]

# The role gates only compare: ``async``, so that they cost no hop to the thread pool.


async def require_writer(caller: CallerDep) -> Caller:
    caller.require_writer()
    return caller


async def require_admin(caller: CallerDep) -> Caller:
    caller.require_admin()
    return caller


async def require_compiler(caller: CallerDep) -> Caller:
    caller.require_compiler()
    return caller


# Role gates declared on the route: the route cannot forget them, and OpenAPI shows them.
WriterDep = Annotated[Caller, Depends(require_writer)]
"""A user who may enter or change data (admin, secretary, entry)."""
AdminDep = Annotated[Caller, Depends(require_admin)]
"""A user who may administer units, users, keys and consultations."""
CompilerDep = Annotated[Caller, Depends(require_compiler)]
"""A user who may compile, submit and judge syntheses (admin, secretary)."""
