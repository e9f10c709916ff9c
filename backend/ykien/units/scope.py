"""The one subtree-scoping helper. Every query that touches unit-owned data goes through ``Scope``.

A unit's ``path`` lists the ids from the root down ("/1/5/23/"). The subtree of a unit with path
P is every path that starts with P: the byte range [P, P[:-1] + "0"), since "/" sorts just before
"0". A range on an indexed column costs the same on SQLite and PostgreSQL (the column is collated
"C" there), unlike ``LIKE 'P%'``.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, true


def subtree_bounds(path: str) -> tuple[str, str]:
    return path, path[:-1] + "0"


def in_subtree(path_column: Any, path: str) -> ColumnElement[bool]:
    """SQL: the row's path lies in the subtree rooted at ``path`` (the root included)."""
    low, high = subtree_bounds(path)
    return and_(path_column >= low, path_column < high)


@dataclass(frozen=True)
class Scope:
    """What a caller may see: the subtree under ``path``, or everything when ``path`` is None."""

    path: str | None

    @property
    def is_everything(self) -> bool:
        return self.path is None

    def covers(self, unit_path: str) -> bool:
        return self.path is None or unit_path.startswith(self.path)

    def condition(self, path_column: Any) -> ColumnElement[bool]:
        return true() if self.path is None else in_subtree(path_column, self.path)


EVERYTHING = Scope(None)
