"""Merging units (``POST /units/merge``) and reading their lineage.

A merge closes its sources — and everything below them, which cannot outlive them — on the day
before it takes effect, records one ``unit_lineage`` row per source, and never rewrites a path:
the roll-ups of the consultations that ran on the old tree stay keyed by the old paths, and
``units/eras.py`` maps them onto today's tree when asked.

A merge is sent with a client id: the same body sent again is a retry and gets the same answer
(even though its sources are now closed); another body with that id is a 409.
"""

import hashlib
from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import or_, select, update
from sqlmodel import Session, col

from ykien.core.audit import Actor, record
from ykien.core.clock import today_vn
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound
from ykien.units.eras import era_map, is_valid_on
from ykien.units.models import Unit, UnitLineage, UnitMerge
from ykien.units.schemas import (
    LineageLink,
    UnitLineagePublic,
    UnitMergeRequest,
    UnitMergeResult,
    UnitPublic,
)
from ykien.units.scope import Scope, in_subtree
from ykien.units.service import get_unit, unit_in_scope
from ykien.units.tree import may_sit_under, place


def _hash(body: UnitMergeRequest) -> str:
    data = body.model_dump(mode="json", exclude={"id"})
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _public(unit: Unit) -> UnitPublic:
    return UnitPublic.model_validate(unit)


def _answer(session: Session, merge: UnitMerge) -> UnitMergeResult:
    target = session.get(Unit, merge.to_unit_id)
    assert target is not None
    sources = session.scalars(
        select(Unit)
        .join(UnitLineage, col(UnitLineage.from_unit_id) == col(Unit.id))
        .where(col(UnitLineage.merge_id) == merge.id)
        .order_by(col(UnitLineage.id))
    )
    return UnitMergeResult(
        id=merge.id,
        unit=_public(target),
        created=merge.created,
        effective_on=merge.effective_on,
        from_units=[_public(u) for u in sources],
    )


def merge_units(
    session: Session, *, scope: Scope, actor: Actor, body: UnitMergeRequest
) -> tuple[UnitMergeResult, bool]:
    """Merge ``body.from_unit_ids`` into one unit; (the answer, True when this call merged)."""
    digest = _hash(body)
    stored = session.get(UnitMerge, body.id)
    if stored is not None:
        if stored.body_hash != digest:
            raise Conflict(f"Merge {body.id} was sent before with another body.")
        answer = _answer(session, stored)
        if not scope.covers(answer.unit.path):
            raise NotFound(f"Merge {body.id} does not exist.")
        return answer, False

    if (body.into_unit_id is None) == (body.new_unit is None):
        raise Invalid(["body", "into_unit_id"], "give either into_unit_id or new_unit (one)")
    day = body.effective_on
    last_day = day - timedelta(days=1)
    sources = _sources(session, scope=scope, body=body)
    level = sources[0].level

    if body.into_unit_id is not None:
        target = unit_in_scope(
            session, scope=scope, unit_id=body.into_unit_id, loc=["body", "into_unit_id"]
        )
        if target.id in {s.id for s in sources}:
            raise Invalid(["body", "into_unit_id"], "a unit cannot be merged into itself")
        if target.level != level:
            raise Invalid(["body", "into_unit_id"], f"must be a {level}, as the merged units")
        if not is_valid_on(target, day):
            raise Invalid(["body", "into_unit_id"], f"the unit is not valid on {day:%d/%m/%Y}")
        created = False
    else:
        assert body.new_unit is not None
        target = _new_unit(session, scope=scope, body=body, level=level)
        created = True

    merge = UnitMerge(
        id=body.id,
        body_hash=digest,
        to_unit_id=target.id or 0,
        effective_on=day,
        created=created,
        created_by=actor.id if actor.kind == "user" else None,
    )
    session.add(merge)
    session.flush()
    for source in sources:
        session.add(
            UnitLineage(
                from_unit_id=source.id or 0,
                to_unit_id=target.id or 0,
                effective_on=day,
                merge_id=merge.id,
            )
        )
        # The source and its whole subtree end the day before (those ending earlier keep it).
        session.execute(
            update(Unit)
            .where(
                in_subtree(col(Unit.path), source.path),
                or_(col(Unit.valid_to).is_(None), col(Unit.valid_to) > last_day),
            )
            .values(valid_to=last_day)
            .execution_options(synchronize_session=False)
        )
    session.flush()
    for unit in [*sources, target]:
        session.refresh(unit)
    after: dict[str, Any] = {
        "id": str(body.id),
        "from_unit_ids": [s.id for s in sources],
        "into_unit_id": target.id,
        "created": created,
        "effective_on": day.isoformat(),
    }
    record(session, actor, "merge", "unit", target.id, after=after)
    return _answer(session, merge), True


def _sources(session: Session, *, scope: Scope, body: UnitMergeRequest) -> list[Unit]:
    """The merged units: in the caller's subtree, distinct, of one level, open the day before
    the merge and not merged already."""
    if len(set(body.from_unit_ids)) != len(body.from_unit_ids):
        raise Invalid(["body", "from_unit_ids"], "a unit is named twice")
    day = body.effective_on
    sources: list[Unit] = []
    merged = set(
        session.scalars(
            select(col(UnitLineage.from_unit_id)).where(
                col(UnitLineage.from_unit_id).in_(body.from_unit_ids)
            )
        )
    )
    for i, unit_id in enumerate(body.from_unit_ids):
        loc: list[str | int] = ["body", "from_unit_ids", i]
        unit = unit_in_scope(session, scope=scope, unit_id=unit_id, loc=loc)
        if unit.id in merged:
            raise Invalid(loc, f"{unit.name} was already merged")
        if not is_valid_on(unit, day - timedelta(days=1)):
            raise Invalid(
                loc,
                f"{unit.name} is not valid on {day - timedelta(days=1):%d/%m/%Y}, "
                "the day before the merge",
            )
        if sources and unit.level != sources[0].level:
            raise Invalid(loc, f"must be a {sources[0].level}, as the first merged unit")
        sources.append(unit)
    return sources


def _new_unit(session: Session, *, scope: Scope, body: UnitMergeRequest, level: str) -> Unit:
    new = body.new_unit
    assert new is not None
    loc = ["body", "new_unit"]
    if new.level.value != level:
        raise Invalid([*loc, "level"], f"must be a {level}, as the merged units")
    parent = None
    if new.parent_id is None:
        if not scope.is_everything:
            raise Forbidden("Only a superuser creates root units.")
    else:
        parent = unit_in_scope(session, scope=scope, unit_id=new.parent_id, loc=[*loc, "parent_id"])
        if not may_sit_under(new.level, parent.level):
            raise Invalid([*loc, "level"], f"a {new.level} cannot sit under a {parent.level}")
        if not is_valid_on(parent, body.effective_on):
            raise Invalid(
                [*loc, "parent_id"], f"the parent is not valid on {body.effective_on:%d/%m/%Y}"
            )
    if session.scalar(select(col(Unit.id)).where(col(Unit.code) == new.code)) is not None:
        raise Conflict(f"A unit with code {new.code!r} already exists.")
    unit = place(session, code=new.code, name=new.name, level=level, parent=parent)
    unit.valid_from = body.effective_on
    session.flush()
    return unit


# --- lineage ------------------------------------------------------------------------------------


def lineage(session: Session, *, scope: Scope, unit_id: int) -> UnitLineagePublic:
    """A unit's predecessors and successors (one step each way) and where its figures land on
    today's tree. The linked units are named even outside the caller's subtree: that a commune
    went into another is a public administrative fact, and their own pages stay scoped."""
    unit = get_unit(session, scope=scope, unit_id=unit_id)
    rows = list(
        session.scalars(
            select(UnitLineage)
            .where(
                or_(
                    col(UnitLineage.from_unit_id) == unit.id,
                    col(UnitLineage.to_unit_id) == unit.id,
                )
            )
            .order_by(col(UnitLineage.id))
            .limit(2_000)
        )
    )
    ids = {r.from_unit_id for r in rows} | {r.to_unit_id for r in rows}
    units = {u.id: u for u in session.scalars(select(Unit).where(col(Unit.id).in_(ids)))}
    principal_of: dict[int, int] = {}
    for r in session.scalars(
        select(UnitLineage)
        .where(col(UnitLineage.from_unit_id).in_({r.from_unit_id for r in rows}))
        .order_by(col(UnitLineage.id))
    ):
        principal_of.setdefault(r.from_unit_id, r.to_unit_id)
    predecessors = [
        LineageLink(
            unit=_public(units[r.from_unit_id]),
            effective_on=r.effective_on,
            principal=principal_of.get(r.from_unit_id) == unit.id,
        )
        for r in rows
        if r.to_unit_id == unit.id
    ]
    successors = [
        LineageLink(
            unit=_public(units[r.to_unit_id]),
            effective_on=r.effective_on,
            principal=principal_of.get(unit.id or 0) == r.to_unit_id,
        )
        for r in rows
        if r.from_unit_id == unit.id
    ]
    current = None
    if successors or not is_valid_on_today(unit):
        mapped = era_map(session).effective_path(unit.path)
        if mapped != unit.path:
            current_unit = session.scalar(select(Unit).where(col(Unit.path) == mapped))
            current = _public(current_unit) if current_unit is not None else None
    return UnitLineagePublic(
        unit=_public(unit), predecessors=predecessors, successors=successors, current=current
    )


def is_valid_on_today(unit: Unit) -> bool:
    return is_valid_on(unit, today_vn())
