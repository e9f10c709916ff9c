"""Liveness and readiness probes, and the self-hosted API docs (no CDN, no inline script)."""

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from sqlalchemy import text

from ykien.core.migrations import schema_state

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
    """Ready when the database answers and its schema serves this code: at the code's head, or
    newer and descending from it (a rolling upgrade whose new code has migrated)."""
    try:
        with request.app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            state = schema_state(conn)
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    if state.status == "current":
        return JSONResponse({"status": "ok", "revision": state.revision})
    if state.status == "ahead":
        return JSONResponse({"status": "ok", "revision": state.revision, "head": state.head})
    status = "migrating" if state.status == "behind" else "incompatible"
    return JSONResponse({"status": status, "revision": state.revision, "head": state.head}, 503)


@router.get("/api/docs")
def docs() -> HTMLResponse:
    return HTMLResponse(DOCS_HTML)


@router.get("/api/docs/init.js")
def docs_init() -> FileResponse:
    return FileResponse(DOCS_STATIC / "init.js", media_type="text/javascript")
