"""Topic figures of a month (issue #17, `consultations.sentiment.topic_figures`): read from the
unit's roll-up cells, their cost stays flat as the month's comments grow, unlike a naive
GROUP BY over the comments.

    uv run python -m bench.sentiment [--engines sqlite,postgresql] [--steps 10000,100000]

Builds bench.national's country (34 provinces, 3,321 communes, ~100,000 areas), makes its
consultation a sentiment one for this month (40 topics), loads comments through the write path,
and at each step times ``topic_figures`` at the centre, the busiest province, a commune and an
area (median of 15 calls) beside the naive count (a GROUP BY over the subtree's comments joined
to their sections) and checks that both give the same figures.
"""

import argparse
import statistics
import time
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import col

from bench.common import database
from bench.national import Generator, load, setup
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.comments.models import Comment
from ykien.consultations.models import Consultation, Section
from ykien.consultations.periods import month_bounds, month_of
from ykien.consultations.sentiment import GENERAL_TOPIC, TopicFigure, topic_figures
from ykien.core.db import make_engine, session_scope
from ykien.units.models import Unit
from ykien.units.scope import EVERYTHING, in_subtree

RUNS = 15


def naive(session: Any, unit: Unit, start: date, end: date) -> list[TopicFigure]:
    rows = session.execute(
        select(col(Section.heading), func.count(), func.sum(Comment.people))
        .select_from(Comment)
        .join(Consultation, col(Consultation.id) == col(Comment.consultation_id))
        .outerjoin(Section, col(Section.id) == col(Comment.section_id))
        .where(
            col(Comment.deleted_at).is_(None),
            in_subtree(col(Comment.unit_path), unit.path),
            col(Consultation.kind) == "sentiment",
            col(Consultation.period_start) <= end,
            col(Consultation.period_end) >= start,
        )
        .group_by(col(Section.heading))
    ).all()
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for heading, comments, people in rows:
        sums[heading or GENERAL_TOPIC][0] += comments
        sums[heading or GENERAL_TOPIC][1] += people or 0
    figures = [TopicFigure(t, c, p) for t, (c, p) in sums.items()]
    return sorted(figures, key=lambda f: (-f.comments, f.topic))


def timed(fn: Any) -> tuple[float, Any]:
    spent, answer = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = fn()
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent), answer


def targets(session: Any) -> dict[str, Unit]:
    """The centre, the province with most comments, its busiest commune and area."""
    picks: dict[str, Unit] = {"centre": session.get(Unit, 1)}
    parent = picks["centre"]
    for label in ("province", "commune", "area"):
        child = session.execute(
            select(col(Unit.id))
            .join(Comment, col(Comment.unit_path).startswith(Unit.path))
            .where(col(Unit.parent_id) == parent.id)
            .group_by(col(Unit.id))
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        parent = picks[label] = session.get(Unit, child)
    return picks


def run(kind: str, steps: list[int]) -> None:
    with database(kind) as url:
        engine = make_engine(url)
        country = setup(engine, url)
        start, end = month_bounds(month_of(date.today()))
        with session_scope(engine) as s:
            s.execute(
                update(Consultation)
                .where(col(Consultation.id) == country["consultation"])
                .values(kind="sentiment", period_start=start, period_end=end)
            )
        caller = Caller("user", country["user_id"], "root", "Root", Role.admin, None, EVERYTHING)
        gen = Generator(country)
        loaded = 0
        for step in steps:
            rate = load(engine, caller, gen, step - loaded)
            loaded = step
            print(f"\n-- {kind}, {step:,} comments (load {rate:,.0f}/s)")
            print(f"{'unit':<10}{'topic_figures ms':>18}{'naive ms':>12}{'ratio':>8}")
            with session_scope(engine) as s:
                for label, unit in targets(s).items():
                    fast, got = timed(lambda u=unit: topic_figures(s, u, start, end))
                    slow, want = timed(lambda u=unit: naive(s, u, start, end))
                    assert got == want, (label, got[:3], want[:3])
                    print(f"{label:<10}{fast:>18.2f}{slow:>12.2f}{slow / fast:>8.1f}")
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--steps", default="10000,100000")
    args = parser.parse_args()
    for kind in args.engines.split(","):
        run(kind, [int(s) for s in args.steps.split(",")])


if __name__ == "__main__":
    main()
