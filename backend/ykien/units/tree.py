"""The shape of the unit tree: materialised paths and the level order.

A unit's ``path`` lists the ids from the root down, each followed by "/": "/1/5/23/". It is built
here and only here (``place``); ``units/scope.py`` compares them and turns them into conditions.

Levels run from ``central`` down to ``residential_area``; a child is always of a lower level than
its parent, and levels may be skipped (since July 2025 communes sit directly under provinces).
"""

from sqlmodel import Session

from ykien.core.text import fold
from ykien.units.models import LEVEL_RANK, Unit

ROOT_PATH = "/"


def child_path(parent_path: str, unit_id: int) -> str:
    """The path of unit ``unit_id`` under a parent at ``parent_path`` ("/" for a root)."""
    return f"{parent_path}{unit_id}/"


def ancestor_paths(path: str) -> list[str]:
    """ "/1/5/23/" → ["/1/", "/1/5/", "/1/5/23/"]: the unit's own path and every ancestor's."""
    ids = [p for p in path.split("/") if p]
    return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]


def may_sit_under(level: str, parent_level: str) -> bool:
    """The level order: a child is of a lower level than its parent (levels may be skipped)."""
    return LEVEL_RANK[level] > LEVEL_RANK[parent_level]


def place(session: Session, *, code: str, name: str, level: str, parent: Unit | None) -> Unit:
    """Add a unit under ``parent`` (None: a root) with its folded name, depth and path.

    The rules (level order, scope, unique codes) are the caller's to check first."""
    unit = Unit(
        code=code,
        name=name,
        name_folded=fold(name),
        level=level,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
    )
    session.add(unit)
    session.flush()  # the id is part of the path
    assert unit.id is not None
    unit.path = child_path(parent.path if parent else ROOT_PATH, unit.id)
    return unit
