"""A comment's history (``comment_version``): what each version records, and reading it back.

One row per version: the creation (every field), each edit (the changed fields, before and
after) and the deletion (its reason). It is the audit trail of comments.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.access import can_see_personal, mask_personal
from ykien.comments.models import CommentVersion
from ykien.comments.reading import get_comment
from ykien.comments.schemas import HistoryEntry

# The fields a version records (what a person entered), in a stable order.
TRACKED = (
    "document_id",
    "section_id",
    "unit_id",
    "meeting_id",
    "channel",
    "category",
    "stance",
    "organization",
    "people",
    "content",
    "collected_on",
    "contributor_name",
    "contributor_contact",
)
# Those a comment cannot be without (an edit may not set them to null).
REQUIRED = tuple(
    k
    for k in TRACKED
    if k not in {"section_id", "meeting_id", "contributor_name", "contributor_contact"}
)


def version_row(
    caller: Caller,
    *,
    seq: int | None,
    version: int,
    at: datetime,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """One row of a comment's history (create, update or delete), by whom and when."""
    return {
        "comment_seq": seq,
        "version": version,
        "at": at,
        "actor_kind": caller.kind,
        "actor_id": caller.id,
        "actor_name": caller.name,
        "action": action,
        "before": before,
        "after": after,
        "reason": reason,
    }


def snapshot(row: dict[str, Any]) -> dict[str, Any]:
    """The tracked fields of a new comment, as its first version stores them."""
    out = {k: row[k] for k in TRACKED}
    out["collected_on"] = out["collected_on"].isoformat()
    return out


def plain(value: Any) -> Any:
    """A field's value as a version stores it (JSON: dates as ISO text, enumerations as codes)."""
    if isinstance(value, date):
        return value.isoformat()
    return value.value if hasattr(value, "value") else value


def history(session: Session, *, caller: Caller, comment_id: uuid.UUID) -> list[HistoryEntry]:
    comment = get_comment(session, caller=caller, comment_id=comment_id, deleted_ok=True)
    show = can_see_personal(caller, comment.entered_unit_id)
    entries = []
    for v in session.scalars(
        select(CommentVersion)
        .where(col(CommentVersion.comment_seq) == comment.seq)
        .order_by(col(CommentVersion.version))
    ):
        before, after = v.before, v.after
        if not show:
            before, after = mask_personal(before), mask_personal(after)
        changed = (
            sorted(set(before or {}) | set(after or {})) if v.action in ("update", "erase") else []
        )
        entries.append(
            HistoryEntry(
                version=v.version,
                action=v.action,
                at=v.at,
                reason=v.reason,
                changed=changed,
                actor={"kind": v.actor_kind, "id": v.actor_id, "name": v.actor_name},
                before=before,
                after=after,
            )
        )
    return entries
