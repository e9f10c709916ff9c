"""API shapes of the audit trail."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class AuditActor(BaseModel):
    kind: Literal["user", "api_key", "system"]
    id: int | None = Field(
        description="The user's or key's id; null for the system, and for a "
        "failed login (someone claiming `username`)"
    )
    username: str | None = Field(description="A user's username, a key's name, or `system`")


class FieldChange(BaseModel):
    before: Any = None
    after: Any = None


class AuditEventPublic(BaseModel):
    id: int
    at: datetime
    actor: AuditActor
    action: str = Field(description="create, update, revoke, login, login_failed, submit, …")
    entity: str = Field(description="user, api_key, unit, consultation, synthesis, …")
    entity_id: str
    unit_id: int | None = Field(description="The unit the event belongs to; null: superusers only")
    changes: dict[str, FieldChange] = Field(
        description="Each field that changed, before and after (contributor data never appears)"
    )
