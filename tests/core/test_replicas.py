"""Read replicas against a real streaming standby, started by the suite (tests/replication.py).

Reads that tolerate lag go to the standby; logins, writes, and a writer's own reads for a few
seconds after it wrote go to the primary; a standby that lags too far or is down is skipped.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.factories import PASSWORD
from tests.replication import StreamingPair, streaming_pair
from ykien.accounts.service import ensure_superuser
from ykien.core.config import Settings
from ykien.core.db import session_scope
from ykien.core.migrations import upgrade
from ykien.core.replicas import Replicas
from ykien.main import create_app

pytestmark = pytest.mark.xdist_group("replication")


@pytest.fixture(scope="module")
def pair() -> Iterator[StreamingPair]:
    with streaming_pair() as pair:
        upgrade(pair.primary.url)
        engine = create_engine(pair.primary.url)
        with session_scope(engine) as session:
            ensure_superuser(session, username="root", password=PASSWORD)
        engine.dispose()
        pair.wait_replayed()
        yield pair


def _app(pair: StreamingPair, tmp_path: Path, **settings: object) -> TestClient:
    app = create_app(
        Settings(
            database_url=pair.primary.url,
            read_database_url=pair.replica.url,
            read_max_lag_seconds=1.0,
            read_after_write_seconds=2.0,
            password_hash_cost="minimal",
            frontend_dist=tmp_path / "none",
            **settings,  # type: ignore[arg-type]
        )
    )
    return TestClient(app, raise_server_exceptions=False)


def _login(client: TestClient) -> dict[str, str]:
    resp = client.post("/api/v1/auth/token", data={"username": "root", "password": PASSWORD})
    assert resp.status_code == 200, resp.text  # a login reads and writes the primary
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def _unit(client: TestClient, auth: dict[str, str], code: str) -> int:
    body = {"code": code, "name": f"Tỉnh {code}", "level": "province"}
    resp = client.post("/api/v1/units", json=body, headers=auth)
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _pause(pair: StreamingPair, paused: bool) -> None:
    engine = create_engine(pair.replica.url)
    with engine.connect() as conn:
        conn.execute(text(f"SELECT pg_wal_replay_{'pause' if paused else 'resume'}()"))
    engine.dispose()


def test_reads_go_to_the_replica_and_a_writer_reads_its_own_writes(
    pair: StreamingPair, tmp_path: Path
) -> None:
    with _app(pair, tmp_path) as writer, _app(pair, tmp_path) as reader:
        auth = _login(writer)
        reader_auth = _login(reader)  # a token made just now: resolved on the primary
        _pause(pair, True)
        try:
            unit = _unit(writer, auth, "R1")
            # The writer reads its write at once (the primary serves it for a few seconds).
            assert writer.get(f"/api/v1/units/{unit}", headers=auth).status_code == 200
            # Another client reads the standby, which has not replayed it: not there yet.
            reader.cookies.clear()
            assert reader.get(f"/api/v1/units/{unit}", headers=reader_auth).status_code == 404
            # Once the standby lags more than allowed, it is skipped: the primary answers.
            time.sleep(2.5)
            assert reader.get(f"/api/v1/units/{unit}", headers=reader_auth).status_code == 200
        finally:
            _pause(pair, False)
        pair.wait_replayed()
        time.sleep(1.2)  # the next health check finds the standby caught up
        assert reader.get(f"/api/v1/units/{unit}", headers=reader_auth).status_code == 200


def test_a_replica_that_is_down_is_skipped(pair: StreamingPair, tmp_path: Path) -> None:
    with _app(pair, tmp_path) as client:
        auth = _login(client)
        unit = _unit(client, auth, "R2")
        client.cookies.clear()
        pair.replica.stop()
        try:
            resp = client.get(f"/api/v1/units/{unit}", headers=auth)
            assert resp.status_code == 200, resp.text
        finally:
            pair.replica.start()
        pair.wait_replayed()


def test_a_replica_is_used_only_when_it_answers_and_keeps_up(pair: StreamingPair) -> None:
    replica = create_engine(pair.replica.url)
    down = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/postgres")
    try:
        replicas = Replicas([down, replica], max_lag_seconds=5)
        assert {replicas.pick() for _ in range(4)} == {replica}
        assert Replicas([down], max_lag_seconds=5).pick() is None
        assert not Replicas([], max_lag_seconds=5)
    finally:
        replica.dispose()
        down.dispose()
