"""Every error answer is ``application/problem+json`` (RFC 9457).

Services raise the domain errors below; ``install_error_handlers`` turns them, FastAPI's
validation errors and Starlette's HTTP errors into problem documents. Unexpected exceptions are
answered by ``ykien.core.middleware`` (outermost, so the security headers still apply).
"""

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("ykien.errors")

Loc = Sequence[str | int]


class ProblemError(Exception):
    """A domain error with its HTTP status; ``errors`` name the fields at fault."""

    status = 400
    slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.title = title or HTTPStatus(self.status).phrase


class Unauthorized(ProblemError):
    status, slug = 401, "unauthorized"

    def __init__(self, detail: str = "Authentication required.") -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(ProblemError):
    status, slug = 403, "forbidden"


class NotFound(ProblemError):
    status, slug = 404, "not-found"


class Conflict(ProblemError):
    status, slug = 409, "conflict"


class TooManyRequests(ProblemError):
    status, slug = 429, "too-many-requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class Invalid(ProblemError):
    """A body or query that breaks a rule: 422 naming the field (``loc`` as in FastAPI)."""

    status, slug = 422, "validation"

    def __init__(self, loc: Loc, msg: str, *, detail: str | None = None) -> None:
        where = ".".join(str(p) for p in loc)
        super().__init__(
            detail or f"{where}: {msg}",
            errors=[{"loc": list(loc), "msg": msg, "type": "value_error"}],
        )


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    slug: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": f"urn:ykien:problem:{slug}" if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return Response(orjson.dumps(body), status, headers=headers, media_type=PROBLEM_JSON)


def _clean_validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        entry = {
            "loc": list(err.get("loc", ())),
            "msg": str(err.get("msg", "")),
            "type": err.get("type"),
        }
        out.append(entry)
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> Response:
        return problem(
            exc.status,
            exc.detail,
            title=exc.title,
            slug=exc.slug,
            errors=exc.errors,
            headers=exc.headers,
            instance=request.url.path,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = _clean_validation_errors(exc.errors())
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(
                400,
                "The request body is not valid JSON.",
                title="Malformed JSON",
                slug="malformed-json",
                errors=errors,
                instance=request.url.path,
            )
        first = errors[0] if errors else {"loc": [], "msg": "invalid"}
        where = ".".join(str(p) for p in first["loc"])
        return problem(
            422,
            f"{where}: {first['msg']}",
            title="Validation failed",
            slug="validation",
            errors=errors,
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}."
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}."
        return problem(
            exc.status_code, detail, headers=dict(exc.headers or {}), instance=request.url.path
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> Response:
        # Services check first; this is the race where two requests pass the check together.
        log.info("integrity error answered 409: %s", exc.orig)
        return problem(
            409,
            "The request conflicts with data stored meanwhile; retry it.",
            slug="conflict",
            instance=request.url.path,
        )

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> Response:
        # A safety net: schemas bound every field, so reaching this is a bug worth a log line.
        log.error("data error reached the database: %s", exc.orig)
        return problem(
            422,
            "A value does not fit what can be stored (too long or out of range).",
            slug="validation",
            errors=[],
            instance=request.url.path,
        )

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: OperationalError) -> Response:
        log.warning("database unavailable: %s", exc.orig)
        return problem(
            503,
            "The database is busy or unavailable; retry shortly.",
            headers={"Retry-After": "2"},
            instance=request.url.path,
        )
