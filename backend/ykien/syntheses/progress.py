"""Per unit: which direct children have submitted (and whether late), what arrived from them,
and the progress figures per child."""

from datetime import date, datetime

from sqlalchemy import func, select, union
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment
from ykien.consultations.models import Consultation
from ykien.consultations.service import get_consultation
from ykien.core.clock import today_vn
from ykien.core.pagination import Key, keyset_page
from ykien.meetings.models import Meeting
from ykien.stats.models import MeetingCell, StatCell
from ykien.stats.rollup import LEAF
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.stats.service import stats
from ykien.syntheses.access import readable_syntheses
from ykien.syntheses.deadlines import deadline_of, is_late, now_or_clock, submits
from ykien.syntheses.models import (
    Synthesis,
)
from ykien.syntheses.presenters import unit_ref
from ykien.syntheses.queries import SENT
from ykien.syntheses.schemas import (
    AreaCoverage,
    Progress,
    ProgressRow,
    ProgressTotals,
    SubmissionRow,
    Submissions,
)
from ykien.units.models import Unit, UnitLevel
from ykien.units.scope import in_subtree
from ykien.units.service import get_unit

NOT_REQUIRED = "not_required"


def _children_in(
    session: Session, caller: Caller, unit: Unit, consultation: Consultation
) -> list[Unit]:
    return list(
        session.scalars(
            select(Unit)
            .where(
                col(Unit.parent_id) == unit.id,
                caller.scope.condition(col(Unit.path)),
                in_subtree(col(Unit.path), consultation.unit_path),
            )
            .order_by(col(Unit.name), col(Unit.id))
        )
    )


def _latest_by_child(
    session: Session, unit: Unit, consultation: Consultation
) -> dict[int | None, Synthesis]:
    latest: dict[int | None, Synthesis] = {}
    for s in session.scalars(
        select(Synthesis).where(
            col(Synthesis.parent_unit_id) == unit.id,
            col(Synthesis.consultation_id) == consultation.id,
        )
    ):
        if s.unit_id not in latest or s.version > latest[s.unit_id].version:
            latest[s.unit_id] = s
    return latest


def _row(
    child: Unit, s: Synthesis | None, consultation: Consultation, now: datetime
) -> SubmissionRow:
    deadline = deadline_of(consultation, child.level)
    return SubmissionRow(
        unit=unit_ref(child),
        status=s.status if s else "missing",
        late=is_late(deadline, s.submitted_at if s else None, now),
        submitted_at=s.submitted_at if s else None,
        deadline=deadline,
        synthesis_id=s.id if s else None,
        version=s.version if s else None,
    )


def submission_rows(
    session: Session, caller: Caller, unit: Unit, consultation: Consultation, now: datetime
) -> list[SubmissionRow]:
    """One row per direct child whose level submits: its latest version's status, or
    ``missing``."""
    latest = _latest_by_child(session, unit, consultation)
    return [
        _row(c, latest.get(c.id), consultation, now)
        for c in _children_in(session, caller, unit, consultation)
        if submits(consultation, c.level)
    ]


def submissions(
    session: Session,
    *,
    caller: Caller,
    unit_id: int,
    consultation_id: int,
    now: datetime | None = None,
) -> Submissions:
    """One row per direct child taking part whose level submits (the consultation gives it a
    deadline): its latest version's status, or ``missing``."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    return Submissions(
        items=submission_rows(session, caller, unit, consultation, now_or_clock(now))
    )


def _last_entry_on(session: Session, child: Unit, consultation: Consultation) -> date | None:
    """The day (in Vietnam) the child's subtree last entered a comment of the consultation."""
    last = session.scalar(
        select(func.max(col(Comment.created_at))).where(
            in_subtree(col(Comment.unit_path), child.path),
            col(Comment.consultation_id) == consultation.id,
            col(Comment.deleted_at).is_(None),
        )
    )
    return today_vn(last) if last else None


def incoming(
    session: Session,
    *,
    caller: Caller,
    unit_id: int,
    consultation_id: int | None,
    cursor: str | None = None,
    limit: int = 100,
) -> tuple[list[Synthesis], str | None]:
    """The direct children's submitted and accepted syntheses, the pool an item merges from,
    in the order they were sent."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    stmt = readable_syntheses(caller).where(
        col(Synthesis.parent_unit_id) == unit.id, col(Synthesis.status).in_(SENT)
    )
    if consultation_id is not None:
        get_consultation(session, caller=caller, consultation_id=consultation_id)
        stmt = stmt.where(col(Synthesis.consultation_id) == consultation_id)
    keys = [Key(col(Synthesis.submitted_at)), Key(col(Synthesis.id))]
    return keyset_page(session, stmt, keys, cursor=cursor, limit=limit)


def progress(
    session: Session,
    *,
    caller: Caller,
    unit_id: int,
    consultation_id: int,
    now: datetime | None = None,
) -> Progress:
    """Per direct child: meetings, participants, comments, people (roll-ups), and its synthesis's
    status, or, for a child whose level submits none, the day of its last entry."""
    unit = get_unit(session, scope=caller.scope, unit_id=unit_id)
    consultation = get_consultation(session, caller=caller, consultation_id=consultation_id)
    answer = stats(
        session,
        caller=caller,
        unit_id=unit_id,
        query=StatsQuery(consultation_id=consultation_id, group_by=[GroupBy.child]),
    )
    counts = {
        g["key"]["child"]["id"]: (g["comments"], g["people"])
        for g in answer["groups"]
        if g["key"]["child"]
    }
    meetings = {
        child: (int(m or 0), int(p or 0))
        for child, m, p in session.execute(
            select(
                col(MeetingCell.child_id),
                func.sum(col(MeetingCell.meetings)),
                func.sum(col(MeetingCell.participants)),
            )
            .where(
                col(MeetingCell.unit_id) == unit.id,
                col(MeetingCell.consultation_id) == consultation_id,
            )
            .group_by(col(MeetingCell.child_id))
        )
    }
    latest = _latest_by_child(session, unit, consultation)
    at = now_or_clock(now)
    rows = []
    for child in _children_in(session, caller, unit, consultation):
        assert child.id is not None
        m, p = meetings.get(child.id, (0, 0))
        c, pe = counts.get(child.id, (0, 0))
        if submits(consultation, child.level):
            sub = _row(child, latest.get(child.id), consultation, at)
            status, late, submitted_at, last_entry = sub.status, sub.late, sub.submitted_at, None
        else:  # the child is followed by its entries, not by a synthesis
            status, late, submitted_at = NOT_REQUIRED, False, None
            last_entry = _last_entry_on(session, child, consultation)
        rows.append(
            ProgressRow(
                unit=unit_ref(child),
                meetings=m,
                participants=p,
                comments=c,
                people=pe,
                submits=status != NOT_REQUIRED,
                status=status,
                late=late,
                submitted_at=submitted_at,
                deadline=deadline_of(consultation, child.level),
                last_entry_on=last_entry,
            )
        )
    totals = answer["totals"]
    return Progress(
        unit=unit_ref(unit),
        consultation_id=consultation_id,
        items=rows,
        totals=ProgressTotals(**totals),
        areas=_area_coverage(session, unit, consultation_id),
    )


def _area_coverage(session: Session, unit: Unit, consultation_id: int) -> AreaCoverage:
    """How many residential areas of the subtree held a meeting or entered a comment (a
    comment counts where it was entered: the leaf cells of the roll-ups, by path), of how many."""
    area = UnitLevel.residential_area.value
    with_comments = select(col(StatCell.unit_path)).where(
        col(StatCell.cuboid) == LEAF,
        col(StatCell.consultation_id) == consultation_id,
        in_subtree(StatCell.unit_path, unit.path),
        col(StatCell.level) == area,
        col(StatCell.comments) > 0,
    )
    with_meetings = (
        select(col(Unit.path))
        .join(Meeting, col(Meeting.unit_id) == col(Unit.id))
        .where(
            col(Meeting.consultation_id) == consultation_id,
            in_subtree(Unit.path, unit.path),
            col(Unit.level) == area,
        )
    )
    active = session.scalar(
        select(func.count()).select_from(union(with_comments, with_meetings).subquery())
    )
    total = session.scalar(
        select(func.count()).where(col(Unit.level) == area, in_subtree(Unit.path, unit.path))
    )
    return AreaCoverage(total=int(total or 0), active=int(active or 0))
