"""Who reads which comments, and who sees the contributor's personal data.

Every get and list of comments starts from ``readable_comments``; every answer that carries a
comment or its history goes through ``public`` or ``mask_personal``. These are the one place of
both rules.
"""

from typing import Any

from sqlalchemy import Select, select

from ykien.accounts.caller import WRITERS, Caller
from ykien.comments.models import Comment
from ykien.comments.schemas import CommentPublic

PERSONAL = ("contributor_name", "contributor_contact")
MASK = "***"


def readable_comments(caller: Caller) -> Select[Comment]:
    """The comments the caller may read (deleted ones included): those of its subtree."""
    return select(Comment).where(caller.scope.condition(Comment.unit_path))


def can_see_personal(caller: Caller, unit_id: int) -> bool:
    """Contributor name and contact stay in the unit that entered them (and with superusers)."""
    if caller.kind != "user":
        return False
    return caller.is_superuser or (caller.role in WRITERS and caller.unit_id == unit_id)


def public(caller: Caller, c: Comment | dict[str, Any]) -> CommentPublic:
    """A comment as the caller may see it."""
    row = c if isinstance(c, dict) else c.model_dump()
    show = can_see_personal(caller, row["unit_id"])
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
