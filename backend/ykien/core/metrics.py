"""Prometheus metrics: ``GET /metrics`` in the text format, for the addresses an operator allows.

Requests are counted by route template (never the raw path: one series per route, whatever the
ids), method and status, with a latency histogram; the database pool's connections in use come
from pool events; the domains count comments stored, roll-up write time and failed logins.

With several uvicorn workers each process keeps its own values, and ``ykien serve`` points
``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder so that a scrape sums them all.
"""

import ipaddress
import os
from collections.abc import Iterable, Mapping
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from sqlalchemy import Engine, event
from starlette.requests import Request
from starlette.responses import Response

from ykien.core.errors import problem

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "ykien_http_requests_total", "HTTP requests answered", ["route", "method", "status"]
)
LATENCY = Histogram(
    "ykien_http_request_seconds",
    "Time to answer an HTTP request",
    ["route", "method"],
    buckets=_BUCKETS,
)
POOL_IN_USE = Gauge(
    "ykien_db_pool_connections_in_use",
    "Database connections checked out of the pool",
    ["database"],
    multiprocess_mode="livesum",
)
COMMENTS_STORED = Counter("ykien_comments_stored_total", "Comments created (retries excluded)")
ROLLUP_SECONDS = Histogram(
    "ykien_rollup_write_seconds",
    "Time spent writing roll-up cells for one request's comments",
    buckets=_BUCKETS,
)
LOGIN_FAILURES = Counter("ykien_login_failures_total", "Failed logins")


def route_label(scope: Mapping[str, Any]) -> str:
    """The matched route's template (``/api/v1/comments/{comment_id}``), or a fixed bucket.

    FastAPI keeps an included router's routes with their own paths (``/units/{unit_id}``) in
    ``scope["route"]``; the full template is on the effective route it records in the scope."""
    effective = scope.get("fastapi", {}).get("effective_route_context")
    path = getattr(effective, "path_format", None)
    if not isinstance(path, str):
        path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    return "unmatched" if scope.get("path", "").startswith("/api/") else "static"


def observe_request(scope: Mapping[str, Any], status: int, seconds: float) -> None:
    route, method = route_label(scope), scope.get("method", "")
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)


def watch_pool(engine: Engine, name: str) -> None:
    """Keep ``ykien_db_pool_connections_in_use{database=name}`` true through pool events."""
    gauge = POOL_IN_USE.labels(name)

    @event.listens_for(engine, "checkout")
    def _checkout(*_args: Any) -> None:
        gauge.inc()

    @event.listens_for(engine, "checkin")
    def _checkin(*_args: Any) -> None:
        gauge.dec()


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(spec: Iterable[str]) -> list[Network]:
    return [ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip()]


def _allowed(
    host: str | None, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]
) -> bool:
    if host is None:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def metrics_response(request: Request) -> Response:
    networks = request.app.state.metrics_allow
    if not _allowed(request.client.host if request.client else None, networks):
        return problem(403, "Metrics are served only to the addresses in YKIEN_METRICS_ALLOW.")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = DEFAULT_REGISTRY
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
