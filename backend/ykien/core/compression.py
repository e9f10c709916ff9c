"""Gzip for the API's answers over 1 KB (issue 18: the web app on a 400 kbit/s connection).

The built web app is compressed once, at build time, and served as it is
(``ykien.core.static``); compressing it again per request would waste the server's CPU and send
a second ``Vary``. So only paths under ``/api/`` pass through Starlette's ``GZipMiddleware``:
JSON, CSV and the API docs' scripts. Answers under 1 KB go out as they are (the compressed form
would hardly be smaller), as do Office files (zip archives already), 304s and partial answers.
Streamed answers (exports) stay streamed: each chunk is compressed and flushed as it comes.
"""

from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

MINIMUM_SIZE = 1024
ZIPPED_MEDIA_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


class ApiCompression:
    def __init__(self, app: ASGIApp, prefix: str = "/api/") -> None:
        self.app = app
        self.prefix = prefix
        # Level 6: nearly level 9's size on JSON for a third of the CPU.
        self.gzip = GZipMiddleware(
            app,
            minimum_size=MINIMUM_SIZE,
            compresslevel=6,
            exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, *ZIPPED_MEDIA_TYPES),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefix):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
