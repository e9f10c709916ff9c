"""Works roll-ups computed when asked (issue 17): is a GROUP BY over the subtree fast enough?

    uv run python -m bench.works [--engines sqlite,postgresql] [--works 100000] [--repeat 30]

Builds the 2025 tree (a centre, 34 provinces, 100 communes each: 3,435 units), spreads
``--works`` works over the provinces and communes (every status, organisation and kind; dates
around today so that some are overdue), then times, in process and on a warm cache, ``--repeat``
calls of each read at the centre, one province and one commune: the roll-up
(``works.rollup.summary``: totals, per child, organisation and kind), the first page of the
overdue list (``due=overdue``), and ``work_figures`` for a quarter. Prints p50 and p95 in ms and
the ratio of the p50 to a floor measured in the same run (a ``count(*)`` over the same subtree:
the least any roll-up of that range could cost), and this process's CPU time (on SQLite, the
read's own cost whatever the machine's load). The load average is printed beside the figures.
"""

import argparse
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from bench.common import database
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.core.bulk import insert_all
from ykien.core.clock import today_vn
from ykien.core.db import make_engine, session_scope, utcnow
from ykien.units.models import Unit, UnitLevel
from ykien.units.scope import EVERYTHING, Scope, in_subtree
from ykien.units.tree import place
from ykien.works import reading, rollup
from ykien.works.models import WORK_TABLE, Work
from ykien.works.summary import work_figures

PROVINCES, COMMUNES = 34, 100
ORGS = [
    "front",
    "trade_union",
    "farmers_union",
    "youth_union",
    "womens_union",
    "veterans_association",
]


def build(url: str, works: int) -> dict[str, Unit]:
    rng = random.Random(17)
    engine = make_engine(url)
    today = today_vn()
    with session_scope(engine) as session:
        centre = place(session, code="VN", name="Trung ương", level=UnitLevel.central, parent=None)
        units: list[Unit] = []
        for p in range(PROVINCES):
            province = place(
                session, code=f"P{p}", name=f"Tỉnh {p}", level=UnitLevel.province, parent=centre
            )
            units.append(province)
            for c in range(COMMUNES):
                units.append(
                    place(
                        session,
                        code=f"P{p}-{c}",
                        name=f"Xã {c}",
                        level=UnitLevel.commune,
                        parent=province,
                    )
                )
        session.flush()
        now = utcnow()
        rows: list[dict[str, Any]] = []
        for n in range(works):
            unit = rng.choice(units)
            registered = today - timedelta(days=rng.randint(0, 400))
            status = rng.choices(["registered", "in_progress", "done", "dropped"], [3, 4, 3, 1])[0]
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "unit_id": unit.id,
                    "unit_path": unit.path,
                    "organization": rng.choice(ORGS),
                    "kind": rng.choice(["project", "task"]),
                    "title": f"Công trình {n}",
                    "title_folded": f"cong trinh {n}",
                    "description": None,
                    "value_vnd": rng.randint(1, 900) * 1_000_000,
                    "registered_on": registered,
                    "due_on": registered + timedelta(days=rng.randint(30, 300)),
                    "status": status,
                    "completed_on": registered + timedelta(days=10) if status == "done" else None,
                    "create_hash": "0" * 64,
                    "version": 1,
                    "created_at": now,
                    "created_by": None,
                    "updated_at": now,
                }
            )
            if len(rows) == 10_000:
                insert_all(session, WORK_TABLE, rows)
                rows = []
        insert_all(session, WORK_TABLE, rows)
        picks = {"centre": centre, "province": units[0], "commune": units[1]}
        for unit in picks.values():
            session.expunge(unit)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()
    return picks


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """p50 and p95 of the wall time, and the p50 of this process's CPU time (ms): on SQLite the
    query runs in this process, so its CPU time is what the read costs on an idle machine."""
    fn()  # warm
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return (
        statistics.median(times),
        times[max(0, int(len(times) * 0.95) - 1)],
        statistics.median(cpu),
    )


def caller_at(unit: Unit) -> Caller:
    scope = EVERYTHING if unit.level == UnitLevel.central else Scope(unit.path)
    return Caller("user", 1, "bench", "", Role.viewer, unit.id, scope)


def run(kind: str, works: int, repeat: int) -> None:
    with database(kind) as url:
        started = time.perf_counter()
        picks = build(url, works)
        print(
            f"\n[{kind}] {works:,} works over {PROVINCES * (COMMUNES + 1) + 1:,} units "
            f"(built in {time.perf_counter() - started:.0f} s); load {os.getloadavg()[0]:.2f}"
        )
        engine = make_engine(url)
        today = today_vn()
        with Session(engine) as session:
            for level, unit in picks.items():
                caller = caller_at(unit)
                n = session.scalar(
                    select(func.count())
                    .select_from(Work)
                    .where(in_subtree(Work.unit_path, unit.path))
                )
                floor, _, _ = timed(
                    lambda u=unit: session.scalar(
                        select(func.count())
                        .select_from(Work)
                        .where(in_subtree(Work.unit_path, u.path))
                    ),
                    repeat,
                )
                reads: dict[str, Callable[[], object]] = {
                    "summary": lambda c=caller, u=unit: rollup.summary(
                        session, caller=c, unit_id=u.id
                    ),
                    "overdue page": lambda c=caller: reading.list_works(
                        session, caller=c, f=reading.Filters(due="overdue"), limit=50, cursor=None
                    ),
                    "work_figures": lambda u=unit: work_figures(
                        session, u, today - timedelta(days=90), today
                    ),
                }
                print(f"  {level:8} ({n:,} works)  floor count(*) p50 {floor:7.2f} ms")
                for name, fn in reads.items():
                    p50, p95, cpu = timed(fn, repeat)
                    print(
                        f"    {name:13} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  "
                        f"×{p50 / max(floor, 0.01):5.1f} floor  (this process's CPU p50 {cpu:6.2f} ms)"
                    )
                session.rollback()
        engine.dispose()
    print(f"  load after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    for kind in args.engines.split(","):
        run(kind, args.works, args.repeat)


if __name__ == "__main__":
    main()
