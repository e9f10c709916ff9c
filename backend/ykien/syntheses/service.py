"""The syntheses' services, as the router, the report and the demo call them.

Who acts: the unit's own secretaries and admins compile and submit its synthesis; those of the
parent unit accept it, return it or give feedback on its items; everyone whose scope covers the
unit reads it (viewers and API keys included). A superuser may do anything.

Counting: a comment counts 1 comment and its ``people``; a child item carries its own counts up.
A comment is counted at most once per synthesis, directly or through the child items it merges;
comments that a child's submitted synthesis already carries are merged through that child's item.

Each job lives in its own module: ``versions`` (the state machine and feedback), ``items`` and
``sources`` (what an item merges), ``progress`` (submissions, incoming, progress), ``provenance``,
``suggestions``, ``coverage`` (what is not merged yet), ``checks``, ``presenters`` (API shapes),
``access`` (the readable query and the object checks), ``deadlines``.
"""

from ykien.syntheses.checks import checks
from ykien.syntheses.coverage import uncovered
from ykien.syntheses.deadlines import deadline_of, is_late
from ykien.syntheses.items import create_item, delete_item, update_item
from ykien.syntheses.presenters import items_public, page, public, summaries
from ykien.syntheses.progress import incoming, progress, submissions
from ykien.syntheses.provenance import carried
from ykien.syntheses.queries import items_of
from ykien.syntheses.suggestions import suggestions
from ykien.syntheses.versions import (
    accept,
    create_synthesis,
    figures,
    get_synthesis,
    list_syntheses,
    return_,
    set_feedback,
    submit,
)

__all__ = [
    "accept",
    "carried",
    "checks",
    "create_item",
    "create_synthesis",
    "deadline_of",
    "delete_item",
    "figures",
    "get_synthesis",
    "incoming",
    "is_late",
    "items_of",
    "items_public",
    "list_syntheses",
    "page",
    "progress",
    "public",
    "return_",
    "set_feedback",
    "submissions",
    "submit",
    "suggestions",
    "summaries",
    "uncovered",
    "update_item",
]
