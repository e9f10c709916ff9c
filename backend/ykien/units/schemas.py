"""API shapes of units."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ykien.core.params import MAX_ID
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


class UnitImportRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code
    name: Name
    level: UnitLevel
    parent_code: Code | None = None


class UnitImportResult(BaseModel):
    created: int
    items: list[UnitPublic]
