"""``ykien recount``: rebuild the roll-ups from the comments and meetings, and report any cell
that differs from what is stored — the check an operator runs after restoring a backup, safe
while the application serves.

Everything runs in the database: one GROUP BY over the comments gives the leaf sums (per entering
unit and dimensions); a table of each unit's chain of nodes (its k-th parents, by k self-joins
of ``unit``) spreads them: one GROUP BY of the leaf sums per cuboid, over the nodes that keep it.
The expected table is compared with ``stat_cell`` by EXCEPT in both directions.

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
    literal_column,
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


_LEAF_SUMS = "recount_leaf"
_CHAIN = "recount_chain"
_LEAF_COLUMNS = (
    "unit_id",
    "consultation_id",
    "document_id",
    "section_id",
    "category",
    "stance",
    "channel",
    "organization",
    "level",
    "day",
    "comments",
    "people",
)
_CHAIN_COLUMNS = ("unit_id", "node_id", "node_path", "node_depth", "child_id")


def _fill_leaf_sums(conn: Connection) -> None:
    """One pass over the comments: their counts per entering unit and dimensions (the leaf)."""
    unit = aliased(Unit, name="u0")
    section = func.coalesce(Comment.section_id, literal_column("0"))  # one text in both clauses
    key: list[SQLColumnExpression[Any]] = [
        col(Comment.unit_id),
        col(Comment.consultation_id),
        col(Comment.document_id),
        section,
        col(Comment.category),
        col(Comment.stance),
        col(Comment.channel),
        col(Comment.organization),
        col(unit.level),
        col(Comment.collected_on),
    ]
    stmt: Select[tuple[object, ...]] = (
        select(*key, func.count(), func.sum(Comment.people))
        .select_from(Comment)
        .join(unit, col(unit.id) == Comment.unit_id)
        .where(col(Comment.deleted_at).is_(None))
        .group_by(*key)
    )
    conn.execute(_insert_from(_LEAF_SUMS, _LEAF_COLUMNS, stmt))


def _fill_chains(conn: Connection, max_depth: int) -> None:
    """Each unit with each node of its path (itself included), that node's depth and the
    node's child on the way down (0 for the unit itself): k self-joins for the k-th parent."""
    for k in range(max_depth + 1):
        units = [aliased(Unit, name=f"u{i}") for i in range(k + 1)]
        child: SQLColumnExpression[Any] = col(units[k - 1].id) if k else literal(0, Integer)
        stmt = select(
            col(units[0].id), col(units[k].id), col(units[k].path), col(units[k].depth), child
        ).select_from(units[0])
        for i in range(1, k + 1):
            stmt = stmt.join(units[i], col(units[i].id) == units[i - 1].parent_id)
        conn.execute(_insert_from(_CHAIN, _CHAIN_COLUMNS, stmt))


def _comment_cells(cuboid: int, max_depth: int) -> Select[tuple[object, ...]]:
    """The expected cells of one cuboid: the leaf sums spread over the nodes that keep it.
    The leaf sums are first summed over the dimensions the cuboid does not keep (per unit):
    a narrow cuboid then spreads thousands of rows over the chains, not millions."""
    dims = CUBOIDS[cuboid]
    sums = table(_LEAF_SUMS, *(column(c) for c in _LEAF_COLUMNS))
    chain = table(_CHAIN, *(column(c) for c in _CHAIN_COLUMNS))
    leaf: Any = sums
    if cuboid != LEAF:
        kept = [
            sums.c[c]
            for c in _LEAF_COLUMNS[:-2]
            if c in ("unit_id", "consultation_id", "document_id")
            or ("section" if c == "section_id" else c) in dims
        ]
        totals = [
            func.sum(sums.c.comments).label("comments"),
            func.sum(sums.c.people).label("people"),
        ]
        leaf = select(*kept, *totals).group_by(*kept).subquery("projected")

    def keep(name: str, empty: object, type_: type[TypeEngine[Any]]) -> ColumnElement[Any]:
        label = "section_id" if name == "section" else name
        return leaf.c[label].label(label) if name in dims else literal(empty, type_).label(label)

    key = [
        literal(cuboid, Integer).label("cuboid"),
        chain.c.node_path.label("unit_path"),
        leaf.c.consultation_id,
        leaf.c.document_id,
        (chain.c.child_id if "child" in dims else literal(0, Integer)).label("child_id"),
        keep("section", 0, Integer),
        keep("category", "", String),
        keep("stance", "", String),
        keep("channel", "", String),
        keep("organization", "", String),
        keep("level", "", String),
        keep("day", NO_DAY, Date),
        chain.c.node_id.label("unit_id"),
    ]
    stmt = select(
        *key,
        func.sum(leaf.c.comments).label("comments"),
        func.sum(leaf.c.people).label("people"),
    ).select_from(leaf.join(chain, chain.c.unit_id == leaf.c.unit_id))
    if cuboid == LEAF:  # kept by the entering unit itself only
        stmt = stmt.where(chain.c.node_id == leaf.c.unit_id)
    else:  # a residential area's own cells are only in the leaf cuboid
        stmt = stmt.where((chain.c.node_id != leaf.c.unit_id) | (leaf.c.level != LEAF_ONLY_LEVEL))
        depths = [d for d in range(max_depth + 1) if kept_at(cuboid, d)]
        if len(depths) <= max_depth:  # some cuboids are kept only at some depths of the tree
            stmt = stmt.where(chain.c.node_depth.in_(depths))
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


def recount(engine: Engine, *, fix: bool = False, compare: bool = True) -> RecountReport:
    """Compare every cell with the comments and meetings (in one snapshot); ``fix``: replace
    them with the recount, the roll-up writers locked out meanwhile. ``compare=False`` (with
    ``fix``): rebuild without counting the differences — a new layout's cells, or a bulk load's."""
    with rollup_transaction(engine, exclusive=fix) as conn:
        return recount_in(conn, fix=fix, compare=compare)


def recount_in(conn: Connection, *, fix: bool, compare: bool = True) -> RecountReport:
    """``recount`` in a transaction opened by ``rollup_transaction`` (exclusive when fixing)."""
    if not compare and not fix:
        raise ValueError("a recount that neither compares nor fixes does nothing")
    depth = int(conn.scalar(select(func.max(Unit.depth))) or 0)
    if conn.dialect.name == "postgresql":
        # Each cuboid groups millions of leaf rows × nodes at national scale: with the default
        # 4 MB, every GROUP BY spills to disk. This transaction only.
        conn.exec_driver_sql("SET LOCAL work_mem = '256MB'")
    m_union = union_all(*[_meeting_cells(k) for k in range(depth + 1)]).subquery()
    m_key = [m_union.c[name] for name in MEETING_KEY]
    m_expected = select(
        *m_key,
        func.sum(m_union.c.meetings).label("meetings"),
        func.sum(m_union.c.participants).label("participants"),
    ).group_by(*m_key)

    for name in ("stat_expected", "meeting_expected", _LEAF_SUMS, _CHAIN):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    conn.exec_driver_sql("CREATE TEMP TABLE stat_expected AS SELECT * FROM stat_cell WHERE 1 = 0")
    conn.exec_driver_sql(
        "CREATE TEMP TABLE meeting_expected AS SELECT * FROM meeting_cell WHERE 1 = 0"
    )
    # Typed like stat_cell's columns: the leaf sums, and each unit's chain of nodes.
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE {_LEAF_SUMS} AS SELECT {', '.join(_LEAF_COLUMNS)} "
        "FROM stat_cell WHERE 1 = 0"
    )
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE {_CHAIN} AS SELECT unit_id, unit_id AS node_id, "
        "unit_path AS node_path, child_id AS node_depth, child_id FROM stat_cell WHERE 1 = 0"
    )
    _fill_leaf_sums(conn)
    _fill_chains(conn, depth)
    if compare:
        _build(conn, depth, m_expected, into=("stat_expected", "meeting_expected"))
        report = _compared(conn, fix=fix)
    else:
        # A rebuild: the cells straight into the roll-up tables, with no copy to compare.
        conn.exec_driver_sql("DELETE FROM stat_cell")
        conn.exec_driver_sql("DELETE FROM meeting_cell")
        _build(conn, depth, m_expected, into=("stat_cell", "meeting_cell"))
        cells = _count(conn, "SELECT * FROM stat_cell")
        report = RecountReport(cells, cells, 0, 0, fixed=True)
    for name in ("stat_expected", "meeting_expected", _LEAF_SUMS, _CHAIN):
        conn.exec_driver_sql(f"DROP TABLE {name}")
    return report


def _build(
    conn: Connection,
    depth: int,
    meetings: Select[tuple[object, ...]],
    *,
    into: tuple[str, str],
) -> None:
    """Every cuboid's cells (each cell once: no cell is in two cuboids) and the meeting cells,
    into these tables. Into ``stat_cell`` in key order: appended to its primary key's index,
    not inserted at random."""
    cells_table, meetings_table = into
    for cuboid in CUBOIDS:
        cells = _comment_cells(cuboid, depth)
        if cells_table == "stat_cell":
            built = cells.subquery("cells")
            cells = select(built).order_by(*(built.c[k] for k in KEY_COLUMNS))
        conn.execute(_insert_from(cells_table, COLUMNS, cells))
    conn.execute(_insert_from(meetings_table, (*MEETING_KEY, "meetings", "participants"), meetings))


def _compared(conn: Connection, *, fix: bool) -> RecountReport:
    """The expected tables against the stored cells, by EXCEPT both ways; ``fix``: the stored
    ones replaced when they differ."""
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
        columns = ", ".join(COLUMNS)
        conn.exec_driver_sql("DELETE FROM stat_cell")
        conn.exec_driver_sql(
            f"INSERT INTO stat_cell ({columns}) SELECT {columns} FROM stat_expected"
        )
        conn.exec_driver_sql("DELETE FROM meeting_cell")
        conn.exec_driver_sql(
            f"INSERT INTO meeting_cell ({m_cells}) SELECT {m_cells} FROM meeting_expected"
        )
        report.fixed = True
    return report


def _insert_from(
    table_name: str, columns: tuple[str, ...], stmt: Select[tuple[object, ...]]
) -> Insert:
    target = table(table_name, *(column(c) for c in columns))
    return target.insert().from_select(list(columns), stmt)


def _count(conn: Connection, sql: str) -> int:
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM ({sql}) AS diff").scalar() or 0)
