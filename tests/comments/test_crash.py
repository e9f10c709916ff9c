"""Nothing acknowledged is lost: a real server is killed (SIGKILL) while boards are posting."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session

from tests.conftest import World
from tests.factories import Campaign
from ykien.comments.models import Comment, CommentVersion
from ykien.core.config import Settings
from ykien.core.db import make_engine
from ykien.main import create_app

# Acknowledged writes before the kill (the test asks for more than 20).
ENOUGH = 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db_url: str, port: int, tmp: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "YKIEN_DATABASE_URL": db_url,
        "YKIEN_DEMO": "0",
        "YKIEN_FRONTEND_DIST": str(tmp / "none"),
        "YKIEN_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "ykien.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Importing the app takes ~2 s on a quiet machine and over 30 s on a loaded one: the bound
    # only stops a server that cannot start from hanging the suite.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("the server did not start")


def test_acknowledged_comments_survive_sigkill(
    db_url: str,
    engine: Engine,
    world: World,
    campaign: Campaign,
    settings: Settings,
    tmp_path: Path,
) -> None:
    port = _free_port()
    server = _start(db_url, port, tmp_path)
    acknowledged: set[str] = set()
    lock = threading.Lock()
    stop = threading.Event()

    def board(who: str, unit: str) -> None:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers=world.auth(who), timeout=5
        ) as http:
            n = 0
            while not stop.is_set():
                comment_id = str(uuid.uuid4())
                body = campaign.comment(
                    world, unit=unit, id=comment_id, content=f"Ý kiến {who} số {n}"
                )
                n += 1
                try:
                    resp = http.post("/api/v1/comments", json=body)
                except httpx.HTTPError:
                    return  # the server is gone
                if resp.status_code in (200, 201):
                    with lock:
                        acknowledged.add(comment_id)

    threads = [
        threading.Thread(target=board, args=args)
        for args in [
            ("entry_a1", "A1"),
            ("entry_a2", "A2"),
            ("entry_a3", "A3"),
            ("secretary_c1", "A1"),
        ]
    ]
    for t in threads:
        t.start()
    # Kill once the boards have written enough to prove something (rather than after a fixed
    # time, which a loaded machine may spend starting up), while all four are still posting.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with lock:
            if len(acknowledged) >= ENOUGH:
                break
        time.sleep(0.02)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads:
        t.join()
    assert len(acknowledged) > 20, "too few writes before the kill to prove anything"

    # The restart: a new app on a new engine reopens the database (recovery, WAL replay, happens
    # on reopen). In this process, where the app's modules are already imported: a second
    # server process would only add its start-up.
    reopened = make_engine(db_url)
    try:
        with TestClient(create_app(settings, reopened)) as restarted:
            with Session(engine) as s:
                stored = {str(i) for i in s.scalars(select(Comment.id))}
                versions = s.scalar(select(func.count()).select_from(CommentVersion))
                if engine.dialect.name == "sqlite":
                    indexed = s.scalar(
                        text("SELECT count(*) FROM comment_fts WHERE comment_fts MATCH 'y'")
                    )
                    assert indexed == len(stored)
            missing = acknowledged - stored
            assert not missing, f"{len(missing)} acknowledged comments were lost"
            assert versions == len(stored)  # every stored comment has its creation in the history
            listed = restarted.get(
                "/api/v1/comments", params={"limit": 500}, headers=world.auth("secretary_p")
            ).json()
            assert len(listed["items"]) == min(500, len(stored))
    finally:
        reopened.dispose()
