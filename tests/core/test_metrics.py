"""``GET /metrics``: Prometheus text for the allowed addresses only, requests by route template."""

import ipaddress
import logging
import os
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import World
from ykien.core.config import Settings
from ykien.core.metrics import parse_networks


def _sample(text: str, name: str, **labels: str) -> float:
    """The value of one series in a Prometheus text answer (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{key}="{value}"' in line for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def _scrape(app: FastAPI) -> str:
    with TestClient(app, client=("127.0.0.1", 5000)) as local:
        answer = local.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return answer.text


def test_a_request_is_counted_under_its_route_template(app: FastAPI, world: World) -> None:
    route = "/api/v1/units/{unit_id}"
    before = _scrape(app)
    with TestClient(app) as client:
        for unit in ("C1", "C2"):
            answer = client.get(f"/api/v1/units/{world.units[unit]}", headers=world.auth("admin_p"))
            assert answer.status_code == 200
    after = _scrape(app)
    counted = _sample(after, "ykien_http_requests_total", route=route, method="GET", status="200")
    assert counted - _sample(
        before, "ykien_http_requests_total", route=route, method="GET", status="200"
    ) == pytest.approx(2)
    # one series per template: the raw ids never become labels
    assert str(world.units["C1"]) not in "".join(re.findall(r'route="[^"]*"', after))
    assert _sample(after, "ykien_http_request_seconds_count", route=route, method="GET") >= 2
    assert "ykien_db_pool_connections_in_use" in after


def test_login_failures_and_stored_comments_are_counted(app: FastAPI, world: World) -> None:
    before = _scrape(app)
    with TestClient(app) as client:
        answer = client.post(
            "/api/v1/auth/token", data={"username": "admin_p", "password": "not the password"}
        )
        assert answer.status_code == 401
    after = _scrape(app)
    assert _sample(after, "ykien_login_failures_total") - _sample(
        before, "ykien_login_failures_total"
    ) == pytest.approx(1)


@pytest.mark.engine_neutral
def test_an_address_outside_the_allow_list_is_refused(app: FastAPI, world: World) -> None:
    with TestClient(app, client=("10.1.2.3", 5000)) as remote:
        answer = remote.get("/metrics")
    assert answer.status_code == 403
    assert answer.headers["content-type"] == "application/problem+json"
    assert "YKIEN_METRICS_ALLOW" in answer.json()["detail"]
    with TestClient(app, client=("::1", 5000)) as local6:
        assert local6.get("/metrics").status_code == 200


@pytest.mark.engine_neutral
def test_metrics_are_not_in_the_openapi_document(client: TestClient, world: World) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/metrics" not in paths


def test_the_allow_list_parses() -> None:
    assert Settings().metrics_allow == "127.0.0.0/8,::1"
    spec = " 10.0.0.0/8, 192.168.1.7 ,,fd00::/8 "  # as YKIEN_METRICS_ALLOW, split as main.py
    networks = parse_networks(spec.split(","))
    assert networks == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("192.168.1.7/32"),
        ipaddress.ip_network("fd00::/8"),
    ]
    with pytest.raises(ValueError, match="does not appear to be"):
        parse_networks(["not-a-network"])


@pytest.mark.engine_neutral
def test_access_log_names_caller_client_and_pid(
    app: FastAPI, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    from ykien.core.logging import _RequestIdFilter

    caplog.handler.addFilter(_RequestIdFilter())
    with (
        caplog.at_level(logging.INFO, logger="ykien.http"),
        TestClient(app, client=("10.9.8.7", 4000)) as client,
    ):
        client.get(f"/api/v1/units/{world.units['C1']}", headers=world.auth("admin_p"))
    line = next(r for r in caplog.records if r.name == "ykien.http")
    assert line.__dict__["client"] == "10.9.8.7"
    assert line.__dict__["caller"] == f"user:{world.users['admin_p']}"
    assert isinstance(line.__dict__["pid"], int)


def test_serve_starts_workers_on_an_empty_multiprocess_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ykien.cli import _fresh_metrics_dir

    given = tmp_path / "metrics"
    given.mkdir()
    (given / "counter_123.db").write_bytes(b"a dead run's values")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(given))
    _fresh_metrics_dir()
    assert given.is_dir() and not any(given.iterdir())

    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    _fresh_metrics_dir()
    made = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    assert made.is_dir() and not any(made.iterdir())
    made.rmdir()
