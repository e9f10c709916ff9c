"""Every error is application/problem+json, every response carries the security headers.

HTTP behaviour that no database decides runs on one engine (``engine_neutral``); the 409 of a
duplicate comes from the database's constraint, so it runs on both.
"""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import World


def _is_problem(resp, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return body  # type: ignore[no-any-return]


@pytest.mark.engine_neutral
def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/healthz", "/api/v1/me", "/api/v1/nope", "/"):
        resp = client.get(path)
        csp = resp.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["referrer-policy"]
        assert resp.headers["x-request-id"]
        assert "strict-transport-security" not in resp.headers


@pytest.mark.engine_neutral
def test_hsts_only_over_tls(app: FastAPI) -> None:
    with TestClient(app, base_url="https://testserver") as c:
        assert "max-age" in c.get("/healthz").headers["strict-transport-security"]


@pytest.mark.engine_neutral
def test_a_sane_request_id_is_echoed(client: TestClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    assert (
        client.get("/healthz", headers={"X-Request-ID": "bad id\n"}).headers["x-request-id"]
        != "bad id\n"
    )


@pytest.mark.engine_neutral
def test_401_without_credentials(client: TestClient) -> None:
    body = _is_problem(client.get("/api/v1/me"), 401)
    assert body["type"] == "urn:ykien:problem:unauthorized"
    _is_problem(client.get("/api/v1/me", headers={"Authorization": "Bearer yt_nonsense"}), 401)
    _is_problem(client.get("/api/v1/me", headers={"Authorization": "Basic abc"}), 401)


@pytest.mark.engine_neutral
def test_403_when_the_role_may_not_act(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units",
        headers=world.auth("viewer_p"),
        json={
            "code": "X1",
            "name": "Khu phố 9",
            "level": "residential_area",
            "parent_id": world.units["C1"],
        },
    )
    _is_problem(resp, 403)


@pytest.mark.engine_neutral
def test_404_for_unknown_routes_and_ids(client: TestClient, world: World) -> None:
    _is_problem(client.get("/api/v1/does-not-exist", headers=world.auth("admin_p")), 404)
    _is_problem(client.get("/api/v1/units/424242", headers=world.auth("admin_p")), 404)


@pytest.mark.engine_neutral
def test_405_for_wrong_method(client: TestClient, world: World) -> None:
    _is_problem(client.put("/api/v1/me", headers=world.auth("admin_p")), 405)


def test_409_for_a_duplicate_code(client: TestClient, world: World) -> None:
    body = {
        "code": "A1",
        "name": "Khu phố 1",
        "level": "residential_area",
        "parent_id": world.units["C1"],
    }
    _is_problem(client.post("/api/v1/units", headers=world.auth("admin_p"), json=body), 409)


@pytest.mark.engine_neutral
def test_422_names_the_field(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units",
        headers=world.auth("admin_p"),
        json={"code": "X1", "name": "  ", "level": "hamlet", "parent_id": world.units["C1"]},
    )
    body = _is_problem(resp, 422)
    locs = [tuple(e["loc"]) for e in body["errors"]]
    assert ("body", "name") in locs and ("body", "level") in locs


@pytest.mark.engine_neutral
def test_400_for_malformed_json(client: TestClient, world: World) -> None:
    resp = client.post(
        "/api/v1/units",
        headers={**world.auth("admin_p"), "content-type": "application/json"},
        content=b'{"code": ',
    )
    body = _is_problem(resp, 400)
    assert body["title"] == "Malformed JSON"


@pytest.mark.engine_neutral
def test_413_for_a_body_over_the_limit(client: TestClient, world: World) -> None:
    big = b"x" * (10 * 1024 * 1024 + 1)
    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("admin_p"), "content-type": "text/csv"},
        content=big,
    )
    _is_problem(resp, 413)


@pytest.mark.engine_neutral
def test_413_while_streaming_without_content_length(client: TestClient, world: World) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(11):
            yield b"y" * (1024 * 1024)

    resp = client.post(
        "/api/v1/units/import",
        headers={**world.auth("admin_p"), "content-type": "text/csv"},
        content=chunks(),
    )
    _is_problem(resp, 413)


@pytest.mark.engine_neutral
def test_unexpected_errors_are_a_500_problem_without_internals(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.get("/boom")
    body = _is_problem(resp, 500)
    assert "secret" not in resp.text
    assert resp.headers["x-request-id"] in body["detail"]
    assert resp.headers["content-security-policy"]
    assert any("secret internals" in (r.exc_text or "") or r.exc_info for r in caplog.records)
