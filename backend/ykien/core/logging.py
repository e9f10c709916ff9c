"""Structured logs: JSON lines when stderr is not a terminal, every line with its request id."""

import logging
import os
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

import orjson

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
# One mutable dict per request, set by the middleware: sync dependencies run in worker threads
# on a *copy* of the context, so they fill this dict (``note_caller``) rather than set a var.
request_info_var: ContextVar[dict[str, str] | None] = ContextVar("request_info", default=None)


def note_caller(kind: str, caller_id: int) -> None:
    """Name the request's caller (``user:12``, ``api_key:3``) in its log lines."""
    info = request_info_var.get()
    if info is not None:
        info["caller"] = f"{kind}:{caller_id}"


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.pid = os.getpid()
        info = request_info_var.get()
        if info:
            for key, value in info.items():
                if not hasattr(record, key):
                    setattr(record, key, value)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        base = super().format(record)
        rid = getattr(record, "request_id", None)
        if not rid:
            return base
        who = " ".join(
            f"{key} {value}"
            for key in ("caller", "client")
            if (value := getattr(record, key, None))
        )
        return f"{base} [req {rid} pid {getattr(record, 'pid', '?')}{' ' + who if who else ''}]"


def configure_logging(*, json: bool | None = None, level: str = "INFO") -> None:
    use_json = (not sys.stderr.isatty()) if json is None else json
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(
        JsonFormatter()
        if use_json
        else TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # our middleware logs each request
