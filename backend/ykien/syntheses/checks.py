"""What a careful secretary should know before submitting: children missing, returned or late;
comments and child items not covered yet; items that carry nothing."""

import uuid
from datetime import datetime

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.consultations.models import Consultation
from ykien.syntheses.access import get_readable_synthesis
from ykien.syntheses.coverage import pool_of, uncovered_count
from ykien.syntheses.deadlines import now_or_clock
from ykien.syntheses.progress import submission_rows
from ykien.syntheses.queries import items_of
from ykien.syntheses.schemas import Check, CheckCode, Checks
from ykien.units.models import Unit


def checks(
    session: Session, *, caller: Caller, synthesis_id: uuid.UUID, now: datetime | None = None
) -> Checks:
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    unit = session.get(Unit, synthesis.unit_id)
    consultation = session.get(Consultation, synthesis.consultation_id)
    assert unit is not None and consultation is not None  # foreign keys
    out: list[Check] = []
    for row in submission_rows(session, caller, unit, consultation, now_or_clock(now)):
        name = row.unit.name
        if row.status in ("missing", "draft"):
            what = "has not submitted its synthesis" + (
                " (a draft)" if row.status == "draft" else ""
            )
            out.append(
                Check(code=CheckCode.child_missing, message=f"{name} {what}.", unit=row.unit)
            )
        elif row.status == "returned":
            out.append(
                Check(
                    code=CheckCode.child_returned,
                    message=f"{name}'s synthesis was returned and not submitted again.",
                    unit=row.unit,
                )
            )
        if row.late:
            message = (
                f"{name} submitted after its deadline ({row.deadline})."
                if row.submitted_at
                else f"{name} has not submitted and its deadline ({row.deadline}) has passed."
            )
            out.append(Check(code=CheckCode.child_late, message=message, unit=row.unit))
    pool = pool_of(session, synthesis)
    comments = uncovered_count(session, caller, synthesis, pool)
    if comments:
        out.append(
            Check(
                code=CheckCode.uncovered_comments,
                message=f"{comments} comments of the unit's subtree are not merged into any item.",
                count=comments,
            )
        )
    if pool.child_items:
        n = len(pool.child_items)
        out.append(
            Check(
                code=CheckCode.uncovered_child_items,
                message=f"{n} items of the children's submitted syntheses are not merged yet.",
                count=n,
            )
        )
    for item in items_of(session, synthesis.id):
        if item.comments == 0:
            out.append(
                Check(
                    code=CheckCode.empty_item,
                    message=f"Item {item.position} carries no comment.",
                    count=0,
                )
            )
    return Checks(items=out)
