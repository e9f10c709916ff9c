"""A periodic report's figures, one provider per section of the plan, over the unit's whole
subtree and the period's days — read from the stored roll-ups and the chain's own tables, never
by scanning comments.

Each provider takes a ``Context`` and answers a plain JSON-able dict: the figures are computed
live while a report is a draft (or returned), and frozen into the report (and its version) at
submission. A parent's figures are its subtree's, that is the sum of its children's and its own;
``II.by_child`` shows each child's share.

Section I's sentiment topics come from ``ykien.consultations.sentiment.topic_figures`` and
section IV's works from ``ykien.works.summary.work_figures``.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.consultations.sentiment import topic_figures
from ykien.core.clock import VN_TZ
from ykien.core.periods import Period
from ykien.periodic.chain import chain_counts, children_status
from ykien.stats.models import MeetingCell
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.stats.service import stats
from ykien.syntheses.models import Synthesis, SynthesisStatus
from ykien.units.models import Unit
from ykien.units.scope import Scope
from ykien.works.summary import work_figures


@dataclass(frozen=True)
class Context:
    session: Session
    caller: Caller
    unit: Unit
    period: Period
    now: datetime


Provider = Callable[[Context], dict[str, Any]]


def _instants(period: Period) -> tuple[datetime, datetime]:
    """The period's first and one-past-last instants, in Vietnam's calendar."""
    first, last = period.start, period.end
    start = datetime(first.year, first.month, first.day, tzinfo=VN_TZ)
    return start, datetime(last.year, last.month, last.day, tzinfo=VN_TZ) + timedelta(days=1)


def _meetings_by_child(ctx: Context) -> dict[int, tuple[int, int]]:
    """child id (0: the unit's own) → (meetings, participants) held in the period."""
    rows = ctx.session.execute(
        select(
            col(MeetingCell.child_id),
            func.sum(MeetingCell.meetings),
            func.sum(MeetingCell.participants),
        )
        .where(
            col(MeetingCell.unit_id) == ctx.unit.id,
            col(MeetingCell.day) >= ctx.period.start,
            col(MeetingCell.day) <= ctx.period.end,
        )
        .group_by(col(MeetingCell.child_id))
    ).all()
    return {int(child): (int(m or 0), int(p or 0)) for child, m, p in rows}


def _children(ctx: Context) -> list[Unit]:
    return list(
        ctx.session.scalars(
            select(Unit).where(col(Unit.parent_id) == ctx.unit.id).order_by(col(Unit.name))
        )
    )


def drafts(ctx: Context) -> dict[str, Any]:
    """II. Comments on the drafts: comments and people collected in the period, meetings and
    participants held in it (every consultation), syntheses submitted and accepted in it — the
    whole subtree, and each direct child's share."""
    assert ctx.unit.id is not None  # a stored unit
    query = StatsQuery(from_=ctx.period.start, to=ctx.period.end, group_by=[GroupBy.child])
    answer = stats(ctx.session, caller=ctx.caller, unit_id=ctx.unit.id, query=query)
    by_child_comments = {
        (g["key"].get("child") or {"id": 0})["id"]: (g["comments"], g["people"])
        for g in answer["groups"]
    }
    meetings = _meetings_by_child(ctx)
    rows = []
    for child in _children(ctx):
        assert child.id is not None
        comments, people = by_child_comments.get(child.id, (0, 0))
        held, participants = meetings.get(child.id, (0, 0))
        rows.append(
            {
                "unit": {"id": child.id, "name": child.name, "level": child.level},
                "comments": comments,
                "people": people,
                "meetings": held,
                "participants": participants,
            }
        )
    start, after = _instants(ctx.period)
    subtree = Scope(ctx.unit.path).condition(col(Synthesis.unit_path))
    submitted = ctx.session.scalar(
        select(func.count())
        .select_from(Synthesis)
        .where(
            subtree,
            col(Synthesis.submitted_at) >= start,
            col(Synthesis.submitted_at) < after,
        )
    )
    accepted = ctx.session.scalar(
        select(func.count())
        .select_from(Synthesis)
        .where(
            subtree,
            col(Synthesis.status) == SynthesisStatus.accepted.value,
            col(Synthesis.decided_at) >= start,
            col(Synthesis.decided_at) < after,
        )
    )
    totals = answer["totals"]
    return {
        "comments": totals["comments"],
        "people": totals["people"],
        "meetings": totals["meetings"],
        "participants": totals["participants"],
        "syntheses_submitted": int(submitted or 0),
        "syntheses_accepted": int(accepted or 0),
        "by_child": rows,
    }


def sentiment_topics(ctx: Context) -> dict[str, Any]:
    """I. Public sentiment: the topics raised in the period's sentiment consultations, most
    comments first."""
    topics = topic_figures(ctx.session, ctx.unit, ctx.period.start, ctx.period.end)
    return {"topics": [asdict(t) for t in topics]}


def works(ctx: Context) -> dict[str, Any]:
    """IV. Works and tasks registered, under way and done, by member organisation."""
    return {"works": asdict(work_figures(ctx.session, ctx.unit, ctx.period.start, ctx.period.end))}


# One provider per section of the plan; III and V have no figures of their own.
PROVIDERS: dict[str, Provider] = {
    "I": sentiment_topics,
    "II": drafts,
    "IV": works,
}


def compute(ctx: Context) -> dict[str, Any]:
    """Every section's figures, keyed by section, with the period they cover, and where the
    children stand on their own reports (``chain``)."""
    out: dict[str, Any] = {
        "period": ctx.period.key,
        "start": ctx.period.start.isoformat(),
        "end": ctx.period.end.isoformat(),
    }
    for section, provider in PROVIDERS.items():
        out[section] = provider(ctx)
    out["chain"] = chain_counts(children_status(ctx.session, ctx.unit, ctx.period, ctx.now))
    return out
