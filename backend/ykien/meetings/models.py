"""The meeting table."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow


class MeetingKind(StrEnum):
    residential_area_meeting = "residential_area_meeting"
    committee_conference = "committee_conference"
    advisory_council = "advisory_council"
    staff_conference = "staff_conference"
    other = "other"


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("participants >= 0", name="participants"),
        Index("ix_meeting_consultation_path", "consultation_id", "unit_path"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    unit_path: str = Field(sa_type=path_type())
    consultation_id: int = Field(foreign_key="consultation.id")
    held_on: date
    kind: str = Field(sa_type=String(32))
    title: str | None = Field(default=None, max_length=300)
    participants: int
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
