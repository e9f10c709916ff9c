"""Behind a proxy: X-Forwarded-For is believed only from ``YKIEN_FORWARDED_ALLOW_IPS`` (issue #13,
defect 9). The app is served as ``ykien serve`` configures uvicorn, with uvicorn's own wrapping."""

from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import PASSWORD
from ykien import cli
from ykien.core.config import Settings
from ykien.main import create_app


def _served(monkeypatch: pytest.MonkeyPatch, settings: Settings, engine: Engine) -> Any:
    """The ASGI app uvicorn runs for ``ykien serve`` under ``settings``."""
    given: dict[str, Any] = {}
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    monkeypatch.setattr(cli, "configure_logging", lambda **_: None)
    monkeypatch.setattr(uvicorn, "run", lambda _app, **options: given.update(options))
    cli.serve(host=None, port=None, workers=None, migrate=False)
    proxy = {k: v for k, v in given.items() if k in ("proxy_headers", "forwarded_allow_ips")}
    config = uvicorn.Config(create_app(settings, engine), log_config=None, **proxy)
    config.load()
    return config.loaded_app


def _login(client: TestClient, forwarded_for: str, password: str = "wrong!") -> int:  # noqa: S107
    return client.post(
        "/api/v1/auth/token",
        data={"username": "entry_a1", "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    ).status_code


def test_a_same_host_client_cannot_claim_other_addresses(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, engine: Engine, world: World
) -> None:
    app = _served(monkeypatch, settings, engine)  # the default: no proxy trusted
    with TestClient(app, client=("127.0.0.1", 40000)) as client:
        for i in range(10):
            assert _login(client, f"198.51.100.{i}") == 401
        # Every attempt counted for 127.0.0.1, whatever the header said.
        assert _login(client, "198.51.100.99", PASSWORD) == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_lockout(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, engine: Engine, world: World
) -> None:
    trusted = settings.model_copy(update={"forwarded_allow_ips": "10.0.0.0/24"})
    app = _served(monkeypatch, trusted, engine)
    with TestClient(app, client=("10.0.0.2", 40000)) as client:
        for _ in range(10):
            assert _login(client, "203.0.113.7") == 401
        assert _login(client, "203.0.113.7", PASSWORD) == 429  # that client is locked out
        assert _login(client, "203.0.113.8", PASSWORD) == 200  # the others behind the proxy are not
