"""Keeping the roll-ups: every write of a comment or meeting turns into cell increments, applied
in the same transaction, aggregated per request (a batch of 1,000 comments becomes about 5,000
upserts, not 30,000).

A comment is counted, for each node on its unit's path (the unit and every ancestor), in the
cuboids below kept at that node's depth; and once, at its own unit, in the leaf cuboid that keeps
every dimension (summed over a subtree by path when no smaller cuboid answers a question).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from sqlmodel import Session

from ykien.core.bulk import upsert_add
from ykien.core.gcpause import cyclic_gc_paused
from ykien.core.metrics import ROLLUP_SECONDS
from ykien.stats.models import MeetingCell, StatCell

NO_DAY = date(1900, 1, 1)
DIMENSIONS = ("child", "section", "category", "stance", "channel", "organization", "level", "day")
LEAF = 5
# cuboid → the dimensions it keeps (document and consultation are always kept). Layout 7, chosen
# by measurement (docs/performance.md, docs/architecture.md "Roll-ups"): the bars ask every
# grouping of one or two dimensions, and every crossing of three, at the centre and at a
# province, to cost what its answer costs. A batch of comments is one meeting: one residential
# area, one day. Within it, child (at every ancestor), day and level are constant, so a cuboid
# costs per batch the distinct combinations of its OTHER dimensions (section and the four
# enumerations): adding child, day or level to a cuboid is free for the writes and multiplies
# only its cells. So each "core" (the section and enumerations a question crosses) is kept with
# the variants of child / day the questions need, level always kept.
_ENUMS = ("category", "stance", "channel", "organization")
CUBOIDS: dict[int, frozenset[str]] = {
    # Kept at every node: child × one dimension (a dashboard's questions), the enumerations.
    1: frozenset({"child", "day", "level"}),
    2: frozenset({"child", "section", "level"}),
    3: frozenset({"child", "category", "level"}),
    4: frozenset({"child", "stance", "level"}),
    6: frozenset({"child", "channel", "level"}),
    7: frozenset({"child", "organization", "level"}),
    8: frozenset({"child", "level"}),
    9: frozenset({*_ENUMS, "level"}),
    # Kept at the centre and the provinces only (TOP_DEPTH), where subtrees are too large to
    # sum their leaf cells per read.
    10: frozenset({"section", *_ENUMS, "level"}),
    11: frozenset({"day", *_ENUMS, "level"}),
    12: frozenset({"day", "level"}),
    13: frozenset({"section", "level"}),
    14: frozenset({"section", "day", "level"}),
    15: frozenset({"child", *_ENUMS, "level"}),
    16: frozenset({"child", "section", *_ENUMS, "level"}),
    17: frozenset({"section", "day", *_ENUMS, "level"}),
    18: frozenset({"child", "section", "day", "level"}),
    **{19 + i: frozenset({"day", e, "level"}) for i, e in enumerate(_ENUMS)},
    **{23 + i: frozenset({"child", "day", e, "level"}) for i, e in enumerate(_ENUMS)},
    # Section × an enumeration: two enumerations a cuboid, since section (not constant in a
    # batch) makes nearly every comment its own cell either way (0.9 cells a comment a node for
    # both, against 1.6 for two cuboids of one), and the read sums ≤ 41 × 40 cells.
    27: frozenset({"section", "category", "stance", "level"}),
    28: frozenset({"section", "channel", "organization", "level"}),
    LEAF: frozenset(set(DIMENSIONS) - {"child"}),
}
# Where each cuboid is kept, by node depth (the centre 0, provinces 1, communes 2, …): 1–9 at
# every node; the others at the centre and the provinces only. Below them a subtree holds a few
# thousand leaf cells, summed per read for the crossings the narrow cuboids do not keep.
TOP_DEPTH = 1
# …but the crossings of three with child are not kept at the centre: there a child is a
# province, and every province keeps the same crossing without child (section × day, day × one
# enumeration, section × two enumerations, the enumerations), so the centre reads its 34
# provinces' cells (tens of thousands, within the bar of three dimensions) and saves the 2.7
# cells a comment they would cost at its node, which every writer in the country updates.
PROVINCES_ONLY = frozenset({15, 16, 18, 23, 24, 25, 26})
# The version of this layout (the cuboids, where each is kept, the leaf-only level): stored with
# the cells (``rollup_layout``), and `ykien migrate` / `serve` rebuild the cells when it differs.
# Bump it with any change of the layout; tests/stats/test_layout.py holds the layout's
# fingerprint. 7: "layout 7" of docs/performance.md.
LAYOUT_VERSION = 7
EVERYWHERE = frozenset({1, 2, 3, 4, 6, 7, 8, 9})


def kept_at(cuboid: int, depth: int) -> bool:
    """Whether the nodes of this depth keep this cuboid."""
    if cuboid in EVERYWHERE:
        return True
    return depth == TOP_DEPTH if cuboid in PROVINCES_ONLY else depth <= TOP_DEPTH


# Rough number of distinct values per dimension at a busy node: the read picks the covering
# cuboid with the fewest cells.
CARDINALITY = {
    "child": 100,
    "section": 40,
    "category": 8,
    "stance": 5,
    "channel": 5,
    "organization": 7,
    "level": 2,  # the entering unit's level: residential areas, now and then a commune
    "day": 60,
}
# A residential area has no children: its own leaf cells answer every question about it, so the
# narrow cuboids are not kept for it.
LEAF_ONLY_LEVEL = "residential_area"


def cells_estimate(cuboid: int) -> int:
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
# A leaf key is (path, consultation, document, *own dimensions); with _EMPTY appended, one
# itemgetter projects it onto a cuboid: (path, consultation, document, level, *own dimensions
# with the ones the cuboid does not keep emptied).
_LEAF_KEY = 3 + len(_OWN_DIMENSIONS)
_PROJECTIONS = {
    c: (
        "child" in dims,
        itemgetter(
            0,
            1,
            2,
            3 + _OWN_DIMENSIONS.index("level"),
            *(3 + i if d in dims else _LEAF_KEY + i for i, d in enumerate(_OWN_DIMENSIONS)),
        ),
    )
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


def _chain(path: str) -> list[tuple[str, int, int]]:
    """(path, id, child id on the way down or 0) of each node from the root to the unit."""
    ids = path_ids(path)
    return [
        (
            "/" + "".join(f"{i}/" for i in ids[: depth + 1]),
            node,
            ids[depth + 1] if depth + 1 < len(ids) else 0,
        )
        for depth, node in enumerate(ids)
    ]


def _kept_nodes(
    cuboid: int, keeps_child: bool, chain: list[tuple[str, int, int]], level: str
) -> list[tuple[str, int, int]]:
    """The nodes of a unit's chain that count its comments in this cuboid (a residential area
    itself keeps only leaf cells), with the child id the cuboid keeps (0 if none)."""
    nodes = chain[:-1] if level == LEAF_ONLY_LEVEL else chain
    return [
        (prefix, node, child if keeps_child else 0)
        for depth, (prefix, node, child) in enumerate(nodes)
        if kept_at(cuboid, depth)
    ]


def comment_deltas(changes: Iterable[tuple[CommentFact, int]]) -> _Deltas:
    """(fact, +1 or -1) pairs → (*cell key, unit id) → [comments, people] increments.

    Facts are first summed per entering unit and dimensions (the leaf cells); each cuboid
    projects those sums, and only the projections (a few per unit for the narrow cuboids) are
    spread over the ancestors. This runs for every write, so it avoids per-item calls; and it
    allocates tens of thousands of small tuples that cannot form cycles, so the cyclic garbage
    collector, which would otherwise walk the whole heap several times meanwhile, is paused."""
    with cyclic_gc_paused():
        return _deltas(changes)


def _deltas(changes: Iterable[tuple[CommentFact, int]]) -> _Deltas:
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
        people = sign * fact.people
        acc = leaf.get(key)
        if acc is None:
            leaf[key] = [sign, people]
        else:
            acc[0] += sign
            acc[1] += people

    cells: _Deltas = {}
    chains: dict[str, list[tuple[str, int, int]]] = {}
    for key, (c, p) in leaf.items():
        chain = chains.get(key[0]) or chains.setdefault(key[0], _chain(key[0]))
        cells[(LEAF, key[0], key[1], key[2], 0, *key[3:], chain[-1][1])] = [c, p]
    # (cuboid, path, entering level) → the (path, id, child id) of the nodes that keep it
    targets: dict[tuple[int, str, str], list[tuple[str, int, int]]] = {}
    extended = [(key + _EMPTY, counts) for key, counts in leaf.items()]  # once, not per cuboid
    for cuboid, (keeps_child, project) in _PROJECTIONS.items():
        projected: _Deltas = {}
        for key, (c, p) in extended:
            pk = project(key)
            acc = projected.get(pk)
            if acc is None:
                projected[pk] = [c, p]
            else:
                acc[0] += c
                acc[1] += p
        for pk, (c, p) in projected.items():
            nodes = targets.get((cuboid, pk[0], pk[3]))
            if nodes is None:
                nodes = targets[(cuboid, pk[0], pk[3])] = _kept_nodes(
                    cuboid, keeps_child, chains[pk[0]], pk[3]
                )
            own = pk[4:]
            for prefix, node, child in nodes:
                ck = (cuboid, prefix, pk[1], pk[2], child, *own, node)
                acc = cells.get(ck)
                if acc is None:
                    cells[ck] = [c, p]
                else:
                    acc[0] += c
                    acc[1] += p
    return cells


def apply_comments(session: Session, changes: Sequence[tuple[CommentFact, int]]) -> None:
    rows = [(*key, c, p) for key, (c, p) in comment_deltas(changes).items() if c or p]
    with ROLLUP_SECONDS.time():
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
