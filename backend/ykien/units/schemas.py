"""API shapes of units."""

import uuid
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ykien.core.params import MAX_ID, Id
from ykien.core.text import Name as Name  # re-exported: accounts.schemas names people with it
from ykien.units.models import UnitLevel

Code = Annotated[
    str,
    StringConstraints(min_length=1, max_length=32, pattern=r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*$"),
    AfterValidator(str.strip),
]


class UnitCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="Official code where one exists; unique.")
    name: Name
    level: UnitLevel
    parent_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class UnitRef(BaseModel):
    id: int
    name: str
    level: UnitLevel


class UnitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    level: UnitLevel
    parent_id: int | None
    path: str
    depth: int
    valid_from: date | None = Field(description="First day the unit is valid; null: always was.")
    valid_to: date | None = Field(description="Last day the unit is valid; null: still valid.")


class UnitImportRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code
    name: Name
    level: UnitLevel
    parent_code: Code | None = None


class UnitImportResult(BaseModel):
    created: int
    items: list[UnitPublic]


# --- eras: merges and lineage (units/eras.py, units/merge.py) ------------------------------------

MergeDay = Annotated[date, Field(ge=date(2000, 1, 2), le=date(2100, 12, 31))]


class NewUnit(BaseModel):
    """The unit a merge creates (valid from the merge's date)."""

    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="Official code where one exists; unique.")
    name: Name
    level: UnitLevel
    parent_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class UnitMergeRequest(BaseModel):
    """Several units merged into a new unit or an existing one, effective on a day."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID = Field(
        description="Client id of the merge: the same body sent again gets the same answer."
    )
    from_unit_ids: list[Id] = Field(
        min_length=1, max_length=500, description="The merged units, all of one level."
    )
    into_unit_id: Id | None = Field(
        default=None, description="An existing unit they go into (or give `new_unit`)."
    )
    new_unit: NewUnit | None = Field(
        default=None, description="The unit created to receive them (or give `into_unit_id`)."
    )
    effective_on: MergeDay = Field(
        description="First day of the merged unit; the sources' last day is the day before."
    )


class UnitMergeResult(BaseModel):
    id: uuid.UUID
    unit: UnitPublic
    created: bool = Field(description="The receiving unit was created by this merge.")
    effective_on: date
    from_units: list[UnitPublic]


class LineageLink(BaseModel):
    unit: UnitPublic
    effective_on: date
    principal: bool = Field(
        description="A predecessor's figures land here (its first recorded successor)."
    )


class UnitLineagePublic(BaseModel):
    unit: UnitPublic
    predecessors: list[LineageLink] = Field(description="Units merged into this one.")
    successors: list[LineageLink] = Field(description="Units this one was merged into.")
    current: UnitPublic | None = Field(
        description="Where this unit's figures land on today's tree (null: it is current)."
    )
