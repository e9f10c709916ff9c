"""Which layout the stored roll-ups were built with, and their rebuild when the code's differs.

Migrations change the schema only and never run application code: next year's code must not
run against last year's schema. The cells instead carry the version of the layout that built
them (``rollup_layout``); `ykien migrate` and `ykien serve` rebuild them from the comments and
meetings when it is not the code's ``LAYOUT_VERSION`` — after an upgrade that changes the
cuboids, and once for a database from before that table (no row: unknown).
"""

from sqlalchemy import Connection, Engine, insert, select, update
from sqlmodel import col

from ykien.stats.models import RollupLayout
from ykien.stats.recount import recount_in, rollup_transaction
from ykien.stats.rollup import LAYOUT_VERSION

_LAYOUT = RollupLayout.metadata.tables["rollup_layout"]


def stored_version(conn: Connection) -> int | None:
    return conn.scalar(select(col(RollupLayout.version)))


def record_version(conn: Connection, version: int = LAYOUT_VERSION) -> None:
    if not conn.execute(update(_LAYOUT).values(version=version)).rowcount:
        conn.execute(insert(_LAYOUT).values(id=1, version=version))


def rebuild_if_stale(engine: Engine) -> bool:
    """Rebuild every cell when the stored layout is not the code's; whether it did. The rebuild
    locks the roll-up writers out (``rollup_transaction``), so it is exact while serving."""
    with engine.connect() as conn:
        if stored_version(conn) == LAYOUT_VERSION:
            return False
    with rollup_transaction(engine, exclusive=True) as conn:
        if stored_version(conn) == LAYOUT_VERSION:  # rebuilt meanwhile by another migrator
            return False
        recount_in(conn, fix=True, compare=False)
        record_version(conn)
    return True
