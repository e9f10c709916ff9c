"""The one subtree-scoping helper. Every query that touches unit-owned data goes through ``Scope``.

A unit's ``path`` lists the ids from the root down ("/1/5/23/"; built by ``units/tree.py``). The
subtree of a unit with path P is every path that starts with P: the byte range [P, P[:-1] + "0"),
since "/" sorts just before "0". A range on an indexed column costs the same on SQLite and
PostgreSQL (the column is collated "C" there), unlike ``LIKE 'P%'``.

Only this module and ``units/tree.py`` compare paths; other packages ask ``Scope`` or the functions
below.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, and_, literal_column, or_, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from ykien.units.tree import ancestor_paths


def subtree_bounds(path: str) -> tuple[str, str]:
    return path, path[:-1] + "0"


def is_within(path: str, root_path: str) -> bool:
    """The unit at ``path`` is the unit at ``root_path`` or one of its descendants."""
    return path.startswith(root_path)


def in_subtree(path_column: Any, path: str) -> ColumnElement[bool]:
    """SQL: the row's path lies in the subtree rooted at ``path`` (the root included)."""
    low, high = subtree_bounds(path)
    return and_(path_column >= low, path_column < high)


INDEXED_DEPTHS = 5
"""The depths (centre 1 … residential area 5) whose ``path_element`` the comments index."""


class path_element(FunctionElement[str]):  # noqa: N801 (SQL functions are lower case)
    """The id at ``depth`` (1 = the root) of a path, as text: "/1/5/23/", 2 → "5" (NULL or ''
    when the path is shallower). Ids are unique, so "element ``depth`` is X" is exactly "in
    X's subtree" — an equality that an index on (element, seq) serves in seq order, where the
    path's range serves no order. The SQL must be the indexes' expression character for
    character (alembic/versions/…_comment_scope_indexes.py)."""

    type = String()
    inherit_cache = True

    def __init__(self, path_column: Any, depth: int) -> None:
        super().__init__(path_column, literal_column(str(int(depth))))


@compiles(path_element, "postgresql")
def _path_element_pg(element: path_element, compiler: SQLCompiler, **kw: Any) -> str:
    column, depth = element.clauses.clauses
    return f"split_part({compiler.process(column, **kw)}, '/', {int(depth.name) + 1})"


@compiles(path_element)
def _path_element_sqlite(element: path_element, compiler: SQLCompiler, **kw: Any) -> str:
    column, depth = element.clauses.clauses
    path = compiler.process(column, **kw)
    index = int(depth.name) - 1
    return f"json_extract('[\"' || replace(trim({path}, '/'), '/', '\",\"') || '\"]', '$[{index}]')"


def in_subtree_indexed(path_column: Any, path: str) -> ColumnElement[bool]:
    """``in_subtree`` as the equality the comments' scope indexes serve (a root deeper than
    ``INDEXED_DEPTHS`` falls back to the range)."""
    ids = path.strip("/").split("/")
    if len(ids) > INDEXED_DEPTHS:
        return in_subtree(path_column, path)
    return path_element(path_column, len(ids)) == ids[-1]


def in_lineage(path_column: Any, path: str) -> ColumnElement[bool]:
    """SQL: the row's path lies in the subtree of ``path`` or on its way up to the root (the unit
    itself and its ancestors): what a unit takes part in."""
    return or_(in_subtree(path_column, path), path_column.in_(ancestor_paths(path)))


@dataclass(frozen=True)
class Scope:
    """What a caller may see: the subtree under ``path``, or everything when ``path`` is None."""

    path: str | None

    @property
    def is_everything(self) -> bool:
        return self.path is None

    def covers(self, unit_path: str) -> bool:
        """The unit at ``unit_path`` lies in the scope's subtree."""
        return self.path is None or is_within(unit_path, self.path)

    def condition(self, path_column: Any) -> ColumnElement[bool]:
        """SQL: the row's path lies in the scope's subtree."""
        return true() if self.path is None else in_subtree(path_column, self.path)

    def indexed_condition(self, path_column: Any) -> ColumnElement[bool]:
        """``condition`` for a table that indexes ``path_element`` (comments): the same rows,
        found in seq order by the index of the scope's depth."""
        return true() if self.path is None else in_subtree_indexed(path_column, self.path)

    def reaches(self, unit_path: str) -> bool:
        """The unit at ``unit_path`` lies in the scope's subtree or above it (an ancestor)."""
        return self.path is None or self.covers(unit_path) or is_within(self.path, unit_path)

    def reach_condition(self, path_column: Any) -> ColumnElement[bool]:
        """SQL: ``reaches`` for the row's path."""
        return true() if self.path is None else in_lineage(path_column, self.path)


EVERYTHING = Scope(None)
