"""Who reads which comments, and who sees the contributor's personal data.

Every get and list of comments starts from ``readable_comments``; every answer that carries a
comment or its history goes through ``public`` or ``mask_personal``. These are the one place of
both rules.
"""

from typing import Any

from sqlalchemy import Select, or_, select
from sqlmodel import col

from ykien.accounts.caller import COMPILERS, WRITERS, Caller
from ykien.comments.models import Comment
from ykien.comments.schemas import CommentPublic

PERSONAL = ("contributor_name", "contributor_contact")
MASK = "***"


def readable_comments(caller: Caller) -> Select[Comment]:
    """The comments the caller may read (deleted ones included): those of its subtree, by the
    condition that the scope indexes serve in seq order (a list's page costs one page)."""
    return select(Comment).where(caller.scope.indexed_condition(Comment.unit_path))


def erasable_comments(caller: Caller) -> Select[Comment]:
    """The comments whose personal data the caller may ask to erase: those it may read, and
    those its unit entered wherever they were moved since."""
    condition = caller.scope.condition(Comment.unit_path)
    if caller.unit_id is not None:
        condition = or_(condition, col(Comment.entered_unit_id) == caller.unit_id)
    return select(Comment).where(condition)


def can_see_personal(caller: Caller, entered_unit_id: int | None) -> bool:
    """The contributor's name and contact belong to the unit where the comment was first
    entered: only that unit's admin, secretary and entry users see them, wherever the comment
    is moved later. Not the superuser (no unit), not API keys, not the units above."""
    return (
        caller.kind == "user"
        and caller.role in WRITERS
        and caller.unit_id is not None
        and caller.unit_id == entered_unit_id
    )


def may_erase_personal(caller: Caller, entered_unit_id: int | None) -> bool:
    """Erasure on request: by the entering unit's admin or secretary."""
    return (
        caller.kind == "user"
        and caller.role in COMPILERS
        and caller.unit_id is not None
        and caller.unit_id == entered_unit_id
    )


def public(caller: Caller, c: Comment | dict[str, Any]) -> CommentPublic:
    """A comment as the caller may see it."""
    row = c if isinstance(c, dict) else c.model_dump()
    show = can_see_personal(caller, row["entered_unit_id"])
    return CommentPublic(
        **{k: row[k] for k in CommentPublic.model_fields if k not in PERSONAL},
        contributor_name=row["contributor_name"] if show else None,
        contributor_contact=row["contributor_contact"] if show else None,
    )


def mask_personal(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """A version's fields with the personal ones that were filled in shown as ``***``."""
    if values is None:
        return None
    return {k: (MASK if k in PERSONAL and v else v) for k, v in values.items()}
