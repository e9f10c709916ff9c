"""A real PostgreSQL primary and a streaming replica, started by the test suite itself.

``initdb`` a primary in a temporary folder, clone it with ``pg_basebackup -R`` (which writes
``standby.signal`` and the connection to the primary), start both on free loopback ports as the
``postgres`` OS user (when the suite runs as root, as in CI), and stop both at the end.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text


def _bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    for folder in reversed(versions):
        if (folder / name).exists():
            return str(folder / name)
    raise RuntimeError(f"{name} not found: install PostgreSQL's server package")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(argv: list[str]) -> None:
    if os.geteuid() == 0:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=True, capture_output=True)


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder.parent} -c listen_addresses=127.0.0.1"
        _run(
            [
                _bin("pg_ctl"),
                "-D",
                str(self.folder),
                "-o",
                options,
                "-l",
                str(self.folder.parent / f"{self.folder.name}.log"),
                "-w",
                "start",
            ]
        )

    def stop(self) -> None:
        if (self.folder / "postmaster.pid").exists():
            _run([_bin("pg_ctl"), "-D", str(self.folder), "-m", "immediate", "-w", "stop"])


@dataclass
class StreamingPair:
    primary: Cluster
    replica: Cluster

    def wait_replayed(self, timeout: float = 30.0) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        primary = create_engine(self.primary.url)
        replica = create_engine(self.replica.url)
        try:
            with primary.connect() as conn:
                target = conn.execute(text("SELECT pg_current_wal_lsn()")).scalar_one()
            deadline = time.monotonic() + timeout
            while True:
                with replica.connect() as conn:
                    done = conn.execute(
                        text("SELECT pg_last_wal_replay_lsn() >= CAST(:t AS pg_lsn)"), {"t": target}
                    ).scalar_one()
                if done:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError("the replica did not catch up")
                time.sleep(0.05)
        finally:
            primary.dispose()
            replica.dispose()


@contextmanager
def streaming_pair() -> Iterator[StreamingPair]:
    base = Path(tempfile.mkdtemp(prefix="ykien-replication-"))
    base.chmod(0o777)
    primary = Cluster(base / "primary", _free_port())
    replica = Cluster(base / "replica", _free_port())
    try:
        _run(
            [
                _bin("initdb"),
                "-D",
                str(primary.folder),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        with (primary.folder / "postgresql.conf").open("a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 4\nfsync = off\n")
        primary.start()
        _run(
            [
                _bin("pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(primary.port),
                "-U",
                "postgres",
                "-D",
                str(replica.folder),
                "-R",
                "-X",
                "stream",
                "--no-sync",
            ]
        )
        replica.start()
        yield StreamingPair(primary, replica)
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(base, ignore_errors=True)
