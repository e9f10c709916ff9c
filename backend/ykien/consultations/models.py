"""Consultation, document and section tables."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow


class Consultation(SQLModel, table=True):
    __tablename__ = "consultation"
    __table_args__ = (CheckConstraint("status IN ('open','closed')", name="status"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    # The owner unit's path, copied: the consultation's subtree and the ancestors who see it.
    unit_path: str = Field(sa_type=path_type(), index=True)
    opens_on: date
    closes_on: date
    # {"residential_area": "2020-08-25", "commune": "2020-09-01", ...}: synthesis deadline per level
    deadlines: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="open", sa_type=String(10))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What the consultation gathers: comments on draft documents, or public sentiment by topic
    # over a period (its documents are topic lists; `consultations/sentiment.py`).
    kind: str = Field(default="documents", sa_type=String(10))
    # The period a sentiment consultation covers (a calendar month); null for documents.
    period_start: date | None = None
    period_end: date | None = None


class ConsultationKind(StrEnum):
    documents = "documents"
    sentiment = "sentiment"


# One sentiment consultation per unit and period ("open next month's" is idempotent by it);
# documents consultations have no period, and NULLs never collide.
Index(
    "uq_consultation_unit_period",
    Consultation.__table__.c.unit_id,  # type: ignore[attr-defined]
    Consultation.__table__.c.period_start,  # type: ignore[attr-defined]
    unique=True,
)


class Document(SQLModel, table=True):
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("consultation_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True)
    code: str = Field(max_length=40)
    title: str = Field(max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Section(SQLModel, table=True):
    __tablename__ = "section"
    __table_args__ = (Index("ix_section_document_position", "document_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id")
    parent_id: int | None = Field(default=None, foreign_key="section.id")
    number: str = Field(max_length=20)
    heading: str = Field(max_length=500)
    text: str | None = Field(default=None, sa_type=Text)
    position: int  # document order (depth-first), for listing the tree
    depth: int = 0
