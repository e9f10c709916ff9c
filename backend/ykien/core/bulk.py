"""Bulk writes at the speed each engine allows, inside the caller's transaction.

PostgreSQL: COPY (about twice executemany, and no giant multi-VALUES statement for the driver
to parse); rows that may collide with stored keys go through a temporary table and
``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING``. SQLite: executemany, with the same
``ON CONFLICT DO NOTHING RETURNING`` where needed.

A few rows (a single comment and its ~30 roll-up cells) skip COPY and the temporary table on
PostgreSQL: one statement is one round trip, where the staging table cost four and a catalog
entry created and dropped by every transaction.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from psycopg.types.json import Json
from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.types import JSON
from sqlmodel import Session

SMALL = 64
"""Up to this many rows, PostgreSQL gets a plain multi-row INSERT instead of COPY."""


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


_ARRAY_TYPES = {int: "bigint", str: "text", date: "date"}


def _array_types(table: Table, columns: Sequence[str]) -> list[str] | None:
    """The PostgreSQL array type of each column's values (assigned to the column's own type on
    insert), or None when a column holds another kind of value."""
    try:
        found = [_ARRAY_TYPES.get(table.c[c].type.python_type) for c in columns]
    except NotImplementedError:
        return None
    return None if None in found else [t for t in found if t is not None]


def _copy_values(
    table: Table, columns: Sequence[str], rows: Sequence[dict[str, Any]]
) -> list[list[Any]]:
    json_cols = {c for c in columns if isinstance(table.c[c].type, JSON)}
    return [
        [Json(r[c]) if c in json_cols and r[c] is not None else r[c] for c in columns] for r in rows
    ]


def _copy(
    session: Session, target: str, columns: Sequence[str], values: Sequence[Sequence[Any]]
) -> None:
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor, cursor.copy(f"COPY {target} ({', '.join(columns)}) FROM STDIN") as copy:
        for value in values:
            copy.write_row(value)


def insert_all(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that cannot collide with stored ones (e.g. new history rows)."""
    if not rows:
        return
    if _is_pg(session) and len(rows) > SMALL:
        columns = list(rows[0])
        _copy(session, table.name, columns, _copy_values(table, columns, rows))
    else:
        session.execute(table.insert(), list(rows))


def insert_new(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    key: str,
    returning: Sequence[str],
) -> list[tuple[Any, ...]]:
    """Insert the rows whose ``key`` is not stored yet; return ``returning`` of those inserted.

    Safe under concurrency: a row stored meanwhile by another transaction is skipped (on
    PostgreSQL the statement waits for that transaction), never duplicated."""
    if not rows:
        return []
    columns = list(rows[0])
    if _is_pg(session) and len(rows) <= SMALL:
        # One compiled statement, sent as one multi-row INSERT (SQLAlchemy's "insertmanyvalues").
        few = pg_insert(table).on_conflict_do_nothing(index_elements=[key])
        stored = session.execute(few.returning(*(table.c[c] for c in returning)), list(rows))
        return [tuple(r) for r in stored]
    if _is_pg(session):
        staging = f"{table.name}_incoming"
        session.connection().exec_driver_sql(
            # Identifiers come from the table's own metadata, never from input.
            f"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DROP AS "
            f"SELECT {', '.join(columns)} FROM {table.name} WITH NO DATA"
        )
        session.connection().exec_driver_sql(f"TRUNCATE {staging}")
        _copy(session, staging, columns, _copy_values(table, columns, rows))
        col_list = ", ".join(columns)
        result = session.connection().exec_driver_sql(
            f"INSERT INTO {table.name} ({col_list}) SELECT {col_list} FROM {staging} "
            f"ON CONFLICT ({key}) DO NOTHING RETURNING {', '.join(returning)}"
        )
        return [tuple(r) for r in result]
    stmt = sqlite_insert(table).on_conflict_do_nothing(index_elements=[key])
    stored = session.execute(stmt.returning(*(table.c[c] for c in returning)), list(rows))
    return [tuple(r) for r in stored]


def upsert_add(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    key: Sequence[str],
    counters: Sequence[str],
) -> None:
    """Add ``counters`` of each row to the stored row with the same ``key``, or insert it.

    ``rows`` are plain tuples in ``columns`` order, with the key columns first (in ``key``
    order): the hot path of every comment write, so no per-row dictionaries or type
    processing. Rows are applied in key order, so concurrent transactions lock the same rows
    in the same order (no deadlocks on PostgreSQL). Keys must be unique within ``rows``."""
    if not rows:
        return
    assert tuple(columns[: len(key)]) == tuple(key), "key columns come first"
    col_list = ", ".join(columns)
    # Identifiers come from the table's own metadata, never from input.
    updates = ", ".join(f"{c} = {table.name}.{c} + excluded.{c}" for c in counters)
    conflict = f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    conn = session.connection()
    types = _array_types(table, columns) if _is_pg(session) and len(rows) <= SMALL else None
    if types is not None:
        # One array per column, unnested in the order sorted here as PostgreSQL would sort them
        # (no NULLs in keys; text keys are collated "C", i.e. code point order, like Python's),
        # so these lock in the same order as COPY's. The statement's text is the same for any
        # number of rows: the driver parses it once (a VALUES list of ~500 placeholders cost
        # ~10 ms of the driver's parsing per single comment) and PostgreSQL prepares it.
        ordered = sorted(rows, key=lambda r: r[: len(key)])
        arrays = ", ".join(f"%s::{t}[]" for t in types)
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({col_list}) SELECT {col_list} FROM unnest({arrays}) "
            f"WITH ORDINALITY AS incoming ({col_list}, position) ORDER BY position {conflict}",
            tuple(list(column) for column in zip(*ordered, strict=True)),
        )
        return
    if _is_pg(session):
        staging = f"{table.name}_incoming"
        conn.exec_driver_sql(
            f"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DROP AS "
            f"SELECT {col_list} FROM {table.name} WITH NO DATA"
        )
        conn.exec_driver_sql(f"TRUNCATE {staging}")
        _copy(session, staging, columns, rows)
        conn.exec_driver_sql(  # the database orders them
            f"INSERT INTO {table.name} ({col_list}) SELECT {col_list} FROM {staging} "
            f"ORDER BY {', '.join(key)} {conflict}"
        )
        return
    marks = ", ".join("?" * len(columns))
    ordered = sorted(rows)  # = by key: the key columns come first and are unique (twice faster)
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({col_list}) VALUES ({marks}) {conflict}", ordered
    )
