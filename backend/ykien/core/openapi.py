"""The OpenAPI document as a generated client needs it: every error it can meet, every file it
can receive, both ways to authenticate, and words for every operation and parameter.

FastAPI documents only what it knows: 422 as its own ``HTTPValidationError`` (we answer
problem+json), no other 4XX, and file answers without a schema. ``install_openapi`` post-processes
``app.openapi()`` once:

- errors: a ``Problem`` schema (``application/problem+json``, the shape ``core.errors`` emits)
  for each 4XX an operation can answer, derived from the route (``problem_statuses``); what the
  route cannot show (409, a login's 401 and 429) it declares with ``responses=``;
- files: CSV, XLSX and DOCX answers are binary strings under their own media types;
- security: an HTTP bearer scheme for API keys beside the OAuth2 password flow (one header,
  ``Authorization: Bearer``, carries either; keys read only, so only reads list it);
- words: a parameter without a description takes the one its name has across the API
  (``PARAMETER_WORDS``).

Core knows no feature package: ``main.py`` passes the caller dependency and the role gates.
"""

from collections.abc import Callable, Iterable, Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from ykien.core.errors import PROBLEM_JSON

JSON = "application/json"
BINARY = {"type": "string", "format": "binary"}
API_KEY_SCHEME = "ApiKey"


class ProblemItem(BaseModel):
    """One field at fault."""

    model_config = ConfigDict(extra="forbid")

    loc: list[str | int] = Field(
        description='Where: ["body", "items", 3, "content"], ["query", "limit"], '
        '["file", sheet, row, column]…'
    )
    msg: str = Field(description="What is wrong with it.")
    type: str | None = Field(default=None, description="A machine code: value_error, conflict…")


class Problem(BaseModel):
    """An error answer (RFC 9457), as every 4XX and 5XX of this API is sent."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="urn:ykien:problem:<slug>, or about:blank.")
    title: str = Field(description="The kind of problem, short.")
    status: int = Field(description="The HTTP status, repeated.")
    detail: str = Field(description="What went wrong this time, for a person to read.")
    instance: str | None = Field(default=None, description="The path that was asked.")
    errors: list[ProblemItem] | None = Field(
        default=None, description="The fields at fault (422, some 409 and 400)."
    )


PROBLEM_WORDS = {
    400: "Malformed body (not JSON, or a broken form)",
    401: "No credentials, or a token, key or session that is invalid or expired",
    403: "The caller's role or unit may not do this (and cookie writes need "
    "`X-Requested-With: XMLHttpRequest`)",
    404: "An id that does not exist or lies outside the caller's subtree",
    409: "The request conflicts with the stored state",
    413: "The body exceeds the size limit",
    422: "A parameter or a field breaks a rule; `errors` names it",
    429: "Too many failed logins; retry after `Retry-After` seconds",
}

FILE_MEDIA_PREFIXES = ("text/csv", "application/vnd.openxmlformats-officedocument.")

PARAMETER_WORDS: dict[tuple[str, str], str] = {
    ("query", "entity"): "Only events of this kind of record (comment, synthesis, user…).",
    ("query", "entity_id"): "Only events of this record.",
    ("query", "actor_id"): "Only events by this user or API key.",
    ("path", "unit_id"): "The unit's id.",
    ("path", "user_id"): "The user's id.",
    ("path", "key_id"): "The API key's id.",
    ("path", "consultation_id"): "The consultation's id.",
    ("path", "document_id"): "The document's id.",
    ("path", "meeting_id"): "The meeting's id.",
    ("path", "comment_id"): "The comment's id (UUID).",
    ("path", "synthesis_id"): "The synthesis's id (UUID).",
    ("path", "item_id"): "The synthesis item's id (UUID).",
    ("path", "work_id"): "The registered work's id (UUID).",
    ("path", "report_id"): "The periodic report's id (UUID).",
    ("query", "unit_id"): "Only that unit and its whole subtree.",
    ("query", "parent_id"): "Only the direct children of this unit.",
    ("query", "level"): "Only units of this level.",
    ("query", "consultation_id"): "Only what belongs to this consultation.",
    ("query", "document_id"): "Only what concerns this document.",
    ("query", "section_id"): "Only this section exactly (not its subsections).",
    ("query", "meeting_id"): "Only what was gathered at this meeting.",
    ("query", "category"): "Only comments of contributors of this category.",
    ("query", "stance"): "Only comments of this stance.",
    ("query", "channel"): "Only comments received through this channel.",
    ("query", "organization"): "Only comments gathered by this organization.",
    ("query", "status"): "Only those in this status.",
    ("query", "from"): "Only what was collected on or after this day.",
    ("query", "to"): "Only what was collected on or before this day.",
    ("query", "order"): "`newest` first (the default) or `oldest` first.",
    ("query", "format"): "`json` (the default) or a file in the given format.",
    ("query", "labels"): "The language of a file's headers and values: `vi` (the default), "
    "`en`, or the raw `codes`.",
    ("query", "limit"): "Page size.",
    ("query", "cursor"): "`next_cursor` of the previous page.",
}


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dep in dependant.dependencies:
        if dep.call is not None:
            yield dep.call
        yield from _calls(dep)


def _has_id_field(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> bool:
    """Whether a body names stored objects (``…_id``/``…_ids`` fields), at any depth."""
    if depth > 6:
        return False
    if "$ref" in schema:
        return _has_id_field(components[schema["$ref"].rsplit("/", 1)[-1]], components, depth + 1)
    for name, sub in schema.get("properties", {}).items():
        if name.endswith(("_id", "_ids")) or _has_id_field(sub, components, depth + 1):
            return True
    nested = [schema.get("items", {}), *schema.get("anyOf", []), *schema.get("oneOf", [])]
    return any(_has_id_field(s, components, depth + 1) for s in nested if isinstance(s, dict))


def problem_statuses(
    route: APIRoute,
    method: str,
    operation: dict[str, Any],
    components: dict[str, Any],
    *,
    caller: Callable[..., Any],
    role_gates: Iterable[Callable[..., Any]],
) -> set[int]:
    """The 4XX statuses an operation can answer, as far as its route shows them."""
    calls = set(_calls(route.dependant))
    params = operation.get("parameters", [])
    body = operation.get("requestBody")
    found: set[int] = set()
    if caller in calls:
        found.add(401)
        if method not in ("get", "head", "options") or calls & set(role_gates):
            found.add(403)
    ids = any(p["in"] == "path" or p["name"].endswith("_id") for p in params)
    body_ids = body is not None and any(
        _has_id_field(m.get("schema", {}), components) for m in body.get("content", {}).values()
    )
    if ids or body_ids:
        found.add(404)
    if body is not None:
        found |= {400, 413}
    if params or body is not None:
        found.add(422)
    return found


def _problem_response(status: int, declared: dict[str, Any] | None) -> dict[str, Any]:
    description = (declared or {}).get("description")
    # FastAPI's placeholders say less than our words; a route's own description says more.
    if description in (
        None,
        "",
        "Validation Error",
        "Additional Response",
        HTTPStatus(status).phrase,
    ):
        description = PROBLEM_WORDS.get(status, HTTPStatus(status).phrase)
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _file_media(response: dict[str, Any]) -> None:
    for media_type, media in response.get("content", {}).items():
        if media_type.startswith(FILE_MEDIA_PREFIXES):
            media["schema"] = BINARY


def _routes(app: FastAPI) -> dict[tuple[str, str], APIRoute]:
    """Each operation's route by (full path, method); the route's ``dependant`` holds the
    dependencies its signature declares."""
    found: dict[tuple[str, str], APIRoute] = {}
    for context in routing.iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path_format:
            for method in context.methods or ():
                found[(context.path_format, method.lower())] = route
    return found


def complete(
    app: FastAPI,
    doc: dict[str, Any],
    *,
    caller: Callable[..., Any],
    role_gates: Iterable[Callable[..., Any]],
) -> dict[str, Any]:
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem

    security = components.setdefault("securitySchemes", {})
    security[API_KEY_SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "description": "A read-only API key (`yk_…`), sent as `Authorization: Bearer <key>`.",
    }

    routes = _routes(app)
    gates = list(role_gates)
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            route = routes.get((path, method))
            if route is None:
                continue
            responses = operation.setdefault("responses", {})
            statuses = problem_statuses(
                route, method, operation, schemas, caller=caller, role_gates=gates
            )
            statuses |= {int(s) for s in responses if s.isdigit() and 400 <= int(s) < 500}
            for status in sorted(statuses):
                responses[str(status)] = _problem_response(status, responses.get(str(status)))
            for response in responses.values():
                _file_media(response)
            if method == "get" and operation.get("security"):
                operation["security"] = [*operation["security"], {API_KEY_SCHEME: []}]
            for param in operation.get("parameters", []):
                if not param.get("description"):
                    words = PARAMETER_WORDS.get((param["in"], param["name"]))
                    if words:
                        param["description"] = words
    return doc


def install_openapi(
    app: FastAPI, *, caller: Callable[..., Any], role_gates: Iterable[Callable[..., Any]]
) -> None:
    """Make ``app.openapi()`` answer the completed document (built once, then cached)."""
    build = app.openapi
    gates = list(role_gates)
    done: list[dict[str, Any]] = []  # the document completed last (FastAPI caches it)

    def openapi() -> dict[str, Any]:
        doc = build()  # rebuilt only when the routes changed
        if not done or done[0] is not doc:
            done[:] = [complete(app, doc, caller=caller, role_gates=gates)]
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
