"""Units: one row per Front committee (or residential-area work board), with a materialised path.

A unit is valid from ``valid_from`` (null: since always) to ``valid_to`` (null: still valid), both
days included; merged units keep their rows and paths (the roll-ups are keyed by path) and the
lineage says where they went (``UnitLineage``, see ``units/eras.py``).
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String, UniqueConstraint, Uuid
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
    valid_from: date | None = None
    valid_to: date | None = Field(default=None, index=True)


class UnitMerge(SQLModel, table=True):
    """One merge as asked (``POST /units/merge``): its client id and body hash make a retry
    answer the same, and its lineage rows hang from it."""

    __tablename__ = "unit_merge"

    id: uuid.UUID = Field(sa_type=Uuid(), primary_key=True)
    body_hash: str = Field(max_length=64)
    to_unit_id: int = Field(foreign_key="unit.id")
    effective_on: date
    created: bool = False  # the target was created by this merge
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = None


class UnitLineage(SQLModel, table=True):
    """``from_unit`` went into ``to_unit`` on ``effective_on``. A unit split between several
    successors has several rows; the first recorded (lowest id) is its principal successor."""

    __tablename__ = "unit_lineage"
    __table_args__ = (UniqueConstraint("from_unit_id", "to_unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    from_unit_id: int = Field(foreign_key="unit.id", index=True)
    to_unit_id: int = Field(foreign_key="unit.id", index=True)
    effective_on: date
    merge_id: uuid.UUID | None = Field(default=None, sa_type=Uuid(), foreign_key="unit_merge.id")
