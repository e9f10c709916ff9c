"""The audit trail: one row per change of any kind (who, when, what, before and after, which unit).

Domains call ``record`` inside the same transaction as the change, so a change and its audit
row are stored together or not at all. Comments keep a richer per-version history of their own.

Each event belongs to a unit, so that an admin reads the events of its subtree: the unit given to
``record`` (a unit's own events: that unit), else the ``unit_id`` the change itself carries (the
audited object's unit), else the unit of the user who acted (who acts only inside its subtree).
An event without a unit (a superuser's, the system's) is read by superusers only.

Contributor name and contact never enter the trail: domains record *that* they changed; as a
last guard, ``record`` drops those keys if a change ever carries them.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, Session, SQLModel

from ykien.core.db import UTCDateTime, utcnow

PERSONAL_KEYS = frozenset({"contributor_name", "contributor_contact"})


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_kind: str = Field(max_length=16)
    actor_id: int | None = None
    actor_name: str | None = Field(default=None, max_length=100)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=64)
    # No foreign key: the trail outlives what it describes.
    unit_id: int | None = Field(default=None, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class Actor:
    """Who did something: the minimum the audit trail needs, without knowing about accounts."""

    kind: str
    id: int | None
    name: str | None
    unit_id: int | None

    def __init__(
        self, kind: str, id: int | None, name: str | None, unit_id: int | None = None
    ) -> None:
        self.kind, self.id, self.name, self.unit_id = kind, id, name, unit_id


SYSTEM = Actor("system", None, "system")


def without_personal_data(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None or PERSONAL_KEYS.isdisjoint(values):
        return values
    return {k: v for k, v in values.items() if k not in PERSONAL_KEYS}


def _unit_of(change: dict[str, Any] | None) -> int | None:
    value = (change or {}).get("unit_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    unit_id: int | None = None,
) -> None:
    if unit_id is None and entity == "unit" and isinstance(entity_id, int):
        unit_id = entity_id
    if unit_id is None:
        unit_id = _unit_of(after) or _unit_of(before) or actor.unit_id
    session.add(
        AuditEvent(
            actor_kind=actor.kind,
            actor_id=actor.id,
            actor_name=actor.name,
            action=action,
            entity=entity,
            entity_id=str(entity_id)[:64],
            unit_id=unit_id,
            before=without_personal_data(before),
            after=without_personal_data(after),
        )
    )
