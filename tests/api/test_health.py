"""/healthz: the process is up; /readyz: the database answers and is at the head revision."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ykien.core.config import Settings
from ykien.main import create_app


def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ok"


def test_readyz_is_503_on_an_unmigrated_database(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}", frontend_dist=tmp_path)
    with TestClient(create_app(settings)) as c:
        resp = c.get("/readyz")
    assert resp.status_code == 503 and resp.json()["status"] == "migrating"


@pytest.mark.engine_neutral
def test_docs_are_served_without_inline_script(client: TestClient) -> None:
    html = client.get("/api/docs").text
    assert "<script>" not in html and 'src="/api/docs/init.js"' in html
    assert client.get("/api/docs/init.js").status_code == 200
    assert client.get("/api/docs/static/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in spec["paths"]


@pytest.mark.engine_neutral
def test_the_spa_is_served_at_the_root_with_client_side_routes(tmp_path: Path, db_url: str) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<!doctype html><html lang="vi"><div id="app"></div></html>')
    (dist / "assets" / "app.js").write_text("console.log(1)")
    with TestClient(create_app(Settings(database_url=db_url, frontend_dist=dist))) as c:
        assert 'lang="vi"' in c.get("/").text
        assert 'lang="vi"' in c.get("/dashboard/units/3").text  # a client-side route
        assert c.get("/assets/app.js").status_code == 200
        assert c.get("/assets/missing.js").status_code == 404
        missing_api = c.get("/api/v1/nothing-here")
        assert missing_api.status_code == 404
        assert missing_api.headers["content-type"] == "application/problem+json"
