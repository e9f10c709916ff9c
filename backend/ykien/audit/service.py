"""The audit events a caller may read, filtered and paged newest first."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.audit.schemas import AuditActor, AuditEventPublic, FieldChange
from ykien.core.audit import AuditEvent, without_personal_data
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.units.models import Unit
from ykien.units.scope import Scope
from ykien.units.service import get_unit


def readable_audit_events(caller: Caller) -> Select[AuditEvent]:
    """The events ``caller`` may read: those of its subtree's units; a superuser's: every event."""
    stmt = select(AuditEvent).outerjoin(Unit, col(Unit.id) == col(AuditEvent.unit_id))
    if caller.is_superuser:
        return stmt
    return stmt.where(col(Unit.path).is_not(None), caller.scope.condition(col(Unit.path)))


@dataclass(frozen=True)
class AuditFilters:
    unit_id: int | None = None  # that unit's subtree
    entity: str | None = None
    entity_id: str | None = None
    actor_id: int | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


def list_events(
    session: Session, *, caller: Caller, f: AuditFilters, limit: int, cursor: str | None
) -> tuple[list[AuditEvent], str | None]:
    """By an admin (gated on the route)."""
    stmt = readable_audit_events(caller)
    if f.unit_id is not None:
        unit = get_unit(session, scope=caller.scope, unit_id=f.unit_id)
        stmt = stmt.where(Scope(unit.path).condition(col(Unit.path)))
    if f.entity is not None:
        stmt = stmt.where(col(AuditEvent.entity) == f.entity)
    if f.entity_id is not None:
        stmt = stmt.where(col(AuditEvent.entity_id) == f.entity_id)
    if f.actor_id is not None:
        stmt = stmt.where(col(AuditEvent.actor_id) == f.actor_id)
    if f.since is not None:
        stmt = stmt.where(col(AuditEvent.at) >= f.since)
    if f.until is not None:
        stmt = stmt.where(col(AuditEvent.at) < f.until)
    if cursor:
        (before_id,) = decode_cursor(cursor, (int,))
        stmt = stmt.where(col(AuditEvent.id) < before_id)
    rows = list(session.scalars(stmt.order_by(col(AuditEvent.id).desc()).limit(limit + 1)))
    last = rows[limit - 1].id if len(rows) > limit else None
    return rows[:limit], encode_cursor([last]) if last is not None else None


def _changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, FieldChange]:
    # Rows written before the guard in core/audit existed pass it here.
    before, after = without_personal_data(before) or {}, without_personal_data(after) or {}
    return {
        key: FieldChange(before=before.get(key), after=after.get(key))
        for key in [*before, *(k for k in after if k not in before)]
        if before.get(key) != after.get(key) or (key in before) != (key in after)
    }


def public(event: AuditEvent) -> AuditEventPublic:
    assert event.id is not None
    kind = event.actor_kind if event.actor_kind in ("user", "api_key") else "system"
    return AuditEventPublic(
        id=event.id,
        at=event.at,
        actor=AuditActor(kind=kind, id=event.actor_id, username=event.actor_name),
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id,
        unit_id=event.unit_id,
        changes=_changes(event.before, event.after),
    )
