"""The audit trail: one row per change of any kind (who, when, what, before and after).

Domains call ``record`` inside the same transaction as the change, so a change and its audit
row are stored together or not at all. Comments keep a richer per-version history of their own.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, Session, SQLModel

from ykien.core.db import UTCDateTime, utcnow


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
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class Actor:
    """Who did something: the minimum the audit trail needs, without knowing about accounts."""

    kind: str
    id: int | None
    name: str | None

    def __init__(self, kind: str, id: int | None, name: str | None) -> None:
        self.kind, self.id, self.name = kind, id, name


SYSTEM = Actor("system", None, "system")


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            actor_kind=actor.kind,
            actor_id=actor.id,
            actor_name=actor.name,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=before,
            after=after,
        )
    )
