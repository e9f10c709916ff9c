"""Liveness and readiness probes, and the self-hosted API docs (no CDN, no inline script)."""

from importlib import resources
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from sqlalchemy import text

from ykien.core.migrations import head_revision

router = APIRouter(include_in_schema=False)

SWAGGER_STATIC = Path(str(resources.files("fastapi_offline") / "static"))
DOCS_STATIC = Path(__file__).with_name("docs_static")

DOCS_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Ykien API — tài liệu</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/static/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>"""


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    try:
        with request.app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = MigrationContext.configure(conn).get_current_revision()
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    head = head_revision()
    if current != head:
        return JSONResponse({"status": "migrating", "revision": current, "head": head}, 503)
    return JSONResponse({"status": "ok", "revision": current})


@router.get("/api/docs")
def docs() -> HTMLResponse:
    return HTMLResponse(DOCS_HTML)


@router.get("/api/docs/init.js")
def docs_init() -> FileResponse:
    return FileResponse(DOCS_STATIC / "init.js", media_type="text/javascript")
