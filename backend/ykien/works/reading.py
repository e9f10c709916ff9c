"""Reading works: the filtered list (newest first, or by due day for the "due" views) and the
export's rows. Every query starts from ``access.readable_works``."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.clock import today_vn
from ykien.core.pagination import Key, keyset_page
from ykien.core.text import fold
from ykien.units.models import Unit
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit
from ykien.works.access import readable_works
from ykien.works.models import FINAL, Work

SOON_DAYS = 14
"""``due=soon``: due from today to 14 days ahead, not done or dropped."""

Due = Literal["overdue", "soon"]


@dataclass
class Filters:
    unit_id: int | None = None
    status: str | None = None
    organization: str | None = None
    kind: str | None = None
    due: Due | None = None
    q: str | None = None


def due_condition(due: Due, today: date) -> Any:
    open_ = col(Work.status).not_in([s.value for s in FINAL])
    if due == "overdue":
        return open_ & (col(Work.due_on) < today)
    return open_ & (col(Work.due_on) >= today) & (col(Work.due_on) <= today + timedelta(SOON_DAYS))


def filtered(session: Session, *, caller: Caller, f: Filters) -> Select[Work]:
    stmt = readable_works(caller)
    if f.unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=f.unit_id)
        stmt = stmt.where(in_subtree(Work.unit_path, unit.path))
    for attribute, value in (
        (Work.status, f.status),
        (Work.organization, f.organization),
        (Work.kind, f.kind),
    ):
        if value is not None:
            stmt = stmt.where(col(attribute) == value)
    if f.due is not None:
        stmt = stmt.where(due_condition(f.due, today_vn()))
    if f.q and (words := fold(f.q)):
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(col(Work.title_folded).like(f"%{escaped}%", escape="\\"))
    return stmt


def list_works(
    session: Session, *, caller: Caller, f: Filters, limit: int, cursor: str | None
) -> tuple[list[Work], str | None]:
    """Newest first; the "due" views by due day (the most urgent first)."""
    keys = (
        [Key(col(Work.due_on)), Key(col(Work.seq))]
        if f.due is not None
        else [Key(col(Work.seq), descending=True)]
    )
    stmt = filtered(session, caller=caller, f=f)
    return keyset_page(session, stmt, keys, cursor=cursor, limit=limit)


def iter_export(session: Session, *, caller: Caller, f: Filters) -> Iterator[dict[str, Any]]:
    """Every matching work with its unit's name, in chunks (any number of rows)."""
    stmt = filtered(session, caller=caller, f=f).add_columns(col(Unit.name), col(Unit.code))
    stmt = stmt.join(Unit, col(Unit.id) == col(Work.unit_id)).order_by(col(Work.seq))
    for work, unit_name, unit_code in session.execute(stmt.execution_options(yield_per=500)):
        yield {**work.model_dump(), "unit_name": unit_name, "unit_code": unit_code}
