"""What other packages use of comments. The rules live by job: ``access`` (who reads what, and
personal data), ``entry`` (create and batch, idempotent), ``reading`` (get, lists, search,
export rows), ``changes`` (edit, delete), ``history`` (the versions)."""

from ykien.comments.access import public, readable_comments
from ykien.comments.changes import delete_comment, erase_contributor, update_comment
from ykien.comments.entry import Created, create_comments
from ykien.comments.history import history
from ykien.comments.reading import (
    Filters,
    count_comments,
    filtered,
    get_comment,
    iter_export,
    list_comments,
    list_tombstones,
)

__all__ = [
    "Created",
    "Filters",
    "count_comments",
    "create_comments",
    "delete_comment",
    "erase_contributor",
    "filtered",
    "get_comment",
    "history",
    "iter_export",
    "list_comments",
    "list_tombstones",
    "public",
    "readable_comments",
    "update_comment",
]
