"""API shapes of aggregates."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from ykien.units.schemas import UnitRef


class GroupBy(StrEnum):
    child = "child"
    section = "section"
    category = "category"
    stance = "stance"
    channel = "channel"
    organization = "organization"
    day = "day"
    level = "level"


class Totals(BaseModel):
    comments: int
    people: int
    meetings: int
    participants: int


class Group(BaseModel):
    key: dict[str, Any]
    comments: int
    people: int


class Stats(BaseModel):
    unit: UnitRef
    totals: Totals
    groups: list[Group]


class StatsQuery(BaseModel):
    consultation_id: int | None = None
    document_id: int | None = None
    section_id: int | None = None
    from_: date | None = None
    to: date | None = None
    group_by: list[GroupBy] = []
