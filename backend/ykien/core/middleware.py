"""Pure ASGI middleware: request ids, access log, security headers, the 500 answer, body limits.

``GuardMiddleware`` is the outermost layer the application adds, so that even an unexpected
exception is answered as problem+json *with* the security headers, and logged with its request id.
It also keeps API answers out of caches: tokens and personal data must not be stored (RFC 6749
§5.1), so every /api/v1 answer says ``Cache-Control: no-store`` unless its route chose otherwise
(the stats answers are revalidated with their ETag: ``private, no-cache``, core/responses.py).
"""

import logging
import re
import time
import uuid

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ykien.core.errors import problem
from ykien.core.logging import request_id_var, request_info_var
from ykien.core.metrics import observe_request

log = logging.getLogger("ykien.http")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
NO_STORE = (b"cache-control", b"no-store")
API_PATHS = "/api/v1/"
_GOOD_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class GuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _GOOD_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        client = scope.get("client")
        info: dict[str, str] = {"client": client[0]} if client else {}
        info_token = request_info_var.set(info)
        started = time.perf_counter()
        status = 0
        is_tls = scope.get("scheme") == "https"
        is_api = scope["path"].startswith(API_PATHS)

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    h
                    for h in message.get("headers", [])
                    if h[0].lower() not in {k for k, _ in SECURITY_HEADERS}
                ]
                headers += SECURITY_HEADERS
                headers.append((b"x-request-id", request_id.encode()))
                if is_tls:
                    headers.append(HSTS)
                if is_api and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            if status == 0:
                response = problem(
                    500,
                    f"An unexpected error occurred. Quote request id {request_id} "
                    "when reporting it.",
                    slug="internal",
                )
                await response(scope, receive, send_with_headers)
                status = 500
        finally:
            elapsed = time.perf_counter() - started
            elapsed_ms = round(elapsed * 1000, 2)
            observe_request(scope, status, elapsed)
            log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "status": status,
                    "ms": elapsed_ms,
                    "method": scope["method"],
                    "path": scope["path"],
                },
            )
            request_info_var.reset(info_token)
            request_id_var.reset(token)


def _too_large(max_bytes: int) -> StarletteHTTPException:
    return StarletteHTTPException(413, f"The request body exceeds the limit of {max_bytes} bytes.")


class BodyLimitMiddleware:
    """Refuse bodies over ``max_bytes`` with 413, by Content-Length or while streaming.

    The streaming case raises Starlette's HTTPException from ``receive``: FastAPI re-raises those
    from body parsing (any other exception there would become a 400), and the error handler
    answers it as problem+json.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            response = problem(
                413,
                _too_large(self.max_bytes).detail,
                slug="body-too-large",
                headers={"Connection": "close"},
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _too_large(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)
