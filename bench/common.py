"""Shared helpers for benchmarks: databases, a real server, a small world, load generation.

Benchmarks print figures and ratios to a floor measured in the same run on the same server,
because the machine is noisy and absolute numbers alone mean little.
"""

import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, create_engine, text

from ykien.accounts.models import Role, User
from ykien.accounts.service import issue_token
from ykien.consultations.models import Consultation, Document, Section
from ykien.core.audit import SYSTEM
from ykien.core.config import Settings
from ykien.core.db import make_engine, session_scope
from ykien.core.migrations import upgrade
from ykien.core.security import hash_password
from ykien.units.models import UnitLevel
from ykien.units.schemas import UnitCreate
from ykien.units.scope import EVERYTHING
from ykien.units.service import create_unit

PG_ADMIN = os.environ.get(
    "YKIEN_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def database(kind: str, *, keep: bool = False) -> Iterator[str]:
    """A fresh, migrated database of ``kind`` ("sqlite" or "postgresql"), dropped afterwards
    unless ``keep`` (then its URL is printed, to measure it again)."""
    if kind == "sqlite":
        tmp = tempfile.mkdtemp(prefix="ykien-bench-")
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        try:
            upgrade(url)
            yield url
        finally:
            if keep:
                print(f"database kept: {url}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
        return
    name = f"ykien_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        if keep:
            print(f"database kept: {url}")
        else:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class World:
    url: str
    engine: Engine
    units: dict[str, int] = field(default_factory=dict)
    areas: list[int] = field(default_factory=list)
    paths: dict[int, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    consultation_id: int = 0
    document_id: int = 0
    section_ids: list[int] = field(default_factory=list)


def small_world(url: str, *, areas: int = 20) -> World:
    """A province > district > commune > ``areas`` residential areas, a consultation, a document
    with 30 sections, and an entry user + token at the commune."""
    engine = make_engine(url)
    w = World(url, engine)
    settings = Settings(database_url=url)
    with session_scope(engine) as s:
        p = create_unit(
            s,
            scope=EVERYTHING,
            actor=SYSTEM,
            data=UnitCreate(code="P", name="Tỉnh", level=UnitLevel.province),
        )
        d = create_unit(
            s,
            scope=EVERYTHING,
            actor=SYSTEM,
            data=UnitCreate(code="D", name="Huyện", level=UnitLevel.district, parent_id=p.id),
        )
        c = create_unit(
            s,
            scope=EVERYTHING,
            actor=SYSTEM,
            data=UnitCreate(code="C", name="Xã", level=UnitLevel.commune, parent_id=d.id),
        )
        for i in range(areas):
            a = create_unit(
                s,
                scope=EVERYTHING,
                actor=SYSTEM,
                data=UnitCreate(
                    code=f"A{i}", name=f"Ấp {i}", level=UnitLevel.residential_area, parent_id=c.id
                ),
            )
            assert a.id is not None
            w.areas.append(a.id)
            w.paths[a.id] = a.path
        assert p.id and c.id
        w.units = {"P": p.id, "C": c.id}
        user = User(
            username="bench",
            full_name="Bench",
            password_hash=hash_password("bench-password"),
            unit_id=c.id,
            role=Role.secretary.value,
        )
        s.add(user)
        s.flush()
        w.tokens["secretary_c"], _ = issue_token(s, settings=settings, user=user)
        cons = Consultation(
            title="Bench",
            unit_id=p.id,
            unit_path=p.path,
            opens_on=date.today() - timedelta(days=90),
            closes_on=date.today() + timedelta(days=30),
        )
        s.add(cons)
        s.flush()
        doc = Document(consultation_id=cons.id, code="DOC", title="Dự thảo")  # type: ignore[arg-type]
        s.add(doc)
        s.flush()
        for i in range(30):
            sec = Section(document_id=doc.id, number=str(i + 1), heading=f"Mục {i + 1}", position=i)  # type: ignore[arg-type]
            s.add(sec)
            s.flush()
            assert sec.id is not None
            w.section_ids.append(sec.id)
        assert cons.id and doc.id
        w.consultation_id, w.document_id = cons.id, doc.id
    return w


WORDS = (
    "đề nghị bổ sung giải pháp phát triển kinh tế biển nuôi tôm lúa du lịch Phú Quốc chỉnh đốn Đảng "
    "xây dựng nông thôn mới đường giao thông trường học bảo hiểm y tế chuyển đổi số cải cách hành chính "
    "đồng bào Khmer người có uy tín biến đổi khí hậu xâm nhập mặn sạt lở bờ biển thanh niên việc làm"
).split()


def comment_body(w: World, rng: random.Random, *, with_id: bool = True) -> dict[str, Any]:
    body = {
        "document_id": w.document_id,
        "section_id": rng.choice(w.section_ids),
        "unit_id": rng.choice(w.areas),
        "channel": rng.choice(["meeting", "meeting", "written", "online"]),
        "category": rng.choice(["citizen", "citizen", "party_member", "cadre"]),
        "stance": rng.choice(["agree", "amend", "add"]),
        "people": rng.randint(1, 3),
        "content": " ".join(rng.choices(WORDS, k=rng.randint(8, 30))).capitalize() + ".",
        "collected_on": (date.today() - timedelta(days=rng.randint(0, 60))).isoformat(),
    }
    if with_id:
        body["id"] = str(uuid.uuid4())
    return body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(url: str, *, workers: int = 1) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "YKIEN_DATABASE_URL": url,
        "YKIEN_DEMO": "0",
        "YKIEN_LOG_LEVEL": "WARNING",
        "YKIEN_FRONTEND_DIST": "/nonexistent",
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
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def throughput(
    base: str,
    token: str,
    make_request: Callable[[int], tuple[str, str, Any]],
    *,
    concurrency: int = 16,
    seconds: float = 5.0,
) -> tuple[float, list[float], int]:
    """Requests/s, latencies (ms) and error count of ``concurrency`` clients for ``seconds``."""

    async def run() -> tuple[float, list[float], int]:
        latencies: list[float] = []
        errors = 0
        counter = 0
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=30
        ) as client:
            end = time.perf_counter() + seconds

            async def worker() -> None:
                nonlocal errors, counter
                while time.perf_counter() < end:
                    counter += 1
                    method, path, body = make_request(counter)
                    t0 = time.perf_counter()
                    resp = await client.request(method, path, json=body)
                    latencies.append((time.perf_counter() - t0) * 1000)
                    if resp.status_code >= 400:
                        errors += 1

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
        return len(latencies) / elapsed, latencies, errors

    return asyncio.run(run())


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]
