"""Keeping the roll-ups: every write of a comment or meeting turns into cell increments, applied
in the same transaction, aggregated per request (a batch of 1,000 comments becomes a few
thousand upserts, not 17,000).

A comment is counted, for each node on its unit's path (the unit and every ancestor), in the
cuboids below; and once, at its own unit, in the leaf cuboid that keeps every dimension (summed
over a subtree by path when no smaller cuboid answers a question).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from ykien.core.bulk import upsert_add
from ykien.stats.models import MeetingCell, StatCell

NO_DAY = date(1900, 1, 1)
DIMENSIONS = ("child", "section", "category", "stance", "channel", "organization", "level", "day")
LEAF = 5
# cuboid → the dimensions it keeps (document and consultation are always kept). Chosen by
# measurement (docs/performance.md): every dashboard question — one dimension, or child × one
# dimension — has a cuboid keyed by exactly those dimensions, so that a province with a hundred
# communes reads a few hundred cells; the enumerations together form one more (they collapse to
# a few hundred cells at any node). Cuboids crossing section or day with other dimensions were
# tried and dropped: they hardly collapse, and cost a third of the ingest rate. Every other
# combination reads the leaf cuboid.
CUBOIDS: dict[int, frozenset[str]] = {
    1: frozenset({"child", "day"}),
    2: frozenset({"child", "section"}),
    3: frozenset({"child", "category"}),
    4: frozenset({"child", "stance"}),
    6: frozenset({"child", "channel"}),
    7: frozenset({"child", "organization"}),
    8: frozenset({"child", "level"}),
    9: frozenset({"category", "stance", "channel", "organization", "level"}),
    LEAF: frozenset(set(DIMENSIONS) - {"child"}),
}
NARROW = tuple(c for c in CUBOIDS if c != LEAF)
# Rough number of distinct values per dimension at a busy node: the read picks the covering
# cuboid with the fewest cells.
CARDINALITY = {
    "child": 100,
    "section": 40,
    "category": 8,
    "stance": 5,
    "channel": 5,
    "organization": 7,
    "level": 5,
    "day": 60,
}
# A residential area has no children: its own leaf cells answer every question about it, so the
# narrow cuboids are not kept for it.
LEAF_ONLY_LEVEL = "residential_area"


def cells_estimate(cuboid: int) -> int:
    if cuboid == LEAF:
        return 10**12
    return math.prod(CARDINALITY[d] for d in CUBOIDS[cuboid])


@dataclass(frozen=True)
class CommentFact:
    """What the roll-ups know of one comment."""

    unit_path: str
    level: str
    consultation_id: int
    document_id: int
    section_id: int | None
    category: str
    stance: str
    channel: str
    organization: str
    day: date
    people: int


def path_ids(path: str) -> list[int]:
    return [int(p) for p in path.split("/") if p]


_OWN_DIMENSIONS = ("section", "category", "stance", "channel", "organization", "level", "day")
_EMPTY = (0, "", "", "", "", "", NO_DAY)
# cuboid → (keeps child, which of the own dimensions it keeps)
_MASKS = {
    c: ("child" in dims, tuple(d in dims for d in _OWN_DIMENSIONS))
    for c, dims in CUBOIDS.items()
    if c != LEAF
}


def _cells(fact: CommentFact) -> Iterable[tuple[Any, ...]]:
    ids = path_ids(fact.unit_path)
    own = (
        fact.section_id or 0,
        fact.category,
        fact.stance,
        fact.channel,
        fact.organization,
        fact.level,
        fact.day,
    )
    yield (LEAF, ids[-1], fact.consultation_id, fact.document_id, 0, *own, fact.unit_path)
    projections = [
        (c, keeps_child, tuple(v if m else e for v, m, e in zip(own, mask, _EMPTY, strict=True)))
        for c, (keeps_child, mask) in _MASKS.items()
    ]
    nodes = len(ids) - 1 if fact.level == LEAF_ONLY_LEVEL else len(ids)
    prefix = "/"
    for depth in range(nodes):
        node = ids[depth]
        prefix += f"{node}/"
        child = ids[depth + 1] if depth + 1 < len(ids) else 0
        for cuboid, keeps_child, values in projections:
            yield (
                cuboid,
                node,
                fact.consultation_id,
                fact.document_id,
                child if keeps_child else 0,
                *values,
                prefix,
            )


KEY_COLUMNS = (
    "cuboid",
    "unit_id",
    "consultation_id",
    "document_id",
    "child_id",
    "section_id",
    "category",
    "stance",
    "channel",
    "organization",
    "level",
    "day",
)


def comment_deltas(changes: Iterable[tuple[CommentFact, int]]) -> dict[tuple[Any, ...], list[int]]:
    """(fact, +1 or -1) pairs → cell key (with path) → [comments, people] increments."""
    deltas: dict[tuple[Any, ...], list[int]] = {}
    for fact, sign in changes:
        for cell in _cells(fact):
            d = deltas.setdefault(cell, [0, 0])
            d[0] += sign
            d[1] += sign * fact.people
    return deltas


def apply_comments(session: Session, changes: Sequence[tuple[CommentFact, int]]) -> None:
    deltas = comment_deltas(changes)
    rows = [
        {
            **dict(zip(KEY_COLUMNS, key[:-1], strict=True)),
            "unit_path": key[-1],
            "comments": c,
            "people": p,
        }
        for key, (c, p) in deltas.items()
        if c or p
    ]
    upsert_add(
        session,
        StatCell.metadata.tables["stat_cell"],
        rows,
        key=KEY_COLUMNS,
        counters=("comments", "people"),
    )


def apply_meeting(
    session: Session,
    *,
    unit_path: str,
    consultation_id: int,
    day: date,
    participants: int,
    sign: int,
) -> None:
    ids = path_ids(unit_path)
    rows = [
        {
            "unit_id": node,
            "consultation_id": consultation_id,
            "child_id": ids[i + 1] if i + 1 < len(ids) else 0,
            "day": day,
            "meetings": sign,
            "participants": sign * participants,
        }
        for i, node in enumerate(ids)
    ]
    upsert_add(
        session,
        MeetingCell.metadata.tables["meeting_cell"],
        rows,
        key=("unit_id", "consultation_id", "child_id", "day"),
        counters=("meetings", "participants"),
    )
