"""``create_app``: middleware, error handlers, the API routers under /api/v1, the SPA at /."""

import functools
import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.responses import Response

from ykien import __version__
from ykien.accounts.dependencies import (
    get_caller,
    require_admin,
    require_compiler,
    require_writer,
)
from ykien.accounts.router import router as accounts_router
from ykien.audit.router import router as audit_router
from ykien.comments.paper_router import router as paper_form_router
from ykien.comments.router import router as comments_router
from ykien.consultations.router import router as consultations_router
from ykien.core import health
from ykien.core.compression import ApiCompression
from ykien.core.config import Settings, get_settings
from ykien.core.db import make_engine
from ykien.core.errors import install_error_handlers
from ykien.core.metrics import metrics_response, parse_networks, watch_pool
from ykien.core.middleware import BodyLimitMiddleware, GuardMiddleware
from ykien.core.openapi import install_openapi
from ykien.core.replicas import Replicas
from ykien.core.static import SPAStaticFiles
from ykien.meetings.router import router as meetings_router
from ykien.periodic.router import router as periodic_router
from ykien.stats.router import router as stats_router
from ykien.syntheses.router import router as syntheses_router
from ykien.units.router import router as units_router
from ykien.works.router import router as works_router

API_PREFIX = "/api/v1"

DESCRIPTION = """Lấy ý kiến góp ý dự thảo văn kiện Đại hội — gathering comments on draft Party
Congress documents, residential area by residential area, rolled up the Front hierarchy.

Authenticate with `POST /api/v1/auth/token` (the **Authorize** button) or a read-only API key
(`Authorization: Bearer yk_…`). Errors are `application/problem+json` (RFC 9457): the
`Problem` schema, listed for every 4XX an operation can answer.

File answers (CSV, XLSX, DOCX) are binary, under their own media types; let a generated client
read them as bytes (openapi-python-client: `content_type_overrides` to
`application/octet-stream`). Operations that answer JSON or a file by `format=` document both;
a generated method parses the JSON, so fetch their files with the raw HTTP client."""


def _operation_id(route: APIRoute) -> str:
    # Clean names for the generated TypeScript client: "units-list_units".
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


@functools.cache
def _api_router() -> APIRouter:
    """The routers under /api/v1, built once per process: FastAPI resolves every operation's
    dependencies and models when a router is included (≈ 70 ms for this API), and an app
    built again (the test suite builds one per test) reuses them; nothing in it depends on
    the settings."""
    api = APIRouter(prefix=API_PREFIX)
    api.include_router(accounts_router)
    api.include_router(audit_router)
    api.include_router(units_router)
    api.include_router(stats_router)
    api.include_router(consultations_router)
    api.include_router(meetings_router)
    api.include_router(paper_form_router)  # before /comments/{comment_id}
    api.include_router(comments_router)
    api.include_router(syntheses_router)
    api.include_router(works_router)
    api.include_router(periodic_router)
    return api


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # Everything built so far (modules, routes, models, metadata) lives as long as the process:
    # moved out of the cyclic collector's generations, a full collection no longer walks it,
    # which took tens of milliseconds in the middle of a request that builds many objects.
    if os.environ.get("YKIEN_NO_GC_FREEZE") is None:
        gc.collect()
        gc.freeze()
    yield


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Ykien API",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    watch_pool(app.state.engine, "primary")
    replicas = [
        make_engine(
            url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            connect_timeout=3,
        )
        for url in (settings.read_database_urls if not settings.is_sqlite else [])
    ]
    for n, replica in enumerate(replicas, start=1):
        watch_pool(replica, f"replica-{n}")
    app.state.replicas = Replicas(replicas, max_lag_seconds=settings.read_max_lag_seconds)
    app.state.metrics_allow = parse_networks(settings.metrics_allow.split(","))

    install_error_handlers(app)

    app.include_router(_api_router())
    app.include_router(health.router)
    app.add_api_route("/metrics", metrics_response, methods=["GET"], include_in_schema=False)
    install_openapi(
        app, caller=get_caller, role_gates=(require_writer, require_admin, require_compiler)
    )
    app.mount("/api/docs/static", StaticFiles(directory=health.SWAGGER_STATIC), name="docs-static")

    # Innermost: errors, security and cache headers are set around the compressed answer.
    app.add_middleware(ApiCompression)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(GuardMiddleware)  # added last: the outermost layer

    dist = settings.frontend_dist
    if (dist / "index.html").is_file():
        app.mount("/", SPAStaticFiles(directory=dist, html=True), name="spa")
    else:

        @app.get("/", include_in_schema=False)
        def no_frontend() -> Response:
            return Response(
                '<!doctype html><html lang="vi"><title>Ykien</title><p>Giao diện chưa được build: '
                'chạy <code>make run</code>. API: <a href="/api/docs">/api/docs</a></p></html>',
                media_type="text/html",
            )

    return app
