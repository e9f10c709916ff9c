"""``ykien recount``: rebuild the roll-ups from the comments and meetings, and report any cell
that differs from what is stored — the check an operator runs after restoring a backup, safe
while the application serves.

Everything runs in the database: for each cuboid and each distance k between a comment's unit and
the node counted (k-th parent, found by k self-joins of ``unit``), one GROUP BY over the
comments; their union, summed per cell, is the expected table, compared with ``stat_cell`` by
EXCEPT in both directions.

Under writes, both halves of the comparison come from one snapshot (``rollup_transaction``), so
the report raises no false alarm; a repair also locks the roll-up writers out until it commits,
so that no write lands between the snapshot it rebuilt from and its cells.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Insert,
    Integer,
    SQLColumnExpression,
    String,
    column,
    func,
    literal,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select
from sqlalchemy.types import TypeEngine
from sqlmodel import col

from ykien.comments.models import Comment
from ykien.meetings.models import Meeting
from ykien.stats.rollup import (
    COLUMNS,
    CUBOIDS,
    KEY_COLUMNS,
    LEAF,
    LEAF_ONLY_LEVEL,
    NO_DAY,
    kept_at,
)
from ykien.units.models import Unit

MEETING_KEY = ("unit_id", "consultation_id", "child_id", "day")


@dataclass
class RecountReport:
    cells_expected: int
    cells_stored: int
    comment_cells_differing: int
    meeting_cells_differing: int
    fixed: bool

    @property
    def differences(self) -> int:
        return self.comment_cells_differing + self.meeting_cells_differing


def _comment_cells(cuboid: int, k: int, max_depth: int) -> Select[tuple[object, ...]]:
    dims = CUBOIDS[cuboid]
    units = [aliased(Unit, name=f"u{i}") for i in range(k + 1)]
    node = units[k]
    child: SQLColumnExpression[Any] = (
        col(units[k - 1].id) if (k > 0 and "child" in dims) else literal(0, Integer)
    )

    def keep(
        name: str, column: SQLColumnExpression[Any], empty: object, type_: type[TypeEngine[Any]]
    ) -> ColumnElement[Any]:
        return column.label(name) if name in dims else literal(empty, type_).label(name)

    key = [
        literal(cuboid, Integer).label("cuboid"),
        col(units[0].path if cuboid == LEAF else node.path).label("unit_path"),
        col(Comment.consultation_id).label("consultation_id"),
        col(Comment.document_id).label("document_id"),
        child.label("child_id"),
        keep("section", func.coalesce(Comment.section_id, 0), 0, Integer).label("section_id"),
        keep("category", col(Comment.category), "", String),
        keep("stance", col(Comment.stance), "", String),
        keep("channel", col(Comment.channel), "", String),
        keep("organization", col(Comment.organization), "", String),
        keep("level", col(units[0].level), "", String),
        keep("day", col(Comment.collected_on), NO_DAY, Date),
        col(node.id).label("unit_id"),
    ]
    stmt = select(*key, func.count().label("comments"), func.sum(Comment.people).label("people"))
    stmt = stmt.select_from(Comment).join(units[0], col(units[0].id) == Comment.unit_id)
    for i in range(1, k + 1):
        stmt = stmt.join(units[i], col(units[i].id) == units[i - 1].parent_id)
    stmt = stmt.where(col(Comment.deleted_at).is_(None))
    if cuboid != LEAF and k == 0:  # a residential area's own cells are only in the leaf cuboid
        stmt = stmt.where(col(units[0].level) != LEAF_ONLY_LEVEL)
    if cuboid != LEAF:  # some cuboids are kept only at some depths of the tree
        depths = [d for d in range(max_depth + 1) if kept_at(cuboid, d)]
        if len(depths) <= max_depth:
            stmt = stmt.where(col(node.depth).in_(depths))
    return stmt.group_by(*key)


def _meeting_cells(k: int) -> Select[tuple[object, ...]]:
    units = [aliased(Unit, name=f"m{i}") for i in range(k + 1)]
    child: SQLColumnExpression[Any] = col(units[k - 1].id) if k > 0 else literal(0, Integer)
    key: list[ColumnElement[Any]] = [
        col(units[k].id).label("unit_id"),
        col(Meeting.consultation_id).label("consultation_id"),
        child.label("child_id"),
        col(Meeting.held_on).label("day"),
    ]
    stmt = select(
        *key, func.count().label("meetings"), func.sum(Meeting.participants).label("participants")
    )
    stmt = stmt.select_from(Meeting).join(units[0], col(units[0].id) == Meeting.unit_id)
    for i in range(1, k + 1):
        stmt = stmt.join(units[i], col(units[i].id) == units[i - 1].parent_id)
    return stmt.group_by(*key)


@contextmanager
def rollup_transaction(engine: Engine, *, exclusive: bool) -> Iterator[Connection]:
    """A transaction whose every statement sees one snapshot of comments, meetings and cells;
    ``exclusive``: the roll-up writers wait until it ends.

    PostgreSQL: REPEATABLE READ, the snapshot taken after ``LOCK … IN EXCLUSIVE MODE`` (which
    lets readers through). A writer that already changed cells holds the lock's way until it
    commits, so the snapshot includes it; one that has not yet waits at its first cell and then
    adds its increments to the rebuilt cells. SQLite: a WAL read transaction is one snapshot;
    ``exclusive`` takes the database's one write lock at BEGIN (writers wait up to the busy
    timeout)."""
    if engine.dialect.name == "sqlite":
        mode = "IMMEDIATE" if exclusive else "DEFERRED"
        with engine.execution_options(sqlite_begin=mode).begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if exclusive:
                conn.exec_driver_sql("LOCK TABLE stat_cell, meeting_cell IN EXCLUSIVE MODE")
            yield conn


def recount(engine: Engine, *, fix: bool = False) -> RecountReport:
    """Compare every cell with the comments and meetings (in one snapshot); ``fix``: replace
    them with the recount, the roll-up writers locked out meanwhile."""
    with rollup_transaction(engine, exclusive=fix) as conn:
        return recount_in(conn, fix=fix)


def recount_in(conn: Connection, *, fix: bool) -> RecountReport:
    """``recount`` in a transaction opened by ``rollup_transaction`` (exclusive when fixing)."""
    depth = int(conn.scalar(select(func.max(Unit.depth))) or 0)
    parts = [
        _comment_cells(c, k, depth)
        for c in CUBOIDS
        for k in ([0] if c == LEAF else range(depth + 1))
    ]
    union = union_all(*parts).subquery()
    key_cols = [union.c[name] for name in (*KEY_COLUMNS, "unit_id")]
    expected = select(
        *key_cols,
        func.sum(union.c.comments).label("comments"),
        func.sum(union.c.people).label("people"),
    ).group_by(*key_cols)

    m_union = union_all(*[_meeting_cells(k) for k in range(depth + 1)]).subquery()
    m_key = [m_union.c[name] for name in MEETING_KEY]
    m_expected = select(
        *m_key,
        func.sum(m_union.c.meetings).label("meetings"),
        func.sum(m_union.c.participants).label("participants"),
    ).group_by(*m_key)

    conn.exec_driver_sql("DROP TABLE IF EXISTS stat_expected")
    conn.exec_driver_sql("DROP TABLE IF EXISTS meeting_expected")
    conn.exec_driver_sql("CREATE TEMP TABLE stat_expected AS SELECT * FROM stat_cell WHERE 1 = 0")
    conn.exec_driver_sql(
        "CREATE TEMP TABLE meeting_expected AS SELECT * FROM meeting_cell WHERE 1 = 0"
    )
    columns = ", ".join(COLUMNS)
    conn.execute(_insert_from("stat_expected", COLUMNS, expected))
    conn.execute(
        _insert_from("meeting_expected", (*MEETING_KEY, "meetings", "participants"), m_expected)
    )

    cells = ", ".join((*KEY_COLUMNS, "comments", "people"))
    nonzero = "WHERE comments <> 0 OR people <> 0"
    differing = _count(
        conn, f"SELECT {cells} FROM stat_expected EXCEPT SELECT {cells} FROM stat_cell {nonzero}"
    )
    differing += _count(
        conn, f"SELECT {cells} FROM stat_cell {nonzero} EXCEPT SELECT {cells} FROM stat_expected"
    )
    m_cells = ", ".join((*MEETING_KEY, "meetings", "participants"))
    m_nonzero = "WHERE meetings <> 0 OR participants <> 0"
    m_stored = f"SELECT {m_cells} FROM meeting_cell {m_nonzero}"
    m_wanted = f"SELECT {m_cells} FROM meeting_expected"
    m_differing = _count(conn, f"{m_wanted} EXCEPT {m_stored}")
    m_differing += _count(conn, f"{m_stored} EXCEPT {m_wanted}")

    report = RecountReport(
        cells_expected=_count(conn, "SELECT * FROM stat_expected"),
        cells_stored=_count(conn, f"SELECT * FROM stat_cell {nonzero}"),
        comment_cells_differing=differing,
        meeting_cells_differing=m_differing,
        fixed=False,
    )
    if fix and report.differences:
        conn.exec_driver_sql("DELETE FROM stat_cell")
        conn.exec_driver_sql(
            f"INSERT INTO stat_cell ({columns}) SELECT {columns} FROM stat_expected"
        )
        conn.exec_driver_sql("DELETE FROM meeting_cell")
        all_m = ", ".join((*MEETING_KEY, "meetings", "participants"))
        conn.exec_driver_sql(
            f"INSERT INTO meeting_cell ({all_m}) SELECT {all_m} FROM meeting_expected"
        )
        report.fixed = True
    conn.exec_driver_sql("DROP TABLE stat_expected")
    conn.exec_driver_sql("DROP TABLE meeting_expected")
    return report


def _insert_from(
    table_name: str, columns: tuple[str, ...], stmt: Select[tuple[object, ...]]
) -> Insert:
    target = table(table_name, *(column(c) for c in columns))
    return target.insert().from_select(list(columns), stmt)


def _count(conn: Connection, sql: str) -> int:
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM ({sql}) AS diff").scalar() or 0)
