"""API shapes of works: registration (create), changes (update, with the status), progress notes,
the answers, and the roll-up."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ykien.comments.models import Organization
from ykien.consultations.schemas import Day
from ykien.core.params import MAX_ID, Id
from ykien.core.text import TextRule
from ykien.works.models import MAX_VALUE_VND, WorkKind, WorkStatus

Title = Annotated[str, TextRule(300, name=True)]
Description = Annotated[str, TextRule(5_000)]
NoteText = Annotated[str, TextRule(2_000)]
ValueVnd = Annotated[int, Field(ge=0, le=MAX_VALUE_VND, description="Estimated value in VND.")]

_EXAMPLE: JsonDict = {
    "id": "01927f3c-8a2b-7c4d-9e1f-2a3b4c5d6e7f",
    "unit_id": 4,
    "organization": "youth_union",
    "kind": "project",
    "title": "Tuyến đường thanh niên tự quản ấp Minh Phong",
    "description": "Bê tông hóa 1,2 km đường nông thôn.",
    "value_vnd": 850_000_000,
    "registered_on": "2020-06-15",
    "due_on": "2020-09-04",
}


class WorkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    id: uuid.UUID | None = Field(
        default=None,
        description="Client-chosen id: a retry with the same body answers 200, not a duplicate.",
    )
    unit_id: Id = Field(description="The unit that registers the work (in your subtree).")
    organization: Organization = Field(
        default=Organization.front, description="The member organisation that registers it."
    )
    kind: WorkKind = Field(description="`project` (công trình) or `task` (phần việc).")
    title: Title
    description: Description | None = None
    value_vnd: ValueVnd | None = None
    registered_on: Day = Field(description="The day it was registered (not after today).")
    due_on: Day = Field(description="The day it is due (not before `registered_on`).")


class WorkUpdate(BaseModel):
    """The fields to change; those left out stay. ``status`` moves the work (done needs
    ``completed_on``; done and dropped are final: only an admin reopens them)."""

    model_config = ConfigDict(extra="forbid")

    organization: Organization | None = None
    kind: WorkKind | None = None
    title: Title | None = None
    description: Description | None = None
    value_vnd: ValueVnd | None = None
    registered_on: Day | None = None
    due_on: Day | None = None
    status: WorkStatus | None = None
    completed_on: Day | None = Field(
        default=None, description="The day it was completed: required when `status` is done."
    )
    version: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="The version you edited; 409 if stale."
    )


class NoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID | None = Field(
        default=None, description="Client-chosen id: a resent note is stored once."
    )
    noted_on: Day = Field(description="The day the progress was observed (not after today).")
    text: NoteText


class NotePublic(BaseModel):
    id: uuid.UUID
    noted_on: date
    text: str
    created_at: datetime


class WorkPublic(BaseModel):
    id: uuid.UUID
    unit_id: int
    unit_name: str
    organization: Organization
    kind: WorkKind
    title: str
    description: str | None
    value_vnd: int | None
    registered_on: date
    due_on: date
    status: WorkStatus
    completed_on: date | None
    overdue: bool = Field(description="Past its due day (Vietnam's today) and not done or dropped.")
    version: int
    created_at: datetime
    updated_at: datetime


class WorkDetail(WorkPublic):
    notes: list[NotePublic] = Field(description="Progress notes, oldest first.")


class WorkTotals(BaseModel):
    """Counts of works (every status), and ``value_vnd``: the estimated values of those not
    dropped."""

    count: int = 0
    value_vnd: int = 0
    registered: int = 0
    in_progress: int = 0
    done: int = 0
    dropped: int = 0
    overdue: int = 0


class UnitTotals(BaseModel):
    unit_id: int | None = Field(description="The child unit; null: works of the unit itself.")
    name: str | None
    totals: WorkTotals


class OrganizationTotals(BaseModel):
    organization: Organization
    totals: WorkTotals


class KindTotals(BaseModel):
    kind: WorkKind
    totals: WorkTotals


class WorkSummary(BaseModel):
    """A unit's works rolled up over its subtree: in all, per direct child (plus its own), per
    member organisation and per kind."""

    unit_id: int
    name: str
    as_of: date = Field(description="Vietnam's today, against which `overdue` is judged.")
    totals: WorkTotals
    by_child: list[UnitTotals]
    by_organization: list[OrganizationTotals]
    by_kind: list[KindTotals]
