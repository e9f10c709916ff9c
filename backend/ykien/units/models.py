"""Units: one row per Front committee (or residential-area work board), with a materialised path."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow


class UnitLevel(StrEnum):
    central = "central"
    province = "province"
    district = "district"
    commune = "commune"
    residential_area = "residential_area"


LEVEL_RANK: dict[str, int] = {level.value: rank for rank, level in enumerate(UnitLevel)}


class Unit(SQLModel, table=True):
    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint(
            "level IN ('central','province','district','commune','residential_area')", name="level"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    name_folded: str = Field(max_length=200, index=True)
    level: str = Field(sa_type=String(20))
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    # "/1/5/23/": the ids from the root down, ending with this unit's own. See units/scope.py.
    path: str = Field(default="", sa_type=path_type(), index=True)
    depth: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
