"""HTTP for the audit trail: admins read their subtree's events, superusers every event."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from ykien.accounts.dependencies import AdminDep
from ykien.audit import service
from ykien.audit.schemas import AuditEventPublic
from ykien.core.deps import SessionDep
from ykien.core.errors import Invalid
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdQuery

router = APIRouter(prefix="/audit-events", tags=["audit"])


@router.get("")
def list_audit_events(
    session: SessionDep,
    caller: AdminDep,
    unit_id: Annotated[IdQuery, Query(description="That unit and its subtree")] = None,
    entity: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    actor_id: IdQuery = None,
    from_: Annotated[datetime | None, Query(alias="from", description="At or after")] = None,
    to: Annotated[datetime | None, Query(description="Before")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[AuditEventPublic]:
    """Who changed what, newest first: logins and failed logins, users, keys, units, every
    domain's writes. Contributor name and contact never appear."""
    for name, value in (("from", from_), ("to", to)):
        if value is not None and value.tzinfo is None:
            raise Invalid(["query", name], "give a time zone, e.g. 2020-09-01T00:00:00+07:00")
    events, next_cursor = service.list_events(
        session,
        caller=caller,
        f=service.AuditFilters(unit_id, entity, entity_id, actor_id, from_, to),
        limit=limit,
        cursor=cursor,
    )
    return Page(items=[service.public(e) for e in events], next_cursor=next_cursor)
