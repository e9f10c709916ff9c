"""Units of both eras (issue 17): the demo's load, stats on today's tree, consultation reads.

    uv run --frozen python -m bench.eras [--engine sqlite|postgresql] [--repeat 5]

Prints, with the load average beside each figure (the machine is shared):

- the demo's load time (both eras: Kiên Giang before 1 July 2025 and today's An Giang);
- ``GET /units/{id}/stats`` of the old consultation at today's An Giang by child, on the tree it
  was entered on (``tree=original``, the floor) and on today's (``tree=current``), and the ratio;
  the same at a merged commune (Phường Rạch Giá, 9 predecessors);
- a consultation read (``get_consultation``) with the lineage clause (an old consultation read
  by the province it went into) against the same read by its own board.
"""

import argparse
import os
import statistics
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlmodel import Session, col

from bench.common import database
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.consultations.service import get_consultation
from ykien.core.db import make_engine, session_scope
from ykien.demo.loader import load_demo
from ykien.stats import eras
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.units.models import Unit
from ykien.units.scope import Scope


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches and compiled statements
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def caller_at(unit: Unit) -> Caller:
    assert unit.id is not None
    return Caller(
        kind="user",
        id=1,
        name="bench",
        full_name="bench",
        role=Role.admin,
        unit_id=unit.id,
        scope=Scope(unit.path),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with database(args.engine) as url:
        engine = make_engine(url)
        t = time.perf_counter()
        with session_scope(engine) as session:
            load_demo(session)
        print(f"demo load ({args.engine}): {time.perf_counter() - t:.1f} s   load {load()}")
        with Session(engine) as s:
            units = {
                u.code: u
                for u in s.scalars(
                    select(Unit).where(col(Unit.code).in_(["91", "2025.91", "2025.30742"]))
                )
            }
            query = StatsQuery(consultation_id=1, group_by=[GroupBy.child])
            for code in ("2025.91", "2025.30742"):
                unit = units[code]
                assert unit.id is not None
                uid, who = unit.id, caller_at(unit)

                def ask(tree: eras.Tree, uid: int = uid, who: Caller = who) -> object:
                    return eras.stats(s, caller=who, unit_id=uid, query=query, tree=tree)

                original = median_ms(lambda: ask("original"), args.repeat)
                current = median_ms(lambda: ask("current"), args.repeat)
                print(
                    f"stats by child at {unit.name}: original {original:.1f} ms, "
                    f"current {current:.1f} ms (×{current / original:.0f})   load {load()}"
                )
            own = caller_at(units["91"])
            later = caller_at(units["2025.91"])
            plain = median_ms(
                lambda: [get_consultation(s, caller=own, consultation_id=1) for _ in range(100)],
                args.repeat,
            )
            lineage = median_ms(
                lambda: [get_consultation(s, caller=later, consultation_id=1) for _ in range(100)],
                args.repeat,
            )
            print(
                f"get_consultation: by its own board {plain / 100:.2f} ms, through the lineage "
                f"{lineage / 100:.2f} ms (×{lineage / plain:.1f})   load {load()}"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
