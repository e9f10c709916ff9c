"""Periodic reports: how long a report's figures take to compute (a draft's GET computes them
live) at a commune, a district and the province of the demo data set, on SQLite and PostgreSQL.

    uv run python -m bench.periodic [--runs 15]

The figures come from the roll-ups (cells per node and day, per child), so the cost should grow
with the number of children and days, not with the comments: the province (15 districts) is
compared with a commune (a handful of residential areas) as a ratio.
"""

import argparse
import statistics
import time

from sqlalchemy import select

from bench.common import database
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.comments.models import Comment
from ykien.core.clock import today_vn
from ykien.core.db import make_engine, session_scope, utcnow
from ykien.core.periods import month_of
from ykien.demo.loader import load_demo
from ykien.periodic.figures import Context, compute
from ykien.units.models import Unit
from ykien.units.scope import EVERYTHING

CODES = {"commune": "30742", "district": "899", "province": "91"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    root = Caller("user", 0, "bench", "bench", Role.admin, None, EVERYTHING)
    for kind in ("sqlite", "postgresql"):
        with database(kind) as url:
            engine = make_engine(url)
            with session_scope(engine) as session:
                load_demo(session)
            with session_scope(engine) as session:
                comments = len(session.scalars(select(Comment.id)).all())
                units = {u.code: u for u in session.scalars(select(Unit))}
                medians = {}
                for level, code in CODES.items():
                    for period in (month_of(today_vn()), month_of(today_vn()).previous()):
                        ctx = Context(session, root, units[code], period, utcnow())
                        times = []
                        for _ in range(args.runs):
                            t0 = time.perf_counter()
                            compute(ctx)
                            times.append(time.perf_counter() - t0)
                        medians[level, period.key] = statistics.median(times)
            engine.dispose()
        print(f"{kind}: {comments} comments in the demo")
        for (level, key), seconds in medians.items():
            ratio = seconds / medians["commune", key]
            print(f"  {level:9} {key}: {seconds * 1000:7.1f} ms (median of {args.runs}), "
                  f"×{ratio:.1f} the commune's")  # fmt: skip


if __name__ == "__main__":
    main()
