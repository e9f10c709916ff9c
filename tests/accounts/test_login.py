"""A login checks the password with no transaction open: a flood of wrong passwords (argon2 is slow
on purpose) cannot hold the write lock that every board's write needs (issue #13, defect 4)."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import PASSWORD, Campaign

SLOW = 6.0  # seconds a password check takes in the flood (a slow argon2, without the CPU)
BOUND = 5.0  # what a board's write may wait meanwhile (a loaded test machine included)


@pytest.fixture
def slow_hash(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[Any]]:
    """Make every password check take ``seconds`` (sleeping, cut short when ``stop`` is set)
    and note, at each check, what ``watch`` returns."""
    seen: list[Any] = []
    original = PasswordHash.verify

    def configure(
        seconds: float,
        watch: Callable[[], Any] | None = None,
        stop: threading.Event | None = None,
    ) -> list[Any]:
        def verify(self: PasswordHash, password: str | bytes, hash: str | bytes) -> bool:
            if watch is not None:
                seen.append(watch())
            (stop or threading.Event()).wait(seconds)
            return original(self, password, hash)

        monkeypatch.setattr(PasswordHash, "verify", verify)
        return seen

    return configure


def test_the_password_is_checked_with_no_database_connection_held(
    client: TestClient, world: World, engine: Engine, slow_hash: Any
) -> None:
    held = slow_hash(0, lambda: engine.pool.checkedout())  # type: ignore[attr-defined]
    for username, password, status in [
        ("entry_a1", "wrong!", 401),
        ("nobody", "wrong!", 401),
        ("entry_a1", PASSWORD, 200),
    ]:
        resp = client.post("/api/v1/auth/token", data={"username": username, "password": password})
        assert resp.status_code == status
    assert held == [0, 0, 0]


def test_a_flood_of_wrong_passwords_does_not_hold_up_a_board_s_write(
    client: TestClient, world: World, campaign: Campaign, slow_hash: Any
) -> None:
    stop = threading.Event()
    slow_hash(SLOW, stop=stop)
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
    # Before: the write queued for the lock behind logins holding it SLOW seconds each (503).
    assert elapsed < BOUND, f"the write waited {elapsed:.1f} s behind the logins"
    assert answers and set(answers) <= {401, 503}
