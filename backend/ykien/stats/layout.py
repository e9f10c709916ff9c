"""Which layout the stored roll-ups were built with, and their rebuild when the code's differs.

Migrations change the schema only and never run application code: next year's code must not
run against last year's schema. The cells instead carry the version of the layout that built
them (``rollup_layout``); `ykien migrate` and `ykien serve` rebuild them from the comments and
meetings when it is not the code's ``LAYOUT_VERSION`` — after an upgrade that changes the
cuboids, and once for a database from before that table (no row: unknown).
"""

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from ykien.core.db import session_scope
from ykien.stats.models import RollupLayout
from ykien.stats.recount import recount
from ykien.stats.rollup import LAYOUT_VERSION


def stored_version(session: Session) -> int | None:
    return session.scalar(select(col(RollupLayout.version)))


def record_version(session: Session, version: int = LAYOUT_VERSION) -> None:
    row = session.get(RollupLayout, 1)
    if row is None:
        session.add(RollupLayout(id=1, version=version))
    else:
        row.version = version
    session.flush()


def rebuild_if_stale(engine: Engine) -> bool:
    """Rebuild every cell when the stored layout is not the code's; whether it did."""
    with session_scope(engine) as session:
        if stored_version(session) == LAYOUT_VERSION:
            return False
        recount(session, fix=True)
        record_version(session)
    return True
