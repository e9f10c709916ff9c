"""Changing stored comments: edits (guarded by ``version``) and soft deletions, each a version
in the history and a move in the roll-ups, in the same transaction."""

import uuid
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.access import (
    MASK,
    PERSONAL,
    can_see_personal,
    erasable_comments,
    may_erase_personal,
)
from ykien.comments.entry import fact_of
from ykien.comments.history import REQUIRED, TRACKED, plain, version_row
from ykien.comments.models import VERSION_TABLE, Comment, CommentVersion
from ykien.comments.reading import get_comment
from ykien.comments.references import Context, resolve
from ykien.comments.schemas import CommentUpdate
from ykien.consultations.models import Consultation
from ykien.consultations.service import require_open
from ykien.core.audit import record
from ykien.core.bulk import insert_all
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound
from ykien.core.text import fold
from ykien.stats import rollup
from ykien.units.models import Unit


def update_comment(
    session: Session, *, caller: Caller, comment_id: uuid.UUID, data: CommentUpdate
) -> Comment:
    comment = get_comment(session, caller=caller, comment_id=comment_id)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if any(k in changes for k in PERSONAL) and not can_see_personal(
        caller, comment.entered_unit_id
    ):
        # Whoever may not read them may not write them either (nor learn them by a no-op edit).
        raise Forbidden(
            "Only the entering unit's admin, secretary and entry users may change the "
            "contributor's name and contact."
        )
    if data.version is not None and data.version != comment.version:
        raise Conflict(f"The comment changed meanwhile (now version {comment.version}); reload it.")
    for key in REQUIRED:
        if key in changes and changes[key] is None:
            raise Invalid(["body", key], "may not be null")
    before_row = comment.model_dump()
    merged = {**before_row, **changes}
    ctx = Context(session, caller, single=True)
    # Its current consultation must be open too: moving it out of a closed one is a write.
    _document, current_consultation = ctx.document(comment.document_id, ["body", "document_id"])
    require_open(current_consultation)
    target = resolve(ctx, merged, ["body"])
    changed = [k for k in TRACKED if k in changes and plain(changes[k]) != plain(before_row[k])]
    if not changed:
        return comment
    old_fact = fact_of(comment, _level_of(session, comment.unit_id))
    for key in changed:
        value = changes[key]
        setattr(comment, key, value.value if isinstance(value, Enum) else value)
    assert target.consultation.id is not None
    comment.consultation_id = target.consultation.id
    comment.unit_path = target.unit.path
    comment.content_folded = fold(comment.content)
    comment.version += 1
    comment.updated_at = utcnow()
    session.add(comment)
    session.flush()
    rollup.apply_comments(session, [(old_fact, -1), (fact_of(comment, target.unit.level), 1)])
    _record_version(
        session,
        caller,
        comment,
        "update",
        before={k: plain(before_row[k]) for k in changed},
        after={k: plain(getattr(comment, k)) for k in changed},
    )
    return comment


def _record_version(
    session: Session,
    caller: Caller,
    comment: Comment,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """The comment's history row for the version it now is, by ``caller``."""
    row = version_row(
        caller,
        seq=comment.seq,
        version=comment.version,
        at=comment.updated_at,
        action=action,
        before=before,
        after=after,
        reason=reason,
    )
    insert_all(session, VERSION_TABLE, [row])


def _level_of(session: Session, unit_id: int) -> str:
    unit = session.get(Unit, unit_id)
    assert unit is not None
    return unit.level


def delete_comment(
    session: Session, *, caller: Caller, comment_id: uuid.UUID, reason: str | None
) -> None:
    comment = get_comment(session, caller=caller, comment_id=comment_id)
    consultation = session.get(Consultation, comment.consultation_id)
    assert consultation is not None
    require_open(consultation)
    now = utcnow()
    rollup.apply_comments(session, [(fact_of(comment, _level_of(session, comment.unit_id)), -1)])
    comment.deleted_at, comment.deleted_by, comment.delete_reason = now, caller.user_id, reason
    comment.version += 1
    comment.updated_at = now
    session.add(comment)
    session.flush()
    _record_version(session, caller, comment, "delete", reason=reason)


def erase_contributor(session: Session, *, caller: Caller, comment_id: uuid.UUID) -> None:
    """Erasure on request: the contributor's name and contact leave the comment and every
    version of its history; the comment and its counts stay. The history and the audit trail
    record that they were erased, not what they were."""
    comment = session.scalar(erasable_comments(caller).where(col(Comment.id) == comment_id))
    if comment is None:
        raise NotFound(f"Comment {comment_id} does not exist.")
    if not may_erase_personal(caller, comment.entered_unit_id):
        raise Forbidden(
            "Only the entering unit's admin or secretary may erase the contributor's name "
            "and contact."
        )
    erased = {k for k in PERSONAL if getattr(comment, k) is not None}
    for version in session.scalars(
        select(CommentVersion).where(col(CommentVersion.comment_seq) == comment.seq)
    ):
        for side in ("before", "after"):
            values = getattr(version, side)
            if values and any(values.get(k) is not None for k in PERSONAL):
                erased |= {k for k in PERSONAL if values.get(k) is not None}
                # A new dict: the JSON column does not track changes inside the old one.
                setattr(version, side, {**values, **{k: None for k in PERSONAL if k in values}})
                session.add(version)
    if not erased:
        return
    fields = [k for k in PERSONAL if k in erased]
    before, after = dict.fromkeys(fields, MASK), dict.fromkeys(fields)
    comment.contributor_name = comment.contributor_contact = None
    comment.version += 1
    comment.updated_at = utcnow()
    session.add(comment)
    session.flush()
    _record_version(session, caller, comment, "erase", before=before, after=after)
    # The trail names the erased fields; their values, before or after, never enter it.
    record(
        session, caller.actor, "erase_contributor", "comment", comment.id, after={"erased": fields}
    )
