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
from operator import itemgetter
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
_LEVEL = _OWN_DIMENSIONS.index("level")
# cuboid → (keeps child, positions of the own dimensions it keeps)
_KEEPS = {
    c: ("child" in dims, tuple(i for i, d in enumerate(_OWN_DIMENSIONS) if d in dims))
    for c, dims in CUBOIDS.items()
    if c != LEAF
}

# The primary key of stat_cell, in its order: a node's cells are contiguous (one range read),
# and so is a subtree's leaf cuboid (paths sort subtree by subtree).
KEY_COLUMNS = (
    "cuboid",
    "unit_path",
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
COLUMNS = (*KEY_COLUMNS, "unit_id", "comments", "people")

_Deltas = dict[tuple[Any, ...], list[int]]


def _add(into: _Deltas, key: tuple[Any, ...], comments: int, people: int) -> None:
    acc = into.get(key)
    if acc is None:
        into[key] = [comments, people]
    else:
        acc[0] += comments
        acc[1] += people


def comment_deltas(changes: Iterable[tuple[CommentFact, int]]) -> _Deltas:
    """(fact, +1 or -1) pairs → (*cell key, unit id) → [comments, people] increments.

    Facts are first summed per entering unit and dimensions (the leaf cells); each narrow
    cuboid projects those sums, and only the projections (a few per unit) are spread over
    the ancestors — a batch costs one pass per cuboid, not one per comment and ancestor."""
    leaf: _Deltas = {}
    for fact, sign in changes:
        key = (
            fact.unit_path,
            fact.consultation_id,
            fact.document_id,
            fact.section_id or 0,
            fact.category,
            fact.stance,
            fact.channel,
            fact.organization,
            fact.level,
            fact.day,
        )
        _add(leaf, key, sign, sign * fact.people)

    cells: _Deltas = {}
    ids_of: dict[str, list[int]] = {}
    for key, (c, p) in leaf.items():
        path = key[0]
        ids = ids_of.get(path) or ids_of.setdefault(path, path_ids(path))
        cells[(LEAF, path, key[1], key[2], 0, *key[3:], ids[-1])] = [c, p]
    for cuboid, (keeps_child, kept) in _KEEPS.items():
        projected: _Deltas = {}
        # (path, consultation, document, level, *the kept dimensions) of a leaf key
        project = itemgetter(0, 1, 2, 3 + _LEVEL, *(3 + i for i in kept))
        for key, (c, p) in leaf.items():
            _add(projected, project(key), c, p)
        for (path, consultation, document, level, *values), (c, p) in projected.items():
            filled: list[Any] = list(_EMPTY)
            for i, v in zip(kept, values, strict=True):
                filled[i] = v
            ids = ids_of[path]
            nodes = len(ids) - 1 if level == LEAF_ONLY_LEVEL else len(ids)
            prefix = "/"
            for depth in range(nodes):
                node = ids[depth]
                prefix += f"{node}/"
                child = ids[depth + 1] if keeps_child and depth + 1 < len(ids) else 0
                _add(cells, (cuboid, prefix, consultation, document, child, *filled, node), c, p)
    return cells


def apply_comments(session: Session, changes: Sequence[tuple[CommentFact, int]]) -> None:
    rows = [(*key, c, p) for key, (c, p) in comment_deltas(changes).items() if c or p]
    upsert_add(
        session,
        StatCell.metadata.tables["stat_cell"],
        COLUMNS,
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
        (
            node,
            consultation_id,
            ids[i + 1] if i + 1 < len(ids) else 0,
            day,
            sign,
            sign * participants,
        )
        for i, node in enumerate(ids)
    ]
    upsert_add(
        session,
        MeetingCell.metadata.tables["meeting_cell"],
        ("unit_id", "consultation_id", "child_id", "day", "meetings", "participants"),
        rows,
        key=("unit_id", "consultation_id", "child_id", "day"),
        counters=("meetings", "participants"),
    )
