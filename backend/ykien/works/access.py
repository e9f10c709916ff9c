"""Who reads which works, and how a stored work is answered. Every get and list starts from
``readable_works``: the works of the caller's subtree."""

from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.core.clock import today_vn
from ykien.units.models import Unit
from ykien.works.models import FINAL, Work
from ykien.works.schemas import WorkPublic


def readable_works(caller: Caller) -> Select[Work]:
    """The works the caller may read (and, with a writer's role, change): its subtree's."""
    return select(Work).where(caller.scope.condition(Work.unit_path))


def is_overdue(status: str, due_on: date, today: date | None = None) -> bool:
    return status not in FINAL and due_on < (today or today_vn())


def unit_names(session: Session, unit_ids: set[int]) -> dict[int, str]:
    if not unit_ids:
        return {}
    rows = session.execute(select(col(Unit.id), col(Unit.name)).where(col(Unit.id).in_(unit_ids)))
    return {int(uid): str(name) for uid, name in rows.all()}


def public(work: Work | dict[str, Any], unit_name: str, today: date | None = None) -> WorkPublic:
    row = work if isinstance(work, dict) else work.model_dump()
    return WorkPublic(
        **{k: row[k] for k in WorkPublic.model_fields if k not in ("unit_name", "overdue")},
        unit_name=unit_name,
        overdue=is_overdue(row["status"], row["due_on"], today),
    )


def publics(session: Session, works: list[Work]) -> list[WorkPublic]:
    names = unit_names(session, {w.unit_id for w in works})
    today = today_vn()
    return [public(w, names.get(w.unit_id, ""), today) for w in works]
