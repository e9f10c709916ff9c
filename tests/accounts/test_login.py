"""A login checks the password with no transaction open: a flood of wrong passwords (argon2 is slow
on purpose) cannot hold the write lock that every board's write needs (issue #13, defect 4)."""

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import PASSWORD, Campaign


@pytest.fixture
def slow_hash(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[float], list[Any]]]:
    """Make every password check take ``seconds`` (without using the CPU) and note, at each
    check, what ``probe`` returns."""
    seen: list[Any] = []
    probe: list[Callable[[], Any]] = []
    original = PasswordHash.verify

    def configure(seconds: float, watch: Callable[[], Any] | None = None) -> list[Any]:
        def verify(self: PasswordHash, password: str | bytes, hash: str | bytes) -> bool:
            if probe:
                seen.append(probe[0]())
            time.sleep(seconds)
            return original(self, password, hash)

        if watch is not None:
            probe.append(watch)
        monkeypatch.setattr(PasswordHash, "verify", verify)
        return seen

    yield configure  # type: ignore[misc]


def test_the_password_is_checked_with_no_database_connection_held(
    client: TestClient, world: World, engine: Engine, slow_hash: Any
) -> None:
    held = slow_hash(0, lambda: engine.pool.checkedout())  # type: ignore[attr-defined]
    login = "/api/v1/auth/token"
    assert client.post(login, data={"username": "entry_a1", "password": "wrong!"}).status_code == 401
    assert client.post(login, data={"username": "nobody", "password": "wrong!"}).status_code == 401
    assert client.post(login, data={"username": "entry_a1", "password": PASSWORD}).status_code == 200
    assert held == [0, 0, 0]


def test_a_flood_of_wrong_passwords_does_not_hold_up_a_board_s_write(
    client: TestClient, world: World, campaign: Campaign, slow_hash: Any
) -> None:
    slow_hash(1.0)
    stop = threading.Event()
    answers: list[int] = []

    def attacker(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            resp = client.post(
                "/api/v1/auth/token", data={"username": f"guess{n}-{i}", "password": "wrong!"}
            )
            answers.append(resp.status_code)

    threads = [threading.Thread(target=attacker, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    try:
        time.sleep(1.5)  # the flood is on: every attacker is checking a password
        started = time.monotonic()
        resp = client.post(
            "/api/v1/comments", headers=world.auth("entry_a1"), json=campaign.comment(world)
        )
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert resp.status_code == 201, resp.text
    assert elapsed < 1.0, f"the write waited {elapsed:.1f} s behind the logins"
    assert answers and set(answers) <= {401, 503}
