"""API shapes of aggregates.

An answer of ``GET /units/{id}/stats`` may hold tens of thousands of groups: it is built as plain
dicts, a column at a time, and written by orjson without a model per group (docs/performance.md).
Its shapes are therefore ``TypedDict``s: one definition types the service's result for mypy and,
through pydantic, the answer's schema in the OpenAPI document. ``tests/stats/test_stats_api.py``
validates real answers against that schema.
"""

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field
from typing_extensions import TypedDict  # pydantic reads TypedDicts from here before 3.12

from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.units.models import UnitLevel


class GroupBy(StrEnum):
    child = "child"
    section = "section"
    category = "category"
    stance = "stance"
    channel = "channel"
    organization = "organization"
    day = "day"
    level = "level"


class UnitLabel(TypedDict):
    """A unit as an answer names it (the shape of ``UnitRef``)."""

    id: int
    name: str
    level: UnitLevel


class SectionLabel(TypedDict):
    """A section of a document as an answer names it."""

    id: int
    number: str
    heading: str
    document_id: int


class GroupKey(TypedDict, total=False):
    """The group's value of each dimension asked for in ``group_by``, and of no other."""

    child: Annotated[
        UnitLabel | None,
        Field(description="The unit's child whose subtree entered them; null: the unit itself"),
    ]
    section: Annotated[
        SectionLabel | None, Field(description="null: comments on the whole document")
    ]
    category: Category
    stance: Stance
    channel: Channel
    organization: Organization
    day: Annotated[date, Field(description="The day the comments were collected")]
    level: Annotated[UnitLevel, Field(description="The level of the unit that entered them")]


class Group(TypedDict):
    key: GroupKey
    comments: int
    people: int


class Totals(TypedDict):
    comments: int
    people: int
    meetings: int
    participants: int


class Stats(TypedDict):
    """Counts of a unit's whole subtree; the groups of any grouping add up to ``totals``. Days
    come in order; other groups most comments first, ties by key."""

    unit: UnitLabel
    totals: Totals
    groups: list[Group]


class StatsQuery(BaseModel):
    consultation_id: int | None = None
    document_id: int | None = None
    section_id: int | None = None
    from_: date | None = None
    to: date | None = None
    group_by: list[GroupBy] = []
