"""API shapes of meetings."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ykien.consultations.schemas import Day
from ykien.core.params import Id
from ykien.core.text import TextRule
from ykien.meetings.models import MeetingKind


class MeetingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit_id: Id
    consultation_id: Id
    held_on: Day
    kind: MeetingKind
    title: Annotated[str, TextRule(300, name=True)] | None = None
    participants: int = Field(ge=0, le=1_000_000)


class MeetingPublic(BaseModel):
    id: int
    unit_id: int
    consultation_id: int
    held_on: date
    kind: MeetingKind
    title: str | None
    participants: int
